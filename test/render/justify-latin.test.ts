/**
 * Spec §6.9 item 8: in justified lines, URLs, e-mail addresses and long
 * numbers break after / . - _ @ so that lines fill, and no two characters of
 * a justified line stand more than half a character apart. Measured from the
 * glyphs pdfjs reads back, on the bundled sample and on a report full of long
 * URLs and e-mail addresses.
 */
import { describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import type { ReportV2021 } from '../../src/formats/v2021/schema.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { renderPdf } from '../../src/render/pdf.js';
import { breakUnits } from '../../src/render/pdf/breaking.js';
import { PAGE, TEXT_WIDTH } from '../../src/render/pdf/layout.js';
import { inspectPdf, linesOf, type PdfLine } from '../fonts/support/pdf-inspect.js';
import { LONG_EMAIL, LONG_URL, longLinksReport } from '../helpers/long-links.js';
import { sampleReport } from '../helpers/sample.js';

const URL = LONG_URL;
const EMAIL = LONG_EMAIL;

/** Body lines (3号) followed by more of their paragraph: the justified ones. */
async function justifiedLines(report: ReportV2021): Promise<PdfLine[]> {
  const fonts = resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));
  const result = await renderPdf(composeReport(report, v2021Format), { fonts, creationDate: new Date('2025-01-20T00:00:00Z') });
  const lines = linesOf(await inspectPdf(result.bytes), (g) => g.size === 16 && g.y < PAGE.height - PAGE.bottom);
  return lines.filter((line, i) => {
    const next = lines[i + 1];
    return next !== undefined && next.page === line.page && Math.abs(next.left - PAGE.left) < 0.5 && line.right > PAGE.left + TEXT_WIDTH - 0.5;
  });
}

function widestGap(line: PdfLine): { gap: number; between: string } {
  let widest = { gap: 0, between: '' };
  for (let i = 1; i < line.glyphs.length; i++) {
    const a = line.glyphs[i - 1]!;
    const b = line.glyphs[i]!;
    const gap = b.x - (a.x + a.width);
    if (gap > widest.gap) widest = { gap, between: `${a.char}${b.char}` };
  }
  return widest;
}

describe('breaking inside Latin runs', () => {
  it('breaks URLs, e-mail addresses and long numbers after / . - _ @, never inside a decimal number', () => {
    const units = breakUnits(`见${URL}，${EMAIL}，0871-65550123，12.35万元`).map((u) => u.text);
    expect(units).toContain('example.');
    expect(units).toContain('qinghe_');
    expect(units).toContain('2024@');
    expect(units).toContain('0871-');
    expect(units.some((u) => u.includes('12.35'))).toBe(true);
    expect(breakUnits('收费12.35万元').map((u) => u.text)).toContain('12.35');
  });
});

describe.each([
  ['the bundled sample', sampleReport],
  ['a report with long URLs and e-mail addresses', longLinksReport],
])('justified lines of %s', (_, report) => {
  it('open no gap wider than half a character', async () => {
    const lines = await justifiedLines(report());
    expect(lines.length).toBeGreaterThan(30);
    const latin = lines.filter((line) => /[a-z]{3}/.test(line.text));
    expect(latin.length).toBeGreaterThan(0);
    for (const line of lines) {
      const { gap, between } = widestGap(line);
      expect(gap, `gap ${gap.toFixed(2)} pt between “${between}” in “${line.text}”`).toBeLessThanOrEqual(8);
    }
  }, 60_000);
});
