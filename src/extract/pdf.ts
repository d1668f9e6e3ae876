/**
 * A PDF with a text layer → text blocks (blocks.ts). From the glyphs and
 * rules a page draws (pdf-content.ts):
 *
 * - tables: rules that cross one another make a grid (rows between the
 *   horizontal rules, columns between the vertical ones); grid cells not
 *   separated by a rule are one printed cell (a merge, expanded like the HTML
 *   reader does, one origin); a cell's text is its lines joined. A table that
 *   ends a page and one that starts the next with the same left and right
 *   edges are one table, continued; header rows printed again on the new page
 *   are dropped.
 * - the rest, lines (glyphs on one baseline) in reading order: page numbers
 *   (“— 3 —”, “- 3 -”, “第 3 页”) and running headers and footers (the same
 *   line at the top or bottom of most pages) are dropped; a paragraph starts
 *   at an indented line, a centred or right-set line, a change of size or a
 *   wide gap, and ends at a line short of the right margin. Lines are joined
 *   without spaces (a space only between Latin words). Centred lines in a size
 *   larger than the text's, one after another, are one heading (the title).
 *
 * Encrypted, damaged, empty or scanned files (images without text), and files
 * beyond any report's size, are refused with the reason, never guessed at.
 */
import { cleanParagraph, type ExtractBlock, type TableCellText } from './blocks.js';
import { loadPdfjs, openPdf, readPageContent, type Glyph, type PageContent, type Rule } from './pdf-content.js';
import type { DocumentBlocks, UnreadableDocument } from './read-document.js';

/** More pages than any annual report has: refused rather than read. */
export const MAX_PDF_PAGES = 200;

export const PDF_UNREADABLE = {
  encrypted: '这份 PDF 文件设有打开密码（已加密），无法读取；请提供未加密的文件',
  corrupt: 'PDF 文件已损坏或不完整，无法读取',
  scanned: '这份 PDF 是扫描件（只有图像），没有文字层，无法读取；不作猜测。请提供带文字的 PDF、Word 文档或网页',
  empty: '这份 PDF 文件中没有文字，无法读取',
} as const;

const tooManyPages = (pages: number) => `这份 PDF 有 ${pages} 页，超过 ${MAX_PDF_PAGES} 页，不像一份年度报告，没有读取`;

/** Whether a character is CJK (ideographs, kana, full-width forms and punctuation): no spaces around it. */
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f\u2018-\u201f\u2026\u2014]/u;
const isCjk = (char: string | undefined) => char !== undefined && CJK.test(char);
const isSpace = (char: string) => /^\s+$/u.test(char);

interface Line {
  /** Baseline, from the page's top. */
  y: number;
  size: number;
  /** First and last ink, x. */
  start: number;
  end: number;
  text: string;
}

/** Glyphs → lines (one baseline each), top to bottom, each left to right. */
function linesOf(glyphs: readonly Glyph[]): { glyphs: Glyph[]; y: number; size: number }[] {
  const sorted = [...glyphs].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: { glyphs: Glyph[]; y: number; size: number }[] = [];
  for (const glyph of sorted) {
    const line = lines.at(-1);
    if (line && Math.abs(glyph.y - line.y) <= 0.35 * Math.max(glyph.size, line.size)) {
      line.glyphs.push(glyph);
      if (!isSpace(glyph.char)) line.size = Math.max(line.size, glyph.size);
    } else {
      lines.push({ glyphs: [glyph], y: glyph.y, size: isSpace(glyph.char) ? 0 : glyph.size });
    }
  }
  for (const line of lines) line.glyphs.sort((a, b) => a.x - b.x);
  return lines.filter((line) => line.glyphs.some((glyph) => !isSpace(glyph.char)));
}

/** A line's text: its glyphs' characters; a space where one is drawn, or between Latin letters set apart. */
function lineText(glyphs: readonly Glyph[]): string {
  let text = '';
  let previous: Glyph | undefined;
  let space = false;
  for (const glyph of glyphs) {
    if (isSpace(glyph.char)) {
      space = previous !== undefined;
      continue;
    }
    if (previous) {
      const gap = glyph.x - (previous.x + previous.width);
      const latin = !isCjk(previous.char.at(-1)) && !isCjk(glyph.char[0]);
      // Glyphs drawn over one another (a fake bold) are one character.
      if (glyph.char === previous.char && Math.abs(glyph.x - previous.x) < 0.2 * glyph.size) continue;
      if (space || (latin && gap > 0.25 * glyph.size)) text += ' ';
    }
    text += glyph.char;
    previous = glyph;
    space = false;
  }
  return text;
}

