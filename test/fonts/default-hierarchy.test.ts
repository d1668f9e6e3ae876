/**
 * With no mandated font installed, the four levels of a report (title, body,
 * level-1 and level-2 headings) still get four different faces from the
 * bundled ones (fonts/README.md, 随附字体的选择); the level-2 heading's is a
 * Kai face, LXGW WenKai, which covers every GB2312 character, and what it
 * lacks is still printed by the fallback chain.
 */
import { describe, expect, it } from 'vitest';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { splitByCoverage } from '../../src/fonts/coverage.js';
import { resolveFonts } from '../../src/fonts/resolve.js';

const fonts = resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));

/** The characters of GB2312 rows `from`..`to` (94 cells each), as the GB18030 decoder maps them; unassigned cells left out. */
function gb2312Rows(from: number, to: number): string[] {
  const decoder = new TextDecoder('gb18030');
  const chars: string[] = [];
  for (let row = from; row <= to; row++) {
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      if (row === 0xd7 && cell > 0xf9) continue; // row 55 ends at 55-89
      const char = decoder.decode(new Uint8Array([row, cell]));
      const codePoint = char.codePointAt(0)!;
      if (char === '\ufffd' || (codePoint >= 0xe000 && codePoint <= 0xf8ff)) continue; // GBK's user-defined cells
      chars.push(char);
    }
  }
  return chars;
}

describe('the bundled defaults', () => {
  it('give title, body, level-1 and level-2 headings four different faces, level 2 in Kai', () => {
    const faces = (['title', 'body', 'heading1', 'heading2'] as const).map((role) => fonts.roles[role].face.postscriptName);
    expect(faces).toEqual(['NotoSerifSC-Black', 'NotoSerifSC-Regular', 'NotoSansSC-Medium', 'LXGWWenKai-Bold']);
    expect(new Set(faces).size).toBe(4);
    expect(fonts.roles.heading2.origin).toBe('bundled');
  });

  it('set all 6763 GB2312 hanzi of a level-2 heading in the Kai face itself', () => {
    const hanzi = gb2312Rows(0xb0, 0xf7);
    expect(hanzi).toHaveLength(6763);
    const coverage = splitByCoverage(hanzi.join(''), fonts.chain('heading2'));
    expect(coverage.missing).toEqual([]);
    expect([...coverage.fallbackChars.keys()]).toEqual([]);
    expect(coverage.runs.map((run) => run.face.postscriptName)).toEqual(['LXGWWenKai-Bold']);
  });

  it('lose no GB2312 symbol in a level-2 heading: what the Kai face lacks is printed in a fallback face', () => {
    const symbols = gb2312Rows(0xa1, 0xa9);
    const coverage = splitByCoverage(symbols.join(''), fonts.chain('heading2'));
    expect(coverage.missing).toEqual([]);
    const inKai = coverage.runs.filter((run) => run.face.postscriptName === 'LXGWWenKai-Bold').reduce((sum, run) => sum + [...run.text].length, 0);
    expect(inKai).toBeGreaterThan(symbols.length - 10);
    for (const face of coverage.fallbackChars.values()) expect(face.postscriptName).toMatch(/^NotoS(erif|ans)SC-/);
  });
});
