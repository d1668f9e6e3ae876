/**
 * The documents whose page breaks the tests check (the sample, the seeds, the
 * bench generator's reports), and what the pagination checker needs to know
 * of a document (its tables, signature and explicit page breaks).
 */
import { readdirSync } from 'node:fs';
import { composeReport } from '../../src/compose/compose.js';
import type { ReportDocument } from '../../src/document/model.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { resolveFonts } from '../../src/fonts/resolve.js';
import type { FormatDefinition } from '../../src/formats/format.js';
import { renderPdf } from '../../src/render/pdf.js';
import { validateReportFile } from '../../src/validate/index.js';
import { checkPagination, type PaginationOptions } from './pagination-check.js';

/** The bundled faces only, as on a clean CI machine. */
export const BUNDLED_FONTS = resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));
const fonts = BUNDLED_FONTS;

/** What the checker needs to know of a document: its tables, signature date and explicit page breaks. */
export function documentFacts(document: ReportDocument): PaginationOptions {
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

/** The document's PDF (bundled fonts). */
export async function pdfOf(document: ReportDocument): Promise<Uint8Array> {
  return (await renderPdf(document, { fonts, creationDate: new Date('2025-01-20T00:00:00Z') })).bytes;
}

/** The checker's findings on the document's PDF (bundled fonts). */
export async function violations(document: ReportDocument, bytes?: Uint8Array): Promise<string[]> {
  return (await checkPagination(bytes ?? (await pdfOf(document)), documentFacts(document))).violations;
}

/** A data file of samples/, composed as `xxgk build` composes it. */
export async function sampleDocument(file: string): Promise<ReportDocument> {
  const { report, format } = await validateReportFile(`samples/${file}`);
  if (!report || !format) throw new Error(`${file} does not load`);
  return composeReport(report, format as FormatDefinition<unknown>);
}

export const SEED_FILES = readdirSync('samples').filter((file) => file.startsWith('seed-') && file.endsWith('.yaml')).sort();

/**
 * The real published reports of samples/published/ (`source: published`),
 * as data files of samples/ (`published/<name>.yaml`). They load with their
 * 勾稽 findings (洪泽区 2023 has real ones; `xxgk build --force` builds it):
 * composing does not depend on them.
 */
export const PUBLISHED_FILES = readdirSync('samples/published')
  .filter((file) => file.endsWith('.yaml'))
  .sort()
  .map((file) => `published/${file}`);

