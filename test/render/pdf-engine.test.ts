/**
 * The PDF engine against plain pdfkit. Our engine hands pre-placed lines to
 * pdfmake's renderer and overrides parts of pdfkit (writer.ts: text runs
 * written directly as `Tm`/`Tf`/`TJ`, graphics state not repeated, content
 * streams buffered and compressed by us; fonts.ts: our own font embedding and
 * glyph positioning). Those overrides lean on private internals of pdfmake
 * and pdfkit, so here the same pages are drawn twice — through the engine,
 * and through pdfkit's public API alone with pdfkit's own font embedding
 * (support/reference-pdf.ts) — and pdfjs must read back the same text, the
 * same glyphs at the same places (to 0.01 pt) and the same rules. An upgrade
 * that breaks an override fails here instead of writing wrong PDFs.
 *
 * The pages: the bundled sample's first page (title, justified body on the
 * character grid), its first page with a table (cell text, rules), and a page
 * of Latin text and digits in every style; page numbers on all of them.
 * Fonts: the bundled Noto fonts only.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { documentFlow, textPiece } from '../../src/render/pdf/content.js';
import { renderPages } from '../../src/render/pdf/engine.js';
import { FontView } from '../../src/render/pdf/fonts.js';
import { documentFonts } from '../../src/render/pdf.js';
import { FIRST_LINE_INDENT, PAGE, PAGE_NUMBER, TEXT_WIDTH } from '../../src/render/pdf/layout.js';
import { GlyphLedger } from '../../src/render/pdf/ledger.js';
import { paginate } from '../../src/render/pdf/paginate.js';
import { placePages, type Drawing, type Piece } from '../../src/render/pdf/place.js';
import { STYLE, ViewRegistry, type TextStyle } from '../../src/render/pdf/styles.js';
import { setText, type TypesetContext } from '../../src/render/pdf/typeset.js';
import { inspectPdf, type InspectedPdf } from '../fonts/support/pdf-inspect.js';
import { sampleReport } from '../helpers/sample.js';
import { readPages, referencePdf, type ReadPage } from './support/reference-pdf.js';

/** Positions agree to this many points. */
const TOLERANCE = 0.01;

let pages: Drawing[][];
let ours: { glyphs: InspectedPdf; read: ReadPage[] };
let reference: { glyphs: InspectedPdf; read: ReadPage[] };
let runsWrittenByPdfkit = 0;
let runsWrittenDirectly = 0;
let adjustedRuns = 0;


/** A page of Latin text, digits and mixed text in every style and alignment. */
function latinPage(context: TypesetContext): Piece[] {
  const set = (text: string, style: TextStyle, alignment: 'justify' | 'left' | 'center' | 'right', firstIndent = 0) =>
    setText(context, text, style, '测试', { width: TEXT_WIDTH, alignment, firstIndent }).map((line) => textPiece(line));
  return [
    ...set('Engine Check 2024 引擎核对', STYLE.title, 'center'),
    ...set('一、Latin, digits 0123456789 and 中文', STYLE.heading1, 'justify', FIRST_LINE_INDENT),
    ...set('（一）Second-level heading 第二级 No. 42', STYLE.heading2, 'justify'),
    ...set(
      '本年度共收到申请 1,234 件，同比增长 12.35%；网址 http://a.example.gov.cn/xxgk/ 可以查询。ABCDEFG abcdefg 0123456789，' +
        '另有一些中文用来换行和两端对齐，以便检验每一行的字距调整（justification）是否照样写出。',
      STYLE.body,
      'justify',
      FIRST_LINE_INDENT,
    ),
    ...set('The quick brown fox jumps over the lazy dog, 0123456789 times; then the quick brown fox jumps again over the dog.', STYLE.body, 'justify'),
    ...set('青禾区人民政府办公室 2025年1月20日', STYLE.body, 'right'),
  ];
}

/** A page number as pdf.ts places it: right on odd pages, left on even ones. */
function pageNumber(context: TypesetContext, page: number): Drawing {
  const [line] = setText(context, `\u2014 ${page} \u2014`, STYLE.pageNumber, '页码', { width: PAGE.width, alignment: 'left' });
  const y = PAGE.height - PAGE.bottom + 20;
  if (page % 2 === 1) return { kind: 'text', line: line!, x: 0, y, width: PAGE.width - (PAGE.right + PAGE_NUMBER.inset), alignment: 'right' };
  return { kind: 'text', line: line!, x: PAGE.left + PAGE_NUMBER.inset, y, width: PAGE.width - (PAGE.left + PAGE_NUMBER.inset), alignment: 'left' };
}

beforeAll(async () => {
  const fonts = resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));
  const views = new ViewRegistry();
  const context: TypesetContext = { fonts, views, ledger: new GlyphLedger() };
  const sample = paginate(documentFlow(composeReport(sampleReport(), v2021Format).blocks, context));
  const tablePage = sample.find((pieces) => pieces.some((piece) => piece.kind === 'table'))!;
  pages = placePages([sample[0]!, tablePage, latinPage(context)], (page) => pageNumber(context, page));

  // Which runs the engine wrote itself (FontView.showText) and which it left to pdfkit's text() (FontView.encode).
  const showText = vi.spyOn(FontView.prototype, 'showText');
  const encode = vi.spyOn(FontView.prototype, 'encode');
  const rendered = await renderPages(
    { pageSize: { width: PAGE.width, height: PAGE.height }, info: { Title: 'engine' }, language: 'zh-CN' },
    pages,
    (pdf) => documentFonts(pdf, views),
  );
  runsWrittenDirectly = showText.mock.calls.length;
  adjustedRuns = showText.mock.results.filter(
    (result) => typeof result.value === 'string' && [...result.value.matchAll(/> (-?[\d.]+)/g)].some((m) => Number(m[1]) !== 0),
  ).length;
  runsWrittenByPdfkit = encode.mock.calls.length;
  vi.restoreAllMocks();

  const referenceBytes = await referencePdf(PAGE, pages, views.specs);
  ours = { glyphs: await inspectPdf(rendered.bytes), read: await readPages(rendered.bytes) };
  reference = { glyphs: await inspectPdf(referenceBytes), read: await readPages(referenceBytes) };
}, 120_000);

