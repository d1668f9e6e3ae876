import { defineConfig } from 'vitest/config';

/**
 * Two projects, run one after the other by `npm test` (fast first, so most
 * failures show within minutes): `slow` holds the property-based and corpus
 * tests, the batch worker pool and everything that runs LibreOffice; `fast`
 * the rest. `npx vitest run` (no --project) runs both together.
 */
const SLOW = [
  'test/hardening/*.property.test.ts',
  'test/hardening/corpus.test.ts',
  // extract: xxgk's own PDFs read back (the sample, a seed, the published samples, 1,000 generated reports).
  'test/extract/pdf-round-trip.test.ts',
  'test/extract/round-trip-pdf.property.test.ts',
  // extract (issue #15): 1,000 generated reports through DOCX and HTML, and DOCX written by LibreOffice.
  'test/extract/round-trip.property.test.ts',
  'test/extract/docx-libreoffice.test.ts',
  'test/batch/**/*.test.ts',
  'test/render/docx-libreoffice.test.ts',
  'test/render/table-digits-libreoffice.test.ts',
  // Page breaks: 200 generated PDFs (spec §6.9), and the DOCX through LibreOffice against the PDF.
  'test/render/pdf-pagination-generated.test.ts',
  'test/render/docx-pagination-libreoffice.test.ts',
  'test/xlsx/libreoffice.test.ts',
  'test/aggregate/detail-print.test.ts',
  // The README's examples and the packed, globally installed xxgk (issue #12).
  'test/cli/readme-examples.test.ts',
  // Fresh xxgk processes and batches, from the code cache and without it (issue #16).
  'test/cold/code-cache.test.ts',
  // The HTML output in Chromium with axe-core.
  'test/render/html-browser.test.ts',
  // The workbench (issue #14): its server, and Chromium driving its page.
  'test/workbench/**/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: SLOW } },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
});
