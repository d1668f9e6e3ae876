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

/**
 * A break opportunity before text[position]; `forced` after a line feed.
 * `latin`: the opportunity holds also when the line overflows inside Latin
 * text (see `latinCut`); otherwise only when it overflows inside Chinese.
 */
export interface BreakPoint {
  position: number;
  forced: boolean;
  latin: boolean;
}

/**
 * LibreOffice (7.4, as Writer lays out a DOCX: `sw/source/core/text/guess.cxx`)
 * asks its line breaker in the language of the last letter or digit before the
 * character that overflows the line: in Chinese text (zh-CN) a line may break
 * between any two characters the 避头尾 lists allow, as here; in Latin text
 * (the DOCX's digits and letters are en-US) its ICU rules keep more together,
 * and the line breaks further back. Measured through its UNO break iterator
 * (`test/fixtures/libreoffice-line-breaks.json`), what it keeps together
 * there and this breaker would otherwise break:
 * - closing Chinese punctuation and a following Latin letter or digit
 *   (“〔2019〕39号”, “。2018年”, “，2024年”), or / - @ _ ~;
 * - a letter or digit and a following Chinese opening bracket (“2号（”);
 * - anything before “ ‘ or after ” ’ (quotes stay with their neighbours);
 * - anything after / (except inside a long Latin run, below) or + and before /.
 * Word and WPS keep these together too (a clerk's document does not break
 * “〔2019〕” from “39号”), so the PDF follows.
 */
const CLOSING_BEFORE_LATIN = new Set([...'，。、）》〕】〉」』〗％”’']);
const OPENING = new Set([...'（《〔【〈「『〖']);
const LATIN_JOINERS = new Set([...'/-@_~']);

function isLatinLetterOrDigit(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
  return code < 0x3000 && /^\p{Script=Latin}$/u.test(char);
}

/** Whether a break between `before` and `after` (neither white space) is one LibreOffice does not take in Latin text. */
function keptTogetherInLatin(before: string, after: string): boolean {
  if (after === '“' || after === '‘' || before === '”' || before === '’') return true;
  if (CLOSING_BEFORE_LATIN.has(before) && (isLatinLetterOrDigit(after) || LATIN_JOINERS.has(after))) return true;
  if ((isLatinLetterOrDigit(before) || LATIN_JOINERS.has(before) || before === '·') && OPENING.has(after)) return true;
  return before === '/' || after === '/' || before === '+';
}

/**
 * Whether the line is cut in Latin text: the last letter or digit at or
 * before the overflowing character `text[position]` is a Latin one (a
 * Chinese character counts as a letter; punctuation is stepped over).
 */
export function latinCut(text: string, position: number): boolean {
  for (let i = Math.min(position, text.length - 1); i >= 0; i--) {
    const code = text.charCodeAt(i);
    const char = code >= 0xdc00 && code <= 0xdfff && i > 0 ? text.slice(i - 1, i + 1) : text[i]!;
    if (char.length === 2) i--;
    if (/^[\p{L}\p{N}]$/u.test(char)) return isLatinLetterOrDigit(char);
  }
  return false;
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
      let inLatin = true;
      if (!forced) {
        const spaced = isSpace(previousCode) || isSpace(code);
        if ((isWide(previousCode) || isWide(code)) && !spaced) {
          // Two dashes or two ellipses are one mark; never split them.
          allowed = !(previous === char && (char === '\u2014' || char === '\u2026'));
        }
        if (NO_LINE_START.has(char) || NO_LINE_END.has(previous)) allowed = false;
        // A hyphen-minus and the straight quotes stay with what comes before them (LibreOffice's 避头尾 lists have them).
        if (!spaced && (char === '-' || char === '"' || char === "'" || previous === '"' || previous === "'")) allowed = latin.has(index);
        inLatin = !allowed || spaced || latin.has(index) || !keptTogetherInLatin(previous, char);
      }
      if (allowed) points.push({ position: index, forced, latin: inLatin });
    }
    previous = char;
    previousCode = code;
    index += char.length;
  }
  points.push({ position: text.length, forced: uax[text.length] === 2, latin: true });
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
