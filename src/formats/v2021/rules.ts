/**
 * 勾稽 (consistency) rules of the 2021 format, spec §7.1 and §7.2.
 *
 * Rules return diagnostics with data paths only; the validator adds source
 * positions. Every message names the table, row and column exactly as printed
 * (labels come from the table definitions) and shows both numbers.
 *
 * Rules that hold without a runtime check here:
 * - G-01, G-02, G-03, V21-T1-01: enforced when the data is loaded (the zod
 *   schema plus src/io/schema-messages.ts report negative, fractional, unsafe,
 *   textual and blank counts, and negative or over-precise amounts).
 * - G-04 (labels verbatim) and G-05 (six level-1 headings, in order, verbatim):
 *   the composed document's headings and table labels come from code
 *   (tables.ts and the section templates), never from the data file, so a
 *   report built by this tool cannot have them wrong; the table tests pin the
 *   labels.
 * - G-06 (统计期限 in the preamble matches Y): the preamble's period is
 *   generated from `year`, and the data file has no free-text period to
 *   disagree with it.
 * - V21-T3-02: deliberately no equation between T3 and T2.
 */
import { chineseDate } from '../../compose/numbering.js';
import { colLabelOf, describeCell, describeColumn, rowLabelOf } from '../../tables/describe.js';
import type { Diagnostic } from '../../validate/diagnostic.js';
import type { NarrativeBlock } from '../common/schema-parts.js';
import type { RuleContext } from '../format.js';
import {
  APPLICANT_COLUMNS,
  OUTCOME_ROWS,
  REQUEST_COLUMNS,
  REQUEST_ROWS,
  REVIEW_GROUPS,
  type ReportV2021,
  type RequestColumn,
} from './schema.js';
import { proactiveTableDefinition, requestsTableDefinition, reviewTableDefinition } from './tables.js';

export type OrganizationLevel = ReportV2021['organization']['level'];

/** A month and day in year Y+1 by which the report of year Y must be published. */
export interface MonthDay {
  month: number;
  day: number;
}

/**
 * Publication deadlines by organisation level (spec §2, 条例第四十九条):
 * 部门 by 1-31, 人民政府 (county level and above) by 3-31. 乡镇街道 and 其他
 * are set locally (e.g. 怀化: 乡镇 by 2-20); they default to 3-31, the latest
 * statutory date, so that only clearly late reports are flagged. Override
 * through the `deadlines` option.
 */
export const DEFAULT_DEADLINES: Readonly<Record<OrganizationLevel, MonthDay>> = {
  部门: { month: 1, day: 31 },
  人民政府: { month: 3, day: 31 },
  乡镇街道: { month: 3, day: 31 },
  其他: { month: 3, day: 31 },
};

const DEADLINE_REASONS: Record<OrganizationLevel, string> = {
  部门: '条例第四十九条：县级以上人民政府部门应在每年 1 月 31 日前公布上一年度年报',
  人民政府: '条例第四十九条：县级以上地方人民政府的年报应在每年 3 月 31 日前公布',
  乡镇街道: '乡镇街道年报的时限由各地规定，默认按 3 月 31 日检查，可通过 deadlines 设置',
  其他: '该类机关年报的时限由各地规定，默认按 3 月 31 日检查，可通过 deadlines 设置',
};

export interface V2021RuleContext extends RuleContext<ReportV2021> {
  /** Per-level publication deadlines replacing DEFAULT_DEADLINES (rule G-07). */
  deadlines?: Partial<Record<OrganizationLevel, MonthDay>>;
}

const T1 = proactiveTableDefinition;
const T2 = requestsTableDefinition;
const T3 = reviewTableDefinition;
const T1_PATH = ['tables', 'proactive'] as const;
const T2_PATH = ['tables', 'requests'] as const;
const T3_PATH = ['tables', 'review_litigation'] as const;

/** Printed label of a T2 column: 自然人, 商业企业, … 总计. */
const colLabel = (column: RequestColumn): string => colLabelOf(T2, ['new', column]) ?? column;

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

const warn = (code: string, path: readonly (string | number)[], message: string): Diagnostic => ({
  code,
  severity: 'warning',
  path: [...path],
  message,
});
const error = (code: string, path: readonly (string | number)[], message: string): Diagnostic => ({
  code,
  severity: 'error',
  path: [...path],
  message,
});

// ------------------------------------------------------------------ G-07

