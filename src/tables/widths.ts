/**
 * How a statistics table is set: its type size, cell padding and column
 * widths, computed from the labels and the numbers each column must hold, and
 * the lines every label wraps to (spec §6.9 item 7). One computation serves
 * the DOCX, the PDF and the XLSX, so the three show the same columns.
 *
 * Widths are worked out in em of the table's type with a width model that
 * holds for every CJK face (a Chinese character or full-width mark is 1 em)
 * and for the Latin face digits are set in, in both the DOCX (Times New
 * Roman) and the PDF (Times New Roman or Tinos, its widths): digits 0.5 em.
 *
 * - a column of numbers is wide enough for its widest number, and for one of
 *   `NUMBER_DIGITS` digits whatever the data;
 * - a label must wrap so that no line holds a single character, a grouped
 *   label (（三）不予公开) only between words, and lines are balanced
 *   (商业/企业, not 商业企/业); a column is at least as wide as its labels
 *   need for that;
 * - the room left is shared out in proportion to the table definition's
 *   relative widths, never taking a column below what it needs.
 *
 * When the columns need more than the 156 mm text block (big numbers: 表三
 * has 15 columns), the table is set in the next smaller named size, down to
 * 小五 (9 pt, spec §6.7 allows 五号 or 小五 for 表三); at 小五 the cell
 * padding then narrows from 3 pt to at least `MIN_CELL_PADDING`. 表三 thus
 * stays 五号 for numbers of up to four digits (or five in its three 总计
 * columns), is 小五 for five digits in every cell (2.95 pt padding), and holds
 * six digits in every cell at 小五 with 0.7 pt padding. Only beyond that
 * (seven digits in many columns) are the columns scaled down below their
 * needs and a number may wrap.
 *
 * Label lines come from a small optimal breaker (fewest lines, then no break
 * inside a word, then the most even lines), at the break opportunities of the
 * 避头尾 rules; words come from ICU's dictionary (`Intl.Segmenter`).
 */
import { NO_LINE_END, NO_LINE_START } from '../text/kinsoku.js';
import type { AnchorCell, TableGrid, ValueContent, ValueFormat } from './grid.js';

/**
 * Digits a number column holds on one line whatever the data: a column is as
 * wide as the widest of these and the table's own numbers (up to six digits
 * and more, spec §6.9 item 7), so a table of small numbers leaves its labels
 * the room.
 */
export const NUMBER_DIGITS = 4;

/** The text block tables are set in: 156 mm (GB/T 9704), in points. The DOCX and the XLSX scale the columns to theirs. */
export const TABLE_TEXT_WIDTH = (156 * 72) / 25.4;

/** A table rule, in points: every column loses one to its left rule (and the table one more at its right edge). */
export const RULE_WIDTH = 0.5;

/** Left and right cell padding, in points, in the DOCX and the PDF alike. */
export const CELL_PADDING = 3;

/** The narrowest padding a table at its smallest size takes to fit its numbers (steps of 0.05 pt: one twip). */
export const MIN_CELL_PADDING = 0.5;

/** Width, in points, that every column loses to its two paddings and a rule, at the usual padding. */
export const COLUMN_ROOM = 2 * CELL_PADDING + RULE_WIDTH;

/** Named type sizes a table may be set in, largest first: 小四, 五号, 小五 (the smallest, spec §6.7). */
export const TABLE_SIZES = [12, 10.5, 9] as const;

/** Spare width (em) a column keeps beyond what its widest content needs, for other fonts' metrics. */
const SPARE = 0.05;

/** Width of a character in em, by the model above. */
export function charEm(char: string): number {
  const code = char.codePointAt(0)!;
  if (code >= 0x30 && code <= 0x39) return 0.5;
  if (code === 0x20) return 0.25;
  if (code === 0x2e || code === 0x2c || code === 0x3a || code === 0x3b) return 0.33;
  if (code < 0x7f) return 0.6;
  if (code >= 0xff61 && code <= 0xffdc) return 0.5; // half-width forms
  return 1;
}

