/**
 * Checks the page breaks of a PDF against spec §6.9, from what pdfjs-dist
 * reads back (glyph positions, fonts and the ruled lines of the tables), not
 * from what the paginator meant to do.
 *
 * Every page is rebuilt as its 22 grid lines (28.991 pt from the top of the
 * text block, src/render/pdf/layout.ts): a line of 3号 text (body or heading
 * — a heading is a line set mostly in another face than the body's — or the
 * signature; a line that holds ideographs in the body face is body text, a
 * run-in heading's first line too), a line of the title, a grid line of a table (between its
 * rules), or nothing. From that:
 *
 * 1. a heading is not the last line on its page and has two grid lines of
 *    what follows under it on the same page;
 * 2. no paragraph leaves its first line alone at the foot of a page or its
 *    last line alone at the head of the next (paragraphs start two characters
 *    in, continue flush left, and end short of the right edge or where the
 *    next paragraph starts);
 * 3. a table starts on the page its lead-in ends on, and the lead-in
 *    paragraph is whole there (spec: the lead-in and its heading on the
 *    table's page — a page with the table's start that begins inside the
 *    paragraph leading into it, with no heading above, split it); a table continued on
 *    the next page left its header and at least three rows of data (rows with
 *    figures) on the page before, and repeats its header rows (the same
 *    glyphs in the same places) when it has any;
 * 4. a merged label is never cut: where the first or last characters of one
 *    stand on a page, the whole label does;
 * 5. the signature has at least two lines of text above it on its page;
 * 6. no page but the last ends with more than three empty grid lines unless
 *    what starts the next page had to go together by the rules above.
 *
 * Plus, separately (`justificationGaps`): no gap between two characters of a
 * justified body line wider than half a character.
 */
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { CHAR_PITCH, LINE_PITCH, PAGE, TEXT_WIDTH } from '../../src/render/pdf/layout.js';
import { inspectPdf, multiply, type InspectedPdf, type Matrix, type PdfGlyph } from '../fonts/support/pdf-inspect.js';

export const GRID_LINES = 22;
const RIGHT_EDGE = PAGE.left + TEXT_WIDTH;
const BODY_BASELINE = (LINE_PITCH - 16) / 2 + 0.88 * 16; // from the top of a grid line

export type GridLineKind = 'empty' | 'title' | 'heading' | 'body' | 'signature' | 'table';

export interface GridLine {
  kind: GridLineKind;
  text: string;
  /** Text lines: starts two characters in (a paragraph's first line). */
  indented: boolean;
  /** Text lines: ends short of the right edge by more than half a character. */
  short: boolean;
  /** Text lines: where the line starts, from the text block's left edge. */
  left: number;
  /** Table lines: which table part on the page (0, 1, …). */
  part?: number;
}

export interface CheckedPage {
  number: number;
  lines: GridLine[];
  /** Table parts on the page, top to bottom: their glyphs in drawing order, relative to the part's top. */
  parts: TablePart[];
}

export interface TablePart {
  first: number;
  last: number;
  glyphs: PdfGlyph[];
  /** Top of the part (its first rule), from the page's top. */
  top: number;
  /** The y of its horizontal rules (row boundaries), top to bottom. */
  rules: number[];
}

export interface PaginationOptions {
  /** Header rows of each table, in the order the tables stand in the document. */
  tableHeaderRows: readonly number[];
  /** Labels of cells that span rows (never to be cut). */
  mergedLabels?: readonly string[];
  /** The signature's date line, when the document has a signature. */
  signatureDate?: string;
  /** The text of the lines that start a page at an explicit page break (their first line). */
  pageBreaksBefore?: readonly string[];
}

export interface PaginationReport {
  pages: CheckedPage[];
  violations: string[];
}

/** Reads the PDF and checks its page breaks. */
export async function checkPagination(bytes: Uint8Array, options: PaginationOptions): Promise<PaginationReport> {
  const pdf = await inspectPdf(bytes);
  const rules = await horizontalRules(bytes);
  const pages = pdf.pages.map((page, i) => gridPage(pdf, i, rules[i] ?? []));
  return { pages, violations: paginationViolations(pages, options) };
}

