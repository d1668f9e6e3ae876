/**
 * `xxgk init --year 2018` (or earlier): a commented data file for a report of
 * the years under the 2007 regulation — free parts with their own headings and
 * the 政府信息公开工作统计表 with every indicator present as 0. Generated from
 * the indicator tree, so its comments always match the printed labels.
 */
import type { StarterOptions } from '../format.js';
import { INDICATORS } from './indicators.js';
import { statisticsTableDefinition } from './tables.js';
import { totalCells } from '../../tables/totals.js';
import { TOTALS_COMMENT } from '../common/starter-tables.js';

const yamlString = (text: string): string => JSON.stringify(text);

function valueLines(): string[] {
  const totals = new Set(totalCells(statisticsTableDefinition).map((cell) => cell.key.join('.')));
  const lines: string[] = [];
  for (const indicator of INDICATORS) {
    const label = `${'  '.repeat(indicator.depth)}${indicator.label}`;
    if (indicator.kind === 'group') {
      lines.push(`      # ${label}`);
      continue;
    }
    if (totals.has(indicator.key)) {
      lines.push(`      # ${indicator.key} 不用写`.padEnd(22) + `# ${label}（${indicator.unit}）：${TOTALS_COMMENT}`);
      continue;
    }
    const zero = indicator.kind === 'amount' ? '0.00' : '0';
    lines.push(`      ${indicator.key}: ${zero}`.padEnd(22) + `# ${label}（${indicator.unit}）`);
  }
  return lines;
}

export function legacyStarterYaml(options: StarterOptions): string {
  const organization = options.organization?.trim() || '请填写机关全称';
  return [
    ...(options.schemaPath ? [`# yaml-language-server: $schema=${options.schemaPath}`] : []),
    `# ${options.year}年政府信息公开工作年度报告数据（旧条例时期格式：自由分部分的报告，附政府信息公开工作统计表）`,
    '# 填写说明：各部分的标题不写序号（一、二、……自动生成）；文字段落写在 |- 下面，段落之间空一行；统计表每项都要有数字，没有数据写 0（合计项可不填，xxgk 自动计算；填了则核对）。',
    '# 重现已发布的历史报告时加一行 source: published（原表空白的格可写 null，按 0 输出并提示）。',
    '# 检查：npx xxgk validate 本文件    生成 Word：npx xxgk build 本文件',
    '',
    'format: legacy',
    `year: ${options.year}`,
    '',
    'organization:',
    `  name: ${yamlString(organization)}   # 机关全称，用于标题和落款`,
    '',
    '# title: 标题照原文写；不写时为“{机关名称}{年度}年政府信息公开工作年度报告”',
    '',
    '# 导语：标题之后、第一部分之前的段落',
    'preamble: []',
    '',
    '# 各部分：标题不写序号；小标题写成 heading/body，序号（一）、1.、（1）按层级自动生成',
    'sections:',
    '  - heading: 概述',
    '    body: []',
    '  - heading: 主动公开政府信息情况',
    '    body: []',
    '  - heading: 依申请公开政府信息情况',
    '    body: []',
    '  - heading: 政府信息公开的收费及减免情况',
    '    body: []',
    '  - heading: 因政府信息公开申请行政复议、提起行政诉讼情况',
    '    body: []',
    '  - heading: 政府信息公开工作存在的主要问题及改进情况',
    '    body: []',
    '  - heading: 其他需要报告的事项',
    '    body: []',
    '',
    'signature:',
    `  date: ${options.year + 1}-03-20         # 成文日期，输出为“${options.year + 1}年3月20日”；署名默认用机关全称，可加 name: 另写`,
    '',
    '# 政府信息公开工作统计表：印在报告之后，作为附件',
    'statistics:',
    '  attachment_label: 附件',
    '  units: 常见模板               # 或 仅万元人次',
    '  reporting_unit: ""           # 填报单位（盖章）：',
    '  head: ""                     # 单位负责人',
    '  reviewer: ""                 # 审核人',
    '  preparer: ""                 # 填报人',
    '  phone: ""                    # 联系电话',
    `  date: ${options.year + 1}-03-20             # 填报日期`,
    '  values:',
    ...valueLines(),
    '',
  ].join('\n');
}