/**
 * The space Word, LibreOffice and the PDF typesetter put between a Chinese
 * character and a Latin letter or digit (增12: 0.2 em; `AUTOSPACE` of
 * render/pdf/typeset.ts).
 */
const AUTOSPACE_EM = 0.2;
const HAN = /\p{Script=Han}/u;
const LATIN_ALNUM = /[0-9A-Za-z]/;

export function textEm(text: string): number {
  let width = 0;
  let previous = '';
  for (const char of text) {
    width += charEm(char);
    if ((HAN.test(previous) && LATIN_ALNUM.test(char)) || (LATIN_ALNUM.test(previous) && HAN.test(char))) width += AUTOSPACE_EM;
    previous = char;
  }
  return width;
}

/** The widest number a column of this format holds: `NUMBER_DIGITS` digits, with the format's decorations. */
export function widestNumber(format: ValueFormat): string {
  const digits = '8'.repeat(NUMBER_DIGITS);
  if (format === 'wan') return `${digits}.88`;
  if (format === 'signed') return `增${digits}`;
  return digits;
}

interface Token {
  text: string;
  /** Offset of the token in the label (UTF-16 units). */
  start: number;
  width: number;
  chars: number;
}

const LINE_COST = 1000;
const WORD_BREAK_COST = 300;
const RAGGED_COST = 100;

const segmenter = new Intl.Segmenter('zh-Hans', { granularity: 'word' });
const wordStartCache = new Map<string, Set<number>>();

/** Where the words of a label begin (ICU's dictionary segmentation is slow; labels are few, so each is segmented once). */
function wordStartsOf(text: string): Set<number> {
  let starts = wordStartCache.get(text);
  if (!starts) {
    starts = new Set<number>();
    for (const segment of segmenter.segment(text)) starts.add(segment.index);
    if (wordStartCache.size < 4096) wordStartCache.set(text, starts);
  }
  return starts;
}

/** Pieces that never break: a run of printable ASCII (a number, 1., a URL) or one other character. */
function tokens(text: string): Token[] {
  const list: Token[] = [];
  let offset = 0;
  for (const char of text) {
    const ascii = /[\x21-\x7e]/.test(char);
    const last = list.at(-1);
    if (ascii && last && /[\x21-\x7e]$/.test(last.text) && last.start + last.text.length === offset) {
      last.text += char;
      last.width += charEm(char);
      last.chars += 1;
    } else {
      list.push({ text: char, start: offset, width: charEm(char), chars: 1 });
    }
    offset += char.length;
  }
  return list;
}

/**
 * Breaks `text` into lines at most `width` em wide, none of a single character
 * (unless the text is one), fewest lines first, then fewest breaks inside a
 * word (none at all when `wholeWords`), then the most even lines. Undefined
 * when no such lines exist.
 */
export function breakLabel(text: string, width: number, wholeWords = false): string[] | undefined {
  const list = tokens(text);
  if (list.length === 0) return [];
  const wordStarts = wordStartsOf(text);
  const total = list.reduce((sum, t) => sum + t.chars, 0);
  // May a line start at token i (0 < i < n)?
  const canBreak = (i: number) => !NO_LINE_START.has(list[i]!.text[0]!) && !NO_LINE_END.has(list[i - 1]!.text.at(-1)!);
  const n = list.length;
  const best = new Array<number>(n + 1).fill(Infinity);
  const from = new Array<number>(n + 1).fill(-1);
  best[0] = 0;
  for (let j = 1; j <= n; j++) {
    if (j < n && !canBreak(j)) continue;
    const inWord = j < n && !wordStarts.has(list[j]!.start);
    if (inWord && wholeWords) continue;
    let lineWidth = 0;
    let chars = 0;
    for (let i = j - 1; i >= 0; i--) {
      lineWidth += list[i]!.width;
      chars += list[i]!.chars;
      if (lineWidth > width + 1e-9) break;
      if (i > 0 && !canBreak(i)) continue;
      if (best[i] === Infinity) continue;
      if (chars < 2 && total > 1) continue;
      // Spaces at either end of a line do not count as its characters; labels have none.
      const slack = (width - lineWidth) / width;
      const cost = best[i]! + LINE_COST + (inWord ? WORD_BREAK_COST : 0) + RAGGED_COST * slack * slack;
      if (cost < best[j]!) {
        best[j] = cost;
        from[j] = i;
      }
    }
  }
  if (best[n] === Infinity) return undefined;
  const lines: string[] = [];
  for (let j = n; j > 0; j = from[j]!) lines.unshift(list.slice(from[j]!, j).map((t) => t.text).join(''));
  return lines;
}

