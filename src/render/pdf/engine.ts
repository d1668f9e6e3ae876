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
 * folder; the package has no `exports` map, and package-lock pins the version.
 */
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import { FontView, pdfNumber, type PdfRef } from './fonts.js';
import type { Drawing, PlacedRule, PlacedText } from './place.js';

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

/** The pdfkit (0.19) drawing methods whose repeats `skippingRepeatedState` leaves out. */
interface PdfKitDrawing extends PdfKitDocument {
  addPage(options?: unknown): this;
  save(): this;
  restore(): this;
  opacity(value: number): this;
  fillOpacity(value?: number): this;
  strokeOpacity(value?: number): this;
  fillColor(color: unknown, opacity?: number): this;
  strokeColor(color: unknown, opacity?: number): this;
  fill(color?: unknown, rule?: unknown): this;
  lineWidth(width: number): this;
  lineJoin(join: unknown): this;
  lineCap(cap: unknown): this;
  dash(length: unknown, options?: unknown): this;
  undash(): this;
  addContent(operator: string): this;
  text(text: unknown, x?: unknown, y?: unknown, options?: unknown): this;
  transform(m11: number, m12: number, m21: number, m22: number, dx: number, dy: number): this;
  widthOfString(text: string, options?: unknown): number;
  page: { height: number; fonts: Record<string, unknown> };
  x: number;
  y: number;
  _font: unknown;
  _fontSize: number;
  _textOptions?: unknown;
  _wrapper?: unknown;
}

