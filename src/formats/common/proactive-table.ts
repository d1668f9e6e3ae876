/**
 * 表一 主动公开政府信息情况 of the 2021 layout built from a list of sections
 * (spec §3.3): each section is a 第二十条 item printed as a section row, a
 * header row (信息内容 and the value columns) and its data rows. A single
 * value column spans the three value columns of the four-column grid.
 */
import * as z from 'zod';
import type { CellDefinition, TableDefinition } from '../../tables/grid.js';
import { PROACTIVE_HEADING } from './requests-table.js';
import { amountWanAsPrinted, count } from './schema-parts.js';

export interface ProactiveColumn {
  /** The key suffix: a cell of row `reg` in column `issued` is `reg_issued`. */
  id: string;
  label: string;
  /** `wan` for amounts in 万元; counts by default. */
  format?: 'count' | 'wan';
}

export interface ProactiveSection {
  /** The 第二十条 item, printed as a row across the table. */
  section: string;
  /** One to three value columns. */
  columns: readonly ProactiveColumn[];
  rows: readonly { id: string; label: string }[];
}

/** The data keys of a section list, as a type: `reg_issued` | `nd_issued` | …. */
export type ProactiveKey<Sections extends readonly ProactiveSection[]> = {
  [I in keyof Sections]: Sections[I] extends ProactiveSection
    ? `${Sections[I]['rows'][number]['id']}_${Sections[I]['columns'][number]['id']}`
    : never;
}[number];

const VALUE_COLUMNS = 3;

export function proactiveTableDefinitionFor(sections: readonly ProactiveSection[]): TableDefinition {
  const cells: CellDefinition[] = [];
  let row = 0;
  for (const section of sections) {
    if (section.columns.length < 1 || section.columns.length > VALUE_COLUMNS) {
      throw new RangeError(`${section.section}: ${section.columns.length} value columns (1 to ${VALUE_COLUMNS})`);
    }
    const colSpan = VALUE_COLUMNS / section.columns.length;
    if (!Number.isInteger(colSpan)) throw new RangeError(`${section.section}: ${section.columns.length} value columns do not divide the grid`);
    const span = colSpan > 1 ? { colSpan } : {};
    cells.push({ row, col: 0, colSpan: 1 + VALUE_COLUMNS, content: { kind: 'label', role: 'section', text: section.section } });
    row += 1;
    cells.push({ row, col: 0, content: { kind: 'label', role: 'header', text: '信息内容' } });
    section.columns.forEach((column, i) => cells.push({ row, col: 1 + i * colSpan, ...span, content: { kind: 'label', role: 'header', text: column.label } }));
    row += 1;
    for (const item of section.rows) {
      cells.push({ row, col: 0, content: { kind: 'label', role: 'rowLabel', text: item.label } });
      section.columns.forEach((column, i) => {
        cells.push({
          row,
          col: 1 + i * colSpan,
          colSpan,
          content: {
            kind: 'value',
            key: [`${item.id}_${column.id}`],
            format: column.format ?? 'count',
            rowLabel: item.label,
            colLabel: column.label,
            rowId: item.id,
            colId: column.id,
          },
        });
      });
      row += 1;
    }
  }
  return {
    id: 't1',
    dataPath: ['tables', 'proactive'],
    caption: PROACTIVE_HEADING,
    sheetName: '主动公开情况',
    rows: row,
    cols: 1 + VALUE_COLUMNS,
    headerRows: 0,
    colWidths: [1.6, 1, 1, 1],
    fontSizePt: 12,
    cells,
  };
}

/** The data file's `tables.proactive` for a section list: one number per cell, described as printed. */
export function proactiveTableSchema<const Sections extends readonly ProactiveSection[]>(sections: Sections) {
  const shape: Record<string, typeof count | typeof amountWanAsPrinted> = {};
  for (const section of sections) {
    for (const item of section.rows) {
      for (const column of section.columns) {
        const cell = column.format === 'wan' ? amountWanAsPrinted : count;
        shape[`${item.id}_${column.id}`] = cell.meta({ description: `${item.label} × ${column.label}` });
      }
    }
  }
  return z
    .strictObject(shape as Record<ProactiveKey<Sections>, typeof count | typeof amountWanAsPrinted>)
    .meta({ description: '二、主动公开政府信息情况（表）' });
}

/** Data paths of a section list's amounts in 万元 (held to 4 decimals unless the report is published). */
export function proactiveAmountPaths(sections: readonly ProactiveSection[]): string[][] {
  return sections.flatMap((section) =>
    section.columns.filter((column) => column.format === 'wan').flatMap((column) => section.rows.map((item) => ['tables', 'proactive', `${item.id}_${column.id}`])),
  );
}
