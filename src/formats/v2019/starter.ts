/**
 * `xxgk init --year 2019|2020`: a complete, commented data file for the 2019
 * trial format in which every table cell is present as 0. Generated from the
 * table definitions, so its comments always match the printed labels.
 */
import type { StarterOptions } from '../format.js';
import { proactiveTableDefinitionV2019, requestsTableDefinitionV2019, reviewTableDefinition } from './tables.js';
import { TOTALS_COMMENT, keyTableStarterLines, rowTableStarterLines } from '../common/starter-tables.js';

const yamlString = (text: string): string => JSON.stringify(text);

function proactiveLines(): string[] {
  const lines: string[] = [];
  for (const cell of proactiveTableDefinitionV2019.cells) {
    const content = cell.content;
    if (content.kind === 'label' && content.role === 'section') lines.push(`    # ${content.text}`);
    if (content.kind === 'value') {
      const zero = content.format === 'wan' ? '0.00' : '0';
      const hint = content.format === 'signed' ? '（增加写正数，减少写负数）' : '';
      lines.push(`    ${content.key[0]}: ${zero}`.padEnd(32) + `# ${content.rowLabel} × ${content.colLabel}${hint}`);
    }
  }
  return lines;
}

export function v2019StarterYaml(options: StarterOptions): string {
  const organization = options.organization?.trim() || '请填写机关全称';
  return [
    ...(options.schemaPath ? [`# yaml-language-server: $schema=${options.schemaPath}`] : []),
    `# ${options.year}年政府信息公开工作年度报告数据（2019 年试行格式，国办公开办函〔2019〕60号）`,
    `# 填写说明：表格中每个格都要有数字，没有数据就写 0；${TOTALS_COMMENT}。文字段落写在 |- 下面，段落之间空一行。`,
    '# 检查：npx xxgk validate 本文件    生成 Word：npx xxgk build 本文件',
    '',
    'format: v2019',
    `year: ${options.year}`,
    '',
    'organization:',
    `  name: ${yamlString(organization)}   # 机关全称，用于标题和落款`,
    '  level: 部门                  # 人民政府、部门、乡镇街道 或 其他（决定发布时限的校验）',
    '  # department: 办公室          # 负责政府信息公开日常工作的机构',
    '  # website: http://           # 门户网站地址',
    '  contact:',
    '    # phone: 联系电话',
    '',
    '# 导语：不写时按条例和格式要求自动生成。',
    'preamble: []',
    '',
    'signature:',
    `  date: ${options.year + 1}-01-20         # 成文日期，输出为“${options.year + 1}年1月20日”；署名默认用机关全称，可加 name: 另写`,
    '',
    'narrative:',
    '  # 一、总体情况：先写综述段落，再按小标题分述，小标题序号（一）（二）……自动生成。',
    '  overview: []',
    '  # 二、三、四：表格前的说明；不写时按表中数字自动生成一句。',
    '  proactive: []',
    '  requests: []',
    '  review_litigation: []',
    '  # 五、存在的主要问题及改进情况',
    '  problems: []',
    '  # 六、其他需要报告的事项',
    '  other: []',
    '',
    '# 不写说明文字的部分自动生成的说明句，默认都生成；某部分不要时写 false（该部分只印标题和表格）：',
    '# drafts: { proactive: false, requests: false, review_litigation: false }',
    '',
    'tables:',
    '  # 二、主动公开政府信息情况',
    '  proactive:',
    ...proactiveLines(),
    '',
    '  # 三、收到和处理政府信息公开申请情况（（六）其他处理只有一行 other）',
    '  requests:',
    ...rowTableStarterLines(requestsTableDefinitionV2019),
    '',
    '  # 四、政府信息公开行政复议、行政诉讼情况',
    '  review_litigation:',
    '    # rv = 行政复议；lit_direct = 行政诉讼·未经复议直接起诉；lit_after = 行政诉讼·复议后起诉',
    ...keyTableStarterLines(reviewTableDefinition),
    '',
  ].join('\n');
}
