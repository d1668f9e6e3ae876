/**
 * Fonts inside one PDF. The parsed faces come from the process-wide font
 * catalog; per document we keep only what the document uses:
 *
 * - `FaceEmbedding`: one per face, the glyph subset, widths and ToUnicode map
 *   written as a Type0/CIDFontType2 (or CIDFontType0C) font, like pdfkit's own
 *   embedded fonts, but built on the already-parsed face (pdfkit and pdfmake
 *   would re-read and re-parse the font file for every document).
 * - `FontView`: what the layout engine and pdfkit see as "a font": a face at a
 *   given line box, optionally on the character grid. Several views share one
 *   embedding, so a face is embedded once however many styles use it.
 *
 * Glyphs are mapped one code point to one glyph (no shaping): Chinese needs
 * none, and it keeps layout independent of a font's GSUB/GPOS tables.
 */
import type { LoadedFace } from '../../fonts/catalog.js';
import { readTableDirectory, sniffContainer } from '../../fonts/sfnt.js';
import { createSubset, type GlyphSubset } from './subset.js';

/** The part of a pdfkit reference object we use. */
export interface PdfRef {
  data: Record<string, unknown>;
  write(chunk: Buffer | Uint8Array | string): void;
  end(chunk?: Buffer | Uint8Array | string): void;
}

/** The part of a pdfkit document the embedding needs. */
export interface PdfRefFactory {
  ref(data?: Record<string, unknown>): PdfRef;
}

/** How a view lays glyphs out. */
export interface ViewSpec {
  face: LoadedFace;
  /** Height of one line box, as a multiple of the font size. */
  lineBoxRatio: number;
  /**
   * Advance of full-width glyphs as a multiple of the font size, when the
   * text sits on the character grid (15.793 pt per 16 pt character); undefined
   * for natural advances.
   */
  gridAdvanceRatio?: number;
}

interface GlyphInfo {
  /** Glyph id in the face. */
  id: number;
  /** Natural advance in 1/1000 em. */
  advance: number;
  codePoint: number;
}

/** Per face and process: code point → glyph, cached on the loaded face's parsed font. */
export function glyphInfo(face: LoadedFace, codePoint: number, cache: Map<number, GlyphInfo>): GlyphInfo {
  let info = cache.get(codePoint);
  if (!info) {
    const id = face.font.glyphForCodePoint(codePoint).id;
    info = { id, advance: (advanceWidths(face)(id) * 1000) / face.font.unitsPerEm, codePoint };
    cache.set(codePoint, info);
  }
  return info;
}

/**
 * Advance widths (font units) by glyph id, read straight from the face's
 * `hmtx` table. fontkit's `advanceWidth` also works out the glyph's vertical
 * metrics, which in a font without `vmtx` means decoding its outline: a good
 * part of a process's first PDF. Compressed (WOFF) files are left to fontkit.
 */
function advanceWidths(face: LoadedFace): (glyphId: number) => number {
  const key = 'pdf.advances';
  let read = face.cache.get(key) as ((glyphId: number) => number) | undefined;
  if (!read) {
    read = (glyphId) => face.font.getGlyph(glyphId).advanceWidth;
    const container = sniffContainer(face.bytes);
    if (container === 'truetype' || container === 'cff' || container === 'collection') {
      const tables = readTableDirectory(face.bytes, face.faceIndex);
      const hhea = tables.get('hhea');
      const hmtx = tables.get('hmtx');
      const view = new DataView(face.bytes.buffer, face.bytes.byteOffset, face.bytes.byteLength);
      const metrics = hhea && hhea.length >= 36 ? view.getUint16(hhea.offset + 34) : 0;
      if (hmtx && metrics > 0 && hmtx.offset + 4 * metrics <= face.bytes.length) {
        read = (glyphId) => view.getUint16(hmtx.offset + 4 * Math.min(glyphId, metrics - 1));
      }
    }
    face.cache.set(key, read);
  }
  return read;
}

export interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

/** Advances set by the typesetter, carried in an inline's `fontFeatures`. */
export function typesetAdvances(features: unknown): readonly number[] | undefined {
  if (features && typeof features === 'object' && 'advances' in features) {
    const advances = (features as { advances: unknown }).advances;
    if (Array.isArray(advances)) return advances as number[];
  }
  return undefined;
}

