/**
 * The PDF of the bundled sample, measured from the glyphs pdfjs reads back:
 * page geometry, the 22 × 28 grid, justification, 避头尾, page numbers, fonts
 * embedded as subsets with ToUnicode maps, and text in reading order.
 * Fonts: the bundled open fonts only (no system fonts), as on a clean CI machine.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import type { ReportDocument } from '../../src/document/model.js';
import { valueKey } from '../../src/document/model.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { resolveFonts, type ResolvedFonts } from '../../src/fonts/resolve.js';
import { renderPdf, type PdfResult } from '../../src/render/pdf.js';
import { NO_LINE_START } from '../../src/render/pdf/breaking.js';
import { CHAR_PITCH, LINE_PITCH, MM, PAGE, TEXT_WIDTH } from '../../src/render/pdf/layout.js';
import { inspectPdf, linesOf, type InspectedPdf, type PdfLine } from '../fonts/support/pdf-inspect.js';
import { sampleReport } from '../helpers/sample.js';

let document: ReportDocument;
let fonts: ResolvedFonts;
let result: PdfResult;
let pdf: InspectedPdf;

const RIGHT_EDGE = PAGE.left + TEXT_WIDTH;
const BODY_BASELINE = (LINE_PITCH - 16) / 2 + 0.88 * 16; // from the top of a grid line

beforeAll(async () => {
  document = composeReport(sampleReport(), v2021Format);
  fonts = resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));
  result = await renderPdf(document, { fonts, creationDate: new Date('2025-01-20T00:00:00Z') });
  pdf = await inspectPdf(result.bytes);
}, 60_000);

/** Lines of 3号 text (body, headings, signature) inside the text block. */
function bodyLines(): PdfLine[] {
  return linesOf(pdf, (g) => g.size === 16 && g.y < PAGE.height - PAGE.bottom);
}

