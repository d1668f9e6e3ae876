/**
 * What keeps the PDF reader fast (issue #15: a 6-page published PDF read and
 * audited in ≤ 300 ms warm; `scripts/bench-extract.mjs` measures it). Both
 * guard against a pdf.js upgrade silently bringing back the costs that
 * `src/extract/pdf-content.ts` avoids; the extracted data is the same either
 * way (pdf.test.ts, corpus.test.ts).
 *
 * - Loading pdf.js leaves Node's own `Array.prototype.push`, `JSON.parse` and
 *   `Function.prototype.toString` in place (its legacy build's polyfills
 *   replace them for the whole process, and its push is a JS loop).
 * - Reading a page installs no font face and builds no glyph outline: the
 *   page's shared objects are the fonts and no `…_path_…` entries (pdf.js's
 *   name for an outline), which plain `getDocument` in Node makes by the
 *   hundred for the same page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPdfjs, openPdf, readPageContent } from '../../src/extract/pdf-content.js';

// Taken before pdf.js is loaded (pdf-content.ts loads it on first use; each test file runs in its own process).
const natives = { push: Array.prototype.push, parse: JSON.parse, toString: Function.prototype.toString };

describe('the PDF reader avoids the costs of pdf.js it does not need', () => {
  it("loading pdf.js leaves Node's own push, JSON.parse and Function.prototype.toString", async () => {
    const { pdfjs } = await loadPdfjs();
    expect(typeof pdfjs.getDocument).toBe('function');
    expect(Array.prototype.push).toBe(natives.push);
    expect(JSON.parse).toBe(natives.parse);
    expect(Function.prototype.toString).toBe(natives.toString);
    // What the polyfills add and pdf.js needs on Node 20 stays.
    expect(typeof (Promise as { withResolvers?: unknown }).withResolvers).toBe('function');
  });

  it('a page of a real WPS PDF is read without installing its fonts or outlining its glyphs', async () => {
    const bytes = new Uint8Array(readFileSync('test/fixtures/published/cn-jiangsu-huaian-city-2024/source.pdf'));
    const { pdfjs, document } = await openPdf(bytes);
    try {
      const page = await document.getPage(1);
      const content = await readPageContent(page, pdfjs);
      expect(content.glyphs.map((glyph) => glyph.char).join('')).toContain('淮安市人民政府2024年政府信息公开工作年度报告');
      const shared = [...page.commonObjs].map(([id]) => id);
      expect(shared.length).toBeGreaterThanOrEqual(3);
      expect(shared.filter((id) => id.includes('_path_'))).toEqual([]);
    } finally {
      await document.destroy();
    }
  });
});
