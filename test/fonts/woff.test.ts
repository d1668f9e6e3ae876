/**
 * WOFF 1.0 decoding (src/fonts/woff.ts): the bundled Kai face ships only as a
 * whole-font WOFF, decoded once into a cache folder. A WOFF made here from a
 * TTF must decode to that TTF byte for byte; the bundled file must decode to
 * a font with its names; the cache is written once, atomically, in the first
 * folder that can be written.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { BUNDLED_FACES, bundledPackageFile } from '../../src/fonts/bundled.js';
import { readFontBufferInfo, readTableDirectory } from '../../src/fonts/sfnt.js';
import { decodedWoffPath, fontCacheDirs, woffToSfnt, WoffError } from '../../src/fonts/woff.js';

const FIXTURE_TTF = path.resolve('test/fixtures/fonts/system/FakeFangSong.ttf');
const KAI = BUNDLED_FACES.find((face) => face.id === 'kai-bold')!;

/** A WOFF 1.0 file of an sfnt, as a web-font tool makes it: each table deflated when that makes it smaller. */
function toWoff(sfnt: Uint8Array): Buffer {
  const input = Buffer.from(sfnt);
  const tables = [...readTableDirectory(input)].map(([tag, record]) => {
    const data = input.subarray(record.offset, record.offset + record.length);
    const deflated = deflateSync(data);
    const checksum = input.readUInt32BE(12 + 16 * [...readTableDirectory(input).keys()].indexOf(tag) + 4);
    return { tag, data, stored: deflated.length < data.length ? deflated : data, checksum };
  });
  const header = 44 + 20 * tables.length;
  let size = header;
  for (const table of tables) size += (table.stored.length + 3) & ~3;
  const out = Buffer.alloc(size);
  out.write('wOFF', 0, 'latin1');
  out.writeUInt32BE(input.readUInt32BE(0), 4);
  out.writeUInt32BE(size, 8);
  out.writeUInt16BE(tables.length, 12);
  out.writeUInt32BE(input.length, 16);
  let offset = header;
  tables.forEach((table, i) => {
    const at = 44 + 20 * i;
    out.write(table.tag, at, 'latin1');
    out.writeUInt32BE(offset, at + 4);
    out.writeUInt32BE(table.stored.length, at + 8);
    out.writeUInt32BE(table.data.length, at + 12);
    out.writeUInt32BE(table.checksum, at + 16);
    table.stored.copy(out, offset);
    offset += (table.stored.length + 3) & ~3;
  });
  return out;
}

describe('WOFF 1.0 decoding', () => {
  it('gives back the TTF a WOFF was made from, byte for byte', () => {
    const ttf = readFileSync(FIXTURE_TTF);
    const woff = toWoff(ttf);
    expect(woff.toString('latin1', 0, 4)).toBe('wOFF');
    expect(woff.length).toBeLessThan(ttf.length);
    expect(woffToSfnt(woff).equals(ttf)).toBe(true);
  });

  it('refuses what is not a WOFF 1.0 file, and a table that does not inflate to its length', () => {
    expect(() => woffToSfnt(readFileSync(FIXTURE_TTF))).toThrow(WoffError);
    const woff = toWoff(readFileSync(FIXTURE_TTF));
    // The first table's original length, one more than it is.
    woff.writeUInt32BE(woff.readUInt32BE(44 + 12) + 1, 44 + 12);
    expect(() => woffToSfnt(woff)).toThrow(WoffError);
  });

  it('decodes the bundled Kai face to an sfnt with its names, read by fontkit as the PDF writer reads it', () => {
    const file = bundledPackageFile(KAI);
    expect(file, 'npm ci installs @fontsource/lxgw-wenkai').toBeDefined();
    const sfnt = woffToSfnt(readFileSync(file!));
    const info = readFontBufferInfo(sfnt);
    expect(info.container).toBe('truetype');
    expect(info.faces.map((face) => face.postscriptName)).toEqual(['LXGWWenKai-Bold']);
    expect(info.faces[0]!.families).toEqual(expect.arrayContaining(['LXGW WenKai', '霞鹜文楷']));
    const font = fontkit.create(sfnt) as fontkit.Font;
    expect(font.postscriptName).toBe('LXGWWenKai-Bold');
    expect(font.glyphForCodePoint(0x6977).id).toBeGreaterThan(0); // 楷
  });
});

