/**
 * The statistics workbook of one report (spec §6.8): one sheet per table
 * block of the document, laid out exactly as its grid (labels, merges,
 * borders on every edge), a 报告信息 sheet and a 校验 sheet with a live check
 * of every 勾稽 rule. Walks the ReportDocument only; never a format version.
 */
import { valueKey, type ReportDocument, type TableBlock } from '../../document/model.js';
import { CHECK_SHEET, INFO_HEADER, INFO_LABELS, INFO_SHEET, PUBLISHED_SOURCE } from '../../io/xlsx/contract.js';
import type { AnchorCell, ValueContent, ValueFormat } from '../../tables/grid.js';
import type { BalanceRule, BalanceTerm } from '../../tables/balances.js';
import { tableSetting } from '../../tables/widths.js';
import { gridColumnWidths, gridRowHeights, lineCount, linesHeight, textWidth } from './layout.js';
import {
  addSheet,
  address,
  highlight,
  merge,
  newWorkbook,
  protect as protectSheet,
  put,
  setColumnWidths,
  setRowHeight,
  sheetRef,
  sheetStyle,
  validate,
  type CellStyle,
  type CellValue,
  type DataValidation,
  type FontSpec,
  type SheetStyle,
  type Workbook,
} from './sheet.js';

export interface XlsxFonts {
  /** Table labels (spec: 仿宋). */
  label: string;
  /** Numbers in the tables. */
  number: string;
  /** The other sheets. */
  text: string;
}

export const DEFAULT_XLSX_FONTS: XlsxFonts = { label: '仿宋', number: '宋体', text: '宋体' };

export interface InfoRow {
  label: string;
  value: string | number;
}

export interface XlsxOptions {
  fonts?: Partial<XlsxFonts>;
  /** Protect label and formula cells against slips (no password). Default true. */
  protect?: boolean;
  /** Rules for the 校验 sheet; default: derived from the grids plus the format's declared identities. */
  balances?: readonly BalanceRule[];
  /** Extra rows appended to the 报告信息 sheet (e.g. the number of units of an aggregate). */
  infoRows?: readonly InfoRow[];
  /** Deflate level 0–9 (default 6). */
  compressionLevel?: number;
}

/** Where a table landed: its sheet and the cell of each data key, for formulas on other sheets. */
export interface TablePlacement {
  block: TableBlock;
  sheetName: string;
  cellOf: Map<string, AnchorCell & { content: ValueContent }>;
}

export interface ReportWorkbook {
  /**
   * An exceljs workbook; add sheets, then `workbookBytes(workbook)`. Cells
   * share frozen style objects: restyle a cell by assigning a new `cell.style`.
   */
  workbook: Workbook;
  tables: TablePlacement[];
  fonts: XlsxFonts;
}

/** Widths (Excel units) the tables are laid out to before fit-to-page: portrait and landscape. */
const TABLE_WIDTH = { portrait: 92, landscape: 130 } as const;
const FORMULA_FILL = 'FFF2F2F2';
const HEADER_FILL = 'FFD9D9D9';

export function numberFormat(format: ValueFormat, decimals: number): string {
  switch (format) {
    case 'count':
      return '0';
    case 'wan':
      return decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0';
    case 'signed':
      return '"增"0;"减"0;0';
  }
}

/** Compact references to cells: runs along one row or one column become ranges. */
export function referenceList(cells: readonly { row: number; col: number }[], sheet?: string): string[] {
  const ref = (a: string) => (sheet ? sheetRef(sheet, a) : a);
  const range = (from: { row: number; col: number }, to: { row: number; col: number }) =>
    from.row === to.row && from.col === to.col ? ref(address(from.row, from.col)) : ref(`${address(from.row, from.col)}:${address(to.row, to.col)}`);
  const sameRow = cells.every((c) => c.row === cells[0]!.row);
  const sameCol = cells.every((c) => c.col === cells[0]!.col);
  if (!sameRow && !sameCol) return cells.map((c) => range(c, c));
  const axis = sameRow ? 'col' : 'row';
  const sorted = [...cells].sort((a, b) => a[axis] - b[axis]);
  const out: string[] = [];
  let start = sorted[0]!;
  let prev = start;
  for (const cell of sorted.slice(1)) {
    if (cell[axis] === prev[axis] + 1) {
      prev = cell;
      continue;
    }
    out.push(range(start, prev));
    start = prev = cell;
  }
  out.push(range(start, prev));
  return out;
}

