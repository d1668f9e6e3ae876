/**
 * Text styles of the PDF (spec §6.4) and the registry that turns a style and
 * a face into a named font view for the layout engine.
 */
import type { LoadedFace } from '../../fonts/catalog.js';
import type { FontRole } from '../../fonts/roles.js';
import { glyphInfo, TextMeasurer, viewAdvance, type ViewSpec } from './fonts.js';
import { CHAR_PITCH, LINE_PITCH, SIZE } from './layout.js';

export interface TextStyle {
  role: FontRole;
  size: number;
  /** Height of one line. */
  lineBox: number;
  /** Full-width characters take one grid cell (15.793 pt) instead of their natural advance. */
  grid: boolean;
}

export const STYLE = {
  title: { role: 'title', size: SIZE.title, lineBox: LINE_PITCH, grid: false },
  body: { role: 'body', size: SIZE.body, lineBox: LINE_PITCH, grid: true },
  heading1: { role: 'heading1', size: SIZE.body, lineBox: LINE_PITCH, grid: true },
  heading2: { role: 'heading2', size: SIZE.body, lineBox: LINE_PITCH, grid: true },
  pageNumber: { role: 'pageNumber', size: SIZE.pageNumber, lineBox: SIZE.pageNumber, grid: false },
} as const satisfies Record<string, TextStyle>;

export function viewSpec(face: LoadedFace, style: TextStyle): ViewSpec {
  return {
    face,
    lineBoxRatio: style.lineBox / style.size,
    ...(style.grid ? { gridAdvanceRatio: CHAR_PITCH / style.size } : {}),
  };
}

/** Names each (face, style) combination used by a document, for the layout engine's `font` property. */
export class ViewRegistry {
  private readonly keys = new Map<string, string>();
  /** The same, by style object and face, so that naming a run does not build a string. */
  private readonly keysByStyle = new Map<TextStyle, Map<LoadedFace, string>>();
  readonly specs = new Map<string, ViewSpec>();
  readonly measurer = new TextMeasurer();
  /** Advances in points by view key and code point. */
  private readonly advances = new Map<string, Map<number, number>>();

  key(face: LoadedFace, style: TextStyle): string {
    let byFace = this.keysByStyle.get(style);
    if (!byFace) {
      byFace = new Map();
      this.keysByStyle.set(style, byFace);
    }
    let key = byFace.get(face);
    if (!key) {
      const id = `${face.key}|${style.size}|${style.lineBox}|${style.grid}`;
      key = this.keys.get(id);
      if (!key) {
        key = `v${this.keys.size}`;
        this.keys.set(id, key);
        this.specs.set(key, viewSpec(face, style));
      }
      byFace.set(face, key);
    }
    return key;
  }

  /** Width in points of text set in one face and style. */
  width(text: string, face: LoadedFace, style: TextStyle): number {
    return this.measurer.width(text, viewSpec(face, style), style.size);
  }

  /** Advance in points of one character in a named view (whose style has this size). */
  advance(key: string, codePoint: number, size: number): number {
    let byCodePoint = this.advances.get(key);
    if (!byCodePoint) {
      byCodePoint = new Map();
      this.advances.set(key, byCodePoint);
    }
    let advance = byCodePoint.get(codePoint);
    if (advance === undefined) {
      const spec = this.specs.get(key)!;
      advance = (viewAdvance(glyphInfo(spec.face, codePoint, this.measurer.cacheFor(spec.face)), spec) * size) / 1000;
      byCodePoint.set(codePoint, advance);
    }
    return advance;
  }
}
