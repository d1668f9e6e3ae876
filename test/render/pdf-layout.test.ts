/**
 * The PDF emitter's layout rules, piece by piece: where lines may break
 * (避头尾), the signature's indents (GB/T 9704 7.3.5.2), pagination on the
 * 22-line grid (headings never last on a page, tables moved or split between
 * rows with their headers repeated, the signature kept with the text), and
 * placement (lines on the grid, tables as tall as their grid lines and ruled
 * around every cell).
 */
import { describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import type { TableBlock } from '../../src/document/model.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { breakUnits } from '../../src/render/pdf/breaking.js';
import { signatureIndents, textPiece, type FlowItem } from '../../src/render/pdf/content.js';
import { CHAR_PITCH, LINE_PITCH, PAGE as PDF_PAGE, TABLE_RULE, TEXT_HEIGHT, TEXT_WIDTH } from '../../src/render/pdf/layout.js';
import { GlyphLedger } from '../../src/render/pdf/ledger.js';
import { paginate } from '../../src/render/pdf/paginate.js';
import { placePages, type Drawing, type Piece, type PlacedRule, type PlacedText } from '../../src/render/pdf/place.js';
import { STYLE, ViewRegistry } from '../../src/render/pdf/styles.js';
import { prepareTable, type PreparedTable } from '../../src/render/pdf/table.js';
import { setText, type TypesetContext } from '../../src/render/pdf/typeset.js';
import { sampleReport } from '../helpers/sample.js';

describe('line breaking', () => {
  it('keeps closing punctuation with the character before it and opening punctuation with the one after', () => {
    const units = breakUnits('报告，“条例”（一）《格式》。').map((u) => u.text);
    expect(units).toEqual(['报', '告，', '“条', '例”', '（一）', '《格', '式》。']);
  });

  it('keeps Latin words and numbers together and breaks URLs after a slash', () => {
    const units = breakUnits('收费12.35万元http://a.example.gov.cn/xxgk/').map((u) => u.text);
    expect(units).toContain('12.35');
    expect(units.some((u) => u.startsWith('http://') && u.endsWith('/'))).toBe(true);
  });

  it('marks forced breaks at line feeds', () => {
    expect(breakUnits('甲\n乙').map((u) => [u.text, u.forced])).toEqual([
      ['甲\n', true],
      ['乙', false],
    ]);
  });
});

describe('the grid', () => {
  it('is 22 lines of 28.991 pt and 28 characters of 15.793 pt', () => {
    expect(LINE_PITCH).toBeCloseTo(28.991, 3);
    expect(CHAR_PITCH).toBeCloseTo(15.793, 3);
    expect(22 * LINE_PITCH).toBeLessThanOrEqual(TEXT_HEIGHT);
    expect(28 * CHAR_PITCH).toBeLessThanOrEqual(TEXT_WIDTH);
    expect(29 * CHAR_PITCH).toBeGreaterThan(TEXT_WIDTH);
  });
});

describe('signature indents', () => {
  it('puts the name two characters in and the date two characters right of the name', () => {
    const name = 10 * CHAR_PITCH;
    const date = 7 * CHAR_PITCH;
    const { name: n, date: d } = signatureIndents(name, date);
    expect(n).toBeCloseTo(2 * CHAR_PITCH);
    // First character of the date = first character of the name + 2 characters.
    expect(TEXT_WIDTH - d - date).toBeCloseTo(TEXT_WIDTH - n - name + 2 * CHAR_PITCH);
  });

  it('keeps two characters right of a date longer than the name and moves the name left', () => {
    const { name: n, date: d } = signatureIndents(4 * CHAR_PITCH, 7 * CHAR_PITCH);
    expect(d).toBeCloseTo(2 * CHAR_PITCH);
    expect(TEXT_WIDTH - d - 7 * CHAR_PITCH).toBeCloseTo(TEXT_WIDTH - n - 4 * CHAR_PITCH + 2 * CHAR_PITCH);
  });
});

/** The paginator does not look at what it places; here, labels. */
interface Label {
  text?: string;
  table?: string;
}

const line = (text: string, keepWithNext = false): FlowItem<Label> => ({ kind: 'line', node: { text }, keepWithNext });
const lines = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => line(`${prefix}${i + 1}`));
const heading = (text: string): FlowItem<Label> => ({ kind: 'line', node: { text }, keepWithNext: true, heading: true });
/** One paragraph of `count` lines. */
const paragraph = (count: number, prefix: string): FlowItem<Label>[] =>
  Array.from({ length: count }, (_, index) => ({ kind: 'line', node: { text: `${prefix}${index + 1}` }, keepWithNext: false, paragraph: { index, count } }));

