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
 * - G-06 (统计期限 in the preamble matches Y) is checked on a preamble written
 *   in the data file; a generated one takes its period from `year`.
 * - V21-T3-02: deliberately no equation between T3 and T2.
 */
import { colLabelOf, describeCell } from '../../tables/describe.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { generationSeverity } from '../common/published.js';
import {
  checkNarrativeParts,
  checkCarriedOver,
  checkSignatureDate,
  checkStatisticsPeriod,
  diagnostic,
  STATUTORY_DEADLINES,
  UNDRAFTABLE_PARTS,
  warn,
  type MonthDay,
  type OrganizationLevel,
} from '../common/rules.js';
import type { NarrativeBlock } from '../common/schema-parts.js';
import { checkAllCompleted, checkNarrativeFacts } from '../common/narrative-facts.js';
import { schemaLabel } from '../../io/schema-messages.js';
import type { RuleContext } from '../format.js';
import {
  REQUEST_COLUMNS,
  reportV2021,
  type ReportV2021,
} from './schema.js';
import { proactiveTableDefinition, requestsTableDefinition, v2021TableDefinitions } from './tables.js';
import { v2021NarrativeFacts } from './narrative-facts.js';

export type { MonthDay, OrganizationLevel };

/** Publication deadlines by organisation level (rule G-07); see STATUTORY_DEADLINES. */
export const DEFAULT_DEADLINES: Readonly<Record<OrganizationLevel, MonthDay>> = STATUTORY_DEADLINES;

export interface V2021RuleContext extends RuleContext<ReportV2021> {
  /** Per-level publication deadlines replacing DEFAULT_DEADLINES (rule G-07). */
  deadlines?: Partial<Record<OrganizationLevel, MonthDay>>;
}

const T1 = proactiveTableDefinition;
const T2 = requestsTableDefinition;
const T1_PATH = ['tables', 'proactive'] as const;
const T2_PATH = ['tables', 'requests'] as const;

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

// ------------------------------------------------------------------ T2 （六）其他处理 as one row

/**
 * A published 2021-format report that printed （六）其他处理 as one row (洪泽区 2023)
 * is reproduced so: the row is printed as `（六）其他处理` and （七）总计 sums it.
 * The format asks for three rows: ERROR（生成）/ WARN（解析）.
 */
function checkOneRowOther(report: ReportV2021): Diagnostic[] {
  if (report.tables.requests.other === undefined) return [];
  return [
    diagnostic(
      generationSeverity(report.source),
      'V21-T2-OTHER',
      [...T2_PATH, 'other'],
      '「三、收到和处理政府信息公开申请情况」表的「（六）其他处理」写成了一行（other），按原报告印成一行；' +
        '2021 年格式要求分三行（1.申请人无正当理由逾期不补正……、2.申请人逾期未按收费通知要求缴纳费用……、3.其他），' +
        '新编报告请分别填写 other_nocorrect、other_nofee、other_other',
    ),
  ];
}

// ------------------------------------------------------------------ part 六 and the fee

function mentions(blocks: readonly NarrativeBlock[], phrase: string): boolean {
  return blocks.some((block) =>
    typeof block === 'string'
      ? block.includes(phrase)
      : block.heading.includes(phrase) || (block.text ?? '').includes(phrase) || mentions(block.body ?? [], phrase),
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

// ------------------------------------------------------------------ text against tables

/** V21-TXT-01: every number the narrative states about a table quantity equals the table. */
export function checkNarrativeAgainstTables(report: ReportV2021): Diagnostic[] {
  return checkNarrativeFacts(v2021NarrativeFacts, {
    year: report.year,
    narrative: report.narrative,
    partLabel: (part) => schemaLabel(reportV2021 as Parameters<typeof schemaLabel>[0], ['narrative', part]) ?? part,
    data: report,
    tables: v2021TableDefinitions,
  });
}

/** V21-TXT-02: the narrative says every application was completed, but 结转下年度继续办理 总计 is more than 0. */
export function checkAllCompletedText(report: ReportV2021): Diagnostic[] {
  return checkAllCompleted({
    code: 'V21-TXT-02',
    narrative: report.narrative,
    partLabel: (part) => schemaLabel(reportV2021 as Parameters<typeof schemaLabel>[0], ['narrative', part]) ?? part,
    data: report,
    tables: v2021TableDefinitions,
    carriedOver: ['tables', 'requests', 'carry_out', 'tot'],
  });
}

// ------------------------------------------------------------------ entry point

/** All v2021 consistency rules. `context.previous` (last year's report) turns on the cross-year rules. */
export function checkV2021(report: ReportV2021, context: V2021RuleContext = {}): Diagnostic[] {
  const previous = context.previous;
  const level = report.organization.level;
  const configured = context.deadlines?.[level];
  const published = report.source === 'published';
  const date = report.signature?.date;
  return [
    ...(date
      ? checkSignatureDate({
          year: report.year,
          date,
          path: ['signature', 'date'],
          deadline: STATUTORY_DEADLINES[level],
          ...(configured ? { configured } : {}),
        })
      : []),
    ...checkStatisticsPeriod(report.preamble, report.year, ['preamble']),
    ...checkProactiveCrossYear(report, previous),
    ...checkOneRowOther(report),
    ...(previous
      ? checkCarriedOver(report.tables.requests, previous.tables.requests, { definition: T2, path: T2_PATH, code: 'V21-T2-04', columns: REQUEST_COLUMNS })
      : []),
    ...checkFee(report),
    // A published report is reproduced as it stands, empty parts included.
    ...(published ? [] : checkNarrativeParts(report.narrative, UNDRAFTABLE_PARTS)),
    ...checkNarrativeAgainstTables(report),
    ...checkAllCompletedText(report),
  ];
}
