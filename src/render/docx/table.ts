/**
 * Statistics tables (spec §3.3–3.5, §6.7) as WordprocessingML tables.
 *
 * The physical grid comes from `TableGrid`: we walk every (row, column)
 * position and ask the grid what stands there, so spans are never recomputed.
 * Horizontal merges become `w:gridSpan` on the anchor; vertical merges are
 * written explicitly, `w:vMerge="restart"` on the anchor and a
 * `w:vMerge="continue"` cell in each row below it. (The `docx` library can add
 * the continuation cells itself from `rowSpan`, but gives them an unstyled empty
 * paragraph in the document's 16 pt body size, which makes the merged rows of
 * a 10.5 pt table taller than their text.)
 *
 * Column widths, the type size, the cell padding and the lines of the labels
 * are the table setting's (`tables/widths.ts`), the same as the PDF's; a
 * label's lines are separated by line breaks, so Word and LibreOffice wrap it
 * where the PDF does.
 */
import {
  AlignmentType,
  BorderStyle,
  HeightRule,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
} from 'docx';
import { valueKey, type TableBlock } from '../../document/model.js';
import type { TableBreaks } from '../pdf/paginate.js';
import type { AnchorCell, TableGrid } from '../../tables/grid.js';
import { tableSetting } from '../../tables/widths.js';
import { DOC_GRID, TABLE_RULE, TEXT_WIDTH } from './layout.js';
import { BoundedCache, ReusedTableCell, ReusedTableRow } from './reuse.js';

/** Paragraph style of table text: single spacing, off the document grid, no indent. */
export const TABLE_TEXT_STYLE = 'TableText';

export class MissingTableValueError extends Error {}

/**
 * Scales relative widths to integer twips summing exactly to `total`
 * (largest-remainder rounding).
 */
