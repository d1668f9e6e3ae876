/**
 * 勾稽 rules of the 2019 trial format, spec §7.1 and §7.3.
 *
 * Enforced when the data is loaded (schema + src/io/schema-messages.ts), so
 * not repeated here: the integer parts of V19-T1-01, V19-T1-03 and V19-T1-04
 * (G-01 for counts, G-03 for the 采购总金额 amount), the signed-integer part of
 * V19-T1-02, G-02 (blank cells; a published report may carry them as null,
 * see ../common/published.ts), G-04/G-05 (labels and headings come from
 * code, never from the data file).
 *
 * G-06 is checked on a preamble written in the data file (a generated one
 * takes its period from `year`).
 *
 * Checked here: V19-T1-01 (合理性: 本年新公开数量 ≤ 对外公开总数量, WARN),
 * V19-T1-02 (上一年项目数量 + 本年增/减 ≥ 0), V19-T1-05 (cross-year),
 * V19-T2-01/02/03, V19-T2-04 (carry-in equals last year's carry-out: the
 * counterpart of V21-T2-04, not numbered in spec §7.3), V19-T3-01, G-07 and
 * NARR-EMPTY.
 */
import { describeCell } from '../../tables/describe.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { RuleContext } from '../format.js';
import {
  checkCarriedOver,
  checkStatisticsPeriod,
  checkSignatureDate,
  error,
  warn,
  checkNarrativeParts,
  STATUTORY_DEADLINES,
  UNDRAFTABLE_PARTS,
  type MonthDay,
  type OrganizationLevel,
} from '../common/rules.js';
import {
  PROJECT_ITEMS,
  REQUEST_COLUMNS,
  reportV2019,
  type ReportV2019,
} from './schema.js';
import { checkAllCompleted, checkNarrativeFacts } from '../common/narrative-facts.js';
import { schemaLabel } from '../../io/schema-messages.js';
import { v2019NarrativeFacts } from './narrative-facts.js';
import {
  PREVIOUS_ITEMS,
  PROACTIVE_ROW_LABELS,
  TOTAL_PUB,
  proactiveTableDefinitionV2019 as T1,
  requestsTableDefinitionV2019 as T2,
  v2019TableDefinitions,
} from './tables.js';

export interface V2019RuleContext extends RuleContext<ReportV2019> {
  /** Per-level publication deadlines (rule G-07); the defaults follow 条例第四十九条. */
  deadlines?: Partial<Record<OrganizationLevel, MonthDay>>;
}

/** 条例（2019 年修订）第四十九条, spec §2: the same deadlines as the 2021 format. */
export const V2019_DEADLINES = STATUTORY_DEADLINES;

const T1_PATH = ['tables', 'proactive'] as const;
const T2_PATH = ['tables', 'requests'] as const;

const signed = (n: number): string => (n > 0 ? `增${n}` : n < 0 ? `减${-n}` : '0');

function checkProactive(report: ReportV2019, previous: ReportV2019 | undefined): Diagnostic[] {
  const t1 = report.tables.proactive;
  const diagnostics: Diagnostic[] = [];

  // V19-T1-01 (合理性): what was newly published this year is part of the total published.
  for (const prefix of ['reg', 'nd'] as const) {
    const newPub = t1[`${prefix}_new_pub`];
    const total = t1[`${prefix}_total_pub`];
    if (newPub > total) {
      diagnostics.push(
        warn(
          'V19-T1-01',
          [...T1_PATH, `${prefix}_new_pub`],
          `${describeCell(T1, [`${prefix}_new_pub`])}为 ${newPub}，大于「${PROACTIVE_ROW_LABELS[prefix]}」行「${TOTAL_PUB}」列的 ${total}；本年新公开的件数应包含在对外公开总数量之内`,
        ),
      );
    }
  }

  for (const item of PROJECT_ITEMS) {
    const prev = t1[`${item}_prev`];
    const delta = t1[`${item}_delta`];
    // V19-T1-02: the number of items cannot fall below zero.
    if (prev + delta < 0) {
      diagnostics.push(
        error(
          'V19-T1-02',
          [...T1_PATH, `${item}_delta`],
          `${describeCell(T1, [`${item}_delta`])}为 ${signed(delta)}，但「${PREVIOUS_ITEMS}」只有 ${prev}，增减后项目数为 ${prev + delta}，不能为负数`,
        ),
      );
    }
    // V19-T1-05: this year's 上一年项目数量 is last year's plus last year's change.
    if (previous) {
      const before = previous.tables.proactive;
      const expected = before[`${item}_prev`] + before[`${item}_delta`];
      if (prev !== expected) {
        diagnostics.push(
          warn(
            'V19-T1-05',
            [...T1_PATH, `${item}_prev`],
            `${describeCell(T1, [`${item}_prev`])}为 ${prev}，但上年报告中该行「${PREVIOUS_ITEMS}」为 ${before[`${item}_prev`]}、` +
              `「本年增/减」为 ${signed(before[`${item}_delta`])}，本年的上一年项目数量应为 ${expected}`,
          ),
        );
      }
    }
  }
  return diagnostics;
}

function checkNarrative(report: ReportV2019): Diagnostic[] {
  // A published report is reproduced as it stands, empty parts included.
  return report.source === 'published' ? [] : checkNarrativeParts(report.narrative, UNDRAFTABLE_PARTS);
}

/** V19-TXT-01: every number the narrative states about a table quantity equals the table. */
export function checkNarrativeAgainstTablesV2019(report: ReportV2019): Diagnostic[] {
  return checkNarrativeFacts(v2019NarrativeFacts, {
    year: report.year,
    narrative: report.narrative,
    partLabel: (part) => schemaLabel(reportV2019 as Parameters<typeof schemaLabel>[0], ['narrative', part]) ?? part,
    data: report,
    tables: v2019TableDefinitions,
  });
}

/** V19-TXT-02: the narrative says every application was completed, but 结转下年度继续办理 总计 is more than 0. */
export function checkAllCompletedTextV2019(report: ReportV2019): Diagnostic[] {
  return checkAllCompleted({
    code: 'V19-TXT-02',
    narrative: report.narrative,
    partLabel: (part) => schemaLabel(reportV2019 as Parameters<typeof schemaLabel>[0], ['narrative', part]) ?? part,
    data: report,
    tables: v2019TableDefinitions,
    carriedOver: ['tables', 'requests', 'carry_out', 'tot'],
  });
}

/** All v2019 consistency rules. `context.previous` (last year's v2019 report) turns on the cross-year rules. */
export function checkV2019(report: ReportV2019, context: V2019RuleContext = {}): Diagnostic[] {
  const previous = context.previous;
  const level = report.organization.level;
  const date = report.signature?.date;
  return [
    ...(date
      ? checkSignatureDate({
          year: report.year,
          date,
          path: ['signature', 'date'],
          deadline: V2019_DEADLINES[level],
          ...(context.deadlines?.[level] ? { configured: context.deadlines[level] } : {}),
        })
      : []),
    ...checkStatisticsPeriod(report.preamble, report.year, ['preamble']),
    ...checkProactive(report, previous),
    ...(previous
      ? checkCarriedOver(report.tables.requests, previous.tables.requests, { definition: T2, path: T2_PATH, code: 'V19-T2-04', columns: REQUEST_COLUMNS })
      : []),
    ...checkNarrative(report),
    ...checkNarrativeAgainstTablesV2019(report),
    ...checkAllCompletedTextV2019(report),
  ];
}