/** A table whose rows may break where `breakable` says (by default: after the header and three data rows). */
function fakeTable(rowLines: number[], headerRows: number, breakable = (row: number) => row - headerRows >= 3): FlowItem<Label> {
  const table: PreparedTable<Label> = {
    rowLines,
    headerRows,
    totalLines: rowLines.reduce((a, b) => a + b, 0),
    canBreakBefore: (row) => row > headerRows && row < rowLines.length && breakable(row),
    part: (start, end) => ({ table: `rows ${start}-${end - 1}` }),
  };
  return { kind: 'table', table };
}

const texts = (pages: Label[][]) => pages.map((page) => page.map((node) => String(node.text ?? node.table ?? '')));

describe('pagination', () => {
  it('fills a page with exactly 22 lines of text', () => {
    const pages = paginate(lines(30, 'p'));
    expect(pages.map((p) => p.length)).toEqual([22, 8]);
  });

  it('never leaves a heading as the last line of a page', () => {
    const pages = texts(paginate([...lines(21, 'p'), heading('一、标题'), ...lines(3, 'q')]));
    expect(pages[0]).toHaveLength(21);
    expect(pages[1]![0]).toBe('一、标题');
  });

  it('takes a heading to the next page with the two lines after it', () => {
    const pages = texts(paginate([...lines(20, 'p'), heading('一、标题'), ...lines(3, 'q')]));
    expect(pages[0]).toHaveLength(20);
    expect(pages[1]!.slice(0, 3)).toEqual(['一、标题', 'q1', 'q2']);
  });

  it('leaves no single line of a paragraph at the foot of a page (orphan)', () => {
    const pages = texts(paginate([...lines(21, 'p'), ...paragraph(4, 'q')]));
    expect(pages[0]).toHaveLength(21);
    expect(pages[1]).toEqual(['q1', 'q2', 'q3', 'q4']);
  });

  it('leaves no single line of a paragraph at the head of a page (widow)', () => {
    const pages = texts(paginate([...lines(19, 'p'), ...paragraph(4, 'q')]));
    expect(pages[0]).toEqual([...lines(19, 'p').map((l) => (l.kind === 'line' ? l.node.text : '')), 'q1', 'q2']);
    expect(pages[1]).toEqual(['q3', 'q4']);
  });

  it('starts a table that does not fit on the current page and continues it, when its header and three rows fit', () => {
    // 2 header rows (3 grid lines) and 10 rows of one line.
    const table = fakeTable([1, 2, ...new Array(10).fill(1)], 2);
    const pages = texts(paginate([...lines(13, 'p'), line('如下表。', true), table, line('after')]));
    // Page 1: 14 lines of text, 3 of header, 5 rows. Page 2: the header again, 5 rows, then the text.
    expect(pages[0]!.slice(-2)).toEqual(['如下表。', 'rows 2-6']);
    expect(pages[1]).toEqual(['rows 7-11', 'after']);
  });

  it('moves a table with its lead-in when its header and three rows do not fit', () => {
    const table = fakeTable([1, 2, ...new Array(10).fill(1)], 2);
    // 17 lines of text: the lead-in, 3 lines of header and 3 rows do not fit in the 5 left.
    const pages = texts(paginate([...lines(16, 'p'), line('如下表。', true), table]));
    expect(pages[0]).toHaveLength(16);
    expect(pages[1]).toEqual(['如下表。', 'rows 2-11']);
  });

  it('breaks a table only where it allows (a merged label whole on both sides)', () => {
    const table = fakeTable([1, 2, ...new Array(10).fill(1)], 2, (row) => row === 9);
    const pages = texts(paginate([...lines(10, 'p'), table]));
    expect(pages[0]!.at(-1)).toBe('rows 2-8');
    expect(pages[1]).toEqual(['rows 9-11']);
  });

  it('splits a table taller than a page between rows, repeating its header rows', () => {
    // 2 header rows (3 grid lines) and 25 rows of one line: 28 lines in all.
    const table = fakeTable([1, 2, ...new Array(25).fill(1)], 2);
    const pages = texts(paginate([...lines(10, 'p'), table, line('after')]));
    // Page 1: 10 lines of text, 3 of header, 9 rows. Page 2: 3 of header, 16 rows, then the text.
    expect(pages[0]!.slice(-1)).toEqual(['rows 2-10']);
    expect(pages[1]).toEqual(['rows 11-26', 'after']);
  });

  it('keeps the signature with the last two lines of text', () => {
    const signature: FlowItem<Label> = { kind: 'group', nodes: [{ text: 'name' }, { text: 'date' }], lines: 2 };
    const pages = texts(paginate([...lines(18, 'p'), line('last 2', true), line('last', true), line('', true), signature]));
    expect(pages[0]).toHaveLength(18);
    expect(pages[1]).toEqual(['last 2', 'last', '', 'name', 'date']);
  });

  it('starts a new page at an explicit page break and breaks where the space ends when nothing else is allowed', () => {
    const pages = texts(paginate([...lines(3, 'p'), { kind: 'pageBreak' }, ...Array.from({ length: 25 }, (_, i) => line(`k${i + 1}`, true))]));
    expect(pages.map((page) => page.length)).toEqual([3, 22, 3]);
  });
});

