/**
 * Report data for the current format (国办公开办函〔2021〕30号), spec §3.
 * The TypeScript types are inferred from these schemas, never written twice.
 */
import * as z from 'zod';
import {
  ALWAYS_CHECK,
  checkAmountDecimals,
  checkTitleYear,
  informationFee,
  narrativePart,
  organization,
  reportTitleText,
  reportYear,
  requireSignature,
  signatureAsPrinted,
} from '../common/schema-parts.js';
import { reportSource } from '../common/published.js';
import { proactiveAmountPaths, proactiveTableSchema } from '../common/proactive-table.js';
import { reviewTable } from '../common/review-table.js';
import {
  DETAILED_REQUEST_ROWS,
  REQUEST_ROW_LABELS,
  requestRow,
  requestRowLayouts,
  requestsTableDefinitionFor,
  type DetailedRequestRow,
} from '../common/requests-table.js';
import { computedTotals } from '../common/computed-totals.js';
import { draftsSchema } from '../common/drafts.js';
import { PROACTIVE_SECTIONS } from './proactive-sections.js';

export { APPLICANT_COLUMNS, REQUEST_COLUMNS, type RequestColumn } from '../common/requests-table.js';

/** T2 data rows in printed order (spec §3.4, 25 rows): every handling outcome on its own row. */
export const REQUEST_ROWS = DETAILED_REQUEST_ROWS;
export type RequestRow = DetailedRequestRow;

/** The 21 handling outcomes whose sum is （七）总计 (rule V21-T2-02). */
export const OUTCOME_ROWS = REQUEST_ROWS.filter(
  (row) => !['new', 'carry_in', 'total', 'carry_out'].includes(row),
) as readonly RequestRow[];

export { REVIEW_GROUPS, REVIEW_RESULTS, reviewTable, type ReviewGroup, type ReviewResult } from '../common/review-table.js';

export const proactiveTable = proactiveTableSchema(PROACTIVE_SECTIONS);
const AMOUNT_PATHS = proactiveAmountPaths(PROACTIVE_SECTIONS);

/** The three （六）其他处理 sub-rows, which a published report may have printed as one row `other`. */
export const OTHER_SUB_ROWS = ['other_nocorrect', 'other_nofee', 'other_other'] as const satisfies readonly RequestRow[];
type OtherSubRow = (typeof OTHER_SUB_ROWS)[number];

/** The T2 rows of a report that printed （六）其他处理 as one row (the 2019 layout's `other`). */
export const ONE_ROW_OTHER_ROWS = REQUEST_ROWS.flatMap((row): string[] =>
  row === 'other_nocorrect' ? ['other'] : (OTHER_SUB_ROWS as readonly string[]).includes(row) ? [] : [row],
);
export const ONE_ROW_OTHER_OUTCOMES = ONE_ROW_OTHER_ROWS.filter((row) => !['new', 'carry_in', 'total', 'carry_out'].includes(row));

const otherSubRowsMessage =
  '（六）其他处理已写成一行 other，不能再写 other_nocorrect、other_nofee、other_other；照原报告只保留其中一种写法';

/** T2 as a grid (spec §3.4). */
export const requestsTableDefinition = requestsTableDefinitionFor(requestRowLayouts(REQUEST_ROWS, REQUEST_ROW_LABELS), OUTCOME_ROWS);

/**
 * T2 of a published report that printed （六）其他处理 as one row (data key `other`,
 * as in the 2019 layout): 23 rows, （七）总计 the sum of （一）至（六）.
 */
export const requestsTableDefinitionOneRowOther = requestsTableDefinitionFor(
  requestRowLayouts(ONE_ROW_OTHER_ROWS, { ...REQUEST_ROW_LABELS, other: '（六）其他处理' } as Record<string, string>),
  ONE_ROW_OTHER_OUTCOMES,
);

const requestsTableFields = z
  .strictObject({
    ...(Object.fromEntries(REQUEST_ROWS.map((row) => [row, (OTHER_SUB_ROWS as readonly string[]).includes(row) ? requestRow.optional() : requestRow])) as Record<
      Exclude<RequestRow, OtherSubRow>,
      typeof requestRow
    > &
      Record<OtherSubRow, z.ZodOptional<typeof requestRow>>),
    other: requestRow.optional().meta({
      description:
        '（六）其他处理写成一行（原报告没有分三行印时，按原表照写；会提示）。写了 other 就不写 other_nocorrect、other_nofee、other_other',
    }),
  })
  .meta({ description: '三、收到和处理政府信息公开申请情况（表），25 行 × 7 列；总计列和（七）总计行可不填，xxgk 自动计算' });

/** Which T2 layout a table's data is in: the one-row （六）其他处理 when it writes `other`. */
const requestsLayoutOf = (table: { other?: unknown }) =>
  table.other !== undefined ? requestsTableDefinitionOneRowOther : requestsTableDefinition;

