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
export type { FormatDefinition, FormatId, FormatTemplates, RuleContext, ComposeSettings, StarterOptions } from './formats/format.js';
// The built-in formats, their registry and report types come with the validator (./validate/index.js).
export { renderDocx, DEFAULT_DOCX_FONTS, type DocxFonts, type DocxOptions } from './render/docx.js';
export { buildReportFile, type BuildOptions, type BuildResult } from './build.js';
export { safeFileName, writeFileAtomic, OutputWriteError } from './io/output-file.js';
export { reportJsonSchema } from './schema-json.js';
export { renderPdf, type PdfOptions, type PdfResult } from './render/pdf.js';
export * from './fonts/index.js';
export { renderXlsx, type XlsxOptions } from './render/xlsx.js';
export { renderHtml, renderHtmlText, type HtmlOptions } from './render/html.js';
export { layOutTable, type LaidOutCell, type LaidOutTable, type HeaderScope } from './document/table-layout.js';
export * from './import/xlsx-import.js';
export * from './aggregate/index.js';
export { loadEmitter, OUTPUT_KINDS, type Emitter, type EmitterOptions, type EmitterResult, type OutputKind } from './render/emitters.js';
export { extractDocument, extractReport, extractedYaml, readDocument, type ExtractOptions, type ExtractResult } from './extract/index.js';
export { AUDIT_STATUS_LABELS, auditDocuments, auditWorkbook, type AuditedReport, type AuditInput, type AuditOptions, type AuditResult, type AuditStatus } from './audit/index.js';
export { runBatch, type BatchSummary, type UnitResult, type BatchRunOptions } from './batch/run.js';
export type { BatchOptions } from './batch/task.js';
export { balanceRules, type BalanceRule, type FormatBalances } from './tables/balances.js';
