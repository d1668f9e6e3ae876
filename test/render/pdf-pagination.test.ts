/**
 * Page breaks of the PDF (spec §6.9), checked from the PDF itself by
 * test/helpers/pagination-check.ts: the sample, the five seeds and the long
 * bench report (200 generated reports: pdf-pagination-generated.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { generateReport } from '../../scripts/report-generator.mjs';
import { composeReport } from '../../src/compose/compose.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { sampleDocument, SEED_FILES, violations } from '../helpers/pagination-cases.js';
import { sampleReport } from '../helpers/sample.js';

describe('PDF page breaks (spec §6.9)', () => {
  it('the sample', async () => {
    expect(await violations(composeReport(sampleReport(), v2021Format))).toEqual([]);
  }, 60_000);

  it('finds the five seeds', () => {
    expect(SEED_FILES).toHaveLength(5);
  });

  for (const file of SEED_FILES) {
    it(file, async () => {
      expect(await violations(await sampleDocument(file))).toEqual([]);
    }, 60_000);
  }

  it('the long bench report', async () => {
    const document = composeReport(v2021Format.schema.parse(generateReport(1, { size: 'long' })), v2021Format);
    expect(await violations(document)).toEqual([]);
  }, 60_000);
});
