/**
 * A printed statistics table → the values of a mandated grid. Rows are
 * found by their printed labels (tolerant: 1、 for 1., full- or half-width
 * brackets, a word missing or mistyped), in the grid's order; each
 * variation is reported with what was printed and what is mandated.
 *
 * Two forms of table arrive:
 * - rows of cells (an HTML <table>): a row's values are its cells after its
 *   last label;
 * - flattened text (a page copied as text): labels and runs of digits. A run
 *   is split into the row's cells; where the cells ran together without
 *   separators, every split into numbers without leading zeros is tried and
 *   the row's own sums (总计 = the cells it sums, as the grid defines) decide.
 *   A run that still splits more than one way, or none, is reported and its
 *   cells left blank: nothing is guessed.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { AnchorCell, TableGrid, ValueContent } from '../tables/grid.js';
import { cleanParagraph, LABEL_MATCH, labelSimilarity, normalizeLabel, type TableCellText } from './blocks.js';

type ValueCell = AnchorCell & { content: ValueContent };

interface ValueRow {
  /** The printed row label of the grid row; undefined for a row of values under column headers only (表三). */
  label?: string;
  rowId: string;
  cells: ValueCell[];
}

/** The rows of a grid that hold values, in printed order, with their row labels. */
function valueRows(grid: TableGrid): ValueRow[] {
  const rows = new Map<number, ValueRow>();
  for (const cell of grid.valueCells) {
    let row = rows.get(cell.row);
    if (!row) {
      const labels = grid.anchors.filter((a) => a.row === cell.row && a.content.kind === 'label' && a.content.role === 'rowLabel');
      const label = labels.at(-1)?.content;
      // A label indented with ideographic spaces (a tree of indicators) is compared without them.
      row = { rowId: cell.content.rowId, cells: [], ...(label?.kind === 'label' ? { label: label.text.replace(/^\u3000+/, '') } : {}) };
      rows.set(cell.row, row);
    }
    row.cells.push(cell);
  }
  for (const row of rows.values()) row.cells.sort((a, b) => a.col - b.col);
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
}

/** What a table's mapping produced: every value cell's number (null: blank or not recovered). */
export interface TableValues {
  grid: TableGrid;
  values: Map<string, number | null>;
}

export const keyOf = (key: readonly string[]) => key.join('.');

/** The table's data object: `{ reg_issued: 0, … }` or `{ new: { np: 80, … }, … }`. */
export function tableData(result: TableValues): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const cell of result.grid.valueCells) {
    const value = result.values.get(keyOf(cell.content.key)) ?? null;
    let node = data;
    const key = cell.content.key;
    for (const part of key.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[key.at(-1)!] = value;
  }
  return data;
}

const BLANK = /^[-—–―/／\\]*$/;

/** A printed cell's number: undefined when it is not one; null when blank. */
export function parseCellNumber(text: string, format: ValueContent['format']): number | null | undefined {
  // A unit written into the cell (12件, 3.5万元) is the column's unit, not part of the number.
  const compact = text.normalize('NFKC').replace(/[\s,]/g, '').replace(/(?<=\d)(?:件|个|条|次|篇|万元|元)$/, '');
  if (BLANK.test(compact)) return null;
  const pattern = format === 'count' ? /^\d+$/ : format === 'wan' ? /^\d+(?:\.\d+)?$/ : /^[增减+-]?\d+$/;
  if (!pattern.test(compact)) return undefined;
  if (format === 'signed') {
    const sign = /^[减-]/.test(compact) ? -1 : 1;
    return sign * Number(compact.replace(/^[增减+-]/, ''));
  }
  return Number(compact);
}

const looksNumeric = (text: string) => parseCellNumber(text, 'wan') !== undefined || parseCellNumber(text, 'signed') !== undefined;

class TableContext {
  readonly values = new Map<string, number | null>();
  constructor(
    readonly grid: TableGrid,
    readonly diagnostics: Diagnostic[],
  ) {
    for (const cell of grid.valueCells) this.values.set(keyOf(cell.content.key), null);
  }

