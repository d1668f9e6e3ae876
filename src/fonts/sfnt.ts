/**
 * A small reader for what font discovery needs from an OpenType file (TTF,
 * OTF, TTC/OTC): which faces it holds and their names in every language
 * (family, full name, PostScript name, style) and weight. It reads only the
 * header, the table directories and the `name` and `OS/2` tables, so scanning
 * a folder of large CJK fonts costs a few kilobytes per file, not megabytes.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export type FontContainer = 'truetype' | 'cff' | 'collection' | 'woff' | 'woff2';

export interface FaceNames {
  /** Index of the face inside a collection (0 for a single font). */
  index: number;
  postscriptName: string;
  /** Family names (name IDs 1 and 16) in every language the font carries, e.g. 仿宋 and FangSong. */
  families: string[];
  /** Full names (name ID 4), e.g. “Noto Serif CJK SC Black”. */
  fullNames: string[];
  /** Style names (name IDs 2 and 17), English first when present, e.g. Regular, Bold. */
  styles: string[];
  /** OS/2 usWeightClass (400 regular, 700 bold), when the table is there. */
  weight?: number;
}

export interface FontFileInfo {
  container: FontContainer;
  faces: FaceNames[];
}

/** Reads bytes at an offset; backed by a file descriptor or an in-memory buffer. */
interface ByteSource {
  read(offset: number, length: number): Buffer;
}

export class NotAFontError extends Error {}

/** Identifies the container from the first four bytes, or undefined when it is not a font. */
export function sniffContainer(head: Uint8Array): FontContainer | undefined {
  if (head.length < 4) return undefined;
  const tag = String.fromCharCode(head[0]!, head[1]!, head[2]!, head[3]!);
  if (tag === 'ttcf') return 'collection';
  if (tag === 'OTTO') return 'cff';
  if (tag === 'true' || (head[0] === 0 && head[1] === 1 && head[2] === 0 && head[3] === 0)) return 'truetype';
  if (tag === 'wOFF') return 'woff';
  if (tag === 'wOF2') return 'woff2';
  return undefined;
}

/** Reads face names from a font file on disk. Throws NotAFontError for anything that is not an sfnt font. */
export function readFontFileInfo(path: string): FontFileInfo {
  const fd = openSync(path, 'r');
  try {
    return readInfo({
      read(offset, length) {
        const buffer = Buffer.alloc(length);
        const got = readSync(fd, buffer, 0, length, offset);
        if (got < length) throw new NotAFontError('truncated font file');
        return buffer;
      },
    });
  } finally {
    closeSync(fd);
  }
}

/** Same as readFontFileInfo, for bytes already in memory. */
export function readFontBufferInfo(bytes: Uint8Array): FontFileInfo {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return readInfo({
    read(offset, length) {
      if (offset + length > buffer.length) throw new NotAFontError('truncated font file');
      return buffer.subarray(offset, offset + length);
    },
  });
}

function readInfo(source: ByteSource): FontFileInfo {
  let head: Buffer;
  try {
    head = source.read(0, 12);
  } catch {
    throw new NotAFontError('file too short to be a font');
  }
  const container = sniffContainer(head);
  if (!container) throw new NotAFontError('unknown font signature');
  if (container === 'woff' || container === 'woff2') {
    // Compressed web fonts: names are not read here (fontkit decodes them when loaded).
    return { container, faces: [] };
  }
  if (container === 'collection') {
    const count = head.readUInt32BE(8);
    if (count === 0 || count > 1000) throw new NotAFontError('bad collection header');
    const offsets = source.read(12, 4 * count);
    const faces: FaceNames[] = [];
    for (let i = 0; i < count; i++) faces.push(readFace(source, offsets.readUInt32BE(4 * i), i));
    return { container, faces };
  }
  return { container, faces: [readFace(source, 0, 0)] };
}

