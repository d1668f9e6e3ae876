/**
 * Reads a PDF back with pdfjs-dist and returns every glyph drawn: its
 * character (through the font's ToUnicode map), origin in page coordinates
 * (y measured from the top edge), advance, size and the embedded font's name.
 * Tests measure the layout from these, not from what the emitter meant to do.
 */
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfGlyph {
  char: string;
  /** Left edge of the glyph origin, from the page's left edge. */
  x: number;
  /** Baseline, from the page's top edge. */
  y: number;
  /** Advance width as drawn (font width × size), before any spacing adjustment. */
  width: number;
  size: number;
  font: string;
}

export interface PdfPage {
  width: number;
  height: number;
  glyphs: PdfGlyph[];
}

export interface PdfFontInfo {
  name: string;
  embedded: boolean;
}

export interface InspectedPdf {
  pages: PdfPage[];
  fonts: PdfFontInfo[];
}

export type Matrix = [number, number, number, number, number, number];

export const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

export async function inspectPdf(bytes: Uint8Array): Promise<InspectedPdf> {
  const document = await pdfjs.getDocument({
    data: Uint8Array.from(bytes),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const fonts = new Map<string, PdfFontInfo>();
  const pages: PdfPage[] = [];
  const OPS = pdfjs.OPS;
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const [, , width, height] = page.view as [number, number, number, number];
    const ops = await page.getOperatorList();
    const glyphs: PdfGlyph[] = [];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: Matrix[] = [];
    let tm: Matrix = [1, 0, 0, 1, 0, 0];
    let lineMatrix: Matrix = [1, 0, 0, 1, 0, 0];
    let font = '';
    let size = 0;
    let charSpacing = 0;
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i];
      const args = ops.argsArray[i] as unknown[];
      switch (fn) {
        case OPS.save:
          stack.push(ctm);
          break;
        case OPS.restore:
          ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
          break;
        case OPS.transform:
          ctm = multiply(args as Matrix, ctm);
          break;
        case OPS.beginText:
          tm = [1, 0, 0, 1, 0, 0];
          lineMatrix = tm;
          break;
        case OPS.setTextMatrix:
          tm = args as Matrix;
          lineMatrix = tm;
          break;
        case OPS.moveText:
          lineMatrix = multiply([1, 0, 0, 1, args[0] as number, args[1] as number], lineMatrix);
          tm = lineMatrix;
          break;
        case OPS.setCharSpacing:
          charSpacing = args[0] as number;
          break;
        case OPS.setFont: {
          const [loadedName, fontSize] = args as [string, number];
          size = fontSize;
          const object = page.commonObjs.get(loadedName) as { name: string; missingFile?: boolean };
          font = object.name;
          fonts.set(font, { name: font, embedded: !object.missingFile });
          break;
        }
        case OPS.showText: {
          let x = 0;
          for (const item of args[0] as (number | { unicode: string; width: number })[]) {
            if (typeof item === 'number') {
              x -= (item / 1000) * size;
              continue;
            }
            const origin = multiply([1, 0, 0, 1, x, 0], multiply(tm, ctm));
            glyphs.push({ char: item.unicode, x: origin[4], y: height - origin[5], width: (item.width / 1000) * size, size, font });
            x += (item.width / 1000) * size + charSpacing;
          }
          tm = multiply([1, 0, 0, 1, x, 0], tm);
          break;
        }
      }
    }
    pages.push({ width, height, glyphs });
  }
  await document.destroy();
  return { pages, fonts: [...fonts.values()] };
}

export interface PdfLine {
  page: number;
  y: number;
  glyphs: PdfGlyph[];
  text: string;
  left: number;
  /** Right edge: origin of the last glyph plus its drawn advance. */
  right: number;
  size: number;
}

/** Groups glyphs into lines (same baseline, same page), top to bottom, left to right. */
export function linesOf(pdf: InspectedPdf, filter: (glyph: PdfGlyph) => boolean = () => true): PdfLine[] {
  const lines: PdfLine[] = [];
  pdf.pages.forEach((page, index) => {
    const byBaseline = new Map<string, PdfGlyph[]>();
    for (const glyph of page.glyphs) {
      if (!filter(glyph)) continue;
      const key = glyph.y.toFixed(1);
      const list = byBaseline.get(key) ?? [];
      list.push(glyph);
      byBaseline.set(key, list);
    }
    const pageLines = [...byBaseline.values()].map((glyphs) => {
      glyphs.sort((a, b) => a.x - b.x);
      const last = glyphs.at(-1)!;
      return {
        page: index + 1,
        y: glyphs[0]!.y,
        glyphs,
        text: glyphs.map((g) => g.char).join(''),
        left: glyphs[0]!.x,
        right: last.x + last.width,
        size: glyphs[0]!.size,
      };
    });
    pageLines.sort((a, b) => a.y - b.y);
    lines.push(...pageLines);
  });
  return lines;
}
