/**
 * Reports without the six mandated parts (the years under the 2007
 * regulation): a title, a preamble, free sections 一、二、… with deeper levels
 * （一）, 1., （1）, a signature, optionally the 政府信息公开工作统计表 as an
 * attachment with its 填报 footer, and other material appended after the
 * report (a web page's 扩展阅读). Read from the document's lines by general
 * rules only:
 *
 * - the title is the last line (or run of up to three lines without sentence
 *   punctuation) before the text that names 信息公开 and ends in 报告, 总结 or
 *   汇报; lines before it are page furniture, metadata lines after it too;
 * - the year is the title's (a year masked by a reposting site as “201*” is
 *   reported and the format chosen by the document's form), else the year of
 *   the 政府信息公开工作报告 or of the statistics period the first paragraphs
 *   speak of, else the statistics table's; without a year or without two
 *   numbered sections the document is refused;
 * - a numbered line 一、 opens a section (its heading up to the first 。 when
 *   text runs on); （一）, 1. and （1） lines are headings of the next levels
 *   only when they stand alone (no sentence punctuation), otherwise they are
 *   paragraphs as printed; a line “、标题” standing where the next section is
 *   due is that section with its numeral lost in copying (reported);
 * - a line broken mid-sentence is joined to the next; a line holding the next
 *   numbered item after a sentence end is cut there;
 * - the document ends at the first line of page furniture (打印, 返回, 上一篇,
 *   友情提示, …); a date line (and a name before it) closing the report is the
 *   signature, whose name is the organisation's full name.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { AnyFormat } from '../formats/registry.js';
import { STATISTICS_TABLE_IDS, STATISTICS_TABLE_TITLE } from '../formats/legacy/tables.js';
import type { TableGrid } from '../tables/grid.js';
import { cleanParagraph, normalizeLabel, type ExtractBlock, type TableCellText } from './blocks.js';
import { isMetadataLine, isPageFurniture, type NarrativeBlock } from './structure.js';
import { mapTableRows, tableData } from './tables.js';

/** Sentence punctuation: a line holding one is text, not a title or a heading standing alone. */
const SENTENCE = /[。；！？!?;]/;
/** Punctuation a finished paragraph ends with; a line ending otherwise was broken in copying. */
const TERMINAL = /[。！？；：:!?;…”"]$/;
const TEXTLIKE = /[。，,；;！？!?]/;
/** A report's or work summary's title: names 信息公开 and ends in 报告, 总结 or 汇报. */
const TITLE = /信息公开.*(?:报告|总结|汇报)$/;
/** A year as printed, or masked by a reposting site (201*). */
const YEAR = /(\d{4}|\d{3}\*)\s*年/;
/**
 * The first paragraphs speaking of the year's report (在综合分析……2017年政府信息公开工作报告的基础上)
 * or of its statistics period (统计期限为2018年1月1日至2018年12月31日).
 */
const YEAR_OF_REPORT = [/(\d{4})\s*年度?\s*(?:政府)?信息公开(?:工作)?(?:年度)?报告/, /统计(?:期限|时限|时间)\S{0,4}?(\d{4})\s*年\s*1\s*月\s*1\s*日/];
/** A label over an attachment or appended material: 附件2, 扩展阅读：…. */
const LABEL = /^(?:扩展阅读|相关阅读|附件\s*[0-9０-９]*|附录\s*[0-9０-９]*)(?:\s*[:：].*)?$/;
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
const TOP = /^([一二三四五六七八九十]{1,3})\s*[、.．]\s*/;
const LOST_NUMERAL = /^[、]\s*(\S.*)$/;
/** Deeper levels: （一） 2, 1. 3, （1） 4. */
const LEVELS: readonly [RegExp, number][] = [
  [/^[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]\s*/, 2],
  [/^[0-9０-９]{1,2}\s*[.．、](?![0-9０-９])\s*/, 3],
  [/^[（(]\s*[0-9０-９]{1,2}\s*[）)]\s*/, 4],
];
/** A heading standing alone is at most this long. */
const HEADING_MAX = 40;
/** A date closing the report: 2018年3月18日; a name run into it and a masked year as copied: 201*珠晖区信息化工作办公室年12月17日. */
const SIGNATURE_DATE = /^(?:(\d{3}[\d*])\s*)?([^\d\s。，,；;：:]{0,38}?)\s*(?:(\d{3}[\d*])\s*)?年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const SIGNER = /^[^\s。，,；;：:、（(]{2,38}$/;

export interface FreeSection {
  heading: string;
  body: NarrativeBlock[];
}

interface Signature {
  name?: string;
  date?: string;
  date_text?: string;
}

export interface FreeSectionsRead {
  /** The data file's content; undefined when refused. */
  data?: Record<string, unknown>;
  refusal?: string;
}

/** How a document reads as a free-section report: its title, year and where its text begins. */
interface Front {
  title?: string[];
  year?: number;
  maskedYear?: string;
  organization?: { name: string; level?: string };
  /** Index of the first line of the text (preamble or 一、). */
  start: number;
}

const isTopHeading = (line: string, expected: number) => {
  const top = TOP.exec(line);
  return top !== null && top[1] === NUMERALS[expected];
};

function levelOf(line: string): { level: number; marker: string } | undefined {
  for (const [pattern, level] of LEVELS) {
    const match = pattern.exec(line);
    if (match) return { level, marker: match[0] };
  }
  return undefined;
}

/** The title, the year and the organisation from the lines before the text. */
function readFront(lines: readonly string[], pageTitle?: string): Front {
  let start = lines.findIndex((line, index) => TEXTLIKE.test(line) || line.length > 60 || isTopHeading(line, 0) || (index > 0 && LABEL.test(line)));
  if (start < 0) start = lines.length;
  let title: { from: number; lines: string[] } | undefined;
  for (let from = 0; from < start; from++) {
    for (let count = 1; count <= 3 && from + count <= start; count++) {
      const joined = lines.slice(from, from + count).join('').replace(/\s+/g, '');
      if (TITLE.test(joined)) {
        title = { from, lines: lines.slice(from, from + count) };
        break;
      }
    }
  }
  const front: Front = { start };
  // Without a title in the text, the page's own title when it reads as one (an HTML <title>).
  const pageTitleText = pageTitle?.replace(/\s+/g, '') ?? '';
  if (!title && TITLE.test(pageTitleText)) title = { from: 0, lines: [pageTitleText] };
  if (title) {
    front.title = title.lines;
    const text = title.lines.join('').replace(/\s+/g, '');
    const year = YEAR.exec(text);
    if (year) {
      if (year[1]!.includes('*')) front.maskedYear = year[1]!;
      else front.year = Number(year[1]);
      // 细河区2018年…报告, or the year first: 2017年度桃源县陬市镇政府信息公开工作报告.
      const name = text.slice(0, year.index).replace(/^关于/, '') || /^年度?(.*?)(?:政府)?信息公开/.exec(text.slice(year.index + year[1]!.length))?.[1] || '';
      if (name) front.organization = { name };
    } else {
      const name = /^(.*?)(?:政府)?信息公开/.exec(text)?.[1]?.replace(/^关于/, '');
      if (name) front.organization = { name };
    }
    // Lines between the title and the text are the page's metadata (发布日期, 来源, 字号…), or text.
    const after = lines[title.from] === title.lines[0] ? title.from + title.lines.length : 0;
    front.start = after;
    while (front.start < lines.length && isMetadataLine(lines[front.start]!)) front.start++;
  }
  if (front.year === undefined && front.maskedYear === undefined) {
    const first = lines.slice(front.start, front.start + 3).join('');
    for (const pattern of YEAR_OF_REPORT) {
      const stated = pattern.exec(first.replace(/\s+/g, ''));
      if (stated) {
        front.year = Number(stated[1]);
        break;
      }
    }
  }
  if (!front.organization) {
    // The fullest name of a 人民政府 the first paragraph gives (its website, the office to contact).
    const first = lines[front.start] ?? '';
    let best = '';
    for (const match of first.matchAll(/(?<=^|[，,。；;：:、（(“”《》\s]|与|由|在|向|经)((?:[\u4e00-\u9fa5]{1,8}?(?:省|自治区|市|盟|州|地区))*[\u4e00-\u9fa5]{1,8}?(?:区|县|市|旗|镇|乡|街道))人民政府/g)) {
      // A sentence's own words before the name (请与……联系, 可在……下载) are not part of it.
      const name = match[1]!.replace(/^(?:请|可|均)?(?:与|在|由|向|经|从)/, '');
      if (name.length > best.length) best = name;
    }
    if (best) front.organization = { name: best, level: '人民政府' };
  }
  return front;
}

/** The signature in one or two lines ending at `end` (exclusive), if the report closes with one. */
function signatureAt(lines: readonly string[], end: number): { signature: Signature; from: number } | undefined {
  const last = lines[end - 1];
  if (last === undefined || last.length > 50) return undefined;
  const date = SIGNATURE_DATE.exec(last.normalize('NFKC').replace(/\s+/g, ''));
  if (!date) return undefined;
  const year = date[1] ?? date[3];
  if (!year) return undefined;
  const signature: Signature = {};
  if (year.includes('*')) signature.date_text = `${year}年${date[4]}月${date[5]}日`;
  else signature.date = `${year}-${date[4]!.padStart(2, '0')}-${date[5]!.padStart(2, '0')}`;
  let from = end - 1;
  if (date[2]) signature.name = date[2];
  else {
    const before = lines[end - 2];
    if (before !== undefined && SIGNER.test(before) && !TOP.test(before) && !levelOf(before)) {
      signature.name = before;
      from = end - 2;
    }
  }
  return { signature, from };
}

interface Container {
  level: number;
  body: NarrativeBlock[];
}

/**
 * Lines → preamble and sections (一、 in order). Stops before `end`. Lines
 * broken mid-sentence are joined; a line holding the next numbered item after
 * a sentence end is cut.
 */
function readSections(
  source: readonly string[],
  diagnostics: Diagnostic[],
  where: string,
  copied: boolean,
  headings: ReadonlySet<string> = new Set(),
): { preamble: string[]; sections: FreeSection[] } {
  const queue = [...source];
  const preamble: string[] = [];
  const sections: FreeSection[] = [];
  let stack: Container[] = [];
  let pending: string | undefined;
  const flush = () => {
    if (pending === undefined) return;
    const text = cleanParagraph(pending);
    pending = undefined;
    if (!text) return;
    if (stack.length === 0) preamble.push(text);
    else stack.at(-1)!.body.push(text);
  };
  while (queue.length > 0) {
    let line = queue.shift()!;
    const expected = sections.length;
    // The next section's heading standing after a sentence end or a colon inside a line (…汇报如下：一、…): cut there.
    const nextTop = expected < NUMERALS.length ? new RegExp(`(?<=[。：:！？!?])\\s*${NUMERALS[expected]}\\s*[、.．]([^。！？!?]*)`).exec(line) : null;
    if (nextTop && nextTop[1]!.length <= HEADING_MAX) {
      queue.unshift(line.slice(nextTop.index).trim());
      line = line.slice(0, nextTop.index).trim();
    }
    // “4、…。5、…” in one line: cut before the next number.
    const own = /^([0-9]{1,2})\s*[、.．](?![0-9])/.exec(line.normalize('NFKC'));
    if (own) {
      const next = new RegExp(`(?<=[。！？!?])\\s*${Number(own[1]) + 1}\\s*[、.．](?![0-9])`).exec(line);
      if (next) {
        queue.unshift(line.slice(next.index).trim());
        line = line.slice(0, next.index).trim();
      }
    }
    const top = TOP.exec(line);
    const lost = top ? null : LOST_NUMERAL.exec(line);
    const opensSection = (top && top[1] === NUMERALS[expected]) || (lost && stack.length > 0 && lost[1]!.length <= HEADING_MAX && !SENTENCE.test(lost[1]!));
    if (opensSection) {
      flush();
      const rest = top ? line.slice(top[0].length) : lost![1]!;
      if (lost) {
        diagnostics.push({
          code: 'EXTRACT-NUMERAL',
          severity: 'warning',
          stage: 'extract',
          path: ['sections', expected],
          message: `${where}第${NUMERALS[expected]}部分的标题印为“${line}”，序号“${NUMERALS[expected]}”没有印出（可能在复制时丢失）；已按第${NUMERALS[expected]}部分读取`,
        });
      }
      const stop = rest.search(/[。！？!?]/);
      const heading = stop >= 0 && stop < rest.length - 1 && !headings.has(line) ? rest.slice(0, stop + 1) : rest;
      const section: FreeSection = { heading: heading.trim(), body: [] };
      sections.push(section);
      stack = [{ level: 1, body: section.body }];
      const runOn = rest.slice(heading.length).trim();
      if (runOn) queue.unshift(runOn);
      continue;
    }
    const level = stack.length > 0 ? levelOf(line) : undefined;
    if (level) {
      const rest = line.slice(level.marker.length).trim();
      if (rest && ((rest.length <= HEADING_MAX && !SENTENCE.test(rest)) || headings.has(line))) {
        flush();
        while (stack.length > 1 && stack.at(-1)!.level >= level.level) stack.pop();
        const node = { heading: rest, body: [] as NarrativeBlock[] };
        stack.at(-1)!.body.push(node);
        stack.push({ level: level.level, body: node.body });
        continue;
      }
      flush();
    }
    // A paragraph, or the rest of one broken in copying.
    if (copied && pending !== undefined && !TERMINAL.test(pending.trim()) && !level) pending += line;
    else {
      flush();
      pending = line;
    }
  }
  flush();
  return { preamble, sections };
}

/** A label line, then the title lines (no sentence punctuation), then the text: one appended document. */
function readAppendix(lines: readonly string[], diagnostics: Diagnostic[], copied: boolean, headings: ReadonlySet<string>): Record<string, unknown> {
  let index = 0;
  const label = LABEL.test(lines[0] ?? '') ? lines[index++]! : '';
  const titleLines: string[] = [];
  while (index < lines.length && titleLines.length < 3 && !TEXTLIKE.test(lines[index]!) && lines[index]!.length <= 40 && !TOP.test(lines[index]!)) {
    titleLines.push(lines[index++]!);
  }
  let end = lines.length;
  const signed = signatureAt(lines, end);
  if (signed) end = signed.from;
  const { preamble, sections } = readSections(lines.slice(index, end), diagnostics, `附在报告之后的“${label || titleLines.join('')}”`, copied, headings);
  return {
    label,
    ...(titleLines.length > 0 ? { title: titleLines.length === 1 ? titleLines[0] : titleLines } : {}),
    preamble,
    sections,
    ...(signed ? { signature: signed.signature } : {}),
  };
}

const FOOTER = /单位负责人|审核人|填报人|联系电话|填报日期/;
const UNIT = /(——|—|万元|人次|条|件|次|个|人|篇)$/;

/** The 政府信息公开工作统计表 printed as lines (统计指标 单位 统计数 run together): its grid, values and footer. */
function readStatistics(
  lines: readonly string[],
  label: string,
  format: AnyFormat,
  diagnostics: Diagnostic[],
): Record<string, unknown> | undefined {
  const header = lines.findIndex((line) => normalizeLabel(line).startsWith('统计指标'));
  if (header < 0) return undefined;
  const rows: TableCellText[][] = [];
  const units: string[] = [];
  const footer: string[] = [];
  let origin = 0;
  for (const line of lines.slice(header + 1)) {
    if (FOOTER.test(line)) {
      footer.push(line);
      continue;
    }
    if (footer.length > 0) continue;
    const row = rows.length;
    const valueMatch = /([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*$/.exec(line);
    let label = valueMatch ? line.slice(0, valueMatch.index) : line;
    label = label.trim();
    const unit = UNIT.exec(label);
    if (unit) label = label.slice(0, unit.index).trim();
    units.push(unit ? unit[1]! : '');
    const cells: TableCellText[] = [{ text: label, origin: origin++, startRow: row }];
    if (valueMatch) cells.push({ text: valueMatch[1]!, origin: origin++, startRow: row });
    rows.push(cells);
  }
  // The grid whose 单位 column agrees with the printed units.
  const grids = format.tables.filter((grid) => grid.definition.dataPath[0] === 'statistics');
  let best: { grid: TableGrid; agree: number } | undefined;
  for (const grid of grids) {
    const unitCells = grid.anchors.filter((a) => a.col === 1 && a.row > 0 && a.content.kind === 'label').map((a) => (a.content.kind === 'label' ? a.content.text : ''));
    const printed = new Set(units.filter((u) => u !== '' && u !== '——' && u !== '—'));
    const inGrid = new Set(unitCells.filter((u) => u !== '' && u !== '——'));
    const agree = [...printed].filter((u) => inGrid.has(u)).length - [...inGrid].filter((u) => !printed.has(u)).length;
    if (!best || agree > best.agree) best = { grid, agree };
  }
  if (!best) return undefined;
  const values = mapTableRows(best.grid, rows, diagnostics);
  const field = (name: RegExp) => {
    for (const line of footer) {
      const match = name.exec(line);
      if (match) return match[1]!.trim();
    }
    return '';
  };
  const reportingUnit = lines.slice(0, header).map((line) => /填报单位\s*[（(]?\s*盖章\s*[）)]?\s*[:：]\s*(.*)$/.exec(line)?.[1]).find((v) => v !== undefined) ?? '';
  const units_ = Object.entries(STATISTICS_TABLE_IDS).find(([, id]) => id === best!.grid.definition.id)?.[0];
  return {
    attachment_label: label,
    ...(units_ ? { units: units_ } : {}),
    reporting_unit: reportingUnit.trim(),
    head: field(/单位负责人\s*[:：]\s*(\S*)/),
    reviewer: field(/审核人\s*[:：]\s*(\S*)/),
    preparer: field(/填报人\s*[:：]\s*(\S*)/),
    phone: field(/联系电话\s*[:：]\s*(\S*)/),
    date: field(/填报日期\s*[:：]\s*(\S*)/),
    values: tableData(values),
  };
}

/** Where the statistics table's block begins: its label (附件2) and title lines before the line naming it. */
function statisticsStart(lines: readonly string[], from: number): number | undefined {
  const at = lines.findIndex((line, index) => index >= from && normalizeLabel(line).includes(STATISTICS_TABLE_TITLE));
  if (at < 0) return undefined;
  let start = at;
  while (start > from && at - start < 3 && !TEXTLIKE.test(lines[start - 1]!) && lines[start - 1]!.length <= 40) start--;
  return start;
}

/**
 * A document's blocks read as a free-section report of `formatFor(year)`
 * (undefined year: the masked year's format is chosen by the caller).
 */
export function readFreeSections(
  blocks: readonly ExtractBlock[],
  formatFor: (year: number | undefined) => AnyFormat,
  diagnostics: Diagnostic[],
  form: string,
  pageTitle?: string,
): FreeSectionsRead & { format?: AnyFormat } {
  // A table (an HTML page's statistics table) reads as its rows, one line each: label, unit, number.
  let lines = blocks
    .flatMap((block) => (block.kind === 'paragraph' ? [block.text] : block.rows.map((row) => row.filter((cell, i) => row.findIndex((c) => c.origin === cell.origin) === i).map((cell) => cell.text).join(' '))))
    .map(cleanParagraph)
    .filter((line) => line !== '');
  // Lines a page marks as headings (HTML h1–h6) are headings whatever their punctuation.
  const headings = new Set(blocks.flatMap((block) => (block.kind === 'paragraph' && block.heading ? [cleanParagraph(block.text)] : [])));
  // Only text copied from a page breaks paragraphs into lines.
  const copied = blocks.some((block) => block.kind === 'paragraph' && block.flat);
  const front = readFront(lines, pageTitle);
  // The document ends at the first line of page furniture after its text begins.
  const furniture = lines.findIndex((line, index) => index >= front.start && isPageFurniture(line));
  if (furniture >= 0) lines = lines.slice(0, furniture);
  const body = lines.slice(front.start);
  const statsAt = statisticsStart(body, 0);
  if (front.year === undefined && front.maskedYear === undefined && statsAt !== undefined) {
    // The statistics table's own title names its year: 2017年度桃源县陬市镇 / 政府信息公开工作统计表.
    const stated = YEAR.exec(body.slice(statsAt, statsAt + 4).join('').replace(/\s+/g, ''));
    if (stated && !stated[1]!.includes('*')) front.year = Number(stated[1]);
  }
  if (front.year === undefined && front.maskedYear === undefined) {
    return { refusal: `这份${form}不像政府信息公开工作年度报告：标题、开头几段和统计表都没有写明是哪一年的政府信息公开工作报告。没有生成数据文件` };
  }
  const sectionCount = body.slice(0, statsAt).filter((line) => TOP.test(line)).length;
  if (sectionCount < 2) {
    return { refusal: `这份${form}不像政府信息公开工作年度报告：没有找到按“一、”“二、”……编号的各部分。没有生成数据文件` };
  }
  let year = front.year;
  if (year === undefined) {
    // 201*: the decade is known, the year is not; its first year, and the format chosen by the document's form.
    const decade = Number(front.maskedYear!.slice(0, 3)) * 10;
    year = decade;
    diagnostics.push({
      code: 'EXTRACT-YEAR',
      severity: 'warning',
      stage: 'extract',
      path: ['year'],
      message: `标题中的年份印作“${front.maskedYear}”（转载时被遮盖），无法确定是哪一年；按不分六个部分的格式读取，year 暂写 ${decade}，请按原件改正`,
    });
  }
  const format = formatFor(year);

  // After-matter: the statistics table (with its label) and appended documents (each under a label of its own).
  let mainEnd = body.length;
  const appendixStarts: number[] = [];
  for (let index = 1; index < body.length; index++) {
    if (LABEL.test(body[index]!) && index !== statsAt) appendixStarts.push(index);
  }
  if (statsAt !== undefined) mainEnd = Math.min(mainEnd, statsAt);
  if (appendixStarts.length > 0) mainEnd = Math.min(mainEnd, appendixStarts[0]!);
  const signed = signatureAt(body, mainEnd);
  const { preamble, sections } = readSections(body.slice(0, signed ? signed.from : mainEnd), diagnostics, '', copied, headings);

  let statistics: Record<string, unknown> | undefined;
  if (statsAt !== undefined) {
    const statsEnd = appendixStarts.find((start) => start > statsAt) ?? body.length;
    const block = body.slice(statsAt, statsEnd);
    const label = LABEL.test(block[0]!) ? block[0]! : '';
    statistics = readStatistics(block, label, format, diagnostics);
  }
  const appendices = appendixStarts.map((start, i) => readAppendix(body.slice(start, appendixStarts[i + 1] ?? (statsAt !== undefined && statsAt > start ? statsAt : body.length)), diagnostics, copied, headings));

  const organization: Record<string, string> = {};
  const signerName = signed?.signature.name;
  if (signerName) organization.name = signerName;
  else if (front.organization) {
    organization.name = front.organization.name;
    if (front.organization.level) organization.level = front.organization.level;
  } else organization.name = '';
  if (!organization.level && /(?:镇|乡|街道|街道办事处)(?:人民政府)?$/.test(organization.name!)) organization.level = '乡镇街道';
  if (!organization.name) {
    diagnostics.push({ code: 'EXTRACT-ORGANIZATION', severity: 'warning', stage: 'extract', path: ['organization', 'name'], message: '标题和落款中都没有机关名称；请在 organization.name 填写机关全称' });
  }
  const signature = signed ? { ...signed.signature } : undefined;
  if (signature && signature.name === organization.name) delete signature.name;
  if (!front.title) {
    diagnostics.push({
      code: 'EXTRACT-TITLE',
      severity: 'info',
      stage: 'extract',
      path: ['title'],
      message: `没有找到标题；年度（${year}）取自开头一段所说的政府信息公开工作报告，标题按机关名称和年度生成`,
    });
  }

  const data: Record<string, unknown> = {
    ...(front.maskedYear ? { format: format.id } : {}),
    source: 'published',
    year,
    organization,
    ...(front.title ? { title: front.title.length === 1 ? front.title[0] : front.title } : {}),
    preamble,
    sections,
    ...(signature ? { signature } : {}),
    ...(statistics ? { statistics } : {}),
    ...(appendices.length > 0 ? { appendices } : {}),
  };
  return { data, format };
}
