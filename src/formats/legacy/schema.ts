/**
 * Report data for the years under the 2007 regulation (report year ≤ 2018,
 * spec §5): a free-form narrative — the report's own title, preamble and
 * parts (five to eleven of them, with sub-levels 一、（一）1.（1）) — and,
 * optionally, the 政府信息公开工作统计表 printed as an attachment after it,
 * plus other material printed after the report (a web page's 扩展阅读).
 */
import * as z from 'zod';
import {
  amountWan,
  count,
  emptyAsDefault,
  isoDate,
  narrativeBlock,
  narrativePart,
  organization,
  organizationLevels,
  reportYear,
  requiredText,
  text,
} from '../common/schema-parts.js';
import { reportSource } from '../common/published.js';
import { INDICATORS } from './indicators.js';
import { UNIT_STYLES, statisticsTableDefinition } from './tables.js';
import { computedTotals } from '../common/computed-totals.js';

const title = z
  .union([requiredText, z.array(requiredText).min(1)])
  .meta({
    description: '报告标题，照原文写；写成列表时每项为一行（长标题按词意回行）。不写时为“{机关名称}{年度}年政府信息公开工作年度报告”',
  });

/** One part of the report: its heading (numbered 一、二、… in order) and content. */
export const legacySection = z
  .strictObject({
    heading: requiredText.meta({ description: '部分标题（不含“一、”等序号，序号按顺序自动生成）' }),
    body: z
      .array(narrativeBlock)
      .optional()
      .meta({ description: '该部分的段落；小标题写成 heading/body，序号按层级自动生成：（一）、1.、（1）' }),
  })
  .meta({ description: '报告的一个部分' });

const signatureLegacy = z
  .strictObject({
    name: text.optional().meta({ description: '落款署名；不填时用机关全称' }),
    date: isoDate.optional().meta({ description: '成文日期，写作 2018-03-18，输出为“2018年3月18日”' }),
    date_text: requiredText.optional().meta({ description: '原文日期无法写成年-月-日时（如“201*年12月17日”），照原文写在这里，输出时代替 date' }),
  })
  .meta({ description: '落款（原报告没有落款时不写）' });

const statisticsValues = computedTotals(
  z
  .strictObject({
    ...Object.fromEntries(
      INDICATORS.map((indicator) => {
        if (indicator.kind === 'group') {
          return [
            indicator.key,
            z.unknown().optional().meta({ description: `${indicator.label}（分组标题行：单位为“——”，统计数格为空，不填）` }),
          ];
        }
        const schema = indicator.kind === 'amount' ? amountWan : count;
        return [indicator.key, schema.meta({ description: `${indicator.label}（${indicator.unit}）` })];
      }),
    ),
  })
  .meta({ description: '统计表各项指标的统计数；分组标题行（L1、L1_2、L2、L2_2、L3、L8、L9）不填；合计指标可不填，xxgk 按各项自动计算，填了则核对' }),
  statisticsTableDefinition,
);

export const statistics = z
  .strictObject({
    attachment_label: text.default('附件').meta({ description: '表格前一页左上角的附件标识，如“附件2”；写空字符串则不印' }),
    units: z
      .enum(UNIT_STYLES)
      .default('常见模板')
      .meta({ description: '“单位”列：常见模板（条、件、次、个、人、万元、人次）或 仅万元人次（只印万元和人次两处单位，与 2017 年桃源县陬市镇等原表一致）' }),
    reporting_unit: text.default('').meta({ description: '“填报单位（盖章）：”后的文字，可空' }),
    head: text.default('').meta({ description: '单位负责人' }),
    reviewer: text.default('').meta({ description: '审核人' }),
    preparer: text.default('').meta({ description: '填报人' }),
    phone: text.default('').meta({ description: '联系电话' }),
    date: text.default('').meta({ description: '填报日期，照原文写（如 2018.3.18）；写作 2018-03-18 时输出为“2018年3月18日”' }),
    values: statisticsValues,
  })
  .meta({ description: '政府信息公开工作统计表（旧条例时期，作为附件印在报告之后）' });

export const appendix = z
  .strictObject({
    label: text.default('').meta({ description: '页首左上角的标识，如“附件3”或“扩展阅读：……”；可空' }),
    title: z.union([requiredText, z.array(requiredText).min(1)]).optional().meta({ description: '标题；列表时每项一行' }),
    preamble: narrativePart.meta({ description: '标题之后、第一部分之前的段落' }),
    sections: emptyAsDefault(z.array(legacySection).default([])).meta({ description: '各部分，序号一、二、……自动生成' }),
    signature: signatureLegacy.optional(),
  })
  .meta({ description: '附在报告之后的其他文字材料，另起一页' });

export const reportLegacy = z
  .strictObject({
    $schema: z.string().optional().meta({ description: '编辑器用的 JSON Schema 地址，可不填' }),
    format: z.literal('legacy').meta({ description: '报告格式版本：2018 年度及以前为 legacy（旧条例时期），按 year 自动选择时可不填' }).optional(),
    source: reportSource,
    year: reportYear,
    organization: organization.extend({
      level: z.enum(organizationLevels).optional().meta({ description: '机关类别：人民政府、部门、乡镇街道、其他（可不填）' }),
    }),
    title: title.optional(),
    title_order: z
      .enum(['机关在前', '年份在前'])
      .default('机关在前')
      .meta({ description: '不写 title 时标题的写法：机关在前或年份在前' }),
    preamble: narrativePart.meta({ description: '导语：标题之后、第一部分之前的段落' }),
    sections: emptyAsDefault(z.array(legacySection).default([])).meta({
      description: '报告的各部分（旧条例时期没有统一的章节，照原报告写），序号一、二、……按顺序自动生成',
    }),
    signature: signatureLegacy.optional(),
    statistics: statistics.optional(),
    appendices: emptyAsDefault(z.array(appendix).default([])).meta({ description: '印在报告（及统计表）之后的其他材料，每份另起一页' }),
  })
  .meta({ title: '政府信息公开工作年度报告（2018 年度及以前，旧条例时期）', description: '一份旧条例时期年度报告的全部数据' });

export type ReportLegacy = z.infer<typeof reportLegacy>;
export type ReportLegacyInput = z.input<typeof reportLegacy>;
export type StatisticsLegacy = z.infer<typeof statistics>;
export type LegacySection = z.infer<typeof legacySection>;
export type SignatureLegacy = z.infer<typeof signatureLegacy>;
export type AppendixLegacy = z.infer<typeof appendix>;
