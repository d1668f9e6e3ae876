/**
 * Spec §6.9 item 7: table cells wrap into lines of at least two characters,
 * grouped labels between words, the applicant headings evenly, and numbers
 * never wrap. Every table of every built-in format is filled with large
 * numbers and set three ways: by the shared table setting (`tables/widths.ts`),
 * by the PDF typesetter, and read back from the PDF with pdfjs.
 *
 * The numbers have six digits in every value cell, 表三 included: its fifteen
 * columns in the 156 mm text block hold four digits at 五号, five at 小五, and
 * six at 小五 with 0.7 pt cell padding (digits are 0.5 em, Times New Roman in
 * the DOCX and Tinos, its widths, in the PDF). The DOCX is read back as XML:
 * the same size, padding and columns.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { valueKey, type ReportDocument, type TableBlock } from '../../src/document/model.js';
import { BUILT_IN_FORMATS } from '../../src/formats/index.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { reviewTableDefinition } from '../../src/formats/v2021/tables.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { resolveFonts, type ResolvedFonts } from '../../src/fonts/resolve.js';
import { renderPdf } from '../../src/render/pdf.js';
import { renderXlsx } from '../../src/render/xlsx.js';
import { PAGE, TEXT_WIDTH } from '../../src/render/pdf/layout.js';
import { GlyphLedger } from '../../src/render/pdf/ledger.js';
import { ViewRegistry } from '../../src/render/pdf/styles.js';
import { prepareTable } from '../../src/render/pdf/table.js';
import { buildGrid, type TableGrid } from '../../src/tables/grid.js';
import { breakLabel, CELL_PADDING, MIN_CELL_PADDING, RULE_WIDTH, tableSetting, textEm, type ValueText } from '../../src/tables/widths.js';
import { renderDocx } from '../../src/render/docx.js';
import { TEXT_WIDTH as DOCX_TEXT_WIDTH } from '../../src/render/docx/layout.js';
import { attr, child, descendants, elements, logicalGrid, openDocx, tables as docxTables } from '../helpers/docx-xml.js';
import { inspectPdf } from '../fonts/support/pdf-inspect.js';
import { bigBlock, pieces } from './support/table-pieces.js';
import { sampleReport } from '../helpers/sample.js';
import { readWithExcelJs } from '../xlsx/helpers.js';

const APPLICANTS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];

const TABLES = BUILT_IN_FORMATS.flatMap((format) =>
  format.tables.map((grid) => {
    return { name: `${format.id} ${grid.definition.id}`, block: bigBlock(grid, 6) };
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
    expect(setting.size).toBeGreaterThanOrEqual(9);
    expect(setting.padding).toBeGreaterThanOrEqual(MIN_CELL_PADDING);
    for (const cell of grid.valueCells) {
      const room = setting.columns.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0) - 2 * setting.padding - RULE_WIDTH;
      expect(textEm(values(cell)!) * setting.size, `${cell.content.rowLabel} ${cell.content.colLabel}`).toBeLessThanOrEqual(room);
    }
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

describe('表三 (15 columns in 156 mm)', () => {
  const grid = buildGrid(reviewTableDefinition);
  const setting = (digits: number) => {
    const block = bigBlock(grid, digits);
    return tableSetting(grid, (cell) => block.values.get(valueKey(cell.content.key))?.text);
  };

  it('is 五号 with its usual padding for numbers of up to four digits, whatever they are', () => {
    for (const digits of [1, 4]) expect(setting(digits)).toMatchObject({ size: 10.5, padding: CELL_PADDING });
    expect(setting(1).columns).toEqual(setting(4).columns);
  });

  it('is 小五 for five digits in every cell (padding 2.95 pt: 3 pt misses by 0.03 pt a column), and narrows its padding to 0.7 pt for six', () => {
    expect(setting(5)).toMatchObject({ size: 9, padding: 2.95 });
    expect(setting(6)).toMatchObject({ size: 9, padding: 0.7 });
  });

  it('stays 五号 when only the 总计 columns hold five digits (they widen, the others narrow), and is 小五 for six there', () => {
    const withTotals = (total: string) => {
      const values = new Map(bigBlock(grid, 2).values);
      for (const cell of grid.valueCells) if (cell.content.colId === 'total') values.set(valueKey(cell.content.key), { value: Number(total), text: total });
      return tableSetting(grid, (cell) => values.get(valueKey(cell.content.key))?.text);
    };
    expect(withTotals('999999')).toMatchObject({ size: 9, padding: CELL_PADDING });
    const five = withTotals('99999');
    expect(five).toMatchObject({ size: 10.5, padding: CELL_PADDING });
    // The 总计 columns are the wide ones.
    const total = five.columns[4]!;
    expect(five.columns.filter((w) => w === total)).toHaveLength(3);
    expect(five.columns[0]!).toBeLessThan(total);
  });
});

describe.each(TABLES)('$name with large numbers, in the PDF', ({ block }) => {
  it('prints every number on one line inside its cell, in the setting\'s size', async () => {
    const { grid } = block;
    const setting = tableSetting(grid, (cell) => block.values.get(valueKey(cell.content.key))?.text);
    const meta = composeReport(sampleReport(), v2021Format).meta;
    const pdf = await inspectPdf((await renderPdf({ meta, blocks: [block], balances: [] }, { fonts, creationDate: new Date('2025-01-20T00:00:00Z') })).bytes);
    // Page numbers (below the text block) aside.
    const glyphs = pdf.pages.map((page) => page.glyphs.filter((g) => g.y < PAGE.height - PAGE.bottom));
    // The table is the text block's width from its left edge; each value cell's text lies between its paddings.
    const ruleX = [PAGE.left];
    for (const width of setting.columns) ruleX.push(ruleX.at(-1)! + width);
    const boxes = grid.valueCells.map((cell) => ({
      text: block.values.get(valueKey(cell.content.key))!.text,
      left: ruleX[cell.col]! + RULE_WIDTH + setting.padding,
      right: ruleX[cell.col + cell.colSpan]! - setting.padding,
    }));
    const texts = new Set(boxes.map((box) => box.text));
    const printed = glyphs.flatMap((list) => pieces(list)).filter((piece) => texts.has(piece.text));
    expect(printed).toHaveLength(grid.valueCells.length);
    for (const piece of printed) {
      const box = boxes.find((b) => b.text === piece.text && piece.left >= b.left - 0.01 && piece.right <= b.right + 0.01);
      expect(box, `${piece.text} at ${piece.left.toFixed(2)}–${piece.right.toFixed(2)}`).toBeDefined();
      boxes.splice(boxes.indexOf(box!), 1);
    }
    const sizes = new Set(glyphs.flat().filter((g) => /\d/.test(g.char)).map((g) => g.size));
    expect([...sizes]).toEqual([setting.size]);
  }, 60_000);
});

describe('the DOCX, read as XML', () => {
  const twips = (pt: number) => Math.round(pt * 20);

  it('sets each table in the size, padding and columns of the table setting, every number within its cell', async () => {
    const big = TABLES.filter((t) => t.name.startsWith('v2021 ')).map((t) => t.block);
    const sample = composeReport(sampleReport(), v2021Format);
    const samples = sample.blocks.filter((b): b is TableBlock => b.kind === 'table');
    const pkg = await openDocx(await renderDocx({ meta: sample.meta, blocks: [...big, ...samples], balances: [] }));
    const xml = docxTables(pkg);
    expect(xml).toHaveLength(6);
    const seen: string[] = [];
    [...big, ...samples].forEach((block, i) => {
      const setting = tableSetting(block.grid, (cell) => block.values.get(valueKey(cell.content.key))?.text);
      const tbl = xml[i]!;
      const margins = child(child(tbl, 'w:tblPr'), 'w:tblCellMar');
      expect(attr(child(margins, 'w:left'), 'w')).toBe(String(twips(setting.padding)));
      expect(attr(child(margins, 'w:right'), 'w')).toBe(String(twips(setting.padding)));
      const columns = elements(child(tbl, 'w:tblGrid')!, 'w:gridCol').map((col) => Number(attr(col, 'w')));
      expect(columns.reduce((a, b) => a + b, 0)).toBe(DOCX_TEXT_WIDTH);
      const sizes = new Set(descendants(tbl, 'w:sz').map((sz) => attr(sz, 'val')));
      expect([...sizes]).toEqual([String(setting.size * 2)]);
      const logical = logicalGrid(tbl);
      for (const cell of block.grid.valueCells) {
        const { text, tc } = logical[cell.row]![cell.col]!;
        const width = Number(attr(child(child(tc, 'w:tcPr'), 'w:tcW'), 'w'));
        expect(textEm(text) * setting.size * 20, `${block.grid.definition.id} ${text}`).toBeLessThanOrEqual(width - 2 * twips(setting.padding) - 10);
      }
      seen.push(`${block.grid.definition.id} ${setting.size} ${setting.padding}`);
    });
    // The big 表三 at 小五 with narrow paddings; the sample's at 五号.
    expect(seen).toContain('t3 9 0.7');
    expect(seen).toContain('t3 10.5 3');
  });
});

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
  const big = () => {
    const sample = composeReport(sampleReport(), v2021Format);
    const blocks = TABLES.filter((t) => t.name.startsWith('v2021 ')).map((t) => t.block);
    return { ...sample, blocks: sample.blocks.map((block) => (block.kind === 'table' ? blocks.find((b) => b.grid.definition.id === block.grid.definition.id)! : block)) };
  };
  it.each([
    ['the sample', () => composeReport(sampleReport(), v2021Format)],
    ['six-digit numbers in every cell', big],
  ])('takes the columns of the table setting, scaled to the sheet: %s', async (_, make) => {
    const document = make();
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
