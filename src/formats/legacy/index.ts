/**
 * The reports of the years under the 2007 regulation (report year ≤ 2018,
 * spec §5): free-form narrative parts and, optionally, the 政府信息公开工作统计表
 * as an attachment. Schema, grid, rules and templates bound together; nothing
 * outside src/formats/ branches on it.
 */
import { buildGrid } from '../../tables/grid.js';
import type { FormatDefinition } from '../format.js';
import { legacyBalances } from './balances.js';
import { checkLegacy, LEGACY_DEADLINE, type LegacyRuleContext } from './rules.js';
import { reportLegacy, type ReportLegacy } from './schema.js';
import { legacyStarterYaml } from './starter.js';
import { legacyTableDefinitions } from './tables.js';
import { legacyTitle, legacyViewModel } from './view.js';

export const legacyFormat: FormatDefinition<ReportLegacy> = {
  id: 'legacy',
  name: '政府信息公开工作年度报告（《中华人民共和国政府信息公开条例》（国务院令第492号）时期，附政府信息公开工作统计表）',
  label: 'legacy（2018 年度及以前，旧条例时期的报告和统计表）',
  schema: reportLegacy,
  tables: legacyTableDefinitions.map(buildGrid),
  balances: legacyBalances,
  // 2007 年条例第三十一条: every body by 3 月 31 日.
  deadlines: { 部门: LEGACY_DEADLINE, 人民政府: LEGACY_DEADLINE, 乡镇街道: LEGACY_DEADLINE, 其他: LEGACY_DEADLINE },
  check: (report, context) => checkLegacy(report, context as LegacyRuleContext),
  crossYearRules: [],
  templates: {
    folder: 'legacy',
    sections: ['title', 'preamble', 'sections', 'signature', 'statistics', 'appendices'],
  },
  viewModel: legacyViewModel,
  title: legacyTitle,
  starter: legacyStarterYaml,
  describe: (report) => ({
    organization: report.organization.name,
    ...(report.organization.level ? { organizationLevel: report.organization.level } : {}),
    year: report.year,
    signatureDate: report.signature?.date ?? '',
  }),
  // Its 单位 column holds labels the importer does not read back yet.
  workbook: { importable: false },
};

export * from './schema.js';
export * from './tables.js';
export * from './indicators.js';
export { checkLegacy, LEGACY_DEADLINE, type LegacyRuleContext } from './rules.js';
