/**
 * Glyph coverage: splits text into runs, each set in the first font of the
 * role's chain that has its characters. A character no font has stays in the
 * role's own font (it would print as the font's “missing glyph” box) and is
 * reported, so the caller can warn or refuse; it is never dropped silently.
 */
import type { LoadedFace } from './catalog.js';
import type { FaceChain } from './resolve.js';

export interface GlyphRun {
  text: string;
  face: LoadedFace;
  /** True when the run is set in a font other than the role's own. */
  fallback: boolean;
}

export interface Coverage {
  runs: GlyphRun[];
  /** Characters no font of the chain has (each once, in order of appearance). */
  missing: string[];
  /** Characters printed in a fallback font, with that font. */
  fallbackChars: Map<string, LoadedFace>;
}

/**
 * Characters that take no glyph: controls other than line breaks, zero-width
 * spaces and joiners, variation selectors, the byte-order mark. They are left
 * out of the printed text (a font would draw them as a box).
 */
export function isInvisible(codePoint: number): boolean {
  return (
    (codePoint < 0x20 && codePoint !== 0x0a) ||
    (codePoint >= 0x7f && codePoint < 0xa0) ||
    codePoint === 0xad ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2060 && codePoint <= 0x206f) ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    codePoint === 0xfeff ||
    (codePoint >= 0xe0000 && codePoint <= 0xe0fff)
  );
}

/** Letters, digits and ASCII punctuation: what a DOCX sets in its Latin (`w:ascii`) font. */
export function isLatin(codePoint: number): boolean {
  return codePoint >= 0x21 && codePoint <= 0x7e;
}

/**
 * Splits `text` into runs by the first face of the chain that covers each
 * character; with `latin`, ASCII letters, digits and punctuation (and the
 * spaces between them) are set in that face when it has them, as Word sets
 * them in the document's Latin font.
 */
export function splitByCoverage(text: string, chain: FaceChain, latin?: LoadedFace): Coverage {
  const runs: GlyphRun[] = [];
  const missing: string[] = [];
  const fallbackChars = new Map<string, LoadedFace>();
  let current: GlyphRun | undefined;
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (isInvisible(codePoint)) continue;
    let face: LoadedFace;
    if (codePoint === 0x0a || codePoint === 0x20) {
      // Line breaks and spaces go with the run they are in.
      face = current?.face ?? chain.primary;
    } else if (latin && isLatin(codePoint) && latin.hasGlyph(codePoint)) {
      face = latin;
    } else {
      const found = chain.faceFor(codePoint);
      if (!found) {
        if (!missing.includes(char)) missing.push(char);
        face = chain.primary;
      } else {
        face = found;
        if (found !== chain.primary) fallbackChars.set(char, found);
      }
    }
    if (current && current.face === face) {
      current.text += char;
    } else {
      current = { text: char, face, fallback: face !== chain.primary };
      runs.push(current);
    }
  }
  return { runs, missing, fallbackChars };
}
