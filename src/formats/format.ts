/**
 * What a mandated format version is, as one value: its schema, table grids,
 * 勾稽 identities, rules, starter, view model and section templates, and the
 * report years it serves. Everything outside a format's folder asks this value
 * and never names a version: adding a format is adding a folder (and its
 * templates) and a line in the list of formats (./index.ts).
 *
 * Emitters never see it; they get a ReportDocument.
 */
import type * as z from 'zod';
import type { FormatBalances } from '../tables/balances.js';
import type { TableGrid } from '../tables/grid.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { InformationFeeFacts } from '../document/model.js';
import type { Deadline, MonthDay, OrganizationLevel } from './common/deadlines.js';
import type { NarrativeFacts } from './common/narrative-facts.js';

/** A format's id as data files write it (`format: …`); each format chooses its own. */
export type FormatId = string;

/** What every format's rules are given besides the report. */
export interface RuleContext<Report = unknown> {
  /** Last year's report, which turns on the cross-year rules. */
  previous?: Report;
  /** Per-level publication deadlines replacing the format's defaults (rule G-07). */
  deadlines?: Partial<Record<OrganizationLevel, MonthDay>>;
}

/**
 * The section templates of a format: `<dir>/<section>.hbs`, with a base
 * format's templates serving every section this folder does not have (the
 * 2019 format keeps only the templates that differ from the 2021 format's).
 */
export interface FormatTemplates {
  /** Folder name: under the package's templates/ and under a user's `--templates` folder. */
  folder: string;
  /** Where the shipped templates are; default `<package>/templates/<folder>`. */
  dir?: string;
  /** The section files in the order they are composed. */
  sections: readonly string[];
  /** The templates that serve the sections missing here. */
  base?: FormatTemplates;
}

/** A statistics workbook written for this format can be read back by `xxgk import` and `xxgk aggregate`. */
export interface FormatWorkbook {
  importable: boolean;
}

export interface FormatDefinition<Report = unknown> {
  id: FormatId;
  /** The document that mandates it, for messages and the 报告信息 sheet. */
  name: string;
  /** How messages name it: its id, the years it serves and the document, e.g. `…（2021 年度起，国办公开办函〔2021〕30号）`. */
  label: string;
  /**
   * The first report year it serves; it serves every later year until the
   * next format's first year. Undefined: every year before the next format.
   */
  firstYear?: number;
  schema: z.ZodType<Report>;
  /** The mandated tables, built once from their definitions, in printed order. */
  tables: readonly TableGrid[];
  /**
   * The 勾稽 identities as data: the grids' totals (`sumOf`) under their rule
   * codes, and the identities between rows a grid cannot express. Both the
   * validator's checks and the XLSX 校验 sheet are derived from them.
   */
  balances: FormatBalances;
  /**
   * The tables as one report prints them, when that differs from `tables`: a
   * published 2021-format report that printed （六）其他处理 as one row. Given
   * the data as loaded (before or after the schema); undefined: `tables` and
   * `balances`. Use `withLayoutFor`.
   */
  layoutFor?(data: unknown): FormatLayout | undefined;
  /**
   * Every other way `layoutFor` may print the tables, for readers that meet
   * the printed tables before any data (the workbook importer, extract).
   */
  alternativeLayouts?: readonly FormatLayout[];
  /**
   * The statutory publication deadlines of the regulation the format belongs
   * to, by level (G-07); undefined: the 2019 regulation's (`STATUTORY_DEADLINES`).
   * The 2007 regulation's: 3 月 31 日 for every body.
   */
  deadlines?: Readonly<Record<OrganizationLevel, Deadline>>;
  /** The rules that are not sums (spec §7): deadlines, cross-year, text. Diagnostics carry data paths, not positions. */
  check(report: Report, context: RuleContext<Report>): Diagnostic[];
  /**
   * The quantities the narrative may state about the tables, with the phrases
   * that bind a number to each and the cells it must equal; `check` compares
   * them (text against tables). Formats without it do not check their text.
   */
  narrativeFacts?: NarrativeFacts;
  /** The rule codes `check` runs only when last year's report is given. */
  crossYearRules: readonly string[];
  templates: FormatTemplates;
  /** What the section templates see: the report plus figures derived from it (sums, lists of non-zero items). */
  viewModel(report: Report, options: ComposeSettings): unknown;
  /** `{机关名称}{年度}年政府信息公开工作年度报告` or the year-first variant. */
  title(report: Report): string;
  /** A complete, commented data file for `xxgk init` that validates as it is. */
  starter(options: StarterOptions): string;
  /**
   * Facts every emitter and the file namer need. `signatureDate` is '' when the report has none (a
   * published one may not); `published`: reproduced as published, so amounts print with the decimals given.
   */
  describe(report: Report): {
    organization: string;
    organizationLevel?: string;
    year: number;
    signatureDate: string;
    fee?: InformationFeeFacts;
    published?: boolean;
  };
  workbook: FormatWorkbook;
}

/** A report's own printed tables and the 勾稽 identities over them. */
export interface FormatLayout {
  tables: readonly TableGrid[];
  balances: FormatBalances;
}

/** The format as it applies to this data: its tables and balances replaced when the data prints them otherwise. */
export function withLayoutFor<F extends { tables: readonly TableGrid[]; balances: FormatBalances; layoutFor?: (data: unknown) => FormatLayout | undefined }>(
  format: F,
  data: unknown,
): F {
  const layout = format.layoutFor?.(data);
  return layout ? { ...format, tables: layout.tables, balances: layout.balances } : format;
}

export interface StarterOptions {
  year: number;
  organization?: string;
  /** Where editors find the JSON Schema, relative to the data file. */
  schemaPath?: string;
}

export interface ComposeSettings {
  /** Decimals for 万元 amounts (spec §3.7, default 2). */
  wanDecimals: number;
}
