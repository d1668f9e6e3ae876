/**
 * Large TrueType files are read lazily (src/fonts/lazy-file.ts): every table
 * but `glyf` at once, outlines when asked for. What has been read must be the
 * file's bytes exactly; what has not must cost no memory; a collection's
 * faces and composite glyphs (whose components are read with them) work too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { BUNDLED_FACES, bundledFacePath } from '../../src/fonts/bundled.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { readFontFileBytes } from '../../src/fonts/lazy-file.js';
import { readTableDirectory } from '../../src/fonts/sfnt.js';
import { BUILD_HINT, skipWithout } from '../helpers/requires.js';

const SERIF = bundledFacePath(BUNDLED_FACES.find((face) => face.id === 'serif-regular')!)!;
const COLLECTION = path.resolve('test/fixtures/fonts/system/sub/FakeSong.ttc');

function glyfRange(bytes: Uint8Array, faceIndex: number, glyphId: number): [number, number] {
  const tables = readTableDirectory(bytes, faceIndex);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const longLoca = view.getInt16(tables.get('head')!.offset + 50) === 1;
  const loca = tables.get('loca')!.offset;
  const at = (id: number) => (longLoca ? view.getUint32(loca + 4 * id) : view.getUint16(loca + 2 * id) * 2);
  const glyf = tables.get('glyf')!.offset;
  return [glyf + at(glyphId), glyf + at(glyphId + 1)];
}

/** An sfnt file of the given tables (no checksums: nothing here checks them). */
function sfnt(tables: [string, Uint8Array][]): Uint8Array {
  const header = 12 + 16 * tables.length;
  const padded = (length: number) => length + ((4 - (length % 4)) % 4);
  const out = new Uint8Array(header + tables.reduce((sum, [, table]) => sum + padded(table.length), 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x00010000);
  view.setUint16(4, tables.length);
  let offset = header;
  tables.forEach(([tag, table], i) => {
    for (let k = 0; k < 4; k++) view.setUint8(12 + 16 * i + k, tag.charCodeAt(k));
    view.setUint32(12 + 16 * i + 8, offset);
    view.setUint32(12 + 16 * i + 12, table.length);
    out.set(table, offset);
    offset += padded(table.length);
  });
  return out;
}

describe('lazy font files', () => {
  it('read every table but glyf at once, and outlines only when ensured, byte for byte', () => {
    const whole = readFileSync(SERIF);
    const lazy = readFontFileBytes(SERIF);
    expect(lazy.lazy).toBe(true);
    expect(lazy.bytes.length).toBe(whole.length);
    const tables = readTableDirectory(whole);
    for (const [tag, { offset, length }] of tables) {
      if (tag === 'glyf') continue;
      expect(Buffer.compare(lazy.bytes.subarray(offset, offset + length), whole.subarray(offset, offset + length)), tag).toBe(0);
    }
    const font = fontkit.create(whole) as fontkit.Font;
    const ids = [...'政府信息公开工作年度报告—１2'].map((char) => font.glyphForCodePoint(char.codePointAt(0)!).id);
    const [start, end] = glyfRange(whole, 0, ids[0]!);
    expect(lazy.bytes.subarray(start, end).every((byte) => byte === 0)).toBe(true);
    lazy.ensureGlyphs(0, ids);
    for (const id of ids) {
      const [from, to] = glyfRange(whole, 0, id);
      expect(Buffer.compare(lazy.bytes.subarray(from, to), whole.subarray(from, to)), `glyph ${id}`).toBe(0);
    }
    // Asking again reads nothing new and changes nothing.
    lazy.ensureGlyphs(0, ids);
    expect(Buffer.compare(lazy.bytes.subarray(start, end), whole.subarray(start, end))).toBe(0);
  });

  it('brings the components of composite glyphs along', () => {
    // A minimal TrueType file: glyph 1 a large simple glyph, glyph 2 a composite of glyph 1, far apart in glyf.
    const simple = new Uint8Array(4000);
    new DataView(simple.buffer).setInt16(0, 1); // one contour
    simple.fill(7, 10);
    const composite = new Uint8Array(16);
    const c = new DataView(composite.buffer);
    c.setInt16(0, -1); // composite
    c.setUint16(10, 0); // flags: byte arguments, no more components
    c.setUint16(12, 1); // component: glyph 1
    const glyf = new Uint8Array([...simple, ...composite]);
    const loca = new Uint8Array(8);
    [0, 0, simple.length / 2, glyf.length / 2].forEach((value, i) => new DataView(loca.buffer).setUint16(2 * i, value));
    const head = new Uint8Array(54); // indexToLocFormat (offset 50) = 0: short offsets
    const maxp = new Uint8Array(6);
    new DataView(maxp.buffer).setUint32(0, 0x00005000);
    new DataView(maxp.buffer).setUint16(4, 3);
    const file = sfnt([['glyf', glyf], ['head', head], ['loca', loca], ['maxp', maxp]]);
    const target = path.join(mkdtempSync(path.join(tmpdir(), 'xxgk-font-')), 'composite.ttf');
    writeFileSync(target, file);
    const lazy = readFontFileBytes(target);
    expect(lazy.lazy).toBe(true);
    lazy.ensureGlyphs(0, [2]);
    for (const id of [1, 2]) {
      const [from, to] = glyfRange(file, 0, id);
      expect(Buffer.compare(lazy.bytes.subarray(from, to), Buffer.from(file.subarray(from, to))), `glyph ${id}`).toBe(0);
    }
  });

  it('handle collections: each face reads its own outlines', () => {
    const whole = readFileSync(COLLECTION);
    const lazy = readFontFileBytes(COLLECTION);
    expect(lazy.lazy).toBe(true);
    for (const faceIndex of [0, 1]) {
      const [from, to] = glyfRange(whole, faceIndex, 3);
      lazy.ensureGlyphs(faceIndex, [3]);
      expect(Buffer.compare(lazy.bytes.subarray(from, to), whole.subarray(from, to))).toBe(0);
    }
  });

  it('a catalog face gives the same metrics and outlines as the whole file', () => {
    const face = createFontCatalog({ systemFontDirs: [], fontconfig: false }).loadBundled('serif-regular')!;
    const reference = fontkit.create(readFileSync(SERIF)) as fontkit.Font;
    for (const char of '年报—（）1A') {
      const glyph = face.font.glyphForCodePoint(char.codePointAt(0)!);
      const expected = reference.glyphForCodePoint(char.codePointAt(0)!);
      expect(glyph.advanceWidth).toBe(expected.advanceWidth);
      face.ensureGlyphs([glyph.id]);
      expect(glyph.bbox).toEqual(expected.bbox);
    }
  });

  // Measured in a fresh process: in this test's own process, what earlier tests allocated and the
  // collector has not yet returned makes resident size a measure of their garbage.
  it.skipIf(skipWithout('the compiled fonts module (dist/fonts/lazy-file.js)', existsSync(path.resolve('dist/fonts/lazy-file.js')), BUILD_HINT))(
    'costs memory only for what it read: resident size grows by far less than the file',
    () => {
      const script = [
        `const { BUNDLED_FACES, bundledFacePath } = await import(${JSON.stringify(pathToFileURL(path.resolve('dist/fonts/bundled.js')).href)});`,
        `const { readFontFileBytes } = await import(${JSON.stringify(pathToFileURL(path.resolve('dist/fonts/lazy-file.js')).href)});`,
        'const before = process.memoryUsage().rss;',
        'const files = BUNDLED_FACES.map((face) => readFontFileBytes(bundledFacePath(face)));',
        'const grown = process.memoryUsage().rss - before;',
        'const total = files.reduce((sum, file) => sum + file.bytes.length, 0);',
        'console.log(JSON.stringify({ grown, total, lazy: files.every((file) => file.lazy) }));',
      ].join('\n');
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const { grown, total, lazy } = JSON.parse(run.stdout) as { grown: number; total: number; lazy: boolean };
      expect(lazy).toBe(true);
      expect(total).toBeGreaterThan(50 * 2 ** 20);
      expect(grown).toBeLessThan(total / 4);
    },
  );
});