function readFace(source: ByteSource, directoryOffset: number, index: number): FaceNames {
  const header = source.read(directoryOffset, 12);
  const flavour = sniffContainer(header);
  if (flavour !== 'truetype' && flavour !== 'cff') throw new NotAFontError('bad face header');
  const numTables = header.readUInt16BE(4);
  if (numTables === 0 || numTables > 200) throw new NotAFontError('bad table count');
  const records = source.read(directoryOffset + 12, 16 * numTables);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < numTables; i++) {
    const at = 16 * i;
    tables.set(records.toString('latin1', at, at + 4), {
      offset: records.readUInt32BE(at + 8),
      length: records.readUInt32BE(at + 12),
    });
  }
  const name = tables.get('name');
  if (!name) throw new NotAFontError('font has no name table');
  const names = parseNameTable(source.read(name.offset, name.length));
  const os2 = tables.get('OS/2');
  let weight: number | undefined;
  if (os2 && os2.length >= 6) weight = source.read(os2.offset + 4, 2).readUInt16BE(0);

  const english = (ids: number[]) => names.filter((n) => ids.includes(n.nameId) && n.english).map((n) => n.value);
  const all = (ids: number[]) => names.filter((n) => ids.includes(n.nameId)).map((n) => n.value);
  const postscriptName = english([6])[0] ?? all([6])[0] ?? '';
  return {
    index,
    postscriptName,
    families: unique([...all([16]), ...all([1])]),
    fullNames: unique(all([4])),
    styles: unique([...english([17, 2]), ...all([17, 2])]),
    ...(weight !== undefined ? { weight } : {}),
  };
}

interface NameRecord {
  nameId: number;
  value: string;
  english: boolean;
}

const WANTED_NAME_IDS = new Set([1, 2, 4, 6, 16, 17]);

function parseNameTable(table: Buffer): NameRecord[] {
  if (table.length < 6) return [];
  const count = table.readUInt16BE(2);
  const storage = table.readUInt16BE(4);
  const out: NameRecord[] = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + 12 * i;
    if (at + 12 > table.length) break;
    const platformId = table.readUInt16BE(at);
    const encodingId = table.readUInt16BE(at + 2);
    const languageId = table.readUInt16BE(at + 4);
    const nameId = table.readUInt16BE(at + 6);
    const length = table.readUInt16BE(at + 8);
    const offset = table.readUInt16BE(at + 10);
    if (!WANTED_NAME_IDS.has(nameId)) continue;
    const start = storage + offset;
    if (start + length > table.length) continue;
    const value = decodeName(table.subarray(start, start + length), platformId, encodingId)?.replace(/\0/g, '').trim();
    if (!value) continue;
    const english = (platformId === 3 && languageId === 0x0409) || (platformId === 1 && languageId === 0);
    out.push({ nameId, value, english });
  }
  return out;
}

function decodeName(bytes: Buffer, platformId: number, encodingId: number): string | undefined {
  try {
    if (platformId === 0 || (platformId === 3 && encodingId !== 3 && encodingId !== 4)) return utf16be(bytes);
    if (platformId === 3) {
      // PRC (3) or Big5 (4): double-byte strings stored in 16-bit units.
      const narrowed = Buffer.from(bytes.filter((b, i) => !(i % 2 === 0 && b === 0)));
      return new TextDecoder(encodingId === 3 ? 'gb18030' : 'big5').decode(narrowed);
    }
    if (platformId === 1) {
      const label = encodingId === 25 ? 'gb18030' : encodingId === 2 ? 'big5' : encodingId === 0 ? 'macintosh' : 'latin1';
      return new TextDecoder(label).decode(bytes);
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function utf16be(bytes: Buffer): string {
  const swapped = Buffer.from(bytes);
  if (swapped.length % 2 === 1) return '';
  swapped.swap16();
  return swapped.toString('utf16le');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Folds a font name for comparison: case, spaces, hyphens and underscores do not matter. */
export function normalizeFontName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s_\-]+/g, '');
}

export interface TableRecord {
  offset: number;
  length: number;
}

/** The table directory of one face (offsets are from the start of the file, also inside collections). */
export function readTableDirectory(bytes: Uint8Array, faceIndex = 0): Map<string, TableRecord> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let directoryOffset = 0;
  if (buffer.toString('latin1', 0, 4) === 'ttcf') {
    const count = buffer.readUInt32BE(8);
    if (faceIndex >= count) throw new NotAFontError('no such face in collection');
    directoryOffset = buffer.readUInt32BE(12 + 4 * faceIndex);
  }
  const numTables = buffer.readUInt16BE(directoryOffset + 4);
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < numTables; i++) {
    const at = directoryOffset + 12 + 16 * i;
    tables.set(buffer.toString('latin1', at, at + 4), { offset: buffer.readUInt32BE(at + 8), length: buffer.readUInt32BE(at + 12) });
  }
  return tables;
}
