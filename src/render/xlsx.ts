/**
 * XLSX emitter: the statistics tables of a ReportDocument as a workbook in the
 * mandated layout (spec §6.8), written with exceljs (loaded on first use).
 * See src/render/xlsx/report-workbook.ts.
 *
 *   const bytes = await renderXlsx(composeReport(report, format));
 */
import type { ReportDocument } from '../document/model.js';
import { buildReportWorkbook, type XlsxOptions } from './xlsx/report-workbook.js';
import { workbookBytes } from './xlsx/sheet.js';

export { DEFAULT_XLSX_FONTS, buildReportWorkbook, type InfoRow, type ReportWorkbook, type XlsxFonts, type XlsxOptions } from './xlsx/report-workbook.js';
export { workbookBytes } from './xlsx/sheet.js';
export { balanceRules, type BalanceRule, type FormatBalances, type RowIdentity } from '../tables/balances.js';

export async function renderXlsx(document: ReportDocument, options: XlsxOptions = {}): Promise<Uint8Array> {
  const { workbook } = await buildReportWorkbook(document, options);
  return workbookBytes(workbook, options.compressionLevel ?? 6);
}
