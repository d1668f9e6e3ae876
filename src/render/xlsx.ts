/**
 * XLSX emitter: the statistics tables of a ReportDocument as a workbook in the
 * mandated layout (spec §6.8). See src/render/xlsx/report-workbook.ts.
 *
 *   const bytes = await renderXlsx(composeReport(report, v2021Format));
 */
import type { ReportDocument } from '../document/model.js';
import { buildReportWorkbook, type XlsxOptions } from './xlsx/report-workbook.js';

export { DEFAULT_XLSX_FONTS, buildReportWorkbook, type InfoRow, type XlsxFonts, type XlsxOptions } from './xlsx/report-workbook.js';
export { balanceRules, type BalanceRule, type FormatBalances, type RowIdentity } from '../tables/balances.js';

export async function renderXlsx(document: ReportDocument, options: XlsxOptions = {}): Promise<Uint8Array> {
  return buildReportWorkbook(document, options).workbook.toBytes(options.compressionLevel ?? 6);
}
