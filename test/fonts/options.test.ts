/**
 * The library's font options (src/fonts/options.ts): plain camelCase data,
 * resolved the way the command line's `--font`, `--font-config`, `--font-dir`
 * and `--system-fonts` are. Installed fonts come from the fixture folder only.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontOptionsFromArgs } from '../../src/cli/commands/fonts.js';
import { FontError } from '../../src/fonts/errors.js';
import { resolveFontOptions } from '../../src/fonts/options.js';
import { tempDir } from '../helpers/cli.js';

const SYSTEM = path.resolve('test/fixtures/fonts/system');

describe('resolveFontOptions', () => {
  it('looks in the given folders only when system fonts are off', async () => {
    const fonts = await resolveFontOptions({ systemFonts: false, fontDirs: [SYSTEM] });
    expect(fonts.roles.body.origin).toBe('system');
    expect(fonts.roles.body.face.path).toBe(path.join(SYSTEM, 'FakeFangSong.ttf'));
    const bare = await resolveFontOptions({ systemFonts: false });
    expect(bare.roles.body.origin).toBe('bundled');
  });

  it('reads the configuration file, and the font specs win over it', async () => {
    const dir = await tempDir();
    const configFile = path.join(dir, 'fonts.yaml');
    writeFileSync(configFile, `body: ${path.join(SYSTEM, 'FakeFangSong.ttf')}\nheading2: ${path.join(SYSTEM, 'FakeFangSong.ttf')}\n`);
    const fonts = await resolveFontOptions({ systemFonts: false, configFile, fonts: [`heading2=${path.join(SYSTEM, 'sub', 'FakeSong.ttc')}#NSimSun`] });
    expect(fonts.roles.body).toMatchObject({ origin: 'config', face: { postscriptName: 'FangSong_GB2312' } });
    expect(fonts.roles.heading2.face.postscriptName).toBe('NSimSun');
  });

  it('throws a FontError for a font that cannot be used', async () => {
    await expect(resolveFontOptions({ systemFonts: false, fonts: ['body=/没有/这个/字体.ttf'] })).rejects.toBeInstanceOf(FontError);
  });
});

describe('the command line maps its options onto FontOptions', () => {
  it('renames the yargs keys and leaves out what was not given', () => {
    expect(fontOptionsFromArgs({ font: ['body=仿宋'], 'font-config': 'f.yaml', 'font-dir': ['d'], 'system-fonts': false })).toEqual({
      fonts: ['body=仿宋'],
      configFile: 'f.yaml',
      fontDirs: ['d'],
      systemFonts: false,
    });
    expect(fontOptionsFromArgs({})).toEqual({});
  });
});
