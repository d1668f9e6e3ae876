/**
 * GB/T 9704-2012 page geometry and type sizes for the DOCX emitter (spec §6).
 * Every number here is in the unit Word stores it in; the spec section that
 * fixes it is named next to it.
 */

/** Page size, margins and the text block in twips (1/20 pt), spec §6.2. */
export const PAGE = {
  width: 11906,
  height: 16838,
  /** 天头 37 mm. */
  top: 2098,
  /** 地脚 35 mm. */
  bottom: 1984,
  /** 订口 28 mm (the inside margin when mirrored). */
  left: 1587,
  /** 切口 26 mm (the outside margin when mirrored). */
  right: 1474,
  /** Header distance; the reports have no header, any value inside the top margin will do. */
  header: 851,
  /**
   * Footer distance ≈ 25 mm (spec §6.5): puts the page number line about 7 mm
   * below the text block. An approximation that depends on font metrics.
   */
  footer: 1417,
} as const;

/** Width of the text block (版心), 156 mm: 11906 − 1587 − 1474. */
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

/**
 * Section grid `w:docGrid` and character pitch (spec §6.3): 22 lines × 28 characters.
 *
 * Lines: `linePitch` 579 twips = 225 mm / 22 rounded down (580 × 22 overflows
 * the 12756-twip text block and pushes line 22 to the next page). Body text is
 * also set with exact 579-twip line spacing, so it sits on the grid whatever
 * the font's ascent and descent.
 *
 * Characters: the spec's first choice is `w:type="linesAndChars"` with
 * `w:charSpace` = (156 mm / 28 − 16 pt) × 4096 ≈ −848 (1/4096 pt; the `docx`
 * library writes the number unchanged). ECMA-376 defines that as "add
 * −0.207 pt to the pitch of every character", but LibreOffice (7.4, checked)
 * lays a `linesAndChars` grid out in cells of 15.79 pt and puts every 16 pt
 * glyph into two of them: 14 characters a line. We therefore use the spec's
 * alternative, a line-only grid plus −0.25 pt character spacing
 * (`w:spacing w:val="-5"`) on 3号 text: 28 × 15.75 pt = 441 pt ≤ 442.25 pt
 * and 29 characters do not fit, so a full line holds exactly 28 characters
 * in LibreOffice (checked) and, by the same arithmetic, in Word and WPS.
 */
export const DOC_GRID = { type: 'lines', linePitch: 579 } as const;

/** Character spacing of 3号 text in twentieths of a point (see DOC_GRID): −0.25 pt. */
export const CHAR_SPACING = -5;

/** Half-point sizes (`w:sz`), spec §6.4. */
export const SIZE = {
  /** 2号, 22 pt: the title. */
  title: 44,
  /** 3号, 16 pt: body, headings, signature. */
  body: 32,
  /** 4号, 14 pt: page numbers. */
  pageNumber: 28,
} as const;

/**
 * One character of indent, in twips, as Word counts it for `…Chars` indents:
 * the Normal font size (3号 = 16 pt = 320 twips). Word itself writes
 * `w:firstLine="640"` next to `w:firstLineChars="200"` in 3号 documents.
 */
export const CHAR_TWIPS = SIZE.body * 10;

/** Body line spacing: exactly one grid line (28.95 pt), independent of font metrics. */
export const LINE_EXACT = DOC_GRID.linePitch;

/** Page number inset from the text block's edge: one 4号 character (spec §6.5). */
export const PAGE_NUMBER_INSET = SIZE.pageNumber * 10;

/** Table rules, in eighths of a point: 0.5 pt single (spec §6.7). */
export const TABLE_RULE = 4;

/** The usual left/right cell padding in twips, 3 pt; a table takes the padding of its table setting (`tables/widths.ts`), narrower when its numbers need the room. */
export const CELL_PADDING = 60;
