/**
 * Typesetting: text → lines, before layout. Every character is assigned the
 * first font of its role's chain that has it, lines are broken greedily at
 * UAX #14 opportunities minus the 避头尾 exceptions, and justified lines get
 * their extra space spread over the gaps next to Chinese characters (never
 * inside a Latin word or number), so that they end exactly at the right edge.
 *
 * The layout engine then only stacks finished lines; it never breaks or
 * stretches them. Knowing every line in advance is what lets the paginator
 * keep the 22-line page grid and split tables itself.
 */
import { splitByCoverage } from '../../fonts/coverage.js';
import type { ResolvedFonts } from '../../fonts/resolve.js';
import { breakPoints, isSpace, isWide } from './breaking.js';
import type { GlyphLedger } from './ledger.js';
import type { TextStyle, ViewRegistry } from './styles.js';

/** A run of one line in one font view, with the advance of each character (1/1000 em). */
export interface LineRun {
  text: string;
  font: string;
  fontSize: number;
  advances: number[];
}

export interface SetLine {
  runs: LineRun[];
  /** Offset from the left edge of the text block (first-line indent). */
  indent: number;
  alignment: 'left' | 'center' | 'right';
  /** Width of the set line, in points. */
  width: number;
  /** Height of the line box (the style's), in points. */
  height: number;
}

export interface SetOptions {
  /** Width available for the lines. */
  width: number;
  /** Left indent of the first line (two characters for body paragraphs). */
  firstIndent?: number;
  alignment: 'justify' | 'left' | 'center' | 'right';
}

export interface TypesetContext {
  fonts: ResolvedFonts;
  views: ViewRegistry;
  ledger: GlyphLedger;
}

interface Glyph {
  char: string;
  font: string;
  /** Natural advance in points (after the grid, if the style has one). */
  advance: number;
  wide: boolean;
  /** White space (as \s in a regular expression). */
  space: boolean;
  /** Font size of the glyph's style. */
  size: number;
}

/** A piece of one paragraph in one style (a run-in heading, then its text). */
export interface TextSegment {
  text: string;
  style: TextStyle;
}

/** Maps text to glyphs: font view by coverage, advance in points. Characters no font has are noted. */
function shape(context: TypesetContext, text: string, style: TextStyle, where: string): Glyph[] {
  const { runs, missing, fallbackChars } = splitByCoverage(text, context.fonts.chain(style.role));
  for (const char of missing) context.ledger.note(char, where);
  for (const [char, face] of fallbackChars) context.ledger.note(char, where, face);
  const glyphs: Glyph[] = [];
  for (const run of runs) {
    const font = context.views.key(run.face, style);
    for (const char of run.text) {
      const codePoint = char.codePointAt(0)!;
      glyphs.push({
        char,
        font,
        advance: context.views.advance(font, codePoint, style.size),
        wide: isWide(codePoint),
        space: isSpace(codePoint),
        size: style.size,
      });
    }
  }
  return glyphs;
}

/** Sets text into lines. An empty text gives no lines. */
export function setText(context: TypesetContext, text: string, style: TextStyle, where: string, options: SetOptions): SetLine[] {
  return setSegments(context, [{ text, style }], where, options);
}

/**
 * Sets a paragraph made of pieces in different styles (a run-in heading in
 * its heading face, then the body text) as one text: lines break across the
 * pieces exactly as within one, and each character keeps its piece's font.
 */