/** `SUM(D4:I4)`, or the bare reference when there is one cell. */
export function sumFormula(cells: readonly { row: number; col: number }[], sheet?: string): string {
  const refs = referenceList(cells, sheet);
  return refs.length === 1 && cells.length === 1 ? refs[0]! : `SUM(${refs.join(',')})`;
}

function decimalsOf(text: string): number {
  return /\.(\d+)$/.exec(text)?.[1]?.length ?? 0;
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** The validation of each kind of input cell: the error Excel shows when a clerk types something else. */
const VALIDATIONS: Record<ValueFormat, DataValidation> = {
  count: {
    type: 'whole',
    operator: 'greaterThanOrEqual',
    allowBlank: false,
    showErrorMessage: true,
    formulae: [0],
    errorTitle: '数字不符合要求',
    error: '这里只能填写 0 或正整数（件数），不能有小数、负数或文字。',
  },
  wan: {
    type: 'decimal',
    operator: 'greaterThanOrEqual',
    allowBlank: false,
    showErrorMessage: true,
    formulae: [0],
    errorTitle: '数字不符合要求',
    error: '这里只能填写 0 或正数（单位：万元），不能有负数或文字。',
  },
  signed: {
    type: 'whole',
    operator: 'between',
    allowBlank: false,
    showErrorMessage: true,
    formulae: [-999_999_999, 999_999_999],
    errorTitle: '数字不符合要求',
    error: '这里只能填写整数：增加为正数，减少为负数。',
  },
};

interface CellEntry {
  value: CellValue;
  style: SheetStyle;
  text: string;
}

async function writeTableSheet(workbook: Workbook, block: TableBlock, sheetName: string, fonts: XlsxFonts, protect: boolean, selected: boolean): Promise<TablePlacement> {
  const { grid } = block;
  const { definition } = grid;
  const size = definition.fontSizePt;
  const cellOf = new Map<string, AnchorCell & { content: ValueContent }>();
  for (const cell of grid.valueCells) cellOf.set(valueKey(cell.content.key), cell);

  const labelFont: FontSpec = { name: fonts.label, size };
  const numberFont: FontSpec = { name: fonts.number, size };
  const labelStyles = {
    centred: sheetStyle({ font: labelFont, border: true, horizontal: 'center', vertical: 'center', wrap: true }),
    left: sheetStyle({ font: labelFont, border: true, horizontal: 'left', vertical: 'center', wrap: true }),
  };
  const labelStyle = (anchor: AnchorCell): SheetStyle => {
    const role = anchor.content.kind === 'label' ? anchor.content.role : 'rowLabel';
    return role === 'header' || role === 'note' ? labelStyles.centred : labelStyles.left;
  };
  // A handful of number styles per sheet: by format, decimals and whether the cell is a formula or an input.
  const numberStyles = new Map<string, SheetStyle>();
  const numberStyle = (format: ValueFormat, decimals: number, formula: boolean): SheetStyle => {
    const key = `${format}:${decimals}:${formula}`;
    let style = numberStyles.get(key);
    if (!style) {
      style = sheetStyle({
        font: numberFont,
        border: true,
        numFmt: numberFormat(format, decimals),
        horizontal: 'center',
        vertical: 'center',
        // Totals are grey (and locked); inputs are white and unlocked.
        ...(formula ? { fill: FORMULA_FILL } : { locked: false }),
      });
      numberStyles.set(key, style);
    }
    return style;
  };

  // Values and formulas first, so column widths can make room for the longest number.
  const contents = new Map<AnchorCell, CellEntry>();
  const inputs: { anchor: AnchorCell; format: ValueFormat }[] = [];
  const minimums: number[] = [];
  for (const anchor of grid.anchors) {
    const { content } = anchor;
    if (content.kind === 'label') {
      contents.set(anchor, { value: content.text, style: labelStyle(anchor), text: content.text });
      continue;
    }
    const resolved = block.values.get(valueKey(content.key));
    if (!resolved) throw new Error(`${definition.id}: no value for ${valueKey(content.key)}; compose the document first`);
    const decimals = content.format === 'wan' ? decimalsOf(resolved.text) : 0;
    let value: CellValue = resolved.value;
    const parts = content.sumOf?.map((key) => cellOf.get(valueKey(key)));
    if (parts && parts.every((part) => part !== undefined)) {
      const sum = parts.reduce((total, part) => total + block.values.get(valueKey(part!.content.key))!.value, 0);
      // A total that disagrees with its parts (built with --force, or a flawed unit in an aggregate)
      // stays the number the report states, so every emitter shows the same figure; 校验 shows the gap.
      if (roundTo(sum, 6) === roundTo(resolved.value, 6)) {
        value = { formula: sumFormula(parts as AnchorCell[]), result: resolved.value };
      }
    }
    const input = typeof value === 'number';
    if (input) inputs.push({ anchor, format: content.format });
    const text = resolved.text;
    if (anchor.colSpan === 1) minimums[anchor.col] = Math.max(minimums[anchor.col] ?? 0, textWidth(text, size) + 2);
    contents.set(anchor, { value, style: numberStyle(content.format, decimals, !input), text });
  }

  const headerRows = definition.headerRows;
  const sheet = addSheet(workbook, sheetName, {
    orientation: definition.landscape ? 'landscape' : 'portrait',
    fitToWidth: true,
    horizontalCentered: true,
    ...(headerRows > 0 ? { printTitleRows: [1, headerRows] as [number, number] } : {}),
    ...(headerRows > 0 && definition.rows > headerRows + 8 ? { freeze: { rows: headerRows, cols: 0 } } : {}),
    showGridLines: false,
    selected,
  });

  const setting = tableSetting(grid, (cell) => block.values.get(valueKey(cell.content.key))?.text);
  const widths = gridColumnWidths(grid, definition.landscape ? TABLE_WIDTH.landscape : TABLE_WIDTH.portrait, minimums, setting.columns);
  setColumnWidths(sheet, widths);
  const heights = gridRowHeights(grid, widths, size, (row, col) => {
    const position = grid.at(row, col);
    return position.kind === 'anchor' ? (contents.get(position.cell)?.text ?? '') : '';
  });
  heights.forEach((height, i) => setRowHeight(sheet, i, height));

  for (let r = 0; r < definition.rows; r++) {
    for (let c = 0; c < definition.cols; c++) {
      const position = grid.at(r, c);
      const entry = contents.get(position.cell)!;
      // Every cell of a merged range carries the anchor's style, so its borders are drawn on every edge.
      put(sheet, r, c, position.kind === 'anchor' ? entry.value : undefined, entry.style);
    }
  }
  for (const anchor of grid.anchors) merge(sheet, anchor.row, anchor.col, anchor.rowSpan, anchor.colSpan);
  for (const format of Object.keys(VALIDATIONS) as ValueFormat[]) {
    const cells = inputs.filter((input) => input.format === format).map((input) => input.anchor);
    if (cells.length > 0) validate(sheet, cells, VALIDATIONS[format]);
  }

  if (protect) await protectSheet(sheet);
  return { block, sheetName, cellOf };
}

/** Excel date serial (1900 system) of an ISO date. */
export function excelDateSerial(iso: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return undefined;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000 + 25_569;
}

async function writeInfoSheet(workbook: Workbook, document: ReportDocument, fonts: XlsxFonts, options: XlsxOptions, protect: boolean): Promise<void> {
  const sheet = addSheet(workbook, INFO_SHEET, { orientation: 'portrait', fitToWidth: true });
  const font: FontSpec = { name: fonts.text, size: 11 };
  const labelStyle = sheetStyle({ font, border: true, horizontal: 'left', vertical: 'center', wrap: true });
  const valueStyle = (editable: boolean, numFmt?: string): SheetStyle =>
    sheetStyle({
      font,
      border: true,
      horizontal: 'left',
      vertical: 'center',
      wrap: true,
      ...(numFmt ? { numFmt } : {}),
      ...(editable ? { locked: false } : {}),
    });
  const { meta } = document;
  const signature = document.blocks.find((block) => block.kind === 'signature');
  const level = meta.organizationLevel;
  const rows: { label: string; value: CellValue; style: SheetStyle; text: string }[] = [];
  const text = (label: string, value: string, editable: boolean) => rows.push({ label, value, style: valueStyle(editable), text: value });
  text(INFO_LABELS.organization, meta.organization, true);
  if (typeof level === 'string' && level) text(INFO_LABELS.level, level, true);
  rows.push({ label: INFO_LABELS.year, value: meta.year, style: valueStyle(true, '0'), text: String(meta.year) });
  text(INFO_LABELS.formatId, meta.formatId, false);
  text(INFO_LABELS.formatName, meta.formatName, false);
  const serial = excelDateSerial(meta.signatureDate);
  if (serial !== undefined) {
    rows.push({ label: INFO_LABELS.signatureDate, value: serial, style: valueStyle(true, 'yyyy"年"m"月"d"日"'), text: meta.signatureDate });
  } else {
    text(INFO_LABELS.signatureDate, meta.signatureDate, true);
  }
  if (signature && signature.kind === 'signature') text(INFO_LABELS.signatureName, signature.names.join(''), true);
  text(INFO_LABELS.title, meta.title, false);
  if (meta.published) text(INFO_LABELS.source, PUBLISHED_SOURCE, false);
  if (meta.fee) {
    rows.push({ label: INFO_LABELS.feeCount, value: meta.fee.count, style: valueStyle(true, '0'), text: String(meta.fee.count) });
    rows.push({ label: INFO_LABELS.feeAmountYuan, value: meta.fee.amountYuan, style: valueStyle(true, '0.00'), text: meta.fee.amountYuan.toFixed(2) });
  }
  for (const extra of options.infoRows ?? []) {
    if (typeof extra.value === 'number') rows.push({ label: extra.label, value: extra.value, style: valueStyle(false), text: String(extra.value) });
    else text(extra.label, extra.value, false);
  }

  const headerStyle = sheetStyle({ font: { ...font, bold: true }, border: true, fill: HEADER_FILL, horizontal: 'center', vertical: 'center' });
  setColumnWidths(sheet, [14, 64]);
  put(sheet, 0, 0, INFO_HEADER[0], headerStyle);
  put(sheet, 0, 1, INFO_HEADER[1], headerStyle);
  setRowHeight(sheet, 0, linesHeight(1, 11));
  rows.forEach((row, i) => {
    put(sheet, i + 1, 0, row.label, labelStyle);
    put(sheet, i + 1, 1, row.value, row.style);
    setRowHeight(sheet, i + 1, linesHeight(lineCount(row.text, 11, 64), 11));
  });
  const noteRow = rows.length + 2;
  const note =
    '说明：各统计表中白色格可以填写，灰色格是合计公式；标签和公式已锁定，防止误改（工作表保护没有密码，如需调整可在“审阅”中撤销保护）。' +
    '修改数字后请查看“校验”表，所有勾稽关系都应显示“通过”。';
  const noteStyle = sheetStyle({ font: { ...font, size: 10 }, horizontal: 'left', vertical: 'top', wrap: true });
  put(sheet, noteRow, 0, note, noteStyle);
  put(sheet, noteRow, 1, undefined, noteStyle);
  merge(sheet, noteRow, 0, 1, 2);
  setRowHeight(sheet, noteRow, linesHeight(lineCount(note, 10, 78), 10));
  if (protect) await protectSheet(sheet);
}

async function writeCheckSheet(workbook: Workbook, tables: readonly TablePlacement[], rules: readonly BalanceRule[], fonts: XlsxFonts, protect: boolean): Promise<void> {
  const sheet = addSheet(workbook, CHECK_SHEET, { orientation: 'portrait', fitToWidth: true, printTitleRows: [2, 2], freeze: { rows: 2, cols: 0 } });
  const font: FontSpec = { name: fonts.text, size: 10.5 };
  const base: CellStyle = { font, border: true, vertical: 'center', wrap: true };
  const header = sheetStyle({ ...base, font: { ...font, bold: true }, fill: HEADER_FILL, horizontal: 'center' });
  const centred = sheetStyle({ ...base, horizontal: 'center' });
  const plain = sheetStyle(base);
  const numberStyle = (decimals: number) => sheetStyle({ ...base, numFmt: decimals > 0 ? `0.${'0'.repeat(Math.min(decimals, 4))}` : '0', horizontal: 'center' });
  const headers = ['序号', '规则', '表', '检查内容', '左边', '右边', '结果'];
  const widths = [6, 11, 18, 58, 10, 10, 10];
  setColumnWidths(sheet, widths);

  const byTable = new Map(tables.map((table) => [table.block.grid.definition.id, table]));
  const valueOf = (term: BalanceTerm): number => byTable.get(term.tableId)?.block.values.get(valueKey(term.key))?.value ?? 0;
  const side = (terms: readonly BalanceTerm[]): { formula: string; value: number } | undefined => {
    const first = byTable.get(terms[0]!.tableId);
    if (!first || terms.some((term) => term.tableId !== terms[0]!.tableId)) return undefined;
    const cells = terms.map((term) => first.cellOf.get(valueKey(term.key)));
    if (cells.some((cell) => !cell)) return undefined;
    return { formula: sumFormula(cells as AnchorCell[], first.sheetName), value: terms.reduce((total, term) => total + valueOf(term), 0) };
  };

  const firstRow = 2;
  const usable = rules
    .map((rule) => ({ rule, left: side(rule.left), right: side(rule.right) }))
    .filter((r): r is { rule: BalanceRule; left: { formula: string; value: number }; right: { formula: string; value: number } } => !!r.left && !!r.right);
  const lastRow = firstRow + usable.length - 1;
  const resultRange = `${address(firstRow, 6)}:${address(Math.max(firstRow, lastRow), 6)}`;
  const failures = usable.filter(({ rule, left, right }) => roundTo(left.value - right.value, rule.decimals) !== 0).length;

  // Row 1: one live verdict for the whole workbook.
  const summary: CellStyle = { font: { ...font, size: 12, bold: true }, horizontal: 'left', vertical: 'center' };
  const summaryStyle = sheetStyle(summary);
  const verdictStyle = sheetStyle({ ...summary, horizontal: 'center' });
  put(sheet, 0, 0, '勾稽关系校验', summaryStyle);
  for (let c = 1; c < 4; c++) put(sheet, 0, c, undefined, summaryStyle);
  merge(sheet, 0, 0, 1, 4);
  put(
    sheet,
    0,
    4,
    {
      formula: `IF(COUNTIF(${resultRange},"通过")=${usable.length},"全部通过","有 "&(${usable.length}-COUNTIF(${resultRange},"通过"))&" 项不平衡")`,
      result: failures === 0 ? '全部通过' : `有 ${failures} 项不平衡`,
    },
    verdictStyle,
  );
  put(sheet, 0, 5, undefined, verdictStyle);
  put(sheet, 0, 6, undefined, verdictStyle);
  merge(sheet, 0, 4, 1, 3);
  highlight(sheet, address(0, 4), 'notEqual', '"全部通过"');
  setRowHeight(sheet, 0, 24);
  headers.forEach((text, i) => put(sheet, 1, i, text, header));

  usable.forEach(({ rule, left, right }, i) => {
    const r = firstRow + i;
    const table = byTable.get(rule.tableId)!;
    const diff = roundTo(left.value - right.value, rule.decimals);
    const numbers = numberStyle(rule.decimals);
    put(sheet, r, 0, i + 1, centred);
    put(sheet, r, 1, rule.code, centred);
    put(sheet, r, 2, table.sheetName, plain);
    put(sheet, r, 3, rule.description, plain);
    put(sheet, r, 4, { formula: left.formula, result: left.value }, numbers);
    put(sheet, r, 5, { formula: right.formula, result: right.value }, numbers);
    const e = address(r, 4);
    const f = address(r, 5);
    put(sheet, r, 6, { formula: `IF(ROUND(${e}-${f},${rule.decimals})=0,"通过",ROUND(${e}-${f},${rule.decimals}))`, result: diff === 0 ? '通过' : diff }, centred);
    setRowHeight(sheet, r, linesHeight(lineCount(rule.description, 10.5, widths[3]!), 10.5));
  });
  if (usable.length > 0) highlight(sheet, resultRange, 'notEqual', '"通过"');
  if (protect) await protectSheet(sheet);
}

/** The workbook's fixed creation date: the report's 成文日期 (so the same report gives the same workbook). */
function creationDate(document: ReportDocument): Date {
  const serial = excelDateSerial(document.meta.signatureDate);
  return new Date(serial !== undefined ? (serial - 25_569) * 86_400_000 : Date.UTC(document.meta.year + 1, 0, 1));
}

/**
 * Lays out the workbook without serialising it, so callers (the aggregation)
 * can add sheets before `workbookBytes(workbook)`. Loads exceljs on first use.
 */
export async function buildReportWorkbook(document: ReportDocument, options: XlsxOptions = {}): Promise<ReportWorkbook> {
  const fonts: XlsxFonts = { ...DEFAULT_XLSX_FONTS, ...options.fonts };
  const protect = options.protect ?? true;
  const { meta } = document;
  const workbook = await newWorkbook({
    title: meta.title,
    subject: meta.formatName,
    creator: meta.organization,
    language: meta.language,
    date: creationDate(document),
  });
  const tables: TablePlacement[] = [];
  const used = new Set<string>([INFO_SHEET, CHECK_SHEET]);
  for (const block of document.blocks) {
    if (block.kind !== 'table') continue;
    let name = block.grid.definition.sheetName;
    for (let n = 2; used.has(name); n++) name = `${block.grid.definition.sheetName}${n}`;
    used.add(name);
    tables.push(await writeTableSheet(workbook, block, name, fonts, protect, tables.length === 0));
  }
  await writeInfoSheet(workbook, document, fonts, options, protect);
  const rules = options.balances ?? document.balances;
  await writeCheckSheet(workbook, tables, rules, fonts, protect);
  return { workbook, tables, fonts };
}
