/**
 * What the HTML tests share: the reports they render (the sample, the seeds
 * and a v2021 report with a long title as published reports have), composed
 * through the real validator and composer, and a table reader that rebuilds
 * the grid positions of a parsed `<table>` from its row and column spans.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HTMLElement } from 'node-html-parser';
import { expect } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { valueKey, type ReportDocument, type TableBlock } from '../../src/document/model.js';
import type { FormatDefinition } from '../../src/formats/format.js';
import { validateReportFile } from '../../src/validate/index.js';
import { SAMPLE_PATH } from '../helpers/sample.js';

export const SEED_FILES = ['seed-000-细河区2018.yaml', 'seed-001-柳州市城中区2020.yaml', 'seed-002-珠晖区信息公开和网上审批工作总结.yaml', 'seed-003-桃源县陬市镇2017.yaml', 'seed-004-包头市青山区2017.yaml'].map((name) =>
  path.resolve('samples', name),
);

/** A published report's long organisation name (淮安市, test/fixtures/published/cn-jiangsu-huaian-city-2024/meta.yaml). */
export const LONG_ORGANIZATION = '淮安市人民政府（淮安市人民政府办公室编制）';

/** The valid v2021 fixture, issued by an organisation with a long name, written to a temporary file. */
export async function longTitleReportFile(): Promise<string> {
  const text = readFileSync(path.resolve('test/fixtures/reports/valid-v2021.yaml'), 'utf8');
  const renamed = text.replace(/^  name: .*$/m, `  name: ${LONG_ORGANIZATION}`);
  if (renamed === text) throw new Error('valid-v2021.yaml has no organization name line');
  const folder = await mkdtemp(path.join(tmpdir(), 'xxgk-html-'));
  const file = path.join(folder, 'long-title.yaml');
  await writeFile(file, renamed);
  return file;
}

export async function composeFile(file: string): Promise<ReportDocument> {
  const validation = await validateReportFile(file);
  if (!validation.report || !validation.format) throw new Error(`${file} cannot be composed`);
  return composeReport(validation.report, validation.format as FormatDefinition<unknown>);
}

/** The reports every HTML test renders, by name. */
export async function htmlTestReports(): Promise<{ name: string; document: ReportDocument }[]> {
  const files = [SAMPLE_PATH, ...SEED_FILES, await longTitleReportFile()];
  return Promise.all(files.map(async (file) => ({ name: path.basename(file), document: await composeFile(file) })));
}

export interface PlacedCell {
  element: HTMLElement;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/**
 * The HTML table model's slot assignment (rows of `<thead>`/`<tbody>` in order;
 * a cell takes the first free column, spans occupy slots below and right).
 */
export function placeCells(table: HTMLElement): { cells: PlacedCell[]; at: (row: number, col: number) => PlacedCell | undefined } {
  const rows = table.querySelectorAll('tr');
  const occupied = new Map<string, PlacedCell>();
  const cells: PlacedCell[] = [];
  rows.forEach((tr, row) => {
    let col = 0;
    for (const element of tr.childNodes.filter((node): node is HTMLElement => 'tagName' in node && (node.tagName === 'TD' || node.tagName === 'TH'))) {
      while (occupied.has(`${row},${col}`)) col++;
      const placed: PlacedCell = {
        element,
        row,
        col,
        rowSpan: Number(element.getAttribute('rowspan') ?? 1),
        colSpan: Number(element.getAttribute('colspan') ?? 1),
      };
      for (let r = row; r < row + placed.rowSpan; r++) for (let c = col; c < col + placed.colSpan; c++) occupied.set(`${r},${c}`, placed);
      cells.push(placed);
      col += placed.colSpan;
    }
  });
  return { cells, at: (row, col) => occupied.get(`${row},${col}`) };
}

/** Asserts that a parsed `<table>` holds the block's grid: every anchor at its place with its spans, text, cell kind and headers. */
export function expectTableMatchesGrid(element: HTMLElement, block: TableBlock, root: HTMLElement): void {
  const { grid } = block;
  const { definition } = grid;
  expect(element.querySelector('caption')!.text).toBe(definition.caption);
  expect(element.querySelectorAll('thead tr')).toHaveLength(definition.headerRows);
  const rowCount = element.querySelectorAll('tr').length;
  expect(rowCount).toBe(definition.rows);
  const placed = placeCells(element);
  // Exactly one HTML cell per grid anchor, each where the grid puts it, with its spans.
  expect(placed.cells).toHaveLength(grid.anchors.length);
  for (const anchor of grid.anchors) {
    const cell = placed.at(anchor.row, anchor.col);
    const where = `${definition.id} (${anchor.row},${anchor.col})`;
    expect(cell, where).toBeDefined();
    expect({ row: cell!.row, col: cell!.col, rowSpan: cell!.rowSpan, colSpan: cell!.colSpan }, where).toEqual({
      row: anchor.row,
      col: anchor.col,
      rowSpan: anchor.rowSpan,
      colSpan: anchor.colSpan,
    });
    const { content } = anchor;
    if (content.kind === 'label') {
      expect(cell!.element.text, where).toBe(content.text);
      const heads = content.text.trim() !== '' && content.role !== 'note';
      if (content.role === 'rowLabel' || content.role === 'group' || content.role === 'section' || (content.role === 'header' && anchor.row < definition.headerRows)) {
        expect(cell!.element.tagName, where).toBe(heads ? 'TH' : 'TD');
      }
      continue;
    }
    // A value cell: the printed text, a data cell, and headers naming its printed row and column.
    const resolved = block.values.get(valueKey(content.key))!;
    expect(cell!.element.text, where).toBe(resolved.text);
    expect(cell!.element.tagName, where).toBe('TD');
    const headerIds = (cell!.element.getAttribute('headers') ?? '').split(' ').filter(Boolean);
    expect(headerIds.length, `${where} has headers`).toBeGreaterThan(0);
    const headerTexts = headerIds.map((id) => {
      const header = root.querySelector(`#${id}`);
      expect(header?.tagName, `${where}: header ${id}`).toBe('TH');
      // Labels keep their printed indent (U+3000); the value's row and column names do not.
      return header!.text.trim();
    });
    for (const part of content.colLabel.split(' › ').filter((p) => p.trim() !== '')) expect(headerTexts, where).toContain(part);
    // A nested row is named “（三）不予公开 › 1.属于国家秘密”: each part is a header of the cell.
    for (const part of content.rowLabel.split(' › ').filter((p) => p.trim() !== '')) expect(headerTexts, where).toContain(part);
  }
  // Every header cell says what it heads.
  for (const th of element.querySelectorAll('th')) {
    expect(['col', 'colgroup', 'row', 'rowgroup'], th.text).toContain(th.getAttribute('scope'));
  }
}
