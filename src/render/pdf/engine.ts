/**
 * Draws placed pages (place.ts) with pdfmake's renderer and pdfkit, with our
 * fonts. Our typesetter has already broken every line and the paginator and
 * placement have put every line and table rule where it goes, so pdfmake's
 * layout engine (which would measure and lay all of it out once more, the
 * bulk of a render's time) is not used: the pages are handed to pdfmake's
 * `Renderer` in the form its layout engine produces (`Line`s of inlines and
 * `vector`s), and it writes them through pdfkit as it always did.
 *
 * Fonts come from `FontView`s built on faces parsed once per process instead
 * of from files pdfmake would re-read and re-parse for every document.
 *
 * pdfmake's internals are loaded with require() from its published `js/`
 * folder; the package has no `exports` map. package.json pins pdfmake, pdfkit
 * and fontkit exactly, versions.ts checks the copies loaded before anything
 * is drawn, and test/render/pdf-engine.test.ts draws the same pages through
 * this engine and through plain pdfkit and compares them.
 *
 * Private parts we still depend on, and why (public API covers the rest):
 * - pdfmake 0.3.11 `js/PDFDocument.js` and its constructor's arguments
 *   (unexported): the pdfkit document with the colour, pattern and font
 *   helpers pdfmake's renderer calls.
 * - pdfmake `js/Renderer.js` (unexported): `renderPages()` and the pages it
 *   expects, as pdfmake's layout engine makes them (`line` and `vector`
 *   items; the inline fields `pdfmakeLine` fills in).
 * - pdfmake `js/Line.js` (unexported): the line object the renderer draws
 *   (`addInline`, `getWidth`, `x`, `y`).
 * - pdfkit 0.19.1 `_font` (writer.ts): pdfmake's renderer assigns each run's
 *   font object to it directly, and pdfkit has no public accessor; the
 *   writer reads it to recognise a run in one of our fonts. The font size
 *   comes from the public `fontSize()`.
 * - pdfkit `PDFReference` `write`/`finalize`/`buffer`/`compress` (writer.ts,
 *   `streamWrites`): no public hook into how a stream is buffered and deflated.
 * - pdfkit's font object interface (`FontView`: `id`, `ref`, `encode`,
 *   `widthOfString`, `lineHeight`, `ascender`…): what pdfkit and pdfmake call
 *   on a font; our views stand in for pdfkit's own embedded fonts.
 * - fontkit 2.0.4: the `cff` flag of a subset (subset.ts) and raw tables
 *   (`'OS/2'`, `post`) of a parsed font (fonts.ts).
 */
import { createRequire } from 'node:module';
import type { FontView, PdfRef } from './fonts.js';
import type { Drawing, PlacedRule, PlacedText } from './place.js';
import { checkEngineVersions, loadedEngineVersions } from './versions.js';
import { skippingRepeatedState, streamWrites, writingPlainRuns, type PdfKitDrawing, type PdfKitReference } from './writer.js';

/** The pdfkit document as we drive it. */
export interface PdfKitDocument {
  ref(data?: Record<string, unknown>): PdfRef;
  on(event: 'data', listener: (chunk: Buffer) => void): void;
  on(event: 'end' | 'error', listener: (error?: unknown) => void): void;
  end(): void;
}

/** An inline of pdfmake's `Line`: a run of text in one font view. */
interface Inline {
  text: string;
  font: FontView;
  fontSize: number;
  fontFeatures: { advances: number[] };
  width: number;
  height: number;
  color: string;
  opacity: number;
  characterSpacing: number;
  x?: number;
}

/** pdfmake's `Line` (0.3): inlines side by side, placed at (x, y). */
interface PdfmakeLine {
  x: number;
  y: number;
  addInline(inline: Inline): void;
  getWidth(): number;
}

/** A page as pdfmake's layout engine hands it to its renderer. */
interface PdfmakePage {
  pageSize: { width: number; height: number };
  items: ({ type: 'line'; item: PdfmakeLine } | { type: 'vector'; item: Record<string, unknown> })[];
}

interface PdfmakeModules {
  PDFDocument: new (...args: unknown[]) => PdfKitDrawing;
  Renderer: new (document: unknown, progress?: unknown) => { renderPages(pages: PdfmakePage[]): void };
  Line: new (maxWidth: number) => PdfmakeLine;
}

let modules: PdfmakeModules | undefined;

