/**
 * WOFF 1.0 to sfnt (TTF/OTF): a WOFF file is an sfnt whose tables are each
 * zlib-compressed, so decoding is node:zlib per table and a new table
 * directory. Used for the bundled Kai face, which its npm package ships only
 * as whole-font WOFF; the decoded file is written once to a cache folder so
 * the rest of the font code (name reader, lazy reader, PDF subsetter) reads a
 * plain TTF as it does for every other font.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { writeFileAtomicSync } from '../io/output-file.js';

export class WoffError extends Error {}

const WOFF_HEADER = 44;
const WOFF_ENTRY = 20;

/** Decodes a WOFF 1.0 file into the sfnt bytes it was made from. Throws WoffError when it is not one. */
export function woffToSfnt(woff: Uint8Array): Buffer {
  const input = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
  if (input.length < WOFF_HEADER || input.toString('latin1', 0, 4) !== 'wOFF') throw new WoffError('not a WOFF 1.0 file');
  const flavor = input.readUInt32BE(4);
  const numTables = input.readUInt16BE(12);
  if (numTables === 0 || WOFF_HEADER + numTables * WOFF_ENTRY > input.length) throw new WoffError('bad WOFF table directory');

  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = WOFF_HEADER + i * WOFF_ENTRY;
    const tag = input.readUInt32BE(at);
    const offset = input.readUInt32BE(at + 4);
    const compLength = input.readUInt32BE(at + 8);
    const origLength = input.readUInt32BE(at + 12);
    const checksum = input.readUInt32BE(at + 16);
    if (offset + compLength > input.length || compLength > origLength) throw new WoffError('WOFF table outside the file');
    const stored = input.subarray(offset, offset + compLength);
    let data = stored;
    if (compLength < origLength) {
      try {
        data = inflateSync(stored);
      } catch {
        throw new WoffError('WOFF table does not inflate');
      }
    }
    if (data.length !== origLength) throw new WoffError('WOFF table does not inflate to its length');
    tables.push({ tag, checksum, data });
  }
  // The sfnt table directory is sorted by tag (WOFF's is too, but do not rely on it).
  tables.sort((a, b) => a.tag - b.tag);

  const directoryEnd = 12 + 16 * numTables;
  let size = directoryEnd;
  for (const table of tables) size += (table.data.length + 3) & ~3;
  const out = Buffer.alloc(size);
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange, 10);
  let offset = directoryEnd;
  tables.forEach((table, i) => {
    const at = 12 + i * 16;
    out.writeUInt32BE(table.tag, at);
    out.writeUInt32BE(table.checksum, at + 4);
    out.writeUInt32BE(offset, at + 8);
    out.writeUInt32BE(table.data.length, at + 12);
    table.data.copy(out, offset);
    offset += (table.data.length + 3) & ~3;
  });
  return out;
}

/** Size and a short hash of the header and table directory of a WOFF file. */
function woffIdentity(woffPath: string): string {
  const size = statSync(woffPath).size;
  const head = Buffer.alloc(Math.min(size, WOFF_HEADER + 0xffff * WOFF_ENTRY));
  const fd = openSync(woffPath, 'r');
  try {
    readSync(fd, head, 0, Math.min(head.length, WOFF_HEADER), 0);
    const numTables = head.toString('latin1', 0, 4) === 'wOFF' ? head.readUInt16BE(12) : 0;
    const length = Math.min(size, WOFF_HEADER + numTables * WOFF_ENTRY);
    readSync(fd, head, 0, length, 0);
    return `${size}-${createHash('sha256').update(head.subarray(0, length)).digest('hex').slice(0, 12)}`;
  } finally {
    closeSync(fd);
  }
}

/**
 * Folders tried, in order, for decoded fonts: `XXGK_FONT_CACHE`, then
 * `node_modules/.cache/xxgk` beside the package that ships the WOFF, then the
 * system's temporary folder (for read-only installs).
 */
export function fontCacheDirs(woffPath: string): string[] {
  const dirs: string[] = [];
  const configured = process.env['XXGK_FONT_CACHE'];
  if (configured) dirs.push(path.resolve(configured));
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = woffPath.lastIndexOf(marker);
  if (at >= 0) dirs.push(path.join(woffPath.slice(0, at + marker.length), '.cache', 'xxgk'));
  dirs.push(path.join(os.tmpdir(), 'xxgk-font-cache'));
  return dirs;
}

/**
 * The path of the sfnt decoded from a WOFF file, decoding it on first use.
 * The cached file is named after the WOFF file, its size and a hash of its
 * header and table directory (which holds every table's checksum), so a new
 * version of the font gets a new file and a reinstall of the same one does not.
 * Written to a temporary name and renamed (io/output-file.ts), so a
 * concurrent reader never sees half a font. Returns undefined when no cache
 * folder can be written.
 */
export function decodedWoffPath(woffPath: string, cacheDirs: readonly string[] = fontCacheDirs(woffPath)): string | undefined {
  const name = `${path.basename(woffPath).replace(/\.woff$/i, '')}-${woffIdentity(woffPath)}.ttf`;
  for (const dir of cacheDirs) {
    const target = path.join(dir, name);
    if (existsSync(target)) return target;
  }
  let sfnt: Buffer | undefined;
  for (const dir of cacheDirs) {
    const target = path.join(dir, name);
    sfnt ??= woffToSfnt(readFileSync(woffPath));
    try {
      writeFileAtomicSync(target, sfnt);
      return target;
    } catch {
      // not writable: the next folder
    }
  }
  return undefined;
}