/** A glyph at least this wide (in 1/1000 em) is a full-width (ideographic) one and takes a grid cell. */
const FULL_WIDTH = 900;

/** Advance of a glyph in 1/1000 em, after the grid, if any. */
export function viewAdvance(info: GlyphInfo, spec: ViewSpec): number {
  if (spec.gridAdvanceRatio !== undefined && info.advance >= FULL_WIDTH) return spec.gridAdvanceRatio * 1000;
  return info.advance;
}

/**
 * Where the ideographic em box sits relative to the baseline, as a fraction of
 * the em from the top of the box: 0.88 for most CJK fonts. Read from OS/2
 * (sTypoAscender over sTypoAscender − sTypoDescender) when those describe an
 * em box; otherwise, and for a face without Chinese characters (the Latin
 * face, whose digits share the line's baseline), 0.88.
 */
export function emBoxAscent(face: LoadedFace): number {
  // A Latin face (Times New Roman, Tinos) set among Chinese characters sits on their baseline: the standard em box's.
  if (!face.hasGlyph(0x4e00)) return 0.88;
  const os2 = face.font['OS/2'] as { typoAscender?: number; typoDescender?: number } | undefined;
  const upm = face.font.unitsPerEm;
  const ascender = os2?.typoAscender;
  const descender = os2?.typoDescender;
  if (ascender !== undefined && descender !== undefined) {
    const height = ascender - descender;
    if (height > 0.9 * upm && height < 1.1 * upm && ascender > 0) return ascender / height;
  }
  return 0.88;
}

/** Measures text as a view would lay it out (in points), without a document. */
export class TextMeasurer {
  private readonly caches = new Map<string, Map<number, GlyphInfo>>();

  /** Code point → glyph, kept with the face (the catalog's cache), so later documents reuse it. */
  cacheFor(face: LoadedFace): Map<number, GlyphInfo> {
    let cache = this.caches.get(face.key);
    if (!cache) {
      cache = face.cache.get('pdf.glyphs') as Map<number, GlyphInfo> | undefined;
      if (!cache) {
        cache = new Map();
        face.cache.set('pdf.glyphs', cache);
      }
      this.caches.set(face.key, cache);
    }
    return cache;
  }

  width(text: string, spec: ViewSpec, size: number): number {
    const cache = this.cacheFor(spec.face);
    let units = 0;
    for (const char of text) units += viewAdvance(glyphInfo(spec.face, char.codePointAt(0)!, cache), spec);
    return (units * size) / 1000;
  }
}

/** One face embedded in one document. */
export class FaceEmbedding {
  private readonly subset: GlyphSubset;
  /** Subset glyph id → natural advance (1/1000 em). */
  private readonly widths: number[];
  /** Subset glyph id → code points, for the ToUnicode map. */
  private readonly unicode: number[][];
  /** Glyph id in the face → glyph code in the subset (hex), made once per glyph. */
  private readonly codes = new Map<number, string>();
  private dictionary: PdfRef | undefined;
  private embedded = false;

  constructor(
    private readonly document: PdfRefFactory,
    readonly face: LoadedFace,
    /** Resource name inside the PDF, e.g. X1. */
    readonly id: string,
    readonly glyphs: Map<number, GlyphInfo>,
  ) {
    this.subset = createSubset(face);
    this.widths = [(advanceWidths(face)(0) * 1000) / face.font.unitsPerEm];
    this.unicode = [[0]];
  }

  /** Hex glyph code of the character in this document's subset. */
  encodeGlyph(info: GlyphInfo): string {
    let code = this.codes.get(info.id);
    if (code === undefined) {
      const subsetId = this.subset.includeGlyph(info.id);
      if (this.widths[subsetId] === undefined) this.widths[subsetId] = info.advance;
      if (this.unicode[subsetId] === undefined) this.unicode[subsetId] = [info.codePoint];
      code = hex4(subsetId);
      this.codes.set(info.id, code);
    }
    return code;
  }

  ref(): PdfRef {
    this.dictionary ??= this.document.ref();
    return this.dictionary;
  }