/** Whether a label cell must break between words only: the grouped labels (（三）不予公开, 三、本年度办理结果). */
export function wholeWordsFor(cell: AnchorCell): boolean {
  return cell.content.kind === 'label' && cell.content.role === 'group';
}

/** Narrowest widths found, by label (labels are few and the same in every report). */
const narrowest = new Map<string, number>();

/** The narrowest width (em, to 0.05) at which a label can be set by `breakLabel`. */
export function narrowestLabelWidth(text: string, wholeWords: boolean): number {
  const key = `${wholeWords ? 1 : 0}${text}`;
  const known = narrowest.get(key);
  if (known !== undefined) return known;
  const list = tokens(text);
  let width = Math.max(0, ...list.map((t) => t.width));
  const full = textEm(text);
  while (width < full && !breakLabel(text, width, wholeWords)) width += 0.05;
  const result = Math.min(width, full);
  if (narrowest.size < 4096) narrowest.set(key, result);
  return result;
}

export interface TableSetting {
  /** Type size in points: the definition's, or a smaller named size (down to 小五) when the numbers need the room. */
  size: number;
  /** Left and right padding of every cell, in points: `CELL_PADDING`, less when even 小五 needs the room. */
  padding: number;
  /** Column widths in points, paddings and rules included; they add up to `TABLE_TEXT_WIDTH` less one rule. */
  columns: number[];
  /** Width in points of the text of a cell (its columns less COLUMN_ROOM, plus the room between them). */
  textWidth(cell: AnchorCell): number;
  /** The lines a label cell is printed in (undefined for a value cell). */
  labelLines(cell: AnchorCell): string[] | undefined;
}

/**
 * Shares `available` among columns needing at least `minimums`, in proportion
 * to `weights` where that gives a column more than it needs.
 */
export function shareWidths(minimums: readonly number[], weights: readonly number[], available: number): number[] {
  const needed = minimums.reduce((a, b) => a + b, 0);
  if (needed >= available) return minimums.map((m) => (m / needed) * available);
  const at = (t: number) => minimums.map((m, i) => Math.max(m, t * weights[i]!));
  const sum = (t: number) => at(t).reduce((a, b) => a + b, 0);
  let low = 0;
  let high = available / Math.min(...weights.filter((w) => w > 0));
  for (let k = 0; k < 60; k++) {
    const mid = (low + high) / 2;
    if (sum(mid) > available) high = mid;
    else low = mid;
  }
  const widths = at(low);
  // Whatever the bisection leaves goes to the columns that took their share.
  const rest = available - widths.reduce((a, b) => a + b, 0);
  const free = widths.map((w, i) => (w > minimums[i]! + 1e-9 ? weights[i]! : 0));
  const freeSum = free.reduce((a, b) => a + b, 0);
  return widths.map((w, i) => w + (freeSum > 0 ? (rest * free[i]!) / freeSum : rest / widths.length));
}

const settings = new WeakMap<TableGrid, Map<string, TableSetting>>();

/** The printed text of a value cell, when the table has data. */
export type ValueText = (cell: AnchorCell & { content: ValueContent }) => string | undefined;

/**
 * How `grid` is set, with the numbers `valueText` gives (each column holds at
 * least `NUMBER_DIGITS` digits). The same object for the same grid and number
 * widths.
 */
