/**
 * Typesetting: text → lines, before layout. Every character is assigned the
 * first font of its role's chain that has it, lines are broken greedily at
 * UAX #14 opportunities minus the 避头尾 exceptions (breaking.ts), by the
 * measure and the rules Word and LibreOffice apply to the DOCX (so that both
 * documents' lines end alike: `DOCX_CHARACTER`, `latinCut`), and justified lines get
 * their extra space spread over the gaps next to Chinese characters (never
 * inside a Latin word or number), so that they end exactly at the right edge.
 *
 * The layout engine then only stacks finished lines; it never breaks or
 * stretches them. Knowing every line in advance is what lets the paginator
 * keep the 22-line page grid and split tables itself.
 */
import { splitByCoverage } from '../../fonts/coverage.js';
import type { ResolvedFonts } from '../../fonts/resolve.js';
import { breakPoints, isSpace, isWide, latinCut } from './breaking.js';
import { CHAR_PITCH, DOCX_TEXT_WIDTH, TEXT_WIDTH } from './layout.js';
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
  /** Space after the glyph, between a Chinese character and a Latin letter or digit (autospace); not printed at a line end. */
  gap: number;
  /** Width the glyph takes when lines are broken: its advance, or for a grid cell the DOCX's character (see `DOCX_CHARACTER`). */
  fit: number;
  /** The DOCX's character spacing included in `fit` (−0.25 pt on grid text): the last character of a line is measured without it. */
  spacing: number;
  /** Set in the Latin face (a letter, digit or Latin punctuation among Chinese text). */
  latin: boolean;
}

/** A piece of one paragraph in one style (a run-in heading, then its text). */
export interface TextSegment {
  text: string;
  style: TextStyle;
}

/** Maps text to glyphs: font view by coverage, advance in points. Characters no font has are noted. */
function shape(context: TypesetContext, text: string, style: TextStyle, where: string): Glyph[] {
  // Latin letters and digits in the Latin face, as the DOCX sets them; the page number's in its own face (the DOCX's 宋体).
  const latinFace = style.role === 'pageNumber' ? undefined : context.fonts.latin;
  const { runs, missing, fallbackChars } = splitByCoverage(text, context.fonts.chain(style.role), latinFace);
  for (const char of missing) context.ledger.note(char, where);
  for (const [char, face] of fallbackChars) context.ledger.note(char, where, face);
  const glyphs: Glyph[] = [];
  for (const run of runs) {
    const font = context.views.key(run.face, style);
    for (const char of run.text) {
      const codePoint = char.codePointAt(0)!;
      const latin = latinFace !== undefined && run.face === latinFace;
      // The DOCX's character spacing on grid text applies to Latin letters too (CJK ones take the grid's pitch).
      const advance = context.views.advance(font, codePoint, style.size) + (latin && style.grid ? LATIN_SPACING : 0);
      glyphs.push({
        char,
        font,
        advance,
        fit: style.grid && !latin && Math.abs(advance - CHAR_PITCH) < 1e-6 ? DOCX_CHARACTER(style.size) : advance,
        spacing: style.grid ? LATIN_SPACING : 0,
        latin,
        wide: isWide(codePoint),
        space: isSpace(codePoint),
        size: style.size,
        gap: 0,
      });
    }
  }
  return glyphs;
}

/**
 * Character spacing of Latin letters and digits on grid text: the DOCX's
 * −0.25 pt (`CHAR_SPACING` of render/docx/layout.ts), which Word and
 * LibreOffice apply to every character of 3号 text.
 */
const LATIN_SPACING = -0.25;

/**
 * What a full-width character of grid text takes in the DOCX: its size less
 * the −0.25 pt spacing, 15.75 pt at 3号, where the PDF prints it in a grid
 * cell of 15.793 pt. Lines of grid text are broken by the DOCX's measure (these
 * characters, `DOCX_TEXT_WIDTH`, indents in 3号 characters), so that a line of
 * Chinese with digits or Latin letters that fits in Word or LibreOffice fits
 * here too; such a line, up to 1.2 pt too wide for the PDF's grid, closes its
 * gaps by the difference (`makeLine`). A line of Chinese alone is 28 cells
 * either way.
 */
const DOCX_CHARACTER = (size: number): number => size + LATIN_SPACING;