interface PdfmakeModules {
  PDFDocument: new (...args: unknown[]) => PdfKitDrawing;
  Renderer: new (document: unknown, progress?: unknown) => { renderPages(pages: PdfmakePage[]): void };
  Line: new (maxWidth: number) => PdfmakeLine;
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
    // pdfkit's finalize() sets Length from the bytes; named here first, as PDFReference.write does, to keep the key order.
    if (pending.length === 0) {
      ref.data.Length ??= 0;
      if (ref.compress) ref.data.Filter = 'FlateDecode';
    }
    pending.push(`${chunk}\n`);
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

/** The graphics state a page's content has set so far (undefined: not set, or not known). */
interface GraphicsState {
  fillColor?: unknown;
  strokeColor?: unknown;
  fillOpacity?: number;
  strokeOpacity?: number;
  lineWidth?: number;
  lineJoin?: unknown;
  lineCap?: unknown;
  solid?: boolean;
}

/**
 * pdfmake's renderer sets opacity and colour before every piece of text, and
 * line width, dash, join, cap, colour and opacity before every rule: nine
 * operators for a two-point line, and most of a page's content stream. This
 * writes each setting only when it changes what is in effect, following the
 * PDF's own rules: every page starts afresh, and `Q` restores what `q` saved.
 * The content drawn is the same; only operators that would change nothing
 * are left out.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's constructor must take any arguments
function skippingRepeatedState<T extends new (...args: any[]) => PdfKitDrawing>(Base: T) {
  return class extends Base {
    private state: GraphicsState = {};
    private saved: GraphicsState[] = [];

    override addPage(options?: unknown): this {
      this.state = {};
      this.saved = [];
      return super.addPage(options);
    }

    override save(): this {
      this.saved.push({ ...this.state });
      return super.save();
    }

    override restore(): this {
      this.state = this.saved.pop() ?? {};
      return super.restore();
    }

    override opacity(value: number): this {
      if (this.state.fillOpacity === value && this.state.strokeOpacity === value) return this;
      this.state.fillOpacity = this.state.strokeOpacity = value;
      return super.opacity(value);
    }

    // Without a value pdfkit writes nothing either.
    override fillOpacity(value?: number): this {
      if (value === undefined || this.state.fillOpacity === value) return this;
      this.state.fillOpacity = value;
      return super.fillOpacity(value);
    }

    override strokeOpacity(value?: number): this {
      if (value === undefined || this.state.strokeOpacity === value) return this;
      this.state.strokeOpacity = value;
      return super.strokeOpacity(value);
    }

    override fillColor(color: unknown, opacity?: number): this {
      if (typeof color !== 'string' || this.state.fillColor !== color) {
        this.state.fillColor = typeof color === 'string' ? color : undefined;
        return super.fillColor(color, opacity);
      }
      return this.fillOpacity(opacity);
    }

    override strokeColor(color: unknown, opacity?: number): this {
      if (typeof color !== 'string' || this.state.strokeColor !== color) {
        this.state.strokeColor = typeof color === 'string' ? color : undefined;
        return super.strokeColor(color, opacity);
      }
      return this.strokeOpacity(opacity);
    }

    override lineWidth(width: number): this {
      if (this.state.lineWidth === width) return this;
      this.state.lineWidth = width;
      return super.lineWidth(width);
    }

    override lineJoin(join: unknown): this {
      if (this.state.lineJoin === join) return this;
      this.state.lineJoin = join;
      return super.lineJoin(join);
    }

    override lineCap(cap: unknown): this {
      if (this.state.lineCap === cap) return this;
      this.state.lineCap = cap;
      return super.lineCap(cap);
    }

    override dash(length: unknown, options?: unknown): this {
      this.state.solid = false;
      return super.dash(length, options);
    }

    override undash(): this {
      if (this.state.solid) return this;
      this.state.solid = true;
      return super.undash();
    }
  };
}

/**
 * Options pdfmake's renderer passes to pdfkit's `text()` for a run of a
 * line, with the values under which pdfkit only writes the run where it is
 * told: no wrapping, spacing, decoration, link or rotation.
 */
const PLAIN_RUN_OPTIONS: Record<string, (value: unknown) => boolean> = {
  lineBreak: (value) => value === false,
  textWidth: () => true,
  characterSpacing: (value) => !value,
  wordCount: () => true,
  link: (value) => value == null,
  features: () => true,
};

function isPlainRun(options: unknown): options is { features?: unknown } {
  if (!options || typeof options !== 'object') return false;
  for (const key in options) {
    const plain = PLAIN_RUN_OPTIONS[key];
    if (!plain || !plain((options as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/**
 * pdfkit's `text()` goes through option merging, line splitting, a line
 * wrapper check and a fragment writer that handles alignment, decoration,
 * links and word spacing, and has the font encode the string into an array
 * of position objects — for every run of every line. For the runs pdfmake's
 * renderer hands it (our fonts, plain options, one line of text), this
 * writes the same operators directly: `q`, the page's flip, `BT`, `Tm`, `Tf`,
 * the `TJ` of `FontView.showText`, `ET`, `Q` (the graphics state between `q`
 * and `Q` changes nothing pdfkit or the state tracking above keep). Anything
 * else goes to pdfkit.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's constructor must take any arguments
function writingPlainRuns<T extends new (...args: any[]) => PdfKitDrawing>(Base: T) {
  return class extends Base {
    override text(text: unknown, x?: unknown, y?: unknown, options?: unknown): this {
      const font = this._font;
      if (
        typeof text !== 'string' ||
        typeof x !== 'number' ||
        typeof y !== 'number' ||
        !(font instanceof FontView) ||
        !isPlainRun(options) ||
        this._textOptions ||
        this._wrapper ||
        text.includes('\n')
      ) {
        return super.text(text, x, y, options);
      }
      this.x = x;
      this.y = y;
      if (text.length > 0) {
        const size = this._fontSize;
        const height = this.page.height;
        // pdfkit's default baseline: the font's ascender below the given top.
        const baseline = height - y - (font.ascender / 1000) * size;
        if (this.page.fonts[font.id] == null) this.page.fonts[font.id] = font.ref();
        // What save(), transform() to pdfkit's flipped coordinates, the text object and restore() write, in one piece.
        this.addContent(
          `q\n1 0 0 -1 0 ${pdfNumber(height)} cm\nBT\n1 0 0 1 ${pdfNumber(x)} ${pdfNumber(baseline)} Tm\n` +
            `/${font.id} ${pdfNumber(size)} Tf\n${font.showText(text, options.features)}\nET\nQ`,
        );
      }
      this.x += this.widthOfString(text, options);
      return this;
    }
  };
}

let modules: PdfmakeModules | undefined;

/** Loads pdfmake's modules once; they hold no state of their own between documents. */
function pdfmake(): PdfmakeModules {
  if (!modules) {
    const require = createRequire(import.meta.url);
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