/**
 * Loads pdfmake's modules once; they hold no state of their own between
 * documents. First checks that pdfmake, pdfkit and fontkit are the versions
 * this engine was written for (versions.ts).
 */
function pdfmake(): PdfmakeModules {
  if (!modules) {
    const require = createRequire(import.meta.url);
    checkEngineVersions(loadedEngineVersions(require));
    const load = (name: string) => require(`pdfmake/js/${name}.js`) as Record<string, unknown>;
    modules = {
      PDFDocument: load('PDFDocument').default as PdfmakeModules['PDFDocument'],
      Renderer: load('Renderer').default as PdfmakeModules['Renderer'],
      Line: load('Line').default as PdfmakeModules['Line'],
    };
  }
  return modules;
}

/** Fonts of one document: views by the keys typeset lines name them with, and the hook that embeds them. */
export interface DocumentFonts {
  view(key: string): FontView;
  finalize(): void;
}

export interface DocumentInfo {
  pageSize: { width: number; height: number };
  info: Record<string, unknown>;
  language: string;
}

/**
 * Draws the pages and returns the PDF. `makeFonts` is called with the new
 * pdfkit document and returns the font views by key plus a hook that writes
 * every embedded font once all text is down.
 */
export async function renderPages(
  document: DocumentInfo,
  pages: readonly (readonly Drawing[])[],
  makeFonts: (pdf: PdfKitDocument) => DocumentFonts,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const { PDFDocument, Renderer, Line } = pdfmake();
  const { width, height } = document.pageSize;
  const pdfOptions = {
    size: [width, height],
    pdfVersion: '1.7',
    compress: true,
    tagged: false,
    displayTitle: true,
    lang: document.language,
    fontLayoutCache: true,
    bufferPages: false,
    autoFirstPage: false,
    info: document.info,
    font: null,
  };

  let fonts: DocumentFonts | undefined;
  class Document extends writingPlainRuns(skippingRepeatedState(PDFDocument)) {
    override end(): void {
      fonts?.finalize();
      super.end();
    }

    override ref(data?: Record<string, unknown>): PdfRef {
      return streamWrites(super.ref(data) as PdfKitReference);
    }
  }
  // pdfmake's PDFDocument(fonts, images, patterns, attachments, options, virtualfs, localAccessPolicy)
  const pdf = new Document({}, {}, {}, {}, pdfOptions, null, undefined);
  const documentFonts = makeFonts(pdf);
  fonts = documentFonts;

  const pdfmakePages: PdfmakePage[] = pages.map((drawings) => ({
    pageSize: { width, height },
    items: drawings.map((drawing) =>
      drawing.kind === 'text'
        ? { type: 'line', item: pdfmakeLine(drawing, documentFonts, Line) }
        : { type: 'vector', item: pdfmakeVector(drawing) },
    ),
  }));
  new Renderer(pdf).renderPages(pdfmakePages);

  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve());
    pdf.on('error', (error) => reject(error));
  });
  pdf.end();
  await done;
  const bytes = Buffer.concat(chunks);
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), pages: pdfmakePages.length };
}

/**
 * A placed line as pdfmake's layout engine would have made it from a text node
 * of the line's runs: one inline per run, each as wide as its advances, and
 * the line moved right by the space its alignment leaves free in its box.
 */
function pdfmakeLine(placed: PlacedText, fonts: DocumentFonts, Line: PdfmakeModules['Line']): PdfmakeLine {
  const line = new Line(placed.width);
  for (const run of placed.line.runs) {
    const font = fonts.view(run.font);
    let units = 0;
    for (const advance of run.advances) units += advance;
    line.addInline({
      text: run.text,
      font,
      fontSize: run.fontSize,
      fontFeatures: { advances: run.advances },
      width: (units * run.fontSize) / 1000,
      height: font.lineHeight(run.fontSize),
      color: 'black',
      opacity: 1,
      characterSpacing: 0,
    });
  }
  const free = placed.width - line.getWidth();
  const offset = placed.alignment === 'right' ? free : placed.alignment === 'center' ? free / 2 : 0;
  line.x = placed.x + offset;
  line.y = placed.y;
  return line;
}

/** A rule as one of pdfmake's table border vectors. */
function pdfmakeVector(rule: PlacedRule): Record<string, unknown> {
  return { type: 'line', x1: rule.x1, y1: rule.y1, x2: rule.x2, y2: rule.y2, lineWidth: rule.width, lineColor: 'black' };
}