/** The y (from the page's top) of every horizontal line drawn inside the text block, per page. */
async function horizontalRules(bytes: Uint8Array): Promise<number[][]> {
  const document = await pdfjs.getDocument({ data: Uint8Array.from(bytes), disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
  const result: number[][] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const height = (page.view as number[])[3]!;
    const ops = await page.getOperatorList();
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: Matrix[] = [];
    const ys: number[] = [];
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i];
      const args = ops.argsArray[i] as unknown[];
      if (fn === pdfjs.OPS.save) stack.push(ctm);
      else if (fn === pdfjs.OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
      else if (fn === pdfjs.OPS.transform) ctm = multiply(args as Matrix, ctm);
      else if (fn === pdfjs.OPS.constructPath) {
        const [pathOps, coords] = args as [number[], number[]];
        const points: [number, number][] = [];
        let k = 0;
        for (const op of pathOps) {
          if (op === pdfjs.OPS.moveTo || op === pdfjs.OPS.lineTo) {
            points.push([coords[k]!, coords[k + 1]!]);
            k += 2;
          } else if (op === pdfjs.OPS.rectangle) {
            points.push([coords[k]!, coords[k + 1]!], [coords[k]! + coords[k + 2]!, coords[k + 1]! + coords[k + 3]!]);
            k += 4;
          } else if (op === pdfjs.OPS.curveTo) k += 6;
          else if (op === pdfjs.OPS.curveTo2 || op === pdfjs.OPS.curveTo3) k += 4;
        }
        const mapped = points.map(([x, y]) => {
          const m = multiply([1, 0, 0, 1, x, y], ctm);
          return [m[4], height - m[5]] as const;
        });
        for (let p = 1; p < mapped.length; p++) {
          const [x1, y1] = mapped[p - 1]!;
          const [x2, y2] = mapped[p]!;
          if (Math.abs(y1 - y2) < 0.01 && Math.abs(x1 - x2) > 1 && y1 > PAGE.top - 2 && y1 < PAGE.height - PAGE.bottom + 2) ys.push(y1);
        }
      }
    }
    result.push([...new Set(ys.map((y) => Math.round(y * 100) / 100))].sort((a, b) => a - b));
  }
  await document.destroy();
  return result;
}

