/**
 * The round trip's fast readers agree with the slow, exact ones: the DOCX
 * table tokenizer with the DOM (logicalGrid), for a report of every format.
 */
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../src/render/docx.js';
import { arbitraryFor, FORMAT_IDS } from '../helpers/arbitrary-reports.js';
import { logicalGrid, openDocx, tables } from '../helpers/docx-xml.js';
import { PROPERTY_SEED } from './support/config.js';
import { docxTableGrids } from './support/read-back.js';
import { validateAndCompose } from './support/roundtrip.js';

describe('docxTableGrids', () => {
  it.each(FORMAT_IDS)('reads the %s tables exactly as the DOM does (every position, span and text)', async (format) => {
    for (const data of fc.sample(arbitraryFor(format), { numRuns: 3, seed: PROPERTY_SEED })) {
      const docx = await renderDocx(validateAndCompose(data, format, true).document);
      const dom = tables(await openDocx(docx)).map(logicalGrid);
      const fast = docxTableGrids(await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string'));
      expect(fast.length).toBe(dom.length);
      dom.forEach((grid, t) =>
        grid.forEach((row, r) =>
          row.forEach((cell, c) => {
            const token = fast[t]![r]![c]!;
            expect({ row: token.row, col: token.col, colSpan: token.colSpan, text: token.text }, `table ${t} (${r},${c})`).toEqual({
              row: cell.row,
              col: cell.col,
              colSpan: cell.colSpan,
              text: cell.text,
            });
          }),
        ),
      );
    }
  });
});
