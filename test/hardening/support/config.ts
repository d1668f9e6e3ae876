/**
 * How much the property tests run. The defaults are what CI runs (seeded, so
 * every run checks the same cases); raise them for a deeper local run:
 *
 *   XXGK_PROPERTY_RUNS=10000 XXGK_PROPERTY_PDF_RUNS=600 npx vitest run test/hardening
 *   XXGK_PROPERTY_SEED=42 npx vitest run test/hardening      # other cases
 *
 * - XXGK_PROPERTY_RUNS: random valid reports built to DOCX and XLSX and read
 *   back, in total across the three formats (default 1000: 334 v2021, 333
 *   v2019, 333 legacy).
 * - XXGK_PROPERTY_PDF_RUNS: how many of them are also built to PDF and read
 *   back (default 60, 20 per format; a PDF costs 3–5 times a DOCX).
 * - XXGK_PROPERTY_UNICODE_RUNS: random-Unicode narratives through DOCX
 *   (default 100; a tenth of them also through PDF).
 * - XXGK_PROPERTY_SEED: the seed of every property (default 20250115).
 */
import type { FormatId } from '../../../src/formats/format.js';

const integer = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value >= 0 ? value : fallback;
};

export const PROPERTY_SEED = integer('XXGK_PROPERTY_SEED', 20250115);
export const TOTAL_RUNS = integer('XXGK_PROPERTY_RUNS', 1000);
export const PDF_RUNS = integer('XXGK_PROPERTY_PDF_RUNS', 60);
export const UNICODE_RUNS = integer('XXGK_PROPERTY_UNICODE_RUNS', 100);

const ORDER: readonly FormatId[] = ['v2021', 'v2019', 'legacy'];

/** This format's share of `total`, the remainder going to the first formats: 1000 → 334, 333, 333. */
export function shareOf(total: number, format: FormatId): number {
  const index = ORDER.indexOf(format);
  return Math.floor(total / ORDER.length) + (index < total % ORDER.length ? 1 : 0);
}

/** A distinct seed per format and property, all derived from PROPERTY_SEED. */
export function seedFor(format: FormatId, salt: number): number {
  return (PROPERTY_SEED + 7919 * ORDER.indexOf(format) + 104729 * salt) | 0;
}
