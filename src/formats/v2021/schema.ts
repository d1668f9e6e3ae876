/**
 * Report data for the current format (国办公开办函〔2021〕30号), spec §3.
 * The TypeScript types are inferred from these schemas, never written twice.
 */
import * as z from 'zod';
import {
  amountWan,
  count,
  informationFee,
  narrativePart,
  organization,
  reportYear,
  signature,
} from '../common/schema-parts.js';

/** T2 applicant columns, left to right (spec §3.4). */
export const REQUEST_COLUMNS = ['np', 'biz', 'res', 'ngo', 'law', 'oth', 'tot'] as const;
export type RequestColumn = (typeof REQUEST_COLUMNS)[number];
/** The six applicant columns whose sum is 总计. */
export const APPLICANT_COLUMNS = ['np', 'biz', 'res', 'ngo', 'law', 'oth'] as const satisfies readonly RequestColumn[];

/** T2 data rows in printed order (spec §3.4, 25 rows). */
export const REQUEST_ROWS = [
  'new',
  'carry_in',
  'granted',
  'partial',
  'deny_secret',
  'deny_law',
  'deny_safety',
  'deny_third',
  'deny_internal',
  'deny_process',
  'deny_enforce',
  'deny_query',
  'unable_nohold',
  'unable_create',
  'unable_unclear',
  'nproc_petition',
  'nproc_repeat',
  'nproc_publication',
  'nproc_massive',
  'nproc_confirm',
  'other_nocorrect',
  'other_nofee',
  'other_other',
  'total',
  'carry_out',
] as const;
export type RequestRow = (typeof REQUEST_ROWS)[number];

/** The 21 handling outcomes whose sum is （七）总计 (rule V21-T2-02). */
export const OUTCOME_ROWS = REQUEST_ROWS.filter(
  (row) => !['new', 'carry_in', 'total', 'carry_out'].includes(row),
) as readonly RequestRow[];

/** T3 groups and their five results (spec §3.5). */
export const REVIEW_GROUPS = ['rv', 'lit_direct', 'lit_after'] as const;
export const REVIEW_RESULTS = ['keep', 'correct', 'other', 'pending', 'total'] as const;
export type ReviewGroup = (typeof REVIEW_GROUPS)[number];
export type ReviewResult = (typeof REVIEW_RESULTS)[number];

const requestRow = z
  .strictObject(Object.fromEntries(REQUEST_COLUMNS.map((column) => [column, count])) as Record<RequestColumn, typeof count>)
  .meta({ description: '一行 7 个数：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计' });

export const proactiveTable = z
  .strictObject({
    reg_issued: count.meta({ description: '规章 × 本年制发件数' }),
    reg_repealed: count.meta({ description: '规章 × 本年废止件数' }),
    reg_in_force: count.meta({ description: '规章 × 现行有效件数' }),
    nd_issued: count.meta({ description: '行政规范性文件 × 本年制发件数' }),
    nd_repealed: count.meta({ description: '行政规范性文件 × 本年废止件数' }),
    nd_in_force: count.meta({ description: '行政规范性文件 × 现行有效件数' }),
    license_decisions: count.meta({ description: '行政许可 × 本年处理决定数量' }),
    penalty_decisions: count.meta({ description: '行政处罚 × 本年处理决定数量' }),
    coercion_decisions: count.meta({ description: '行政强制 × 本年处理决定数量' }),
    fee_amount_wan: amountWan.meta({ description: '行政事业性收费 × 本年收费金额（单位：万元）' }),
  })
  .meta({ description: '二、主动公开政府信息情况（表）' });

export const requestsTable = z
  .strictObject(Object.fromEntries(REQUEST_ROWS.map((row) => [row, requestRow])) as Record<RequestRow, typeof requestRow>)
  .meta({ description: '三、收到和处理政府信息公开申请情况（表），25 行 × 7 列' });

export const reviewTable = z
  .strictObject(
    Object.fromEntries(
      REVIEW_GROUPS.flatMap((group) => REVIEW_RESULTS.map((result) => [`${group}_${result}`, count])),
    ) as Record<`${ReviewGroup}_${ReviewResult}`, typeof count>,
  )
  .meta({ description: '四、政府信息公开行政复议、行政诉讼情况（表），rv=行政复议，lit_direct=未经复议直接起诉，lit_after=复议后起诉' });

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
    tables: z
      .strictObject({
        proactive: proactiveTable,
        requests: requestsTable,
        review_litigation: reviewTable,
      })
      .meta({ description: '三张统计表，每个格都要填，没有数据填 0' }),
    fee: informationFee.optional(),
  })
  .meta({ title: '政府信息公开工作年度报告（2021 年格式）', description: '一份年度报告的全部数据' });

export type ReportV2021 = z.infer<typeof reportV2021>;
/** What a user writes before defaults are applied. */
export type ReportV2021Input = z.input<typeof reportV2021>;
export type ProactiveTableV2021 = z.infer<typeof proactiveTable>;
export type RequestsTableV2021 = z.infer<typeof requestsTable>;
export type ReviewTable = z.infer<typeof reviewTable>;
export type NarrativeV2021 = z.infer<typeof narrativeV2021>;
