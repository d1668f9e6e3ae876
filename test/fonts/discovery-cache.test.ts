/**
 * The on-disk cache of font discovery (src/fonts/discovery-cache.ts): used
 * while its key holds, re-discovered when the key changes or the file is
 * damaged, and always the same result as discovery itself — against a fixture
 * folder, and against this machine's fc-list where there is one.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { cachedSystemFaces, type SystemFaces } from '../../src/fonts/discovery-cache.js';
import { listFontconfigFaces, scanFontDirs } from '../../src/fonts/discovery.js';
import { skipWithout } from '../helpers/requires.js';

const FIXTURES = path.resolve('test/fixtures/fonts/system');
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempCopy(): { root: string; fonts: string; cacheFile: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'xxgk-discovery-cache-'));
  temps.push(root);
  const fonts = path.join(root, 'fonts');
  cpSync(FIXTURES, fonts, { recursive: true });
  return { root, fonts, cacheFile: path.join(root, 'cache', 'installed.json') };
}

/** A discovery that counts its runs and scans the folder (as discovery without fontconfig does). */
function countingScan(dir: string) {
  let runs = 0;
  return {
    discover: (): SystemFaces => {
      runs++;
      return { fontconfig: false, faces: scanFontDirs([dir]) };
    },
    runs: () => runs,
  };
}

describe('font discovery cache', () => {
  it('discovers once, then answers from the file with the same faces', () => {
    const { fonts, cacheFile } = tempCopy();
    const scan = countingScan(fonts);
    const first = cachedSystemFaces(scan.discover, { files: [cacheFile], fontRoots: [fonts] });
    expect(scan.runs()).toBe(1);
    expect(first.faces.length).toBeGreaterThan(2);
    const second = cachedSystemFaces(scan.discover, { files: [cacheFile], fontRoots: [fonts] });
    expect(scan.runs()).toBe(1);
    expect(second).toEqual(first);
    expect(second).toEqual({ fontconfig: false, faces: scanFontDirs([fonts]) });
  });

  it('re-discovers when a font is added to a sub-folder (stale key)', () => {
    const { fonts, cacheFile } = tempCopy();
    const scan = countingScan(fonts);
    const before = cachedSystemFaces(scan.discover, { files: [cacheFile], fontRoots: [fonts] });
    copyFileSync(path.join(fonts, 'FakeFangSong.ttf'), path.join(fonts, 'sub', 'Added.ttf'));
    const after = cachedSystemFaces(scan.discover, { files: [cacheFile], fontRoots: [fonts] });
    expect(scan.runs()).toBe(2);
    expect(after.faces.map((face) => face.path)).toContain(path.join(fonts, 'sub', 'Added.ttf'));
    expect(after.faces.length).toBe(before.faces.length + 1);
    expect(after).toEqual({ fontconfig: false, faces: scanFontDirs([fonts]) });
  });

  it('re-discovers when a folder time changes or an environment variable differs', () => {
    const { fonts, cacheFile } = tempCopy();
    const scan = countingScan(fonts);
    const first = cachedSystemFaces(scan.discover, { files: [cacheFile], fontRoots: [fonts], env: { HOME: os.homedir() } });
    utimesSync(path.join(fonts, 'sub'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(cachedSystemFaces(scan.discover, { files: [cacheFile], fontRoots: [fonts], env: { HOME: os.homedir() } })).toEqual(first);
    expect(scan.runs()).toBe(2);
    expect(cachedSystemFaces(scan.discover, { files: [cacheFile], fontRoots: [fonts], env: { HOME: os.homedir(), FONTCONFIG_FILE: '/elsewhere/fonts.conf' } })).toEqual(first);
    expect(scan.runs()).toBe(3);
    // The key now holds again for that environment.
    cachedSystemFaces(scan.discover, { files: [cacheFile], fontRoots: [fonts], env: { HOME: os.homedir(), FONTCONFIG_FILE: '/elsewhere/fonts.conf' } });
    expect(scan.runs()).toBe(3);
  });

  it('re-discovers when the file is corrupt, truncated or of the wrong shape, and rewrites it', () => {
    const { fonts, cacheFile } = tempCopy();
    const scan = countingScan(fonts);
    const fresh = cachedSystemFaces(scan.discover, { files: [cacheFile], fontRoots: [fonts] });
    const good = readFileSync(cacheFile, 'utf8');
    const damaged = [good.slice(0, good.length / 2), 'not json', '{}', good.replace('"families":[', '"families":[1,'), ''];
    for (const [i, text] of damaged.entries()) {
      writeFileSync(cacheFile, text);
      expect(cachedSystemFaces(scan.discover, { files: [cacheFile], fontRoots: [fonts] })).toEqual(fresh);
      expect(scan.runs()).toBe(i + 2);
      expect(JSON.parse(readFileSync(cacheFile, 'utf8'))).toEqual(JSON.parse(good));
    }
  });

  it('passes by a cache folder that cannot be written and uses the next', () => {
    const { root, fonts, cacheFile } = tempCopy();
    const blocker = path.join(root, 'a-file');
    writeFileSync(blocker, 'x');
    const scan = countingScan(fonts);
    const result = cachedSystemFaces(scan.discover, { files: [path.join(blocker, 'installed.json'), cacheFile], fontRoots: [fonts] });
    expect(JSON.parse(readFileSync(cacheFile, 'utf8')).result).toEqual(result);
    cachedSystemFaces(scan.discover, { files: [path.join(blocker, 'installed.json'), cacheFile], fontRoots: [fonts] });
    expect(scan.runs()).toBe(1);
  });

  const hasFcList = spawnSync('fc-list', ['--version'], { stdio: 'ignore' }).status === 0;
  describe.skipIf(skipWithout('fontconfig (fc-list)', hasFcList, 'apt-get install fontconfig'))('with this machine’s fontconfig', () => {
    it('the default catalog gives the same installed faces from the cache as from a fresh fc-list', () => {
      const { root } = tempCopy();
      const files = [path.join(root, 'fc-cache', 'installed.json')];
      const fresh = createFontCatalog({ discoveryCache: false }).installedFaces();
      expect(fresh).toEqual(listFontconfigFaces());
      const writing = createFontCatalog({ discoveryCache: files }).installedFaces();
      const reading = createFontCatalog({ discoveryCache: files }).installedFaces();
      expect(writing).toEqual(fresh);
      expect(reading).toEqual(fresh);
      expect(JSON.parse(readFileSync(files[0]!, 'utf8')).result).toEqual({ fontconfig: true, faces: fresh });
      // A stale key (another FONTCONFIG_PATH would be read by fontconfig) is re-discovered to the same result.
      const text = readFileSync(files[0]!, 'utf8').replace('"FONTCONFIG_SYSROOT":null', '"FONTCONFIG_SYSROOT":"/stale"');
      writeFileSync(files[0]!, text);
      expect(createFontCatalog({ discoveryCache: files }).installedFaces()).toEqual(fresh);
      expect(readFileSync(files[0]!, 'utf8')).not.toContain('/stale');
    });
  });
});