export function setSegments(context: TypesetContext, segments: readonly TextSegment[], where: string, options: SetOptions): SetLine[] {
  const glyphs = segments.flatMap((segment) => shape(context, segment.text, segment.style, where));
  const lineBox = Math.max(0, ...segments.map((segment) => segment.style.lineBox));
  // Break opportunities are computed on the printed characters (invisible ones are gone).
  let printed = '';
  for (const glyph of glyphs) printed += glyph.char;

  const lines: SetLine[] = [];
  let line: Glyph[] = [];
  let lineWidth = 0;
  const justify = options.alignment === 'justify';
  const limit = () => options.width - (lines.length === 0 ? (options.firstIndent ?? 0) : 0) + 1e-6;
  const finish = (justified: boolean) => {
    // Justified lines stop 0.0001 pt short of the edge, so that float sums in the layout engine never find them too wide.
    lines.push(makeLine(line, lines.length === 0 ? (options.firstIndent ?? 0) : 0, justified ? limit() - 1e-6 - 1e-4 : undefined, options, lineBox));
    line = [];
    lineWidth = 0;
  };

  /** Sets the unbreakable piece glyphs[start, end); a line feed in it is not printed. */
  const addUnit = (start: number, end: number, forced: boolean) => {
    // Spaces at the end of a unit may hang over the edge; they are not printed at a line end.
    let fullWidth = 0;
    let visibleWidth = 0;
    for (let i = start; i < end; i++) {
      const glyph = glyphs[i]!;
      if (glyph.char === '\n') continue;
      fullWidth += glyph.advance;
      if (!glyph.space) visibleWidth = fullWidth;
    }
    if (line.length > 0 && lineWidth + visibleWidth > limit()) finish(justify);
    if (line.length === 0 && visibleWidth > limit()) {
      // A unit wider than a whole line (a long number or URL piece): break it between characters.
      for (let i = start; i < end; i++) {
        const glyph = glyphs[i]!;
        if (glyph.char === '\n') continue;
        if (line.length > 0 && lineWidth + glyph.advance > limit()) finish(justify);
        line.push(glyph);
        lineWidth += glyph.advance;
      }
    } else {
      for (let i = start; i < end; i++) if (glyphs[i]!.char !== '\n') line.push(glyphs[i]!);
      lineWidth += fullWidth;
    }
    if (forced) finish(false);
  };

  // Each unit runs from one break opportunity to the next (positions in UTF-16 units of `printed`).
  let glyphIndex = 0;
  let offset = 0;
  for (const point of breakPoints(printed)) {
    if (point.position <= offset) continue;
    const start = glyphIndex;
    while (offset < point.position) offset += glyphs[glyphIndex++]!.char.length;
    addUnit(start, glyphIndex, point.forced);
  }
  if (line.length > 0) finish(false);
  return lines;
}

function sumAdvance(glyphs: readonly Glyph[]): number {
  let sum = 0;
  for (const glyph of glyphs) sum += glyph.advance;
  return sum;
}

function trimEndSpaces(glyphs: readonly Glyph[]): Glyph[] {
  let end = glyphs.length;
  while (end > 0 && glyphs[end - 1]!.space) end--;
  return end === glyphs.length ? (glyphs as Glyph[]) : glyphs.slice(0, end);
}

/**
 * The widest gap (in em) justification opens next to Chinese characters before it spreads into Latin words and
 * numbers too: half a character (spec §6.9 item 8). Spreading inside a number or an address is the last resort —
 * it reads as “2 2 3 1 0 0” in a text layer and to the eye.
 */
const MAX_GAP = 0.5;

/**
 * Builds a line from its glyphs. With `justifyTo`, the space missing to that
 * width is spread evenly over the gaps that touch a wide character or a space;
 * a line of Latin text only, or one where those gaps would open wider than
 * `MAX_GAP`, spreads it over all gaps.
 */
function makeLine(glyphs: Glyph[], indent: number, justifyTo: number | undefined, options: SetOptions, lineBox: number): SetLine {
  const trimmed = trimEndSpaces(glyphs);
  const advances = trimmed.map((g) => g.advance);
  const natural = sumAdvance(trimmed);
  if (justifyTo !== undefined && trimmed.length > 1 && justifyTo > natural) {
    const stretchable: number[] = [];
    for (let i = 0; i < trimmed.length - 1; i++) {
      const a = trimmed[i]!;
      const b = trimmed[i + 1]!;
      if (a.wide || b.wide || a.space || b.space) stretchable.push(i);
    }
    // When that would open gaps of more than MAX_GAP of a character (a line of little Chinese and a long URL), all gaps take it.
    const all = trimmed.slice(0, -1).map((_, i) => i);
    // The em of a run-in line is the body's: the largest size on the line.
    const size = trimmed.reduce((largest, glyph) => Math.max(largest, glyph.size), 0);
    const spread = stretchable.length > 0 && (justifyTo - natural) / stretchable.length <= MAX_GAP * size;
    const gaps = spread ? stretchable : all;
    const extra = (justifyTo - natural) / gaps.length;
    for (const i of gaps) advances[i]! += extra;
  }
  const runs: LineRun[] = [];
  trimmed.forEach((glyph, i) => {
    const last = runs.at(-1);
    const advance = (advances[i]! * 1000) / glyph.size;
    if (last && last.font === glyph.font && last.fontSize === glyph.size) {
      last.text += glyph.char;
      last.advances.push(advance);
    } else {
      runs.push({ text: glyph.char, font: glyph.font, fontSize: glyph.size, advances: [advance] });
    }
  });
  const width = advances.reduce((a, b) => a + b, 0);
  const alignment = options.alignment === 'justify' ? 'left' : options.alignment;
  return { runs, indent, alignment, width, height: lineBox };
}