describe('the decoded-font cache', () => {
  it('writes the decoded file once, in the first folder that can be written, and reuses it', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'xxgk-woff-'));
    const woffFile = path.join(root, 'face.woff');
    const ttf = readFileSync(FIXTURE_TTF);
    writeFileSync(woffFile, toWoff(ttf));
    const blocked = path.join(root, 'blocked');
    writeFileSync(blocked, 'a file, not a folder');
    const cache = path.join(root, 'cache');
    const decoded = decodedWoffPath(woffFile, [path.join(blocked, 'sub'), cache]);
    expect(decoded).toBeDefined();
    expect(path.dirname(decoded!)).toBe(cache);
    expect(readFileSync(decoded!).equals(ttf)).toBe(true);
    expect(readdirSync(cache)).toEqual([path.basename(decoded!)]);
    const written = statSync(decoded!).mtimeMs;
    expect(decodedWoffPath(woffFile, [path.join(blocked, 'sub'), cache])).toBe(decoded);
    expect(statSync(decoded!).mtimeMs).toBe(written);
    // Reinstalled (same bytes, new time): the same file; another font: another file.
    utimesSync(woffFile, new Date(2030, 0, 1), new Date(2030, 0, 1));
    expect(decodedWoffPath(woffFile, [cache])).toBe(decoded);
    // Another version of a font differs in its tables' checksums, which the WOFF directory carries.
    const other = Buffer.from(ttf);
    other.writeUInt32BE((other.readUInt32BE(16) ^ 1) >>> 0, 16);
    writeFileSync(woffFile, toWoff(other));
    const decodedOther = decodedWoffPath(woffFile, [cache]);
    expect(decodedOther).not.toBe(decoded);
    expect(readFileSync(decodedOther!).equals(other)).toBe(true);
  });

  it('returns nothing when no folder can be written, and throws for a file that is not a WOFF', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'xxgk-woff-'));
    const woffFile = path.join(root, 'face.woff');
    writeFileSync(woffFile, toWoff(readFileSync(FIXTURE_TTF)));
    const blocked = path.join(root, 'blocked');
    writeFileSync(blocked, 'a file, not a folder');
    expect(decodedWoffPath(woffFile, [path.join(blocked, 'a'), path.join(blocked, 'b')])).toBeUndefined();
    const notWoff = path.join(root, 'not.woff');
    writeFileSync(notWoff, readFileSync(FIXTURE_TTF));
    expect(() => decodedWoffPath(notWoff, [path.join(root, 'cache')])).toThrow(WoffError);
    expect(existsSync(path.join(root, 'cache'))).toBe(false);
  });
});

describe('the cache folders', () => {
  it('are XXGK_FONT_CACHE when set, then node_modules/.cache/xxgk beside the package, then the temporary folder', () => {
    const woffFile = path.join('/opt', 'app', 'node_modules', '@fontsource', 'lxgw-wenkai', 'files', 'a.woff');
    const saved = process.env['XXGK_FONT_CACHE'];
    try {
      process.env['XXGK_FONT_CACHE'] = 'my-cache';
      expect(fontCacheDirs(woffFile)).toEqual([
        path.resolve('my-cache'),
        path.join('/opt', 'app', 'node_modules', '.cache', 'xxgk'),
        path.join(tmpdir(), 'xxgk-font-cache'),
      ]);
      delete process.env['XXGK_FONT_CACHE'];
      expect(fontCacheDirs(path.join(tmpdir(), 'loose.woff'))).toEqual([path.join(tmpdir(), 'xxgk-font-cache')]);
    } finally {
      if (saved === undefined) delete process.env['XXGK_FONT_CACHE'];
      else process.env['XXGK_FONT_CACHE'] = saved;
    }
  });
});
