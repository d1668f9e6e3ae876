/**
 * Page breaks of the PDF (spec §6.9), checked from the PDF itself by
 * test/helpers/pagination-check.ts: the sample, the five seeds, the long
 * bench report and 200 generated reports of varied length.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateReport } from '../../scripts/report-generator.mjs';
import { composeReport } from '../../src/compose/compose.js';
import type { FormatDefinition } from '../../src/formats/format.js';
import { validateReportFile } from '../../src/validate/index.js';
import type { ReportDocument } from '../../src/document/model.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { renderPdf } from '../../src/render/pdf.js';
import { checkPagination, type PaginationOptions } from '../helpers/pagination-check.js';
import { sampleReport } from '../helpers/sample.js';
import { v2021Format } from '../../src/formats/v2021/index.js';

const fonts = resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));

/** What the checker needs to know of a document's tables. */
export function tableFacts(document: ReportDocument): PaginationOptions {
  const tables = document.blocks.flatMap((block) => (block.kind === 'table' ? [block] : []));
  const signature = document.blocks.find((block) => block.kind === 'signature');
  const pageBreaksBefore = document.blocks.flatMap((block, i) => {
    const next = document.blocks[i + 1];
    if (block.kind !== 'pageBreak' || !next) return [];
    if (next.kind === 'title') return [next.lines[0] ?? ''];
    return 'text' in next ? [next.text] : [];
  });
  return {
    ...(signature?.kind === 'signature' ? { signatureDate: signature.date } : {}),
    pageBreaksBefore,
    tableHeaderRows: tables.map((table) => table.grid.definition.headerRows),
    mergedLabels: tables.flatMap((table) =>
      table.grid.anchors.flatMap((cell) => (cell.rowSpan > 1 && cell.content.kind === 'label' ? [cell.content.text] : [])),
    ),
  };
}

export async function violations(document: ReportDocument): Promise<string[]> {
  const { bytes } = await renderPdf(document, { fonts, creationDate: new Date('2025-01-20T00:00:00Z') });
  return (await checkPagination(bytes, tableFacts(document))).violations;
}

/** A data file of samples/, composed as `xxgk build` composes it. */
export async function sampleDocument(file: string): Promise<ReportDocument> {
  const { report, format } = await validateReportFile(`samples/${file}`);
  if (!report || !format) throw new Error(`${file} does not load`);
  return composeReport(report, format as FormatDefinition<unknown>);
}

export const SEED_FILES = readdirSync('samples').filter((file) => file.startsWith('seed-') && file.endsWith('.yaml')).sort();

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
