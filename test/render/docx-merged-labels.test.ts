/**
 * A merged label continued across a page break in the DOCX (issue #13 item 1,
 * spec §6.9): given the PDF's fonts, the DOCX's tables break where the PDF's
 * paginator breaks them, and a merged cell cut by such a break ends at the
 * last row before it and restarts, with its label, on the first row after it
 * (Word and LibreOffice would print a continued `w:vMerge` blank). Rows that
 * share a merged cell are otherwise kept together (`w:keepNext` in their cells),
 * so a DOCX page that breaks elsewhere than the PDF's never shows it blank.
 * The rows of each PDF page part are as tall as the PDF's, the table's rules
 * counted (LibreOffice sets them outside the rows).
 */
import { describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { renderDocx } from '../../src/render/docx.js';
import { pdfTableBreaks } from '../../src/render/pdf/breaks.js';
import { attr, cellParagraph, child, elements, isOn, logicalGrid, openDocx, tables, textOf, type LogicalCell } from '../helpers/docx-xml.js';
import { BUNDLED_FONTS } from '../helpers/pagination-cases.js';
import { sampleReport } from '../helpers/sample.js';

const LABEL = '三、本年度办理结果';
const document = composeReport(sampleReport(), v2021Format);
const tableBlocks = document.blocks.flatMap((block) => (block.kind === 'table' ? [block] : []));
const requestsIndex = tableBlocks.findIndex((block) => block.grid.anchors.some((cell) => cell.content.kind === 'label' && cell.content.text === LABEL));

/** The distinct merged cells of a table, from its XML. */
function cellsOf(grid: LogicalCell[][]): LogicalCell[] {
  return [...new Set(grid.flat())];
}

/** Whether row `r`'s cells keep it with the next row. */
function keepsWithNext(tbl: Parameters<typeof elements>[0], r: number): boolean {
  const tr = elements(tbl, 'w:tr')[r]!;
  return elements(tr, 'w:tc').every((tc) => isOn(child(child(cellParagraph(tc), 'w:pPr'), 'w:keepNext')));
}

describe('a merged label cut by a page break (DOCX)', () => {
  const breaks = pdfTableBreaks(document, BUNDLED_FONTS);

  it('the sample\'s PDF breaks 表二 inside 三、本年度办理结果', () => {
    expect(requestsIndex).toBeGreaterThanOrEqual(0);
    const anchor = tableBlocks[requestsIndex]!.grid.anchors.find((cell) => cell.content.kind === 'label' && cell.content.text === LABEL)!;
    const inside = breaks[requestsIndex]!.breaks.filter((row) => row > anchor.row && row < anchor.row + anchor.rowSpan);
    expect(inside.length).toBeGreaterThan(0);
    for (const row of breaks[requestsIndex]!.breaks) expect(breaks[requestsIndex]!.breakable).toContain(row);
  });

  it('ends the merge before the break and restarts it with the label after it', async () => {
    const pkg = await openDocx(await renderDocx(document, { layoutFonts: BUNDLED_FONTS }));
    const tbl = tables(pkg)[requestsIndex]!;
    const grid = logicalGrid(tbl);
    const { breaks: rows } = breaks[requestsIndex]!;
    const labelCells = cellsOf(grid).filter((cell) => cell.text.replace(/\n/g, '') === LABEL);
    expect(labelCells.length).toBe(2);
    const anchor = tableBlocks[requestsIndex]!.grid.anchors.find((cell) => cell.content.kind === 'label' && cell.content.text === LABEL)!;
    const cut = rows.find((row) => row > anchor.row && row < anchor.row + anchor.rowSpan)!;
    // The pieces meet at the PDF's break and together cover the grid's merged cell.
    expect(labelCells.map((cell) => [cell.row, cell.row + cell.rowSpan])).toEqual([
      [anchor.row, cut],
      [cut, anchor.row + anchor.rowSpan],
    ]);
    // Every merged cell of the XML lies between two of the PDF's breaks: none is continued across one.
    for (const cell of cellsOf(grid)) for (const row of rows) expect(row > cell.row && row < cell.row + cell.rowSpan).toBe(false);
    // The merge restarts with the label in its lines.
    const restart = grid[cut]![anchor.col]!;
    expect(attr(child(child(restart.tc, 'w:tcPr'), 'w:vMerge'), 'val')).toBe('restart');
    expect(restart.lines.length).toBeGreaterThan(1);
    // Rows inside each piece keep together; the row before the break does not keep with the next.
    for (let r = anchor.row; r < anchor.row + anchor.rowSpan - 1; r++) {
      if (r === cut - 1) expect(keepsWithNext(tbl, r)).toBe(false);
      else expect(keepsWithNext(tbl, r), `row ${r}`).toBe(true);
    }
    // Row heights: whole grid lines less the rules LibreOffice sets outside them (the table's first row,
    // and the last row on each of the PDF's pages).
    const height = (r: number) => Number(attr(child(child(elements(tbl, 'w:tr')[r]!, 'w:trPr'), 'w:trHeight'), 'val'));
    const pitch = 579;
    expect(height(0) % pitch).toBe(pitch - 10);
    expect(height(cut - 1) % pitch).toBe(pitch - 10);
    expect(height(cut) % pitch).toBe(0);
    expect(height(grid.length - 1) % pitch).toBe(pitch - 10);
    // The header rows repeat, and no row splits.
    const trs = elements(tbl, 'w:tr');
    const headerRows = tableBlocks[requestsIndex]!.grid.definition.headerRows;
    trs.forEach((tr, r) => {
      const trPr = child(tr, 'w:trPr');
      expect(isOn(child(trPr, 'w:cantSplit'))).toBe(true);
      expect(isOn(child(trPr, 'w:tblHeader'))).toBe(r < headerRows);
    });
    expect(textOf(tbl)).toContain('本年度');
  });

  it('without the PDF\'s fonts, the label is one merged cell as before', async () => {
    const pkg = await openDocx(await renderDocx(document));
    const grid = logicalGrid(tables(pkg)[requestsIndex]!);
    const labelCells = cellsOf(grid).filter((cell) => cell.text.replace(/\n/g, '') === LABEL);
    expect(labelCells.length).toBe(1);
    expect(labelCells[0]!.rowSpan).toBe(tableBlocks[requestsIndex]!.grid.anchors.find((cell) => cell.content.kind === 'label' && cell.content.text === LABEL)!.rowSpan);
  });
});
