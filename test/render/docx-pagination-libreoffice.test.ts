/**
 * The DOCX's page breaks against the PDF's (issue #13 item 2, spec §6.9):
 * the sample, the five seeds, the ten published samples and the long bench report, each rendered by
 * xxgk as PDF and as DOCX laid out by LibreOffice with the bundled fonts (a
 * private fontconfig, see test/helpers/libreoffice.ts); every page of both
 * is named by its first characters (test/helpers/page-starts.ts).
 *
 * The goal is every page; what LibreOffice's layout reaches today is the
 * floor asserted here, so a change that loses pages fails.
 */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateReport } from '../../scripts/report-generator.mjs';
import { composeReport } from '../../src/compose/compose.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import type { ReportDocument } from '../../src/document/model.js';
import { pdfTableBreaks } from '../../src/render/pdf/breaks.js';
import { tableSetting } from '../../src/tables/widths.js';
import { valueKey } from '../../src/document/model.js';
import { hasLatinMetricFont, hasPoppler, hasSoffice, LATIN_FONT_HINT, LIBREOFFICE_HINT, POPPLER_HINT } from '../helpers/libreoffice.js';
import { comparePageStarts } from '../helpers/page-starts.js';
import { skipWithout } from '../helpers/requires.js';
import { sampleReport } from '../helpers/sample.js';
import { BUNDLED_FONTS, PUBLISHED_FILES, sampleDocument, SEED_FILES } from '../helpers/pagination-cases.js';

const skip = [
  skipWithout('LibreOffice (soffice)', hasSoffice(), LIBREOFFICE_HINT),
  skipWithout('poppler (pdftotext)', hasPoppler(), POPPLER_HINT),
  skipWithout('Liberation Serif', hasLatinMetricFont(), LATIN_FONT_HINT),
].some(Boolean);

const fonts = BUNDLED_FONTS;

/**
 * Pages that start alike in the DOCX (LibreOffice 7.4) and the PDF, at least: measured 2026-12-05,
 * 128 of 137 pages in all (109 before issue #13's last steps). What got there: the PDF sets Latin
 * letters and digits in Times New Roman's metrics (bundled Tinos; LibreOffice: Liberation Serif) with
 * the DOCX's −0.25 pt spacing, and adds the 0.2 em autospace Word and LibreOffice put between Chinese
 * and Latin letters or digits (LibreOffice's DOCX import ignores `w:autoSpaceDE`/`w:autoSpaceDN`, so it
 * is always there); the DOCX's tables break where the PDF's paginator breaks them, their table text is
 * two lines to a grid line less the rules, and the rows give the table's top and bottom rules their
 * room (LibreOffice sets them outside the rows). Before the page-break rules: sample 5/7, seeds 4/6,
 * 7/11, 9/12, 3/8, 5/12, long 2/13. The 9 pages left differ by line breaking in LibreOffice that
 * still differs from the PDF's (one line more or less in a long paragraph: seed-000 p5, seed-002 p6,
 * seed-003 p6, long p14; 平潭 2021 from p3, where a paragraph of mixed Chinese and digits breaks
 * differently and moves everything after it).
 */
const FLOOR: Record<string, number> = {
  sample: 8,
  'seed-000-细河区2018.yaml': 5,
  'seed-001-柳州市城中区2020.yaml': 11,
  'seed-002-珠晖区信息公开和网上审批工作总结.yaml': 11,
  'seed-003-桃源县陬市镇2017.yaml': 7,
  'seed-004-包头市青山区2017.yaml': 12,
  long: 13,
  'published/cn-fujian-pingtan-2021.yaml': 2,
  'published/cn-fujian-pingtan-2022.yaml': 8,
  'published/cn-fujian-pingtan-2023.yaml': 7,
  'published/cn-fujian-pingtan-2024.yaml': 6,
  'published/cn-fujian-pingtan-2025.yaml': 6,
  'published/cn-fujian-pingtan-jinjing-2023.yaml': 7,
  'published/cn-jiangsu-hongze-district-2023.yaml': 6,
  'published/cn-jiangsu-hongze-district-2024.yaml': 6,
  'published/cn-jiangsu-huaian-city-2024.yaml': 6,
  'published/cn-shanghai-stcsm-2024.yaml': 7,
  // The corpus's second round (measured 2026-12-05 10:14): 37 of 38 pages; 海坛 2024 differs from page 2 by a line break.
  'published/cn-fujian-pingtan-haitan-2021.yaml': 7,
  'published/cn-fujian-pingtan-haitan-2022.yaml': 7,
  'published/cn-fujian-pingtan-haitan-2023.yaml': 6,
  'published/cn-fujian-pingtan-haitan-2024.yaml': 5,
  'published/cn-fujian-pingtan-haitan-2025.yaml': 6,
  'published/cn-fujian-pingtan-jinjing-2024.yaml': 6,
};

