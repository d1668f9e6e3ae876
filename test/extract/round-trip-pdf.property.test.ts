/**
 * Property (issue #15): reports of the bench generator (scripts/report-generator.mjs,
 * short, medium and long, seeded) built to PDF by xxgk and extracted give back
 * every number in its cell, the title, the signature date, the fee as the
 * HTML page of the same report gives it, and every
 * heading and paragraph of the data in reading order among the extracted ones
 * (parts the generator leaves empty are drafted by xxgk, and the drafted
 * sentences come back too). Third-level headings (“1.重点领域信息公开”) come
 * back as paragraphs of their part: extract does not nest them (structure.ts).
 *
 *   XXGK_EXTRACT_PDF_RUNS=50 npx vitest run --project slow test/extract/round-trip-pdf.property.test.ts
 *
 * XXGK_EXTRACT_PDF_RUNS: how many reports (default 1000); XXGK_PROPERTY_SEED
 * chooses other cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateReport, reportYaml } from '../../scripts/report-generator.mjs';
import { composeReport } from '../../src/compose/compose.js';
import { extractDocument, extractReport } from '../../src/extract/index.js';
import { renderHtmlText } from '../../src/render/html.js';
import { validateReportText } from '../../src/validate/index.js';
import { splitParagraphs } from '../../src/text/paragraphs.js';
import { cellPairs, errors, PARTS, type Block } from '../helpers/extract-round-trip.js';
import { pdfOf } from '../helpers/pagination-cases.js';
import { PROPERTY_SEED } from '../hardening/support/config.js';

const runs = (() => {
  const value = Number(process.env.XXGK_EXTRACT_PDF_RUNS);
  return Number.isInteger(value) && value > 0 ? value : 1000;
})();

const SIZES = ['short', 'medium', 'long'] as const;

/** Headings and paragraphs in reading order, as printed words: numbering and a heading's closing stop left out. */
function readingOrder(blocks: readonly Block[] | undefined): string[] {
  const out: string[] = [];
  for (const block of blocks ?? []) {
    if (typeof block === 'string') out.push(...splitParagraphs(block).map((text) => text.replace(/^(?:\d+[.、]|[（(][一二三四五六七八九十]+[）)])/, '')));
    else {
      out.push(splitParagraphs(block.heading).join('').replace(/[。：:]$/, ''));
      if (block.text !== undefined) out.push(...splitParagraphs(block.text));
      out.push(...readingOrder(block.body));
    }
  }
  return out;
}

/** Every heading and paragraph of the data, in order, among the extracted ones. */
function expectInReadingOrder(extracted: Record<string, Block[]>, narrative: Record<string, Block[]>, seed: number) {
  for (const part of PARTS) {
    const got = readingOrder(extracted[part]);
    let at = 0;
    for (const text of readingOrder(narrative[part])) {
      const found = got.indexOf(text, at);
      expect(found, `seed ${seed}, ${part}: ${text.slice(0, 30)}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  }
}

describe('generated reports: xxgk’s PDF read back', () => {
  it(`${runs} reports give back every number in its cell and every paragraph`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.constantFrom(...SIZES), async (seed, size) => {
        const data = generateReport(seed, { size, index: seed % 5000 });
        const validated = validateReportText(reportYaml(data), 'generated.yaml');
        if (!validated.report || !validated.format) throw new Error(`seed ${seed}: the generated report does not validate`);
        const report = validated.report as unknown as Record<string, any>;
        const document = composeReport(validated.report, validated.format);
        const result = await extractDocument(await pdfOf(document), 'generated.pdf');
        expect(result.unreadable, `seed ${seed}`).toBeUndefined();
        expect(result.refusal, `seed ${seed}`).toBeUndefined();
        expect(errors(result), `seed ${seed}`).toEqual([]);
        expect(result.data!.title, `seed ${seed}`).toBe(document.meta.title);
        expect(cellPairs(result, report.tables).filter((pair) => pair.got !== pair.expected), `seed ${seed}`).toEqual([]);
        expectInReadingOrder(result.data!.narrative as Record<string, Block[]>, report.narrative, seed);
        // The fee as the HTML page of the same report reads: the fee sentence is found in the text, whatever the form
        // (extract misses “对2件…申请收取信息处理费，共计100元” from either; see the report of this slice).
        expect(result.data!.fee, `seed ${seed}`).toEqual(extractReport(renderHtmlText(document), 'html').data!.fee);
        expect((result.data!.signature as { date?: string } | undefined)?.date, `seed ${seed}`).toBe(report.signature.date);
      }),
      { numRuns: runs, seed: PROPERTY_SEED },
    );
  }, 3_600_000);
});
