/**
 * Statistics tables (spec §3.3–3.5, §6.7). The physical grid comes from
 * `TableGrid`: its anchors are the cells, with their column and row spans, so
 * spans are never recomputed. Each part of a table is drawn here, as text
 * lines and 0.5 pt rules relative to its top-left corner.
 *
 * - The table is exactly as wide as the text block; its columns and the lines
 *   of its labels are the table setting's (`tables/widths.ts`), as in the DOCX.
 * - Text lines are half a grid line (less the rules) apart and every row is a
 *   whole number of grid lines tall, so the text after a table, and each part
 *   of a table split over pages, stays on the page grid.
 * - The paginator splits a table only between rows, where `canBreakBefore`
 *   allows; each part repeats the header rows, and a merged cell cut by the
 *   split is closed in each part and repeats its label (the break is allowed
 *   only where the label fits on both sides).
 * - The type size and the cell padding are the table setting's too: smaller
 *   (down to 小五, then narrower paddings) when the numbers need the room.
 *   Should a face's digits still be wider than the setting's model (no Latin
 *   face: the CJK face's digits), the type gets smaller again, down to 小五.
 */
import { valueKey, type TableBlock } from '../../document/model.js';
import type { AnchorCell } from '../../tables/grid.js';
import { tableSetting } from '../../tables/widths.js';
import { CELL_PADDING, LINE_PITCH, TABLE_RULE, TEXT_WIDTH } from './layout.js';
import { lineHeight, type Drawing, type TablePiece } from './place.js';
import type { TextStyle } from './styles.js';
import { setText, type SetLine, type TypesetContext } from './typeset.js';

export class MissingTableValueError extends Error {}

/** Smallest type a table is shrunk to when a column is too narrow: 小五. */
const MIN_TABLE_SIZE = 9;

export interface PreparedTable<N = TablePiece> {
  /** Grid lines of each row. */
  rowLines: readonly number[];
  headerRows: number;
  /** Grid lines of the whole table. */
  totalLines: number;
  /**
   * Whether a page may break before row `row` (spec §6.9, items 3–4): never
   * inside the header rows or before the third data row; never after a row of
   * labels only (it heads what follows); never inside a merged cell whose
   * label would not fit whole on both sides, so that a label cut by the break
   * is repeated, never cut. A table without header rows to repeat (表一, in
   * sections each with its own header row) breaks only before a section row.
   */
  canBreakBefore(row: number): boolean;
  /** The header rows plus rows [start, end), to be placed on a page. */
  part(start: number, end: number): N;
}

/** Data rows a table puts on a page before it may continue on the next (spec §6.9 item 3). */
export const MIN_ROWS_BEFORE_BREAK = 3;

/** A prepared table with the lines each of its cells is set in. */
export interface SetTable extends PreparedTable {
  cellLines: ReadonlyMap<AnchorCell, readonly SetLine[]>;
}

/** Content widths of the columns: each column of the table setting less its paddings and its rule. */
export function columnContentWidths(columns: readonly number[], padding = CELL_PADDING): number[] {
  return columns.map((w) => w - 2 * padding - TABLE_RULE);
}

function tableStyle(size: number): TextStyle {
  // Two lines per grid line, less the rules: 13.99 pt, single spacing for 10.5 pt type.
  return { role: 'table', size, lineBox: (LINE_PITCH - 2 * TABLE_RULE) / 2, grid: false };
}

/** Text lines that fit in a run of rows `gridLines` tall (less the rules, the table's top rule included). */
function capacity(gridLines: number, style: TextStyle): number {
  return Math.floor((gridLines * LINE_PITCH - 2 * TABLE_RULE + 1e-6) / style.lineBox);
}

