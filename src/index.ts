/**
 * xxgk's library API. Each stage is importable on its own and holds no
 * process-wide state; caches (compiled templates) are explicit objects.
 *
 *   const { report, format, diagnostics } = await validateReportFile('report.yaml');
 *   const document = composeReport(report, format);
 *   const bytes = await renderDocx(document);
 */
export type { Diagnostic, Severity } from './diagnostics/diagnostic.js';
export { formatDiagnostic, hasErrors } from './diagnostics/diagnostic.js';
export * from './validate/index.js';
export * from './io/load.js';
export { composeReport, type ComposeOptions } from './compose/compose.js';
export { createTemplateEnvironment, DEFAULT_TEMPLATES_DIR, TemplateError, type TemplateEnvironment } from './compose/environment.js';
export type * from './document/model.js';
export { buildGrid, cellAddress, type TableDefinition, type TableGrid } from './tables/grid.js';
export type { FormatDefinition, FormatId } from './formats/format.js';
export { v2021Format } from './formats/v2021/index.js';
export type { ReportV2021, ReportV2021Input } from './formats/v2021/schema.js';
export { v2019Format } from './formats/v2019/index.js';
export type { ReportV2019 } from './formats/v2019/schema.js';
export { legacyFormat } from './formats/legacy/index.js';
export type { ReportLegacy } from './formats/legacy/schema.js';
export { renderDocx, DEFAULT_DOCX_FONTS, type DocxFonts, type DocxOptions } from './render/docx.js';
export { buildReportFile, type BuildOptions, type BuildResult } from './build.js';
export { safeFileName, writeFileAtomic, OutputWriteError } from './io/output-file.js';
export { reportJsonSchema } from './schema-json.js';
export { renderPdf, type PdfOptions, type PdfResult } from './render/pdf.js';
export * from './fonts/index.js';
export { renderXlsx, type XlsxOptions } from './render/xlsx.js';
export * from './io/xlsx-import.js';
export * from './aggregate/index.js';
export { loadEmitter, OUTPUT_KINDS, type Emitter, type EmitterOptions, type EmitterResult, type OutputKind } from './render/emitters.js';
export { runBatch, type BatchSummary, type UnitResult, type BatchRunOptions } from './batch/run.js';
export type { BatchOptions } from './batch/task.js';
export { balanceRules, type BalanceRule, type FormatBalances } from './tables/balances.js';
