/**
 * The totals a grid declares (value cells with `sumOf`: 表二's 总计 column and
 * （七）总计 row, 表三's group totals, the legacy table's sums) as computable
 * cells. A data file may leave them out; `completeTotals` fills them in from
 * their parts before anything else reads the table, so validation, compose,
 * the emitters, import and aggregate all see complete tables. A total that is
 * written is left as written (the balance checks compare it with its parts).
 *
 * Nothing here names a table: which cells are totals and what they sum is the
 * grid's `sumOf`, the same data the balance rules are derived from.
 */
import { readCellValue, type TableDefinition, type ValueContent } from './grid.js';

const idOf = (key: readonly string[]): string => key.join('\u0000');

/** The value cells of a table definition, in reading order (row by row, left to right). */
function valueCellsOf(definition: TableDefinition): ValueContent[] {
  return [...definition.cells]
    .sort((a, b) => a.row - b.row || a.col - b.col)
    .map((cell) => cell.content)
    .filter((content): content is ValueContent => content.kind === 'value');
}

/** The cells of a table that are totals of other cells (`sumOf`), in reading order. */
export function totalCells(definition: TableDefinition): ValueContent[] {
  return valueCellsOf(definition).filter((content) => content.sumOf !== undefined);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Adds numbers the way the table stores them: 万元 amounts without float noise (4 decimals, 1 元). */
function add(values: readonly number[], amounts: boolean): number {
  const sum = values.reduce((total, value) => total + value, 0);
  return amounts ? Number(sum.toFixed(4)) : sum;
}

/**
 * A copy of a table's data object with every total cell that is absent
 * computed from its parts. A total is computed once all its parts are numbers
 * (written or computed), so in 表二 each row's 总计 comes first, then the
 * （七）总计 row column by column, then that row's 总计 from its own cells.
 * A total whose parts are missing or not numbers stays absent (the schema
 * reports the parts). Keys keep the grid's order; keys the grid does not
 * know are kept after them. Data that is not an object is returned as it is.
 */
export function completeTotals<T>(data: T, definition: TableDefinition): T {
  if (!isRecord(data)) return data;
  const cells = valueCellsOf(definition);
  const byId = new Map(cells.map((cell) => [idOf(cell.key), cell]));
  const computed = new Map<string, number>();
  const valueOf = (key: readonly string[]): number | undefined => computed.get(idOf(key)) ?? readCellValue(data, key);
  let pending = cells.filter((cell) => cell.sumOf && valueAt(data, cell.key) === undefined);
  if (pending.length === 0) return data;
  for (let progress = true; progress && pending.length > 0; ) {
    progress = false;
    pending = pending.filter((cell) => {
      const parts = cell.sumOf!.map(valueOf);
      if (parts.some((part) => part === undefined)) return true;
      const amounts = [cell, ...cell.sumOf!.map((key) => byId.get(idOf(key)))].some((part) => part?.format === 'wan');
      computed.set(idOf(cell.key), add(parts as number[], amounts));
      progress = true;
      return false;
    });
  }
  if (computed.size === 0) return data;
  return ordered(data, cells, computed);
}

/** The value at `key`, whatever it is (undefined only when absent). */
function valueAt(data: unknown, key: readonly string[]): unknown {
  let node = data;
  for (const part of key) {
    if (!isRecord(node)) return undefined;
    node = node[part];
  }
  return node;
}

/** Rebuilds `data` in the grid's key order with the computed cells in their places. */
function ordered<T>(data: T & Record<string, unknown>, cells: readonly ValueContent[], computed: ReadonlyMap<string, number>): T {
  const result: Record<string, unknown> = {};
  const present = (key: readonly string[]) => computed.has(idOf(key)) || valueAt(data, key) !== undefined;
  for (const cell of cells) {
    if (!present(cell.key)) continue;
    let node = result;
    let source: unknown = data;
    cell.key.slice(0, -1).forEach((part) => {
      source = isRecord(source) ? source[part] : undefined;
      if (!isRecord(node[part])) node[part] = {};
      node = node[part] as Record<string, unknown>;
    });
    const last = cell.key.at(-1)!;
    node[last] = computed.get(idOf(cell.key)) ?? (source as Record<string, unknown>)[last];
  }
  mergeRest(result, data);
  return result as T;
}

/** Copies what `source` has and `target` lacks (keys the grid does not know), recursively. */
function mergeRest(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    if (!Object.hasOwn(target, key)) target[key] = value;
    else if (isRecord(target[key]) && isRecord(value)) mergeRest(target[key] as Record<string, unknown>, value);
  }
}

/**
 * A copy of a whole report's data with every table's missing totals computed
 * (`definitions`: its tables; tables sharing a data path are completed once).
 * For data read without its schema (a unit's data file in `aggregate`).
 */
export function completeReportTotals<T>(report: T, definitions: readonly TableDefinition[]): T {
  if (!isRecord(report)) return report;
  let result: Record<string, unknown> = report;
  const done = new Set<string>();
  for (const definition of definitions) {
    const id = idOf(definition.dataPath);
    if (done.has(id)) continue;
    done.add(id);
    const table = valueAt(result, definition.dataPath);
    const completed = completeTotals(table, definition);
    if (completed === table) continue;
    // Copy the path down to the table, so the caller's data is left as it was.
    result = { ...result };
    let node = result;
    definition.dataPath.slice(0, -1).forEach((part) => {
      node[part] = { ...(node[part] as Record<string, unknown>) };
      node = node[part] as Record<string, unknown>;
    });
    node[definition.dataPath.at(-1)!] = completed;
  }
  return result as T;
}

/**
 * The sum of the component cells under a cell: a total is replaced by its
 * parts, recursively, so the figure never depends on a typed total (表二's
 * （七）总计 × 总计 is the sum of every outcome × applicant cell). A cell that
 * is not a total is its own value; absent cells count 0.
 */
export function componentSum(data: unknown, definition: TableDefinition, key: readonly string[]): number {
  const byId = new Map(valueCellsOf(definition).map((cell) => [idOf(cell.key), cell]));
  const sum = (cellKey: readonly string[], depth: number): number => {
    const cell = byId.get(idOf(cellKey));
    if (!cell?.sumOf || depth > byId.size) return readCellValue(data, cellKey) ?? 0;
    return add(
      cell.sumOf.map((part) => sum(part, depth + 1)),
      cell.format === 'wan',
    );
  };
  return sum(key, 0);
}
