/**
 * Font files read only as far as needed. A CJK TrueType face is 10–20 MB and
 * nearly all of it is the `glyf` table of outlines, while layout needs only
 * the small tables (cmap, hmtx, head, OS/2 …) and a PDF embeds the outlines of
 * the few hundred characters it prints. So a TrueType file (or collection) is
 * read into a zero-filled buffer the size of the file (the system commits its
 * pages only when they are written), every table but `glyf` at once, and the
 * outlines of a glyph only when `ensureGlyphs` is asked for it. The buffer
 * keeps the file's layout, so fontkit and the subsetter read it as if the
 * whole file were there; they must call `ensureGlyphs` before looking at an
 * outline (the subsetter does, and so does the page-number placement that asks
 * fontkit for a glyph's bounding box).
 *
 * Other files (CFF-flavoured OTF, WOFF, variable fonts) are read whole.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { FontError } from './errors.js';
import { sniffContainer } from './sfnt.js';

export interface FontFileBytes {
  /** The file's bytes; with `lazy`, outlines not yet ensured are zeros. */
  readonly bytes: Buffer;
  /** True when outlines are read on demand. */
  readonly lazy: boolean;
  /** Makes sure the outlines of these glyphs of a face (and of their components) are in `bytes`. */
  ensureGlyphs(faceIndex: number, glyphIds: Iterable<number>): void;
}

/** Granularity of on-demand reads. */
const BLOCK = 512;
/** Eager reads closer than this are merged into one read. */
const MERGE_GAP = 4096;

interface FaceOutlines {
  glyfOffset: number;
  glyfLength: number;
  headOffset: number;
  maxpOffset: number;
  locaOffset: number;
  /** Parsed on first use. */
  loca?: Uint32Array;
  /** One flag per glyph: its outline and its components' are in `bytes` (so later documents skip it at once). */
  ensured?: Uint8Array;
}

interface Range {
  start: number;
  end: number;
}

/** Reads a font file, lazily when it is a static TrueType font or collection. */
export function readFontFileBytes(path: string): FontFileBytes {
  const fd = openSync(path, 'r');
  let lazy: LazyFontFile | undefined;
  try {
    lazy = LazyFontFile.open(path, fd);
  } finally {
    closeSync(fd);
  }
  if (lazy) return lazy;
  const bytes = readFileSync(path);
  return { bytes, lazy: false, ensureGlyphs() {} };
}

function readExactly(fd: number, target: Buffer, start: number, end: number): void {
  let position = start;
  while (position < end) {
    const got = readSync(fd, target, position, end - position, position);
    if (got <= 0) throw new Error(`unexpected end of file at ${position}`);
    position += got;
  }
}

class LazyFontFile implements FontFileBytes {
  readonly lazy = true;
  /** One flag per block of the file: its bytes are in `bytes`. */
  private readonly loaded: Uint8Array;

  private constructor(
    private readonly path: string,
    readonly bytes: Buffer,
    private readonly faces: FaceOutlines[],
  ) {
    this.loaded = new Uint8Array(Math.ceil(bytes.length / BLOCK));
  }

  /** Reads the tables of a static TrueType file; undefined when the file is not one (it is then read whole). */
  static open(path: string, fd: number): LazyFontFile | undefined {
    const size = fstatSync(fd).size;
    if (size < 12) return undefined;
    const head = Buffer.alloc(12);
    readExactly(fd, head, 0, 12);
    const container = sniffContainer(head);
    if (container !== 'truetype' && container !== 'collection') return undefined;

    const bytes = Buffer.alloc(size);
    bytes.set(head, 0);
    const directories: number[] = [];
    if (container === 'collection') {
      const count = head.readUInt32BE(8);
      if (count === 0 || count > 1000 || 12 + 4 * count > size) return undefined;
      readExactly(fd, bytes, 12, 12 + 4 * count);
      for (let i = 0; i < count; i++) directories.push(bytes.readUInt32BE(12 + 4 * i));
    } else {
      directories.push(0);
    }

    const eager: Range[] = [];
    const faces: FaceOutlines[] = [];
    for (const offset of directories) {
      if (offset + 12 > size) return undefined;
      readExactly(fd, bytes, offset, offset + 12);
      const numTables = bytes.readUInt16BE(offset + 4);
      const recordsEnd = offset + 12 + 16 * numTables;
      if (numTables === 0 || numTables > 200 || recordsEnd > size) return undefined;
      readExactly(fd, bytes, offset + 12, recordsEnd);
      const tables = new Map<string, Range>();
      for (let i = 0; i < numTables; i++) {
        const at = offset + 12 + 16 * i;
        const start = bytes.readUInt32BE(at + 8);
        const length = bytes.readUInt32BE(at + 12);
        if (start + length > size) return undefined;
        tables.set(bytes.toString('latin1', at, at + 4), { start, end: start + length });
      }
      const glyf = tables.get('glyf');
      const loca = tables.get('loca');
      const headTable = tables.get('head');
      const maxp = tables.get('maxp');
      // Outlines in CFF, or variations applied to outlines: let fontkit have the whole file.
      if (!glyf || !loca || !headTable || !maxp || tables.has('CFF ') || tables.has('CFF2') || tables.has('gvar') || tables.has('fvar')) return undefined;
      for (const [tag, range] of tables) if (tag !== 'glyf' && range.end > range.start) eager.push(range);
      faces.push({ glyfOffset: glyf.start, glyfLength: glyf.end - glyf.start, headOffset: headTable.start, maxpOffset: maxp.start, locaOffset: loca.start });
    }

    // Every table but glyf, in as few reads as possible (tables shared by faces of a collection are read once).
    eager.sort((a, b) => a.start - b.start);
    const merged: Range[] = [];
    for (const range of eager) {
      const last = merged.at(-1);
      const glyfBetween = (from: number, to: number) => faces.some((face) => face.glyfOffset < to && face.glyfOffset + face.glyfLength > from);
      if (last && range.start - last.end <= MERGE_GAP && !glyfBetween(last.end, range.start)) last.end = Math.max(last.end, range.end);
      else merged.push({ ...range });
    }
    for (const range of merged) readExactly(fd, bytes, range.start, range.end);
    return new LazyFontFile(path, bytes, faces);
  }

