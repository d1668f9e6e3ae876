/**
 * Runs pdfmake's layout engine and renderer on a document definition, with
 * our fonts. This is pdfmake's own `Printer.createPdfKitDocument` (0.3.x),
 * minus URL/virtual-file handling we do not use, with one change: fonts come
 * from `FontView`s built on faces parsed once per process instead of from
 * files pdfmake would re-read and re-parse for every document.
 *
 * pdfmake's internals are loaded with require() from its published `js/`
 * folder; the package has no `exports` map, and package-lock pins the version.
 */
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import type { FontView, PdfRef } from './fonts.js';

/** The pdfkit document as we drive it. */
export interface PdfKitDocument {
  ref(data?: Record<string, unknown>): PdfRef;
  on(event: 'data', listener: (chunk: Buffer) => void): void;
  on(event: 'end' | 'error', listener: (error?: unknown) => void): void;
  end(): void;
}

interface PdfmakeModules {
  PDFDocument: new (...args: unknown[]) => PdfKitDocument & { provideFont(name: string, bold: boolean, italics: boolean): unknown };
  LayoutBuilder: new (pageSize: unknown, margins: unknown, svgMeasure: unknown) => {
    registerTableLayouts(layouts: unknown): void;
    layoutDocument(...args: unknown[]): { pageSize: { width: number; height: number } }[];
  };
  SVGMeasure: new () => unknown;
  Renderer: new (document: unknown, progress?: unknown) => { renderPages(pages: unknown[]): void };
  normalizePageSize(size: unknown, orientation?: unknown): { width: number; height: number };
  normalizePageMargin(margin: unknown): unknown;
  tableLayouts: unknown;
}

/** What `streamWrites` touches of pdfkit's (0.19) PDFReference. */
interface PdfKitReference extends PdfRef {
  buffer: (Buffer | Uint8Array)[];
  uncompressedLength: number;
  compress: boolean;
  finalize(): void;
}

/**
 * Deflate settings for every stream. Level 1 costs about half of zlib's
 * default (level 6) on glyph outlines, the bulk of a document's bytes, for
 * about 5 % larger streams; memLevel 9 is a little faster still.
 */
const DEFLATE: zlib.ZlibOptions = { level: 1, memLevel: 9 };

/**
 * pdfkit turns every operator it writes to a page (`BT`, `1 0 0 1 x y Tm`,
 * `[<…>] TJ` …, a dozen per piece of text) into a Buffer of its own, and
 * concatenates them all when the page ends: thousands of tiny allocations per
 * document. This keeps consecutive string chunks as strings and converts each
 * run once, with the same encoding (latin1) and the same line feeds, so the
 * stream's bytes are exactly what pdfkit would write. It also compresses the
 * stream itself (with `DEFLATE`) and hands pdfkit the result as an already
 * filtered stream.
 */
function streamWrites(ref: PdfKitReference): PdfKitReference {
  const write = ref.write.bind(ref);
  const finalize = ref.finalize.bind(ref);
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    ref.buffer.push(Buffer.from(pending.join(''), 'latin1'));
    pending = [];
  };
  ref.write = (chunk) => {
    if (chunk instanceof Uint8Array) {
      flush();
      write(chunk);
      return;
    }
    const text = `${chunk}\n`;
    pending.push(text);
    // As PDFReference.write: one byte per character.
    ref.uncompressedLength += text.length;
    ref.data.Length = ((ref.data.Length as number | undefined) ?? 0) + text.length;
    if (ref.compress) ref.data.Filter = 'FlateDecode';
  };
  ref.finalize = () => {
    flush();
    if (ref.compress && ref.buffer.length > 0) {
      const data = ref.buffer.length === 1 ? ref.buffer[0]! : Buffer.concat(ref.buffer);
      ref.buffer = [zlib.deflateSync(data, DEFLATE)];
      ref.data.Filter = 'FlateDecode';
      ref.compress = false;
    }
    finalize();
  };
  return ref;
}

