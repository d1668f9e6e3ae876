/**
 * What a mandated format version is: a schema, its table grids, its 勾稽 rules
 * and its section templates. Emitters never see this; they get a ReportDocument.
 * Adding a format means adding a folder under src/formats/ and templates/.
 */
import type { z } from 'zod';
import type { TableDefinition } from '../tables/grid.js';
import type { Diagnostic } from '../validate/diagnostic.js';

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
  tables: readonly TableDefinition[];
  /** The consistency rules (spec §7); returns diagnostics with data paths but no source positions. */
  check(report: Report, context: RuleContext<Report>): Diagnostic[];
  /** Folder name under templates/ and the section files in the order they are composed. */
  templates: { folder: string; sections: readonly string[] };
}
