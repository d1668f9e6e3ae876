/**
 * Report data for the current format (国办公开办函〔2021〕30号), spec §3.
 * The TypeScript types are inferred from these schemas, never written twice.
 */
import * as z from 'zod';
import {
  informationFee,
  narrativePart,
  organization,
  reportYear,
  signature,
} from '../common/schema-parts.js';
import { proactiveTableSchema } from '../common/proactive-table.js';
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

/** T2 as a grid (spec §3.4); its totals may be left out of the data (computed). */
export const requestsTableDefinition = requestsTableDefinitionFor(requestRowLayouts(REQUEST_ROWS, REQUEST_ROW_LABELS), OUTCOME_ROWS);

export const requestsTable = computedTotals(
  z
    .strictObject(Object.fromEntries(REQUEST_ROWS.map((row) => [row, requestRow])) as Record<RequestRow, typeof requestRow>)
    .meta({ description: '三、收到和处理政府信息公开申请情况（表），25 行 × 7 列；总计列和（七）总计行可不填，xxgk 自动计算' }),
  requestsTableDefinition,
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

export const reportV2021 = z
  .strictObject({
    $schema: z.string().optional().meta({ description: '编辑器用的 JSON Schema 地址，可不填' }),
    format: z.literal('v2021').optional().meta({ description: '报告格式版本；2021 年度起为 v2021，可不填' }),
    year: reportYear,
    organization,
    title_order: z
      .enum(['机关在前', '年份在前'])
      .default('机关在前')
      .meta({ description: '标题写法：机关在前为“某机关2023年政府信息公开工作年度报告”，年份在前为“2023年某机关……”' }),
    signature,
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

export type ReportV2021 = z.infer<typeof reportV2021>;
/** What a user writes before defaults are applied. */
export type ReportV2021Input = z.input<typeof reportV2021>;
export type ProactiveTableV2021 = z.infer<typeof proactiveTable>;
export type RequestsTableV2021 = z.infer<typeof requestsTable>;
export type { ReviewTable } from '../common/review-table.js';
export type NarrativeV2021 = z.infer<typeof narrativeV2021>;