export function prepareTable(block: TableBlock, context: TypesetContext, where: string): SetTable {
  const { grid } = block;
  const { definition } = grid;
  const setting = tableSetting(grid, (cell) => block.values.get(valueKey(cell.content.key))?.text);
  const { padding } = setting;
  const widths = columnContentWidths(setting.columns, padding);
  const spanWidth = (cell: AnchorCell) =>
    widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0) + (cell.colSpan - 1) * (2 * padding + TABLE_RULE);
  const texts = grid.anchors.map((cell) => ({ cell, ...cellText(block, cell) }));
  // Numbers and Latin pieces are set in the Latin face when there is one (typeset.ts), else in the table's.
  const face = context.fonts.latin ?? context.fonts.roles.table.face;

  // Type size: the setting's, smaller when an unbreakable Latin piece does not fit its cell.
  let size = setting.size;
  const fits = (style: TextStyle) =>
    texts.every(({ cell, text }) =>
      text
        .split(/[^\x21-\x7e]+/)
        .every((piece) => piece === '' || context.views.width(piece, face, style) <= spanWidth(cell) + 1e-6),
    );
  while (size > MIN_TABLE_SIZE && !fits(tableStyle(size))) size -= 0.5;
  const style = tableStyle(size);

  // Labels are set in the lines the table setting chose for them (balanced, none of one character).
  const lines = new Map<AnchorCell, SetLine[]>();
  for (const { cell, text, alignment } of texts) {
    const pieces = setting.labelLines(cell) ?? [text];
    lines.set(cell, pieces.flatMap((piece) => setText(context, piece, style, where, { width: spanWidth(cell), alignment })));
  }

  // Grid lines per row: enough for its one-row cells, then enough for the row-spanning ones.
  const rowLines = new Array<number>(definition.rows).fill(1);
  for (const cell of grid.anchors) {
    if (cell.rowSpan !== 1) continue;
    while (capacity(rowLines[cell.row]!, style) < lines.get(cell)!.length) rowLines[cell.row]! += 1;
  }
  for (const cell of grid.anchors) {
    if (cell.rowSpan === 1) continue;
    const spanned = () => rowLines.slice(cell.row, cell.row + cell.rowSpan).reduce((a, b) => a + b, 0);
    while (capacity(spanned(), style) < lines.get(cell)!.length) rowLines[cell.row + cell.rowSpan - 1]! += 1;
  }
  const headerRows = definition.headerRows;

  // Where each column's left rule lies, from the table's left edge: every column takes its paddings, its rule and its text.
  const ruleX = [0];
  for (const width of widths) ruleX.push(ruleX.at(-1)! + 2 * padding + TABLE_RULE + width);

  const part = (start: number, end: number): TablePiece => {
    const rows = [...range(0, headerRows), ...range(start, end)];
    const position = new Map(rows.map((row, i) => [row, i]));
    // Each row's bottom rule, and the table's top rule in the first row, are part of its grid lines.
    const heights = rows.map((row, i) => rowLines[row]! * LINE_PITCH - TABLE_RULE * (i === 0 ? 2 : 1));
    const tops: number[] = [];
    let y = TABLE_RULE;
    for (const height of heights) {
      tops.push(y);
      y += height + TABLE_RULE;
    }
    const bottom = (i: number) => tops[i]! + heights[i]!;

    // The cells of this part, by the part rows they cover (header rows stand on their own).
    const cells: PartCell[] = [];
    for (const { cell } of texts) {
      const inHeader = cell.row < headerRows;
      const first = inHeader ? cell.row : Math.max(cell.row, start);
      const last = inHeader ? cell.row + cell.rowSpan - 1 : Math.min(cell.row + cell.rowSpan - 1, end - 1);
      if (first > last || !position.has(first)) continue;
      cells.push({ cell, first: position.get(first)!, last: position.get(first)! + last - first, col: cell.col, colSpan: cell.colSpan });
    }
    // Drawn row by row, each row's cells from left to right.
    cells.sort((a, b) => a.first - b.first || a.col - b.col);
    const grid = occupancy(cells, rows.length, definition.cols);

    const drawings: Drawing[] = [];
    const rule = (x1: number, y1: number, x2: number, y2: number) => drawings.push({ kind: 'rule', x1, y1, x2, y2, width: TABLE_RULE });
    const horizontalRule = (boundary: number) => {
      const ruleY = (boundary === 0 ? 0 : bottom(boundary - 1)) + TABLE_RULE / 2;
      for (const [from, to] of ruleSegments(grid, boundary)) rule(ruleX[from]!, ruleY, ruleX[to]!, ruleY);
    };
    for (let i = 0; i < rows.length; i++) {
      for (const partCell of cells) if (partCell.first === i) drawCellText(partCell);
      if (i === 0) horizontalRule(0);
      // The rules left of every cell of the row and at the right edge, each over the row's height and its two rules.
      const lefts = new Set(grid[i]!.map((occupant) => occupant.col));
      for (const col of [...lefts, definition.cols]) {
        const ruleXCentre = ruleX[col]! + TABLE_RULE / 2;
        rule(ruleXCentre, tops[i]! - TABLE_RULE, ruleXCentre, bottom(i) + TABLE_RULE);
      }
      horizontalRule(i + 1);
    }

    function drawCellText({ cell, first, last }: PartCell): void {
      const cellLines = lines.get(cell)!;
      const clipped = last - first + 1 < cell.rowSpan;
      const room = capacity(rows.slice(first, last + 1).reduce((sum, row) => sum + rowLines[row]!, 0), style);
      if (clipped && cellLines.length > room) return;
      // Centred vertically by hand: every height is known.
      const spanHeight = bottom(last) - tops[first]!;
      const top = Math.max(0, (spanHeight - cellLines.length * style.lineBox) / 2);
      const x = ruleX[cell.col]! + TABLE_RULE + padding;
      let lineY = tops[first]! + top;
      for (const line of cellLines) {
        if (line.runs.length > 0) drawings.push({ kind: 'text', line, x, y: lineY, width: spanWidth(cell), alignment: line.alignment });
        lineY += lineHeight(line);
      }
    }

    return { kind: 'table', height: bottom(rows.length - 1) + TABLE_RULE, drawings };
  };

  const rowsWithValues = new Set(grid.anchors.filter((cell) => cell.content.kind === 'value').map((cell) => cell.row));
  const sectionRows = new Set(
    grid.anchors.filter((cell) => cell.content.kind === 'label' && cell.content.role === 'section').map((cell) => cell.row),
  );
  const valueRowsBefore = (row: number) => [...rowsWithValues].filter((r) => r < row).length;
  const spanLines = (from: number, to: number) => rowLines.slice(from, to).reduce((a, b) => a + b, 0);
  const canBreakBefore = (row: number): boolean => {
    if (row <= headerRows || row >= definition.rows) return false;
    if (headerRows === 0 ? !sectionRows.has(row) || valueRowsBefore(row) < MIN_ROWS_BEFORE_BREAK : row - headerRows < MIN_ROWS_BEFORE_BREAK) return false;
    if (!rowsWithValues.has(row - 1)) return false;
    return grid.anchors.every((cell) => {
      if (cell.row >= row || cell.row + cell.rowSpan <= row) return true;
      const need = lines.get(cell)!.length;
      return capacity(spanLines(cell.row, row), style) >= need && capacity(spanLines(row, cell.row + cell.rowSpan), style) >= need;
    });
  };

  return {
    rowLines,
    headerRows,
    totalLines: rowLines.reduce((a, b) => a + b, 0),
    canBreakBefore,
    part,
    cellLines: lines,
  };
}

