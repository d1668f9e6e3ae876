/**
 * Reading built reports back, independently of the code that wrote them:
 * DOCX tables through their WordprocessingML (gridSpan/vMerge rebuilt into a
 * logical grid), XLSX cells through exceljs at the grid's addresses, PDF
 * numbers through pdfjs glyph positions (numbers standing alone, in reading
 * order), and XML well-formedness of every part of an OOXML package.
 */
import { DOMParser } from '@xmldom/xmldom';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { cellAddress, type TableGrid } from '../../../src/tables/grid.js';
import { inspectPdf, linesOf, type PdfGlyph } from '../../fonts/support/pdf-inspect.js';
import type { ExpectedCell } from '../../helpers/arbitrary-reports.js';

/** Every .xml/.rels part parses without error; returns the problems (empty when all are well-formed). */
export async function malformedParts(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const problems: string[] = [];
  for (const name of Object.keys(zip.files)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const xml = await zip.file(name)!.async('string');
    const errors: string[] = [];
    new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(xml, 'text/xml');
    // XML 1.0 Char production: what a strict reader (Word) refuses even when xmldom lets it through.
    const illegal = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u.exec(xml);
    if (illegal) errors.push(`illegal XML character U+${illegal[0].charCodeAt(0).toString(16)}`);
    if (errors.length > 0) problems.push(`${name}: ${errors.join('; ')}`);
  }
  return problems;
}

interface TokenCell {
  row: number;
  col: number;
  colSpan: number;
  text: string;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|apos|#x[0-9a-f]+|#\d+);/gi, (_, entity: string) =>
    entity[0] === '#' ? String.fromCodePoint(parseInt(entity.slice(entity[1] === 'x' ? 2 : 1), entity[1] === 'x' ? 16 : 10)) : XML_ENTITIES[entity]!,
  );

/**
 * The tables of word/document.xml as logical grids, read with a tokenizer
 * over the few elements that make a table (w:tbl, w:tr, w:tc, w:gridSpan,
 * w:vMerge, w:t): a tenth of the time of a DOM, for the hundreds of reports
 * the round trip reads. (Well-formedness of every part is what the Unicode
 * property checks, with a real XML parser; read-back.test.ts checks that
 * these grids are the DOM's, position by position.)
 */
export function docxTableGrids(xml: string): TokenCell[][][] {
  const grids: TokenCell[][][] = [];
  let grid: TokenCell[][] = [];
  let row: TokenCell[] = [];
  let col = 0;
  let cell: { span: number; vMerge?: 'restart' | 'continue'; text: string } | undefined;
  let inText = false;
  const token = /<(\/?)(w:tbl|w:tr|w:tc|w:gridSpan|w:vMerge|w:t)(?=[\s/>])([^>]*?)(\/?)>|([^<]+)/g;
  for (const match of xml.matchAll(token)) {
    const [, closing, name, attributes = '', selfClosing, text] = match;
    if (text !== undefined) {
      if (inText && cell) cell.text += unescapeXml(text);
      continue;
    }
    const value = /w:val="([^"]*)"/.exec(attributes)?.[1];
    switch (name) {
      case 'w:tbl':
        if (closing) grids.push(grid);
        else grid = [];
        break;
      case 'w:tr':
        if (closing) grid.push(row);
        else {
          row = [];
          col = 0;
        }
        break;
      case 'w:tc':
        if (!closing) cell = { span: 1, text: '' };
        else if (cell) {
          const r = grid.length;
          let placed: TokenCell;
          if (cell.vMerge === 'continue') {
            placed = grid[r - 1]?.[col] ?? { row: r, col, colSpan: cell.span, text: '' };
          } else {
            placed = { row: r, col, colSpan: cell.span, text: cell.text };
          }
          for (let i = 0; i < cell.span; i++) row[col + i] = placed;
          col += cell.span;
          cell = undefined;
        }
        break;
      case 'w:gridSpan':
        if (cell && value) cell.span = Number(value);
        break;
      case 'w:vMerge':
        if (cell) cell.vMerge = value === 'restart' ? 'restart' : 'continue';
        break;
      case 'w:t':
        inText = !closing && !selfClosing;
        break;
    }
  }
  return grids;
}

