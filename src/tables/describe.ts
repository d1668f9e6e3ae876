/**
 * Names table cells the way they are printed, for diagnostics:
 *   「三、收到和处理政府信息公开申请情况」表「（七）总计」行「自然人」列
 * T3 has no row labels, so its cells are named by column only:
 *   「四、政府信息公开行政复议、行政诉讼情况」表「行政复议 › 总计」列
 *
 * Everything is derived from the table definitions (the single place where
 * labels live); the per-definition lookups are built once and cached in a
 * WeakMap keyed by the definition object.
 */
import type { TableDefinition, ValueContent } from './grid.js';

/** A value cell found from a data path such as ['tables', 'requests', 'total', 'np']. */
export interface CellLocation {
  definition: TableDefinition;
  /** The key of the cell inside the table's data object, e.g. ['total', 'np']. */
  key: readonly string[];
  cell: ValueContent;
}

interface DefinitionIndex {
  /** Value cells by their key joined with '\u0000'. */
  cells: Map<string, ValueContent>;
  /** First cell of each row (by the first key segment) of tables whose keys have two segments (T2). */
  rows: Map<string, ValueContent>;
}

const indexCache = new WeakMap<TableDefinition, DefinitionIndex>();

const joinKey = (key: readonly (string | number)[]): string => key.map(String).join('\u0000');

function indexOf(definition: TableDefinition): DefinitionIndex {
  let index = indexCache.get(definition);
  if (!index) {
    index = { cells: new Map(), rows: new Map() };
    for (const cell of definition.cells) {
      if (cell.content.kind !== 'value') continue;
      const content = cell.content;
      index.cells.set(joinKey(content.key), content);
      if (content.key.length > 1 && !index.rows.has(content.key[0]!)) index.rows.set(content.key[0]!, content);
    }
    indexCache.set(definition, index);
  }
  return index;
}

/** The value cell of a definition at `key`, if there is one. */
export function valueCellOf(definition: TableDefinition, key: readonly (string | number)[]): ValueContent | undefined {
  return indexOf(definition).cells.get(joinKey(key));
}

/** 「三、收到和处理政府信息公开申请情况」表 */
export function describeTable(definition: TableDefinition): string {
  return `「${definition.caption}」表`;
}

/**
 * The cell named as printed. An unknown key (a programming error) still gets a
 * readable name rather than an exception, because this runs while reporting
 * other errors.
 */
export function describeCell(definition: TableDefinition, key: readonly (string | number)[]): string {
  const cell = valueCellOf(definition, key);
  if (!cell) return `${describeTable(definition)}「${key.join('.')}」格`;
  const row = cell.rowLabel ? `「${cell.rowLabel}」行` : '';
  return `${describeTable(definition)}${row}「${cell.colLabel}」列`;
}

/** 「…」表「自然人」列 — the column of a cell, without its row (for per-column rules). */
export function describeColumn(definition: TableDefinition, key: readonly (string | number)[]): string {
  const cell = valueCellOf(definition, key);
  return `${describeTable(definition)}「${cell ? cell.colLabel : key.join('.')}」列`;
}

/** Printed row label of a cell (empty for T3), or undefined when the key is unknown. */
export function rowLabelOf(definition: TableDefinition, key: readonly (string | number)[]): string | undefined {
  return valueCellOf(definition, key)?.rowLabel;
}

/** Printed column label of a cell, or undefined when the key is unknown. */
export function colLabelOf(definition: TableDefinition, key: readonly (string | number)[]): string | undefined {
  return valueCellOf(definition, key)?.colLabel;
}

/** Which table a data path falls in, and the rest of the path inside the table's data object. */
export function findTableByPath(
  definitions: readonly TableDefinition[],
  path: readonly (string | number)[],
): { definition: TableDefinition; rest: readonly (string | number)[] } | undefined {
  for (const definition of definitions) {
    const prefix = definition.dataPath;
    if (path.length < prefix.length) continue;
    if (prefix.every((part, i) => String(path[i]) === part)) {
      return { definition, rest: path.slice(prefix.length) };
    }
  }
  return undefined;
}

/** The value cell at a full data path, e.g. ['tables', 'requests', 'total', 'np']. */
export function findCellByPath(
  definitions: readonly TableDefinition[],
  path: readonly (string | number)[],
): CellLocation | undefined {
  const table = findTableByPath(definitions, path);
  if (!table || table.rest.length === 0) return undefined;
  const cell = valueCellOf(table.definition, table.rest);
  if (!cell) return undefined;
  return { definition: table.definition, key: cell.key, cell };
}

/**
 * A whole row of a multi-column table (T2) at a data path such as
 * ['tables', 'requests', 'new'], named 「…」表「一、本年新收政府信息公开申请数量」行.
 */
export function findRowByPath(
  definitions: readonly TableDefinition[],
  path: readonly (string | number)[],
): { definition: TableDefinition; rowKey: string; name: string } | undefined {
  const table = findTableByPath(definitions, path);
  if (!table || table.rest.length !== 1) return undefined;
  const rowKey = String(table.rest[0]);
  const first = indexOf(table.definition).rows.get(rowKey);
  if (!first || !first.rowLabel) return undefined;
  return { definition: table.definition, rowKey, name: `${describeTable(table.definition)}「${first.rowLabel}」行` };
}