const run = promisify(execFile);

/** A PDF's printed characters, white space and page numbers left out. */
async function printedText(pdf: string): Promise<string> {
  const { stdout } = await run('pdftotext', [pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.normalize('NFKC').replace(/\s+/g, '').replace(/—\d+—/g, '');
}

/** The words of each page of a PDF (pdftotext -bbox), with their left edge. */
async function pageWords(pdf: string): Promise<{ text: string; x: number }[][]> {
  const { stdout } = await run('pdftotext', ['-bbox', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout
    .split('<page ')
    .slice(1)
    .map((page) => [...page.matchAll(/<word xMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({ x: Number(m[1]), text: m[2]!.normalize('NFKC') })));
}

/**
 * The merged labels the PDF's page breaks cut (spec §6.9: repeated on the
 * next page), each as the lines it is printed in (src/tables/widths.ts).
 */
function cutLabels(document: ReportDocument): string[][] {
  const tables = document.blocks.flatMap((block) => (block.kind === 'table' ? [block] : []));
  const breaks = pdfTableBreaks(document, BUNDLED_FONTS);
  return tables.flatMap((block, i) => {
    const setting = tableSetting(block.grid, (cell) => block.values.get(valueKey(cell.content.key))?.text);
    return block.grid.anchors.flatMap((cell) => {
      if (cell.content.kind !== 'label' || cell.rowSpan < 2) return [];
      if (!breaks[i]!.breaks.some((row) => row > cell.row && row < cell.row + cell.rowSpan)) return [];
      return [(setting.labelLines(cell) ?? [cell.content.text]).map((line) => line.normalize('NFKC'))];
    });
  });
}

/** Pages (from 1) on which every line of `label` stands as a word in the table's first columns. */
function pagesWithLabel(pages: { text: string; x: number }[][], label: string[]): number[] {
  return pages.flatMap((words, i) => (label.every((line) => words.some((word) => word.text === line && word.x < 200)) ? [i + 1] : []));
}

describe.skipIf(skip)('a merged label cut by a page break, in LibreOffice', () => {
  it('the sample: 三、本年度办理结果 is printed on both pages of 表二, in the DOCX as in the PDF', async () => {
    const document = composeReport(sampleReport(), v2021Format);
    const labels = cutLabels(document);
    expect(labels.map((lines) => lines.join(''))).toContain('三、本年度办理结果');
    const folder = await mkdtemp(path.join(tmpdir(), 'xxgk-label-'));
    const result = await comparePageStarts(document, fonts, folder, 'report');
    const [pdfPages, docxPages] = await Promise.all([pageWords(path.join(folder, 'report.xxgk.pdf')), pageWords(result.docxPdf)]);
    for (const label of labels) {
      const inPdf = pagesWithLabel(pdfPages, label);
      expect(inPdf.length, label.join('')).toBeGreaterThanOrEqual(2);
      // The page after the break shows the label, as in the PDF.
      expect(pagesWithLabel(docxPages, label), label.join('')).toEqual(inPdf);
    }
  }, 300_000);
});

describe.skipIf(skip)('DOCX pages (LibreOffice) start where the PDF pages start', () => {
  const cases: [string, () => Promise<ReturnType<typeof composeReport>>][] = [
    ['sample', async () => composeReport(sampleReport(), v2021Format)],
    ...[...SEED_FILES, ...PUBLISHED_FILES].map((file): [string, () => Promise<ReturnType<typeof composeReport>>] => [file, () => sampleDocument(file)]),
    ['long', async () => composeReport(v2021Format.schema.parse(generateReport(1, { size: 'long' })), v2021Format)],
  ];
  for (const [name, document] of cases) {
    it(name, async () => {
      const folder = await mkdtemp(path.join(tmpdir(), 'xxgk-pages-'));
      const result = await comparePageStarts(await document(), fonts, folder, 'report');
      console.log(`${name}: ${result.matching.length}/${result.pdf.length} pages start alike (DOCX ${result.docx.length} pages); first difference: page ${result.firstDifference}`);
      console.log(JSON.stringify({ pdf: result.pdf, docx: result.docx }));
      expect(result.matching.length).toBeGreaterThanOrEqual(FLOOR[name]!);
      // Nothing lost: LibreOffice once dropped the rows of a table part that a keepNext chain could not place.
      const [pdfText, docxText] = await Promise.all([printedText(path.join(folder, 'report.xxgk.pdf')), printedText(result.docxPdf)]);
      expect(docxText.length).toBe(pdfText.length);
    }, 300_000);
  }
});