  get caption() {
    return this.grid.definition.caption;
  }

  report(code: string, severity: Diagnostic['severity'], message: string, row?: ValueRow): void {
    const table = { id: this.grid.definition.id, label: this.caption };
    this.diagnostics.push({
      code,
      severity,
      stage: 'extract',
      path: [...this.grid.definition.dataPath, ...(row ? [row.rowId] : [])],
      place: row ? { table, row: { id: row.rowId, label: row.label ?? row.cells.map((c) => c.content.rowLabel)[0] ?? '' } } : { table },
      message,
    });
  }

  /** A printed label against the mandated one: info when they differ only in form, warning when in wording. */
  labelVariation(printed: string, mandated: string, what: string, row?: ValueRow): void {
    if (printed === mandated) return;
    const sameWords = normalizeLabel(printed) === normalizeLabel(mandated);
    this.report(
      'EXTRACT-LABEL',
      sameWords ? 'info' : 'warning',
      `「${this.caption}」${what}印为“${printed}”，规定为“${mandated}”${sameWords ? '（仅标点或全角半角不同）' : ''}；已按规定的${what}读取`,
      row,
    );
  }

  /** Flattened text: the row that took each group of numbers. */
  readonly takenBy = new Map<number, ValueRow>();

  rowName(row: ValueRow): string {
    return row.label ? `「${row.label}」行` : '数字行';
  }
}

interface PrintedRow {
  /** The row's own label (its last label cell), if any. */
  label?: TableCellText;
  /** The row's value cells: distinct printed cells after its label. */
  values: TableCellText[];
}

function printedRows(rows: readonly TableCellText[][]): PrintedRow[] {
  return rows.map((cells) => {
    const distinct: TableCellText[] = [];
    for (const cell of cells) if (!distinct.some((d) => d.origin === cell.origin)) distinct.push(cell);
    let last = -1;
    distinct.forEach((cell, index) => {
      if (cell.text !== '' && !looksNumeric(cell.text)) last = index;
    });
    return { ...(last >= 0 ? { label: distinct[last]! } : {}), values: distinct.slice(last + 1) };
  });
}

/** How far ahead of the last matched row a row label is looked for. */
const LOOK_AHEAD = 6;

/** Maps a table given as rows of cells (HTML) onto the grid. */
export function mapTableRows(grid: TableGrid, rows: readonly TableCellText[][], diagnostics: Diagnostic[]): TableValues {
  const context = new TableContext(grid, diagnostics);
  const printed = printedRows(rows);
  let cursor = 0;
  const usedLabels = new Set<number>();
  for (const row of valueRows(grid)) {
    let found: number | undefined;
    if (row.label !== undefined) {
      let best = { index: -1, score: 0 };
      for (let i = cursor; i < Math.min(printed.length, cursor + LOOK_AHEAD); i++) {
        const label = printed[i]!.label;
        if (!label || label.startRow !== i) continue;
        const score = labelSimilarity(label.text, row.label);
        if (score > best.score) best = { index: i, score };
        if (score === 1) break;
      }
      if (best.score >= LABEL_MATCH) found = best.index;
    } else {
      for (let i = cursor; i < printed.length; i++) {
        const candidate = printed[i]!;
        if (!candidate.label && candidate.values.length === row.cells.length) {
          found = i;
          break;
        }
      }
    }
    if (found === undefined) {
      context.report('EXTRACT-ROW', 'error', `「${context.caption}」中没有找到${context.rowName(row)}，该行各格留空，请按原件填写`, row);
      continue;
    }
    cursor = found + 1;
    const match = printed[found]!;
    if (match.label && row.label) {
      usedLabels.add(match.label.origin);
      context.labelVariation(match.label.text, row.label, '行名', row);
    }
    if (match.values.length !== row.cells.length) {
      context.report(
        'EXTRACT-CELLS',
        'error',
        `「${context.caption}」${context.rowName(row)}印有 ${match.values.length} 个数字格，规定为 ${row.cells.length} 个；无法对应，该行各格留空，请按原件填写`,
        row,
      );
      continue;
    }
    row.cells.forEach((cell, index) => {
      const text = match.values[index]!.text;
      const value = parseCellNumber(text, cell.content.format);
      if (value === undefined) {
        context.report(
          'EXTRACT-NUMBER',
          'error',
          `「${context.caption}」${context.rowName(row)}「${cell.content.colLabel}」列印为“${text}”，不是数字；该格留空`,
          row,
        );
      } else {
        context.values.set(keyOf(cell.content.key), value);
      }
    });
  }
  checkHeaderLabels(context, rows.flat().filter((cell) => !usedLabels.has(cell.origin)).map((cell) => cell.text));
  return { grid, values: context.values };
}

