/**
 * The 汇总 workbook's 明细 sheet (one column per table cell, some 200 columns)
 * prints landscape, fitted to the page width, its two header rows on every
 * page — not one page per few columns (26 pages before, issue #12).
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cli, SAMPLE, tempDir } from '../helpers/cli.js';
import { hasPoppler, hasSoffice, LIBREOFFICE_HINT, POPPLER_HINT, soffice } from '../helpers/libreoffice.js';
import { skipWithout } from '../helpers/requires.js';

const run = promisify(execFile);

async function aggregateOfThree(folder: string): Promise<string> {
  const sample = await readFile(SAMPLE, 'utf8');
  const files: string[] = [];
  for (let i = 1; i <= 3; i++) {
    const file = path.join(folder, `unit-${i}.yaml`);
    await writeFile(file, sample.replace('name: 示范市青禾区人民政府', `name: 示范市青禾区第${i}单位`));
    files.push(file);
  }
  const out = path.join(folder, '汇总.xlsx');
  const result = await cli(['aggregate', ...files, '--out', out]);
  expect(result.code, result.stderr).toBe(0);
  return out;
}

describe('明细 sheet print setup', () => {
  it('is landscape A4, one page wide, as many tall as needed, header rows 1–2 repeated', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await aggregateOfThree(await tempDir()));
    const sheet = book.getWorksheet('明细')!;
    expect(sheet.columnCount).toBeGreaterThan(100);
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' });
  });

  it.skipIf(skipWithout('LibreOffice (soffice)', hasSoffice(), LIBREOFFICE_HINT) || skipWithout('poppler (pdfinfo)', hasPoppler(), POPPLER_HINT))(
    'prints on a few pages in LibreOffice, not 26',
    async () => {
      const folder = await tempDir();
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(await aggregateOfThree(folder));
      // Only 明细, so the page count is its own.
      for (const sheet of [...book.worksheets]) if (sheet.name !== '明细') book.removeWorksheet(sheet.id);
      await book.xlsx.writeFile(path.join(folder, 'detail.xlsx'));
      await soffice(folder, ['--convert-to', 'pdf', '--outdir', folder, path.join(folder, 'detail.xlsx')]);
      const { stdout } = await run('pdfinfo', [path.join(folder, 'detail.pdf')]);
      const pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)![1]);
      const [width, height] = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(stdout)!.slice(1).map(Number);
      expect(width!).toBeGreaterThan(height!);
      expect(pages).toBeLessThanOrEqual(5);
    },
    180_000,
  );
});
