/**
 * Test helper for `extract` round trips: a data file built into xxgk's own
 * documents (the composed document, its HTML page, its DOCX), and the
 * comparisons of what a reader gives back against the data that built it —
 * every table number in its cell, every heading and paragraph.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import type { ReportDocument } from '../../src/document/model.js';
import type { ExtractResult } from '../../src/extract/index.js';
import { renderDocx } from '../../src/render/docx.js';
import { renderHtmlText } from '../../src/render/html.js';
import { readCellValue } from '../../src/tables/grid.js';
import { splitParagraphs } from '../../src/text/paragraphs.js';
import { validateReportText } from '../../src/validate/index.js';

export type Block = string | { heading: string; text?: string; body?: Block[] };
export const PARTS = ['overview', 'proactive', 'requests', 'review_litigation', 'problems', 'other'] as const;

/** A data file validated and composed, with its HTML page. */
export function built(file: string) {
  const result = validateReportText(readFileSync(file, 'utf8'), file);
  if (!result.report || !result.format) throw new Error(`${file} does not validate`);
  const document = composeReport(result.report, result.format);
  return { report: result.report as unknown as Record<string, any>, format: result.format, document, html: renderHtmlText(document) };
}

/** xxgk's DOCX of a composed document, in memory. */
export async function docxOf(document: ReportDocument): Promise<Uint8Array> {
  return new Uint8Array(await renderDocx(document));
}

/** Headings and paragraphs in reading order, as the page prints them (a run-in heading and its text are two entries). */
export function flatten(blocks: readonly Block[] | undefined): string[] {
  const out: string[] = [];
  for (const block of blocks ?? []) {
    if (typeof block === 'string') out.push(...splitParagraphs(block));
    else {
      out.push(`# ${splitParagraphs(block.heading).join('')}`);
      if (block.text !== undefined) out.push(...splitParagraphs(block.text));
      out.push(...flatten(block.body));
    }
  }
  return out;
}

const NUMBERING = /^(?:[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、]|[（(]\d{1,2}[）)])/;

/**
 * Paragraphs as they read on the page, for drafted reports: a paragraph that
 * begins “（一）…。” or “1.…。” reads the same whether typed as a string or as
 * a run-in heading, so numbering is dropped and a run-in heading joined to its text.
 */
export function printedParagraphs(blocks: readonly Block[] | undefined): string[] {
  const out: string[] = [];
  for (const block of blocks ?? []) {
    if (typeof block === 'string') out.push(...splitParagraphs(block).map((p) => p.replace(NUMBERING, '')));
    else {
      const [first, ...rest] = block.text === undefined ? [] : splitParagraphs(block.text);
      const heading = splitParagraphs(block.heading).join('');
      out.push(first === undefined ? `# ${heading}` : `${heading}${first}`, ...rest, ...printedParagraphs(block.body));
    }
  }
  return out;
}

/** The paragraphs of the data missing from the extracted ones, in order (the extracted hold the drafted sentences too). */
export function paragraphsNotInOrder(extracted: Record<string, Block[]>, narrative: Record<string, Block[]>): string[] {
  const missing: string[] = [];
  for (const part of PARTS) {
    const got = printedParagraphs(extracted[part]);
    let at = 0;
    for (const paragraph of printedParagraphs(narrative[part])) {
      const found = got.indexOf(paragraph, at);
      if (found < 0) missing.push(`${part}: ${paragraph}`);
      else at = found + 1;
    }
  }
  return missing;
}

/** Every paragraph of the data comes back, in order, among the extracted ones (which hold the drafted sentences too). */
export function expectParagraphsInOrder(extracted: Record<string, Block[]>, narrative: Record<string, Block[]>) {
  expect(paragraphsNotInOrder(extracted, narrative)).toEqual([]);
}

export const errors = (result: ExtractResult) => result.diagnostics.filter((d) => d.severity === 'error');

const valueAt = (root: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), root);

/**
 * Every value cell of the format's grids: [table.row.col label, expected, extracted]. `tables` is
 * the data's `tables`; a grid kept elsewhere (the legacy format's `statistics`) is read from `report`.
 * A grid neither side holds (an alternative layout of the format that this report does not use) is left out.
 */
export function cellPairs(result: ExtractResult, tables: Record<string, unknown>, report?: Record<string, unknown>) {
  const data = result.data!;
  return result.format!.tables.flatMap((grid) => {
    const dataPath = grid.definition.dataPath;
    const expectedTable = dataPath[0] === 'tables' ? valueAt(tables, dataPath.slice(1)) : valueAt(report, dataPath);
    const extractedTable = valueAt(data, dataPath);
    if (expectedTable === undefined && extractedTable === undefined) return [];
    const name = (dataPath[0] === 'tables' ? dataPath.slice(1) : dataPath).join('.');
    return grid.valueCells.map((cell) => ({
      cell: `${name}.${cell.content.key.join('.')}`,
      expected: readCellValue(expectedTable as never, cell.content.key) ?? null,
      got: readCellValue(extractedTable as never, cell.content.key) ?? null,
    }));
  });
}

/** The cells whose extracted number is not the data's. */
export const wrongCells = (result: ExtractResult, tables: Record<string, unknown>, report?: Record<string, unknown>) =>
  cellPairs(result, tables, report).filter((pair) => pair.got !== pair.expected);
