/**
 * `xxgk init`: a complete, commented data file for the 2021 format in which
 * every table cell is present as 0 and every part carries a one-line hint.
 * It is generated from the table definitions, so its comments always match
 * the printed labels.
 */
import { proactiveTableDefinition, requestsTableDefinition, reviewTableDefinition } from './tables.js';
import { TOTALS_COMMENT, keyTableStarterLines, rowTableStarterLines } from '../common/starter-tables.js';

import type { TableDefinition } from '../../tables/grid.js';
import type { StarterOptions } from '../format.js';

/** YAML needs quotes around a plain scalar that could be read as something else. */
function yamlString(text: string): string {
  return JSON.stringify(text);
}

function proactiveLines(proactive: TableDefinition): string[] {
  const lines: string[] = [];
  for (const cell of proactive.cells) {
    const content = cell.content;
    if (content.kind === 'label' && content.role === 'section') lines.push(`    # ${content.text}`);
    if (content.kind === 'value') {
      const zero = content.format === 'wan' ? '0.00' : '0';
      lines.push(`    ${content.key[0]}: ${zero}`.padEnd(32) + `# ${content.rowLabel} × ${content.colLabel}`);
    }
  }
  return lines;
}

/** The starter of this format, or of one that differs from it in 表一 only. */
export function v2021StarterYaml(options: StarterOptions, proactive: TableDefinition = proactiveTableDefinition): string {
  const organization = options.organization?.trim() || '请填写机关全称';
  const lines = [
    ...(options.schemaPath ? [`# yaml-language-server: $schema=${options.schemaPath}`] : []),
    `# ${options.year}年政府信息公开工作年度报告数据（2021 年格式，国办公开办函〔2021〕30号）`,
    `# 填写说明：表格中每个格都要有数字，没有数据就写 0；${TOTALS_COMMENT}。文字段落写在 |- 下面，段落之间空一行。`,
    '# 检查：npx xxgk validate 本文件    生成 Word：npx xxgk build 本文件',
    '',
    `year: ${options.year}`,
    '',
    'organization:',
    `  name: ${yamlString(organization)}   # 机关全称，用于标题和落款`,
    '  level: 部门                  # 人民政府、部门、乡镇街道 或 其他（决定发布时限的校验）',
    '  # department: 办公室          # 负责政府信息公开日常工作的机构',
    '  # website: http://           # 门户网站地址',
    '  # download_url: http://      # 本报告电子版的查阅或下载地址',
    '  contact:',
    '    # address: 通信地址',
    '    # postcode: "000000"',
    '    # phone: 联系电话',
    '    # email: 电子邮箱',
    '',
    'signature:',
    `  date: ${options.year + 1}-01-20         # 成文日期，输出为“${options.year + 1}年1月20日”；署名默认用机关全称，可加 name: 另写`,
    '',
    'narrative:',
    '  # 一、总体情况：先写综述段落，再按小标题（主动公开、依申请公开、政府信息管理、平台建设、监督保障）分述，小标题序号自动生成。',
    '  # 例：',
    '  #   - |-',
    '  #     综述段落……',
    '  #   - heading: 主动公开',
    '  #     body:',
    '  #       - |-',
    '  #         主动公开工作情况……',
    '  overview: []',
    '  # 二、主动公开政府信息情况：表格前的说明；不写时按表中数字自动生成一句。',
    '  proactive: []',
    '  # 三、收到和处理政府信息公开申请情况：表格前的说明；不写时按表中数字自动生成一句。',
    '  requests: []',
    '  # 四、政府信息公开行政复议、行政诉讼情况：表格前的说明；不写时按表中数字自动生成一句。',
    '  review_litigation: []',
    '  # 五、存在的主要问题及改进情况：本年度的问题、改进措施，以及上年度问题的整改情况。',
    '  problems: []',
    '  # 六、其他需要报告的事项：信息处理费按下面的 fee 自动写明，这里写其他需要报告的事项。',
    '  other: []',
    '',
    '# 不写说明文字的部分自动生成的说明句，默认都生成；某部分不要时写 false（该部分只印标题和表格）：',
    '# drafts: { proactive: false, requests: false, review_litigation: false, fee: false }',
    '',
    'tables:',
    '  # 二、主动公开政府信息情况',
    '  proactive:',
    ...proactiveLines(proactive),
    '',
    '  # 三、收到和处理政府信息公开申请情况',
    '  requests:',
    ...rowTableStarterLines(requestsTableDefinition),
    '',
    '  # 四、政府信息公开行政复议、行政诉讼情况',
    '  review_litigation:',
    '    # rv = 行政复议；lit_direct = 行政诉讼·未经复议直接起诉；lit_after = 行政诉讼·复议后起诉',
    ...keyTableStarterLines(reviewTableDefinition),
    '',
    '# 信息处理费（《政府信息公开信息处理费管理办法》）：收费的申请件数和总金额（元）',
    'fee:',
    '  count: 0',
    '  amount_yuan: 0',
    '',
  ];
  return lines.join('\n');
}
