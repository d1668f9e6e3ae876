/**
 * The reference side of the engine test (pdf-engine.test.ts): placed pages
 * drawn with nothing but pdfkit's public API — `registerFont`, `font`,
 * `fontSize`, `text(str, x, y, { lineBreak: false, baseline: 'alphabetic' })`,
 * `moveTo`/`lineTo`/`lineWidth`/`stroke` — with pdfkit's own font embedding,
 * and readers for what pdfjs sees in a PDF: the text layer
 * (`getTextContent`) and the stroked rules (operator list).
 *
 * Each glyph is drawn by a `text()` call of its own at the origin the placed
 * line gives it, so pdfkit's shaping (kerning, ligatures) never moves one;
 * the baseline is the line box's top plus the largest ascender of its runs,
 * the ascender putting the ideographic em box in the middle of the line box
 * (fonts.ts, `FontView`).
 */
import { createRequire } from 'node:module';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { emBoxAscent, type ViewSpec } from '../../../src/render/pdf/fonts.js';
import type { Drawing } from '../../../src/render/pdf/place.js';
import { multiply, type Matrix } from '../../fonts/support/pdf-inspect.js';

/** The part of pdfkit's public API the reference uses. */
interface PdfKit {
  registerFont(name: string, src: string, family?: string): this;
  addPage(options?: Record<string, unknown>): this;
  font(name: string): this;
  fontSize(size: number): this;
  text(text: string, x: number, y: number, options?: Record<string, unknown>): this;
  moveTo(x: number, y: number): this;
  lineTo(x: number, y: number): this;
  lineWidth(width: number): this;
  stroke(): this;
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  on(event: 'end', listener: () => void): this;
  end(): void;
}

// pdfkit as xxgk installs it: the same single copy pdfmake loads (package.json pins it, overrides dedupe it).
const PDFDocument = createRequire(import.meta.url)('pdfkit') as new (options: Record<string, unknown>) => PdfKit;

export async function referencePdf(
  pageSize: { width: number; height: number },
  pages: readonly (readonly Drawing[])[],
  specs: ReadonlyMap<string, ViewSpec>,
): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: [pageSize.width, pageSize.height], autoFirstPage: false, compress: false, font: null, pdfVersion: '1.7' });
  const registered = new Set<string>();
  const fontFor = (key: string): ViewSpec => {
    const spec = specs.get(key);
    if (!spec) throw new Error(`no view ${key}`);
    if (!registered.has(spec.face.key)) {
      // pdfkit's family argument picks a face of a collection (for a single font fontkit takes it as a variation name).
      if (/\.(ttc|otc)$/i.test(spec.face.path)) doc.registerFont(spec.face.key, spec.face.path, spec.face.postscriptName);
      else doc.registerFont(spec.face.key, spec.face.path);
      registered.add(spec.face.key);
    }
    return spec;
  };

  for (const drawings of pages) {
    doc.addPage({ size: [pageSize.width, pageSize.height], margin: 0 });
    for (const drawing of drawings) {
      if (drawing.kind === 'rule') {
        doc.moveTo(drawing.x1, drawing.y1).lineTo(drawing.x2, drawing.y2).lineWidth(drawing.width).stroke();
        continue;
      }
      const { runs } = drawing.line;
      let width = 0;
      let ascent = 0;
      for (const run of runs) {
        const spec = fontFor(run.font);
        for (const advance of run.advances) width += (advance * run.fontSize) / 1000;
        ascent = Math.max(ascent, ((spec.lineBoxRatio - 1) / 2 + emBoxAscent(spec.face)) * run.fontSize);
      }
      const free = drawing.width - width;
      let x = drawing.x + (drawing.alignment === 'right' ? free : drawing.alignment === 'center' ? free / 2 : 0);
      const baseline = drawing.y + ascent;
      for (const run of runs) {
        const spec = fontFor(run.font);
        doc.font(spec.face.key).fontSize(run.fontSize);
        let i = 0;
        for (const char of run.text) {
          doc.text(char, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
          x += (run.advances[i]! * run.fontSize) / 1000;
          i++;
        }
      }
    }
  }

  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.on('data', (chunk) => chunks.push(chunk));
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** A text item as pdfjs' text layer gives it: its string and origin (y from the page's top edge). */
export interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
}

/** A stroked straight segment, in page coordinates from the top-left corner, with its line width. */
export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
}

export interface ReadPage {
  items: TextItem[];
  segments: Segment[];
}

/** Every page's text items and stroked segments, as pdfjs reads them. */
export async function readPages(bytes: Uint8Array): Promise<ReadPage[]> {
  const document = await pdfjs.getDocument({ data: Uint8Array.from(bytes), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 })
    .promise;
  const OPS = pdfjs.OPS;
  const pages: ReadPage[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const height = (page.view as number[])[3]!;
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      const transform = item.transform as number[];
      items.push({ str: item.str, x: transform[4]!, y: height - transform[5]!, width: item.width });
    }

    const ops = await page.getOperatorList();
    const segments: Segment[] = [];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: { ctm: Matrix; lineWidth: number }[] = [];
    let lineWidth = 1;
    let path: [number, number][][] = [];
    const point = (x: number, y: number): [number, number] => {
      const [a, b, c, d, e, f] = ctm;
      return [a * x + c * y + e, height - (b * x + d * y + f)];
    };
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i];
      const args = ops.argsArray[i] as unknown[];
      switch (fn) {
        case OPS.save:
          stack.push({ ctm, lineWidth });
          break;
        case OPS.restore: {
          const saved = stack.pop();
          ctm = saved?.ctm ?? [1, 0, 0, 1, 0, 0];
          lineWidth = saved?.lineWidth ?? 1;
          break;
        }
        case OPS.transform:
          ctm = multiply(args as Matrix, ctm);
          break;
        case OPS.setLineWidth:
          lineWidth = args[0] as number;
          break;
        case OPS.constructPath: {
          const [pathOps, coords] = args as [number[], number[]];
          let k = 0;
          for (const op of pathOps) {
            if (op === OPS.moveTo) {
              path.push([point(coords[k]!, coords[k + 1]!)]);
              k += 2;
            } else if (op === OPS.lineTo) {
              path.at(-1)?.push(point(coords[k]!, coords[k + 1]!));
              k += 2;
            } else {
              throw new Error(`unexpected path operator ${op}`);
            }
          }
          break;
        }
        case OPS.stroke:
          // Line widths scale with the CTM; both PDFs draw rules under the same unit scale.
          for (const points of path) {
            for (let p = 1; p < points.length; p++) {
              const [x1, y1] = points[p - 1]!;
              const [x2, y2] = points[p]!;
              segments.push({ x1, y1, x2, y2, width: lineWidth * Math.hypot(ctm[0], ctm[1]) });
            }
          }
          path = [];
          break;
        case OPS.endPath:
        case OPS.fill:
        case OPS.eoFill:
          path = [];
          break;
      }
    }
    pages.push({ items, segments });
  }
  await document.destroy();
  return pages;
}
