/**
 * GB/T 9704-2012 page geometry, grid and type sizes for the PDF emitter
 * (spec §6.2–6.5), in PostScript points (1 in = 72 pt).
 */

/** One millimetre in points. */
export const MM = 72 / 25.4;

/** A4 with the standard's margins (spec §6.2). */
export const PAGE = {
  width: 210 * MM,
  height: 297 * MM,
  /** 天头 37 mm. */
  top: 37 * MM,
  /** 地脚 35 mm. */
  bottom: 35 * MM,
  /** 订口 28 mm. */
  left: 28 * MM,
  /** 切口 26 mm. */
  right: 26 * MM,
} as const;

/**
 * The text block (版心), computed exactly as the layout engine computes the
 * space between the margins, so that grid arithmetic and layout agree.
 */
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
export const TEXT_HEIGHT = PAGE.height - PAGE.top - PAGE.bottom;

/**
 * Grid (spec §6.3): 22 lines of 225/22 mm = 28.991 pt and 28 characters of
 * 156/28 mm = 15.793 pt. A hair is taken off both so that the 22nd line and
 * the 28th character still fit after floating-point sums (the difference,
 * 1e-6 pt a step, is far below anything measurable).
 */
export const LINE_PITCH = TEXT_HEIGHT / 22 - 1e-6;
export const CHAR_PITCH = TEXT_WIDTH / 28 - 1e-6;

/**
 * The DOCX's text block as Word and LibreOffice measure it: 8845 twips
 * (11906 − 1587 − 1474, `TEXT_WIDTH` of render/docx/layout.ts) = 442.25 pt,
 * where its 3号 characters take 16 − 0.25 pt each. The PDF breaks grid text
 * into lines by that measure (render/pdf/typeset.ts), so that its lines end
 * where the DOCX's do.
 */
export const DOCX_TEXT_WIDTH = 8845 / 20;

/** Type sizes (spec §6.4). */
export const SIZE = {
  /** 2号: the title. */
  title: 22,
  /** 3号: body, headings, signature. */
  body: 16,
  /** 4号: page numbers. */
  pageNumber: 14,
} as const;

/** First-line indent of body paragraphs and headings: two characters. */
export const FIRST_LINE_INDENT = 2 * CHAR_PITCH;

/**
 * Page numbers (spec §6.5): the vertical centre of the em dashes 7 mm below
 * the text block, i.e. 28 mm above the bottom edge; the string one 4号
 * character in from the text block's outer edge (right on odd pages, left on
 * even pages).
 */
export const PAGE_NUMBER = {
  dashCentreFromBottom: 28 * MM,
  inset: SIZE.pageNumber,
} as const;

/** Table rules (spec §6.7): 0.5 pt single lines. */
export const TABLE_RULE = 0.5;

/**
 * Left and right cell padding. With the rules taking their share of the width
 * too, 3 pt leaves the 15 equal columns of the review table (T3) room for two
 * 五号 characters a line, as in Word with the DOCX emitter's 4 pt padding.
 */
export const CELL_PADDING = 3;

/**
 * Tables leave the character grid but keep the line grid: text lines are half
 * a grid line apart, and every row is a whole number of grid lines tall, so
 * the text after a table (and after a page break inside one) is back on the grid.
 */
export const TABLE_LINE = LINE_PITCH / 2;
