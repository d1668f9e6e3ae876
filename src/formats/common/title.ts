/**
 * The report title and how it breaks into lines. GB/T 9704 7.3.2: a long title
 * breaks where the words allow; 2号 type gives 20 characters per line of the
 * 156 mm text block, so the title breaks between the organisation and the
 * year, never inside 政府信息公开.
 */
import { oneLine } from '../../text/paragraphs.js';

const TITLE_SUFFIX = '政府信息公开工作年度报告';
/** 442.2 pt of text width ÷ 22 pt per 2号 character. */
export const TITLE_CHARS_PER_LINE = 20;

export type TitleOrder = '机关在前' | '年份在前';

export function reportTitle(organization: string, year: number, order: TitleOrder): string {
  const name = oneLine(organization);
  return order === '年份在前' ? `${year}年${name}${TITLE_SUFFIX}` : `${name}${year}年${TITLE_SUFFIX}`;
}

/** Printed width in CJK character widths: ASCII letters and digits take about half. */
const length = (text: string): number =>
  Array.from(text).reduce((width, character) => width + (character.charCodeAt(0) < 0x80 ? 0.5 : 1), 0);

export function titleLines(organization: string, year: number, order: TitleOrder): string[] {
  const name = oneLine(organization);
  const whole = reportTitle(name, year, order);
  if (length(whole) <= TITLE_CHARS_PER_LINE) return [whole];
  if (order === '年份在前') {
    const head = `${year}年${name}`;
    return length(head) <= TITLE_CHARS_PER_LINE ? [head, TITLE_SUFFIX] : [`${year}年`, name, TITLE_SUFFIX];
  }
  const head = `${name}${year}年`;
  return length(head) <= TITLE_CHARS_PER_LINE ? [head, TITLE_SUFFIX] : [name, `${year}年${TITLE_SUFFIX}`];
}

/**
 * Lines of a title written freely (legacy reports keep their own titles). A
 * title that fits stays on one line; a longer one breaks before
 * “政府信息公开” when both halves fit, else after every full line. A data file
 * that wants other breaks gives the title as a list of lines.
 */
export function freeTitleLines(title: string | readonly string[]): string[] {
  if (typeof title !== 'string') return title.map(oneLine);
  const whole = oneLine(title);
  // One character of slack: digit widths vary between title fonts, and a line of exactly 20 may not fit.
  const limit = TITLE_CHARS_PER_LINE - 1;
  if (length(whole) <= limit) return [whole];
  const at = whole.lastIndexOf('政府信息公开');
  if (at > 0 && length(whole.slice(0, at)) <= limit && length(whole.slice(at)) <= limit) {
    return [whole.slice(0, at), whole.slice(at)];
  }
  const lines: string[] = [];
  let line = '';
  for (const character of Array.from(whole)) {
    if (length(line + character) > limit) {
      lines.push(line);
      line = '';
    }
    line += character;
  }
  if (line) lines.push(line);
  return lines;
}

/** A free title as one string (for file names and document properties). */
export function freeTitleText(title: string | readonly string[]): string {
  return typeof title === 'string' ? oneLine(title) : title.map(oneLine).join('');
}

/** The printed title lines: the data file's own title when it has one, else the generated one. */
export function titleLinesOf(report: { organization: { name: string }; year: number; title_order: TitleOrder; title?: string | readonly string[] | undefined }): string[] {
  return report.title !== undefined ? freeTitleLines(report.title) : titleLines(report.organization.name, report.year, report.title_order);
}