/** Where a line ends in a URL or a path: broken there without a space. */
const URL_TAIL = /(?:[/@:]|\.\w|\w\.)\S*$/;

/** Two lines of one paragraph joined: no space, except between Latin words. */
function joinLines(before: string, after: string): string {
  if (before === '') return after;
  const last = before.at(-1)!;
  const first = after[0] ?? '';
  const latin = /[A-Za-z0-9,;:!?)]/.test(last) && /[A-Za-z0-9(]/.test(first);
  const tail = /\S*$/.exec(before)![0];
  return latin && !URL_TAIL.test(tail.replace(/[.,;:!?)]+$/, '')) ? `${before} ${after}` : `${before}${after}`;
}

// ---------------------------------------------------------------------------
// Tables

/** Values within `tolerance` of one another, clustered: the sorted cluster means. */
function cluster(values: number[], tolerance: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: { sum: number; count: number; last: number }[] = [];
  for (const value of sorted) {
    const current = out.at(-1);
    if (current && value - current.last <= tolerance) {
      current.sum += value;
      current.count++;
      current.last = value;
    } else out.push({ sum: value, count: 1, last: value });
  }
  return out.map((c) => c.sum / c.count);
}

const TOLERANCE = 2;
/** A page's grid larger than this (rows × columns) is no statistics table: its rules are ignored. */
const MAX_GRID_CELLS = 5_000;
/** Nor is a table continued over pages larger than this: its text is left out. */
const MAX_TABLE_CELLS = 50_000;

interface RuledTable {
  left: number;
  right: number;
  top: number;
  bottom: number;
  horizontal: Rule[];
  vertical: Rule[];
  glyphs: Glyph[];
  /** Where a continuation from the next page was joined (y in this table's coordinates). */
  joins: number[];
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[i] !== root) {
      const next = this.parent[i]!;
      this.parent[i] = root;
      i = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[rb] = ra;
  }
}

/** The page's ruled tables: rules that cross or touch one another, at least two cells' worth. */
function ruledTables(page: PageContent): RuledTable[] {
  const rules = [...page.horizontal.map((rule) => ({ rule, horizontal: true })), ...page.vertical.map((rule) => ({ rule, horizontal: false }))];
  if (rules.length < 4) return [];
  const sets = new UnionFind(rules.length);
  const hs = rules.map((r, i) => ({ ...r, i })).filter((r) => r.horizontal);
  const vs = rules.map((r, i) => ({ ...r, i })).filter((r) => !r.horizontal);
  for (const h of hs) {
    for (const v of vs) {
      if (
        v.rule.x1 >= h.rule.x1 - TOLERANCE &&
        v.rule.x1 <= h.rule.x2 + TOLERANCE &&
        h.rule.y1 >= v.rule.y1 - TOLERANCE &&
        h.rule.y1 <= v.rule.y2 + TOLERANCE
      ) {
        sets.union(h.i, v.i);
      }
    }
  }
  // Collinear rules that touch (a border drawn cell by cell) are one.
  const chain = (list: typeof hs, along: (rule: Rule) => number, from: (rule: Rule) => number, to: (rule: Rule) => number) => {
    const sorted = [...list].sort((a, b) => along(a.rule) - along(b.rule));
    for (let start = 0; start < sorted.length; ) {
      let end = start + 1;
      while (end < sorted.length && along(sorted[end]!.rule) - along(sorted[end - 1]!.rule) <= TOLERANCE) end++;
      const line = sorted.slice(start, end).sort((a, b) => from(a.rule) - from(b.rule));
      let reach = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < line.length; k++) {
        if (k > 0 && from(line[k]!.rule) <= reach + TOLERANCE) sets.union(line[k - 1]!.i, line[k]!.i);
        reach = Math.max(reach, to(line[k]!.rule));
      }
      start = end;
    }
  };
  chain(hs, (r) => r.y1, (r) => r.x1, (r) => r.x2);
  chain(vs, (r) => r.x1, (r) => r.y1, (r) => r.y2);
  const groups = new Map<number, { horizontal: Rule[]; vertical: Rule[] }>();
  rules.forEach((entry, i) => {
    const root = sets.find(i);
    let group = groups.get(root);
    if (!group) groups.set(root, (group = { horizontal: [], vertical: [] }));
    (entry.horizontal ? group.horizontal : group.vertical).push(entry.rule);
  });
  const tables: RuledTable[] = [];
  for (const group of groups.values()) {
    const rows = cluster(group.horizontal.map((r) => r.y1), TOLERANCE).length - 1;
    const cols = cluster(group.vertical.map((r) => r.x1), TOLERANCE).length - 1;
    if (rows < 1 || cols < 1 || rows * cols < 2 || rows * cols > MAX_GRID_CELLS) continue;
    const all = [...group.horizontal, ...group.vertical];
    tables.push({
      left: Math.min(...all.map((r) => r.x1)),
      right: Math.max(...all.map((r) => r.x2)),
      top: Math.min(...all.map((r) => r.y1)),
      bottom: Math.max(...all.map((r) => r.y2)),
      ...group,
      glyphs: [],
      joins: [],
    });
  }
  return tables;
}