/** Column headings and section labels: each printed one against the mandated (the closest unused printed label). */
function checkHeaderLabels(context: TableContext, printedTexts: readonly string[]): void {
  const printed = [...new Set(printedTexts.filter((text) => text !== '' && !looksNumeric(text)))];
  const exact = new Set(printed.map(normalizeLabel));
  const mandated = [
    ...new Set(
      context.grid.anchors.flatMap((a) => (a.content.kind === 'label' && a.content.role !== 'rowLabel' && a.content.role !== 'group' ? [a.content.text] : [])),
    ),
  ];
  const used = new Set<string>();
  for (const label of mandated) {
    if (exact.has(normalizeLabel(label))) {
      const same = printed.find((text) => normalizeLabel(text) === normalizeLabel(label))!;
      used.add(same);
      context.labelVariation(same, label, '表头');
      continue;
    }
    let best = { text: '', score: 0 };
    for (const text of printed) {
      if (used.has(text) || exact.has(normalizeLabel(text)) && mandated.some((m) => normalizeLabel(m) === normalizeLabel(text))) continue;
      const score = labelSimilarity(text, label);
      if (score > best.score) best = { text, score };
    }
    if (best.score >= LABEL_MATCH) {
      used.add(best.text);
      context.labelVariation(best.text, label, '表头');
    }
  }
}

// ---------------------------------------------------------------------------
// Flattened text

/** Digits as printed (ASCII or full-width) with decimal points. */
const RUN = /[0-9０-９][0-9０-９.．]*/g;

interface Group {
  /** The text since the previous group (labels). */
  zone: string;
  /** The runs of digits, separated in print by white space only. */
  pieces: string[];
}

/** Splits flattened table text into label zones and runs of digits; a numbering mark (2. 或 2、) glued to a run goes back to the label. */
function groups(text: string): Group[] {
  const result: Group[] = [];
  let zone = '';
  let pieces: string[] = [];
  let last = 0;
  const flush = () => {
    if (pieces.length > 0) {
      result.push({ zone, pieces });
      zone = '';
    }
    pieces = [];
  };
  for (const match of text.matchAll(RUN)) {
    let between = text.slice(last, match.index);
    let run = match[0];
    // A cell printed with its unit and sign (184项, 减3项, 增35项, 2694.35万元): the unit and the sign are not text between rows.
    const sign = /(?:^|\s)([增减])$/.exec(between);
    if (pieces.length > 0) between = between.replace(/^(?:项|件|个|条|次|篇|人次|万元|元)(?=\s|$|[增减]$)/, '');
    if (sign) between = between.slice(0, between.length - 1);
    const blankCell = pieces.length > 0 && between.trim() === '' && /\n\s*\n/.test(between);
    last = match.index + run.length;
    const after = text.slice(last, last + 2);
    let numbering = '';
    const dotted = /([1-9１-９])[.．]$/.exec(run);
    if (dotted && !/^[0-9０-９]/.test(after)) {
      numbering = dotted[0];
      run = run.slice(0, -2);
    } else if (/^[、]/.test(after) && /[1-9１-９]$/.test(run)) {
      numbering = run.slice(-1);
      run = run.slice(0, -1);
    }
    // Runs separated by white space only belong to one row; any other text between them is the next row's label.
    if (between.trim() !== '') flush();
    if (pieces.length === 0) zone += between;
    if (blankCell) pieces.push(BLANK_CELL);
    if (run !== '') pieces.push(sign ? (sign[1] === '减' ? '-' : '+') + run : run);
    if (numbering !== '') {
      flush();
      zone += numbering;
    }
  }
  flush();
  return result;
}

