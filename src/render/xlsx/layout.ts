/**
 * Sizes for spreadsheet cells. Excel measures column widths in “characters”
 * (the width of a digit of the default font: 7 px for Calibri 11 pt) and row
 * heights in points; neither program grows a row to fit wrapped text in a
 * merged cell, so we compute heights from the text ourselves, generously.
 */
import { isWide } from '../../document/text-width.js';
import type { TableGrid } from '../../tables/grid.js';
import { tableSetting } from '../../tables/widths.js';

/** Pixels per Excel width unit: the digit width of the workbook’s default font (exceljs: Calibri 11 pt, 7 px at 96 dpi). */
const UNIT_PX = 7;
/** Room taken by the cell's own padding, in width units. */
const CELL_PADDING = 0.9;


/** Width of `text` in Excel width units at `sizePt`. */
export function textWidth(text: string, sizePt: number): number {
  const em = (sizePt * 96) / 72 / UNIT_PX;
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0)!) ? em : em * 0.55;
  return width;
}

/** Lines `text` wraps to in a cell `width` units wide. */
export function lineCount(text: string, sizePt: number, width: number): number {
  const available = Math.max(1, width - CELL_PADDING);
  return text
    .split('\n')
    .reduce((lines, paragraph) => lines + Math.max(1, Math.ceil((textWidth(paragraph, sizePt) * 1.04) / available)), 0);
}

/** Height in points of `lines` lines at `sizePt` (CJK fonts need ~1.4 em per line), plus padding. */
export function linesHeight(lines: number, sizePt: number): number {
  return Math.ceil(lines * sizePt * 1.42 + 6);
}

/**
 * Column widths for a grid: the relative widths (by default the table
 * setting's, as in the DOCX and the PDF) scaled to `total` units, or to more
 * when a column would be narrower than its longest number needs: the columns
 * keep the setting's proportions, and the sheet prints fitted to the page.
 */
export function gridColumnWidths(
  grid: TableGrid,
  total: number,
  minimums: readonly number[] = [],
  relative: readonly number[] = tableSetting(grid).columns,
): number[] {
  const sum = relative.reduce((a, b) => a + b, 0);
  const scale = Math.max(total / sum, ...relative.map((w, i) => (w > 0 ? (minimums[i] ?? 0) / w : 0)));
  return relative.map((w, i) => Math.max(w * scale, minimums[i] ?? 0));
}

/**
 * Row heights (points) so that every cell's text shows in full: single-row
 * cells set their row's height; a cell spanning rows spreads what it lacks
 * over the rows it covers.
 */
export function gridRowHeights(grid: TableGrid, widths: readonly number[], sizePt: number, text: (row: number, col: number) => string): number[] {
  const { rows } = grid.definition;
  const heights = new Array<number>(rows).fill(linesHeight(1, sizePt));
  const spanWidth = (col: number, span: number) => widths.slice(col, col + span).reduce((a, b) => a + b, 0);
  const multi: { row: number; span: number; need: number }[] = [];
  for (const anchor of grid.anchors) {
    const content = text(anchor.row, anchor.col);
    if (!content) continue;
    const need = linesHeight(lineCount(content, sizePt, spanWidth(anchor.col, anchor.colSpan)), sizePt);
    if (anchor.rowSpan === 1) heights[anchor.row] = Math.max(heights[anchor.row]!, need);
    else multi.push({ row: anchor.row, span: anchor.rowSpan, need });
  }
  for (const { row, span, need } of multi) {
    const have = heights.slice(row, row + span).reduce((a, b) => a + b, 0);
    if (have >= need) continue;
    const extra = Math.ceil((need - have) / span);
    for (let r = row; r < row + span; r++) heights[r]! += extra;
  }
  return heights;
}
