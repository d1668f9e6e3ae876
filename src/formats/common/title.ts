/**
 * The report title and how it breaks into lines. GB/T 9704 7.3.2: a long title
 * breaks where the words allow; 2号 type gives 20 characters per line of the
 * 156 mm text block, so the title breaks between the organisation and the
 * year, never inside 政府信息公开.
 */
import { oneLine } from '../../compose/text.js';

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