/** Where copied text left more empty lines than usual between two numbers of a row: a blank cell. */
const BLANK_CELL = '';

/**
 * Every way to read the pieces as `cells.length` numbers (no leading zeros),
 * up to `limit` readings. A signed piece (+35, -3, from 增35, 减3) is one
 * signed cell. Where the text shows a blank-cell mark, the readings with that
 * cell blank and those ignoring the mark are both possible (the row's sums or
 * the reader decide between them).
 */
function readings(pieces: readonly string[], cells: readonly ValueCell[], limit = 20000): (number | null)[][] {
  const numbers = pieces.filter((piece) => piece !== BLANK_CELL);
  const plain = readingsOf(numbers, cells, limit);
  return numbers.length === pieces.length ? plain : [...plain, ...readingsOf(pieces, cells, limit)];
}

function readingsOf(pieces: readonly string[], cells: readonly ValueCell[], limit: number): (number | null)[][] {
  const out: (number | null)[][] = [];
  const pattern = (cell: ValueCell) => (cell.content.format === 'wan' ? /^(?:0|[1-9]\d*)(?:[.．]\d+)?$/ : /^(?:0|[1-9]\d*)$/);
  const walk = (piece: number, offset: number, cell: number, acc: (number | null)[]) => {
    if (out.length >= limit) return;
    if (piece === pieces.length) {
      if (cell === cells.length) out.push([...acc]);
      return;
    }
    if (cell === cells.length) return;
    const text = pieces[piece]!.normalize('NFKC');
    if (text === BLANK_CELL) {
      acc.push(null);
      walk(piece + 1, 0, cell + 1, acc);
      acc.pop();
      return;
    }
    if (/^[+-]/.test(text)) {
      if (cells[cell]!.content.format === 'signed' && /^[+-](?:0|[1-9]\d*)$/.test(text)) {
        acc.push(Number(text));
        walk(piece + 1, 0, cell + 1, acc);
        acc.pop();
      }
      return;
    }
    for (let end = offset + 1; end <= text.length; end++) {
      const part = text.slice(offset, end);
      if (!pattern(cells[cell]!).test(part)) continue;
      acc.push(Number(part.replace('．', '.')));
      if (end === text.length) walk(piece + 1, 0, cell + 1, acc);
      else walk(piece, end, cell + 1, acc);
      acc.pop();
    }
  };
  walk(0, 0, 0, []);
  return out;
}

/** Whether a reading satisfies the row's own totals (cells whose summed cells are all in the row). */
function balances(row: ValueRow, reading: readonly (number | null)[]): boolean {
  const byKey = new Map(row.cells.map((cell, index) => [keyOf(cell.content.key), reading[index]!]));
  for (const cell of row.cells) {
    const sumOf = cell.content.sumOf;
    if (!sumOf || !sumOf.every((key) => byKey.has(keyOf(key)))) continue;
    // A blank cell counts as 0 in the sums, as a blank in a published table means.
    const sum = sumOf.reduce((total, key) => total + (byKey.get(keyOf(key)) ?? 0), 0);
    if (Math.abs(sum - (byKey.get(keyOf(cell.content.key)) ?? 0)) > 1e-9) return false;
  }
  return true;
}

const describeReading = (reading: readonly (number | null)[]) => reading.map((value) => value ?? '空').join('、');

/** How well a label zone ends with a row's label: 1 when it does exactly; the printed tail that matched. */
function zoneMatch(zone: string, label: string): { score: number; printed: string } {
  const compact = cleanParagraph(zone);
  const target = normalizeLabel(label);
  let best = { score: 0, printed: '' };
  for (let length = Math.max(1, target.length - 3); length <= target.length + 3 && length <= compact.length; length++) {
    const tail = compact.slice(compact.length - length);
    const score = labelSimilarity(tail, label);
    if (score > best.score || (score === best.score && normalizeLabel(tail) === target)) best = { score, printed: tail.trim() };
  }
  return best;
}