const covers = (from: number, to: number, at: number) => at >= from - TOLERANCE && at <= to + TOLERANCE;

/** The cell texts of a ruled table, merges expanded (same origin in every grid cell a printed cell covers). */
function tableCells(table: RuledTable, nextOrigin: () => number): TableCellText[][] {
  let ys = cluster(table.horizontal.map((r) => r.y1), TOLERANCE);
  let xs = cluster(table.vertical.map((r) => r.x1), TOLERANCE);
  const rowOf = (y: number) => {
    for (let r = 0; r < ys.length - 1; r++) if (y < ys[r + 1]!) return r;
    return ys.length - 2;
  };
  const colOf = (x: number) => {
    for (let c = 0; c < xs.length - 1; c++) if (x < xs[c + 1]!) return c;
    return xs.length - 2;
  };
  // Thin strips without text (double rules drawn a little apart) are no rows or columns.
  const inked = (glyph: Glyph) => !isSpace(glyph.char);
  const centre = (glyph: Glyph) => ({ x: glyph.x + glyph.width / 2, y: glyph.y - glyph.size * 0.3 });
  const rowHasText = new Set(table.glyphs.filter(inked).map((g) => rowOf(centre(g).y)));
  const colHasText = new Set(table.glyphs.filter(inked).map((g) => colOf(centre(g).x)));
  ys = ys.filter((y, r) => r === 0 || y - ys[r - 1]! >= 4 || rowHasText.has(r - 1));
  xs = xs.filter((x, c) => c === 0 || x - xs[c - 1]! >= 4 || colHasText.has(c - 1));
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  if (rows < 1 || cols < 1 || rows * cols > MAX_TABLE_CELLS) return [];

  const sets = new UnionFind(rows * cols);
  const verticalAt = xs.map((x) => table.vertical.filter((rule) => Math.abs(rule.x1 - x) <= TOLERANCE));
  const horizontalAt = ys.map((y) => table.horizontal.filter((rule) => Math.abs(rule.y1 - y) <= TOLERANCE));
  for (let r = 0; r < rows; r++) {
    const middle = (ys[r]! + ys[r + 1]!) / 2;
    for (let c = 0; c + 1 < cols; c++) {
      if (!verticalAt[c + 1]!.some((rule) => covers(rule.y1, rule.y2, middle))) sets.union(r * cols + c, r * cols + c + 1);
    }
  }
  for (let c = 0; c < cols; c++) {
    const middle = (xs[c]! + xs[c + 1]!) / 2;
    for (let r = 0; r + 1 < rows; r++) {
      if (!horizontalAt[r + 1]!.some((rule) => covers(rule.x1, rule.x2, middle))) sets.union(r * cols + c, (r + 1) * cols + c);
    }
  }
  const glyphsOf = new Map<number, Glyph[]>();
  for (const glyph of table.glyphs) {
    const { x, y } = centre(glyph);
    const region = sets.find(rowOf(y) * cols + colOf(x));
    let list = glyphsOf.get(region);
    if (!list) glyphsOf.set(region, (list = []));
    list.push(glyph);
  }
  const texts = new Map<number, string>();
  const origins = new Map<number, number>();
  const firstRow = new Map<number, number>();
  const grid: TableCellText[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: TableCellText[] = [];
    for (let c = 0; c < cols; c++) {
      const region = sets.find(r * cols + c);
      if (!origins.has(region)) {
        origins.set(region, nextOrigin());
        firstRow.set(region, r);
        texts.set(region, cleanParagraph(linesOf(glyphsOf.get(region) ?? []).map((line) => lineText(line.glyphs)).reduce(joinLines, '')));
      }
      row.push({ text: texts.get(region)!, origin: origins.get(region)!, startRow: firstRow.get(region)! });
    }
    grid.push(row);
  }
  // Header rows printed again where the table continues on a new page.
  const joinRows = table.joins.map((y) => ys.findIndex((rowTop) => rowTop >= y - TOLERANCE)).filter((r) => r > 0);
  const textsOf = (row: TableCellText[]) => row.map((cell) => cell.text).join('\u0001');
  const dropped = new Set<number>();
  for (const start of joinRows) {
    let repeated = 0;
    while (
      start + repeated < rows - 1 &&
      repeated < start &&
      grid[repeated]!.some((cell) => cell.text !== '') &&
      textsOf(grid[start + repeated]!) === textsOf(grid[repeated]!)
    ) {
      repeated++;
    }
    for (let r = start; r < start + repeated; r++) dropped.add(r);
  }
  const kept = grid.filter((_, r) => !dropped.has(r));
  // A label merged down across the page break, printed again (or not) below it, is one cell.
  for (const start of joinRows) {
    const below = start - [...dropped].filter((r) => r < start).length;
    const after = kept[below];
    const before = kept[below - 1];
    if (!after || !before) continue;
    after.forEach((cell, c) => {
      const above = before[c]!;
      if (cell.origin !== above.origin && cell.text !== '' && cell.text === above.text && /[^\d\s.,，、%-]/u.test(cell.text)) {
        const from = cell.origin;
        for (const row of kept) row.forEach((other, k) => void (other.origin === from && (row[k] = { ...above })));
      }
    });
  }
  // A blank cell in the label columns (where no row prints a number) belongs to the label on its left:
  // word processors draw the rule between a one-level label and the column of second-level labels.
  const numeric = (text: string) => /^[\d.,\s-]+$/.test(text);
  const labelColumns = new Set(Array.from({ length: cols }, (_, c) => c).filter((c) => !kept.some((row) => numeric(row[c]!.text))));
  for (const row of kept) {
    for (let c = 1; c < row.length; c++) {
      const cell = row[c]!;
      const left = row[c - 1]!;
      if (cell.text !== '' || !labelColumns.has(c) || left.text === '' || cell.origin === left.origin) continue;
      const from = cell.origin;
      for (const other of kept) other.forEach((candidate, k) => void (candidate.origin === from && (other[k] = { ...left })));
    }
  }
  // Each cell's first row, counted in the rows kept.
  const first = new Map<number, number>();
  return kept.map((row, r) =>
    row.map((cell) => {
      if (!first.has(cell.origin)) first.set(cell.origin, r);
      return { ...cell, startRow: first.get(cell.origin)! };
    }),
  );
}