export function tableSetting(grid: TableGrid, valueText: ValueText = () => undefined): TableSetting {
  const textWidth = TABLE_TEXT_WIDTH;
  const { definition } = grid;
  const numbers = new Array<number>(definition.cols).fill(0);
  for (const cell of grid.valueCells) {
    const text = valueText(cell);
    const width = Math.max(textEm(widestNumber(cell.content.format)), text === undefined ? 0 : textEm(text));
    if (cell.colSpan === 1) numbers[cell.col] = Math.max(numbers[cell.col]!, width);
  }
  const key = numbers.join(',');
  let byKey = settings.get(grid);
  if (!byKey) settings.set(grid, (byKey = new Map()));
  const cached = byKey.get(key);
  if (cached) return cached;

  // The definition's size, then the smaller named sizes; at the smallest, narrower paddings.
  const sizes = [definition.fontSizePt, ...TABLE_SIZES.filter((size) => size < definition.fontSizePt)];
  const trials: { size: number; padding: number }[] = sizes.map((size) => ({ size, padding: CELL_PADDING }));
  for (let twips = CELL_PADDING * 20 - 1; twips >= MIN_CELL_PADDING * 20; twips--) trials.push({ size: sizes.at(-1)!, padding: twips / 20 });
  let chosen: ReturnType<typeof shareColumns> | undefined;
  for (const { size, padding } of trials) {
    chosen = shareColumns(grid, numbers, textWidth, size, padding);
    if (chosen.fits) break;
  }
  const { size, padding, content, spanEm } = chosen!;

  const lines = new Map<AnchorCell, string[]>();
  for (const cell of grid.anchors) {
    if (cell.content.kind !== 'label') continue;
    const width = spanEm(cell, content) - SPARE;
    const text = cell.content.text;
    lines.set(cell, breakLabel(text, width, wholeWordsFor(cell)) ?? breakLabel(text, width) ?? [text]);
  }
  const room = 2 * padding + RULE_WIDTH;
  const setting: TableSetting = {
    size,
    padding,
    columns: content.map((w) => w * size + room),
    textWidth: (cell) => spanEm(cell, content) * size,
    labelLines: (cell) => lines.get(cell),
  };
  byKey.set(key, setting);
  return setting;
}

/**
 * The content widths (em) of the columns of `grid` at `size` pt with
 * `padding` pt each side: every column at least as wide as its numbers
 * (`numbers`, em) and labels need, the rest shared by the definition's
 * relative widths. `fits` is false when the needs exceed the room (the
 * columns are then scaled down below them).
 */
function shareColumns(grid: TableGrid, numbers: readonly number[], textWidth: number, size: number, padding: number) {
  const { definition } = grid;
  const roomEm = (2 * padding + RULE_WIDTH) / size;
  const available = (textWidth - RULE_WIDTH) / size - definition.cols * roomEm;
  const minimums = numbers.map((width) => (width > 0 ? width + SPARE : 0));
  for (const cell of grid.anchors) {
    if (cell.colSpan !== 1 || cell.content.kind !== 'label') continue;
    const need = narrowestLabelWidth(cell.content.text, wholeWordsFor(cell));
    minimums[cell.col] = Math.max(minimums[cell.col]!, need + SPARE);
  }
  let content = shareWidths(minimums, definition.colWidths, available);
  // A label over several columns that cannot be set in them widens them, and the rest is shared again.
  const spanEm = (cell: AnchorCell, widths: readonly number[]) =>
    widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0) + (cell.colSpan - 1) * roomEm;
  for (const cell of grid.anchors) {
    if (cell.colSpan === 1 || cell.content.kind !== 'label') continue;
    const need = narrowestLabelWidth(cell.content.text, wholeWordsFor(cell)) + SPARE;
    const have = spanEm(cell, content);
    if (have >= need) continue;
    for (let c = cell.col; c < cell.col + cell.colSpan; c++) minimums[c] = Math.max(minimums[c]!, content[c]! + (need - have) / cell.colSpan);
    content = shareWidths(minimums, definition.colWidths, available);
  }
  const fits = minimums.reduce((a, b) => a + b, 0) <= available + 1e-9;
  return { size, padding, content, spanEm, fits };
}
