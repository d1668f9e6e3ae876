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
 * Column widths and the lines of the labels are the table setting's
 * (`tables/widths.ts`), the same as the PDF's; a label's lines are separated by
 * line breaks, so Word and LibreOffice wrap it where the PDF does.
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
import type { AnchorCell, TableGrid } from '../../tables/grid.js';
import { tableSetting } from '../../tables/widths.js';
import { CELL_PADDING, TABLE_RULE, TEXT_WIDTH } from './layout.js';
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

export function renderTable(block: TableBlock): Table {
  const { grid } = block;
  const { definition } = grid;
  const setting = tableSetting(grid, (cell) => block.values.get(valueKey(cell.content.key))?.text);
  const columnWidths = scaleColumnWidths(setting.columns);
  const halfPoints = Math.round(definition.fontSizePt * 2);

  const spanWidth = (cell: AnchorCell): number =>
    columnWidths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0);

  // Rows at least 1.5 lines of table text high (📐: the bare single-spaced
  // text looked cramped); longer labels grow the row as they need.
  const minRowHeight = Math.round(definition.fontSizePt * 30);

  // Keeping rows together (Word keeps a row with the next when its cells'
  // paragraphs have keepNext): a table without header rows to repeat (T1)
  // stays on one page, as a continuation would start without its headings;
  // in other tables a row of labels only (the header rows) stays with the
  // row below it, so no page ends on a heading row.
  const keepWhole = definition.headerRows === 0;
  const keepWithNext = (r: number, hasValue: boolean) => r < definition.rows - 1 && (keepWhole || !hasValue);

  const rows: TableRow[] = [];
  for (let r = 0; r < definition.rows; r++) {
    // Specs are written out in full, not spread from a common part: spreading
    // was the slowest line of a render once the cells were reused.
    const specs: CellSpec[] = [];
    let hasValue = false;
    for (let c = 0; c < definition.cols; c++) {
      const position = grid.at(r, c);
      const cell = position.cell;
      if (c !== cell.col) continue; // covered by the gridSpan of a cell to its left
      const width = spanWidth(cell);
      if (position.kind === 'continuation') {
        // Below the anchor of a vertical merge.
        specs.push({ width, colSpan: cell.colSpan, merge: 'continue', text: '', alignment: AlignmentType.LEFT, halfPoints, keepNext: false });
        continue;
      }
      if (cell.content.kind === 'value') hasValue = true;
      const { text, alignment } = cellText(block, grid, cell);
      const lines = setting.labelLines(cell);
      const merge = cell.rowSpan > 1 ? 'restart' : 'none';
      specs.push({ width, colSpan: cell.colSpan, merge, text: lines ? lines.join('\n') : text, alignment, halfPoints, keepNext: false });
    }
    const keepNext = keepWithNext(r, hasValue);
    for (const spec of specs) spec.keepNext = keepNext;
    rows.push(tableRow(specs, minRowHeight, r < definition.headerRows));
  }

  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    margins: { left: CELL_PADDING, right: CELL_PADDING, top: 0, bottom: 0, marginUnitType: WidthType.DXA },
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
