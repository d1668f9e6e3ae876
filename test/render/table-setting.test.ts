/**
 * Spec §6.9 item 7: table cells wrap into lines of at least two characters,
 * grouped labels between words, the applicant headings evenly, and numbers
 * never wrap. Every table of every built-in format is filled with large
 * numbers and set three ways: by the shared table setting (`tables/widths.ts`),
 * by the PDF typesetter, and read back from the PDF with pdfjs.
 *
 * The numbers have six digits, except in 表三: its fifteen columns in a
 * portrait text block hold four digits at 小五 at most (six would need the
 * table turned to landscape).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { formatValue, valueKey, type ReportDocument, type TableBlock } from '../../src/document/model.js';
import { BUILT_IN_FORMATS } from '../../src/formats/index.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { resolveFonts, type ResolvedFonts } from '../../src/fonts/resolve.js';
import { renderPdf } from '../../src/render/pdf.js';
import { renderXlsx } from '../../src/render/xlsx.js';
import { PAGE, TEXT_WIDTH } from '../../src/render/pdf/layout.js';
import { GlyphLedger } from '../../src/render/pdf/ledger.js';
import { ViewRegistry } from '../../src/render/pdf/styles.js';
import { prepareTable } from '../../src/render/pdf/table.js';
import type { TableGrid } from '../../src/tables/grid.js';
import { breakLabel, tableSetting, type ValueText } from '../../src/tables/widths.js';
import { inspectPdf, type PdfGlyph } from '../fonts/support/pdf-inspect.js';
import { sampleReport } from '../helpers/sample.js';
import { readWithExcelJs } from '../xlsx/helpers.js';

const APPLICANTS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];

/** A table block of `grid` with every value cell holding the largest number of `digits` digits. */
function bigBlock(grid: TableGrid, digits: number): TableBlock {
  const values = new Map<string, { value: number; text: string }>();
  for (const cell of grid.valueCells) {
    const { format } = cell.content;
    const value = format === 'wan' ? 10 ** (digits - 2) - 0.01 : 10 ** digits - 1;
    values.set(valueKey(cell.content.key), { value, text: formatValue(value, format) });
  }
  return { kind: 'table', grid, values };
}

const TABLES = BUILT_IN_FORMATS.flatMap((format) =>
  format.tables.map((grid) => {
    const digits = grid.definition.cols > 10 ? 4 : 6;
    return { name: `${format.id} ${grid.definition.id}`, block: bigBlock(grid, digits) };
  }),
);

const characters = (text: string) => [...text.replace(/\s/g, '')].length;

let fonts: ResolvedFonts;
beforeAll(() => {
  fonts = resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));
});

describe('the label breaker', () => {
  it('breaks balanced lines of at least two characters, grouped labels between words', () => {
    expect(breakLabel('商业企业', 3)).toEqual(['商业', '企业']);
    expect(breakLabel('社会公益组织', 2.5)).toEqual(['社会', '公益', '组织']);
    expect(breakLabel('自然人', 2)).toBeUndefined();
    expect(breakLabel('（三）不予公开', 3.5, true)).toEqual(['（三）', '不予', '公开']);
    expect(breakLabel('三、本年度办理结果', 3, true)).toEqual(['三、', '本年度', '办理', '结果']);
    expect(breakLabel('2.其他法律行政法规禁止公开', 7)).toEqual(['2.其他法律行政', '法规禁止公开']);
  });
});

describe.each(TABLES)('$name with large numbers', ({ block }) => {
  const { grid } = block;
  const values: ValueText = (cell) => block.values.get(valueKey(cell.content.key))?.text;

  it('the table setting: no label line of one character, applicant headings even, columns wide enough for the numbers', () => {
    const setting = tableSetting(grid, values);
    expect(setting.columns.reduce((a, b) => a + b, 0)).toBeCloseTo(TEXT_WIDTH - 0.5, 6);
    for (const cell of grid.anchors) {
      const lines = setting.labelLines(cell);
      if (cell.content.kind === 'value') {
        expect(lines).toBeUndefined();
        continue;
      }
      expect(lines!.join(''), cell.content.text).toBe(cell.content.text);
      if (lines!.length > 1) for (const line of lines!) expect(characters(line), `${cell.content.text}: “${line}”`).toBeGreaterThan(1);
      if (APPLICANTS.includes(cell.content.text)) {
        const lengths = lines!.map(characters);
        expect(Math.max(...lengths) - Math.min(...lengths), lines!.join('/')).toBeLessThanOrEqual(1);
      }
    }
  });

  it('the typesetter: every cell as the setting has it, numbers on one line', () => {
    const context = { fonts, views: new ViewRegistry(), ledger: new GlyphLedger() };
    const table = prepareTable(block, context, 'test');
    const setting = tableSetting(grid, values);
    for (const cell of grid.anchors) {
      const lines = table.cellLines.get(cell)!.map((line) => line.runs.map((run) => run.text).join(''));
      if (cell.content.kind === 'value') expect(lines, `${cell.content.rowLabel} ${cell.content.colLabel}`).toEqual([block.values.get(valueKey(cell.content.key))!.text]);
      else {
        expect(lines, cell.content.text).toEqual(setting.labelLines(cell));
        if (lines.length > 1) for (const line of lines) expect(characters(line), `${cell.content.text}: “${line}”`).toBeGreaterThan(1);
      }
    }
  });
});