/** Where the table starts in a part's flattened text: the first of its header labels (undefined: none printed). */
export function flatTableStart(grid: TableGrid, text: string): number | undefined {
  const compact = text.normalize('NFKC');
  let first: number | undefined;
  for (const anchor of grid.anchors) {
    if (anchor.content.kind !== 'label' || anchor.content.role === 'rowLabel' || anchor.content.role === 'group') continue;
    const exact = compact.indexOf(anchor.content.text.normalize('NFKC'));
    const at = exact >= 0 ? exact : (nearlyPrinted(text, anchor.content.text)?.at ?? -1);
    if (at >= 0 && (first === undefined || at < first)) first = at;
  }
  return first;
}

interface Ambiguous {
  row: ValueRow;
  printed: string;
  /** Every reading of the run. */
  all: (number | null)[][];
  /** The readings still in question (those that keep the row's own sums, if any do). */
  candidates: (number | null)[][];
}

/** Most combinations of ambiguous rows' readings tried against the table's totals. */
const COMBINATIONS = 200000;

/**
 * Rows whose run splits several ways: the combination of their readings under
 * which every total of the table that involves them holds (column totals
 * such as （七）总计), when there is exactly one; otherwise each is reported.
 */
function resolveByTotals(context: TableContext, ambiguous: readonly Ambiguous[]): void {
  if (ambiguous.length === 0) return;
  const totals = context.grid.valueCells.filter((cell) => cell.content.sumOf);
  const involved = new Set(ambiguous.flatMap((a) => a.row.cells.map((cell) => keyOf(cell.content.key))));
  const identities = totals.filter((cell) => [cell.content.key, ...cell.content.sumOf!].some((key) => involved.has(keyOf(key))));
  const product = ambiguous.reduce((n, a) => n * a.candidates.length, 1);
  const fits: number[][] = [];
  if (identities.length > 0 && product <= COMBINATIONS) {
    const values = new Map(context.values);
    const holds = () =>
      identities.every((cell) => {
        const total = values.get(keyOf(cell.content.key));
        const parts = cell.content.sumOf!.map((key) => values.get(keyOf(key)));
        if (total === null || total === undefined || parts.some((v) => v === null || v === undefined)) return true;
        return Math.abs(parts.reduce((a: number, b) => a + b!, 0) - total) < 1e-9;
      });
    const choice: number[] = [];
    const walk = (index: number) => {
      if (fits.length > 1) return;
      if (index === ambiguous.length) {
        if (holds()) fits.push([...choice]);
        return;
      }
      const { row, candidates } = ambiguous[index]!;
      candidates.forEach((reading, r) => {
        reading.forEach((value, i) => values.set(keyOf(row.cells[i]!.content.key), value));
        choice.push(r);
        walk(index + 1);
        choice.pop();
      });
      for (const cell of row.cells) values.set(keyOf(cell.content.key), null);
    };
    walk(0);
  }
  if (fits.length === 1) {
    ambiguous.forEach(({ row, candidates }, index) => {
      candidates[fits[0]![index]!]!.forEach((value, i) => context.values.set(keyOf(row.cells[i]!.content.key), value));
    });
    context.report(
      'EXTRACT-SPLIT-SUMS',
      'info',
      `「${context.caption}」${ambiguous.map((a) => context.rowName(a.row)).join('、')}的数字连在一起印出，单看本行可有多种拆法；` +
        '按表中的合计（总计等于各项之和）只有一种拆法成立，已按它读取',
    );
    return;
  }
  for (const { row, printed, all, candidates } of ambiguous) {
    const shown = candidates.slice(0, 3).map((r) => `“${describeReading(r)}”`).join('或');
    const count = candidates.length;
    const unbalanced = candidates === all && row.cells.some((c) => c.content.sumOf);
    context.report(
      'EXTRACT-SPLIT',
      'error',
      `「${context.caption}」${context.rowName(row)}的 ${row.cells.length} 个数字连在一起印作“${printed}”，可以拆成${shown}` +
        `${count > 3 ? `等 ${count >= 20000 ? '许多' : count} 种` : ''}${unbalanced ? '（都不符合本行合计）' : ''}，无法确定；该行各格留空，请按原件填写`,
      row,
    );
  }
}

