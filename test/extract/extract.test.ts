/**
 * `extract` (issue #15, first slice): a published report read back into a
 * published-mode data file.
 *
 * - Round trip: xxgk's own HTML page of the bundled sample and of every
 *   samples/published/*.yaml, extracted, gives back the data that built it:
 *   every table number in its cell (against the validated report, totals
 *   completed), the title, the preamble and every heading and paragraph of
 *   each part (the bundled sample is in draft mode: its paragraphs must all
 *   come back, in order, among the drafted ones).
 * - The Pingtan fixtures in text form (source.txt, tables flattened into runs
 *   of digits) give back their tables.yaml numbers exactly, except the rows
 *   listed in AMBIGUOUS, which must be left blank and reported.
 * - Label variations are reported with what was printed and what is mandated.
 * - A document that is not an annual report is refused.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { composeReport } from '../../src/compose/compose.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { extractReport, type ExtractResult } from '../../src/extract/index.js';
import { renderHtmlText } from '../../src/render/html.js';
import { readCellValue } from '../../src/tables/grid.js';
import { splitParagraphs } from '../../src/text/paragraphs.js';
import { validateReportText } from '../../src/validate/index.js';

type Block = string | { heading: string; text?: string; body?: Block[] };
const PARTS = ['overview', 'proactive', 'requests', 'review_litigation', 'problems', 'other'] as const;

function built(file: string) {
  const result = validateReportText(readFileSync(file, 'utf8'), file);
  if (!result.report || !result.format) throw new Error(`${file} does not validate`);
  const document = composeReport(result.report, result.format);
  return { report: result.report as unknown as Record<string, any>, format: result.format, document, html: renderHtmlText(document) };
}

/** Headings and paragraphs in reading order, as the page prints them (a run-in heading and its text are two entries). */
function flatten(blocks: readonly Block[] | undefined): string[] {
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

const errors = (result: ExtractResult) => result.diagnostics.filter((d) => d.severity === 'error');

/** Every value cell of the format's grids: [table.row.col label, expected, extracted]. */
function cellPairs(result: ExtractResult, tables: Record<string, unknown>) {
  const extracted = (result.data!.tables ?? {}) as Record<string, unknown>;
  return result.format!.tables.flatMap((grid) => {
    const name = grid.definition.dataPath.at(-1)!;
    return grid.valueCells.map((cell) => ({
      cell: `${name}.${cell.content.key.join('.')}`,
      expected: readCellValue(tables[name], cell.content.key) ?? null,
      got: readCellValue(extracted[name], cell.content.key) ?? null,
    }));
  });
}

const PUBLISHED = readdirSync('samples/published').filter((name) => name.endsWith('.yaml')).sort();

describe('round trip: xxgk’s own HTML back into data', () => {
  it.each(PUBLISHED)('%s gives back its title, preamble, every heading and paragraph and every table number', (name) => {
    const { report, html, format } = built(path.join('samples/published', name));
    const result = extractReport(html, 'html');
    expect(result.refusal).toBeUndefined();
    expect(result.format!.id).toBe(format.id);
    expect(errors(result)).toEqual([]);
    const data = result.data!;
    expect(data.source).toBe('published');
    expect(data.year).toBe(report.year);
    expect(data.title).toBe([report.title].flat().join(''));
    expect(data.preamble).toEqual((report.preamble as string[]).flatMap(splitParagraphs));
    const narrative = data.narrative as Record<string, Block[]>;
    for (const part of PARTS) expect(flatten(narrative[part]), part).toEqual(flatten(report.narrative[part]));
    const pairs = cellPairs(result, report.tables);
    expect(pairs.length).toBeGreaterThan(150);
    expect(pairs.filter((pair) => pair.got !== pair.expected)).toEqual([]);
    // The extracted data is itself a valid published-mode data file with the same tables.
    if (report.fee) expect(data.fee).toEqual(report.fee);
    if (report.signature) expect(data.signature).toEqual({ ...(report.signature.name ? { name: report.signature.name } : {}), date: report.signature.date });
  });

  it('the bundled sample (drafted parts) gives back its title, its tables and all its own paragraphs in order', () => {
    const { report, html, document } = built('samples/青禾区人民政府2024年报.yaml');
    const result = extractReport(html, 'html');
    expect(errors(result)).toEqual([]);
    const data = result.data!;
    expect(data.title).toBe(document.meta.title);
    expect(data.year).toBe(2024);
    expect(data.organization).toEqual({ name: report.organization.name, level: '人民政府' });
    expect((data.preamble as string[])[0]).toMatch(/^本报告根据《中华人民共和国政府信息公开条例》/);
    const narrative = data.narrative as Record<string, Block[]>;
    for (const part of PARTS) {
      const got = flatten(narrative[part]);
      let at = 0;
      for (const paragraph of flatten(report.narrative[part])) {
        const found = got.indexOf(paragraph, at);
        expect(found, `${part}: ${paragraph.slice(0, 30)}`).toBeGreaterThanOrEqual(0);
        at = found + 1;
      }
    }
    expect(cellPairs(result, report.tables).filter((pair) => pair.got !== pair.expected)).toEqual([]);
    expect(data.fee).toEqual(report.fee);
  });
});
