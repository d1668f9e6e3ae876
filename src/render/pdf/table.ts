/**
 * Statistics tables (spec §3.3–3.5, §6.7). The physical grid comes from
 * `TableGrid`: every (row, column) is asked what stands there; anchors become
 * cells with colSpan/rowSpan, continuations the empty placeholders pdfmake
 * expects, so spans are never recomputed.
 *
 * - The table is exactly as wide as the text block.
 * - Text lines are half a grid line (less the rules) apart and every row is a
 *   whole number of grid lines tall, so the text after a table, and each part
 *   of a table split over pages, stays on the page grid.
 * - The paginator splits a table only between rows and only when it is taller
 *   than a page; each part repeats the header rows, and a merged cell cut by
 *   the split is closed in each part and repeats its label where it fits.
 * - When a column is too narrow for its widest unbreakable piece (a number),
 *   the table's type gets smaller, down to 小五 (9 pt).
 */
import { valueKey, type TableBlock } from '../../document/model.js';
import type { AnchorCell } from '../../tables/grid.js';
import { lineNode, type Node } from './content.js';
import { CELL_PADDING, LINE_PITCH, TABLE_RULE, TEXT_WIDTH } from './layout.js';
import { STYLE, type TextStyle } from './styles.js';
import { setText, type SetLine, type TypesetContext } from './typeset.js';

export class MissingTableValueError extends Error {}

/** Smallest type a table is shrunk to when a column is too narrow: 小五. */
const MIN_TABLE_SIZE = 9;

export interface PreparedTable {
  /** Grid lines of each row. */
  rowLines: readonly number[];
  headerRows: number;
  /** Grid lines of the whole table. */
  totalLines: number;
  /** The table node for the header rows plus rows [start, end). */
  part(start: number, end: number): Node;
}

/** Content widths of the columns: the text block minus paddings and rules, shared out by relative width. */
export function columnContentWidths(relative: readonly number[]): number[] {
  const sum = relative.reduce((a, b) => a + b, 0);
  const free = TEXT_WIDTH - relative.length * 2 * CELL_PADDING - (relative.length + 1) * TABLE_RULE;
  return relative.map((w) => (w / sum) * free);
}

function tableStyle(size: number): TextStyle {
  // Two lines per grid line, less the rules: 13.99 pt, single spacing for 10.5 pt type.
  return { role: 'table', size, lineBox: (LINE_PITCH - 2 * TABLE_RULE) / 2, grid: false };
}

/** Text lines that fit in a run of rows `gridLines` tall (less the rules, the table's top rule included). */
function capacity(gridLines: number, style: TextStyle): number {
  return Math.floor((gridLines * LINE_PITCH - 2 * TABLE_RULE + 1e-6) / style.lineBox);
}

export function prepareTable(block: TableBlock, context: TypesetContext, where: string): PreparedTable {
  const { grid } = block;
  const { definition } = grid;
  const widths = columnContentWidths(definition.colWidths);
  const spanWidth = (cell: AnchorCell) =>
    widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0) + (cell.colSpan - 1) * (2 * CELL_PADDING + TABLE_RULE);
  const texts = grid.anchors.map((cell) => ({ cell, ...cellText(block, cell) }));
  const face = context.fonts.roles.table.face;

  // Type size: the definition's, smaller when an unbreakable Latin piece does not fit its cell.
  let size = definition.fontSizePt;
  const fits = (style: TextStyle) =>
    texts.every(({ cell, text }) =>
      text
        .split(/[^\x21-\x7e]+/)
        .every((piece) => piece === '' || context.views.width(piece, face, style) <= spanWidth(cell) + 1e-6),
    );
  while (size > MIN_TABLE_SIZE && !fits(tableStyle(size))) size -= 0.5;
  const style = tableStyle(size);

  const lines = new Map<AnchorCell, SetLine[]>();
  for (const { cell, text, alignment } of texts) {
    lines.set(cell, setText(context, text, style, where, { width: spanWidth(cell), alignment }));
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
  const emptyFont = context.views.key(context.fonts.roles.table.face, STYLE.body);
  const headerRows = definition.headerRows;

  const part = (start: number, end: number): Node => {
    const rows = [...range(0, headerRows), ...range(start, end)];
    const heightOf = (row: number) => rowLines[row]! * LINE_PITCH - TABLE_RULE * (row === rows[0] ? 2 : 1);
    /** Height inside a cell spanning rows first..last: the rows and the rules between them. */
    const rowHeights = (first: number, last: number) => {
      let height = 0;
      for (let row = first; row <= last; row++) height += heightOf(row);
      return height + (last - first) * TABLE_RULE;
    };
    const position = new Map(rows.map((row, i) => [row, i]));
    const body: Node[][] = rows.map(() => new Array<Node>(definition.cols));
    for (const { cell, alignment } of texts) {
      // The part of the cell that lies in this table part (header rows stand on their own).
      const inHeader = cell.row < headerRows;
      const first = inHeader ? cell.row : Math.max(cell.row, start);
      const last = inHeader ? cell.row + cell.rowSpan - 1 : Math.min(cell.row + cell.rowSpan - 1, end - 1);
      if (first > last || !position.has(first)) continue;
      const span = last - first + 1;
      const cellLines = lines.get(cell)!;
      const clipped = span < cell.rowSpan;
      const room = capacity(rowLines.slice(first, last + 1).reduce((a, b) => a + b, 0), style);
      const printed = !clipped || cellLines.length <= room;
      // Centred vertically by hand: every height is known, and pdfmake's own
      // centring misplaces text in cells that span rows.
      const spanHeight = rowHeights(first, last);
      const textHeight = (printed ? cellLines.length : 0) * style.lineBox;
      const top = Math.max(0, (spanHeight - textHeight) / 2);
      body[position.get(first)!]![cell.col] = {
        stack: printed ? cellLines.map((line, i) => lineNode(line, emptyFont, [0, i === 0 ? top : 0, 0, 0])) : [],
        alignment,
        ...(cell.colSpan > 1 ? { colSpan: cell.colSpan } : {}),
        ...(span > 1 ? { rowSpan: span } : {}),
      };
    }
    for (const row of body) for (let c = 0; c < definition.cols; c++) row[c] ??= {};
    return {
      table: {
        headerRows: 0,
        dontBreakRows: false,
        widths,
        // Each row's bottom rule, and the table's top rule in the first row, are part of its grid lines.
        heights: rows.map(heightOf),
        body,
      },
      layout: {
        hLineWidth: () => TABLE_RULE,
        vLineWidth: () => TABLE_RULE,
        hLineColor: () => 'black',
        vLineColor: () => 'black',
        paddingLeft: () => CELL_PADDING,
        paddingRight: () => CELL_PADDING,
        paddingTop: () => 0,
        paddingBottom: () => 0,
      },
    };
  };

  return {
    rowLines,
    headerRows,
    totalLines: rowLines.reduce((a, b) => a + b, 0),
    part,
  };
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
