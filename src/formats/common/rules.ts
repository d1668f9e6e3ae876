/**
 * Rule building blocks shared by the format versions: diagnostics
 * constructors, the signature-date rule G-07 with configurable deadlines, the
 * carried-over check of 表二 the six-part formats share, NARR-EMPTY and G-06.
 * Sums within a table are not here: they are data (src/tables/balances.ts).
 *
 * Every message names the table, row and column as printed, from the table
 * definitions (describeCell), and shows both sides of the equation.
 */
import { chineseDate } from '../../text/numbering.js';
import { colLabelOf, describeCell, rowLabelOf } from '../../tables/describe.js';
import type { TableDefinition } from '../../tables/grid.js';
import type { Diagnostic, Severity } from '../../diagnostics/diagnostic.js';
import type { Deadline, MonthDay } from './deadlines.js';

export type Path = readonly (string | number)[];

export const diagnostic = (severity: Severity, code: string, path: Path, message: string): Diagnostic => ({
  code,
  severity,
  stage: 'rules',
  path: [...path],
  message,
});
export const warn = (code: string, path: Path, message: string): Diagnostic => diagnostic('warning', code, path, message);
export const error = (code: string, path: Path, message: string): Diagnostic => diagnostic('error', code, path, message);

export type { Deadline, MonthDay, OrganizationLevel } from './deadlines.js';
export { STATUTORY_DEADLINES } from './deadlines.js';

export const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

// ------------------------------------------------------------------ NARR-EMPTY

/**
 * NARR-EMPTY: parts that cannot be drafted from the numbers (一 and 五) would
 * print a bare heading when empty. 条例第五十条 requires them; warn, do not block.
 */
export function checkNarrativeParts(
  narrative: Readonly<Record<string, readonly unknown[]>>,
  parts: readonly (readonly [key: string, heading: string])[],
): Diagnostic[] {
  return parts
    .filter(([key]) => (narrative[key] ?? []).length === 0)
    .map(([key, heading]) =>
      warn('NARR-EMPTY', ['narrative', key], `「${heading}」还没有填写内容，生成的报告中这一部分只有标题；请在 narrative.${key} 中填写`),
    );
}

/** The parts of the six-part formats that only the user can write. */
export const UNDRAFTABLE_PARTS = [
  ['overview', '一、总体情况'],
  ['problems', '五、存在的主要问题及改进情况'],
] as const;

/**
 * G-07: the 成文日期 lies in Y+1 and not after the deadline. `configured`
 * (from the validate options) replaces the format's default for the level.
 */
export function checkSignatureDate(options: {
  year: number;
  /** ISO date. */
  date: string;
  path: Path;
  deadline: Deadline;
  configured?: MonthDay;
}): Diagnostic[] {
  const [y, m, d] = options.date.split('-').map(Number) as [number, number, number];
  const expectedYear = options.year + 1;
  const shown = chineseDate(options.date);
  if (y !== expectedYear) {
    return [
      warn('G-07', options.path, `成文日期 ${shown} 的年份应为 ${expectedYear} 年：${options.year} 年度的报告在次年（${expectedYear} 年）发布`),
    ];
  }
  const deadline = options.configured ?? options.deadline;
  if (m > deadline.month || (m === deadline.month && d > deadline.day)) {
    const reason = options.configured ? '按设定的时限' : options.deadline.reason;
    return [
      warn('G-07', options.path, `成文日期 ${shown} 晚于发布时限 ${expectedYear}年${deadline.month}月${deadline.day}日（${reason}）`),
    ];
  }
  return [];
}

// ------------------------------------------------------------------ T2 carried over (cross-year)

export type RequestTable = Readonly<Record<string, Readonly<Record<string, number>>>>;

/**
 * 上年结转 of this year equals last year's 结转下年度, column by column (V21-T2-04 and its
 * 2019 counterpart). The sums within one year are balance rules the format carries as data.
 */
export function checkCarriedOver(
  t2: RequestTable,
  previous: RequestTable,
  options: { definition: TableDefinition; path: Path; code: string; columns: readonly string[] },
): Diagnostic[] {
  const { definition: T2, path } = options;
  const diagnostics: Diagnostic[] = [];
  for (const column of options.columns) {
    const carriedIn = t2.carry_in?.[column] ?? 0;
    const carriedOut = previous.carry_out?.[column] ?? 0;
    if (carriedIn !== carriedOut) {
      diagnostics.push(
        warn(
          options.code,
          [...path, 'carry_in', column],
          `${describeCell(T2, ['carry_in', column])}为 ${carriedIn}，` +
            `但上年报告中「${rowLabelOf(T2, ['carry_out', column])}」行「${colLabelOf(T2, ['carry_in', column]) ?? column}」列为 ${carriedOut}，二者应相等`,
        ),
      );
    }
  }
  return diagnostics;
}

// ------------------------------------------------------------------ G-06

/** The text of narrative blocks (paragraphs and sub-headings), in order. */
function narrativeTexts(blocks: readonly unknown[]): string[] {
  const texts: string[] = [];
  for (const block of blocks) {
    if (typeof block === 'string') texts.push(block);
    else if (block && typeof block === 'object' && 'heading' in block) {
      texts.push(String((block as { heading: unknown }).heading));
      const runIn = (block as { text?: unknown }).text;
      if (typeof runIn === 'string') texts.push(runIn);
      texts.push(...narrativeTexts(((block as { body?: unknown[] }).body ?? []) as unknown[]));
    }
  }
  return texts;
}

/**
 * G-06: a preamble written in the data file states the statistics period of
 * the report year — every “YYYY年1月1日” or “YYYY年12月31日” in it names Y.
 * (A preamble the templates generate takes its period from `year`.)
 */
export function checkStatisticsPeriod(preamble: readonly unknown[], year: number, path: Path): Diagnostic[] {
  const text = narrativeTexts(preamble).join('\n');
  const dates = [...text.matchAll(/(\d{4})\s*年\s*(1\s*月\s*1|12\s*月\s*31)\s*日/gu)];
  const wrong = dates.find((match) => Number(match[1]) !== year);
  if (!wrong) return [];
  return [
    warn(
      'G-06',
      path,
      `导语中的统计期限写作“${wrong[0].replace(/\s+/gu, '')}”，与报告年度 ${year} 年不一致；统计期限应为 ${year}年1月1日至${year}年12月31日`,
    ),
  ];
}
