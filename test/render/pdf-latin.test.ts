/**
 * Latin letters and digits in the PDF (issue #13 item 2, spec §6: “西文和数字按字形实际宽度排”,
 * “西文和数字常用 Times New Roman”): set in the DOCX's Latin face (Times New Roman, else the
 * bundled Tinos with its widths), on the Chinese text's baseline, 0.25 pt tighter as the DOCX's
 * character spacing makes them, with the autospace Word and LibreOffice put between a Chinese
 * character and a Latin letter or digit (0.2 em, plus the spacing the letter next to it keeps).
 */
import { describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { renderPdf } from '../../src/render/pdf.js';
import { AUTOSPACE } from '../../src/render/pdf/typeset.js';
import { inspectPdf, linesOf } from '../fonts/support/pdf-inspect.js';
import { BUNDLED_FONTS } from '../helpers/pagination-cases.js';
import { sampleReport } from '../helpers/sample.js';

describe('Latin letters and digits in the PDF', async () => {
  const { bytes } = await renderPdf(composeReport(sampleReport(), v2021Format), { fonts: BUNDLED_FONTS, creationDate: new Date('2025-01-20T00:00:00Z') });
  const pdf = await inspectPdf(bytes);
  const lines = linesOf(pdf);

  it('the bundled fonts resolve Tinos as the Latin face', () => {
    expect(BUNDLED_FONTS.latin?.postscriptName).toBe('Tinos-Regular');
  });

  it('sets digits in Tinos on the line of their Chinese text, with the autospace either side', () => {
    // The sample's 一、(一) paragraph: “…主动公开政府信息4826条，其中…”, one body line with its digits.
    const line = lines.find((candidate) => candidate.text.includes('政府信息4826条'))!;
    expect(line, 'one baseline for the Chinese text and its digits').toBeDefined();
    const at = line.text.indexOf('4826');
    const glyphs = line.glyphs;
    const [before, first, last, after] = [glyphs[at - 1]!, glyphs[at]!, glyphs[at + 3]!, glyphs[at + 4]!];
    for (const digit of glyphs.slice(at, at + 4)) {
      expect(digit.font).toMatch(/Tinos-Regular$/);
      expect(digit.size).toBe(16);
    }
    expect(before.font).toMatch(/NotoSerifSC-Regular$/);
    // Digits: Times New Roman's 0.5 em, 0.25 pt tighter (the DOCX's −0.25 pt spacing); the last one keeps the 0.25 pt.
    const step = glyphs[at + 1]!.x - first.x;
    expect(step).toBeCloseTo(8 - 0.25, 1);
    // Gaps at the two ends at least the autospace (justification may add to it, never past half a character).
    const gapBefore = first.x - (before.x + before.width);
    const gapAfter = after.x - (last.x + 8);
    for (const gap of [gapBefore, gapAfter]) {
      expect(gap).toBeGreaterThanOrEqual(AUTOSPACE * 16 - 0.01);
      expect(gap).toBeLessThanOrEqual(8 + 0.01);
    }
  });

  it('adds no autospace between Chinese punctuation and digits', () => {
    // “（国办公开办函〔2021〕30号）” in the preamble: 〔2021〕 sits tight against its brackets.
    const line = lines.find((candidate) => candidate.text.includes('〔2021〕'))!;
    const at = line.text.indexOf('〔2021〕');
    const bracket = line.glyphs[at]!;
    const two = line.glyphs[at + 1]!;
    // The bracket's advance is the grid's character pitch (justification may widen it a little, less than the autospace).
    expect(two.x - bracket.x - bracket.width).toBeLessThan(AUTOSPACE * 16);
  });
});
