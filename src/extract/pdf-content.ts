/**
 * What a PDF page draws, read through pdf.js's operator list: every glyph
 * with its character (through the font's ToUnicode map), its origin and
 * advance in page coordinates (y from the top edge), and the straight
 * horizontal and vertical rules (stroked lines and the edges of stroked
 * rectangles, thin filled rectangles) that draw table borders. One pass over
 * the operator list gives both: the text state machine follows the PDF
 * operators (Tm, Td, TD, T*, Tc, Tw, Tz, Ts, Tf, TJ) with the graphics state
 * (cm, q/Q, form XObjects).
 *
 * pdf.js is loaded on first use from node_modules (not bundled, like pdfmake)
 * with its worker code in this thread (`globalThis.pdfjsWorker`): nothing is
 * fetched, no font is installed, no glyph outline is built, no eval.
 *
 * Speed (issue #15: a 6-page published PDF extracted and audited in ≤ 300 ms
 * warm). Two things pdf.js does by default cost more than reading the page:
 * - Its legacy build (the one for Node) carries core-js polyfills that replace
 *   built-ins for the whole process: `Array.prototype.push` (a JS loop),
 *   `JSON.parse` (a JS parser whenever a reviver is given),
 *   `Function.prototype.toString`. Node has them natively; the originals are
 *   put back once pdf.js is loaded (the polyfills only add behaviour no code
 *   here relies on). The polyfills that add what Node 20 lacks
 *   (`Promise.withResolvers`, the new `Set` methods, …) stay.
 * - Each embedded font arrives on the main side to be installed as a CSS font
 *   face (base64 of the whole converted font); in Node that fails, and the
 *   fallback compiles every glyph outline of the font into a path, then every
 *   glyph drawn afterwards (`disableFontFace` does the same from the start).
 *   Nothing here draws, so the document's font loader is told to install
 *   nothing (`openPdf`): the glyphs' Unicode values, widths and the font
 *   matrix come from the font program as before. What remains of the fonts
 *   is pdf.js's sanitising of each embedded font program (`Font` →
 *   `checkAndRepair`), which no option skips.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

type PdfjsModule = typeof Pdfjs;
type Matrix = [number, number, number, number, number, number];

export interface Glyph {
  char: string;
  /** Left edge of the glyph's origin, from the page's left edge. */
  x: number;
  /** Baseline, from the page's top edge. */
  y: number;
  /** Advance as drawn (spacing excluded). */
  width: number;
  /** Font size as drawn on the page. */
  size: number;
}

/** A horizontal (y1 = y2) or vertical (x1 = x2) rule, in page coordinates (y from the top), x1 ≤ x2 and y1 ≤ y2. */
export interface Rule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PageContent {
  width: number;
  height: number;
  glyphs: Glyph[];
  horizontal: Rule[];
  vertical: Rule[];
  /** Images painted (a scanned page is one image and no glyphs). */
  images: number;
}

/** Work limits against hostile files: glyphs and rules per page beyond any report. */
export const MAX_GLYPHS_PER_PAGE = 100_000;
export const MAX_RULES_PER_PAGE = 5_000;

const MODULE_URL = import.meta.url;
let loading: Promise<{ pdfjs: PdfjsModule; packageDir: string }> | undefined;

/** Built-ins the legacy build's polyfills replace although Node has them: put back after loading. */
const REPLACED_BUILT_INS: readonly [object, PropertyKey][] = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
  [Function.prototype, 'toString'],
];