/** The body face: the face most 16 pt glyphs are set in. */
function bodyFont(pdf: InspectedPdf): string {
  const counts = new Map<string, number>();
  for (const page of pdf.pages) for (const g of page.glyphs) if (g.size === 16) counts.set(g.font, (counts.get(g.font) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

function gridPage(pdf: InspectedPdf, index: number, rules: readonly number[]): CheckedPage {
  const body = bodyFont(pdf);
  const page = pdf.pages[index]!;
  const lines: GridLine[] = Array.from({ length: GRID_LINES }, () => ({ kind: 'empty', text: '', indented: false, short: false, left: 0 }));
  const inBlock = page.glyphs.filter((g) => g.y < PAGE.height - PAGE.bottom);

  // Text lines of 3号 and 2号 on the grid.
  const byLine = new Map<number, PdfGlyph[]>();
  for (const g of inBlock) {
    if (g.size < 16) continue;
    const baseline = g.size === 16 ? BODY_BASELINE : (LINE_PITCH - g.size) / 2 + 0.88 * g.size;
    const n = Math.round((g.y - PAGE.top - baseline) / LINE_PITCH);
    const list = byLine.get(n) ?? [];
    list.push(g);
    byLine.set(n, list);
  }
  for (const [n, glyphs] of byLine) {
    if (n < 0 || n >= GRID_LINES) continue;
    glyphs.sort((a, b) => a.x - b.x);
    const text = glyphs.map((g) => g.char).join('');
    const last = glyphs.at(-1)!;
    const left = glyphs[0]!.x - PAGE.left;
    const right = last.x + Math.min(last.width, CHAR_PITCH);
    // Latin letters, digits and ASCII punctuation are set in the Latin face (Tinos, Times New Roman) in every role: they tell nothing.
    const other = glyphs.filter((g) => g.font !== body && !/\s/.test(g.char) && !/^[\x21-\x7e]$/.test(g.char)).length;
    // A run-in heading (“（四）……情况。正文……”) starts a paragraph: a line with ideographs
    // in the body face is a paragraph's line however long the heading before them.
    const bodyHan = glyphs.some((g) => g.font === body && /\p{Script=Han}/u.test(g.char));
    const kind: GridLineKind = glyphs[0]!.size > 16 ? 'title' : other * 2 > glyphs.length && !bodyHan ? 'heading' : 'body';
    lines[n] = { kind, text, indented: Math.abs(left - 2 * CHAR_PITCH) < 1, short: right < RIGHT_EDGE - CHAR_PITCH / 2, left };
  }

  // Tables: the grid lines between rules with no 3号 text between them; parts are runs of those.
  const tableGlyphs = inBlock.filter((g) => g.size < 16);
  const parts: TablePart[] = [];
  for (let r = 1; r < rules.length; r++) {
    const top = rules[r - 1]!;
    const bottom = rules[r]!;
    const first = Math.floor((top - PAGE.top) / LINE_PITCH + 0.05);
    const last = Math.ceil((bottom - PAGE.top) / LINE_PITCH - 0.05) - 1;
    if (bottom - top > 2 * LINE_PITCH * 22) continue;
    let textBetween = false;
    for (let n = first; n <= last; n++) if (n >= 0 && n < GRID_LINES && lines[n]!.kind !== 'empty' && lines[n]!.kind !== 'table') textBetween = true;
    if (textBetween) continue;
    let part = parts.at(-1);
    if (!part || part.last < first - 1) {
      part = { first, last, glyphs: [], top, rules: [top] };
      parts.push(part);
    }
    part.rules.push(bottom);
    part.last = Math.max(part.last, last);
    for (let n = Math.max(0, first); n <= Math.min(GRID_LINES - 1, last); n++) lines[n] = { kind: 'table', text: '', indented: false, short: false, left: 0, part: parts.length - 1 };
  }
  for (const g of tableGlyphs) {
    const part = parts.find((p) => g.y >= p.top && g.y <= PAGE.top + (p.last + 1) * LINE_PITCH + 1);
    if (part) part.glyphs.push(g);
  }

  return { number: index + 1, lines, parts };
}

/** A continuation line: body text that starts flush left. */
const continuation = (line: GridLine | undefined) => line?.kind === 'body' && !line.indented;
const isText = (line: GridLine | undefined) => line !== undefined && (line.kind === 'body' || line.kind === 'heading' || line.kind === 'title' || line.kind === 'signature');

const plain = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

/** Marks the signature: the line of its date and the right-aligned name lines right above it. */
function markSignature(pages: CheckedPage[], date: string): { page: number; first: number } | undefined {
  for (let p = pages.length - 1; p >= 0; p--) {
    const lines = pages[p]!.lines;
    const n = lines.findLastIndex((line) => line.kind === 'body' && line.left > 4 * CHAR_PITCH && plain(line.text) === plain(date));
    if (n < 0) continue;
    lines[n]!.kind = 'signature';
    let first = n;
    while (first > 0 && lines[first - 1]!.kind === 'body' && lines[first - 1]!.short && lines[first - 1]!.left > 4 * CHAR_PITCH) {
      first -= 1;
      lines[first]!.kind = 'signature';
    }
    return { page: p, first };
  }
  return undefined;
}

/** Grid lines with something on them, in order: for each, the page and line number. */
function contentOf(page: CheckedPage): number[] {
  return page.lines.flatMap((line, n) => (line.kind === 'empty' ? [] : [n]));
}

export function paginationViolations(pages: CheckedPage[], options: PaginationOptions): string[] {
  const violations: string[] = [];
  const signature = options.signatureDate === undefined ? undefined : markSignature(pages, options.signatureDate);
  const startsAfterBreak = (page: CheckedPage | undefined) => {
    const first = page ? firstContent(page) : undefined;
    const text = first === undefined ? '' : plain(page!.lines[first]!.text);
    return text !== '' && (options.pageBreaksBefore ?? []).some((line) => plain(line).startsWith(text));
  };
  const lastContent = (page: CheckedPage) => contentOf(page).at(-1);
  const firstContent = (page: CheckedPage) => contentOf(page)[0];

  /** Whether the body line at (page, n) ends its paragraph. */
  const endsParagraph = (page: CheckedPage, n: number, next: GridLine | undefined) => page.lines[n]!.short || !continuation(next);

  let tableIndex = -1;
  const tableOfPart = new Map<TablePart, number>();

  pages.forEach((page, p) => {
    const content = contentOf(page);
    const next = pages[p + 1];
    const nextFirst = next ? firstContent(next) : undefined;
    const nextFirstLine = next && nextFirst !== undefined ? next.lines[nextFirst] : undefined;
    const where = (n: number) => `第${page.number}页第${n + 1}行`;

    // 1. Headings.
    content.forEach((n, i) => {
      const line = page.lines[n]!;
      if (line.kind !== 'heading' || page.lines[n + 1]?.kind === 'heading') return;
      const after = content.slice(i + 1, i + 3);
      const documentEnds = !next && content.length - i - 1 < 2;
      if (after.length < 2 && !documentEnds) violations.push(`${where(n)}：标题“${line.text}”之后本页不足两行（标题须带至少两行一起排）`);
    });

    // 2. Orphans (foot) and widows (head).
    const last = lastContent(page);
    if (last !== undefined && next && nextFirst !== undefined) {
      const line = page.lines[last]!;
      if (line.kind === 'body' && line.indented && !line.short && continuation(nextFirstLine)) {
        violations.push(`${where(last)}：段落首行单独留在页脚（“${line.text}”）`);
      }
      if (line.kind === 'body' && continuation(nextFirstLine) && endsParagraph(next, nextFirst, next.lines[nextFirst + 1])) {
        violations.push(`第${next.number}页第${nextFirst + 1}行：段落末行单独留在页首（“${nextFirstLine!.text}”）`);
      }
      // 3. A table starts on the page its lead-in ends on.
      if (isText(line) && nextFirstLine?.kind === 'table') {
        violations.push(`第${next.number}页：表格与其引导句或标题不在同一页（上页末行“${line.text}”）`);
      }
    }

    // 3. Tables: the lead-in whole on the table's page, numbering, rows left before a continuation, header repeated.
    page.parts.forEach((part, k) => {
      const continued = k === 0 && part.first === firstContent(page) && p > 0 && pages[p - 1]!.lines[lastContent(pages[p - 1]!) ?? -1]?.kind === 'table';
      if (!continued) tableIndex += 1;
      if (!continued && k === 0 && part.first !== firstContent(page)) {
        // The text above the table on its page: a page that starts inside the lead-in paragraph split it.
        const before = content.filter((n) => n < part.first);
        const headingAbove = before.some((n) => page.lines[n]!.kind === 'heading');
        if (!headingAbove && continuation(page.lines[before[0]!]) && p > 0) {
          violations.push(`第${page.number}页：表格的引导段落被分在两页`);
        }
      }
      tableOfPart.set(part, tableIndex);
      const isLastOnPage = k === page.parts.length - 1 && part.last === last;
      const continues = isLastOnPage && next !== undefined && next.parts[0]?.first === nextFirst;
      if (continues) {
        const dataRows = valueRows(part.glyphs);
        const headerRows = options.tableHeaderRows[tableIndex] ?? 0;
        if (dataRows < 3) violations.push(`第${page.number}页：表格在本页只有${dataRows}行数据就转到下页（至少三行）`);
        const nextPart = next.parts[0]!;
        if (headerRows > 0) {
          const header = headerOf(part, headerRows);
          const repeated = headerOf(nextPart, headerRows);
          if (header.length === 0 || header !== repeated) violations.push(`第${next.number}页：续表未重复表头`);
        }
      }
    });

    // 4. Merged labels.
    for (const label of (options.mergedLabels ?? []).map((text) => text.normalize('NFKC'))) {
      if ([...label].length < 5) continue;
      for (const part of page.parts) {
        // NFKC: a font's ToUnicode map may give a Kangxi radical for a CJK character.
        const text = part.glyphs.map((g) => g.char).join('').normalize('NFKC');
        const head = [...label].slice(0, 4).join('');
        const tail = [...label].slice(-4).join('');
        const whole = text.split(label).length - 1;
        const heads = text.split(head).length - 1;
        const tails = text.split(tail).length - 1;
        if (heads > whole || tails > whole) violations.push(`第${page.number}页：合并单元格“${label}”被拆开`);
      }
    }

    // 6. Empty lines at the foot.
    if (next && last !== undefined && !startsAfterBreak(next)) {
      const empty = GRID_LINES - 1 - last;
      if (empty > 3) {
        const unit = firstUnit(next);
        if (unit <= empty) violations.push(`第${page.number}页：页面底部空${empty}行，而下页开头${unit}行本可排在本页`);
      }
    }
  });

  // 5. The signature.
  if (signature) {
    const page = pages[signature.page]!;
    const above = page.lines.slice(0, signature.first).filter((line) => line.kind !== 'empty' && line.kind !== 'signature').length;
    if (above < 2) violations.push(`第${page.number}页：落款之上本页正文不足两行`);
  } else if (options.signatureDate !== undefined) {
    violations.push(`未找到落款的成文日期“${options.signatureDate}”`);
  }
  return violations;
}

/** Rows with figures in a table part: distinct baselines of digits. */
function valueRows(glyphs: readonly PdfGlyph[]): number {
  return new Set(glyphs.filter((g) => /[0-9]/.test(g.char)).map((g) => Math.round(g.y))).size;
}

/** The header of a table part: the glyphs of its first `rows` rows, as text with positions relative to the part. */
function headerOf(part: TablePart, rows: number): string {
  const bottom = part.rules[rows] ?? part.top;
  return part.glyphs
    .filter((g) => g.y < bottom)
    .map((g) => `${g.char}@${Math.round(g.x)},${Math.round(g.y - part.top)}`)
    .join(' ');
}

/**
 * Grid lines at the head of a page that must go together by the rules (what
 * the page before could have taken instead of ending with empty lines): a
 * heading with two lines after it, the first two lines of a paragraph (or a
 * paragraph of up to three lines), a lead-in with its table, a table's part,
 * the signature with two lines of text.
 */
function firstUnit(page: CheckedPage): number {
  const content = contentOf(page);
  const lines = page.lines;
  let n = content[0] ?? 0;
  const start = n;
  for (;;) {
    const line = lines[n];
    if (!line) return n - start;
    if (line.kind === 'signature') {
      while (lines[n + 1]?.kind === 'signature') n += 1;
      return n + 1 - start;
    }
    if (line.kind === 'empty') {
      if (lines[n + 1]?.kind === 'signature') {
        n += 1;
        continue;
      }
      return n - start;
    }
    if (line.kind === 'table') {
      let m = n;
      while (lines[m + 1]?.kind === 'table' && lines[m + 1]!.part === line.part) m += 1;
      return m + 1 - start;
    }
    // May the page break after line n?
    const next = lines[n + 1];
    const nextNext = lines[n + 2];
    const headingWithin = [n, n - 1].some((m) => m >= start && lines[m]?.kind === 'heading');
    const firstOfParagraph = line.kind === 'body' && line.indented && !line.short && next?.kind === 'body' && !next.indented;
    const widowNext = next?.kind === 'body' && !next.indented && (next.short || !(nextNext?.kind === 'body' && !nextNext.indented));
    // A table's lead-in paragraph goes whole with the table.
    let m = n + 1;
    while (continuation(lines[m])) m += 1;
    const leadIn = next?.kind === 'table' || (continuation(next) && lines[m]?.kind === 'table');
    const signature = next?.kind === 'signature' || nextNext?.kind === 'signature' || lines[n + 3]?.kind === 'signature';
    if (line.kind !== 'title' && !headingWithin && !firstOfParagraph && !widowNext && !leadIn && !signature) return n + 1 - start;
    n += 1;
  }
}

/**
 * Justified body lines (3号, ending at the right edge) with a gap between two
 * characters wider than half a character: `第N页：“line”`.
 */
export async function justificationGaps(bytes: Uint8Array): Promise<string[]> {
  const pdf = await inspectPdf(bytes);
  const found: string[] = [];
  pdf.pages.forEach((page, index) => {
    const byBaseline = new Map<string, PdfGlyph[]>();
    for (const g of page.glyphs) {
      if (g.size !== 16 || g.y > PAGE.height - PAGE.bottom) continue;
      const key = g.y.toFixed(1);
      byBaseline.set(key, [...(byBaseline.get(key) ?? []), g]);
    }
    for (const glyphs of byBaseline.values()) {
      glyphs.sort((a, b) => a.x - b.x);
      const last = glyphs.at(-1)!;
      if (last.x + Math.min(last.width, CHAR_PITCH) < RIGHT_EDGE - 1) continue; // not a full justified line
      for (let i = 1; i < glyphs.length; i++) {
        const gap = glyphs[i]!.x - (glyphs[i - 1]!.x + glyphs[i - 1]!.width);
        if (gap > CHAR_PITCH / 2) {
          found.push(`第${index + 1}页：“${glyphs.map((g) => g.char).join('')}”`);
          break;
        }
      }
    }
  });
  return found;
}