/** T2: its totals may be left out (computed in the layout the data is in); `other` and the three sub-rows exclude each other. */
export const requestsTable = computedTotals(requestsTableFields, [requestsTableDefinition, requestsTableDefinitionOneRowOther], requestsLayoutOf).superRefine(
  (table, ctx) => {
    if (table.other !== undefined) {
      for (const row of OTHER_SUB_ROWS) {
        if (table[row] !== undefined) ctx.addIssue({ code: 'custom', path: [row], message: otherSubRowsMessage, input: table[row] });
      }
      return;
    }
    // Today's message for a missing row: the three sub-rows are required unless `other` stands for them.
    for (const row of OTHER_SUB_ROWS) {
      if (table[row] === undefined) ctx.addIssue({ code: 'invalid_type', expected: 'object', path: [row], input: undefined });
    }
  },
);

export const narrativeV2021 = z
  .strictObject({
    overview: narrativePart.meta({ description: '一、总体情况（常分为主动公开、依申请公开、政府信息管理、平台建设、监督保障等小标题）' }),
    proactive: narrativePart.meta({ description: '二、主动公开政府信息情况：表格前的说明文字（可不填，不填时按表中数字自动生成一句）' }),
    requests: narrativePart.meta({ description: '三、收到和处理政府信息公开申请情况：表格前的说明文字（可不填，不填时自动生成）' }),
    review_litigation: narrativePart.meta({ description: '四、政府信息公开行政复议、行政诉讼情况：表格前的说明文字（可不填，不填时自动生成）' }),
    problems: narrativePart.meta({ description: '五、存在的主要问题及改进情况' }),
    other: narrativePart.meta({ description: '六、其他需要报告的事项（信息处理费的说明可不写，按 fee 自动生成）' }),
  })
  .meta({ description: '报告正文六个部分' });

/**
 * The report's fields without the checks that span fields; a new format
 * extends these (`reportV2021Fields.extend({…}).superRefine(checkReportV2021)`).
 */
export const reportV2021Fields = z
  .strictObject({
    $schema: z.string().optional().meta({ description: '编辑器用的 JSON Schema 地址，可不填' }),
    format: z.literal('v2021').optional().meta({ description: '报告格式版本；2021 年度起为 v2021，可不填' }),
    source: reportSource,
    year: reportYear,
    organization,
    title: reportTitleText.optional(),
    title_order: z
      .enum(['机关在前', '年份在前'])
      .default('机关在前')
      .meta({ description: '标题写法：机关在前为“某机关2023年政府信息公开工作年度报告”，年份在前为“2023年某机关……”' }),
    preamble: narrativePart.meta({
      description: '导语（标题之后、“一、总体情况”之前的段落，写法同正文各部分）；不填时按条例和格式要求自动生成（source: published 时不生成）',
    }),
    signature: signatureAsPrinted.optional(),
    narrative: narrativeV2021.default({
      overview: [],
      proactive: [],
      requests: [],
      review_litigation: [],
      problems: [],
      other: [],
    }),
    drafts: draftsSchema(['proactive', 'requests', 'review_litigation', 'fee']),
    tables: z
      .strictObject({
        proactive: proactiveTable,
        requests: requestsTable,
        review_litigation: reviewTable,
      })
      .meta({ description: '三张统计表，除总计格外每个格都要填，没有数据填 0；总计格可不填，xxgk 自动计算，填了则核对' }),
    fee: informationFee.optional(),
  })
  .meta({ title: '政府信息公开工作年度报告（2021 年格式）', description: '一份年度报告的全部数据' });

/**
 * Checks across fields: the signature and its date are required unless the
 * report is reproduced as published; a title written in the data names the
 * year; amounts have at most 4 decimals unless published (6).
 */
export function checkReportV2021(
  report: { source?: 'published' | undefined; year: number; title?: string | string[] | undefined; signature?: { date?: string | undefined } | undefined },
  ctx: z.RefinementCtx,
): void {
  requireSignature(report, ctx);
  checkTitleYear(report, ctx);
  checkAmountDecimals(report, AMOUNT_PATHS, ctx);
}

/** How `checkReportV2021` is attached: it runs even when other fields fail, so one run lists every problem. */
export { ALWAYS_CHECK };

export const reportV2021 = reportV2021Fields.superRefine(checkReportV2021, ALWAYS_CHECK);

export type ReportV2021 = z.infer<typeof reportV2021>;
/** What a user writes before defaults are applied. */
export type ReportV2021Input = z.input<typeof reportV2021>;
export type ProactiveTableV2021 = z.infer<typeof proactiveTable>;
export type RequestsTableV2021 = z.infer<typeof requestsTable>;
export type { ReviewTable } from '../common/review-table.js';
export type NarrativeV2021 = z.infer<typeof narrativeV2021>;