// ---------------------------------------------------------------------------
// Page furniture and paragraphs

type Item = { kind: 'line'; page: number; line: Line } | { kind: 'table'; page: number; table: RuledTable; top: number };

const PAGE_NUMBER = /^(?:[-－—–―~]*\d+[-－—–―~]*|第\d+页(?:[,，/]?共\d+页)?|\d+\/\d+|page\d+(?:of\d+)?)$/i;

/** Lines at the top or bottom of a page that are page numbers or repeat on most pages. */
function dropFurniture(items: Item[][], heights: number[]): Item[][] {
  const margin = (page: number, y: number) => y < heights[page]! * 0.12 || y > heights[page]! * 0.88;
  const keyOf = (line: Line) => line.text.replace(/\s+/g, '').replace(/\d+/g, '#');
  const seen = new Map<string, Set<number>>();
  items.forEach((pageItems, page) => {
    for (const item of pageItems) {
      if (item.kind !== 'line' || !margin(page, item.line.y)) continue;
      const key = `${Math.round(item.line.y / 4)}|${keyOf(item.line)}`;
      let pages = seen.get(key);
      if (!pages) seen.set(key, (pages = new Set()));
      pages.add(page);
    }
  });
  const repeatedOn = Math.max(2, Math.ceil(items.length * 0.6));
  return items.map((pageItems, page) =>
    pageItems.filter((item) => {
      if (item.kind !== 'line' || !margin(page, item.line.y)) return true;
      if (PAGE_NUMBER.test(item.line.text.replace(/\s+/g, ''))) return false;
      return items.length < 2 || (seen.get(`${Math.round(item.line.y / 4)}|${keyOf(item.line)}`)?.size ?? 0) < repeatedOn;
    }),
  );
}

