/**
 * Glyph subsets of TrueType (glyf) faces for embedding: the tables a PDF
 * viewer needs for a CIDFontType2 font (head, hhea, maxp, loca, glyf, hmtx
 * and the hinting tables cvt, fpgm, prep), built from the raw bytes of the
 * font file. Glyph data is copied as is; composite glyphs bring their
 * components along with renumbered references. Raw glyphs are kept per face
 * (in the face's cache), so later documents copy bytes without parsing.
 *
 * CFF-flavoured faces (OTF, OTC) use fontkit's CFF subsetter instead.
 */
import type { LoadedFace } from '../../fonts/catalog.js';
import { readTableDirectory, type TableRecord } from '../../fonts/sfnt.js';

export interface GlyphSubset {
  /** Adds a glyph (by its id in the face) and returns its id in the subset. */
  includeGlyph(glyphId: number): number;
  /** The subset font file. */
  encode(): Uint8Array;
  /** True for CFF outlines (embedded as FontFile3 / CIDFontType0C). */
  readonly cff: boolean;
}

interface RawGlyph {
  bytes: Uint8Array;
  /** Byte positions of component glyph ids in a composite glyph, with the ids. */
  components: { pos: number; glyphId: number }[];
  advance: number;
  leftBearing: number;
  /** Checksum of the outline padded to four bytes (its share of the glyf table's checksum), once known. */
  checksum?: number;
}

interface TrueTypeData {
  tables: Map<string, TableRecord>;
  bytes: Uint8Array;
  loca: Uint32Array;
  numberOfHMetrics: number;
  glyphs: Map<number, RawGlyph>;
}

export function createSubset(face: LoadedFace): GlyphSubset {
  const data = trueTypeData(face);
  if (!data) {
    const subset = face.font.createSubset() as unknown as { includeGlyph(id: number): number; encode(): Uint8Array; cff?: unknown };
    return { includeGlyph: (id) => subset.includeGlyph(id), encode: () => subset.encode(), cff: subset.cff != null };
  }
  return new TrueTypeSubset(data, face);
}

/** Raw tables of a glyf-flavoured face, read once per face; undefined for CFF or variable fonts. */
function trueTypeData(face: LoadedFace): TrueTypeData | undefined {
  const key = 'pdf.truetype';
  if (face.cache.has(key)) return face.cache.get(key) as TrueTypeData | undefined;
  let data: TrueTypeData | undefined;
  try {
    const tables = readTableDirectory(face.bytes, face.faceIndex);
    const required = ['head', 'hhea', 'maxp', 'loca', 'glyf', 'hmtx'];
    if (required.every((tag) => tables.has(tag)) && !tables.has('gvar') && !tables.has('fvar')) {
      const view = dataView(face.bytes);
      const head = tables.get('head')!;
      const longLoca = view.getInt16(head.offset + 50) === 1;
      const numGlyphs = view.getUint16(tables.get('maxp')!.offset + 4);
      const locaTable = tables.get('loca')!;
      const loca = new Uint32Array(numGlyphs + 1);
      for (let i = 0; i <= numGlyphs; i++) {
        loca[i] = longLoca ? view.getUint32(locaTable.offset + 4 * i) : view.getUint16(locaTable.offset + 2 * i) * 2;
      }
      const numberOfHMetrics = view.getUint16(tables.get('hhea')!.offset + 34);
      data = { tables, bytes: face.bytes, loca, numberOfHMetrics, glyphs: new Map() };
    }
  } catch {
    data = undefined;
  }
  face.cache.set(key, data);
  return data;
}

function dataView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function rawGlyph(data: TrueTypeData, glyphId: number): RawGlyph {
  let glyph = data.glyphs.get(glyphId);
  if (glyph) return glyph;
  const view = dataView(data.bytes);
  const glyf = data.tables.get('glyf')!;
  const start = data.loca[glyphId] ?? 0;
  const end = data.loca[glyphId + 1] ?? start;
  const bytes = data.bytes.subarray(glyf.offset + start, glyf.offset + end);
  const components: RawGlyph['components'] = [];
  if (bytes.length >= 10 && view.getInt16(glyf.offset + start) < 0) {
    // Composite glyph: walk the component records (OpenType glyf, composite glyph description).
    let pos = 10;
    for (;;) {
      const flags = view.getUint16(glyf.offset + start + pos);
      components.push({ pos: pos + 2, glyphId: view.getUint16(glyf.offset + start + pos + 2) });
      pos += 4 + (flags & 0x0001 ? 4 : 2);
      if (flags & 0x0008) pos += 2;
      else if (flags & 0x0040) pos += 4;
      else if (flags & 0x0080) pos += 8;
      if (!(flags & 0x0020) || pos >= bytes.length) break;
    }
  }
  const hmtx = data.tables.get('hmtx')!;
  const metricIndex = Math.min(glyphId, data.numberOfHMetrics - 1);
  const advance = view.getUint16(hmtx.offset + 4 * metricIndex);
  const leftBearing =
    glyphId < data.numberOfHMetrics
      ? view.getInt16(hmtx.offset + 4 * glyphId + 2)
      : view.getInt16(hmtx.offset + 4 * data.numberOfHMetrics + 2 * (glyphId - data.numberOfHMetrics));
  glyph = { bytes, components, advance, leftBearing };
  data.glyphs.set(glyphId, glyph);
  return glyph;
}

class TrueTypeSubset implements GlyphSubset {
  readonly cff = false;
  private readonly glyphIds: number[] = [];
  private readonly mapping = new Map<number, number>();

  constructor(
    private readonly data: TrueTypeData,
    private readonly face: LoadedFace,
  ) {
    this.includeGlyph(0); // .notdef always comes first
  }