afterAll(() => vi.restoreAllMocks());

/** The font's name without the subset tag. */
const baseName = (name: string) => name.replace(/^[A-Z]{6}\+/, '');

describe('the PDF engine, against plain pdfkit', () => {
  it('draws pages with CJK, Latin, digits, justified runs, table rules and page numbers, every run through its own fast path', () => {
    const text = ours.glyphs.pages.map((page) => page.glyphs.map((g) => g.char).join('')).join('');
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(text).toMatch(/[A-Za-z]/);
    expect(text).toMatch(/\d/);
    expect(text).toContain('\u2014');
    expect(ours.read.some((page) => page.segments.length > 0)).toBe(true);
    // Justified runs and the character grid: glyphs moved from their natural advance by a TJ adjustment.
    expect(adjustedRuns).toBeGreaterThan(10);
    const runs = pages.flat().reduce((sum, d) => sum + (d.kind === 'text' ? d.line.runs.length : 0), 0);
    expect(runsWrittenDirectly).toBe(runs);
    expect(runsWrittenByPdfkit).toBe(0);
  });

  it('puts every glyph where pdfkit puts it, in the same font and size', () => {
    expect(ours.glyphs.pages).toHaveLength(pages.length);
    expect(reference.glyphs.pages).toHaveLength(pages.length);
    ours.glyphs.pages.forEach((page, p) => {
      const expected = reference.glyphs.pages[p]!;
      expect(page.width).toBeCloseTo(expected.width, 6);
      expect(page.height).toBeCloseTo(expected.height, 6);
      expect(page.glyphs.map((g) => g.char).join('')).toBe(expected.glyphs.map((g) => g.char).join(''));
      page.glyphs.forEach((glyph, i) => {
        const want = expected.glyphs[i]!;
        const where = `page ${p + 1}, glyph ${i} “${glyph.char}”`;
        expect(Math.abs(glyph.x - want.x), `${where}: x ${glyph.x} vs ${want.x}`).toBeLessThan(TOLERANCE);
        expect(Math.abs(glyph.y - want.y), `${where}: y ${glyph.y} vs ${want.y}`).toBeLessThan(TOLERANCE);
        expect(Math.abs(glyph.width - want.width), `${where}: advance`).toBeLessThan(TOLERANCE);
        expect(glyph.size, where).toBe(want.size);
        expect(baseName(glyph.font), where).toBe(baseName(want.font));
      });
    });
  });

  it('embeds the same faces, as subsets', () => {
    const names = (pdf: InspectedPdf) => [...new Set(pdf.fonts.map((font) => baseName(font.name)))].sort();
    expect(names(ours.glyphs)).toEqual(names(reference.glyphs));
    for (const font of ours.glyphs.fonts) {
      expect(font.embedded).toBe(true);
      expect(font.name).toMatch(/^[A-Z]{6}\+/);
    }
  });

  it('gives the same text layer: the same text, each of our text items starting on a glyph of the reference', () => {
    ours.read.forEach((page, p) => {
      const expected = reference.read[p]!;
      const joined = (read: ReadPage) => read.items.map((item) => item.str).join('').replace(/\s+/g, '');
      expect(joined(page)).toBe(joined(expected));
      const glyphs = reference.glyphs.pages[p]!.glyphs;
      for (const item of page.items) {
        const first = [...item.str.trimStart()][0];
        if (first === undefined) continue;
        const offset = item.str.length - item.str.trimStart().length;
        const match = glyphs.find(
          (g) => g.char === first && Math.abs(g.y - item.y) < TOLERANCE && (offset > 0 || Math.abs(g.x - item.x) < TOLERANCE),
        );
        expect(match, `page ${p + 1}: “${item.str.slice(0, 20)}” at (${item.x.toFixed(3)}, ${item.y.toFixed(3)})`).toBeDefined();
      }
    });
  });

  it('strokes the same table rules, as thick, in the same places', () => {
    const sorted = (read: ReadPage) =>
      [...read.segments].sort((a, b) => a.y1 - b.y1 || a.x1 - b.x1 || a.y2 - b.y2 || a.x2 - b.x2);
    expect(ours.read.some((page) => page.segments.length > 0)).toBe(true);
    ours.read.forEach((page, p) => {
      const mine = sorted(page);
      const theirs = sorted(reference.read[p]!);
      expect(mine).toHaveLength(theirs.length);
      mine.forEach((segment, i) => {
        const want = theirs[i]!;
        for (const key of ['x1', 'y1', 'x2', 'y2', 'width'] as const) {
          expect(Math.abs(segment[key] - want[key]), `page ${p + 1}, rule ${i}: ${key}`).toBeLessThan(TOLERANCE);
        }
      });
    });
  });
});