/** pdf.js, loaded once, from node_modules (the specifiers are variables so the bundler leaves them out). */
export function loadPdfjs(): Promise<{ pdfjs: PdfjsModule; packageDir: string }> {
  loading ??= (async () => {
    const require = createRequire(MODULE_URL);
    const packageDir = path.dirname(require.resolve('pdfjs-dist/package.json'));
    const workerSpecifier: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
    const mainSpecifier: string = 'pdfjs-dist/legacy/build/pdf.mjs';
    const builtIns = REPLACED_BUILT_INS.map(([owner, key]) => ({ owner, key, descriptor: Object.getOwnPropertyDescriptor(owner, key) }));
    try {
      const global = globalThis as { pdfjsWorker?: unknown };
      global.pdfjsWorker ??= await import(workerSpecifier);
      const pdfjs = (await import(mainSpecifier)) as PdfjsModule;
      return { pdfjs, packageDir };
    } finally {
      for (const { owner, key, descriptor } of builtIns) if (descriptor) Object.defineProperty(owner, key, descriptor);
    }
  })();
  return loading;
}

/** The part of pdf.js's (internal) transport that installs fonts: see `openPdf`. */
interface FontInstaller {
  _transport?: { fontLoader?: { bind?: (font: unknown) => Promise<void> } };
}

/**
 * Opens a PDF with pdf.js: CMaps and standard font data from node_modules,
 * nothing fetched, nothing evaluated, no font installed or outlined (see the
 * module's comment). Rejects as `getDocument` does (PasswordException, …).
 */
export async function openPdf(bytes: Uint8Array): Promise<{ pdfjs: PdfjsModule; document: Pdfjs.PDFDocumentProxy }> {
  const { pdfjs, packageDir } = await loadPdfjs();
  const task = pdfjs.getDocument({
    // A copy (pdf.js takes the buffer over); `new Uint8Array` copies in one go where `Uint8Array.from` iterates.
    data: new Uint8Array(bytes),
    // With font faces disabled pdf.js compiles the outline of every glyph drawn into a path; the font loader is skipped below instead.
    disableFontFace: false,
    useSystemFonts: false,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    disableAutoFetch: true,
    verbosity: 0,
    cMapUrl: `${packageDir}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${packageDir}/standard_fonts/`,
  });
  let document: Pdfjs.PDFDocumentProxy;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw error;
  }
  // Fonts are never drawn here: installing one would only base64 it, fail (no DOM in Node) and make pdf.js outline its glyphs.
  // If a later pdf.js moves its font loader, this finds nothing and pdf.js falls back to outlining: slower, same result.
  const fontLoader = (document as unknown as FontInstaller)._transport?.fontLoader;
  if (fontLoader && typeof fontLoader.bind === 'function') fontLoader.bind = () => Promise.resolve();
  return { pdfjs, document };
}

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

interface GlyphObject {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
  /** Vertical metrics of a glyph of a vertical font: [w1y, vx, vy] in glyph units. */
  vmetric?: number[];
}

interface FontObject {
  fontMatrix?: number[];
  vertical?: boolean;
}

/** Thinner than this (pt) a filled rectangle is a rule; shorter than this a rule is ignored. */
const RULE_THICKNESS = 3;
/** Thinner than this (pt) a filled sliver is no rule (the overlap of a frame's inner and outer box). */
const RULE_MIN_THICKNESS = 0.2;
const RULE_MIN_LENGTH = 2;

/** Characters pdf.js reports in compatibility forms (Kangxi radicals, CJK compatibility ideographs) → the usual ones. */
const COMPATIBILITY = /[\u2e80-\u2fdf\uf900-\ufaff\ufe30-\ufe4f]/u;