  /** Writes the font (if any page used it). Called once, after all text is laid down. */
  finalize(): void {
    if (this.embedded || !this.dictionary) return;
    this.embed(this.dictionary);
    this.embedded = true;
  }

  private embed(dictionary: PdfRef): void {
    const { font } = this.face;
    const scale = 1000 / font.unitsPerEm;
    const isCff = this.subset.cff;
    const fontFile = this.document.ref();
    if (isCff) fontFile.data.Subtype = 'CIDFontType0C';
    fontFile.end(this.subset.encode());

    const os2 = font['OS/2'] as { sFamilyClass?: number } | undefined;
    const familyClass = (os2?.sFamilyClass ?? 0) >> 8;
    const post = (font as unknown as { post?: { isFixedPitch?: number } }).post;
    let flags = 1 << 2; // symbolic: glyphs outside the standard Latin set
    if (post?.isFixedPitch) flags |= 1 << 0;
    if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1; // serif
    if (familyClass === 10) flags |= 1 << 3; // script
    const name = `${subsetTag(this.id, this.face.postscriptName)}+${this.face.postscriptName.replace(/[\s()<>[\]{}/%]/g, '_')}`;
    const bbox = font.bbox;
    const descriptor = this.document.ref({
      Type: 'FontDescriptor',
      FontName: name,
      Flags: flags,
      FontBBox: [bbox.minX * scale, bbox.minY * scale, bbox.maxX * scale, bbox.maxY * scale],
      ItalicAngle: font.italicAngle,
      Ascent: font.ascent * scale,
      Descent: font.descent * scale,
      CapHeight: (font.capHeight || font.ascent) * scale,
      XHeight: (font.xHeight || 0) * scale,
      StemV: 0,
      [isCff ? 'FontFile3' : 'FontFile2']: fontFile,
    });
    descriptor.end();

    const descendant = this.document.ref({
      Type: 'Font',
      Subtype: isCff ? 'CIDFontType0' : 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      W: [0, this.widths.map((w) => Math.round(w * 100) / 100)],
      ...(isCff ? {} : { CIDToGIDMap: 'Identity' }),
    });
    descendant.end();

    dictionary.data = {
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: name,
      Encoding: 'Identity-H',
      DescendantFonts: [descendant],
      ToUnicode: this.toUnicode(),
    };
    dictionary.end();
  }

  private toUnicode(): PdfRef {
    const cmap = this.document.ref();
    const entries = this.unicode.map((codePoints) => {
      const units: string[] = [];
      for (const cp of codePoints ?? [0]) {
        if (cp > 0xffff) {
          const v = cp - 0x10000;
          units.push(hex4(0xd800 | (v >>> 10)), hex4(0xdc00 | (v & 0x3ff)));
        } else {
          units.push(hex4(cp));
        }
      }
      return `<${units.join('')}>`;
    });
    const ranges: string[] = [];
    for (let start = 0; start < entries.length; start += 100) {
      const end = Math.min(start + 100, entries.length);
      ranges.push(`<${hex4(start)}> <${hex4(end - 1)}> [${entries.slice(start, end).join(' ')}]`);
    }
    cmap.end(
      [
        '/CIDInit /ProcSet findresource begin',
        '12 dict begin',
        'begincmap',
        '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
        '/CMapName /Adobe-Identity-UCS def',
        '/CMapType 2 def',
        '1 begincodespacerange',
        '<0000><ffff>',
        'endcodespacerange',
        `${ranges.length} beginbfrange`,
        ...ranges,
        'endbfrange',
        'endcmap',
        'CMapName currentdict /CMap defineresource pop',
        'end',
        'end',
      ].join('\n'),
    );
    return cmap;
  }
}

/** A number as pdfkit writes it in content streams: rounded to six decimals. */
export function pdfNumber(value: number): number {
  if (value > -1e21 && value < 1e21) return Math.round(value * 1e6) / 1e6;
  throw new Error(`unsupported number: ${value}`);
}

function hex4(value: number): string {
  return value.toString(16).padStart(4, '0');
}

/** Six capital letters that mark a subset (PDF 32000 9.6.4), distinct per embedded face. */
function subsetTag(id: string, postscriptName: string): string {
  let hash = 2166136261;
  for (const char of `${id}/${postscriptName}`) hash = Math.imul(hash ^ char.codePointAt(0)!, 16777619) >>> 0;
  let tag = '';
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + (hash % 26));
    hash = Math.floor(hash / 26) + i * 7919;
  }
  return tag;
}

