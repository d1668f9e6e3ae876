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
import { address, type CellStyle, type FontSpec, type SheetBuilder } from '../render/xlsx/ooxml.js';
import { buildReportWorkbook, numberFormat, textStyle, textValue, type XlsxOptions } from '../render/xlsx/report-workbook.js';
import { lineCount, linesHeight } from '../render/xlsx/layout.js';
import { hasErrors, type Diagnostic } from '../validate/diagnostic.js';
import type { AggregateResult } from './aggregate.js';

const HEADER_FILL = 'FFD9D9D9';
const MARGINS = { top: 3.7, bottom: 3.5, left: 2.8, right: 2.6, header: 1.5, footer: 1.5 } as const;

export interface AggregateWorkbookOptions extends XlsxOptions {
  /** Decimals shown for 万元 amounts (default 2). */
  wanDecimals?: number;
  /** Problems of the summed report itself (e.g. an imbalance inherited from a unit), listed first in 问题清单. */
  summaryDiagnostics?: readonly Diagnostic[];
}

/** The document of the summed report: its tables and facts, no narrative. */
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

function writeDetailSheet(sheet: SheetBuilder, result: AggregateResult, font: FontSpec, wanDecimals: number): void {
  const base: CellStyle = { font, border: true, vertical: 'center' };
  const header: CellStyle = { ...base, font: { ...font, bold: true }, fill: HEADER_FILL, horizontal: 'center', wrap: true };
  const fixed = ['序号', '机关名称', '状态', '错误', '提示', '文件'];
  const fixedWidths = [6, 28, 8, 6, 6, 24];
  const first = fixed.length;
  fixedWidths.forEach((w, i) => (sheet.colWidths[i] = w));

  // Row 1: the table each column belongs to (merged over its columns); row 2: the cell as printed.
  fixed.forEach((text, i) => {
    sheet.set(0, i, textValue(text), header);
    sheet.set(1, i, undefined, header);
    sheet.merge(0, i, 2, 1);
  });
  let start = 0;
  result.columns.forEach((column, i) => {
    const next = result.columns[i + 1];
    if (!next || next.grid !== column.grid) {
      sheet.set(0, first + start, textValue(column.grid.definition.sheetName), header);
      for (let c = start + 1; c <= i; c++) sheet.set(0, first + c, undefined, header);
      sheet.merge(0, first + start, 1, i - start + 1);
      start = i + 1;
    }
  });
  const labelWidth = 12;
  let headerLines = 1;
  result.columns.forEach((column, i) => {
    const label = column.cell.rowLabel ? `${column.cell.rowLabel} › ${column.cell.colLabel}` : column.cell.colLabel;
    sheet.set(1, first + i, textValue(label), header);
    sheet.colWidths[first + i] = labelWidth;
    headerLines = Math.max(headerLines, lineCount(label, 10, labelWidth));
  });
  sheet.rowHeights.set(0, linesHeight(1, 10));
  sheet.rowHeights.set(1, linesHeight(Math.min(headerLines, 8), 10));

  const numberIds = result.columns.map((column) =>
    sheet.styleId({ ...base, horizontal: 'right', numFmt: numberFormat(column.cell.format, column.cell.format === 'wan' ? wanDecimals : 0) }),
  );
  const centred = sheet.styleId({ ...base, horizontal: 'center' });
  const textIds = { plain: sheet.styleId({ ...base, horizontal: 'left' }), quoted: sheet.styleId(textStyle({ ...base, horizontal: 'left' }, '=')) };
  const textId = (text: string) => (textStyle(base, text).quotePrefix ? textIds.quoted : textIds.plain);
  const firstRow = 2;
  result.units.forEach(({ unit, values, diagnostics }, i) => {
    const r = firstRow + i;
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    sheet.set(r, 0, { kind: 'number', value: i + 1 }, centred);
    sheet.set(r, 1, textValue(unit.organization), textId(unit.organization));
    sheet.set(r, 2, textValue(statusOf(diagnostics)), centred);
    sheet.set(r, 3, { kind: 'number', value: errors }, centred);
    sheet.set(r, 4, { kind: 'number', value: diagnostics.length - errors }, centred);
    sheet.set(r, 5, textValue(unit.file), textId(unit.file));
    values.forEach((value, c) => sheet.set(r, first + c, { kind: 'number', value }, numberIds[c]!));
  });
  const lastRow = firstRow + Math.max(result.units.length, 1) - 1;

  // 合计 below the list: SUBTOTAL(109, …) adds only the rows left visible by a filter.
  const totalRow = lastRow + 2;
  const bold: CellStyle = { ...base, font: { ...font, bold: true }, fill: HEADER_FILL };
  sheet.set(totalRow, 0, textValue('合计（筛选时为可见单位之和）'), { ...bold, horizontal: 'left' });
  for (let c = 1; c < first; c++) sheet.set(totalRow, c, undefined, bold);
  sheet.merge(totalRow, 0, 1, first);
  result.columns.forEach((column, c) => {
    const col = first + c;
    const total = result.units.reduce((sum, row) => sum + Math.round(row.values[c]! * 10_000), 0) / 10_000;
    sheet.set(
      totalRow,
      col,
      { kind: 'formula', formula: `SUBTOTAL(109,${address(firstRow, col)}:${address(lastRow, col)})`, result: total },
      { ...bold, horizontal: 'right', numFmt: numberFormat(column.cell.format, column.cell.format === 'wan' ? wanDecimals : 0) },
    );
  });

  sheet.autoFilter = `${address(1, 0)}:${address(lastRow, first + result.columns.length - 1)}`;
  sheet.freeze = { rows: 2, cols: 2 };
  sheet.conditional.push({ range: `${address(firstRow, 3)}:${address(lastRow, 3)}`, operator: 'greaterThan', formula: '0' });
  sheet.page = { orientation: 'landscape', margins: MARGINS, fitToWidth: false, printTitleRows: [1, 2] };
}