  includeGlyph(glyphId: number): number {
    let id = this.mapping.get(glyphId);
    if (id === undefined) {
      id = this.glyphIds.length;
      this.glyphIds.push(glyphId);
      this.mapping.set(glyphId, id);
    }
    return id;
  }

  encode(): Uint8Array {
    const glyphs: { bytes: Uint8Array; checksum: number }[] = [];
    const metrics: { advance: number; leftBearing: number }[] = [];
    // Outlines of large files are read on demand: all of this subset's (components included) at once.
    this.face.ensureGlyphs(this.glyphIds);
    // Components may add glyphs while we go, so walk by index.
    for (let i = 0; i < this.glyphIds.length; i++) {
      const raw = rawGlyph(this.data, this.glyphIds[i]!);
      if (raw.components.length > 0) {
        const bytes = Uint8Array.from(raw.bytes);
        const view = dataView(bytes);
        for (const component of raw.components) view.setUint16(component.pos, this.includeGlyph(component.glyphId));
        glyphs.push({ bytes, checksum: checksum(bytes) });
      } else {
        raw.checksum ??= checksum(raw.bytes);
        glyphs.push({ bytes: raw.bytes, checksum: raw.checksum });
      }
      metrics.push(raw);
    }

    // Every outline starts on a four-byte boundary, so the glyf table's checksum is the sum of the outlines'.
    const count = glyphs.length;
    const offsets = new Array<number>(count + 1);
    let glyfLength = 0;
    let glyfChecksum = 0;
    glyphs.forEach((glyph, i) => {
      offsets[i] = glyfLength;
      glyfLength += padded(glyph.bytes.length);
      glyfChecksum = (glyfChecksum + glyph.checksum) >>> 0;
    });
    offsets[count] = glyfLength;
    const glyf: SfntTable = {
      tag: 'glyf',
      length: glyfLength,
      checksum: glyfChecksum,
      write: (out, at) => glyphs.forEach((glyph, i) => out.set(glyph.bytes, at + offsets[i]!)),
    };

    const longLoca = glyfLength > 0x1fffe;
    const loca = new Uint8Array((count + 1) * (longLoca ? 4 : 2));
    const locaView = dataView(loca);
    offsets.forEach((offset, i) => {
      if (longLoca) locaView.setUint32(4 * i, offset);
      else locaView.setUint16(2 * i, offset / 2);
    });

    const hmtx = new Uint8Array(4 * count);
    const hmtxView = dataView(hmtx);
    metrics.forEach((m, i) => {
      hmtxView.setUint16(4 * i, m.advance);
      hmtxView.setInt16(4 * i + 2, m.leftBearing);
    });

    const head = this.copyTable('head')!;
    dataView(head).setUint32(8, 0); // checkSumAdjustment: not needed inside a PDF
    dataView(head).setInt16(50, longLoca ? 1 : 0);
    const hhea = this.copyTable('hhea')!;
    dataView(hhea).setUint16(34, count);
    const maxp = this.copyTable('maxp')!;
    dataView(maxp).setUint16(4, count);

    const tables: SfntTable[] = [byteTable('head', head), byteTable('hhea', hhea), byteTable('maxp', maxp), byteTable('loca', loca), glyf, byteTable('hmtx', hmtx)];
    for (const tag of ['cvt ', 'fpgm', 'prep']) {
      const table = this.copyTable(tag);
      if (table) tables.push(byteTable(tag, table));
    }
    return writeSfnt(tables);
  }

  private copyTable(tag: string): Uint8Array | undefined {
    const record = this.data.tables.get(tag);
    if (!record) return undefined;
    return Uint8Array.from(this.data.bytes.subarray(record.offset, record.offset + record.length));
  }
}

/** A table of the file being written: its size, checksum and how to write its bytes. */
interface SfntTable {
  tag: string;
  length: number;
  checksum: number;
  write(out: Uint8Array, at: number): void;
}

function byteTable(tag: string, bytes: Uint8Array): SfntTable {
  return { tag, length: bytes.length, checksum: checksum(bytes), write: (out, at) => out.set(bytes, at) };
}

function padded(length: number): number {
  return length + ((4 - (length % 4)) % 4);
}

/** Writes an sfnt (TrueType) file from tables. */
function writeSfnt(tables: SfntTable[]): Uint8Array {
  tables.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const headerLength = 12 + 16 * tables.length;
  const total = headerLength + tables.reduce((sum, table) => sum + padded(table.length), 0);
  const out = new Uint8Array(total);
  const view = dataView(out);
  const n = tables.length;
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 2 ** entrySelector * 16;
  view.setUint32(0, 0x00010000);
  view.setUint16(4, n);
  view.setUint16(6, searchRange);
  view.setUint16(8, entrySelector);
  view.setUint16(10, n * 16 - searchRange);
  let offset = headerLength;
  tables.forEach((table, i) => {
    const at = 12 + 16 * i;
    for (let c = 0; c < 4; c++) view.setUint8(at + c, table.tag.charCodeAt(c));
    view.setUint32(at + 4, table.checksum);
    view.setUint32(at + 8, offset);
    view.setUint32(at + 12, table.length);
    table.write(out, offset);
    offset += padded(table.length);
  });
  return out;
}

function checksum(table: Uint8Array): number {
  let sum = 0;
  const end = padded(table.length);
  for (let i = 0; i < end; i += 4) {
    const word = ((table[i] ?? 0) << 24) | ((table[i + 1] ?? 0) << 16) | ((table[i + 2] ?? 0) << 8) | (table[i + 3] ?? 0);
    sum = (sum + (word >>> 0)) >>> 0;
  }
  return sum;
}
