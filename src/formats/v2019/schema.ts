/**
 * Report data for the trial format of 2019 (国办公开办函〔2019〕60号), used for
 * the 2019 and 2020 reports (spec §4). Same six parts as the 2021 format; its own T1
 * (with 其他对外管理服务事项, signed 本年增/减 and 第二十条第（九）项 政府集中采购)
 * and a T2 whose （六）其他处理 is a single row.
 */
import * as z from 'zod';
import {
  ALWAYS_CHECK,
  amountWanAsPrinted,
  checkAmountDecimals,
  checkTitleYear,
  count,
  narrativePart,
  organization,
  reportTitleText,
  reportYear,
  requireSignature,
  signatureAsPrinted,
  signedCount,
} from '../common/schema-parts.js';
import { reportSource } from '../common/published.js';
import {
  APPLICANT_COLUMNS,
  DETAILED_REQUEST_ROWS,
  REQUEST_COLUMNS,
  REQUEST_ROW_LABELS as DETAILED_ROW_LABELS,
  requestRow,
  requestRowLayouts,
  requestsTableDefinitionFor,
  type DetailedRequestRow,
  type RequestColumn,
} from '../common/requests-table.js';
import type { TableDefinition } from '../../tables/grid.js';
import { computedTotals } from '../common/computed-totals.js';
import { draftsSchema } from '../common/drafts.js';
import { reviewTable } from '../common/review-table.js';

/** T2 applicant columns are the same in both six-part formats (spec §3.4). */
export { APPLICANT_COLUMNS, REQUEST_COLUMNS, type RequestColumn };

/** T2 data rows (spec §4.4, 23 rows): the detailed rows with the three （六）其他处理 sub-rows as one row `other`. */
export type RequestRow = Exclude<DetailedRequestRow, `other_${string}`> | 'other';
export const REQUEST_ROWS: readonly RequestRow[] = DETAILED_REQUEST_ROWS.flatMap((row): RequestRow[] =>
  row === 'other_nocorrect' ? ['other'] : row.startsWith('other_') ? [] : [row as RequestRow],
);

/** The 19 handling outcomes whose sum is （七）总计 (rule V19-T2-02). */
export const OUTCOME_ROWS = REQUEST_ROWS.filter(
  (row) => !['new', 'carry_in', 'total', 'carry_out'].includes(row),
) as readonly RequestRow[];

/** T1 items with 上一年项目数量 and 本年增/减 (第二十条第（五）（六）（八）项). */
export const PROJECT_ITEMS = ['license', 'othersvc', 'penalty', 'coercion', 'fee'] as const;
export type ProjectItem = (typeof PROJECT_ITEMS)[number];

export const proactiveTableV2019 = z
  .strictObject({
    reg_new_made: count.meta({ description: '规章 × 本年新制作数量' }),
    reg_new_pub: count.meta({ description: '规章 × 本年新公开数量' }),
    reg_total_pub: count.meta({ description: '规章 × 对外公开总数量' }),
    nd_new_made: count.meta({ description: '规范性文件 × 本年新制作数量' }),
    nd_new_pub: count.meta({ description: '规范性文件 × 本年新公开数量' }),
    nd_total_pub: count.meta({ description: '规范性文件 × 对外公开总数量' }),
    license_prev: count.meta({ description: '行政许可 × 上一年项目数量' }),
    license_delta: signedCount.meta({ description: '行政许可 × 本年增/减（增加写正数，减少写负数，如 -3 输出为“减3”）' }),
    license_decisions: count.meta({ description: '行政许可 × 处理决定数量' }),
    othersvc_prev: count.meta({ description: '其他对外管理服务事项 × 上一年项目数量' }),
    othersvc_delta: signedCount.meta({ description: '其他对外管理服务事项 × 本年增/减（增加写正数，减少写负数）' }),
    othersvc_decisions: count.meta({ description: '其他对外管理服务事项 × 处理决定数量' }),
    penalty_prev: count.meta({ description: '行政处罚 × 上一年项目数量' }),
    penalty_delta: signedCount.meta({ description: '行政处罚 × 本年增/减（增加写正数，减少写负数）' }),
    penalty_decisions: count.meta({ description: '行政处罚 × 处理决定数量' }),
    coercion_prev: count.meta({ description: '行政强制 × 上一年项目数量' }),
    coercion_delta: signedCount.meta({ description: '行政强制 × 本年增/减（增加写正数，减少写负数）' }),
    coercion_decisions: count.meta({ description: '行政强制 × 处理决定数量' }),
    fee_prev: count.meta({ description: '行政事业性收费 × 上一年项目数量' }),
    fee_delta: signedCount.meta({ description: '行政事业性收费 × 本年增/减（增加写正数，减少写负数）' }),
    procure_items: count.meta({ description: '政府集中采购 × 采购项目数量' }),
    procure_amount_wan: amountWanAsPrinted.meta({ description: '政府集中采购 × 采购总金额（单位：万元）' }),
  })
  .meta({ description: '二、主动公开政府信息情况（表，2019 年试行格式）' });

