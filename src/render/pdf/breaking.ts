/**
 * Where lines may break. The Unicode line breaking algorithm (UAX #14, the
 * `linebreak` package pdfmake itself uses) handles Latin words, numbers and
 * URLs; on top of it the usual Chinese 避头尾 rules: no line begins with
 * closing punctuation (，。、；：？！）》”…) and none ends with opening
 * punctuation (（《“…).
 */
import { createRequire } from 'node:module';
import type UnicodeLineBreaker from 'linebreak';
import { isWide } from '../../document/text-width.js';
import { latinBreaks, NO_LINE_END, NO_LINE_START } from '../../text/kinsoku.js';

/**
 * The package's CommonJS build, the one pdfmake's renderer loads: importing
 * the ES module build as well would load its code and Unicode data twice.
 */
const LineBreaker = createRequire(import.meta.url)('linebreak') as typeof UnicodeLineBreaker;

export { isWide };

export { NO_LINE_END, NO_LINE_START };

/** A break opportunity before text[position]; `forced` after a line feed. */
export interface BreakPoint {
  position: number;
  forced: boolean;
}

/**
 * Positions (UTF-16 indices) where a line may start, excluding 0, up to the
 * end of the text. Between two characters of which one is Chinese, a line may
 * break unless 避头尾 forbids it (UAX #14 alone glues the ambiguous quotes “”
 * to both neighbours); inside long Latin runs after / . - _ @; elsewhere
 * UAX #14 decides. A forced break is reported at
 * the position after the line feed.
 */
export function breakPoints(text: string): BreakPoint[] {
  // UAX #14 opportunities by position: 1 a break may happen there, 2 it must.
  const uax = new Uint8Array(text.length + 1);
  const breaker = new LineBreaker(text);
  for (let next = breaker.nextBreak(); next; next = breaker.nextBreak()) {
    uax[next.position] = next.required || text[next.position - 1] === '\n' ? 2 : 1;
  }
  const latin = latinBreaks(text);
  const points: BreakPoint[] = [];
  let previous: string | undefined;
  let previousCode = 0;
  let index = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (previous !== undefined) {
      const forced = uax[index] === 2;
      let allowed = uax[index] !== 0 || latin.has(index);
      if (!forced) {
        if ((isWide(previousCode) || isWide(code)) && !isSpace(previousCode) && !isSpace(code)) {
          // Two dashes or two ellipses are one mark; never split them.
          allowed = !(previous === char && (char === '\u2014' || char === '\u2026'));
        }
        if (NO_LINE_START.has(char) || NO_LINE_END.has(previous)) allowed = false;
      }
      if (allowed) points.push({ position: index, forced });
    }
    previous = char;
    previousCode = code;
    index += char.length;
  }
  points.push({ position: text.length, forced: uax[text.length] === 2 });
  return points;
}

/** White space as `\s` in a regular expression: Unicode White_Space, the byte order mark and the line terminators. */
export function isSpace(codePoint: number): boolean {
  if (codePoint <= 0x20) return codePoint === 0x20 || (codePoint >= 0x09 && codePoint <= 0x0d);
  if (codePoint < 0xa0) return false;
  return (
    codePoint === 0xa0 ||
    codePoint === 0x1680 ||
    (codePoint >= 0x2000 && codePoint <= 0x200a) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    codePoint === 0x202f ||
    codePoint === 0x205f ||
    codePoint === 0x3000 ||
    codePoint === 0xfeff
  );
}
/**
 * Splits text into unbreakable pieces, each ending at a break opportunity.
 * A piece ending at a forced break keeps its line feed at the end.
 */
export function breakUnits(text: string): { text: string; forced: boolean }[] {
  const units: { text: string; forced: boolean }[] = [];
  let start = 0;
  for (const point of breakPoints(text)) {
    if (point.position > start) units.push({ text: text.slice(start, point.position), forced: point.forced });
    start = point.position;
  }
  if (start < text.length) units.push({ text: text.slice(start), forced: false });
  return units;
}