function checkSignatureDate(report: ReportV2021, context: V2021RuleContext): Diagnostic[] {
  const path = ['signature', 'date'];
  const iso = report.signature.date;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const expectedYear = report.year + 1;
  const shown = chineseDate(iso);
  if (y !== expectedYear) {
    return [
      warn('G-07', path, `成文日期 ${shown} 的年份应为 ${expectedYear} 年：${report.year} 年度的报告在次年（${expectedYear} 年）发布`),
    ];
  }
  const level = report.organization.level;
  const configured = context.deadlines?.[level];
  const deadline = configured ?? DEFAULT_DEADLINES[level];
  if (m > deadline.month || (m === deadline.month && d > deadline.day)) {
    const reason = configured ? '按设定的时限' : DEADLINE_REASONS[level];
    return [
      warn('G-07', path, `成文日期 ${shown} 晚于发布时限 ${expectedYear}年${deadline.month}月${deadline.day}日（${reason}）`),
    ];
  }
  return [];
}

// ------------------------------------------------------------------ T1

const FIRST_ITEM_ROWS = ['reg', 'nd'] as const;

function checkProactiveCrossYear(report: ReportV2021, previous: ReportV2021 | undefined): Diagnostic[] {
  if (!previous) return [];
  const diagnostics: Diagnostic[] = [];
  const now = report.tables.proactive;
  const before = previous.tables.proactive;
  for (const prefix of FIRST_ITEM_ROWS) {
    const issued = now[`${prefix}_issued`];
    const repealed = now[`${prefix}_repealed`];
    const inForce = now[`${prefix}_in_force`];
    const previousInForce = before[`${prefix}_in_force`];
    const inForceCol = `「${colLabelOf(T1, [`${prefix}_in_force`])}」`;

    // V21-T1-02: in_force(Y) = in_force(Y−1) + issued(Y) − repealed(Y).
    const expected = previousInForce + issued - repealed;
    if (inForce !== expected) {
      diagnostics.push(
        warn(
          'V21-T1-02',
          [...T1_PATH, `${prefix}_in_force`],
          `${describeCell(T1, [`${prefix}_in_force`])}为 ${inForce}，但上年报告中${inForceCol}为 ${previousInForce}，` +
            `加本年制发 ${issued}、减本年废止 ${repealed} 应为 ${expected}（如因修订、清理等口径调整而不等，请在报告中说明）`,
        ),
      );
    }

    // V21-T1-03: repealed ≤ in_force(Y−1) + issued(Y).
    const repealable = previousInForce + issued;
    if (repealed > repealable) {
      diagnostics.push(
        warn(
          'V21-T1-03',
          [...T1_PATH, `${prefix}_repealed`],
          `${describeCell(T1, [`${prefix}_repealed`])}为 ${repealed}，超过了可废止的件数 ${repealable}` +
            `（上年报告中${inForceCol}为 ${previousInForce}，加本年制发 ${issued}）`,
        ),
      );
    }
  }
  return diagnostics;
}

// ------------------------------------------------------------------ T2

function checkRequests(report: ReportV2021, previous: ReportV2021 | undefined): Diagnostic[] {
  const t2 = report.tables.requests;
  const diagnostics: Diagnostic[] = [];
  const firstApplicant = colLabel(APPLICANT_COLUMNS[0]);
  const lastApplicant = colLabel(APPLICANT_COLUMNS[APPLICANT_COLUMNS.length - 1]!);

  // V21-T2-01: in every row, 总计 = the six applicant columns.
  for (const row of REQUEST_ROWS) {
    const applicants = sum(APPLICANT_COLUMNS.map((column) => t2[row][column]));
    if (t2[row].tot !== applicants) {
      diagnostics.push(
        error(
          'V21-T2-01',
          [...T2_PATH, row, 'tot'],
          `${describeCell(T2, [row, 'tot'])}为 ${t2[row].tot}，但「${firstApplicant}」至「${lastApplicant}」六列之和为 ${applicants}`,
        ),
      );
    }
  }

  for (const column of REQUEST_COLUMNS) {
    // V21-T2-02: （七）总计 = the 21 outcome rows （一）至（六）.
    const outcomes = sum(OUTCOME_ROWS.map((row) => t2[row][column]));
    if (t2.total[column] !== outcomes) {
      diagnostics.push(
        error(
          'V21-T2-02',
          [...T2_PATH, 'total', column],
          `${describeCell(T2, ['total', column])}为 ${t2.total[column]}，但（一）至（六）项之和为 ${outcomes}`,
        ),
      );
    }

    // V21-T2-03: 第一项 + 第二项 = 第三项 + 第四项 (the note in the table's corner).
    const inflow = t2.new[column] + t2.carry_in[column];
    const outflow = t2.total[column] + t2.carry_out[column];
    if (inflow !== outflow) {
      diagnostics.push(
        error(
          'V21-T2-03',
          [...T2_PATH, 'total', column],
          `${describeColumn(T2, ['total', column])}：第一项加第二项之和为 ${inflow}（本年新收 ${t2.new[column]} + 上年结转 ${t2.carry_in[column]}），` +
            `第三项加第四项之和为 ${outflow}（总计 ${t2.total[column]} + 结转下年度 ${t2.carry_out[column]}），二者应相等`,
        ),
      );
    }

    // V21-T2-04: carry_in(Y) = carry_out(Y−1).
    if (previous) {
      const carriedOut = previous.tables.requests.carry_out[column];
      if (t2.carry_in[column] !== carriedOut) {
        diagnostics.push(
          warn(
            'V21-T2-04',
            [...T2_PATH, 'carry_in', column],
            `${describeCell(T2, ['carry_in', column])}为 ${t2.carry_in[column]}，` +
              `但上年报告中「${rowLabelOf(T2, ['carry_out', column])}」行「${colLabel(column)}」列为 ${carriedOut}，二者应相等`,
          ),
        );
      }
    }
  }
  return diagnostics;
}