/**
 * Space between a Chinese character and a Latin letter or digit, in em:
 * what Word (`w:autoSpaceDE`/`w:autoSpaceDN`, on by default) and LibreOffice
 * (“Apply spacing between Asian and non-Asian text”) add. Measured in
 * LibreOffice 7.4's rendering of the DOCX: 0.2 em (4.4 pt at 22 pt), plus the
 * character spacing the Latin letter next to it does not take (3.45 pt at 16 pt
 * with −0.25 pt spacing).
 */
export const AUTOSPACE = 0.2;

/** Whether a code point is a Chinese character (Han ideograph): autospace applies next to it, not next to punctuation. */
function isHan(codePoint: number): boolean {
  return (
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

function isLatinLetterOrDigit(codePoint: number): boolean {
  return (codePoint >= 0x30 && codePoint <= 0x39) || (codePoint >= 0x41 && codePoint <= 0x5a) || (codePoint >= 0x61 && codePoint <= 0x7a);
}

/**
 * Adds the gap after every glyph where the Latin face and another meet on grid text: the character spacing the
 * last character before the change does not take (LibreOffice lays each script's run out on its own and leaves
 * it off a run's end: 0.25 pt), and where a Chinese character and a Latin letter or digit meet, the autospace.
 */
function autospace(glyphs: Glyph[], styles: readonly TextStyle[]): void {
  for (let i = 0; i + 1 < glyphs.length; i++) {
    const glyph = glyphs[i]!;
    const next = glyphs[i + 1]!;
    const a = glyph.char.codePointAt(0)!;
    const b = next.char.codePointAt(0)!;
    const style = styles[i]!;
    const runEnd = style.grid && styles[i + 1]!.grid && glyph.latin !== next.latin && !glyph.space && !next.space ? -LATIN_SPACING : 0;
    if ((isHan(a) && isLatinLetterOrDigit(b)) || (isLatinLetterOrDigit(a) && isHan(b))) {
      glyph.gap = AUTOSPACE * glyph.size + (style.grid ? -LATIN_SPACING : 0);
    } else {
      glyph.gap = runEnd;
    }
  }
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
  const styles: TextStyle[] = [];
  const glyphs = segments.flatMap((segment) => {
    const shaped = shape(context, segment.text, segment.style, where);
    for (let i = 0; i < shaped.length; i++) styles.push(segment.style);
    return shaped;
  });
  autospace(glyphs, styles);
  const lineBox = Math.max(0, ...segments.map((segment) => segment.style.lineBox));
  // Break opportunities are computed on the printed characters (invisible ones are gone).
  let printed = '';
  for (const glyph of glyphs) printed += glyph.char;

  const lines: SetLine[] = [];
  const justify = options.alignment === 'justify';
  const indentOf = (first: boolean) => (first ? (options.firstIndent ?? 0) : 0);
  const limit = (first: boolean) => options.width - indentOf(first) + 1e-6;
  // Grid text is broken by the DOCX's measure (see `DOCX_CHARACTER`): its text block and its indents in 3号 characters.
  const grid = segments.some((segment) => segment.style.grid);
  const size = Math.max(0, ...segments.map((segment) => segment.style.size));
  const fitLimit = grid
    ? (first: boolean) => DOCX_TEXT_WIDTH - ((TEXT_WIDTH - options.width + indentOf(first)) / CHAR_PITCH) * size + 1e-6
    : limit;
  const finish = (line: Glyph[], justified: boolean) => {
    const first = lines.length === 0;
    // Justified lines stop 0.0001 pt short of the edge, so that float sums in the layout engine never find them too wide.
    lines.push(makeLine(line, indentOf(first), justified ? limit(first) - 1e-6 - 1e-4 : undefined, limit(first) - 1e-6 - 1e-4, options, lineBox));
  };

  // Break opportunities by glyph index (positions in UTF-16 units of `printed`).
  const starts: number[] = [];
  for (let i = 0, offset = 0; i < glyphs.length; offset += glyphs[i]!.char.length, i++) starts.push(offset);
  // Before glyph i a line may break: 0 not, 1 when cut in Chinese text only, 2 also when cut in Latin text.
  const opportunity = new Uint8Array(glyphs.length);
  {
    let glyphIndex = 0;
    for (const point of breakPoints(printed)) {
      while (glyphIndex < glyphs.length && starts[glyphIndex]! < point.position) glyphIndex++;
      if (glyphIndex < glyphs.length && starts[glyphIndex] === point.position) opportunity[glyphIndex] = point.latin ? 2 : 1;
    }
  }

  // Greedy, as Word and LibreOffice fill a line: take glyphs while they fit; at the first that does not
  // (white space may hang past the edge), break at the last opportunity up to it; a line feed ends a line.
  let start = 0;
  while (start < glyphs.length) {
    const first = lines.length === 0;
    let width = 0;
    let cut = -1;
    let end = start;
    for (; end < glyphs.length; end++) {
      const glyph = glyphs[end]!;
      if (glyph.char === '\n') break;
      if (!glyph.space && end > start && width + glyph.fit - glyph.spacing > fitLimit(first)) {
        cut = end;
        break;
      }
      width += glyph.fit + glyph.gap;
    }
    if (cut < 0) {
      finish(glyphs.slice(start, end), false);
      start = end + 1;
      continue;
    }
    // The last opportunity up to the cut; when the cut is in Latin text, one LibreOffice takes there too.
    const inLatin = latinCut(printed, starts[cut]!);
    let at = cut;
    while (at > start && opportunity[at]! < (inLatin ? 2 : 1)) at--;
    // No opportunity on the line (a URL or number wider than it): cut where it overflows.
    if (at === start) at = cut;
    finish(glyphs.slice(start, at), justify);
    start = at;
  }
  return lines;
}

/** The advances of a line's glyphs with their gaps, the last one's gap left out (nothing follows it on the line). */
function lineAdvances(glyphs: readonly Glyph[]): number[] {
  return glyphs.map((glyph, i) => glyph.advance + (i < glyphs.length - 1 ? glyph.gap : 0));
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
 * The width every gap is opened to when `extra` is shared out so that the
 * narrowest gaps widen first (gaps already wider than that stay as they are):
 * the level L with Σ max(0, L − gap) = extra.
 */
function fillLevel(gaps: readonly number[], extra: number): number {
  const sorted = [...gaps].sort((a, b) => a - b);
  let level = 0;
  let rest = extra;
  for (let k = 0; k < sorted.length; k++) {
    // Raise the k + 1 narrowest gaps together up to the next one's width (or as far as the rest goes).
    const next = k + 1 < sorted.length ? sorted[k + 1]! : Infinity;
    const start = Math.max(level, sorted[k]!);
    const room = (next - start) * (k + 1);
    if (rest <= room) return start + rest / (k + 1);
    rest -= room;
    level = next;
  }
  return level;
}

/**
 * Builds a line from its glyphs. With `justifyTo`, the space missing to that
 * width is spread over the gaps that touch a wide character or a space so that
 * they open evenly (an autospace gap counts as opened by its width);
 * a line of Latin text only, or one where those gaps would open wider than
 * `MAX_GAP`, spreads it over all gaps.
 */
function makeLine(glyphs: Glyph[], indent: number, justifyTo: number | undefined, room: number, options: SetOptions, lineBox: number): SetLine {
  const trimmed = trimEndSpaces(glyphs);
  const advances = lineAdvances(trimmed);
  const natural = advances.reduce((a, b) => a + b, 0);
  if (natural > room && trimmed.length > 1) {
    // Broken by the DOCX's narrower characters (see `DOCX_CHARACTER`), the line may be up to 0.043 pt a character
    // wider than the room: every gap gives up its share (about 0.05 pt).
    const less = (natural - room) / (trimmed.length - 1);
    for (let i = 0; i < trimmed.length - 1; i++) advances[i]! -= less;
  }
  if (justifyTo !== undefined && trimmed.length > 1 && justifyTo > natural) {
    const stretchable: number[] = [];
    for (let i = 0; i < trimmed.length - 1; i++) {
      const a = trimmed[i]!;
      const b = trimmed[i + 1]!;
      if (a.wide || b.wide || a.space || b.space) stretchable.push(i);
    }
    // The em of a run-in line is the body's: the largest size on the line.
    const size = trimmed.reduce((largest, glyph) => Math.max(largest, glyph.size), 0);
    // The gaps next to Chinese characters open evenly, an autospace gap counting as opened already (its width is part of the gap).
    const level = fillLevel(stretchable.map((i) => trimmed[i]!.gap), justifyTo - natural);
    if (stretchable.length > 0 && level <= MAX_GAP * size) {
      for (const i of stretchable) advances[i]! += Math.max(0, level - trimmed[i]!.gap);
    } else {
      // When that would open gaps of more than MAX_GAP of a character (a line of little Chinese and a long URL), all gaps take it.
      const extra = (justifyTo - natural) / (trimmed.length - 1);
      for (let i = 0; i < trimmed.length - 1; i++) advances[i]! += extra;
    }
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