/** The most frequent value (rounded to `step`) by weight. */
function mode(values: { value: number; weight: number }[], step: number): number | undefined {
  const counts = new Map<number, number>();
  for (const { value, weight } of values) {
    const key = Math.round(value / step) * step;
    counts.set(key, (counts.get(key) ?? 0) + weight);
  }
  let best: number | undefined;
  let bestCount = -1;
  for (const [key, count] of counts) if (count > bestCount) [best, bestCount] = [key, count];
  return best;
}

interface Margins {
  body: number;
  left: number;
  right: number;
}

/** The text's size and its left and right margins: the edges most lines of that size share. */
function marginsOf(lines: readonly Line[]): Margins | undefined {
  if (lines.length === 0) return undefined;
  const body = mode(lines.map((line) => ({ value: line.size, weight: line.text.length })), 0.5)!;
  const bodyLines = lines.filter((line) => Math.abs(line.size - body) <= body * 0.1);
  const frequent = (values: number[]) => {
    const counts = new Map<number, number>();
    for (const value of values) counts.set(Math.round(value), (counts.get(Math.round(value)) ?? 0) + 1);
    const needed = Math.max(2, Math.floor(bodyLines.length * 0.05));
    const often = [...counts].filter(([, count]) => count >= needed).map(([value]) => value);
    return often.length > 0 ? often : [...counts.keys()];
  };
  // Edges within a point of the most extreme frequent one are one edge (rounding).
  const left = Math.min(...frequent(bodyLines.map((line) => line.start)));
  const right = Math.max(...frequent(bodyLines.map((line) => line.end)));
  const starts = bodyLines.map((line) => line.start).filter((start) => start >= left - 1.5 && start <= left + 1.5);
  const ends = bodyLines.map((line) => line.end).filter((end) => end >= right - 1.5 && end <= right + 1.5);
  return { body, left: Math.min(left, ...starts), right: Math.max(right, ...ends) };
}

type LineKind = 'flush' | 'indented' | 'centred' | 'right';

function kindOf(line: Line, margins: Margins): LineKind {
  const before = line.start - margins.left;
  const after = margins.right - line.end;
  // A line set larger than the text (a title) is centred even when it fills the measure; one of the text's size needs room on both sides.
  const large = line.size > margins.body * 1.15;
  if ((large || before > 2.5 * line.size) && Math.abs(before - after) < 2 * line.size) return 'centred';
  if (before > 4.5 * line.size) return 'right';
  if (before > 1.2 * line.size) return 'indented';
  return 'flush';
}

/** The blocks of the pages' items: paragraphs from lines, tables from ruled tables. */
function blocksOf(items: Item[], margins: Margins): ExtractBlock[] {
  const blocks: ExtractBlock[] = [];
  let origin = 0;
  const nextOrigin = () => origin++;
  let open: { text: string; line: Line; kind: LineKind; page: number; title: boolean } | undefined;
  const close = () => {
    if (open) {
      const text = cleanParagraph(open.text);
      if (text) blocks.push({ kind: 'paragraph', text, ...(open.title ? { heading: true } : {}) });
    }
    open = undefined;
  };
  for (const item of items) {
    if (item.kind === 'table') {
      close();
      const rows = tableCells(item.table, nextOrigin);
      if (rows.length > 0) blocks.push({ kind: 'table', rows });
      continue;
    }
    const { line, page } = item;
    const kind = kindOf(line, margins);
    const large = line.size > margins.body * 1.15;
    if (open) {
      const sameSize = Math.abs(line.size - open.line.size) <= 0.1 * open.line.size;
      const near = page !== open.page || (line.y - open.line.y > 0 && line.y - open.line.y <= 2.4 * Math.max(line.size, open.line.size));
      const title = open.kind === 'centred' && kind === 'centred' && open.title && large && sameSize && near;
      const continues =
        (open.kind === 'flush' || open.kind === 'indented') &&
        kind === 'flush' &&
        margins.right - open.line.end <= 1.2 * open.line.size &&
        sameSize &&
        near;
      if (title || continues) {
        open.text = joinLines(open.text, line.text);
        open.line = line;
        open.page = page;
        continue;
      }
      close();
    }
    open = { text: line.text, line, kind, page, title: kind === 'centred' && large };
  }
  close();
  return blocks;
}

