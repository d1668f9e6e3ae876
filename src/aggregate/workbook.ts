/**
 * The 汇总 workbook: the summed tables in the mandated layout (the same
 * sheets `build --to xlsx` writes, so it can be imported or aggregated again),
 * plus 明细 (one row per unit, one column per table cell, sortable and
 * filterable under frozen headers) and 问题清单 (every unit's diagnostics).
 */
import { balanceRules } from '../tables/balances.js';
import { resolveTable } from '../compose/compose.js';
import type { DocumentMeta, ReportDocument } from '../document/model.js';
import { DETAIL_SHEET, PROBLEM_SHEET } from '../io/xlsx/contract.js';
import { buildReportWorkbook, numberFormat, type XlsxOptions } from '../render/xlsx/report-workbook.js';
import { lineCount, linesHeight } from '../render/xlsx/layout.js';
import {
  addSheet,
  address,
  highlight,
  merge,
  put,
  setColumnWidths,
  setRowHeight,
  sheetStyle,
  workbookBytes,
  type CellStyle,
  type FontSpec,
  type Workbook,
} from '../render/xlsx/sheet.js';
import { describePlace, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { AggregateResult } from './aggregate.js';

const HEADER_FILL = 'FFD9D9D9';

export interface AggregateWorkbookOptions extends XlsxOptions {
  /** Decimals shown for 万元 amounts (default 2). */
  wanDecimals?: number;
  /** Problems of the summed report itself (e.g. an imbalance inherited from a unit), listed first in 问题清单. */
  summaryDiagnostics?: readonly Diagnostic[];
}

const feeFacts = (fee: { count: number; amount_yuan: number }) => ({ count: fee.count, amountYuan: fee.amount_yuan });

/** The document of the summed report: its tables and facts (the summed fee included), no narrative. */
export function aggregateDocument(result: AggregateResult, title: string, wanDecimals = 2): ReportDocument {
  const organization = (result.data.organization as { name: string; level?: string }) ?? { name: '' };
  const signature = result.data.signature as { date: string };
  const meta = {
    title,
    organization: organization.name,
    organizationLevel: organization.level,
    year: result.year,
    formatId: result.format.id,
    formatName: result.format.name,
    signatureDate: signature.date,
    ...(result.data.fee ? { fee: feeFacts(result.data.fee as { count: number; amount_yuan: number }) } : {}),
    language: 'zh-CN' as const,
  };
  return {
    meta: meta as DocumentMeta,
    blocks: [
      ...result.format.tables.map((grid) => resolveTable(grid, result.data, wanDecimals)),
      { kind: 'signature', names: [organization.name], date: signature.date },
    ],
    balances: balanceRules(result.format.tables, result.format.balances),
  };
}

function statusOf(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return errors > 0 ? '有错误' : warnings > 0 ? '有提示' : '通过';
}

function writeDetailSheet(workbook: Workbook, result: AggregateResult, font: FontSpec, wanDecimals: number): void {
  const fixed = ['序号', '机关名称', '状态', '错误', '提示', '文件'];
  const fixedWidths = [6, 28, 8, 6, 6, 24];
  const first = fixed.length;
  const firstRow = 2;
  const lastRow = firstRow + Math.max(result.units.length, 1) - 1;
  const sheet = addSheet(workbook, DETAIL_SHEET, { orientation: 'landscape', fitToWidth: true, printTitleRows: [1, 2], freeze: { rows: 2, cols: 2 } });
  const base: CellStyle = { font, border: true, vertical: 'center' };
  const header = sheetStyle({ ...base, font: { ...font, bold: true }, fill: HEADER_FILL, horizontal: 'center', wrap: true });
  const labelWidth = 12;
  setColumnWidths(sheet, [...fixedWidths, ...result.columns.map(() => labelWidth)]);

  // Row 1: the table each column belongs to (merged over its columns); row 2: the cell as printed.
  fixed.forEach((text, i) => {
    put(sheet, 0, i, text, header);
    put(sheet, 1, i, undefined, header);
    merge(sheet, 0, i, 2, 1);
  });
  let start = 0;
  result.columns.forEach((column, i) => {
    const next = result.columns[i + 1];
    if (!next || next.grid !== column.grid) {
      put(sheet, 0, first + start, column.grid.definition.sheetName, header);
      for (let c = start + 1; c <= i; c++) put(sheet, 0, first + c, undefined, header);
      merge(sheet, 0, first + start, 1, i - start + 1);
      start = i + 1;
    }
  });
  let headerLines = 1;
  result.columns.forEach((column, i) => {
    const label = column.cell.rowLabel ? `${column.cell.rowLabel} › ${column.cell.colLabel}` : column.cell.colLabel;
    put(sheet, 1, first + i, label, header);
    headerLines = Math.max(headerLines, lineCount(label, 10, labelWidth));
  });
  setRowHeight(sheet, 0, linesHeight(1, 10));
  setRowHeight(sheet, 1, linesHeight(Math.min(headerLines, 8), 10));

  const formatOf = (column: AggregateResult['columns'][number]) => numberFormat(column.cell.format, column.cell.format === 'wan' ? wanDecimals : 0);
  const numberStyles = result.columns.map((column) => sheetStyle({ ...base, horizontal: 'right', numFmt: formatOf(column) }));
  const centred = sheetStyle({ ...base, horizontal: 'center' });
  const left = sheetStyle({ ...base, horizontal: 'left' });
  result.units.forEach(({ unit, values, diagnostics }, i) => {
    const r = firstRow + i;
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    put(sheet, r, 0, i + 1, centred);
    put(sheet, r, 1, unit.organization, left);
    put(sheet, r, 2, statusOf(diagnostics), centred);
    put(sheet, r, 3, errors, centred);
    put(sheet, r, 4, diagnostics.length - errors, centred);
    put(sheet, r, 5, unit.file, left);
    values.forEach((value, c) => put(sheet, r, first + c, value, numberStyles[c]!));
  });

  // 合计 below the list: SUBTOTAL(109, …) adds only the rows left visible by a filter.
  const totalRow = lastRow + 2;
  const bold: CellStyle = { ...base, font: { ...font, bold: true }, fill: HEADER_FILL };
  const boldLeft = sheetStyle({ ...bold, horizontal: 'left' });
  put(sheet, totalRow, 0, '合计（筛选时为可见单位之和）', boldLeft);
  for (let c = 1; c < first; c++) put(sheet, totalRow, c, undefined, boldLeft);
  merge(sheet, totalRow, 0, 1, first);
  result.columns.forEach((column, c) => {
    const col = first + c;
    const total = result.units.reduce((sum, row) => sum + Math.round(row.values[c]! * 10_000), 0) / 10_000;
    put(
      sheet,
      totalRow,
      col,
      { formula: `SUBTOTAL(109,${address(firstRow, col)}:${address(lastRow, col)})`, result: total },
      sheetStyle({ ...bold, horizontal: 'right', numFmt: formatOf(column) }),
    );
  });

  sheet.autoFilter = `${address(1, 0)}:${address(lastRow, first + result.columns.length - 1)}`;
  highlight(sheet, `${address(firstRow, 3)}:${address(lastRow, 3)}`, 'greaterThan', '0');
}

function writeProblemSheet(workbook: Workbook, result: AggregateResult, font: FontSpec, summary: readonly Diagnostic[]): void {
  const sheet = addSheet(workbook, PROBLEM_SHEET, { orientation: 'landscape', fitToWidth: true, printTitleRows: [1, 1], freeze: { rows: 1, cols: 0 } });
  const base: CellStyle = { font, border: true, vertical: 'center', wrap: true };
  const header = sheetStyle({ ...base, font: { ...font, bold: true }, fill: HEADER_FILL, horizontal: 'center' });
  const columns = ['序号', '机关名称', '文件', '级别', '规则', '位置', '说明'];
  const widths = [6, 26, 24, 7, 12, 14, 70];
  setColumnWidths(sheet, widths);
  columns.forEach((text, i) => put(sheet, 0, i, text, header));
  const centred = sheetStyle({ ...base, horizontal: 'center' });
  const left = sheetStyle({ ...base, horizontal: 'left' });
  const errorStyle = sheetStyle({ ...base, horizontal: 'center', font: { ...font, bold: true, color: 'FF9C0006' } });
  let r = 1;
  const add = (organization: string, file: string, diagnostic: Diagnostic) => {
    const where =
      diagnostic.start !== undefined
        ? `第 ${diagnostic.start.line} 行第 ${diagnostic.start.column} 列`
        : (describePlace(diagnostic.place) ?? (diagnostic.path.length ? diagnostic.path.join('.') : ''));
    put(sheet, r, 0, r, centred);
    put(sheet, r, 1, organization, left);
    put(sheet, r, 2, file, left);
    put(sheet, r, 3, diagnostic.severity === 'error' ? '错误' : '提示', diagnostic.severity === 'error' ? errorStyle : centred);
    put(sheet, r, 4, diagnostic.code, centred);
    put(sheet, r, 5, where, left);
    put(sheet, r, 6, diagnostic.message, left);
    setRowHeight(sheet, r, linesHeight(lineCount(diagnostic.message, 10.5, widths[6]!), 10.5));
    r++;
  };
  const summaryName = (result.data.organization as { name: string }).name;
  for (const diagnostic of summary) add(`${summaryName}（汇总）`, '', diagnostic);
  for (const { unit, diagnostics } of result.units) for (const diagnostic of diagnostics) add(unit.organization, unit.file, diagnostic);
  if (r === 1) {
    put(sheet, 1, 0, '所有单位均未发现问题。', sheetStyle({ font }));
    r = 2;
  }
  sheet.autoFilter = `A1:${address(Math.max(1, r - 1), columns.length - 1)}`;
}

/** The 汇总 workbook as XLSX bytes (exceljs is loaded on first use). */
export async function renderAggregateWorkbook(result: AggregateResult, document: ReportDocument, options: AggregateWorkbookOptions = {}): Promise<Uint8Array> {
  const units = result.units;
  const withErrors = units.filter((row) => hasErrors(row.diagnostics)).length;
  const withWarnings = units.filter((row) => !hasErrors(row.diagnostics) && row.diagnostics.length > 0).length;
  const built = await buildReportWorkbook(document, {
    ...options,
    infoRows: [
      { label: '汇总单位数', value: units.length },
      { label: '其中有错误的单位', value: withErrors },
      { label: '其中只有提示的单位', value: withWarnings },
      ...(options.infoRows ?? []),
    ],
  });
  const font: FontSpec = { name: built.fonts.text, size: 10 };
  writeDetailSheet(built.workbook, result, font, options.wanDecimals ?? 2);
  writeProblemSheet(built.workbook, result, { ...font, size: 10.5 }, options.summaryDiagnostics ?? []);
  return workbookBytes(built.workbook, options.compressionLevel ?? 6);
}
