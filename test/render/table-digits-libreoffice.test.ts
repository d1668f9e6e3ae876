/**
 * Six-digit numbers in every value cell of 表一, 表二 and 表三 (issue #13
 * item 3), in the DOCX as LibreOffice sets it (a private fontconfig: the
 * bundled faces for the Chinese fonts, Liberation Serif for Times New Roman;
 * test/helpers/libreoffice.ts): every number whole on one line, in the table
 * setting's size — 表三 at 小五 with its narrow paddings. Skipped where
 * LibreOffice, poppler or Liberation Serif is missing, except under CI.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { valueKey } from '../../src/document/model.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { renderDocx } from '../../src/render/docx.js';
import { tableSetting } from '../../src/tables/widths.js';
import { inspectPdf } from '../fonts/support/pdf-inspect.js';
import { hasLatinMetricFont, hasPoppler, hasSoffice, LATIN_FONT_HINT, LIBREOFFICE_HINT, POPPLER_HINT, soffice } from '../helpers/libreoffice.js';
import { skipWithout } from '../helpers/requires.js';
import { sampleReport } from '../helpers/sample.js';
import { bigBlock, pieces } from './support/table-pieces.js';

const skip = [
  skipWithout('LibreOffice (soffice)', hasSoffice(), LIBREOFFICE_HINT),
  skipWithout('poppler (pdftotext, pdffonts)', hasPoppler(), POPPLER_HINT),
  skipWithout('Liberation Serif', hasLatinMetricFont(), LATIN_FONT_HINT),
].some(Boolean);

describe.skipIf(skip)('six-digit numbers in the DOCX, set by LibreOffice', () => {
  it('prints every number of the three tables whole on one line, in the table setting’s size', async () => {
    const sample = composeReport(sampleReport(), v2021Format);
    const blocks = v2021Format.tables.map((grid) => bigBlock(grid, 6));
    const folder = await mkdtemp(path.join(tmpdir(), 'xxgk-lo-digits-'));
    const docx = path.join(folder, 'digits.docx');
    await writeFile(docx, await renderDocx({ meta: sample.meta, blocks, balances: [] }));
    await soffice(folder, ['--convert-to', 'pdf', '--outdir', folder, docx], 240_000);
    const pdf = await inspectPdf(new Uint8Array(await readFile(path.join(folder, 'digits.pdf'))));

    // Every printed piece of text, with its size (page numbers are 14 pt, under the text block).
    const printed = new Map<string, number[]>();
    for (const page of pdf.pages) {
      for (const piece of pieces(page.glyphs.filter((g) => g.size < 13))) printed.set(piece.text, [...(printed.get(piece.text) ?? []), piece.size]);
    }
    expect(blocks.map((block) => tableSetting(block.grid, (cell) => block.values.get(valueKey(cell.content.key))?.text).size)).toEqual([12, 10.5, 9]);
    for (const block of blocks) {
      const setting = tableSetting(block.grid, (cell) => block.values.get(valueKey(cell.content.key))?.text);
      for (const cell of block.grid.valueCells) {
        const text = block.values.get(valueKey(cell.content.key))!.text;
        // One whole piece per cell with this text, in the setting's size; a wrapped number would print as two pieces.
        const found = printed.get(text)?.findIndex((size) => Math.abs(size - setting.size) < 0.01) ?? -1;
        expect(found, `${block.grid.definition.id} ${cell.content.rowLabel} ${cell.content.colLabel}: ${text}`).toBeGreaterThanOrEqual(0);
        printed.get(text)!.splice(found, 1);
      }
    }
  }, 300_000);
});
