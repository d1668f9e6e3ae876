/**
 * Shared by the table tests: tables filled with big numbers, and the text
 * pieces of a PDF page (what one cell prints on one line).
 */
import { formatValue, valueKey, type TableBlock } from '../../../src/document/model.js';
import { AUTOSPACE } from '../../../src/render/pdf/typeset.js';
import type { TableGrid } from '../../../src/tables/grid.js';
import type { PdfGlyph } from '../../fonts/support/pdf-inspect.js';

export interface TextPiece {
  y: number;
  left: number;
  right: number;
  text: string;
  /** Type size of its first glyph. */
  size: number;
}

/** A table block of `grid` with every value cell holding the largest number of `digits` digits. */
export function bigBlock(grid: TableGrid, digits: number): TableBlock {
  const values = new Map<string, { value: number; text: string }>();
  for (const cell of grid.valueCells) {
    const { format } = cell.content;
    const value = format === 'wan' ? 10 ** (digits - 2) - 0.01 : 10 ** digits - 1;
    values.set(valueKey(cell.content.key), { value, text: formatValue(value, format) });
  }
  return { kind: 'table', grid, values };
}

/** Text pieces of one page: glyphs on one baseline, split where the gap between two is wider than the narrowest cell paddings and rule (1.5 pt). */
export function pieces(glyphs: readonly PdfGlyph[]): TextPiece[] {
  const rows = new Map<number, PdfGlyph[]>();
  for (const glyph of glyphs) {
    const y = Math.round(glyph.y * 10) / 10;
    rows.set(y, [...(rows.get(y) ?? []), glyph]);
  }
  const result: TextPiece[] = [];
  for (const [y, row] of rows) {
    row.sort((a, b) => a.x - b.x);
    let current: TextPiece | undefined;
    for (const glyph of row) {
      // Within a cell: glyphs touch, but for the autospace between a Chinese character and a digit (增999999).
      const autospaced = current && /\p{Script=Han}/u.test(current.text.at(-1)!) !== /\p{Script=Han}/u.test(glyph.char);
      if (!current || glyph.x - current.right > (autospaced ? AUTOSPACE * glyph.size + 0.1 : 1)) {
        current = { y, left: glyph.x, right: glyph.x + glyph.width, text: '', size: glyph.size };
        result.push(current);
      }
      current.text += glyph.char;
      current.right = glyph.x + glyph.width;
    }
  }
  return result.sort((a, b) => a.y - b.y || a.left - b.left);
}