/** A PDF's text blocks, or why it cannot be read. */
export async function readPdfBlocks(bytes: Uint8Array): Promise<DocumentBlocks | UnreadableDocument> {
  // Loaded first: a missing pdf.js is a broken installation, not a corrupt file.
  const { pdfjs } = await loadPdfjs();
  let document: Awaited<ReturnType<typeof openPdf>>['document'];
  try {
    ({ document } = await openPdf(bytes));
  } catch (error) {
    return { unreadable: (error as { name?: string }).name === 'PasswordException' ? PDF_UNREADABLE.encrypted : PDF_UNREADABLE.corrupt };
  }
  try {
    if (document.numPages > MAX_PDF_PAGES) return { unreadable: tooManyPages(document.numPages) };
    const pages: PageContent[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      pages.push(await readPageContent(page, pdfjs));
      page.cleanup();
    }
    const inked = pages.reduce((sum, page) => sum + page.glyphs.filter((glyph) => !isSpace(glyph.char)).length, 0);
    if (inked === 0) return { unreadable: pages.some((page) => page.images > 0) ? PDF_UNREADABLE.scanned : PDF_UNREADABLE.empty };

    // Per page: its ruled tables (with the glyphs inside them) and its lines outside them, top to bottom.
    const perPage: Item[][] = pages.map((page, index) => {
      const tables = ruledTables(page);
      const free: Glyph[] = [];
      for (const glyph of page.glyphs) {
        const x = glyph.x + glyph.width / 2;
        const y = glyph.y - glyph.size * 0.3;
        const table = tables.find((t) => x >= t.left - 1 && x <= t.right + 1 && y >= t.top - 1 && y <= t.bottom + 1);
        if (table) table.glyphs.push(glyph);
        else free.push(glyph);
      }
      const items: Item[] = [
        ...linesOf(free).map((raw): Item => {
          const ink = raw.glyphs.filter((glyph) => !isSpace(glyph.char));
          const last = ink.at(-1)!;
          return {
            kind: 'line',
            page: index,
            line: { y: raw.y, size: raw.size, start: ink[0]!.x, end: last.x + last.width, text: lineText(raw.glyphs) },
          };
        }),
        ...tables.filter((table) => table.glyphs.length > 0).map((table): Item => ({ kind: 'table', page: index, table, top: table.top })),
      ];
      return items.sort((a, b) => (a.kind === 'line' ? a.line.y : a.top) - (b.kind === 'line' ? b.line.y : b.top));
    });
    const kept = dropFurniture(
      perPage,
      pages.map((page) => page.height),
    );

    // A table that ends a page and one that starts the next, with the same edges, are one table.
    const items: Item[] = [];
    for (const pageItems of kept) {
      const first = pageItems[0];
      const last = items.at(-1);
      if (
        first?.kind === 'table' &&
        last?.kind === 'table' &&
        last.page === first.page - 1 &&
        Math.abs(last.table.left - first.table.left) <= 3 &&
        Math.abs(last.table.right - first.table.right) <= 3
      ) {
        const shift = last.table.bottom - first.table.top;
        const moved = <R extends Rule>(rule: R): R => ({ ...rule, y1: rule.y1 + shift, y2: rule.y2 + shift });
        last.table.joins.push(last.table.bottom);
        last.table.horizontal.push(...first.table.horizontal.map(moved));
        last.table.vertical.push(...first.table.vertical.map(moved));
        last.table.glyphs.push(...first.table.glyphs.map((glyph) => ({ ...glyph, y: glyph.y + shift })));
        last.table.bottom = first.table.bottom + shift;
        last.page = first.page;
        items.push(...pageItems.slice(1));
      } else {
        items.push(...pageItems);
      }
    }
    const margins = marginsOf(items.flatMap((item) => (item.kind === 'line' ? [item.line] : [])));
    const blocks = blocksOf(items, margins ?? { body: 12, left: 0, right: Number.POSITIVE_INFINITY });
    return { blocks, kind: 'pdf' };
  } catch {
    return { unreadable: PDF_UNREADABLE.corrupt };
  } finally {
    await document.destroy().catch(() => undefined);
  }
}
