/**
 * Rule building blocks shared by the format versions: diagnostics
 * constructors, the signature-date rule G-07 with configurable deadlines, the
 * T2/T3 checks that v2019 and v2021 share (same equations, each format with its
 * own rule codes and row list) and NARR-EMPTY.
 *
 * Every message names the table, row and column as printed, from the table
 * definitions (describeCell), and shows both sides of the equation.
 */
import { chineseDate, chineseNumber } from '../../compose/numbering.js';
import { colLabelOf, describeCell, describeColumn, rowLabelOf } from '../../tables/describe.js';
import type { TableDefinition } from '../../tables/grid.js';
import type { Diagnostic, Severity } from '../../diagnostics/diagnostic.js';
import type { organizationLevels } from './schema-parts.js';

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

export const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

// ------------------------------------------------------------------ G-07

export type OrganizationLevel = (typeof organizationLevels)[number];

/** A month and day in year Y+1 by which the report of year Y must be published. */
export interface MonthDay {
  month: number;
  day: number;
}

export interface Deadline extends MonthDay {
  /** Why this date, for the message. */
  reason: string;
}

/**
 * Publication deadlines by organisation level under the 2019 regulation
 * (spec §2, 条例第四十九条): 部门 by 1-31, 人民政府 (county level and above) by
 * 3-31. 乡镇街道 and 其他 are set locally (e.g. 怀化: 乡镇 by 2-20); they
 * default to 3-31, the latest statutory date, so that only clearly late
 * reports are flagged. Override through the `deadlines` option.
 */
export const STATUTORY_DEADLINES: Readonly<Record<OrganizationLevel, Deadline>> = {
  部门: { month: 1, day: 31, reason: '条例第四十九条：县级以上人民政府部门应在每年 1 月 31 日前公布上一年度年报' },
  人民政府: { month: 3, day: 31, reason: '条例第四十九条：县级以上地方人民政府的年报应在每年 3 月 31 日前公布' },
  乡镇街道: { month: 3, day: 31, reason: '乡镇街道年报的时限由各地规定，默认按 3 月 31 日检查，可通过 deadlines 设置' },
  其他: { month: 3, day: 31, reason: '该类机关年报的时限由各地规定，默认按 3 月 31 日检查，可通过 deadlines 设置' },
};

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

// ------------------------------------------------------------------ T2 (v2019, same equations as v2021)

export type RequestTable = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface RequestRuleSet {
  definition: TableDefinition;
  path: Path;
  /** All data rows, in printed order. */
  rows: readonly string[];
  /** The outcome rows whose sum is （七）总计. */
  outcomeRows: readonly string[];
  applicantColumns: readonly string[];
  columns: readonly string[];
  codes: { rowTotal: string; outcomeTotal: string; balance: string; carry: string };
  /** How the outcome rows are named in the message, e.g. “（一）至（六）项”. */
  outcomeName: string;
}

export function checkRequestTable(t2: RequestTable, rules: RequestRuleSet, previous?: RequestTable): Diagnostic[] {
  const { definition: T2, path, codes } = rules;
  const diagnostics: Diagnostic[] = [];
  const colLabel = (column: string): string => colLabelOf(T2, ['new', column]) ?? column;
  const first = colLabel(rules.applicantColumns[0]!);
  const last = colLabel(rules.applicantColumns[rules.applicantColumns.length - 1]!);
  const cell = (row: string, column: string): number => t2[row]?.[column] ?? 0;

  for (const row of rules.rows) {
    const applicants = sum(rules.applicantColumns.map((column) => cell(row, column)));
    if (cell(row, 'tot') !== applicants) {
      diagnostics.push(
        error(
          codes.rowTotal,
          [...path, row, 'tot'],
          `${describeCell(T2, [row, 'tot'])}为 ${cell(row, 'tot')}，但「${first}」至「${last}」${chineseNumber(rules.applicantColumns.length)}列之和为 ${applicants}`,
        ),
      );
    }
  }

  for (const column of rules.columns) {
    const outcomes = sum(rules.outcomeRows.map((row) => cell(row, column)));
    if (cell('total', column) !== outcomes) {
      diagnostics.push(
        error(
          codes.outcomeTotal,
          [...path, 'total', column],
          `${describeCell(T2, ['total', column])}为 ${cell('total', column)}，但${rules.outcomeName}之和为 ${outcomes}`,
        ),
      );
    }
    const inflow = cell('new', column) + cell('carry_in', column);
    const outflow = cell('total', column) + cell('carry_out', column);
    if (inflow !== outflow) {
      diagnostics.push(
        error(
          codes.balance,
          [...path, 'total', column],
          `${describeColumn(T2, ['total', column])}：第一项加第二项之和为 ${inflow}（本年新收 ${cell('new', column)} + 上年结转 ${cell('carry_in', column)}），` +
            `第三项加第四项之和为 ${outflow}（总计 ${cell('total', column)} + 结转下年度 ${cell('carry_out', column)}），二者应相等`,
        ),
      );
    }
    if (previous) {
      const carriedOut = previous.carry_out?.[column] ?? 0;
      if (cell('carry_in', column) !== carriedOut) {
        diagnostics.push(
          warn(
            codes.carry,
            [...path, 'carry_in', column],
            `${describeCell(T2, ['carry_in', column])}为 ${cell('carry_in', column)}，` +
              `但上年报告中「${rowLabelOf(T2, ['carry_out', column])}」行「${colLabel(column)}」列为 ${carriedOut}，二者应相等`,
          ),
        );
      }
    }
  }
  return diagnostics;
}

// ------------------------------------------------------------------ T3

export function checkReviewTable(
  t3: Readonly<Record<string, number>>,
  options: { definition: TableDefinition; path: Path; code: string; groups: readonly string[] },
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const group of options.groups) {
    const parts = ['keep', 'correct', 'other', 'pending'].map((result) => t3[`${group}_${result}`] ?? 0);
    const total = t3[`${group}_total`] ?? 0;
    if (total !== sum(parts)) {
      diagnostics.push(
        error(
          options.code,
          [...options.path, `${group}_total`],
          `${describeCell(options.definition, [`${group}_total`])}为 ${total}，但结果维持、结果纠正、其他结果、尚未审结四项之和为 ${sum(parts)}`,
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
