/**
 * Per-glyph fallback in the PDF: a character the body font lacks is printed
 * in the next font of the chain and reported; a character no font has is
 * reported with where it occurs, or refused with strictFonts. The body font is
 * the fixture 仿宋_GB2312 (a few dozen glyphs), found by discovery in the
 * fixture folder.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../src/document/model.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { FontError } from '../../src/fonts/errors.js';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { renderPdf } from '../../src/render/pdf.js';
import { inspectPdf } from '../fonts/support/pdf-inspect.js';

const SYSTEM = path.resolve('test/fixtures/fonts/system');
const fonts = resolveFonts(createFontCatalog({ systemFontDirs: [SYSTEM], fontconfig: false }));

function documentWith(paragraph: string): ReportDocument {
  return {
    meta: {
      title: '测试报告',
      organization: '测试机关',
      year: 2024,
      formatId: 'v2021',
      formatName: '测试',
      signatureDate: '2025-01-20',
      language: 'zh-CN',
    },
    balances: [],
    blocks: [
      { kind: 'title', lines: ['测试报告'] },
      { kind: 'paragraph', text: '本报告正文。', style: 'body' },
      { kind: 'heading', level: 1, text: '一、情况' },
      { kind: 'paragraph', text: paragraph, style: 'body' },
      { kind: 'signature', names: ['测试政府'], date: '2025年1月20日' },
    ],
  };
}

describe('glyph fallback in the PDF', () => {
  it('prints a character the body font lacks in a fallback font and says so', async () => {
    expect(fonts.roles.body.face.postscriptName).toBe('FangSong_GB2312');
    const result = await renderPdf(documentWith('本报告龘正文测试。'), { fonts });
    const pdf = await inspectPdf(result.bytes);
    const glyphs = pdf.pages.flatMap((page) => page.glyphs);
    const dragon = glyphs.find((g) => g.char === '龘')!;
    expect(dragon.font).toMatch(/^[A-Z]{6}\+NotoSerifSC-Regular$/);
    expect(dragon.size).toBe(16);
    const neighbours = glyphs.filter((g) => g.y === dragon.y && g.char !== '龘' && g.size === 16);
    for (const glyph of neighbours) expect(glyph.font).toMatch(/\+FangSong_GB2312$/);
    // Same grid line, same baseline: the fallback glyph sits in the line like the others.
    expect(neighbours.length).toBeGreaterThan(3);

    const warning = result.warnings.find((w) => w.code === 'FONT-GLYPH-FALLBACK');
    expect(warning?.code === 'FONT-GLYPH-FALLBACK' && warning.characters.map((c) => [c.char, c.where])).toEqual([['龘', ['一、情况 第1段']]]);
    expect(warning?.message).toContain('龘');
    expect(result.warnings.some((w) => w.code === 'FONT-MISSING-GLYPHS')).toBe(false);
  });

  it('reports a character no font has, with where it occurs', async () => {
    const result = await renderPdf(documentWith('本报告\u{20BB7}正文。'), { fonts });
    const warning = result.warnings.find((w) => w.code === 'FONT-MISSING-GLYPHS');
    expect(warning).toBeDefined();
    expect(warning!.message).toContain('U+20BB7');
    expect(warning!.message).toContain('一、情况 第1段');
    expect(result.bytes.length).toBeGreaterThan(1000);
  });

  it('starts a new page at a page break', async () => {
    const document = documentWith('本报告正文测试。');
    document.blocks.splice(4, 0, { kind: 'pageBreak' });
    const result = await renderPdf(document, { fonts });
    expect(result.pages).toBe(2);
    const pdf = await inspectPdf(result.bytes);
    expect(pdf.pages[1]!.glyphs.filter((g) => g.size === 16).map((g) => g.char).join('')).toBe('测试政府2025年1月20日');
  });

  it('refuses such a character with strictFonts, before any output', async () => {
    const attempt = renderPdf(documentWith('本报告\u{20BB7}正文。'), { fonts, strictFonts: true });
    await expect(attempt).rejects.toBeInstanceOf(FontError);
    await expect(attempt).rejects.toMatchObject({ code: 'missing-glyphs' });
  });
});
