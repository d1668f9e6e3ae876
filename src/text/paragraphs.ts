/**
 * Normalising user text before it reaches a template. A paragraph becomes one
 * line, so nothing a user writes can be read as a markup directive, and a blank
 * line inside a YAML block scalar separates paragraphs.
 */

/**
 * Line breaks as any editor may write them: LF, CRLF, a lone CR (old Mac
 * files, text pasted from some web forms), and the Unicode line and paragraph
 * separators U+2028/U+2029 (text copied from Word or web pages). A break never
 * survives into a paragraph: the markup is line-based.
 */
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/u;
/** A blank line (only spaces, tabs or U+3000 on it) between two breaks, or a paragraph separator. */
const BLANK_LINE = /(?:\r\n|[\n\r\u2028])[ \t\u3000]*(?:\r\n|[\n\r\u2028])|\u2029/u;

const CJK_OR_FULLWIDTH = /^[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F\u{20000}-\u{3FFFF}]$/u;

function lastCharacter(text: string): string {
  const low = text.charCodeAt(text.length - 1);
  return low >= 0xdc00 && low <= 0xdfff ? text.slice(-2) : text.slice(-1);
}

function firstCharacter(text: string): string {
  return String.fromCodePoint(text.codePointAt(0) ?? 32);
}

/** Joins the lines of one paragraph: no space between Chinese characters, one space between Latin words. */
export function joinLines(text: string): string {
  const lines = text
    .split(LINE_BREAK)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  let joined = '';
  for (const line of lines) {
    if (joined === '') {
      joined = line;
      continue;
    }
    const cjkSeam = CJK_OR_FULLWIDTH.test(lastCharacter(joined)) || CJK_OR_FULLWIDTH.test(firstCharacter(line));
    const glue = cjkSeam ? '' : ' ';
    joined += glue + line;
  }
  return joined;
}

/** Splits a user string into paragraphs at blank lines; each paragraph is a single line of text. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(BLANK_LINE)
    .map(joinLines)
    .filter((paragraph) => paragraph.length > 0);
}

/** A single-line value (a name, an address): line breaks become spaces or vanish between Chinese characters. */
export function oneLine(text: string): string {
  return joinLines(text);
}