function writeProblemSheet(sheet: SheetBuilder, result: AggregateResult, font: FontSpec, summary: readonly Diagnostic[]): void {
  const base: CellStyle = { font, border: true, vertical: 'center', wrap: true };
  const header: CellStyle = { ...base, font: { ...font, bold: true }, fill: HEADER_FILL, horizontal: 'center' };
  const columns = ['序号', '机关名称', '文件', '级别', '规则', '位置', '说明'];
  const widths = [6, 26, 24, 7, 12, 14, 70];
  widths.forEach((w, i) => (sheet.colWidths[i] = w));
  columns.forEach((text, i) => sheet.set(0, i, textValue(text), header));
  const centred = sheet.styleId({ ...base, horizontal: 'center' });
  const left = sheet.styleId({ ...base, horizontal: 'left' });
  const errorStyle = sheet.styleId({ ...base, horizontal: 'center', font: { ...font, bold: true, color: 'FF9C0006' } });
  const quoted = sheet.styleId(textStyle({ ...base, horizontal: 'left' }, '='));
  const textId = (text: string) => (textStyle(base, text).quotePrefix ? quoted : left);
  let r = 1;
  const add = (organization: string, file: string, diagnostic: Diagnostic) => {
    const where =
      diagnostic.line !== undefined ? `第 ${diagnostic.line} 行第 ${diagnostic.column ?? 1} 列` : diagnostic.path.length ? diagnostic.path.join('.') : '';
    sheet.set(r, 0, { kind: 'number', value: r }, centred);
    sheet.set(r, 1, textValue(organization), textId(organization));
    sheet.set(r, 2, textValue(file), textId(file));
    sheet.set(r, 3, textValue(diagnostic.severity === 'error' ? '错误' : '提示'), diagnostic.severity === 'error' ? errorStyle : centred);
    sheet.set(r, 4, textValue(diagnostic.code), centred);
    sheet.set(r, 5, textValue(where), left);
    sheet.set(r, 6, textValue(diagnostic.message), textId(diagnostic.message));
    sheet.rowHeights.set(r, linesHeight(lineCount(diagnostic.message, 10.5, widths[6]!), 10.5));
    r++;
  };
  const summaryName = (result.data.organization as { name: string }).name;
  for (const diagnostic of summary) add(`${summaryName}（汇总）`, '', diagnostic);
  for (const { unit, diagnostics } of result.units) for (const diagnostic of diagnostics) add(unit.organization, unit.file, diagnostic);
  if (r === 1) {
    sheet.set(1, 0, textValue('所有单位均未发现问题。'), { font });
    r = 2;
  }
  sheet.autoFilter = `A1:${address(Math.max(1, r - 1), columns.length - 1)}`;
  sheet.freeze = { rows: 1, cols: 0 };
  sheet.page = { orientation: 'landscape', margins: MARGINS, fitToWidth: true, printTitleRows: [1, 1] };
}

export function renderAggregateWorkbook(result: AggregateResult, document: ReportDocument, options: AggregateWorkbookOptions = {}): Uint8Array {
  const units = result.units;
  const withErrors = units.filter((row) => hasErrors(row.diagnostics)).length;
  const withWarnings = units.filter((row) => !hasErrors(row.diagnostics) && row.diagnostics.length > 0).length;
  const built = buildReportWorkbook(document, {
    ...options,
    infoRows: [
      { label: '汇总单位数', value: units.length },
      { label: '其中有错误的单位', value: withErrors },
      { label: '其中只有提示的单位', value: withWarnings },
      ...(options.infoRows ?? []),
    ],
  });
  const font: FontSpec = { name: built.fonts.text, size: 10 };
  writeDetailSheet(built.workbook.addSheet(DETAIL_SHEET), result, font, options.wanDecimals ?? 2);
  writeProblemSheet(built.workbook.addSheet(PROBLEM_SHEET), result, { ...font, size: 10.5 }, options.summaryDiagnostics ?? []);
  return built.workbook.toBytes(options.compressionLevel ?? 6);
}