export function scaleColumnWidths(relative: readonly number[], total = TEXT_WIDTH): number[] {
  const sum = relative.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) throw new RangeError('column widths must add up to more than 0');
  const exact = relative.map((w) => (w / sum) * total);
  const widths = exact.map(Math.floor);
  let rest = total - widths.reduce((a, b) => a + b, 0);
  const order = exact.map((w, i) => ({ i, frac: w - Math.floor(w) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    widths[i]! += 1;
    rest -= 1;
  }
  return widths;
}

const rule = { style: BorderStyle.SINGLE, size: TABLE_RULE, color: '000000' } as const;

/** A table rule in twips (TABLE_RULE is in eighths of a point). */
const RULE_TWIPS = (TABLE_RULE * 20) / 8;

type Alignment = (typeof AlignmentType)[keyof typeof AlignmentType];

/** What a cell holds; equal specs give equal XML, so one cell component serves them all. */
interface CellSpec {
  width: number;
  colSpan: number;
  merge: 'none' | 'restart' | 'continue';
  text: string;
  alignment: Alignment;
  halfPoints: number;
  keepNext: boolean;
}

/**
 * Cells and rows by what they hold, shared by all renders in the process.
 * Labels are the same in every report and most values are small numbers, so
 * a batch build finds nearly every cell, and every row of labels, here; the
 * bounds keep odd values from piling up. (500 generated reports have about
 * 1,850 distinct cells, 95% of lookups find one; a cell costs about 4 KB.)
 */
const cellCache = new BoundedCache<string, TableCell>(2048);
const rowCache = new BoundedCache<string, TableRow>(1024);

function cellKey(spec: CellSpec): string {
  return `${spec.width}|${spec.colSpan}|${spec.merge}|${spec.halfPoints}|${spec.alignment}|${spec.keepNext ? 1 : 0}|${spec.text}`;
}

function tableCell(spec: CellSpec, key: string): TableCell {
  return cellCache.get(key, () => {
    const merge = spec.merge === 'restart' ? VerticalMergeType.RESTART : spec.merge === 'continue' ? VerticalMergeType.CONTINUE : undefined;
    return new ReusedTableCell({
      width: { size: spec.width, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      ...(spec.colSpan > 1 ? { columnSpan: spec.colSpan } : {}),
      ...(merge ? { verticalMerge: merge } : {}),
      children: [
        new Paragraph({
          style: TABLE_TEXT_STYLE,
          // Word keeps a row with the next when its cells' paragraphs have keepNext.
          ...(spec.keepNext ? { keepNext: true } : {}),
          alignment: spec.alignment,
          // A label's lines (the table setting's) are kept apart by line breaks.
          children: spec.text === '' ? [] : spec.text.split('\n').map((line, i) => new TextRun({ text: line, size: spec.halfPoints, ...(i > 0 ? { break: 1 } : {}) })),
          // An empty paragraph still sets the height of its line: give its mark the table size.
          run: { size: spec.halfPoints },
        }),
      ],
    });
  });
}

/** A row that cannot split across pages, at least `minHeight` twips high. */
function tableRow(specs: readonly CellSpec[], minHeight: number, header: boolean): TableRow {
  const keys = specs.map(cellKey);
  return rowCache.get(`${minHeight}|${header ? 1 : 0}\n${keys.join('\n')}`, () => {
    return new ReusedTableRow({
      children: specs.map((spec, i) => tableCell(spec, keys[i]!)),
      cantSplit: true,
      height: { value: minHeight, rule: HeightRule.ATLEAST },
      ...(header ? { tableHeader: true } : {}),
    });
  });
}

/**
 * `pdf`: where the PDF breaks this table across pages and where it may
 * (`pdfTableBreaks`). Given it, the DOCX breaks inside a merged cell only
 * where the PDF does, and there ends the merge and restarts it with the label
 * (Word and LibreOffice leave a merged cell blank on the next page); rows
 * that share a merged cell are otherwise kept together, so a page that breaks
 * elsewhere than the PDF's still never shows the label blank or cut. Without
 * it, breaks follow the PDF's rules on estimated lines (`breakableRows`).
 */
export function renderTable(block: TableBlock, pdf?: TableBreaks): Table {
  const { grid } = block;
  const { definition } = grid;
  const setting = tableSetting(grid, (cell) => block.values.get(valueKey(cell.content.key))?.text);
  const columnWidths = scaleColumnWidths(setting.columns);
  // The setting's size and padding: smaller than the definition's when the numbers need the room (小五 at least).
  const halfPoints = Math.round(setting.size * 2);
  const padding = Math.round(setting.padding * 20);

  const spanWidth = (cell: AnchorCell): number =>
    columnWidths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0);

  // Rows as tall as the PDF's (src/render/pdf/table.ts): a whole number of
  // grid lines, two lines of table text to a grid line (TableText has exact
  // half-grid spacing), so the DOCX's pages hold what the PDF's hold.
  // A label the table setting wraps (src/tables/widths.ts) is printed in exactly its lines; other text is estimated.
  const cellLines = (cell: AnchorCell): number =>
    setting.labelLines(cell)?.length ?? estimateLines(cellText(block, grid, cell).text, spanWidth(cell) - 2 * padding, halfPoints * 10);
  const rowLines = estimateRowLines(grid, cellLines);

  // Keeping rows together (Word keeps a row with the next when its cells'
  // paragraphs have keepNext) wherever the PDF may not break the table
  // (spec §6.9): not inside the header nor before the third data row, not
  // after a row of labels only, 表一 only between its sections, and inside a
  // merged cell only where its label is whole on both sides.
  const pdfBreaks = new Set(pdf?.breaks ?? []);
  const pdfBreakable = new Set(pdf?.breakable ?? []);
  const insideMerge = (row: number) => grid.anchors.some((cell) => cell.rowSpan > 1 && cell.row < row && row < cell.row + cell.rowSpan);
  const canBreak = pdf ? (row: number) => pdfBreaks.has(row) || (pdfBreakable.has(row) && !insideMerge(row)) : breakableRows(grid, rowLines, cellLines);
  /** Rows [row, end) of the merged `cell` that one piece of it covers: up to the PDF's next break or the cell's end. */
  const pieceEnd = (cell: AnchorCell, row: number) => {
    let end = row + 1;
    while (end < cell.row + cell.rowSpan && !pdfBreaks.has(end)) end += 1;
    return end;
  };
  const keepWithNext = (r: number) => r < definition.rows - 1 && !canBreak(r + 1);

  const rows: TableRow[] = [];
  for (let r = 0; r < definition.rows; r++) {
    // Specs are written out in full, not spread from a common part: spreading
    // was the slowest line of a render once the cells were reused.
    const specs: CellSpec[] = [];
    for (let c = 0; c < definition.cols; c++) {
      const position = grid.at(r, c);
      const cell = position.cell;
      if (c !== cell.col) continue; // covered by the gridSpan of a cell to its left
      const width = spanWidth(cell);
      const restarts = position.kind === 'continuation' && r >= definition.headerRows && pdfBreaks.has(r);
      if (position.kind === 'continuation' && !restarts) {
        // Below the anchor of a vertical merge.
        specs.push({ width, colSpan: cell.colSpan, merge: 'continue', text: '', alignment: AlignmentType.LEFT, halfPoints, keepNext: false });
        continue;
      }
      const { text, alignment } = cellText(block, grid, cell);
      const lines = setting.labelLines(cell);
      // A merged cell cut by the PDF's page break: each piece its own merge, the label in each.
      const merge = cell.rowSpan > 1 && pieceEnd(cell, r) - r > 1 ? 'restart' : 'none';
      specs.push({ width, colSpan: cell.colSpan, merge, text: lines ? lines.join('\n') : text, alignment, halfPoints, keepNext: false });
    }
    const keepNext = keepWithNext(r);
    for (const spec of specs) spec.keepNext = keepNext;
    // The table's top and bottom rules lie outside its rows in LibreOffice (on every page it is on):
    // the first row, and the last row of each of the PDF's pages, give them their 10 twips, so a part
    // of the table is a whole number of grid lines tall there too, and one that fills a page in the
    // PDF fits (a part 0.3 pt too tall moved a page on; one that could not move lost its rows).
    const endsPart = r === definition.rows - 1 || pdfBreaks.has(r + 1);
    rows.push(tableRow(specs, rowLines[r]! * DOC_GRID.linePitch - (r === 0 ? RULE_TWIPS : 0) - (endsPart ? RULE_TWIPS : 0), r < definition.headerRows));
  }

  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    margins: { left: padding, right: padding, top: 0, bottom: 0, marginUnitType: WidthType.DXA },
    borders: {
      top: rule,
      bottom: rule,
      left: rule,
      right: rule,
      insideHorizontal: rule,
      insideVertical: rule,
    },
  });
}