/**
 * A face as the layout engine (pdfmake) and pdfkit use it. Vertical metrics
 * are those of the line box: `lineHeight(size)` is exactly the box, and the
 * ascender puts the ideographic em box in the middle of it, so every line of a
 * style is the same height whatever the face (spec §6.3: the 16 pt body in the
 * middle of each 28.991 pt grid line).
 */
export class FontView {
  readonly id: string;
  readonly name: string;
  readonly ascender: number;
  readonly descender: number;
  readonly lineGap = 0;
  readonly xHeight: number;
  readonly capHeight: number;
  readonly bbox: { minX: number; minY: number; maxX: number; maxY: number };

  constructor(
    readonly embedding: FaceEmbedding,
    readonly spec: ViewSpec,
  ) {
    const { font } = spec.face;
    const scale = 1000 / font.unitsPerEm;
    this.id = embedding.id;
    this.name = spec.face.postscriptName;
    // Top of the line box to baseline: half the leading plus the em box's ascent.
    this.ascender = ((spec.lineBoxRatio - 1) / 2 + emBoxAscent(spec.face)) * 1000;
    this.descender = this.ascender - spec.lineBoxRatio * 1000;
    this.xHeight = (font.xHeight || 0) * scale;
    this.capHeight = (font.capHeight || font.ascent) * scale;
    this.bbox = font.bbox;
  }

  /**
   * pdfkit: glyph codes and positions (1/1000 em) for a string. A typeset
   * line passes its own advances (justification included) through the
   * layout engine's `fontFeatures` as `{ advances }`.
   */
  encode(text: string, features?: unknown): [string[], GlyphPosition[]] {
    const given = typesetAdvances(features);
    const codes: string[] = [];
    const positions: GlyphPosition[] = [];
    let i = 0;
    for (const char of text) {
      const info = glyphInfo(this.spec.face, char.codePointAt(0)!, this.embedding.glyphs);
      codes.push(this.embedding.encodeGlyph(info));
      const xAdvance = given?.[i] ?? viewAdvance(info, this.spec);
      positions.push({ xAdvance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: info.advance });
      i++;
    }
    return [codes, positions];
  }

  /**
   * The `[…] TJ` operator pdfkit (0.19) writes for a string: glyph codes in
   * runs, each run ending at a glyph whose advance differs from its natural
   * one, followed by the difference (thousandths of an em, negated, rounded
   * to six decimals as pdfkit rounds every number).
   */
  showText(text: string, features?: unknown): string {
    const given = typesetAdvances(features);
    let operands = '[<';
    let i = 0;
    let pending = false;
    // Justified Chinese repeats one adjustment glyph after glyph: format it once.
    let lastAdjustment = NaN;
    let lastFormatted = '';
    for (const char of text) {
      const info = glyphInfo(this.spec.face, char.codePointAt(0)!, this.embedding.glyphs);
      const adjustment = (given?.[i] ?? viewAdvance(info, this.spec)) - info.advance;
      if (pending) operands += ' <';
      operands += this.embedding.encodeGlyph(info);
      pending = adjustment !== 0;
      if (pending) {
        if (adjustment !== lastAdjustment) {
          lastAdjustment = adjustment;
          lastFormatted = `> ${pdfNumber(-adjustment)}`;
        }
        operands += lastFormatted;
      }
      i++;
    }
    return pending ? `${operands}] TJ` : `${operands}> ${pdfNumber(-0)}] TJ`;
  }

  widthOfString(text: string, size: number, features?: unknown): number {
    const given = typesetAdvances(features);
    let units = 0;
    let i = 0;
    for (const char of text) {
      units += given?.[i] ?? viewAdvance(glyphInfo(this.spec.face, char.codePointAt(0)!, this.embedding.glyphs), this.spec);
      i++;
    }
    return (units * size) / 1000;
  }

  lineHeight(size: number): number {
    return this.spec.lineBoxRatio * size;
  }

  ref(): PdfRef {
    return this.embedding.ref();
  }

  finalize(): void {
    this.embedding.finalize();
  }
}
