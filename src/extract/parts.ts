/**
 * The six mandated parts of an annual report and how their headings are
 * recognised in print, allowing the variation real reports show (行政法复议,
 * 改进措施 for 改进情况, 、 or . or nothing after the numeral).
 */
export interface PartDefinition {
  /** The narrative key of a six-part data file. */
  key: 'overview' | 'proactive' | 'requests' | 'review_litigation' | 'problems' | 'other';
  numeral: string;
  /** The heading as mandated, without its numeral. */
  mandated: string;
  /** The heading's words, tolerant of the variations seen in real reports. */
  words: RegExp;
}

export const PARTS: readonly PartDefinition[] = [
  { key: 'overview', numeral: '一', mandated: '总体情况', words: /总体情况/ },
  { key: 'proactive', numeral: '二', mandated: '主动公开政府信息情况', words: /主动公开政府信息的?情况/ },
  { key: 'requests', numeral: '三', mandated: '收到和处理政府信息公开申请情况', words: /收到和处理政府信息公开申请的?情况/ },
  {
    key: 'review_litigation',
    numeral: '四',
    mandated: '政府信息公开行政复议、行政诉讼情况',
    words: /政府信息公开行政法?复议[、，,和及]?\s*行政诉讼的?情况/,
  },
  { key: 'problems', numeral: '五', mandated: '存在的主要问题及改进情况', words: /存在的主要问题及其?改进(?:情况|措施)/ },
  { key: 'other', numeral: '六', mandated: '其他需要报告的事项', words: /其他需要?报告的事项/ },
];

/** The mandated heading as printed: 一、总体情况. */
export const mandatedHeading = (part: PartDefinition) => `${part.numeral}、${part.mandated}`;

/** A part heading anywhere in a text (`at` = 'start': only at its start). */
export function headingPattern(part: PartDefinition, at: 'start' | 'anywhere'): RegExp {
  return new RegExp(`${at === 'start' ? '^' : ''}${part.numeral}\\s*[、.．,，]?\\s*(?:${part.words.source})`, at === 'start' ? '' : 'g');
}

const NAME = '[^\\s:：，。；;“”"《》]';
const REPORT = '(?:政府)?信息公开(?:工作)?年度?报告';
/** A title of an annual report: 平潭综合实验区2023年度政府信息公开工作年度报告, or the year first: 2024年上海市科委政府信息公开工作年度报告. */
const TITLE_PATTERNS = [
  { pattern: new RegExp(`(${NAME}{0,60}?)(\\d{4})\\s*年度?\\s*${REPORT}`), name: 1, year: 2 },
  { pattern: new RegExp(`(\\d{4})\\s*年度?\\s*(${NAME}{0,60}?)${REPORT}`), name: 2, year: 1 },
];

export interface TitleFound {
  text: string;
  year: number;
  organization: string;
}

/**
 * A match inside a quoted document name is not the report's title: a preamble citing
 * 《福建省人民政府办公厅关于编制公布2021年政府信息公开工作年度报告有关事项的通知》 names the notice, not the report.
 */
const quotedName = (compact: string, start: number, end: number) => compact[start - 1] === '《' || /^(?:有关|的通知|》)/.test(compact.slice(end));

/** Sentence punctuation: a paragraph holding it outside its title-like words is a sentence, not a title. */
const SENTENCE = /[。，,；;！!？?]/;

/**
 * The title when a paragraph is one (a line of its own): “特向社会公布平潭…2024年政府信息公开工作年度报告。”
 * names the report inside a sentence of the preamble and is not its title.
 */
export function findTitleLine(text: string): TitleFound | undefined {
  const found = findTitle(text);
  if (!found) return undefined;
  const compact = text.replace(/\s+/g, '');
  return SENTENCE.test(compact.replace(found.text, '')) ? undefined : found;
}

/** The title in a text (white space ignored), with the year and the body it names. */
export function findTitle(text: string): TitleFound | undefined {
  const compact = text.replace(/\s+/g, '');
  for (const { pattern, name, year } of TITLE_PATTERNS) {
    const matches = new RegExp(pattern.source, 'g');
    for (let match = matches.exec(compact); match; match = matches.exec(compact)) {
      if (quotedName(compact, match.index, match.index + match[0].length)) continue;
      return { text: match[0], year: Number(match[year]), organization: match[name] ?? '' };
    }
  }
  return undefined;
}