/** Text pieces of one page: glyphs on one baseline, split where the gap between two is wider than a cell's paddings. */
function pieces(glyphs: readonly PdfGlyph[]): { y: number; left: number; right: number; text: string }[] {
  const rows = new Map<number, PdfGlyph[]>();
  for (const glyph of glyphs) {
    const y = Math.round(glyph.y * 10) / 10;
    rows.set(y, [...(rows.get(y) ?? []), glyph]);
  }
  const result: { y: number; left: number; right: number; text: string }[] = [];
  for (const [y, row] of rows) {
    row.sort((a, b) => a.x - b.x);
    let current: { y: number; left: number; right: number; text: string } | undefined;
    for (const glyph of row) {
      if (!current || glyph.x - current.right > 4) {
        current = { y, left: glyph.x, right: glyph.x + glyph.width, text: '' };
        result.push(current);
      }
      current.text += glyph.char;
      current.right = glyph.x + glyph.width;
    }
  }
  return result.sort((a, b) => a.y - b.y || a.left - b.left);
}

describe('the PDF, read back with pdfjs', () => {
  let document: ReportDocument;
  beforeAll(() => {
    const meta = composeReport(sampleReport(), v2021Format).meta;
    document = { meta, blocks: TABLES.map((t) => t.block), balances: [] };
  });

  it('has no wrapped cell line of one character and every number on one line', async () => {
    const pdf = await inspectPdf((await renderPdf(document, { fonts, creationDate: new Date('2025-01-20T00:00:00Z') })).bytes);
    const numbers = new Map<string, number>();
    for (const { block } of TABLES) for (const value of block.values.values()) numbers.set(value.text, (numbers.get(value.text) ?? 0) + 1);
    const found = new Map<string, number>();
    let wrapped = 0;
    for (const page of pdf.pages) {
      const inBlock = page.glyphs.filter((g) => g.y < PAGE.height - PAGE.bottom && g.size < 16);
      const list = pieces(inBlock);
      for (const piece of list) if (numbers.has(piece.text)) found.set(piece.text, (found.get(piece.text) ?? 0) + 1);
      // The lines of one cell are one table line (under 14.5 pt) apart and overlap horizontally.
      for (const piece of list) {
        const below = list.find((other) => other.y > piece.y + 13 && other.y < piece.y + 14.5 && other.left < piece.right && other.right > piece.left);
        if (!below) continue;
        wrapped++;
        expect(characters(piece.text), `“${piece.text}” above “${below.text}”`).toBeGreaterThan(1);
        expect(characters(below.text), `“${below.text}” below “${piece.text}”`).toBeGreaterThan(1);
        expect(/^[\d.增减]+$/.test(piece.text) || /^[\d.增减]+$/.test(below.text), `${piece.text} / ${below.text}`).toBe(false);
      }
    }
    expect(wrapped).toBeGreaterThan(20);
    expect(found).toEqual(numbers);
  }, 60_000);
});

describe('the XLSX', () => {
  it('takes the columns of the table setting, scaled to the sheet', async () => {
    const document = composeReport(sampleReport(), v2021Format);
    const workbook = await readWithExcelJs(await renderXlsx(document));
    let checked = 0;
    for (const block of document.blocks) {
      if (block.kind !== 'table') continue;
      const setting = tableSetting(block.grid, (cell) => block.values.get(valueKey(cell.content.key))?.text);
      const sheet = workbook.getWorksheet(block.grid.definition.sheetName)!;
      const widths = setting.columns.map((_, i) => sheet.getColumn(i + 1).width!);
      const total = widths.reduce((a, b) => a + b, 0);
      const expected = setting.columns.reduce((a, b) => a + b, 0);
      setting.columns.forEach((column, i) => expect(widths[i]! / total, `${sheet.name} column ${i + 1}`).toBeCloseTo(column / expected, 2));
      checked++;
    }
    expect(checked).toBe(3);
  });
});
