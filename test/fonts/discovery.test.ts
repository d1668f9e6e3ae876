/**
 * Font discovery against the fixture folder (never the machine's own fonts):
 * names in Chinese and English, collections, broken files, fontconfig output.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultSystemFontDirs,
  findInstalledFace,
  listFontconfigFaces,
  listFontFiles,
  scanFontDirs,
} from '../../src/fonts/discovery.js';
import { normalizeFontName, readFontFileInfo } from '../../src/fonts/sfnt.js';

const FIXTURES = path.resolve('test/fixtures/fonts');
const SYSTEM = path.join(FIXTURES, 'system');

describe('reading font names', () => {
  it('reads family names in every language and the PostScript name', () => {
    const info = readFontFileInfo(path.join(SYSTEM, 'FakeFangSong.ttf'));
    expect(info.container).toBe('truetype');
    expect(info.faces).toHaveLength(1);
    expect(info.faces[0]!.postscriptName).toBe('FangSong_GB2312');
    expect(info.faces[0]!.families).toEqual(expect.arrayContaining(['FangSong_GB2312', '仿宋_GB2312']));
  });

  it('lists every face of a TrueType collection', () => {
    const info = readFontFileInfo(path.join(SYSTEM, 'sub', 'FakeSong.ttc'));
    expect(info.container).toBe('collection');
    expect(info.faces.map((f) => f.postscriptName)).toEqual(['SimSun', 'NSimSun']);
    expect(info.faces[1]!.families).toContain('新宋体');
  });

  it('refuses a file that is not a font', () => {
    expect(() => readFontFileInfo(path.join(FIXTURES, 'not-a-font.ttf'))).toThrow();
  });

  it('compares names without case, spaces, hyphens or underscores', () => {
    expect(normalizeFontName('FangSong_GB2312')).toBe(normalizeFontName('fangsong gb2312'));
    expect(normalizeFontName('仿宋_GB2312')).not.toBe(normalizeFontName('仿宋'));
  });
});

describe('scanning font folders', () => {
  it('finds fonts in sub-folders and skips files that are not fonts', () => {
    const files = listFontFiles([FIXTURES]).map((f) => path.relative(FIXTURES, f));
    expect(files).toEqual(['not-a-font.ttf', path.join('system', 'FakeFangSong.ttf'), path.join('system', 'sub', 'FakeSong.ttc')]);
    const faces = scanFontDirs([FIXTURES]);
    expect(faces.map((f) => `${path.basename(f.path)}#${f.index}`)).toEqual(['FakeFangSong.ttf#0', 'FakeSong.ttc#0', 'FakeSong.ttc#1']);
  });

  it('finds a face by its Chinese or its English family name', () => {
    const faces = scanFontDirs([SYSTEM]);
    expect(findInstalledFace(faces, '仿宋_GB2312')?.postscriptName).toBe('FangSong_GB2312');
    expect(findInstalledFace(faces, 'fangsong_gb2312')?.postscriptName).toBe('FangSong_GB2312');
    expect(findInstalledFace(faces, '宋体')?.postscriptName).toBe('SimSun');
    expect(findInstalledFace(faces, 'NSimSun')?.index).toBe(1);
    expect(findInstalledFace(faces, '黑体')).toBeUndefined();
  });

  it('ignores folders that do not exist', () => {
    expect(scanFontDirs([path.join(FIXTURES, 'no-such-folder')])).toEqual([]);
  });

  it('knows the font folders of Windows, macOS and Linux', () => {
    expect(defaultSystemFontDirs('win32', { WINDIR: 'D:\\Windows', LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'C:\\Users\\a')).toEqual([
      'D:\\Windows\\Fonts',
      'C:\\Users\\a\\AppData\\Local\\Microsoft\\Windows\\Fonts',
    ]);
    expect(defaultSystemFontDirs('darwin', {}, '/Users/a')).toEqual(expect.arrayContaining(['/System/Library/Fonts', '/Library/Fonts', '/Users/a/Library/Fonts']));
    expect(defaultSystemFontDirs('linux', {}, '/home/a')).toEqual(expect.arrayContaining(['/usr/share/fonts', '/home/a/.local/share/fonts']));
  });

  it('reads fontconfig’s list, families in all languages', () => {
    const output = [
      '/usr/share/fonts/simfang.ttf\t0\tFangSong\tFangSong,仿宋\tFangSong,仿宋\tRegular,常规\t80',
      '/usr/share/fonts/simsun.ttc\t1\tNSimSun\tNSimSun,新宋体\tNSimSun\tRegular\t80',
      '/usr/share/fonts/odd.pcf.gz\t0\t\tFixed\tFixed\tRegular\t80',
    ].join('\n');
    const faces = listFontconfigFaces(() => output)!;
    expect(faces).toHaveLength(2);
    expect(findInstalledFace(faces, '仿宋')?.path).toBe('/usr/share/fonts/simfang.ttf');
    expect(findInstalledFace(faces, '新宋体')?.index).toBe(1);
    expect(listFontconfigFaces(() => {
      throw new Error('fc-list: not found');
    })).toBeUndefined();
  });
});
