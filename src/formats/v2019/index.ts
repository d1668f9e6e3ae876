/**
 * The 2019 trial format, 国办公开办函〔2019〕60号, for the 2019 and 2020 reports
 * (spec §4): schema, tables, rules and templates bound together.
 */
import { buildGrid } from '../../tables/grid.js';
import { freeTitleText, reportTitle } from '../common/title.js';
import type { FormatDefinition } from '../format.js';
import { v2021Templates } from '../v2021/templates.js';
import { v2019Balances } from './balances.js';
import { v2019NarrativeFacts } from './narrative-facts.js';
import { checkV2019, type V2019RuleContext } from './rules.js';
import { reportV2019, type ReportV2019 } from './schema.js';
import { v2019StarterYaml } from './starter.js';
import { v2019TableDefinitions } from './tables.js';
import { v2019ViewModel } from './view.js';

export const v2019Format: FormatDefinition<ReportV2019> = {
  id: 'v2019',
  name: '中华人民共和国政府信息公开工作年度报告格式（试行）（国办公开办函〔2019〕60号）',
  label: 'v2019（2019、2020 年度，国办公开办函〔2019〕60号 试行格式）',
  firstYear: 2019,
  schema: reportV2019,
  tables: v2019TableDefinitions.map(buildGrid),
  balances: v2019Balances,
  check: (report, context) => checkV2019(report, context as V2019RuleContext),
  narrativeFacts: v2019NarrativeFacts,
  crossYearRules: ['V19-T1-05', 'V19-T2-04'],
  // Only the parts whose wording differs from the 2021 format's have templates of their own.
  templates: { folder: 'v2019', sections: v2021Templates.sections, base: v2021Templates },
  viewModel: v2019ViewModel,
  title: (report) => (report.title ? freeTitleText(report.title) : reportTitle(report.organization.name, report.year, report.title_order)),
  starter: v2019StarterYaml,
  describe: (report) => ({
    organization: report.organization.name,
    organizationLevel: report.organization.level,
    year: report.year,
    signatureDate: report.signature?.date ?? '',
    ...(report.source === 'published' ? { published: true } : {}),
  }),
  workbook: { importable: true },
};

export * from './schema.js';
export * from './tables.js';
export { checkV2019, V2019_DEADLINES, type V2019RuleContext } from './rules.js';