let modules: PdfmakeModules | undefined;

/** Loads pdfmake's modules once; they hold no state of their own between documents. */
function pdfmake(): PdfmakeModules {
  if (!modules) {
    const require = createRequire(import.meta.url);
    const load = (name: string) => require(`pdfmake/js/${name}.js`) as Record<string, unknown>;
    const pageSize = load('PageSize');
    modules = {
      PDFDocument: load('PDFDocument').default as PdfmakeModules['PDFDocument'],
      LayoutBuilder: load('LayoutBuilder').default as PdfmakeModules['LayoutBuilder'],
      SVGMeasure: load('SVGMeasure').default as PdfmakeModules['SVGMeasure'],
      Renderer: load('Renderer').default as PdfmakeModules['Renderer'],
      normalizePageSize: pageSize.normalizePageSize as PdfmakeModules['normalizePageSize'],
      normalizePageMargin: pageSize.normalizePageMargin as PdfmakeModules['normalizePageMargin'],
      tableLayouts: load('tableLayouts').tableLayouts,
    };
  }
  return modules;
}

/** Fonts of one document: views by the names used in the definition, and the hook that embeds them. */
export interface DocumentFonts {
  view(name: string): FontView | undefined;
  finalize(): void;
}

/** What the content builder hands over: pdfmake's document definition, with fonts named by view key. */
export interface DocDefinition {
  pageSize: { width: number; height: number };
  pageMargins: [number, number, number, number];
  content: unknown[];
  defaultStyle: Record<string, unknown>;
  footer?: (currentPage: number, pageCount: number) => unknown;
  pageBreakBefore?: (node: Record<string, unknown>, nodes: { getFollowingNodesOnPage(): unknown[] }) => boolean;
  info: Record<string, unknown>;
  language: string;
}

/**
 * Lays the definition out and renders it. `makeFonts` is called with the new
 * pdfkit document and returns the font views by key plus a hook that writes
 * every embedded font once all text is down.
 */
export async function runPdfmake(
  definition: DocDefinition,
  makeFonts: (document: PdfKitDocument) => DocumentFonts,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const { PDFDocument, LayoutBuilder, SVGMeasure, Renderer, normalizePageSize, normalizePageMargin, tableLayouts } = pdfmake();

  const pageSize = normalizePageSize(definition.pageSize);
  const pdfOptions = {
    size: [pageSize.width, pageSize.height],
    pdfVersion: '1.7',
    compress: true,
    tagged: false,
    displayTitle: true,
    lang: definition.language,
    fontLayoutCache: true,
    bufferPages: false,
    autoFirstPage: false,
    info: definition.info,
    font: null,
  };

  let fonts: DocumentFonts | undefined;
  class Document extends PDFDocument {
    override provideFont(name: string): FontView {
      const view = fonts?.view(name);
      if (!view) throw new Error(`PDF: no font view ${name}`);
      return view;
    }

    override end(): void {
      fonts?.finalize();
      super.end();
    }

    override ref(data?: Record<string, unknown>): PdfRef {
      return streamWrites(super.ref(data) as PdfKitReference);
    }
  }
  // pdfmake's PDFDocument(fonts, images, patterns, attachments, options, virtualfs, localAccessPolicy)
  const document = new Document({}, {}, {}, {}, pdfOptions, null, undefined);
  fonts = makeFonts(document);

  const builder = new LayoutBuilder(pageSize, normalizePageMargin(definition.pageMargins), new SVGMeasure());
  builder.registerTableLayouts(tableLayouts);
  const pages = builder.layoutDocument(
    definition.content,
    document,
    {},
    definition.defaultStyle,
    undefined,
    undefined,
    definition.footer,
    undefined,
    definition.pageBreakBefore,
  );
  new Renderer(document).renderPages(pages);

  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve());
    document.on('error', (error) => reject(error));
  });
  document.end();
  await done;
  const bytes = Buffer.concat(chunks);
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), pages: pages.length };
}