/** The page's glyphs and rules. */
export async function readPageContent(page: Pdfjs.PDFPageProxy, pdfjs: PdfjsModule): Promise<PageContent> {
  const OPS = pdfjs.OPS;
  const [x0, y0, x1, y1] = page.view as [number, number, number, number];
  const width = x1 - x0;
  const height = y1 - y0;
  // The page's own coordinates → ours (origin at the top left of the visible page; rotation applied by the viewport).
  const viewport = page.getViewport({ scale: 1 });
  const base = viewport.transform as Matrix;
  const ops = await page.getOperatorList();

  const glyphs: Glyph[] = [];
  const horizontal: Rule[] = [];
  const vertical: Rule[] = [];
  let images = 0;

  let ctm: Matrix = base;
  const stack: { ctm: Matrix; text: TextState }[] = [];
  interface TextState {
    font?: FontObject;
    size: number;
    charSpacing: number;
    wordSpacing: number;
    hScale: number;
    leading: number;
    rise: number;
  }
  let text: TextState = { size: 0, charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0, rise: 0 };
  let tm: Matrix = IDENTITY;
  let lineMatrix: Matrix = IDENTITY;
  let path: { points: [number, number][][]; rectangles: [number, number, number, number][] } | undefined;
  /** The subpath being built (a path may be split over several constructPath operations). */
  let current: [number, number][] | undefined;

  const addRule = (ax: number, ay: number, bx: number, by: number) => {
    if (horizontal.length + vertical.length >= MAX_RULES_PER_PAGE) return;
    const [px, py] = apply(ctm, ax, ay);
    const [qx, qy] = apply(ctm, bx, by);
    if (Math.abs(py - qy) < 0.5 && Math.abs(px - qx) >= RULE_MIN_LENGTH) {
      horizontal.push({ x1: Math.min(px, qx), x2: Math.max(px, qx), y1: (py + qy) / 2, y2: (py + qy) / 2 });
    } else if (Math.abs(px - qx) < 0.5 && Math.abs(py - qy) >= RULE_MIN_LENGTH) {
      vertical.push({ x1: (px + qx) / 2, x2: (px + qx) / 2, y1: Math.min(py, qy), y2: Math.max(py, qy) });
    }
  };
  /** A thin filled box, in page coordinates: a rule along its length. */
  const addBox = (left: number, top: number, right: number, bottom: number) => {
    if (horizontal.length + vertical.length >= MAX_RULES_PER_PAGE) return;
    const width = right - left;
    const height = bottom - top;
    if (height >= RULE_MIN_THICKNESS && height < RULE_THICKNESS && width >= RULE_MIN_LENGTH && width > height) {
      horizontal.push({ x1: left, x2: right, y1: (top + bottom) / 2, y2: (top + bottom) / 2 });
    } else if (width >= RULE_MIN_THICKNESS && width < RULE_THICKNESS && height >= RULE_MIN_LENGTH && height > width) {
      vertical.push({ x1: (left + right) / 2, x2: (left + right) / 2, y1: top, y2: bottom });
    }
  };
  /**
   * Filled axis-aligned boxes (page coordinates): the area the fill rule paints
   * is cut along every box edge into pieces, and each thin piece is a rule.
   * Word processors draw a cell's border as a frame, an outer and an inner box
   * filled even-odd; the slivers where the inner box pokes out are no border.
   */
  const addFilled = (boxes: [number, number, number, number][], evenOdd: boolean) => {
    if (boxes.length > 8) {
      for (const box of boxes) addBox(...box);
      return;
    }
    const xs = [...new Set(boxes.flatMap((box) => [box[0], box[2]]))].sort((a, b) => a - b);
    const ys = [...new Set(boxes.flatMap((box) => [box[1], box[3]]))].sort((a, b) => a - b);
    const filled = (x: number, y: number) => {
      const inside = boxes.filter((box) => x > box[0] && x < box[2] && y > box[1] && y < box[3]).length;
      return evenOdd ? inside % 2 === 1 : inside > 0;
    };
    for (let i = 0; i + 1 < xs.length; i++) {
      for (let j = 0; j + 1 < ys.length; j++) {
        if (filled((xs[i]! + xs[i + 1]!) / 2, (ys[j]! + ys[j + 1]!) / 2)) addBox(xs[i]!, ys[j]!, xs[i + 1]!, ys[j + 1]!);
      }
    }
  };
  /** A box in the current user space → page coordinates [left, top, right, bottom], if it stays axis-aligned. */
  const pageBox = (corners: [number, number][]): [number, number, number, number] | undefined => {
    const points = corners.map((point) => apply(ctm, point[0], point[1]));
    const xs = points.map((point) => point[0]);
    const ys = points.map((point) => point[1]);
    const distinct = (values: number[]) => new Set(values.map((value) => Math.round(value * 100))).size;
    if (distinct(xs) > 2 || distinct(ys) > 2) return undefined;
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  };
  const paint = (stroke: boolean, fill: boolean, evenOdd = false) => {
    if (!path) return;
    const boxes: [number, number, number, number][] = [];
    for (const [x, y, w, h] of path.rectangles) {
      const corners: [number, number][] = [
        [x, y],
        [x + w, y],
        [x + w, y + h],
        [x, y + h],
      ];
      if (stroke) for (let i = 0; i < 4; i++) addRule(...corners[i]!, ...corners[(i + 1) % 4]!);
      if (fill) {
        const box = pageBox(corners);
        if (box) boxes.push(box);
      }
    }
    for (const points of path.points) {
      if (stroke) for (let i = 1; i < points.length; i++) addRule(...points[i - 1]!, ...points[i]!);
      if (fill && points.length >= 4 && points.length <= 5) {
        const box = pageBox(points.slice(0, 4));
        if (box) boxes.push(box);
      }
    }
    if (fill && !stroke && boxes.length > 0) addFilled(boxes, evenOdd);
    path = undefined;
    current = undefined;
  };

  const fn = ops.fnArray;
  const args = ops.argsArray as unknown[][];
  for (let i = 0; i < fn.length; i++) {
    const op = fn[i];
    const a = args[i] ?? [];
    switch (op) {
      case OPS.save:
        stack.push({ ctm, text: { ...text } });
        break;
      case OPS.restore: {
        const saved = stack.pop();
        if (saved) {
          ctm = saved.ctm;
          text = saved.text;
        }
        break;
      }
      case OPS.transform:
        ctm = multiply(a as Matrix, ctm);
        break;
      case OPS.paintFormXObjectBegin:
        stack.push({ ctm, text: { ...text } });
        if (Array.isArray(a[0]) && a[0].length === 6) ctm = multiply(a[0] as Matrix, ctm);
        break;
      case OPS.paintFormXObjectEnd: {
        const saved = stack.pop();
        if (saved) {
          ctm = saved.ctm;
          text = saved.text;
        }
        break;
      }
      case OPS.beginText:
        tm = IDENTITY;
        lineMatrix = IDENTITY;
        break;
      case OPS.setFont: {
        const [name, size] = a as [string, number];
        text.size = size;
        try {
          text.font = page.commonObjs.get(name) as FontObject;
        } catch {
          text.font = undefined;
        }
        break;
      }
      case OPS.setCharSpacing:
        text.charSpacing = a[0] as number;
        break;
      case OPS.setWordSpacing:
        text.wordSpacing = a[0] as number;
        break;
      case OPS.setHScale:
        text.hScale = (a[0] as number) / 100;
        break;
      case OPS.setLeading:
        text.leading = -(a[0] as number);
        break;
      case OPS.setTextRise:
        text.rise = a[0] as number;
        break;
      case OPS.setTextMatrix:
        tm = a as Matrix;
        lineMatrix = tm;
        break;
      case OPS.moveText:
        lineMatrix = multiply([1, 0, 0, 1, a[0] as number, a[1] as number], lineMatrix);
        tm = lineMatrix;
        break;
      case OPS.setLeadingMoveText:
        text.leading = a[1] as number;
        lineMatrix = multiply([1, 0, 0, 1, a[0] as number, a[1] as number], lineMatrix);
        tm = lineMatrix;
        break;
      case OPS.nextLine:
        lineMatrix = multiply([1, 0, 0, 1, 0, text.leading], lineMatrix);
        tm = lineMatrix;
        break;
      case OPS.showText: {
        const font = text.font;
        const fontScale = font?.fontMatrix?.[0] ?? 0.001;
        const size = text.size;
        let x = 0;
        // The text matrix and the CTM stay the same through one string: text space → page, once.
        const textToPage = multiply(tm, ctm);
        const items = (a[0] ?? []) as (number | GlyphObject | null)[];
        for (const item of items) {
          if (typeof item === 'number') {
            x -= (item / 1000) * size;
            continue;
          }
          if (!item) continue;
          const advance = (item.width ?? 0) * fontScale * size;
          const spacing = text.charSpacing + (item.isSpace ? text.wordSpacing : 0);
          if (font?.vertical) {
            // Vertical writing: the origin is the glyph's top centre; the pen moves down.
            const down = -(item.vmetric?.[0] ?? -1000) * 0.001 * size;
            if (item.unicode && glyphs.length < MAX_GLYPHS_PER_PAGE) {
              const origin = apply(textToPage, 0, x + text.rise);
              const drawn = Math.abs(size) * Math.hypot(tm[2] * ctm[0] + tm[3] * ctm[2], tm[2] * ctm[1] + tm[3] * ctm[3]);
              const char = COMPATIBILITY.test(item.unicode) ? item.unicode.normalize('NFKC') : item.unicode;
              glyphs.push({ char, x: origin[0] - drawn / 2, y: origin[1] + 0.88 * drawn, width: drawn, size: drawn });
            }
            x -= down + spacing;
            continue;
          }
          if (item.unicode && glyphs.length < MAX_GLYPHS_PER_PAGE) {
            const origin = apply(textToPage, x * text.hScale, text.rise);
            const end = apply(textToPage, (x + advance) * text.hScale, text.rise);
            const drawnSize = Math.abs(size) * Math.hypot(textToPage[2], textToPage[3]);
            const char = COMPATIBILITY.test(item.unicode) ? item.unicode.normalize('NFKC') : item.unicode;
            glyphs.push({ char, x: origin[0], y: origin[1], width: Math.hypot(end[0] - origin[0], end[1] - origin[1]), size: drawnSize });
          }
          x += advance + spacing;
        }
        tm = multiply(font?.vertical ? [1, 0, 0, 1, 0, x] : [1, 0, 0, 1, x * text.hScale, 0], tm);
        break;
      }
      case OPS.constructPath: {
        const [kinds, coordinates] = a as [number[], number[]];
        path ??= { points: [], rectangles: [] };
        let at = 0;
        for (const kind of kinds) {
          switch (kind) {
            case OPS.rectangle:
              path.rectangles.push([coordinates[at]!, coordinates[at + 1]!, coordinates[at + 2]!, coordinates[at + 3]!]);
              at += 4;
              current = undefined;
              break;
            case OPS.moveTo:
              current = [[coordinates[at]!, coordinates[at + 1]!]];
              path.points.push(current);
              at += 2;
              break;
            case OPS.lineTo:
              if (!current) {
                current = [];
                path.points.push(current);
              }
              current.push([coordinates[at]!, coordinates[at + 1]!]);
              at += 2;
              break;
            case OPS.curveTo:
              at += 6;
              current = undefined;
              break;
            case OPS.curveTo2:
            case OPS.curveTo3:
              at += 4;
              current = undefined;
              break;
            case OPS.closePath:
              if (current && current.length > 1) current.push(current[0]!);
              break;
          }
        }
        break;
      }
      case OPS.stroke:
      case OPS.closeStroke:
        paint(true, false);
        break;
      case OPS.fill:
        paint(false, true);
        break;
      case OPS.eoFill:
        paint(false, true, true);
        break;
      case OPS.fillStroke:
      case OPS.eoFillStroke:
      case OPS.closeFillStroke:
      case OPS.closeEOFillStroke:
        paint(true, true);
        break;
      case OPS.endPath:
        path = undefined;
        current = undefined;
        break;
      case OPS.paintImageXObject:
      case OPS.paintInlineImageXObject:
      case OPS.paintImageMaskXObject:
      case OPS.paintImageXObjectRepeat:
      case OPS.paintInlineImageXObjectGroup:
        images++;
        break;
    }
  }
  return { width, height, glyphs, horizontal, vertical, images };
}
