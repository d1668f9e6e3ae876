/**
 * What a mandated format version is: a schema, its table grids, its 勾稽 rules
 * and its section templates. Emitters never see this; they get a ReportDocument.
 * Adding a format means adding a folder under src/formats/ and templates/.
 */
import type * as z from 'zod';
import type { FormatBalances } from '../tables/balances.js';
import type { TableGrid } from '../tables/grid.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export type FormatId = 'v2021' | 'v2019' | 'legacy';

export interface RuleContext<Report> {
  /** Last year's report, which turns on the cross-year rules. */
  previous?: Report;
}

export interface FormatDefinition<Report = unknown> {
  id: FormatId;
  /** The document that mandates it, for messages and the 报告信息 sheet. */
  name: string;
  schema: z.ZodType<Report>;
  /** The mandated tables, built once from their definitions, in printed order. */
  tables: readonly TableGrid[];
  /** 勾稽 identities the grids cannot express, and the rule codes of derived sums (for the XLSX 校验 sheet). */
  balances?: FormatBalances;
  /** The consistency rules (spec §7); returns diagnostics with data paths but no source positions. */
  check(report: Report, context: RuleContext<Report>): Diagnostic[];
  /** Folder name under templates/ and the section files in the order they are composed. */
  templates: { folder: string; sections: readonly string[] };
  /** What the section templates see: the report plus figures derived from it (sums, lists of non-zero items). */
  viewModel(report: Report, options: ComposeSettings): unknown;
  /** `{机关名称}{年度}年政府信息公开工作年度报告` or the year-first variant. */
  title(report: Report): string;
  /** A complete, commented data file for `xxgk init` that validates as it is. */
  starter(options: { year: number; organization?: string; schemaPath?: string }): string;
  /** Facts every emitter and the file namer need. */
  describe(report: Report): { organization: string; organizationLevel?: string; year: number; signatureDate: string };
}

export interface ComposeSettings {
  /** Decimals for 万元 amounts (spec §3.7, default 2). */
  wanDecimals: number;
}
