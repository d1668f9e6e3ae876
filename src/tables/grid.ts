/**
 * A mandated statistics table, defined once as its physical grid.
 *
 * Modelled on Pandoc's grid tables: the definition lists anchor cells with
 * their row/column spans; `buildGrid` turns them into a full position map in
 * which every (row, col) is either the anchor of a cell or a continuation that
 * points back to it. Emitters (DOCX, PDF, XLSX) ask "what is at (row, col)?"
 * and never recompute spans, so a label or a merge lives in exactly one place.
 */

/** How a numeric cell is stored and shown. */
export type ValueFormat =
  /** Non-negative whole count, shown as `12`. */
  | 'count'
  /** Amount in 万元, shown with a fixed number of decimals (default 2). */
  | 'wan'
  /** Signed change, shown as `增3` / `减2` / `0` (the 2019 format's 本年增/减). */
  | 'signed';

export type LabelRole =
  /** Column header text (repeated on every page). */
  | 'header'
  /** A section row spanning the whole table, e.g. 第二十条第（一）项. */
  | 'section'
  /** A row label (left column). */
  | 'rowLabel'
  /** A merged group label such as （三）不予公开. */
  | 'group'
  /** The explanatory note in the top-left corner of T2. */
  | 'note';

export interface LabelContent {
  kind: 'label';
  text: string;
  role: LabelRole;
}

export interface ValueContent {
  kind: 'value';
  /** Path of the value inside the table's data object, e.g. ['new', 'np'] or ['reg_issued']. */
  key: readonly string[];
  format: ValueFormat;
  /** The row and column as printed, used in diagnostics: 「（七）总计」行「自然人」列. */
  rowLabel: string;
  colLabel: string;
  /**
   * Stable ids of the printed row and column (never printed), for diagnostics
   * and anything that addresses a cell by its place: 'total' / 'np' in 表二,
   * 'reg' / 'issued' in 表一, 'rv' / 'keep' in 表三.
   */
  rowId: string;
  colId: string;
  /**
   * When this cell is a total of other cells of the same table (the 总计 column,
   * （七）总计 row, T3 group totals): the keys it sums. Emitters that can hold
   * formulas (XLSX) write a live formula; others print the stored value.
   */
  sumOf?: readonly (readonly string[])[];
  /** How messages name the summed cells (“（一）至（六）项”); default: their labels. */
  sumName?: string;
}

export type CellContent = LabelContent | ValueContent;

/** Row and column ids of a one-key cell named `<row>_<column>` (reg_issued → reg / issued). */
export function cellIdsOf(key: string): { rowId: string; colId: string } {
  const cut = key.indexOf('_');
  return cut < 0 ? { rowId: key, colId: key } : { rowId: key.slice(0, cut), colId: key.slice(cut + 1) };
}

/** A cell as written in a table definition: its top-left position and spans. */
export interface CellDefinition {
  row: number;
  col: number;
  rowSpan?: number;
  colSpan?: number;
  content: CellContent;
}

export interface TableDefinition {
  /** Stable identifier used by code (never printed): 't1', 't2', 't3'. */
  id: string;
  /** Where the table's values live in the report data, e.g. ['tables', 'requests']. */
  dataPath: readonly string[];
  /** The level-1 heading the table belongs to, as printed; names the table in messages. */
  caption: string;
  /** Sheet name for spreadsheet output (spec §6.8). */
  sheetName: string;
  rows: number;
  cols: number;
  /** Leading rows that repeat after a page break. */
  headerRows: number;
  /** Relative column widths (any unit; emitters scale them to the text width). */
  colWidths: readonly number[];
  /** Preferred font size in points for printed output (spec §6.4: 五号 10.5, 小四 12). */
  fontSizePt: number;
  /** Print in landscape when the table stands on its own page, e.g. its spreadsheet sheet (spec §6.7, §6.8). */
  landscape?: boolean;
  cells: readonly CellDefinition[];
}

export interface AnchorCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  content: CellContent;
}

/** What stands at one grid position. */
export type GridPosition =
  | { kind: 'anchor'; cell: AnchorCell }
  | { kind: 'continuation'; cell: AnchorCell };

export interface TableGrid {
  definition: TableDefinition;
  /** Anchor cells in reading order (row by row, left to right). */
  anchors: readonly AnchorCell[];
  /** Value cells only, in reading order. */
  valueCells: readonly (AnchorCell & { content: ValueContent })[];
  at(row: number, col: number): GridPosition;
}

export class GridDefinitionError extends Error {}

/**
 * Expands a definition into a full grid and checks that the cells tile the
 * table exactly: no overlaps, no holes. A broken definition is a programming
 * error, so it throws.
 */
export function buildGrid(definition: TableDefinition): TableGrid {
  const { rows, cols, id } = definition;
  if (definition.colWidths.length !== cols) {
    throw new GridDefinitionError(`${id}: ${definition.colWidths.length} widths for ${cols} columns`);
  }
  const positions: (GridPosition | undefined)[][] = Array.from({ length: rows }, () =>
    new Array<GridPosition | undefined>(cols).fill(undefined),
  );
  const anchors: AnchorCell[] = [];
  for (const def of definition.cells) {
    const cell: AnchorCell = {
      row: def.row,
      col: def.col,
      rowSpan: def.rowSpan ?? 1,
      colSpan: def.colSpan ?? 1,
      content: def.content,
    };
    if (cell.row + cell.rowSpan > rows || cell.col + cell.colSpan > cols || cell.row < 0 || cell.col < 0) {
      throw new GridDefinitionError(`${id}: cell at (${cell.row},${cell.col}) runs outside the table`);
    }
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
      for (let c = cell.col; c < cell.col + cell.colSpan; c++) {
        const rowPositions = positions[r]!;
        if (rowPositions[c]) {
          throw new GridDefinitionError(`${id}: cells overlap at (${r},${c})`);
        }
        rowPositions[c] = r === cell.row && c === cell.col ? { kind: 'anchor', cell } : { kind: 'continuation', cell };
      }
    }
    anchors.push(cell);
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!positions[r]![c]) throw new GridDefinitionError(`${id}: no cell covers (${r},${c})`);
    }
  }
  anchors.sort((a, b) => a.row - b.row || a.col - b.col);
  const valueCells = anchors.filter(
    (a): a is AnchorCell & { content: ValueContent } => a.content.kind === 'value',
  );
  return {
    definition,
    anchors,
    valueCells,
    at(row, col) {
      const position = positions[row]?.[col];
      if (!position) throw new RangeError(`${id}: (${row},${col}) is outside the table`);
      return position;
    },
  };
}

/** Reads a value cell's number out of the table's data object. */
export function readCellValue(tableData: unknown, key: readonly string[]): number | undefined {
  let node: unknown = tableData;
  for (const part of key) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'number' ? node : undefined;
}

/** Spreadsheet-style address of a 0-based position: (0,0) → A1. */
export function cellAddress(row: number, col: number): string {
  let name = '';
  let n = col + 1;
  while (n > 0) {
    const rem = (n - 1) % 26;
    name = String.fromCharCode(65 + rem) + name;
    n = Math.floor((n - 1) / 26);
  }
  return `${name}${row + 1}`;
}