const isText = (d: Drawing): d is PlacedText => d.kind === 'text';
const isRule = (d: Drawing): d is PlacedRule => d.kind === 'rule';

describe('placement', () => {
  const fonts = resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));
  const context = (): TypesetContext => ({ fonts, views: new ViewRegistry(), ledger: new GlyphLedger() });

  it('puts the lines of a page one grid line apart from the top of the text block, an empty line taking its grid line', () => {
    const ctx = context();
    const [first] = setText(ctx, '第一行', STYLE.body, 'test', { width: TEXT_WIDTH, firstIndent: 2 * CHAR_PITCH, alignment: 'justify' });
    const [third] = setText(ctx, '第三行', STYLE.body, 'test', { width: TEXT_WIDTH, alignment: 'justify' });
    const pieces: Piece[] = [textPiece(first), textPiece(undefined), textPiece(third)];
    const [page] = placePages([pieces], () => undefined);
    const texts = page!.filter(isText);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatchObject({ x: PDF_PAGE.left + 2 * CHAR_PITCH, width: TEXT_WIDTH - 2 * CHAR_PITCH });
    expect(texts[0]!.y).toBeCloseTo(PDF_PAGE.top, 9);
    expect(texts[1]!.y).toBeCloseTo(PDF_PAGE.top + 2 * LINE_PITCH, 9);
  });

  it('draws a table as tall as its grid lines, its rules around every cell and none through a merged cell', () => {
    const block = composeReport(sampleReport(), v2021Format).blocks.find(
      (b): b is TableBlock => b.kind === 'table' && b.grid.anchors.some((cell) => cell.rowSpan > 1 && cell.colSpan > 1),
    )!;
    const table = prepareTable(block, context(), 'test');
    const part = table.part(table.headerRows, table.rowLines.length);
    expect(part.height).toBeCloseTo(table.totalLines * LINE_PITCH, 6);
    const rules = part.drawings.filter(isRule);
    const horizontal = rules.filter((r) => r.y1 === r.y2);
    const vertical = rules.filter((r) => r.x1 === r.x2);
    expect(horizontal.length + vertical.length).toBe(rules.length);
    // The frame: the top rule at the top, the left and right rules' outer edges at the text block's edges.
    expect(Math.min(...horizontal.map((r) => r.y1))).toBeCloseTo(TABLE_RULE / 2, 9);
    expect(Math.min(...vertical.map((r) => r.x1)) - TABLE_RULE / 2).toBeCloseTo(0, 9);
    expect(Math.max(...vertical.map((r) => r.x1)) + TABLE_RULE / 2).toBeCloseTo(TEXT_WIDTH, 6);
    // Inside the merged cell (the box its text lines are set in), no rule crosses.
    const merged = block.grid.anchors.find((cell) => cell.rowSpan > 1 && cell.colSpan > 1)!;
    const label = merged.content.kind === 'label' ? merged.content.text : '';
    const texts = part.drawings.filter(isText).filter((d) => label.includes(d.line.runs.map((r) => r.text).join('')));
    expect(texts.length).toBeGreaterThan(1);
    const box = {
      left: texts[0]!.x,
      right: texts[0]!.x + texts[0]!.width,
      top: Math.min(...texts.map((t) => t.y)),
      bottom: Math.max(...texts.map((t) => t.y + t.line.height)),
    };
    expect(vertical.some((r) => r.x1 > box.left + 1 && r.x1 < box.right - 1 && r.y1 < box.bottom && r.y2 > box.top)).toBe(false);
    expect(horizontal.some((r) => r.y1 > box.top + 1 && r.y1 < box.bottom - 1 && r.x1 < box.right && r.x2 > box.left)).toBe(false);
  });
});
