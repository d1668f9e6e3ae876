/**
 * The 问题清单 workbook of an audit: sheet 问题清单, one row per problem
 * (文件, 单位, 年度, 位置, 级别, 规则, 说明), and sheet 单位, one row per
 * document (文件, 单位, 年度, 格式, 错误数, 提示数, 状态). Frozen header,
 * filters, widths; the same rows the command line prints.
 */
import { describePlace, type Diagnostic } from '../diagnostics/diagnostic.js';
import { addSheet, put, setColumnWidths, sheetStyle, workbookBytes, newWorkbook, highlight, address, type CellStyle } from '../render/xlsx/sheet.js';
import { AUDIT_STATUS_LABELS, type AuditedReport, type AuditResult } from './audit.js';

export const PROBLEM_SHEET_NAME = '问题清单';
export const UNIT_SHEET_NAME = '单位';

const SEVERITY_LABELS: Record<Diagnostic['severity'], string> = { error: '错误', warning: '提示', info: '说明' };

/** Where a problem is, as printed: 「表」「行」「列」, 「部分」第 n 段, else nothing. */
export function auditPlace(diagnostic: Diagnostic): string {
  return describePlace(diagnostic.place) ?? '';
}

export interface AuditProblemRow {
  file: string;
  organization: string;
  year: number | '';
  place: string;
  level: string;
  code: string;
  message: string;
}

/** Every problem as a 问题清单 row: the input problems first, then each report's (an unreadable one's reason as one row). */
export function auditProblemRows(result: AuditResult): AuditProblemRow[] {
  const rows: AuditProblemRow[] = result.inputProblems.map((d) => ({
    file: d.file ?? '',
    organization: '',
    year: '',
    place: auditPlace(d),
    level: SEVERITY_LABELS[d.severity],
    code: d.code,
    message: d.message,
  }));
  for (const report of result.reports) {
    const common = { file: report.name, organization: report.organization ?? '', year: report.year ?? ('' as const) };
    if (report.reason !== undefined) {
      rows.push({ ...common, place: '', level: '错误', code: report.status === 'unreadable' ? 'AUDIT-UNREADABLE' : 'AUDIT-NOT-REPORT', message: report.reason });
    }
    for (const d of report.diagnostics) {
      rows.push({ ...common, place: auditPlace(d), level: SEVERITY_LABELS[d.severity], code: d.code, message: d.message });
    }
  }
  return rows;
}

/** One 单位 row per document. */
export function auditUnitRow(report: AuditedReport): (string | number)[] {
  return [report.name, report.organization ?? '', report.year ?? '', report.format?.id ?? '', report.errors, report.warnings, AUDIT_STATUS_LABELS[report.status]];
}

const FONT = { name: '宋体', size: 10.5 };
const HEADER_FILL = 'FFD9D9D9';

/** The workbook's bytes. `date` fixes the document properties (the same audit gives the same file). */
export async function auditWorkbook(result: AuditResult, options: { date?: Date } = {}): Promise<Uint8Array> {
  const workbook = await newWorkbook({
    title: '政府信息公开工作年度报告审查问题清单',
    subject: 'xxgk audit',
    language: 'zh-CN',
    date: options.date ?? new Date(0),
  });
  const base: CellStyle = { font: FONT, border: true, vertical: 'center', wrap: true };
  const header = sheetStyle({ ...base, font: { ...FONT, bold: true }, fill: HEADER_FILL, horizontal: 'center' });
  const left = sheetStyle({ ...base, horizontal: 'left' });
  const centre = sheetStyle({ ...base, horizontal: 'center' });

  const problems = addSheet(workbook, PROBLEM_SHEET_NAME, { orientation: 'landscape', fitToWidth: true, printTitleRows: [1, 1], freeze: { rows: 1, cols: 0 }, selected: true });
  const problemHeader = ['文件', '单位', '年度', '位置', '级别', '规则', '说明'];
  setColumnWidths(problems, [30, 28, 7, 40, 7, 18, 80]);
  problemHeader.forEach((text, c) => put(problems, 0, c, text, header));
  const rows = auditProblemRows(result);
  rows.forEach((row, i) => {
    const values = [row.file, row.organization, row.year, row.place, row.level, row.code, row.message];
    values.forEach((value, c) => put(problems, i + 1, c, value === '' ? undefined : value, c === 2 || c === 4 ? centre : left));
  });
  problems.autoFilter = `${address(0, 0)}:${address(Math.max(rows.length, 1), problemHeader.length - 1)}`;
  if (rows.length > 0) highlight(problems, `${address(1, 4)}:${address(rows.length, 4)}`, 'equal', '"错误"');

  const units = addSheet(workbook, UNIT_SHEET_NAME, { orientation: 'landscape', fitToWidth: true, printTitleRows: [1, 1], freeze: { rows: 1, cols: 0 } });
  const unitHeader = ['文件', '单位', '年度', '格式', '错误数', '提示数', '状态'];
  setColumnWidths(units, [30, 28, 7, 9, 8, 8, 12]);
  unitHeader.forEach((text, c) => put(units, 0, c, text, header));
  result.reports.forEach((report, i) => {
    auditUnitRow(report).forEach((value, c) => put(units, i + 1, c, value === '' ? undefined : value, c <= 1 ? left : centre));
  });
  units.autoFilter = `${address(0, 0)}:${address(Math.max(result.reports.length, 1), unitHeader.length - 1)}`;
  if (result.reports.length > 0) highlight(units, `${address(1, 6)}:${address(result.reports.length, 6)}`, 'notEqual', '"通过"');
  return workbookBytes(workbook);
}
