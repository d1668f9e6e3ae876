/**
 * How our pdfkit document writes less than pdfkit would by itself, for the
 * same drawing: streams compressed at a faster level, no graphics state
 * operator that changes nothing, and pdfmake's plain text runs written
 * without pdfkit's general text path. Each is a class mixin over pdfmake's
 * PDFDocument (pdfkit 0.19), applied in engine.ts.
 */
import zlib from 'node:zlib';
import { FontView, pdfNumber, type PdfRef } from './fonts.js';
import type { PdfKitDocument } from './engine.js';

/** The part of pdfkit's (0.19) document the mixins below use. */
export interface PdfKitDrawing extends PdfKitDocument {
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
  fontSize(size: unknown): this;
  widthOfString(text: string, options?: unknown): number;
  page: { height: number; fonts: Record<string, unknown> };
  x: number;
  y: number;
  /** Private: the current font. pdfmake's renderer assigns each run's font here directly; pdfkit has no public accessor. */
  _font: unknown;
}

/** What `streamWrites` touches of pdfkit's (0.19) PDFReference: all private, there is no public hook into how a stream is written. */
export interface PdfKitReference extends PdfRef {
  buffer: (Buffer | Uint8Array)[];
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
export function streamWrites(ref: PdfKitReference): PdfKitReference {
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
 * line width, dash, join, cap, colour and opacity before every rule: seven
 * operators of settings around the three that draw a table rule. This
 * writes each setting only when it changes what is in effect, following the
 * PDF's own rules: every page starts afresh, and `Q` restores what `q` saved.
 * The content drawn is the same; only operators that would change nothing
 * are left out.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's constructor must take any arguments
export function skippingRepeatedState<T extends new (...args: any[]) => PdfKitDrawing>(Base: T) {
  return class extends Base {
    #state: GraphicsState = {};
    #saved: GraphicsState[] = [];

    override addPage(options?: unknown): this {
      this.#state = {};
      this.#saved = [];
      return super.addPage(options);
    }

    override save(): this {
      this.#saved.push({ ...this.#state });
      return super.save();
    }

    override restore(): this {
      this.#state = this.#saved.pop() ?? {};
      return super.restore();
    }

    override opacity(value: number): this {
      if (this.#state.fillOpacity === value && this.#state.strokeOpacity === value) return this;
      this.#state.fillOpacity = this.#state.strokeOpacity = value;
      return super.opacity(value);
    }

    // Without a value pdfkit writes nothing either.
    override fillOpacity(value?: number): this {
      if (value === undefined || this.#state.fillOpacity === value) return this;
      this.#state.fillOpacity = value;
      return super.fillOpacity(value);
    }

    override strokeOpacity(value?: number): this {
      if (value === undefined || this.#state.strokeOpacity === value) return this;
      this.#state.strokeOpacity = value;
      return super.strokeOpacity(value);
    }

    override fillColor(color: unknown, opacity?: number): this {
      if (typeof color !== 'string' || this.#state.fillColor !== color) {
        this.#state.fillColor = typeof color === 'string' ? color : undefined;
        return super.fillColor(color, opacity);
      }
      return this.fillOpacity(opacity);
    }

    override strokeColor(color: unknown, opacity?: number): this {
      if (typeof color !== 'string' || this.#state.strokeColor !== color) {
        this.#state.strokeColor = typeof color === 'string' ? color : undefined;
        return super.strokeColor(color, opacity);
      }
      return this.strokeOpacity(opacity);
    }

    override lineWidth(width: number): this {
      if (this.#state.lineWidth === width) return this;
      this.#state.lineWidth = width;
      return super.lineWidth(width);
    }

    override lineJoin(join: unknown): this {
      if (this.#state.lineJoin === join) return this;
      this.#state.lineJoin = join;
      return super.lineJoin(join);
    }

    override lineCap(cap: unknown): this {
      if (this.#state.lineCap === cap) return this;
      this.#state.lineCap = cap;
      return super.lineCap(cap);
    }

    override dash(length: unknown, options?: unknown): this {
      this.#state.solid = false;
      return super.dash(length, options);
    }

    override undash(): this {
      if (this.#state.solid) return this;
      this.#state.solid = true;
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

/** Whether a text() call continues into the next one (`continued`, in its options whichever argument they are). */
function continues(...args: unknown[]): boolean {
  return args.some((arg) => arg !== null && typeof arg === 'object' && Boolean((arg as { continued?: unknown }).continued));
}

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
 *
 * The font size is the one last set with the public `fontSize()` (pdfmake
 * sets every run's that way). Once a call to pdfkit has continued text into
 * the next (`continued`), pdfkit carries options and line wrapping from call
 * to call, so every later call goes to pdfkit as well.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's constructor must take any arguments
export function writingPlainRuns<T extends new (...args: any[]) => PdfKitDrawing>(Base: T) {
  return class extends Base {
    // Plain properties, not #private ones: pdfkit's constructor may already call fontSize().
    /** The size last set with fontSize(), when given in points. */
    runFontSize: number | undefined;
    /** Some call to pdfkit continued text into the next one. */
    continuedText: boolean | undefined;

    override fontSize(size: unknown): this {
      this.runFontSize = typeof size === 'number' ? size : undefined;
      return super.fontSize(size);
    }

    override text(text: unknown, x?: unknown, y?: unknown, options?: unknown): this {
      const font = this._font;
      const size = this.runFontSize;
      if (
        typeof text !== 'string' ||
        typeof x !== 'number' ||
        typeof y !== 'number' ||
        size === undefined ||
        !(font instanceof FontView) ||
        !isPlainRun(options) ||
        this.continuedText ||
        text.includes('\n')
      ) {
        if (continues(x, y, options)) this.continuedText = true;
        return super.text(text, x, y, options);
      }
      this.x = x;
      this.y = y;
      if (text.length > 0) {
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
