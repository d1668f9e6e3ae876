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
import { isPublishedData } from '../../formats/common/published.js';
import { dropEmptyOptionalValues, schemaAt } from '../../io/schema-messages.js';
import { balanceRules } from '../../tables/balances.js';
import { checkBalances } from '../../validate/balances.js';
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
export function computedValue(data: unknown, grid: TableGrid, content: ValueContent): number | undefined {
  return computedIn(getIn(data, grid.definition.dataPath), grid, content);
}

/** computedValue on the table's own data (what is found at the grid's data path). */
export function computedIn(table: unknown, grid: TableGrid, content: ValueContent, depth = 0): number | undefined {
  if (!content.sumOf || depth > 8) return undefined;
  const index = valueCellsByKey(grid);
  let sum = 0;
  for (const key of content.sumOf) {
    const part = index.get(key.join('.'));
    let value = getIn(table, key);
    if (typeof value !== 'number' && part) value = computedIn(table, grid, part, depth + 1);
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
      const typed = getIn(result, path);
      // Only an empty cell is computed: text typed into a 总计 cell is left for the schema to refuse, with its message.
      if (cell.content.sumOf && (typed === undefined || typed === null || typed === '')) {
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

export const sameProblems = (a: readonly Diagnostic[] | undefined, b: readonly Diagnostic[] | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((d, i) => d.severity === b[i]!.severity && d.message === b[i]!.message));

/**
 * The entries of `byCell` whose key starts with one of `prefixes`, as the
 * same Map as `previous` when none of them changed: a table or the narrative
 * is drawn again only when its own messages moved.
 */
export function problemsSlice(byCell: Map<string, Diagnostic[]>, prefixes: readonly string[], previous: Map<string, Diagnostic[]> | undefined): Map<string, Diagnostic[]> {
  const slice = new Map<string, Diagnostic[]>();
  for (const [key, list] of byCell) if (prefixes.some((prefix) => key.startsWith(prefix))) slice.set(key, list);
  if (!previous || previous.size !== slice.size) return slice;
  for (const [key, list] of slice) if (!sameProblems(previous.get(key), list)) return slice;
  return previous;
}

export interface Checked {
  format?: AnyFormat;
  diagnostics: Diagnostic[];
  /** Diagnostics by table cell id (`t2:total:np`), by narrative block (`para:requests:0`, see paragraphKey) and by narrative part (`part:overview`). */
  byCell: Map<string, Diagnostic[]>;
}

/** The key of a diagnostic in `byCell`: its table cell, narrative block or narrative part. */
function keyOf(diagnostic: Diagnostic, format: AnyFormat | undefined, data: Data): string | undefined {
  const place = diagnostic.place ?? (format ? placeOfPath(format, diagnostic.path, data) : undefined);
  if (place?.table && place.row && place.column) return `${place.table.id}:${place.row.id}:${place.column.id}`;
  if (diagnostic.path[0] === 'narrative' && typeof diagnostic.path[2] === 'number') return paragraphKey(diagnostic.path.slice(1));
  if (place?.part) return `part:${place.part.id}`;
  return undefined;
}

function keyed(diagnostics: readonly Diagnostic[], format: AnyFormat | undefined, data: Data, name: string): Map<string, Diagnostic[]> {
  const byCell = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.file !== undefined && diagnostic.file !== name) continue;
    const key = keyOf(diagnostic, format, data);
    if (key) byCell.set(key, [...(byCell.get(key) ?? []), diagnostic]);
  }
  return byCell;
}

/**
 * A message as the clerk should read it on this page: the validator tells a
 * YAML writer where to type (`请在 narrative.overview 中填写`); here the place
 * is the part's text boxes under 报告正文.
 */
function forThePage(diagnostic: Diagnostic): Diagnostic {
  const message = diagnostic.message.replace(/请在 narrative\.\w+ 中填写$/, '请在下方「报告正文」的这一部分中填写');
  return message === diagnostic.message ? diagnostic : { ...diagnostic, message };
}

/** Validates as `xxgk validate` does; `previous` is last year's data, which turns on the cross-year checks. */
export function check(data: Data, name: string, previous?: { data: unknown; name: string }): Checked {
  const load = loadFromData(completed(data), name);
  const result = validateLoaded(load, previous ? { previous: loadFromData(previous.data, previous.name) } : {});
  const format = result.format ?? formatOf(data);
  const diagnostics = result.diagnostics.map(forThePage);
  return { ...(format ? { format } : {}), diagnostics, byCell: keyed(diagnostics, format, data, name) };
}

const ruleCodes = new WeakMap<AnyFormat, Set<string>>();
/** The codes of the 勾稽 identities a format carries as data (what checkBalances reports). */
function balanceCodes(format: AnyFormat): Set<string> {
  let codes = ruleCodes.get(format);
  if (!codes) {
    codes = new Set(balanceRules(format.tables, format.balances, { advisories: true }).map((rule) => rule.code));
    ruleCodes.set(format, codes);
  }
  return codes;
}

const startsWith = (path: Path, prefix: Path) => prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));

/**
 * A keystroke in a table cell, checked at once on that table alone: the
 * table's part of the schema, then its 勾稽 identities (the same
 * checkBalances the full check runs, so the messages are word for word the
 * same), which replace that table's earlier schema and identity messages;
 * everything else is kept from the last full check. The full check (cross-year
 * rules, text against tables, the problems' order) follows when the clerk
 * pauses (issue #14: a message on its cell ≤ 50 ms after the keystroke).
 *
 * Undefined — check everything now — when the edit is not in a table, when
 * the table fails its schema (the message is the schema's, which only the
 * full check words), or for a published report (blank cells read as 0).
 */
export function quickCheck(last: Checked, data: Data, name: string, changed: Path): Checked | undefined {
  const format = last.format;
  if (!format || isPublishedData(data)) return undefined;
  const grid = format.tables.find((candidate) => startsWith(changed, candidate.definition.dataPath));
  if (!grid) return undefined;
  const dataPath = grid.definition.dataPath;
  const schema = schemaAt(format.schema as Parameters<typeof schemaAt>[0], dataPath);
  const table = getIn(completed(data), dataPath);
  if (!schema || table === undefined || table === null) return undefined;
  const parsed = (schema as unknown as { safeParse(value: unknown, params?: object): { success: boolean; data?: unknown } }).safeParse(
    dropEmptyOptionalValues(table, schema),
    { reportInput: true },
  );
  if (!parsed.success) return undefined;
  const partial = setIn({}, dataPath, parsed.data);
  const found = checkBalances(partial, format, { published: false }).map((diagnostic) => ({ ...diagnostic, file: name }));
  const codes = balanceCodes(format);
  const stale = (diagnostic: Diagnostic) =>
    startsWith(diagnostic.path, dataPath) && (diagnostic.stage === 'schema' || (diagnostic.stage === 'rules' && codes.has(diagnostic.code)));
  // The table's new messages take the place of its old ones in the list (the full check sorts them again).
  const at = last.diagnostics.findIndex(stale);
  const kept = last.diagnostics.filter((diagnostic) => !stale(diagnostic));
  const position = at < 0 ? kept.length : last.diagnostics.slice(0, at).filter((diagnostic) => !stale(diagnostic)).length;
  const diagnostics = [...kept.slice(0, position), ...found, ...kept.slice(position)];
  return { format, diagnostics, byCell: keyed(diagnostics, format, data, name) };
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