/** Whether a text prints a table's headings: at least two of its longer header labels (short ones such as 总计 prove nothing). */
export function printsTableHeadings(grid: TableGrid, text: string): boolean {
  const compact = normalizeLabel(text);
  const labels = new Set(
    grid.anchors.flatMap((a) => (a.content.kind === 'label' && a.content.role !== 'rowLabel' && a.content.role !== 'group' ? [normalizeLabel(a.content.text)] : [])),
  );
  return [...labels].filter((label) => label.length >= 4 && compact.includes(label)).length >= 2;
}

/** Characters skipped when a flattened text is compared with a label: white space and quotation marks. */
const SKIPPED_IN_LABELS = /[\s\u00a0\u3000“”"‘’'「」『』]/;

/**
 * A mandated heading of at least six characters printed in a flattened text
 * with one character different (two from twelve on), like “钩稽” for “勾稽”
 * or “先行” for “现行”: the printed words as they stand in the text, and where.
 */
function nearlyPrinted(text: string, label: string): { printed: string; at: number } | undefined {
  const wanted = [...label].filter((ch) => !SKIPPED_IN_LABELS.test(ch)).map((ch) => ch.normalize('NFKC'));
  if (wanted.length < 6) return undefined;
  const allowed = wanted.length >= 12 ? 2 : 1;
  const chars: { ch: string; at: number }[] = [];
  for (let at = 0; at < text.length; at++) {
    const ch = text[at]!;
    if (!SKIPPED_IN_LABELS.test(ch)) chars.push({ ch: ch.normalize('NFKC'), at });
  }
  const first = wanted[0]!;
  const last = wanted.at(-1)!;
  for (let start = 0; start + wanted.length <= chars.length; start++) {
    // The first and last characters must match, so a window shifted by one is not taken for the label.
    if (chars[start]!.ch !== first || chars[start + wanted.length - 1]!.ch !== last) continue;
    let differences = 0;
    for (let index = 1; index < wanted.length - 1 && differences <= allowed; index++) if (chars[start + index]!.ch !== wanted[index]) differences++;
    if (differences <= allowed) return { printed: text.slice(chars[start]!.at, chars[start + wanted.length - 1]!.at + 1), at: chars[start]!.at };
  }
  return undefined;
}

/** Maps a table flattened into text (labels and runs of digits, in the grid's cell order) onto the grid. */
export function mapFlatTable(grid: TableGrid, text: string, diagnostics: Diagnostic[]): TableValues {
  const context = new TableContext(grid, diagnostics);
  const found = groups(text);
  let cursor = 0;
  let splitBySums = 0;
  const ambiguous: Ambiguous[] = [];
  // Groups taken by a row, and the groups passed over before each row (reported at the end, unless a later row took them).
  const used = new Set<number>();
  const passed: { row: ValueRow; from: number; to: number }[] = [];
  for (const row of valueRows(grid)) {
    let index: number | undefined;
    let printedLabel = '';
    let before: ValueRow | undefined;
    if (row.label !== undefined) {
      let best = { index: -1, score: 0, printed: '' };
      for (let i = cursor; i < Math.min(found.length, cursor + LOOK_AHEAD); i++) {
        const match = zoneMatch(found[i]!.zone, row.label);
        if (match.score > best.score) best = { index: i, ...match };
        if (match.score === 1) break;
      }
      if (best.score >= LABEL_MATCH) {
        index = best.index;
        printedLabel = best.printed;
      } else {
        // A row printed before rows the format puts first (a PDF's text moving a block of the table): its exact label among the groups passed over.
        for (let i = 0; i < cursor && index === undefined; i++) {
          if (used.has(i)) continue;
          const match = zoneMatch(found[i]!.zone, row.label);
          if (match.score === 1) {
            index = i;
            printedLabel = match.printed;
            // The first row read from a group printed after it.
            before = [...context.takenBy.entries()].filter(([taken]) => taken > i).sort((a, b) => a[0] - b[0])[0]?.[1];
          }
        }
      }
    } else if (cursor < found.length) {
      index = cursor;
    }
    if (index === undefined) {
      context.report('EXTRACT-ROW', 'error', `「${context.caption}」中没有找到${context.rowName(row)}，该行各格留空，请按原件填写`, row);
      continue;
    }
    if (index >= cursor) {
      if (index > cursor) passed.push({ row, from: cursor, to: index });
      cursor = index + 1;
    } else {
      context.report(
        'EXTRACT-ORDER',
        'info',
        `「${context.caption}」${context.rowName(row)}印在${before ? context.rowName(before) : '前面各行'}之前，与规定的行序不同；按行名读取`,
        row,
      );
    }
    used.add(index);
    context.takenBy.set(index, row);
    const group = found[index]!;
    if (row.label !== undefined) context.labelVariation(printedLabel, row.label, '行名', row);
    const all = readings(group.pieces, row.cells);
    const balanced = all.filter((reading) => balances(row, reading));
    const printed = group.pieces.join(' ');
    // One reading: taken as printed (its sums are the checks' business). Several: the row's own sums must single one out.
    const chosen = all.length === 1 ? all[0] : balanced.length === 1 ? balanced[0] : undefined;
    if (chosen) {
      if (all.length > 1) splitBySums++;
      chosen.forEach((value, i) => context.values.set(keyOf(row.cells[i]!.content.key), value));
      const blanks = row.cells.filter((_, i) => chosen[i] === null).map((cell) => `「${cell.content.colLabel}」`);
      if (blanks.length > 0) {
        context.report(
          'EXTRACT-BLANK',
          'info',
          `「${context.caption}」${context.rowName(row)}${blanks.join('、')}列没有数字（复制的文字在此处多空一行，原表该格空白）；读作空（null）`,
          row,
        );
      }
    } else if (all.length === 0) {
      const digits = group.pieces.join('').replace(/[^0-9０-９]/g, '').length;
      context.report(
        'EXTRACT-SPLIT',
        'error',
        `「${context.caption}」${context.rowName(row)}的数字印作“${printed}”，无法读成 ${row.cells.length} 个数` +
          `${digits < row.cells.length ? `（只有 ${digits} 位数字，可能有空格未印出，无法确定是哪一格）` : ''}；该行各格留空，请按原件填写`,
        row,
      );
    } else {
      ambiguous.push({ row, printed, all, candidates: balanced.length > 0 ? balanced : all });
    }
  }
  for (const { row, from, to } of passed) {
    const skipped = found.slice(from, to).filter((_, offset) => !used.has(from + offset));
    if (skipped.length === 0) continue;
    context.report('EXTRACT-SKIPPED', 'warning', `「${context.caption}」${context.rowName(row)}之前有无法对应到任何行的数字“${skipped.map((g) => g.pieces.join(' ')).join('、')}”，未读取`, row);
  }
  resolveByTotals(context, ambiguous);
  if (splitBySums > 0) {
    context.report(
      'EXTRACT-SPLIT-SUMS',
      'info',
      `「${context.caption}」有 ${splitBySums} 行的数字连在一起印出，按本行的合计（总计等于各项之和）唯一地拆开`,
    );
  }
  const compact = normalizeLabel(text);
  for (const anchor of grid.anchors) {
    if (anchor.content.kind !== 'label' || anchor.content.role === 'rowLabel' || anchor.content.role === 'group') continue;
    if (!compact.includes(normalizeLabel(anchor.content.text))) {
      const near = nearlyPrinted(text, anchor.content.text);
      if (near !== undefined) context.labelVariation(near.printed, anchor.content.text, '表头');
      else context.report('EXTRACT-LABEL', 'info', `「${context.caption}」中没有找到规定的表头“${anchor.content.text}”（可能印法不同）`);
    }
  }
  return { grid, values: context.values };
}

/** Most arrangements tried when one number of a flattened table stands out of place. */
const MOVES = 200000;

/**
 * A flattened table whose labels are out of step with its numbers (a PDF's
 * text where the converter broke the table into fragments): read in the
 * grid's cell order, labels ignored. Taken only when the text holds exactly
 * as many plain numbers as the grid has cells and every total of the grid
 * (`sumOf`) holds — as printed, or with exactly one number moved to another
 * place, when one move and only one makes them hold (a number the converter
 * printed away from its row; reported with both places). Otherwise
 * undefined: nothing is guessed. A grid without totals is never read so.
 */
export function mapFlatInCellOrder(grid: TableGrid, text: string, diagnostics: Diagnostic[]): TableValues | undefined {
  const cells = valueRows(grid).flatMap((row) => row.cells);
  const totals = cells.filter((cell) => cell.content.sumOf);
  if (totals.length === 0) return undefined;
  const pieces = groups(text)
    .flatMap((group) => group.pieces)
    .filter((piece) => piece !== BLANK_CELL)
    .map((piece) => piece.normalize('NFKC'));
  if (pieces.length !== cells.length || pieces.some((piece) => !/^(?:0|[1-9]\d*)$/.test(piece))) return undefined;
  const numbers = pieces.map(Number);
  const index = new Map(cells.map((cell, i) => [keyOf(cell.content.key), i]));
  const sums = totals.map((cell) => ({ at: index.get(keyOf(cell.content.key))!, parts: cell.content.sumOf!.map((key) => index.get(keyOf(key))) }));
  if (sums.some((sum) => sum.parts.some((part) => part === undefined))) return undefined;
  const holds = (reading: readonly number[]) => sums.every((sum) => sum.parts.reduce((total: number, part) => total + reading[part!]!, 0) === reading[sum.at]);
  const context = new TableContext(grid, diagnostics);
  let reading: number[] | undefined = holds(numbers) ? numbers : undefined;
  let move: { from: number; to: number } | undefined;
  if (!reading) {
    const fits = new Map<string, { reading: number[]; from: number; to: number }>();
    let tried = 0;
    for (let from = 0; from < numbers.length && fits.size <= 1 && tried < MOVES; from++) {
      const rest = [...numbers.slice(0, from), ...numbers.slice(from + 1)];
      for (let to = 0; to < numbers.length && fits.size <= 1; to++, tried++) {
        if (to === from) continue;
        const candidate = [...rest.slice(0, to), numbers[from]!, ...rest.slice(to)];
        if (!holds(candidate)) continue;
        const key = candidate.join(',');
        if (!fits.has(key)) fits.set(key, { reading: candidate, from, to });
      }
    }
    if (fits.size !== 1 || tried >= MOVES) return undefined;
    const [fit] = fits.values();
    reading = fit!.reading;
    move = { from: fit!.from, to: fit!.to };
  }
  reading.forEach((value, i) => context.values.set(keyOf(cells[i]!.content.key), value));
  const cellName = (i: number) => {
    const row = valueRows(grid).find((r) => r.cells.includes(cells[i]!)) ?? valueRows(grid).find((r) => r.rowId === cells[i]!.content.rowId);
    return `${row ? context.rowName(row) : ''}「${cells[i]!.content.colLabel}」列`;
  };
  context.report(
    'EXTRACT-ORDER',
    'warning',
    `「${context.caption}」的行名与数字错位（转换时表格被拆散），按规定的格序读取全部 ${cells.length} 个数字，各行、各列的合计均相符；请对照原件核对`,
  );
  if (move) {
    context.report(
      'EXTRACT-ORDER',
      'warning',
      `「${context.caption}」有一个数字“${numbers[move.from]}”印在别处（按顺序本应落在${cellName(move.from)}）；只有把它读作${cellName(move.to)}的数时各项合计才相符，已按此读取，请对照原件核对`,
    );
  }
  return { grid, values: context.values };
}
