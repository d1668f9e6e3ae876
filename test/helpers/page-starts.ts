/**
 * Where pages start, compared between xxgk's PDF and the DOCX as LibreOffice
 * lays it out (issue #13 item 2): both documents are read back with poppler's
 * pdftotext, and each page is named by the first characters of its text
 * (whitespace dropped, NFKC, so that a font's Kangxi radicals and its ideographs
 * compare equal). The DOCX goes through soffice with the private fontconfig
 * of test/helpers/libreoffice.ts: the fonts are the bundled faces xxgk's PDF
 * uses, given to LibreOffice by the test itself.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ReportDocument } from '../../src/document/model.js';
import type { ResolvedFonts } from '../../src/fonts/resolve.js';
import { renderDocx } from '../../src/render/docx.js';
import { renderPdf } from '../../src/render/pdf.js';
import { soffice } from './libreoffice.js';

const run = promisify(execFile);

/** Characters of each page's text that name it. */
export const PAGE_START_CHARS = 10;

/** The first characters of each page's text (its page number line aside). */
export async function pageStarts(pdf: string): Promise<string[]> {
  const { stdout } = await run('pdftotext', [pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const pages = stdout.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages.map((page) =>
    page
      .normalize('NFKC')
      .split('\n')
      .filter((line) => !/^\s*—\s*\d+\s*—\s*$/.test(line))
      .join('')
      .replace(/\s+/g, '')
      .slice(0, PAGE_START_CHARS),
  );
}

export interface PageComparison {
  pdf: string[];
  docx: string[];
  /** LibreOffice's PDF of the DOCX. */
  docxPdf: string;
  /** Pages (by number, from 1) that start with the same text in both. */
  matching: number[];
  /** The first page that starts differently (1-based), or 0 when all match and the counts agree. */
  firstDifference: number;
}

/** Renders `document` as PDF (xxgk) and as DOCX → LibreOffice → PDF in `folder`, and compares where their pages start. */
export async function comparePageStarts(document: ReportDocument, fonts: ResolvedFonts, folder: string, name: string): Promise<PageComparison> {
  const pdfPath = path.join(folder, `${name}.xxgk.pdf`);
  const docxPath = path.join(folder, `${name}.docx`);
  await writeFile(pdfPath, (await renderPdf(document, { fonts, creationDate: new Date('2025-01-20T00:00:00Z') })).bytes);
  // As `xxgk build` makes it next to the PDF: its tables break where the PDF's do.
  await writeFile(docxPath, await renderDocx(document, { layoutFonts: fonts }));
  await soffice(folder, ['--convert-to', 'pdf', '--outdir', folder, docxPath], 180_000);
  const pdf = await pageStarts(pdfPath);
  const docx = await pageStarts(path.join(folder, `${name}.pdf`));
  const matching = pdf.flatMap((start, i) => (start === docx[i] ? [i + 1] : []));
  const firstDifference = pdf.findIndex((start, i) => start !== docx[i]);
  return {
    pdf,
    docx,
    docxPdf: path.join(folder, `${name}.pdf`),
    matching,
    firstDifference: firstDifference >= 0 ? firstDifference + 1 : pdf.length === docx.length ? 0 : pdf.length + 1,
  };
}
