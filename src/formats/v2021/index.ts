/**
 * The current format, 国办公开办函〔2021〕30号 (spec §3): schema, tables,
 * rules and templates bound together. Nothing outside src/formats/ branches on it.
 */
import { buildGrid } from '../../tables/grid.js';
import { freeTitleText, reportTitle } from '../common/title.js';
import type { FormatDefinition, FormatLayout } from '../format.js';
import { sixPartBalances } from '../common/balances.js';
import { v2021Balances } from './balances.js';
import { v2021NarrativeFacts } from './narrative-facts.js';
import { checkV2021 } from './rules.js';
import { ONE_ROW_OTHER_OUTCOMES, reportV2021, type ReportV2021 } from './schema.js';
import { v2021OneRowOtherTableDefinitions, v2021TableDefinitions } from './tables.js';
import { v2021StarterYaml } from './starter.js';
import { v2021Templates } from './templates.js';
import { v2021ViewModel } from './view.js';

/** A published report's T2 with （六）其他处理 as one row (`tables.requests.other`), and its 勾稽 identities. */
const ONE_ROW_OTHER_LAYOUT: FormatLayout = {
  tables: v2021OneRowOtherTableDefinitions.map(buildGrid),
  balances: sixPartBalances('V21', ONE_ROW_OTHER_OUTCOMES),
};

function hasOneRowOther(data: unknown): boolean {
  const requests = (data as { tables?: { requests?: unknown } } | null | undefined)?.tables?.requests;
  return requests !== null && typeof requests === 'object' && !Array.isArray(requests) && Object.prototype.hasOwnProperty.call(requests, 'other');
}

export const v2021Format: FormatDefinition<ReportV2021> = {
  id: 'v2021',
  name: '中华人民共和国政府信息公开工作年度报告格式（国办公开办函〔2021〕30号）',
  label: 'v2021（2021 年度起，国办公开办函〔2021〕30号）',
  firstYear: 2021,
  schema: reportV2021,
  tables: v2021TableDefinitions.map(buildGrid),
  balances: v2021Balances,
  layoutFor: (data) => (hasOneRowOther(data) ? ONE_ROW_OTHER_LAYOUT : undefined),
  alternativeLayouts: [ONE_ROW_OTHER_LAYOUT],
  check: (report, context) => checkV2021(report, context),
  narrativeFacts: v2021NarrativeFacts,
  crossYearRules: ['V21-T1-02', 'V21-T1-03', 'V21-T2-04'],
  templates: v2021Templates,
  viewModel: v2021ViewModel,
  title: (report) => (report.title ? freeTitleText(report.title) : reportTitle(report.organization.name, report.year, report.title_order)),
  starter: (options) => v2021StarterYaml(options),
  describe: (report) => ({
    organization: report.organization.name,
    organizationLevel: report.organization.level,
    year: report.year,
    signatureDate: report.signature?.date ?? '',
    ...(report.source === 'published' ? { published: true } : {}),
    ...(report.fee ? { fee: { count: report.fee.count, amountYuan: report.fee.amount_yuan } } : {}),
  }),
  workbook: { importable: true },
};

export * from './schema.js';
export * from './tables.js';
export { v2021Templates } from './templates.js';
export { v2021StarterYaml } from './starter.js';
export { checkV2021 } from './rules.js';
export { v2021NarrativeFacts } from './narrative-facts.js';
export { v2021ViewModel } from './view.js';
