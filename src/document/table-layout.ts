/**
 * A table block laid out for markup (HTML, a workbench's screen): rows of
 * anchor cells with their spans, text as printed, and which cells are headers
 * of which. Everything comes from the grid (labels, merges) and the resolved
 * values, so the page shows the same cells, in the same places, with the same
 * text as the DOCX and the PDF.
 *
 * Header association (for screen readers, WCAG 1.3.1):
 * - A label is a header cell when it heads something: the column headers of
 *   the header rows, a row of the body made of header labels only (表一's
 *   “信息内容 | 本年制发件数 …” rows), a section row (第二十条第（一）项),
 *   a row label or a merged group label with text. An empty label, the note in
 *   表二's corner and a header-styled label standing among a row's data (a
 *   unit in the legacy statistics table) are plain cells.
 * - Each value cell lists its headers: the column headers above it (up to the
 *   section row that opens its block) and the row headers to its left.
 */
import { valueKey, type TableBlock } from './model.js';
import type { AnchorCell } from '../tables/grid.js';

export type HeaderScope = 'col' | 'colgroup' | 'row' | 'rowgroup';

export interface LaidOutCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** The text as printed (a value's printed form, e.g. “12.35” or “增3”). */
  text: string;
  /** Whether the cell is a header cell (`<th>`). */
  header: boolean;
  /** For header cells: what they head. */
  scope?: HeaderScope;
  /** The number, for value cells. */
  value?: number;
  /** The value's key in the table data (`valueKey`), for value cells. */
  key?: string;
  /** Left for row labels and group labels, centred otherwise (as in the PDF). */
  align: 'left' | 'center';
  /** Whether the cell stands in the table's repeated header rows. */
  inHeaderRows: boolean;
  /** Positions (`row,col` of their anchors) of the header cells that describe this cell; value cells only. */
  headers: { row: number; col: number }[];
}

export interface LaidOutTable {
  id: string;
  caption: string;
  /** Leading rows that form the header (repeated on every printed page). */
  headerRows: number;
  /** Relative column widths. */
  colWidths: readonly number[];
  /** One entry per grid row: the anchor cells that start in it, left to right. */
  rows: LaidOutCell[][];
}

export class MissingTableValueError extends Error {}

/** Lays out a table block: see the module comment. */
export function layOutTable(block: TableBlock): LaidOutTable {
  const { grid } = block;
  const { definition } = grid;
  const anchorsByRow: AnchorCell[][] = Array.from({ length: definition.rows }, () => []);
  for (const anchor of grid.anchors) anchorsByRow[anchor.row]!.push(anchor);

  const isHeaderLabelRow = (row: number): boolean =>
    anchorsByRow[row]!.length > 0 &&
    anchorsByRow[row]!.every((cell) => cell.content.kind === 'label' && (cell.content.role === 'header' || cell.content.role === 'section'));

  const cells = new Map<AnchorCell, LaidOutCell>();
  for (const anchor of grid.anchors) {
    const { content } = anchor;
    const inHeaderRows = anchor.row < definition.headerRows;
    const base = { row: anchor.row, col: anchor.col, rowSpan: anchor.rowSpan, colSpan: anchor.colSpan, inHeaderRows, headers: [] };
    if (content.kind === 'value') {
      const resolved = block.values.get(valueKey(content.key));
      if (!resolved) {
        throw new MissingTableValueError(
          `${definition.id}: no value for ${valueKey(content.key)} (「${content.rowLabel}」行「${content.colLabel}」列); composition must resolve every value cell`,
        );
      }
      cells.set(anchor, { ...base, text: resolved.text, value: resolved.value, key: valueKey(content.key), header: false, align: 'center' });
      continue;
    }
    const text = content.text;
    const hasText = text.trim() !== '';
    let scope: HeaderScope | undefined;
    if (hasText) {
      switch (content.role) {
        case 'header':
          if (inHeaderRows || isHeaderLabelRow(anchor.row)) scope = anchor.colSpan > 1 ? 'colgroup' : 'col';
          break;
        case 'section':
          scope = 'colgroup';
          break;
        case 'rowLabel':
          scope = 'row';
          break;
        case 'group':
          scope = anchor.rowSpan > 1 ? 'rowgroup' : 'row';
          break;
        case 'note':
          break;
      }
    }
    const align = content.role === 'rowLabel' || content.role === 'group' ? 'left' : 'center';
    cells.set(anchor, { ...base, text, header: scope !== undefined, ...(scope ? { scope } : {}), align });
  }

  const cellAt = (row: number, col: number): LaidOutCell => cells.get(grid.at(row, col).cell)!;
  for (const anchor of grid.valueCells) {
    const cell = cells.get(anchor)!;
    const columnHeaders: LaidOutCell[] = [];
    const rowHeaders: LaidOutCell[] = [];
    const add = (list: LaidOutCell[], header: LaidOutCell) => {
      if (!list.includes(header)) list.push(header);
    };
    // Column headers: up from the cell, over the data rows of its block, through its run of header cells, up to and including a section row.
    for (let col = anchor.col; col < anchor.col + anchor.colSpan; col++) {
      let collecting = false;
      for (let row = anchor.row - 1; row >= 0; row--) {
        const above = cellAt(row, col);
        const label = grid.at(row, col).cell.content;
        if (label.kind === 'label' && label.role === 'section') {
          if (above.header) add(columnHeaders, above);
          break;
        }
        if (above.header && (above.scope === 'col' || above.scope === 'colgroup')) {
          add(columnHeaders, above);
          collecting = true;
        } else if (collecting) {
          break;
        }
      }
    }
    // Row headers: to the left of the cell in its first row.
    for (let col = anchor.col - 1; col >= 0; col--) {
      const left = cellAt(anchor.row, col);
      if (left.header && (left.scope === 'row' || left.scope === 'rowgroup')) add(rowHeaders, left);
    }
    // Read outermost first: the column headers from the top, then the row headers from the left.
    const found = [...columnHeaders.reverse(), ...rowHeaders.reverse()];
    cell.headers = found.map((header) => ({ row: header.row, col: header.col }));
  }

  return {
    id: definition.id,
    caption: definition.caption,
    headerRows: definition.headerRows,
    colWidths: definition.colWidths,
    rows: anchorsByRow.map((row) => row.map((anchor) => cells.get(anchor)!)),
  };
}
