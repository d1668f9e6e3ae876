/**
 * Where in the report a data path is, as a structured place for diagnostics:
 * a table cell, a row or a whole table from the format's grids, or a
 * narrative part (and its block). Derived from the path alone, so no rule
 * has to build a place by hand.
 *
 *   placeOfPath(format, ['tables', 'requests', 'total', 'np'])
 *   → { table: { id: 't2', label: '三、收到和处理政府信息公开申请情况' },
 *       row: { id: 'total', label: '（七）总计' }, column: { id: 'np', label: '自然人' } }
 */
import { headingNumber } from '../text/numbering.js';
import type { DataPath } from '../io/load.js';
import { schemaLabel } from '../io/schema-messages.js';
import { findTableByPath, valueCellOf } from '../tables/describe.js';
import type { TableGrid, ValueContent } from '../tables/grid.js';
import type { Place } from '../diagnostics/diagnostic.js';

/** What a place is derived from: the format's table grids and schema (for the names of narrative parts). */
export interface PlaceSource {
  tables: readonly TableGrid[];
  schema: unknown;
}

/** The first value cell of each row of a table whose cells have two-part keys (T2), by the row's key. */
const rowCache = new WeakMap<TableGrid, Map<string, ValueContent>>();

function rowsOf(grid: TableGrid): Map<string, ValueContent> {
  let rows = rowCache.get(grid);
  if (!rows) {
    rows = new Map();
    for (const { content } of grid.valueCells) {
      if (content.key.length > 1 && !rows.has(content.key[0]!)) rows.set(content.key[0]!, content);
    }
    rowCache.set(grid, rows);
  }
  return rows;
}

function tablePlace(tables: readonly TableGrid[], path: DataPath): Place | undefined {
  const found = findTableByPath(
    tables.map((grid) => grid.definition),
    path,
  );
  if (!found) return undefined;
  const { definition, rest } = found;
  const table = { id: definition.id, label: definition.caption };
  for (let length = rest.length; length > 0; length--) {
    const cell = valueCellOf(definition, rest.slice(0, length));
    if (cell) {
      return { table, row: { id: cell.rowId, label: cell.rowLabel }, column: { id: cell.colId, label: cell.colLabel } };
    }
  }
  const grid = tables.find((candidate) => candidate.definition === definition)!;
  const row = rest.length > 0 ? rowsOf(grid).get(String(rest[0])) : undefined;
  if (row) return { table, row: { id: row.rowId, label: row.rowLabel } };
  return { table };
}

const paragraphAt = (segment: string | number | undefined): { paragraph?: number } =>
  typeof segment === 'number' ? { paragraph: segment + 1 } : {};

/** The heading of a legacy section as printed: 一、 plus the heading written in the data file. */
function sectionHeading(raw: unknown, index: number): string | undefined {
  const sections = (raw as { sections?: unknown } | null | undefined)?.sections;
  const section = Array.isArray(sections) ? (sections[index] as { heading?: unknown } | undefined) : undefined;
  // Sections are numbered 一、二、… up to 九十九 (compose/narrative.ts); a longer list has no printed number to name.
  return typeof section?.heading === 'string' && index < 99 ? `${headingNumber(1, index + 1)}${section.heading}` : undefined;
}

function narrativePlace(source: PlaceSource, path: DataPath, raw: unknown): Place | undefined {
  const schema = source.schema as Parameters<typeof schemaLabel>[0];
  const [head, second, third, fourth] = path;
  if (head === 'preamble') {
    return { part: { id: 'preamble', label: schemaLabel(schema, ['preamble']) ?? '导语' }, ...paragraphAt(second) };
  }
  if (head === 'narrative' && typeof second === 'string') {
    const label = schemaLabel(schema, ['narrative', second]);
    return label ? { part: { id: second, label }, ...paragraphAt(third) } : undefined;
  }
  if (head === 'sections' && typeof second === 'number') {
    const label = sectionHeading(raw, second);
    return label ? { part: { id: `sections.${second}`, label }, ...(third === 'body' ? paragraphAt(fourth) : {}) } : undefined;
  }
  return undefined;
}

/**
 * The place of a data path in a report of this format: a table cell, row or
 * table; a narrative part and block; undefined elsewhere. `raw` (the data as
 * loaded) names the sections of a legacy report.
 */
export function placeOfPath(source: PlaceSource, path: DataPath, raw?: unknown): Place | undefined {
  if (path.length === 0) return undefined;
  return tablePlace(source.tables, path) ?? narrativePlace(source, path, raw);
}
