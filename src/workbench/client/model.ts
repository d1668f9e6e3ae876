/**
 * The report being edited, as plain data in the browser: reading and writing
 * values by data path, the 总计 cells computed when left empty, and the
 * validation the CLI runs (the same modules, bundled), with every diagnostic
 * keyed by the table cell or narrative part it concerns.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { builtInFormats } from '../../formats/index.js';
import type { AnyFormat } from '../../formats/registry.js';
import { loadFromData } from '../../io/load.js';
import type { TableGrid, ValueContent } from '../../tables/grid.js';
import { placeOfPath } from '../../validate/place.js';
import { validateLoaded } from '../../validate/index.js';

export type Data = Record<string, unknown>;
export type Path = readonly (string | number)[];

export function getIn(data: unknown, path: Path): unknown {
  let node = data;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part as string];
  }
  return node;
}

/** A copy of `data` with `value` at `path` (undefined removes the key); containers are created as needed. */
export function setIn(data: Data, path: Path, value: unknown): Data {
  const [head, ...rest] = path;
  if (head === undefined) return value as Data;
  const copy: Record<string | number, unknown> = Array.isArray(data) ? [...(data as unknown[])] as unknown as Data : { ...data };
  if (rest.length === 0) {
    if (value === undefined && !Array.isArray(copy)) delete copy[head];
    else copy[head] = value;
    return copy as Data;
  }
  const child = copy[head];
  copy[head] = setIn(child !== null && typeof child === 'object' ? (child as Data) : typeof rest[0] === 'number' ? ([] as unknown as Data) : {}, rest, value);
  return copy as Data;
}

export function formatOf(data: unknown): AnyFormat | undefined {
  return builtInFormats.select(data).format;
}

export const cellId = (grid: TableGrid, content: ValueContent) => `${grid.definition.id}:${content.rowId}:${content.colId}`;
export const cellPath = (grid: TableGrid, content: ValueContent): Path => [...grid.definition.dataPath, ...content.key];

/** A grid's value cells by data key (`total.np`), made once per grid: computedValue runs for every 总计 cell on every keystroke. */
const cellsByKey = new WeakMap<TableGrid, Map<string, ValueContent>>();
function valueCellsByKey(grid: TableGrid): Map<string, ValueContent> {
  let index = cellsByKey.get(grid);
  if (!index) {
    index = new Map(grid.valueCells.map((cell) => [cell.content.key.join('.'), cell.content]));
    cellsByKey.set(grid, index);
  }
  return index;
}

/** The sum a 总计 cell would hold, from the cells it sums (themselves computed when empty). */
export function computedValue(data: unknown, grid: TableGrid, content: ValueContent, depth = 0): number | undefined {
  if (!content.sumOf || depth > 8) return undefined;
  const index = valueCellsByKey(grid);
  let sum = 0;
  for (const key of content.sumOf) {
    const part = index.get(key.join('.'));
    let value = getIn(data, [...grid.definition.dataPath, ...key]);
    if (typeof value !== 'number' && part) value = computedValue(data, grid, part, depth + 1);
    if (typeof value !== 'number') return undefined;
    sum += value;
  }
  return Math.round(sum * 1e6) / 1e6;
}

/** Completed data by the data it completes: the data is never changed in place (setIn copies), and each edit asks for it several times. */
const completions = new WeakMap<Data, Data>();

/** The data with every empty 总计 cell filled with its computed sum: what is validated, rendered and saved. */
export function completed(data: Data): Data {
  let result = completions.get(data);
  if (!result) {
    result = complete(data);
    completions.set(data, result);
  }
  return result;
}

function complete(data: Data): Data {
  const format = formatOf(data);
  if (!format) return data;
  let result = data;
  for (const grid of format.tables) {
    for (const cell of grid.valueCells) {
      const path = cellPath(grid, cell.content);
      if (cell.content.sumOf && typeof getIn(result, path) !== 'number') {
        const value = computedValue(result, grid, cell.content);
        if (value !== undefined) result = setIn(result, path, value);
      }
    }
  }
  return result;
}

/** Empties the 总计 cells, so that they are computed as the clerk types (a new report). */
export function withComputedTotals(data: Data): Data {
  const format = formatOf(data);
  if (!format) return data;
  let result = data;
  for (const grid of format.tables) for (const cell of grid.valueCells) if (cell.content.sumOf) result = setIn(result, cellPath(grid, cell.content), undefined);
  return result;
}

/**
 * The key of a narrative block's diagnostics (a text-versus-table warning on
 * one paragraph): its path below `narrative`, a run-in paragraph's `text`
 * counted as its sub-heading's block. `['requests', 0]` → `para:requests:0`.
 */
export const paragraphKey = (path: Path): string => `para:${path.filter((part) => part !== 'text').join(':')}`;

export interface Checked {
  format?: AnyFormat;
  diagnostics: Diagnostic[];
  /** Diagnostics by table cell id (`t2:total:np`), by narrative block (`para:requests:0`, see paragraphKey) and by narrative part (`part:overview`). */
  byCell: Map<string, Diagnostic[]>;
}

/** Validates as `xxgk validate` does; `previous` is last year's data, which turns on the cross-year checks. */
export function check(data: Data, name: string, previous?: { data: unknown; name: string }): Checked {
  const load = loadFromData(completed(data), name);
  const result = validateLoaded(load, previous ? { previous: loadFromData(previous.data, previous.name) } : {});
  const format = result.format ?? formatOf(data);
  const byCell = new Map<string, Diagnostic[]>();
  for (const diagnostic of result.diagnostics) {
    if (diagnostic.file !== undefined && diagnostic.file !== name) continue;
    const place = diagnostic.place ?? (format ? placeOfPath(format, diagnostic.path, data) : undefined);
    let key: string | undefined;
    if (place?.table && place.row && place.column) key = `${place.table.id}:${place.row.id}:${place.column.id}`;
    else if (diagnostic.path[0] === 'narrative' && typeof diagnostic.path[2] === 'number') key = paragraphKey(diagnostic.path.slice(1));
    else if (place?.part) key = `part:${place.part.id}`;
    if (key) byCell.set(key, [...(byCell.get(key) ?? []), diagnostic]);
  }
  return { ...(format ? { format } : {}), diagnostics: result.diagnostics, byCell };
}

/** 上年结转 filled from last year's 结转下年度 (表三). */
export function carryOver(data: Data, previous: unknown): Data {
  const format = formatOf(data);
  const requests = format?.tables.find((grid) => grid.valueCells.some((cell) => cell.content.key[0] === 'carry_in'));
  if (!requests) return data;
  let result = data;
  for (const cell of requests.valueCells) {
    if (cell.content.key[0] !== 'carry_in') continue;
    const from = getIn(previous, [...requests.definition.dataPath, 'carry_out', ...cell.content.key.slice(1)]);
    if (typeof from === 'number') result = setIn(result, cellPath(requests, cell.content), from);
  }
  return result;
}
