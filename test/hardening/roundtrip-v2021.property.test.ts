/**
 * Property: random valid v2021 reports build to DOCX, XLSX and PDF with every
 * table value in its cell (see support/roundtrip.ts; counts in support/config.ts).
 */
import { describe, it } from 'vitest';
import { PDF_RUNS, seedFor, shareOf, TOTAL_RUNS } from './support/config.js';
import { roundTripDocxXlsx, roundTripPdf } from './support/roundtrip.js';

const FORMAT = 'v2021';

describe(`${FORMAT} reports, seeded`, () => {
  it(`${shareOf(TOTAL_RUNS, FORMAT)} random reports build to DOCX and XLSX with every number in its cell`, async () => {
    await roundTripDocxXlsx(FORMAT, shareOf(TOTAL_RUNS, FORMAT), seedFor(FORMAT, 1));
  }, 900_000);

  it(`${shareOf(PDF_RUNS, FORMAT)} of them also build to PDF with every number in reading order`, async () => {
    await roundTripPdf(FORMAT, shareOf(PDF_RUNS, FORMAT), seedFor(FORMAT, 2));
  }, 900_000);
});