  ensureGlyphs(faceIndex: number, glyphIds: Iterable<number>): void {
    const face = this.faces[faceIndex] ?? this.faces[0]!;
    const loca = this.locaOf(face);
    const numGlyphs = loca.length - 1;
    const ensured = (face.ensured ??= new Uint8Array(numGlyphs));
    let queue: number[] = [];
    for (const id of glyphIds) if (!ensured[id]) queue.push(id);
    if (queue.length === 0) return;
    const seen = new Set<number>();
    let fd: number | undefined;
    try {
      while (queue.length > 0) {
        const runs: Range[] = [];
        const fresh: number[] = [];
        for (const id of queue) {
          if (seen.has(id) || id < 0 || id >= numGlyphs) continue;
          seen.add(id);
          const start = face.glyfOffset + loca[id]!;
          const end = face.glyfOffset + loca[id + 1]!;
          if (end <= start) continue;
          fresh.push(id);
          for (let block = Math.floor(start / BLOCK); block <= Math.floor((end - 1) / BLOCK); block++) {
            if (this.loaded[block]) continue;
            this.loaded[block] = 1;
            const last = runs.at(-1);
            if (last && last.end === block) last.end = block + 1;
            else runs.push({ start: block, end: block + 1 });
          }
        }
        if (runs.length > 0) {
          fd ??= this.openFile();
          for (const run of runs) readExactly(fd, this.bytes, run.start * BLOCK, Math.min(run.end * BLOCK, this.bytes.length));
        }
        // Composite glyphs name their components; those need their outlines too.
        queue = [];
        for (const id of fresh) this.componentsOf(face, loca, id, queue);
      }
      for (const id of seen) ensured[id] = 1;
    } catch (error) {
      if (error instanceof FontError) throw error;
      throw new FontError('not-a-font', `读取字体文件“${this.path}”失败：文件在使用中被改动或删除`, { cause: error });
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  private openFile(): number {
    try {
      return openSync(this.path, 'r');
    } catch (error) {
      throw new FontError('font-not-found', `字体文件不存在或无法读取：${this.path}`, { cause: error });
    }
  }

  private locaOf(face: FaceOutlines): Uint32Array {
    if (face.loca) return face.loca;
    const longLoca = this.bytes.readInt16BE(face.headOffset + 50) === 1;
    const numGlyphs = this.bytes.readUInt16BE(face.maxpOffset + 4);
    const loca = new Uint32Array(numGlyphs + 1);
    for (let i = 0; i <= numGlyphs; i++) {
      const at = face.locaOffset + (longLoca ? 4 * i : 2 * i);
      if (at + (longLoca ? 4 : 2) > this.bytes.length) break;
      loca[i] = Math.min(longLoca ? this.bytes.readUInt32BE(at) : this.bytes.readUInt16BE(at) * 2, face.glyfLength);
    }
    face.loca = loca;
    return loca;
  }

  /** Appends the component glyph ids of a composite glyph (OpenType glyf, composite glyph description). */
  private componentsOf(face: FaceOutlines, loca: Uint32Array, id: number, into: number[]): void {
    const start = face.glyfOffset + loca[id]!;
    const end = face.glyfOffset + loca[id + 1]!;
    if (end - start < 10 || this.bytes.readInt16BE(start) >= 0) return;
    let pos = start + 10;
    while (pos + 4 <= end) {
      const flags = this.bytes.readUInt16BE(pos);
      into.push(this.bytes.readUInt16BE(pos + 2));
      pos += 4 + (flags & 0x0001 ? 4 : 2);
      if (flags & 0x0008) pos += 2;
      else if (flags & 0x0040) pos += 4;
      else if (flags & 0x0080) pos += 8;
      if (!(flags & 0x0020)) break;
    }
  }
}