function cellText(
  block: TableBlock,
  grid: TableGrid,
  cell: AnchorCell,
): { text: string; alignment: Alignment } {
  const { content } = cell;
  if (content.kind === 'label') {
    const centred = content.role === 'header' || content.role === 'note';
    return { text: content.text, alignment: centred ? AlignmentType.CENTER : AlignmentType.LEFT };
  }
  const resolved = block.values.get(valueKey(content.key));
  if (!resolved) {
    const where = content.rowLabel ? `「${content.rowLabel}」行「${content.colLabel}」列` : `「${content.colLabel}」列`;
    throw new MissingTableValueError(
      `${grid.definition.id}: no value for ${valueKey(content.key)} (${where}); composition must resolve every value cell`,
    );
  }
  return { text: resolved.text, alignment: AlignmentType.CENTER };
}

/** Lines of table text per grid line (the PDF's: half a grid line each, less the rules). */
const LINES_PER_GRID_LINE = 2;

/**
 * Lines a cell's text takes in `width` twips at `size` twips a character: a
 * full-width character takes one, a narrow one half (an estimate of the
 * PDF's line breaking, which knows the glyphs; the DOCX has no fonts).
 */
export function estimateLines(text: string, width: number, size: number): number {
  if (text === '') return 1;
  const perLine = Math.max(1, Math.floor(width / size + 1e-6));
  let lines = 1;
  let used = 0;
  for (const char of text) {
    const ems = /[\x20-\x7e]/.test(char) ? 0.5 : 1;
    if (used + ems > perLine + 1e-6) {
      lines += 1;
      used = 0;
    }
    used += ems;
  }
  return lines;
}

/** Grid lines of each row, as the PDF computes them: enough for its one-row cells, then for the row-spanning ones. */
function estimateRowLines(grid: TableGrid, lines: (cell: AnchorCell) => number): number[] {
  const rowLines = new Array<number>(grid.definition.rows).fill(1);
  for (const cell of grid.anchors) {
    if (cell.rowSpan !== 1) continue;
    rowLines[cell.row] = Math.max(rowLines[cell.row]!, Math.ceil(lines(cell) / LINES_PER_GRID_LINE));
  }
  for (const cell of grid.anchors) {
    if (cell.rowSpan === 1) continue;
    const spanned = () => rowLines.slice(cell.row, cell.row + cell.rowSpan).reduce((a, b) => a + b, 0);
    while (spanned() * LINES_PER_GRID_LINE < lines(cell)) rowLines[cell.row + cell.rowSpan - 1]! += 1;
  }
  return rowLines;
}

/** Where a page may break in a table: the rules of the PDF's `canBreakBefore` (src/render/pdf/table.ts), on estimated lines. */
function breakableRows(grid: TableGrid, rowLines: readonly number[], lines: (cell: AnchorCell) => number): (row: number) => boolean {
  const { definition } = grid;
  const headerRows = definition.headerRows;
  const rowsWithValues = new Set(grid.anchors.filter((cell) => cell.content.kind === 'value').map((cell) => cell.row));
  const sectionRows = new Set(grid.anchors.filter((cell) => cell.content.kind === 'label' && cell.content.role === 'section').map((cell) => cell.row));
  const valueRowsBefore = (row: number) => [...rowsWithValues].filter((r) => r < row).length;
  const spanLines = (from: number, to: number) => rowLines.slice(from, to).reduce((a, b) => a + b, 0);
  return (row) => {
    if (row <= headerRows || row >= definition.rows) return false;
    if (headerRows === 0 ? !sectionRows.has(row) || valueRowsBefore(row) < 3 : row - headerRows < 3) return false;
    if (!rowsWithValues.has(row - 1)) return false;
    return grid.anchors.every((cell) => {
      if (cell.row >= row || cell.row + cell.rowSpan <= row) return true;
      const need = lines(cell);
      return spanLines(cell.row, row) * LINES_PER_GRID_LINE >= need && spanLines(row, cell.row + cell.rowSpan) * LINES_PER_GRID_LINE >= need;
    });
  };
}
