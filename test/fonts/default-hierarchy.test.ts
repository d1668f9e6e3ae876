/**
 * With no mandated font installed, the four levels of a report (title, body,
 * level-1 and level-2 headings) still get four different faces from the
 * bundled ones (fonts/README.md, 随附字体的选择).
 */
import { describe, expect, it } from 'vitest';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { resolveFonts } from '../../src/fonts/resolve.js';

describe('the bundled defaults', () => {
  it('give title, body, level-1 and level-2 headings four different faces', () => {
    const fonts = resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));
    const faces = (['title', 'body', 'heading1', 'heading2'] as const).map((role) => fonts.roles[role].face.postscriptName);
    expect(faces).toEqual(['NotoSerifSC-Black', 'NotoSerifSC-Regular', 'NotoSansSC-Medium', 'NotoSerifSC-Bold']);
    expect(new Set(faces).size).toBe(4);
  });
});
