/**
 * Table lines of `xxgk init` starters, generated from the grids: every cell
 * the clerk types is present as 0, and the total cells (`sumOf`, computed by
 * xxgk when left out) are not written — a comment says so.
 */
import type { TableDefinition, ValueContent } from '../../tables/grid.js';
import { totalCells } from '../../tables/totals.js';

/** The comment every starter puts over a table with totals. */
export const TOTALS_COMMENT = '总计格可不填，xxgk 自动计算；填了则核对';

const lastSegment = (label: string): string => label.split(' › ').pop() ?? label;

function valueCells(definition: TableDefinition): ValueContent[] {
  return [...definition.cells]
    .sort((a, b) => a.row - b.row || a.col - b.col)
    .map((cell) => cell.content)
    .filter((content): content is ValueContent => content.kind === 'value');
}

function totalKeys(definition: TableDefinition): Set<string> {
  return new Set(totalCells(definition).map((cell) => cell.key.join('.')));
}

/**
 * A table whose cells are `[row, column]` (表二): one flow mapping per row
 * with the cells that are not totals; a row of totals only is left out.
 */
export function rowTableStarterLines(definition: TableDefinition, indent = '    '): string[] {
  const totals = totalKeys(definition);
  const rows = new Map<string, ValueContent[]>();
  for (const cell of valueCells(definition)) {
    const row = rows.get(cell.key[0]!) ?? [];
    row.push(cell);
    rows.set(cell.key[0]!, row);
  }
  const typed = (cells: readonly ValueContent[]) => cells.filter((cell) => !totals.has(cell.key.join('.')));
  const widest = [...rows.values()].reduce((most, cells) => (typed(cells).length > most.length ? typed(cells) : most), [] as ValueContent[]);
  const columns = widest.map((cell) => `${cell.key[1]} ${cell.colLabel}`).join('、');
  // Columns that are totals in every row (表二's 总计), and rows of totals only (（七）总计).
  const skippedColumns = [...new Set(totalCells(definition).map((cell) => cell.key[1]!))].filter(
    (column) => !widest.some((cell) => cell.key[1] === column),
  );
  const skippedRows = [...rows.entries()].filter(([, cells]) => typed(cells).length === 0);
  const lines = [`${indent}# 每行 ${widest.length} 个数依次为：${columns}`];
  if (totals.size > 0) {
    const what = [
      ...skippedColumns.map((column) => `${column} 列（${valueCells(definition).find((cell) => cell.key[1] === column)!.colLabel}）`),
      ...skippedRows.map(([row, cells]) => `${row} 行（${lastSegment(cells[0]!.rowLabel)}）`),
    ].join('、');
    lines.push(`${indent}# ${what}不用写：${TOTALS_COMMENT}`);
  }
  const width = Math.max(...[...rows.keys()].map((row) => row.length)) + 2;
  for (const [row, cells] of rows) {
    const own = typed(cells);
    if (own.length === 0) continue;
    const values = own.map((cell) => `${cell.key[1]}: ${cell.format === 'wan' ? '0.00' : '0'}`).join(', ');
    lines.push(`${indent}${`${row}:`.padEnd(width)} { ${values} }  # ${lastSegment(cells[0]!.rowLabel)}`);
  }
  return lines;
}

/** A table whose cells are one key each (表三): `key: 0  # label`, totals left out. */
export function keyTableStarterLines(definition: TableDefinition, indent = '    '): string[] {
  const totals = totalKeys(definition);
  const lines: string[] = [];
  if (totals.size > 0) lines.push(`${indent}# ${[...totals].join('、')} 不用写：${TOTALS_COMMENT}`);
  for (const cell of valueCells(definition)) {
    if (totals.has(cell.key.join('.'))) continue;
    lines.push(`${indent}${cell.key.join('.')}: ${cell.format === 'wan' ? '0.00' : '0'}`.padEnd(indent.length + 28) + `# ${cell.rowLabel ? `${cell.rowLabel} × ` : ''}${cell.colLabel}`);
  }
  return lines;
}