describe('PDF of the bundled sample', () => {
  it('is A4, as many pages as laid out, under 300 KB', () => {
    expect(pdf.pages.length).toBe(result.pages);
    expect(pdf.pages.length).toBeGreaterThanOrEqual(5);
    for (const page of pdf.pages) {
      expect(page.width).toBeCloseTo(595.28, 1);
      expect(page.height).toBeCloseTo(841.89, 1);
    }
    expect(result.bytes.length).toBeLessThan(300 * 1024);
  });

  it('embeds every font as a subset', () => {
    expect(pdf.fonts.length).toBeGreaterThan(0);
    for (const font of pdf.fonts) {
      expect(font.embedded).toBe(true);
      expect(font.name).toMatch(/^[A-Z]{6}\+/);
    }
  });

  it('extracts the document text in reading order (ToUnicode maps)', () => {
    const pageText = pdf.pages
      .map((page) => page.glyphs.filter((g) => g.y < PAGE.height - PAGE.bottom).map((g) => g.char).join(''))
      .join('')
      .replace(/\s+/g, '');
    let cursor = 0;
    const expectNext = (text: string) => {
      const wanted = text.replace(/\s+/g, '');
      const at = pageText.indexOf(wanted, cursor);
      expect(at, `“${wanted.slice(0, 30)}” after position ${cursor}`).toBeGreaterThanOrEqual(0);
      cursor = at + wanted.length;
    };
    for (const block of document.blocks) {
      switch (block.kind) {
        case 'title':
          block.lines.forEach(expectNext);
          break;
        case 'heading':
        case 'paragraph':
          expectNext(block.text);
          break;
        case 'table':
          for (const cell of block.grid.anchors) {
            expectNext(cell.content.kind === 'label' ? cell.content.text : block.values.get(valueKey(cell.content.key))!.text);
          }
          break;
        case 'signature':
          block.names.forEach(expectNext);
          expectNext(block.date);
          break;
        case 'pageBreak':
          break;
      }
    }
  });

  it('puts every line of 3号 text on the 22-line grid, 22 lines on a full page', () => {
    const lines = bodyLines();
    for (const line of lines) {
      const gridLine = (line.y - PAGE.top - BODY_BASELINE) / LINE_PITCH;
      expect(Math.abs(gridLine - Math.round(gridLine)), `${line.text} on page ${line.page}`).toBeLessThan(0.01);
    }
    // A page of text only (no title, no table) whose text runs on to the next page is full.
    const topGlyph = (i: number) => [...(pdf.pages[i]?.glyphs ?? [])].sort((a, b) => a.y - b.y)[0];
    const fullPages = pdf.pages
      .map((page, i) => ({ page, number: i + 1 }))
      .filter(({ page, number }) => page.glyphs.every((g) => g.size === 16 || g.size === 14) && topGlyph(number)?.size === 16);
    expect(fullPages.length).toBeGreaterThan(0);
    // Full, or short because what starts the next page goes together by spec §6.9 (the sample's page 3:
    // 二、's heading, its lead-in and 表一's first rows). The rules themselves are checked in pdf-pagination.test.ts.
    const counts = fullPages.map(({ number }) => lines.filter((line) => line.page === number).length);
    expect(counts.filter((count) => count === 22).length).toBeGreaterThan(0);
    for (const [i, count] of counts.entries()) {
      const number = fullPages[i]!.number;
      const nextFirst = lines.find((line) => line.page === number + 1);
      if (count < 22) expect(nextFirst?.text, `page ${number}: ${count} lines`).toMatch(/^\s*[一二三四五六七八九十]+、|^\s*（[一二三四五六七八九十]+）/);
    }
  });

  it('justifies full lines to the right edge; a full line of Chinese holds 28 characters', () => {
    const lines = bodyLines().filter((line) => Math.abs(line.left - PAGE.left) < 0.5 || Math.abs(line.left - PAGE.left - 2 * CHAR_PITCH) < 0.5);
    let checked = 0;
    let fullChinese = 0;
    lines.forEach((line, i) => {
      const next = lines[i + 1];
      // A line is followed by more of its paragraph when the next line is not indented.
      const continues = next !== undefined && Math.abs(next.left - PAGE.left) < 0.5;
      if (!continues) return;
      checked++;
      expect(Math.abs(line.right - RIGHT_EDGE), `right edge of “${line.text}”`).toBeLessThan(0.5);
      const indented = Math.abs(line.left - PAGE.left - 2 * CHAR_PITCH) < 0.5 ? 2 : 0;
      if ([...line.text].every((c) => c.codePointAt(0)! >= 0x2000)) {
        fullChinese++;
        const cells = [...line.text].length;
        const pushed = NO_LINE_START.has([...next!.text][1] ?? '') || /[（《“‘〔【]/.test([...next!.text][0] ?? '');
        expect(cells === 28 - indented || (pushed && cells === 27 - indented), `${cells} characters in “${line.text}”`).toBe(true);
      }
    });
    expect(checked).toBeGreaterThan(30);
    expect(fullChinese).toBeGreaterThan(5);
  });

  it('never begins a line with closing punctuation', () => {
    for (const line of linesOf(pdf)) {
      expect(NO_LINE_START.has([...line.text][0] ?? ''), `line “${line.text}” on page ${line.page}`).toBe(false);
    }
    // Table cells are separate lines side by side; check each cell's first character too.
    for (const page of pdf.pages) {
      const small = page.glyphs.filter((g) => g.size < 14).sort((a, b) => a.y - b.y || a.x - b.x);
      small.forEach((glyph, i) => {
        const previous = small[i - 1];
        const startsRun = !previous || Math.abs(previous.y - glyph.y) > 0.1 || glyph.x - (previous.x + previous.width) > 3;
        if (startsRun) expect(NO_LINE_START.has(glyph.char), `table text starting “${glyph.char}”`).toBe(false);
      });
    }
  });

  it('numbers pages “— N —” in 4号, odd pages right and even pages left, 7 mm under the text block', () => {
    pdf.pages.forEach((page, i) => {
      const number = i + 1;
      const glyphs = page.glyphs.filter((g) => g.y > PAGE.height - PAGE.bottom).sort((a, b) => a.x - b.x);
      expect(glyphs.map((g) => g.char).join('')).toBe(`— ${number} —`);
      for (const glyph of glyphs) expect(glyph.size).toBe(14);
      const left = glyphs[0]!.x;
      const right = glyphs.at(-1)!.x + glyphs.at(-1)!.width;
      if (number % 2 === 1) expect(right).toBeCloseTo(PAGE.width - PAGE.right - 14, 1);
      else expect(left).toBeCloseTo(PAGE.left + 14, 1);
      // The dash sits about 28 mm above the bottom edge (its centre, within a point).
      const baselineFromBottom = page.height - glyphs[0]!.y;
      expect(baselineFromBottom).toBeGreaterThan(28 * MM - 14 * 0.5);
      expect(baselineFromBottom).toBeLessThan(28 * MM);
    });
  });

  it('sets the title in 2号, centred, and tables inside the text block', () => {
    const title = linesOf(pdf, (g) => g.size === 22);
    expect(title.map((l) => l.text)).toEqual((document.blocks[0] as { lines: string[] }).lines);
    for (const line of title) expect((line.left + line.right) / 2).toBeCloseTo(PAGE.left + TEXT_WIDTH / 2, 0);
    for (const page of pdf.pages) {
      for (const glyph of page.glyphs.filter((g) => g.size < 14)) {
        expect(glyph.x).toBeGreaterThanOrEqual(PAGE.left);
        expect(glyph.x + glyph.width).toBeLessThanOrEqual(RIGHT_EDGE + 0.01);
      }
    }
  });

  it('reports the bundled fonts standing in for the mandated ones', () => {
    const substituted = result.warnings.filter((w) => w.code === 'FONT-SUBSTITUTED');
    expect(substituted.map((w) => (w.code === 'FONT-SUBSTITUTED' ? w.role : ''))).toEqual(['title', 'body', 'heading1', 'heading2', 'pageNumber']);
    expect(result.warnings.some((w) => w.code === 'FONT-MISSING-GLYPHS')).toBe(false);
  });

  it('is the same bytes when rendered again with the same fonts and date', async () => {
    const again = await renderPdf(document, { fonts, creationDate: new Date('2025-01-20T00:00:00Z') });
    expect(Buffer.from(again.bytes).equals(Buffer.from(result.bytes))).toBe(true);
  });
});
