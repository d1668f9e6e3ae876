/**
 * The sample DOCX as a person sees it: converted by LibreOffice and read back
 * with poppler. LibreOffice runs with a private fontconfig (see
 * test/helpers/libreoffice.ts): the mandated font names are set in the faces
 * bundled with xxgk, whatever fonts the machine has. Skipped where LibreOffice
 * or poppler is not installed — except under CI, where that fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { BUNDLED_FACES } from '../../src/fonts/bundled.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { renderDocx } from '../../src/render/docx.js';
import {
  hasLatinMetricFont,
  hasPoppler,
  hasSoffice,
  LATIN_FONT_HINT,
  LIBREOFFICE_HINT,
  pdfFonts,
  POPPLER_HINT,
  soffice,
} from '../helpers/libreoffice.js';
import { inspectPdf, linesOf, type PdfLine } from '../fonts/support/pdf-inspect.js';
import { longLinksReport } from '../helpers/long-links.js';
import { skipWithout } from '../helpers/requires.js';
import { sampleReport } from '../helpers/sample.js';

const skip = [
  skipWithout('LibreOffice (soffice)', hasSoffice(), LIBREOFFICE_HINT),
  skipWithout('poppler (pdftotext, pdffonts)', hasPoppler(), POPPLER_HINT),
  skipWithout('Liberation Serif', hasLatinMetricFont(), LATIN_FONT_HINT),
].some(Boolean);

describe.skipIf(skip)('the sample DOCX rendered by LibreOffice', () => {
  it('fills full pages with 22 lines of at most 28 characters, most of them exactly 28, in the bundled faces', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'xxgk-lo-'));
    const docx = path.join(folder, 'sample.docx');
    await writeFile(docx, await renderDocx(composeReport(sampleReport(), v2021Format)));
    await soffice(folder, ['--convert-to', 'pdf', '--outdir', folder, docx], 120_000);
    expect(await readdir(folder)).toContain('sample.pdf');
    const pdf = path.join(folder, 'sample.pdf');
    // Only bundled faces and Liberation Serif (for Times New Roman); 方正小标宋简体, 仿宋_GB2312 and 宋体, 黑体,
    // 楷体_GB2312 in the faces the PDF renderer uses for them by default.
    const fonts = await pdfFonts(pdf);
    const allowed = [...BUNDLED_FACES.map((face) => face.postscriptName), 'LiberationSerif', 'LiberationSerif-Bold'];
    expect(fonts.filter((font) => !allowed.includes(font))).toEqual([]);
    expect(fonts).toEqual(expect.arrayContaining(['NotoSerifSC-Black', 'NotoSerifSC-Regular', 'NotoSansSC-Medium', 'LXGWWenKai-Bold']));
    const pages = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\f');
    // Page 2 is all body text: two sub-parts of 一、总体情况.
    const lines = pages[1]!.split('\n').filter((line) => line.trim() !== '');
    const pageNumber = lines.pop();
    expect(pageNumber?.replace(/\s/g, '')).toBe('—2—');
    expect(lines).toHaveLength(22);
    // A line of pure Chinese text holds 28 characters; digits are narrower, so lines with them hold more glyphs.
    const chineseOnly = lines.filter((line) => /^[^\x00-\x7F]+$/.test(line));
    expect(chineseOnly.every((line) => Array.from(line).length <= 28)).toBe(true);
    expect(chineseOnly.filter((line) => Array.from(line).length === 28).length).toBeGreaterThanOrEqual(5);
  }, 180_000);

  /** The LibreOffice PDF of a report's DOCX, its 3号 lines that end at the right edge with more of their paragraph below. */
  async function justifiedLines(report: ReturnType<typeof sampleReport>): Promise<PdfLine[]> {
    const folder = await mkdtemp(path.join(tmpdir(), 'xxgk-lo-'));
    const docx = path.join(folder, 'report.docx');
    await writeFile(docx, await renderDocx(composeReport(report, v2021Format)));
    await soffice(folder, ['--convert-to', 'pdf', '--outdir', folder, docx], 120_000);
    const pdf = await inspectPdf(new Uint8Array(await readFile(path.join(folder, 'report.pdf'))));
    const lines = linesOf(pdf, (g) => g.size > 15.5 && g.size < 16.5);
    const left = Math.min(...lines.map((line) => line.left));
    return lines.filter((line, i) => {
      const next = lines[i + 1];
      return next !== undefined && next.page === line.page && Math.abs(next.left - left) < 0.5 && line.glyphs.length > 3;
    });
  }

  const widestGap = (line: PdfLine) =>
    Math.max(0, ...line.glyphs.slice(1).map((glyph, i) => glyph.x - (line.glyphs[i]!.x + line.glyphs[i]!.width)));

  it('spec §6.9 item 8: opens no gap wider than half a character in the justified lines of the sample, URL and e-mail included', async () => {
    const lines = await justifiedLines(sampleReport());
    expect(lines.length).toBeGreaterThan(30);
    expect(lines.some((line) => /example/.test(line.text))).toBe(true);
    for (const line of lines) expect(widestGap(line), line.text).toBeLessThanOrEqual(8);
  }, 180_000);

  it('spec §6.9 item 8: breaks long URLs and e-mail addresses after / . - _ @ at the zero-width spaces', async () => {
    const lines = await justifiedLines(longLinksReport());
    const brokenInside = lines.filter((line) => /[a-z0-9][./_@-]$/.test(line.text.replaceAll('\u200b', '')) && /[a-z]/.test(line.text));
    expect(brokenInside.length).toBeGreaterThanOrEqual(4);
  }, 180_000);
});
