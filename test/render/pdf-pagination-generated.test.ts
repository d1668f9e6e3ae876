/**
 * Page breaks of 200 generated reports of varied length (the bench generator,
 * fixed seed: short, medium and long reports of 5 to 14 pages), each checked
 * from its PDF by test/helpers/pagination-check.ts against spec §6.9.
 */
import { describe, expect, it } from 'vitest';
import { generateReports } from '../../scripts/report-generator.mjs';
import { composeReport } from '../../src/compose/compose.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { violations } from '../helpers/pagination-cases.js';

const SEED = 613;
const COUNT = 200;

describe('PDF page breaks of generated reports (spec §6.9)', () => {
  it(`${COUNT} reports of varied length, seed ${SEED}`, async () => {
    const reports = generateReports(COUNT, SEED, { sizes: ['short', 'medium', 'long'] });
    expect(reports).toHaveLength(COUNT);
    const found: string[] = [];
    for (const [i, report] of reports.entries()) {
      const document = composeReport(v2021Format.schema.parse(report), v2021Format);
      for (const violation of await violations(document)) found.push(`报告${i}（${document.meta.title}）：${violation}`);
    }
    expect(found).toEqual([]);
  }, 900_000);
});
