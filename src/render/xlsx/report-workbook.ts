/**
 * The statistics workbook of one report (spec §6.8): one sheet per table
 * block of the document, laid out exactly as its grid (labels, merges,
 * borders on every edge), a 报告信息 sheet and a 校验 sheet with a live check
 * of every 勾稽 rule. Walks the ReportDocument only; never a format version.
 */
import { valueKey, type ReportDocument, type TableBlock } from '../../document/model.js';
import { CHECK_SHEET, INFO_HEADER, INFO_LABELS, INFO_SHEET } from '../../io/xlsx/contract.js';
import type { AnchorCell, TableGrid, ValueContent, ValueFormat } from '../../tables/grid.js';
import { balanceRules, type BalanceRule, type BalanceTerm } from '../../tables/balances.js';
import { gridColumnWidths, gridRowHeights, lineCount, linesHeight, textWidth } from './layout.js';
import {
  address,
  sheetRef,
  WorkbookBuilder,
  type CellStyle,
  type CellValue,
  type FontSpec,
  type PageSpec,
} from './ooxml.js';

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
  workbook: WorkbookBuilder;
  tables: TablePlacement[];
  fonts: XlsxFonts;
}

/** GB/T 9704 margins in cm (spec §6.8). */
const MARGINS = { top: 3.7, bottom: 3.5, left: 2.8, right: 2.6, header: 1.5, footer: 1.5 } as const;
/** Widths (Excel units) the tables are laid out to before fit-to-page: portrait and landscape. */
const TABLE_WIDTH = { portrait: 92, landscape: 130 } as const;
const FORMULA_FILL = 'FFF2F2F2';
const HEADER_FILL = 'FFD9D9D9';
const FORMULA_LIKE = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;

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

export function textValue(text: string): CellValue {
  return { kind: 'text', value: text };
}

