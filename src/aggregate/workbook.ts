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

/** A unit's status as 明细 prints it. */
export function unitStatusLabel(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return errors > 0 ? '有错误' : warnings > 0 ? '有提示' : '通过';
}

/** The fixed leading columns of 明细, before one column per table cell. */
export const DETAIL_FIXED_COLUMNS = ['序号', '机关名称', '状态', '错误', '提示', '文件'] as const;

/** How 明细 heads a table cell's column: “（七）总计 › 自然人”. */
export function detailColumnLabel(column: AggregateResult['columns'][number]): string {
  return column.cell.rowLabel ? `${column.cell.rowLabel} › ${column.cell.colLabel}` : column.cell.colLabel;
}

/** The 明细 rows: the fixed columns, then the unit's value for each table cell. */
export function detailRows(result: AggregateResult): (string | number)[][] {
  return result.units.map(({ unit, values, diagnostics }, i) => {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    return [i + 1, unit.organization, unitStatusLabel(diagnostics), errors, diagnostics.length - errors, unit.file, ...values];
  });
}

/** One row of 问题清单 (after its 序号). */
export interface ProblemRow {
  organization: string;
  file: string;
  severity: Diagnostic['severity'];
  /** 级别 as printed: 错误 or 提示. */
  level: '错误' | '提示';
  code: string;
  /** 位置: the line and column in the unit's data file, else the place in the report (「表」「行」「列」), else the data path. */
  place: string;
  message: string;
}

/** Where a diagnostic is, as 问题清单 prints it. */
export function problemPlace(diagnostic: Diagnostic): string {
  return diagnostic.start !== undefined
    ? `第 ${diagnostic.start.line} 行第 ${diagnostic.start.column} 列`
    : (describePlace(diagnostic.place) ?? (diagnostic.path.length ? diagnostic.path.join('.') : ''));
}

/** The 问题清单 rows: the summed report's own problems first, then each unit's in input order. */
export function problemRows(result: AggregateResult, summary: readonly Diagnostic[]): ProblemRow[] {
  const row = (organization: string, file: string, diagnostic: Diagnostic): ProblemRow => ({
    organization,
    file,
    severity: diagnostic.severity,
    level: diagnostic.severity === 'error' ? '错误' : '提示',
    code: diagnostic.code,
    place: problemPlace(diagnostic),
    message: diagnostic.message,
  });
  const summaryName = (result.data.organization as { name: string }).name;
  return [
    ...summary.map((diagnostic) => row(`${summaryName}（汇总）`, '', diagnostic)),
    ...result.units.flatMap(({ unit, diagnostics }) => diagnostics.map((diagnostic) => row(unit.organization, unit.file, diagnostic))),
  ];
}

function writeDetailSheet(workbook: Workbook, result: AggregateResult, font: FontSpec, wanDecimals: number): void {
  const fixed = DETAIL_FIXED_COLUMNS;
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
    const label = detailColumnLabel(column);
    put(sheet, 1, first + i, label, header);
    headerLines = Math.max(headerLines, lineCount(label, 10, labelWidth));
  });
  setRowHeight(sheet, 0, linesHeight(1, 10));
  setRowHeight(sheet, 1, linesHeight(Math.min(headerLines, 8), 10));

  const formatOf = (column: AggregateResult['columns'][number]) => numberFormat(column.cell.format, column.cell.format === 'wan' ? wanDecimals : 0);
  const numberStyles = result.columns.map((column) => sheetStyle({ ...base, horizontal: 'right', numFmt: formatOf(column) }));
  const centred = sheetStyle({ ...base, horizontal: 'center' });
  const left = sheetStyle({ ...base, horizontal: 'left' });
  const fixedStyles = [centred, left, centred, centred, centred, left];
  detailRows(result).forEach((cells, i) => {
    const r = firstRow + i;
    cells.forEach((value, c) => put(sheet, r, c, value, c < first ? fixedStyles[c]! : numberStyles[c - first]!));
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
  for (const problem of problemRows(result, summary)) {
    put(sheet, r, 0, r, centred);
    put(sheet, r, 1, problem.organization, left);
    put(sheet, r, 2, problem.file, left);
    put(sheet, r, 3, problem.level, problem.severity === 'error' ? errorStyle : centred);
    put(sheet, r, 4, problem.code, centred);
    put(sheet, r, 5, problem.place, left);
    put(sheet, r, 6, problem.message, left);
    setRowHeight(sheet, r, linesHeight(lineCount(problem.message, 10.5, widths[6]!), 10.5));
    r++;
  }
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