/** Where a cell lies in one table part: part rows `first`..`last`, columns `col`..`col + colSpan - 1`. */
interface Area {
  first: number;
  last: number;
  col: number;
  colSpan: number;
}

interface PartCell extends Area {
  cell: AnchorCell;
}

/** Which cell covers each (part row, column); a position no cell covers counts as an empty cell of its own. */
function occupancy(cells: readonly Area[], rows: number, cols: number): Area[][] {
  const grid = Array.from({ length: rows }, () => new Array<Area | undefined>(cols));
  for (const cell of cells) {
    for (let r = cell.first; r <= cell.last; r++) for (let c = cell.col; c < cell.col + cell.colSpan; c++) grid[r]![c] = cell;
  }
  return grid.map((row, r) => Array.from(row, (cell, c) => cell ?? { first: r, last: r, col: c, colSpan: 1 }));
}

/**
 * The pieces of the horizontal rule at a row boundary (0 = the table's top),
 * as column ranges [from, to): none where a cell spans the boundary; one per
 * cell above it, or per cell starting below it where the cell above is only
 * one column wide. These are the segments pdfmake drew, joint for joint.
 */
function ruleSegments(grid: readonly (readonly Area[])[], boundary: number): [number, number][] {
  const segments: [number, number][] = [];
  const cols = grid[0]?.length ?? 0;
  for (let c = 0; c < cols; ) {
    const above = boundary > 0 ? grid[boundary - 1]![c] : undefined;
    const below = boundary < grid.length ? grid[boundary]![c] : undefined;
    if (above && above === below) {
      c += 1;
      continue;
    }
    let span = 1;
    if (above && above.col === c && above.colSpan > 1) span = above.colSpan;
    else if (below && below.col === c && below.first === boundary) span = below.colSpan;
    segments.push([c, c + span]);
    c += span;
  }
  return segments;
}

function range(start: number, end: number): number[] {
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}

function cellText(block: TableBlock, cell: AnchorCell): { text: string; alignment: 'left' | 'center' } {
  const { content } = cell;
  if (content.kind === 'label') {
    const centred = content.role === 'header' || content.role === 'note';
    return { text: content.text, alignment: centred ? 'center' : 'left' };
  }
  const resolved = block.values.get(valueKey(content.key));
  if (!resolved) {
    const where = content.rowLabel ? `「${content.rowLabel}」行「${content.colLabel}」列` : `「${content.colLabel}」列`;
    throw new MissingTableValueError(
      `${block.grid.definition.id}: no value for ${valueKey(content.key)} (${where}); composition must resolve every value cell`,
    );
  }
  return { text: resolved.text, alignment: 'center' };
}