// ------------------------------------------------------------------ T3

function checkReview(report: ReportV2021): Diagnostic[] {
  const t3 = report.tables.review_litigation;
  const diagnostics: Diagnostic[] = [];
  for (const group of REVIEW_GROUPS) {
    // V21-T3-01: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
    const parts = [t3[`${group}_keep`], t3[`${group}_correct`], t3[`${group}_other`], t3[`${group}_pending`]];
    const total = t3[`${group}_total`];
    if (total !== sum(parts)) {
      diagnostics.push(
        error(
          'V21-T3-01',
          [...T3_PATH, `${group}_total`],
          `${describeCell(T3, [`${group}_total`])}为 ${total}，但结果维持、结果纠正、其他结果、尚未审结四项之和为 ${sum(parts)}`,
        ),
      );
    }
  }
  return diagnostics;
}

// ------------------------------------------------------------------ part 六 and the fee

function mentions(blocks: readonly NarrativeBlock[], phrase: string): boolean {
  return blocks.some((block) =>
    typeof block === 'string' ? block.includes(phrase) : block.heading.includes(phrase) || mentions(block.body ?? [], phrase),
  );
}

function checkFee(report: ReportV2021): Diagnostic[] {
  const fee = report.fee;
  if (!fee) {
    // V21-S6-01: part 六 must say whether 信息处理费 was charged; `fee` generates that sentence.
    if (mentions(report.narrative.other, '信息处理费')) return [];
    return [
      warn(
        'V21-S6-01',
        ['narrative', 'other'],
        '「六、其他需要报告的事项」中没有信息处理费的情况：请填写 fee（收费件数和金额，未收取填 0），' +
          '或在该部分写明信息处理费的收取情况（未收取也应写明）',
      ),
    ];
  }
  // V21-FEE-01: the count and the amount are both zero or both positive.
  if (fee.count === 0 && fee.amount_yuan > 0) {
    return [
      warn('V21-FEE-01', ['fee', 'amount_yuan'], `信息处理费的收费件数为 0，但收费金额为 ${fee.amount_yuan} 元；二者应同为 0 或同时大于 0`),
    ];
  }
  if (fee.count > 0 && fee.amount_yuan === 0) {
    return [
      warn('V21-FEE-01', ['fee', 'count'], `信息处理费的收费金额为 0 元，但收费件数为 ${fee.count}；二者应同为 0 或同时大于 0`),
    ];
  }
  return [];
}

// ------------------------------------------------------------------ narrative

/**
 * NARR-EMPTY: parts 一 and 五 cannot be drafted from the numbers, so an empty
 * one would print a bare heading. 条例第五十条 requires both; warn, do not block.
 */
function checkNarrative(report: ReportV2021): Diagnostic[] {
  const parts = [
    ['overview', '一、总体情况'],
    ['problems', '五、存在的主要问题及改进情况'],
  ] as const;
  return parts
    .filter(([key]) => report.narrative[key].length === 0)
    .map(([key, heading]) =>
      warn('NARR-EMPTY', ['narrative', key], `「${heading}」还没有填写内容，生成的报告中这一部分只有标题；请在 narrative.${key} 中填写`),
    );
}

// ------------------------------------------------------------------ entry point

/** All v2021 consistency rules. `context.previous` (last year's report) turns on the cross-year rules. */
export function checkV2021(report: ReportV2021, context: V2021RuleContext = {}): Diagnostic[] {
  const previous = context.previous;
  return [
    ...checkSignatureDate(report, context),
    ...checkProactiveCrossYear(report, previous),
    ...checkRequests(report, previous),
    ...checkReview(report),
    ...checkFee(report),
    ...checkNarrative(report),
  ];
}
