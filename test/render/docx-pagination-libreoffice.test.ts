/**
 * The DOCX's page breaks against the PDF's (issue #13 item 2, spec §6.9):
 * the sample, the five seeds, the ten published samples and the long bench report, each rendered by
 * xxgk as PDF and as DOCX laid out by LibreOffice with the bundled fonts (a
 * private fontconfig, see test/helpers/libreoffice.ts); every page of both
 * is named by its first characters (test/helpers/page-starts.ts).
 *
 * The goal is every page, and every page is reached: the floor asserted
 * here is each document's page count, so a change that loses a page fails.
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
 * Pages that start alike in the DOCX (LibreOffice 7.4) and the PDF: every page of every document, measured
 * 2026-12-05 (175 of 175 pages; 166 before this step, 109 before issue #13's last steps). What got there: the PDF
 * sets Latin letters and digits in Times New Roman's metrics (bundled Tinos; LibreOffice: Liberation Serif) with
 * the DOCX's −0.25 pt spacing, and adds the 0.2 em autospace Word and LibreOffice put between Chinese and Latin
 * letters or digits (LibreOffice's DOCX import ignores `w:autoSpaceDE`/`w:autoSpaceDN`, so it is always there);
 * the DOCX's tables break where the PDF's paginator breaks them, their table text is two lines to a grid line less
 * the rules, and the rows give the table's top and bottom rules their room (LibreOffice sets them outside the
 * rows). The last nine pages differed by line breaking, now the PDF's (src/render/pdf/typeset.ts, breaking.ts):
 * - width: the PDF broke grid text by its 15.793 pt grid cell where the DOCX's characters take 16 − 0.25 pt, and
 *   LibreOffice leaves the −0.25 pt off a line's last character and off each run before a Chinese–Latin change
 *   (seed-002 p6 “重大建|设”, long p14 “方式|提”, seed-004 “达|到600”); the PDF now breaks by the DOCX's measure;
 * - break opportunities: where a line overflows in digits or Latin letters, LibreOffice asks its en-US break
 *   iterator, which keeps closing punctuation with a digit after it (平潭 2021 p3 “便函|〔2021〕39号”, seed-000
 *   p5 “良好。2018年”, 海坛 2024 p2 “发布，2024年”), a digit with an opening bracket, quotes with their neighbours;
 *   the PDF now does the same there (test/render/pdf-linebreak-libreoffice.test.ts);
 * - the signature: the PDF takes the last two lines along, the DOCX kept the last two paragraphs with it, and
 *   LibreOffice moves a whole paragraph that keeps with the next (long p14, seed-002 p6); the DOCX now keeps them
 *   as the PDF's layout does (src/render/docx.ts `keepsWithNext`).
 * Left as they are, not met in these documents: a URL or e-mail address breaks after / . - _ @ in the PDF (spec
 * §6.9 item 8) and not in LibreOffice; a line may start with … % ℃ in LibreOffice and not in the PDF (避头尾).
 */
const FLOOR: Record<string, number> = {
  sample: 8,
  'seed-000-细河区2018.yaml': 6,
  'seed-001-柳州市城中区2020.yaml': 11,
  'seed-002-珠晖区信息公开和网上审批工作总结.yaml': 12,
  'seed-003-桃源县陬市镇2017.yaml': 8,
  'seed-004-包头市青山区2017.yaml': 12,
  long: 14,
  'published/cn-fujian-pingtan-2021.yaml': 7,
  'published/cn-fujian-pingtan-2022.yaml': 8,
  'published/cn-fujian-pingtan-2023.yaml': 7,
  'published/cn-fujian-pingtan-2024.yaml': 6,
  'published/cn-fujian-pingtan-2025.yaml': 6,
  'published/cn-fujian-pingtan-jinjing-2023.yaml': 7,
  'published/cn-jiangsu-hongze-district-2023.yaml': 6,
  'published/cn-jiangsu-hongze-district-2024.yaml': 6,
  'published/cn-jiangsu-huaian-city-2024.yaml': 6,
  'published/cn-shanghai-stcsm-2024.yaml': 7,
  'published/cn-fujian-pingtan-haitan-2021.yaml': 7,
  'published/cn-fujian-pingtan-haitan-2022.yaml': 7,
  'published/cn-fujian-pingtan-haitan-2023.yaml': 6,
  'published/cn-fujian-pingtan-haitan-2024.yaml': 6,
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
      expect(result.docx.length).toBe(result.pdf.length);
      // Nothing lost: LibreOffice once dropped the rows of a table part that a keepNext chain could not place.
      const [pdfText, docxText] = await Promise.all([printedText(path.join(folder, 'report.xxgk.pdf')), printedText(result.docxPdf)]);
      expect(docxText.length).toBe(pdfText.length);
    }, 300_000);
  }
});
