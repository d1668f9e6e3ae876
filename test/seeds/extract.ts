/**
 * Reading rebuilt reports back as a reader would: the text of a DOCX body in
 * order (paragraphs, then each table cell by cell, row by row), of a PDF
 * (pdftotext, page numbers dropped) and of an XLSX (exceljs), and the in-order
 * comparison with a seed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { bodyBlocks, logicalGrid, openDocx, paragraphStyleId, textOf, type LogicalCell } from '../helpers/docx-xml.js';
import { normalize, numbersIn } from '../fixtures/seeds/seeds.js';

export interface DocxBlock {
  kind: 'paragraph' | 'table';
  /** Paragraph style id (Heading1 …), for paragraphs. */
  style?: string;
  text: string;
  /** For tables: the merged cells, in reading order. */
  cells?: LogicalCell[];
}

export async function docxBlocks(bytes: Uint8Array): Promise<DocxBlock[]> {
  const pkg = await openDocx(bytes);
  return bodyBlocks(pkg).map((element) => {
    if (element.nodeName === 'w:p') return { kind: 'paragraph', style: paragraphStyleId(element), text: textOf(element) };
    const grid = logicalGrid(element);
    const cells: LogicalCell[] = [];
    grid.forEach((row, r) => row.forEach((cell, c) => {
      if (cell.row === r && cell.col === c) cells.push(cell);
    }));
    return { kind: 'table', text: cells.map((cell) => cell.text).join('\n'), cells };
  });
}

export const blocksText = (blocks: readonly DocxBlock[]): string => blocks.map((block) => block.text).join('\n');

const run = promisify(execFile);

/** Text of a PDF through poppler's pdftotext in content-stream order (-raw: table rows stay rows), without the `— N —` page numbers. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'xxgk-seed-pdf-'));
  try {
    const file = path.join(folder, 'report.pdf');
    await writeFile(file, bytes);
    const { stdout } = await run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    return stdout
      .split(/\n/)
      .filter((line) => !/^\s*[—-]\s*\d+\s*[—-]\s*$/u.test(line.replace(/\f/g, '')))
      .join('\n');
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * Every expected line appears in `actual`, in order (after normalize): each is
 * searched from where the previous one ended. Returns the lines not found, with
 * the text that followed the last match, for a readable failure.
 */
export function missingInOrder(expected: readonly string[], actual: string): { line: string; after: string }[] {
  const haystack = normalize(actual);
  const missing: { line: string; after: string }[] = [];
  let cursor = 0;
  for (const line of expected) {
    const needle = normalize(line);
    if (needle === '') continue;
    const at = haystack.indexOf(needle, cursor);
    if (at < 0) {
      missing.push({ line, after: haystack.slice(cursor, cursor + 40) });
      continue;
    }
    cursor = at + needle.length;
  }
  return missing;
}

/** The seed's numbers are a subsequence of the output's (5 matches 5.00: the same amount printed with decimals). */
export function missingNumbers(expected: string, actual: string): string[] {
  const want = numbersIn(expected);
  const have = numbersIn(actual);
  const missing: string[] = [];
  let cursor = 0;
  for (const number of want) {
    let found = -1;
    for (let i = cursor; i < have.length; i++) {
      if (have[i] === number || Number(have[i]) === Number(number)) {
        found = i;
        break;
      }
    }
    if (found < 0) missing.push(number);
    else cursor = found + 1;
  }
  return missing;
}

export function expectInOrder(expected: readonly string[], actual: string): void {
  expect(missingInOrder(expected, actual)).toEqual([]);
  expect(missingNumbers(expected.join('\n'), actual)).toEqual([]);
}
