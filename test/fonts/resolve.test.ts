/**
 * Resolution order (configuration → installed → bundled), the errors a user
 * can cause, coverage and fallback chains. Installed fonts come from the
 * fixture folder only.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { mergeFontConfigs, parseFontOptions, readFontConfigFile } from '../../src/fonts/config.js';
import { splitByCoverage } from '../../src/fonts/coverage.js';
import { FontError } from '../../src/fonts/errors.js';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { tempDir } from '../helpers/cli.js';

const FIXTURES = path.resolve('test/fixtures/fonts');
const SYSTEM = path.join(FIXTURES, 'system');
const fixtureCatalog = () => createFontCatalog({ systemFontDirs: [SYSTEM], fontconfig: false });
const bareCatalog = () => createFontCatalog({ systemFontDirs: [], fontconfig: false });

function fontError(run: () => unknown): FontError {
  try {
    run();
  } catch (error) {
    if (error instanceof FontError) return error;
    throw error;
  }
  throw new Error('expected a FontError');
}

describe('resolving font roles', () => {
  it('uses the bundled open fonts when nothing is installed, and says so per role', () => {
    const fonts = resolveFonts(bareCatalog());
    expect(fonts.roles.body.origin).toBe('bundled');
    expect(fonts.roles.body.fallback).toBe(true);
    expect(fonts.roles.body.face.postscriptName).toBe('NotoSerifSC-Regular');
    expect(fonts.roles.title.face.postscriptName).toBe('NotoSerifSC-Black');
    expect(fonts.roles.heading1.face.postscriptName).toBe('NotoSansSC-Medium');
    expect(fonts.roles.table.inheritedFrom).toBe('body');
    const body = fonts.warnings.find((w) => w.code === 'FONT-SUBSTITUTED' && w.role === 'body')!;
    expect(body.message).toContain('正文');
    expect(body.message).toContain('仿宋_GB2312');
    expect(body.message).toContain('--font body=');
    // Tables inherit the body font: no separate warning.
    expect(fonts.warnings.some((w) => w.code === 'FONT-SUBSTITUTED' && w.role === 'table')).toBe(false);
  });

  it('finds an installed mandated font by family name; it is no fallback', () => {
    const fonts = resolveFonts(fixtureCatalog());
    expect(fonts.roles.body.origin).toBe('system');
    expect(fonts.roles.body.fallback).toBe(false);
    expect(fonts.roles.body.face.path).toBe(path.join(SYSTEM, 'FakeFangSong.ttf'));
    // 宋体 for page numbers, from the collection.
    expect(fonts.roles.pageNumber.face.postscriptName).toBe('SimSun');
    expect(fonts.roles.table.face).toBe(fonts.roles.body.face);
    expect(fonts.warnings.some((w) => w.code === 'FONT-SUBSTITUTED' && w.role === 'body')).toBe(false);
  });

  it('puts explicit configuration first', () => {
    const config = parseFontOptions([`body=${path.join(SYSTEM, 'sub', 'FakeSong.ttc')}#NSimSun`, 'title=仿宋_GB2312']);
    const fonts = resolveFonts(fixtureCatalog(), config);
    expect(fonts.roles.body.origin).toBe('config');
    expect(fonts.roles.body.fallback).toBe(false);
    expect(fonts.roles.body.face.postscriptName).toBe('NSimSun');
    expect(fonts.roles.title.face.postscriptName).toBe('FangSong_GB2312');
    expect(fonts.roles.table.face.postscriptName).toBe('NSimSun');
  });

  it('reads a configuration file with paths relative to it; --font wins over it', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'fonts.yaml');
    writeFileSync(file, `body: ${path.relative(dir, path.join(SYSTEM, 'FakeFangSong.ttf'))}\nheading2:\n  path: ${path.join(SYSTEM, 'sub', 'FakeSong.ttc')}\n  postscriptName: SimSun\n`);
    const fromFile = readFontConfigFile(file);
    expect(fromFile.roles.body).toMatchObject({ kind: 'file', path: path.join(SYSTEM, 'FakeFangSong.ttf') });
    const merged = mergeFontConfigs(fromFile, parseFontOptions([`heading2=${path.join(SYSTEM, 'sub', 'FakeSong.ttc')}#NSimSun`]));
    const fonts = resolveFonts(bareCatalog(), merged);
    expect(fonts.roles.body.face.postscriptName).toBe('FangSong_GB2312');
    expect(fonts.roles.heading2.face.postscriptName).toBe('NSimSun');
  });
});

describe('the example configuration file', () => {
  it('names a font for every role it lists', () => {
    const config = readFontConfigFile(path.resolve('fonts/xxgk-fonts.example.yaml'));
    expect(Object.keys(config.roles).sort()).toEqual(['body', 'heading1', 'heading2', 'pageNumber', 'title']);
    expect(config.roles.pageNumber).toMatchObject({ kind: 'file', postscriptName: 'SimSun' });
    expect(config.roles.heading1).toMatchObject({ kind: 'family', family: '黑体' });
    expect(config.fallback).toHaveLength(1);
  });
});

describe('font errors the user can cause', () => {
  it('a path that does not exist', () => {
    const error = fontError(() => resolveFonts(bareCatalog(), parseFontOptions(['body=/no/such/仿宋.ttf'])));
    expect(error.code).toBe('font-not-found');
    expect(error.message).toContain('--font body=/no/such/仿宋.ttf');
    expect(error.message).toContain('字体文件不存在');
  });

  it('a file that is not a font', () => {
    const error = fontError(() => resolveFonts(bareCatalog(), parseFontOptions([`body=${path.join(FIXTURES, 'not-a-font.ttf')}`])));
    expect(error.code).toBe('not-a-font');
    expect(error.message).toContain('不是字体文件');
  });

  it('a collection without the named face lists the faces it has', () => {
    const error = fontError(() => resolveFonts(bareCatalog(), parseFontOptions([`pageNumber=${path.join(SYSTEM, 'sub', 'FakeSong.ttc')}#SimHei`])));
    expect(error.code).toBe('face-not-in-collection');
    expect(error.message).toContain('SimHei');
    expect(error.message).toContain('SimSun、NSimSun');
  });

  it('a family name nobody has, an unknown role, a broken configuration file', async () => {
    expect(fontError(() => resolveFonts(bareCatalog(), parseFontOptions(['heading1=方正黑体_GBK']))).code).toBe('family-not-found');
    expect(fontError(() => parseFontOptions(['subtitle=/x.ttf'])).message).toContain('角色');
    const dir = await tempDir();
    writeFileSync(path.join(dir, 'bad.yaml'), 'body: [unclosed\n');
    expect(fontError(() => readFontConfigFile(path.join(dir, 'bad.yaml'))).code).toBe('bad-font-config');
    writeFileSync(path.join(dir, 'role.yaml'), 'bodytext: /x.ttf\n');
    expect(fontError(() => readFontConfigFile(path.join(dir, 'role.yaml'))).message).toContain('bodytext');
  });
});

describe('coverage and fallback chains', () => {
  it('sets characters the role font lacks in the next font of the chain, run by run', () => {
    const fonts = resolveFonts(fixtureCatalog());
    const { runs, missing, fallbackChars } = splitByCoverage('本报告龘正文①测试', fonts.chain('body'));
    // Neither fixture face has 龘 or ①: they come from the bundled serif.
    expect(runs.map((r) => [r.text, r.face.postscriptName])).toEqual([
      ['本报告', 'FangSong_GB2312'],
      ['龘', 'NotoSerifSC-Regular'],
      ['正文', 'FangSong_GB2312'],
      ['①', 'NotoSerifSC-Regular'],
      ['测试', 'FangSong_GB2312'],
    ]);
    expect([...fallbackChars.keys()]).toEqual(['龘', '①']);
    expect(missing).toEqual([]);
  });

  it('reports characters no font has and drops invisible ones', () => {
    const fonts = resolveFonts(bareCatalog());
    const { runs, missing } = splitByCoverage('名字\u{20BB7}\u200b好', fonts.chain('body'));
    expect(missing).toEqual(['\u{20BB7}']);
    expect(runs.map((r) => r.text).join('')).toBe('名字\u{20BB7}好');
  });
});