/** Text cells whose content Excel would take for a formula when edited get the quote prefix. */
export function textStyle(style: CellStyle, text: string): CellStyle {
  return FORMULA_LIKE.test(text) ? { ...style, quotePrefix: true } : style;
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

function writeTableSheet(workbook: WorkbookBuilder, block: TableBlock, sheetName: string, fonts: XlsxFonts, protect: boolean): TablePlacement {
  const { grid } = block;
  const { definition } = grid;
  const size = definition.fontSizePt;
  const sheet = workbook.addSheet(sheetName);
  const cellOf = new Map<string, AnchorCell & { content: ValueContent }>();
  for (const cell of grid.valueCells) cellOf.set(valueKey(cell.content.key), cell);

  const labelFont: FontSpec = { name: fonts.label, size };
  const numberFont: FontSpec = { name: fonts.number, size };
  const labelStyle = (anchor: AnchorCell): CellStyle => {
    const role = anchor.content.kind === 'label' ? anchor.content.role : 'rowLabel';
    const centred = role === 'header' || role === 'note';
    return { font: labelFont, border: true, horizontal: centred ? 'center' : 'left', vertical: 'center', wrap: true };
  };

  // Values and formulas first, so column widths can make room for the longest number.
  const contents = new Map<AnchorCell, { value: CellValue; style: CellStyle; text: string }>();
  const validations = new Map<string, string[]>();
  const minimums: number[] = [];
  for (const anchor of grid.anchors) {
    const { content } = anchor;
    if (content.kind === 'label') {
      contents.set(anchor, { value: textValue(content.text), style: textStyle(labelStyle(anchor), content.text), text: content.text });
      continue;
    }
    const resolved = block.values.get(valueKey(content.key));
    if (!resolved) throw new Error(`${definition.id}: no value for ${valueKey(content.key)}; compose the document first`);
    const decimals = content.format === 'wan' ? decimalsOf(resolved.text) : 0;
    const style: CellStyle = {
      font: numberFont,
      border: true,
      numFmt: numberFormat(content.format, decimals),
      horizontal: 'center',
      vertical: 'center',
    };
    let value: CellValue = { kind: 'number', value: resolved.value };
    const parts = content.sumOf?.map((key) => cellOf.get(valueKey(key)));
    if (parts && parts.every((part) => part !== undefined)) {
      const sum = parts.reduce((total, part) => total + block.values.get(valueKey(part!.content.key))!.value, 0);
      // A total that disagrees with its parts (built with --force, or a flawed unit in an aggregate)
      // stays the number the report states, so every emitter shows the same figure; 校验 shows the gap.
      if (roundTo(sum, 6) === roundTo(resolved.value, 6)) {
        value = { kind: 'formula', formula: sumFormula(parts as AnchorCell[]), result: resolved.value };
        style.fill = FORMULA_FILL;
      }
    }
    if (value.kind !== 'formula') {
      style.locked = false;
      const kind = content.format;
      const list = validations.get(kind) ?? [];
      list.push(address(anchor.row, anchor.col));
      validations.set(kind, list);
    }
    const text = resolved.text;
    if (anchor.colSpan === 1) minimums[anchor.col] = Math.max(minimums[anchor.col] ?? 0, textWidth(text, size) + 2);
    contents.set(anchor, { value, style, text });
  }

  const widths = gridColumnWidths(grid, definition.landscape ? TABLE_WIDTH.landscape : TABLE_WIDTH.portrait, minimums);
  widths.forEach((width, i) => (sheet.colWidths[i] = width));
  const heights = gridRowHeights(grid, widths, size, (row, col) => {
    const position = grid.at(row, col);
    return position.kind === 'anchor' ? (contents.get(position.cell)?.text ?? '') : '';
  });
  heights.forEach((height, i) => sheet.rowHeights.set(i, height));

  const styleIds = new Map<AnchorCell, number>();
  for (const [anchor, entry] of contents) styleIds.set(anchor, workbook.style(entry.style));
  for (let r = 0; r < definition.rows; r++) {
    for (let c = 0; c < definition.cols; c++) {
      const position = grid.at(r, c);
      const entry = contents.get(position.cell)!;
      // Continuation cells carry the anchor's style: borders of a merged range are drawn from its edge cells.
      sheet.set(r, c, position.kind === 'anchor' ? entry.value : undefined, styleIds.get(position.cell)!);
    }
  }
  for (const anchor of grid.anchors) sheet.merge(anchor.row, anchor.col, anchor.rowSpan, anchor.colSpan);

  const rules: Record<ValueFormat, { type: 'whole' | 'decimal'; operator: 'greaterThanOrEqual' | 'between'; f1: string; f2?: string; error: string }> = {
    count: { type: 'whole', operator: 'greaterThanOrEqual', f1: '0', error: '这里只能填写 0 或正整数（件数），不能有小数、负数或文字。' },
    wan: { type: 'decimal', operator: 'greaterThanOrEqual', f1: '0', error: '这里只能填写 0 或正数（单位：万元），不能有负数或文字。' },
    signed: { type: 'whole', operator: 'between', f1: '-999999999', f2: '999999999', error: '这里只能填写整数：增加为正数，减少为负数。' },
  };
  for (const [format, ranges] of validations) {
    const rule = rules[format as ValueFormat];
    sheet.validations.push({
      type: rule.type,
      operator: rule.operator,
      formula1: rule.f1,
      ...(rule.f2 ? { formula2: rule.f2 } : {}),
      ranges,
      errorTitle: '数字不符合要求',
      error: rule.error,
    });
  }

  sheet.protect = protect;
  sheet.showGridLines = false;
  if (definition.headerRows > 0 && definition.rows > definition.headerRows + 8) sheet.freeze = { rows: definition.headerRows, cols: 0 };
  const page: PageSpec = {
    orientation: definition.landscape ? 'landscape' : 'portrait',
    margins: MARGINS,
    fitToWidth: true,
    horizontalCentered: true,
    ...(definition.headerRows > 0 ? { printTitleRows: [1, definition.headerRows] as [number, number] } : {}),
  };
  sheet.page = page;
  return { block, sheetName, cellOf };
}

/** Excel date serial (1900 system) of an ISO date. */
export function excelDateSerial(iso: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return undefined;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000 + 25_569;
}

function writeInfoSheet(workbook: WorkbookBuilder, document: ReportDocument, fonts: XlsxFonts, options: XlsxOptions, protect: boolean): void {
  const sheet = workbook.addSheet(INFO_SHEET);
  const font: FontSpec = { name: fonts.text, size: 11 };
  const labelStyle: CellStyle = { font, border: true, horizontal: 'left', vertical: 'center', wrap: true };
  const valueStyle = (editable: boolean, numFmt?: string): CellStyle => ({
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
  const rows: { label: string; value: CellValue; style: CellStyle; text: string }[] = [];
  const text = (label: string, value: string, editable: boolean) =>
    rows.push({ label, value: textValue(value), style: textStyle(valueStyle(editable), value), text: value });
  text(INFO_LABELS.organization, meta.organization, true);
  if (typeof level === 'string' && level) text(INFO_LABELS.level, level, true);
  rows.push({ label: INFO_LABELS.year, value: { kind: 'number', value: meta.year }, style: valueStyle(true, '0'), text: String(meta.year) });
  text(INFO_LABELS.formatId, meta.formatId, false);
  text(INFO_LABELS.formatName, meta.formatName, false);
  const serial = excelDateSerial(meta.signatureDate);
  if (serial !== undefined) {
    rows.push({
      label: INFO_LABELS.signatureDate,
      value: { kind: 'number', value: serial },
      style: valueStyle(true, 'yyyy"年"m"月"d"日"'),
      text: meta.signatureDate,
    });
  } else {
    text(INFO_LABELS.signatureDate, meta.signatureDate, true);
  }
  if (signature && signature.kind === 'signature') text(INFO_LABELS.signatureName, signature.names.join(''), true);
  text(INFO_LABELS.title, meta.title, false);
  for (const extra of options.infoRows ?? []) {
    if (typeof extra.value === 'number') rows.push({ label: extra.label, value: { kind: 'number', value: extra.value }, style: valueStyle(false), text: String(extra.value) });
    else text(extra.label, extra.value, false);
  }

  const headerStyle: CellStyle = { font: { ...font, bold: true }, border: true, fill: HEADER_FILL, horizontal: 'center', vertical: 'center' };
  sheet.colWidths[0] = 14;
  sheet.colWidths[1] = 64;
  sheet.set(0, 0, textValue(INFO_HEADER[0]), headerStyle);
  sheet.set(0, 1, textValue(INFO_HEADER[1]), headerStyle);
  sheet.rowHeights.set(0, linesHeight(1, 11));
  rows.forEach((row, i) => {
    sheet.set(i + 1, 0, textValue(row.label), textStyle(labelStyle, row.label));
    sheet.set(i + 1, 1, row.value, row.style);
    sheet.rowHeights.set(i + 1, linesHeight(lineCount(row.text, 11, 64), 11));
  });
  const noteRow = rows.length + 2;
  const note =
    '说明：各统计表中白色格可以填写，灰色格是合计公式；标签和公式已锁定，防止误改（工作表保护没有密码，如需调整可在“审阅”中撤销保护）。' +
    '修改数字后请查看“校验”表，所有勾稽关系都应显示“通过”。';
  sheet.set(noteRow, 0, textValue(note), { font: { ...font, size: 10 }, horizontal: 'left', vertical: 'top', wrap: true });
  sheet.set(noteRow, 1, undefined, { font: { ...font, size: 10 }, horizontal: 'left', vertical: 'top', wrap: true });
  sheet.merge(noteRow, 0, 1, 2);
  sheet.rowHeights.set(noteRow, linesHeight(lineCount(note, 10, 78), 10));
  sheet.protect = protect;
  sheet.page = { orientation: 'portrait', margins: MARGINS, fitToWidth: true };
}

function writeCheckSheet(workbook: WorkbookBuilder, tables: readonly TablePlacement[], rules: readonly BalanceRule[], fonts: XlsxFonts, protect: boolean): void {
  const sheet = workbook.addSheet(CHECK_SHEET);
  const font: FontSpec = { name: fonts.text, size: 10.5 };
  const base: CellStyle = { font, border: true, vertical: 'center', wrap: true };
  const header: CellStyle = { ...base, font: { ...font, bold: true }, fill: HEADER_FILL, horizontal: 'center' };
  const centred = workbook.style({ ...base, horizontal: 'center' });
  const plain = workbook.style(base);
  const numberStyles = new Map<number, number>();
  const numberStyle = (decimals: number) => numberStyles.get(decimals) ?? numberStyles.set(decimals, workbook.style({ ...base, numFmt: decimals > 0 ? `0.${'0'.repeat(Math.min(decimals, 4))}` : '0', horizontal: 'center' })).get(decimals)!;
  const headers = ['序号', '规则', '表', '检查内容', '左边', '右边', '结果'];
  const widths = [6, 11, 18, 58, 10, 10, 10];
  widths.forEach((w, i) => (sheet.colWidths[i] = w));

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
  const summaryStyle: CellStyle = { font: { ...font, size: 12, bold: true }, horizontal: 'left', vertical: 'center' };
  sheet.set(0, 0, textValue('勾稽关系校验'), summaryStyle);
  sheet.merge(0, 0, 1, 3);
  sheet.set(
    0,
    4,
    {
      kind: 'formula',
      formula: `IF(COUNTIF(${resultRange},"通过")=${usable.length},"全部通过","有 "&(${usable.length}-COUNTIF(${resultRange},"通过"))&" 项不平衡")`,
      result: failures === 0 ? '全部通过' : `有 ${failures} 项不平衡`,
    },
    { ...summaryStyle, horizontal: 'center' },
  );
  sheet.set(0, 5, undefined, summaryStyle);
  sheet.set(0, 6, undefined, summaryStyle);
  sheet.merge(0, 4, 1, 3);
  sheet.conditional.push({ range: address(0, 4), operator: 'notEqual', formula: '"全部通过"' });
  sheet.rowHeights.set(0, 24);
  headers.forEach((text, i) => sheet.set(1, i, textValue(text), header));

  usable.forEach(({ rule, left, right }, i) => {
    const r = firstRow + i;
    const table = byTable.get(rule.tableId)!;
    const diff = roundTo(left.value - right.value, rule.decimals);
    const numbers = numberStyle(rule.decimals);
    sheet.set(r, 0, { kind: 'number', value: i + 1 }, centred);
    sheet.set(r, 1, textValue(rule.code), centred);
    sheet.set(r, 2, textValue(table.sheetName), plain);
    sheet.set(r, 3, textValue(rule.description), plain);
    sheet.set(r, 4, { kind: 'formula', formula: left.formula, result: left.value }, numbers);
    sheet.set(r, 5, { kind: 'formula', formula: right.formula, result: right.value }, numbers);
    const e = address(r, 4);
    const f = address(r, 5);
    sheet.set(
      r,
      6,
      { kind: 'formula', formula: `IF(ROUND(${e}-${f},${rule.decimals})=0,"通过",ROUND(${e}-${f},${rule.decimals}))`, result: diff === 0 ? '通过' : diff },
      centred,
    );
    sheet.rowHeights.set(r, linesHeight(lineCount(rule.description, 10.5, widths[3]!), 10.5));
  });
  if (usable.length > 0) sheet.conditional.push({ range: resultRange, operator: 'notEqual', formula: '"通过"' });
  sheet.freeze = { rows: 2, cols: 0 };
  sheet.protect = protect;
  sheet.page = { orientation: 'portrait', margins: MARGINS, fitToWidth: true, printTitleRows: [2, 2] };
}

/**
 * Lays out the workbook without serialising it, so callers (the aggregation)
 * can add sheets before `workbook.toBytes()`.
 */
export function buildReportWorkbook(document: ReportDocument, options: XlsxOptions = {}): ReportWorkbook {
  const fonts: XlsxFonts = { ...DEFAULT_XLSX_FONTS, ...options.fonts };
  const protect = options.protect ?? true;
  const workbook = new WorkbookBuilder(
    { name: fonts.text, size: 11 },
    { title: document.meta.title, subject: document.meta.formatName, creator: document.meta.organization, language: document.meta.language },
  );
  const tables: TablePlacement[] = [];
  const used = new Set<string>([INFO_SHEET, CHECK_SHEET]);
  for (const block of document.blocks) {
    if (block.kind !== 'table') continue;
    let name = block.grid.definition.sheetName;
    for (let n = 2; used.has(name); n++) name = `${block.grid.definition.sheetName}${n}`;
    used.add(name);
    tables.push(writeTableSheet(workbook, block, name, fonts, protect));
  }
  writeInfoSheet(workbook, document, fonts, options, protect);
  const rules = options.balances ?? document.balances;
  writeCheckSheet(workbook, tables, rules, fonts, protect);
  return { workbook, tables, fonts };
}