/** Printed labels of the T2 rows: the detailed rows' labels, with the single （六）其他处理 row. */
export const REQUEST_ROW_LABELS_V2019: Record<RequestRow, string> = {
  ...(Object.fromEntries(
    REQUEST_ROWS.filter((row) => row !== 'other').map((row) => [row, DETAILED_ROW_LABELS[row as keyof typeof DETAILED_ROW_LABELS]]),
  ) as Record<Exclude<RequestRow, 'other'>, string>),
  other: '（六）其他处理',
};

export const requestsTableDefinitionV2019: TableDefinition = requestsTableDefinitionFor(
  requestRowLayouts(REQUEST_ROWS, REQUEST_ROW_LABELS_V2019),
  OUTCOME_ROWS,
);

export const requestsTableV2019 = computedTotals(
  z
    .strictObject(Object.fromEntries(REQUEST_ROWS.map((row) => [row, requestRow])) as Record<RequestRow, typeof requestRow>)
    .meta({ description: '三、收到和处理政府信息公开申请情况（表），23 行 × 7 列；（六）其他处理只有一行 other；总计列和（七）总计行可不填，xxgk 自动计算' }),
  requestsTableDefinitionV2019,
);

export const narrativeV2019 = z
  .strictObject({
    overview: narrativePart.meta({ description: '一、总体情况' }),
    proactive: narrativePart.meta({ description: '二、主动公开政府信息情况：表格前的说明文字（可不填，不填时按表中数字自动生成一句；source: published 时不生成）' }),
    requests: narrativePart.meta({ description: '三、收到和处理政府信息公开申请情况：表格前的说明文字（可不填）' }),
    review_litigation: narrativePart.meta({ description: '四、政府信息公开行政复议、行政诉讼情况：表格前的说明文字（可不填）' }),
    problems: narrativePart.meta({ description: '五、存在的主要问题及改进情况' }),
    other: narrativePart.meta({ description: '六、其他需要报告的事项' }),
  })
  .meta({ description: '报告正文六个部分' });

export const reportV2019 = z
  .strictObject({
    $schema: z.string().optional().meta({ description: '编辑器用的 JSON Schema 地址，可不填' }),
    format: z.literal('v2019').meta({ description: '报告格式版本：2019、2020 年度为 v2019（国办公开办函〔2019〕60号），按 year 自动选择时可不填' }).optional(),
    source: reportSource,
    year: reportYear,
    organization,
    title: reportTitleText.optional(),
    title_order: z
      .enum(['机关在前', '年份在前'])
      .default('机关在前')
      .meta({ description: '标题写法：机关在前为“某机关2020年政府信息公开工作年度报告”，年份在前为“2020年某机关……”' }),
    preamble: narrativePart.meta({
      description: '导语（标题之后、“一、总体情况”之前的段落）；不填时按条例和格式要求自动生成（source: published 时不生成）',
    }),
    signature: signatureAsPrinted.optional(),
    narrative: narrativeV2019.default({
      overview: [],
      proactive: [],
      requests: [],
      review_litigation: [],
      problems: [],
      other: [],
    }),
    drafts: draftsSchema(['proactive', 'requests', 'review_litigation']),
    tables: z
      .strictObject({
        proactive: proactiveTableV2019,
        requests: requestsTableV2019,
        review_litigation: reviewTable,
      })
      .meta({ description: '三张统计表，除总计格外每个格都要填，没有数据填 0；总计格可不填，xxgk 自动计算，填了则核对' }),
  })
  .superRefine((report, ctx) => {
    requireSignature(report, ctx);
    checkTitleYear(report, ctx);
    checkAmountDecimals(report, [['tables', 'proactive', 'procure_amount_wan']], ctx);
  }, ALWAYS_CHECK)
  .meta({ title: '政府信息公开工作年度报告（2019 年试行格式）', description: '一份 2019 或 2020 年度报告的全部数据' });

export type ReportV2019 = z.infer<typeof reportV2019>;
export type ReportV2019Input = z.input<typeof reportV2019>;
export type ProactiveTableV2019 = z.infer<typeof proactiveTableV2019>;
export type RequestsTableV2019 = z.infer<typeof requestsTableV2019>;
