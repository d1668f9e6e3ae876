/**
 * Placement of the signature block without a seal (GB/T 9704-2012 7.3.5.2, spec §6.6):
 *
 *   正文下空一行右空二字编排发文机关署名，在发文机关署名下一行编排成文日期，
 *   首字比发文机关署名首字右移二字；如成文日期长于发文机关署名，应当使成文日期
 *   右空二字编排，并相应增加发文机关署名右空字数。
 *
 * Both lines are right-aligned, so a line's first character stands
 * `rightIndent + width` characters left of the right margin. Writing W for
 * widths and R for right indents (in characters):
 *
 *   date first char = name first char − 2   ⇔   Rd + Wd = Rn + Wn − 2
 *
 * 1. Start from the name's 2-character right indent: Rn = 2, so Rd = Wn − Wd.
 * 2. When that leaves the date less than its own 2 characters (Rd < 2, i.e. the
 *    date is "long" relative to the name: Wd > Wn − 2), the date keeps Rd = 2
 *    and the name moves left instead: Rn = Wd − Wn + 4.
 *
 * The standard's wording puts the switch at "date longer than name" (Wd > Wn);
 * read literally, a date as long as the name would end flush with the margin
 * (Rd = 0). We switch at Wd > Wn − 2 so that the date always keeps at least
 * two characters of right space; both rules agree whenever Wd ≤ Wn − 2 or
 * Wd > Wn, and the result is continuous (at Wd = Wn − 2 both give Rn = Rd = 2).
 *
 * Widths count a CJK (or other wide) character as 1 and an ASCII character,
 * e.g. a digit of “2024年1月20日” set in Times New Roman, as 0.5.
 */

/** Width of a string in characters of the body font: wide characters 1, narrow ones 0.5. */
export function textWidthChars(text: string): number {
  let width = 0;
  for (const char of text) {
    width += isNarrow(char.codePointAt(0)!) ? 0.5 : 1;
  }
  return width;
}

function isNarrow(codePoint: number): boolean {
  // ASCII, Latin, Greek and Cyrillic are set in the Latin font, about half a
  // character wide. Everything from U+1100 on takes a full cell: CJK, full-width
  // forms, and general punctuation such as “ ” — …, which the w:hint="eastAsia"
  // of our styles sends to the CJK font. Half-width katakana and hangul are narrow.
  if (codePoint < 0x1100) return true;
  return codePoint >= 0xff61 && codePoint <= 0xffdc;
}

export interface SignatureIndents {
  /** Right indent of every name line, in characters. */
  nameChars: number;
  /** Right indent of the date line, in characters. */
  dateChars: number;
}

/** Right indents of the name and date lines, in characters (see the module comment). */
export function signatureIndents(names: readonly string[], date: string): SignatureIndents {
  const nameWidth = Math.max(0, ...names.map(textWidthChars));
  const dateWidth = textWidthChars(date);
  const fromName = nameWidth - dateWidth; // Rd when Rn = 2
  if (fromName >= 2) return { nameChars: 2, dateChars: fromName };
  return { nameChars: dateWidth - nameWidth + 4, dateChars: 2 };
}