/** Mismatches between the expected value cells and the DOCX tables (tables matched by order). */
export async function docxCellMismatches(bytes: Uint8Array, expected: ReadonlyMap<string, readonly ExpectedCell[]>): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const grids = docxTableGrids(await zip.file('word/document.xml')!.async('string'));
  const wanted = [...expected.values()];
  if (grids.length !== wanted.length) return [`DOCX has ${grids.length} tables, expected ${wanted.length}`];
  const problems: string[] = [];
  wanted.forEach((cells, index) => {
    const grid = grids[index]!;
    for (const cell of cells) {
      const actual = grid[cell.row]?.[cell.col];
      if (!actual || actual.row !== cell.row || actual.col !== cell.col) problems.push(`${cell.label}: no cell at (${cell.row},${cell.col})`);
      else if (actual.text !== cell.text) problems.push(`${cell.label}: DOCX shows “${actual.text}”, expected “${cell.text}”`);
    }
  });
  return problems;
}

/** Mismatches between the expected values and the workbook cells (exact numbers; a formula's cached result). */
export async function xlsxCellMismatches(
  bytes: Uint8Array,
  grids: readonly TableGrid[],
  expected: ReadonlyMap<string, readonly ExpectedCell[]>,
): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const problems: string[] = [];
  for (const grid of grids) {
    const cells = expected.get(grid.definition.id);
    if (!cells) continue;
    const sheet = workbook.getWorksheet(grid.definition.sheetName);
    if (!sheet) {
      problems.push(`no sheet ${grid.definition.sheetName}`);
      continue;
    }
    for (const cell of cells) {
      const value = sheet.getCell(cellAddress(cell.row, cell.col)).value;
      // A total is a formula with its cached result; exceljs reads a cached 0 as no result.
      const number = typeof value === 'object' && value !== null && 'formula' in value ? (value.result ?? 0) : value;
      if (number !== cell.value) problems.push(`${cell.label}: XLSX ${cellAddress(cell.row, cell.col)} holds ${JSON.stringify(value)}, expected ${cell.value}`);
    }
  }
  return problems;
}

/** What a table value cell prints: a number, 增N/减N, or a 万元 amount. */
const VALUE_TEXT = /^(增|减)?\d+(\.\d+)?$/u;
const PAGE_NUMBER = /^[—–-]\s*\d+\s*[—–-]$/u;

/**
 * The text runs of a PDF that are a value on their own (a table cell), in
 * reading order: page by page, top to bottom, left to right. Glyphs on one
 * baseline belong to one run unless a gap wider than half their size
 * separates them. Page numbers (— 1 —) are left out.
 */
export async function pdfValueRuns(bytes: Uint8Array): Promise<string[]> {
  const pdf = await inspectPdf(bytes);
  const runs: string[] = [];
  for (const line of linesOf(pdf)) {
    if (PAGE_NUMBER.test(line.text.replace(/\s+/g, ''))) continue;
    let current: PdfGlyph[] = [];
    const flush = () => {
      const text = current.map((glyph) => glyph.char).join('').trim();
      if (VALUE_TEXT.test(text)) runs.push(text);
      current = [];
    };
    for (const glyph of line.glyphs) {
      const previous = current.at(-1);
      if (previous && glyph.x - (previous.x + previous.width) > glyph.size * 0.5) flush();
      if (glyph.char.trim() === '') {
        flush();
        continue;
      }
      current.push(glyph);
    }
    flush();
  }
  return runs;
}

/** The expected values in the order a reader meets them: table by table, row by row (a cell spanning rows at its middle), left to right. */
export function readingOrder(expected: ReadonlyMap<string, readonly ExpectedCell[]>, grids: readonly TableGrid[]): string[] {
  const texts: string[] = [];
  for (const [id, cells] of expected) {
    const grid = grids.find((candidate) => candidate.definition.id === id)!;
    const span = (cell: ExpectedCell) => grid.anchors.find((anchor) => anchor.row === cell.row && anchor.col === cell.col)?.rowSpan ?? 1;
    const sorted = [...cells].sort((a, b) => a.row + span(a) / 2 - (b.row + span(b) / 2) || a.col - b.col);
    texts.push(...sorted.map((cell) => cell.text));
  }
  return texts;
}

/** The text of a PDF as pdfjs extracts it (for copy and search), all pages joined. */
export async function pdfExtractedText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: Uint8Array.from(bytes), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const parts: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    for (const item of content.items) if ('str' in item) parts.push(item.str);
  }
  await document.destroy();
  return parts.join('');
}
