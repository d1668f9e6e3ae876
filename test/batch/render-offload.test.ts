/**
 * One report to the PDF and other outputs renders the PDF on a thread of its
 * own (batch/render-offload.ts, run from dist/ as the CLI does). What the
 * thread makes must be what the main thread would make, the other outputs
 * must not change, and its failures must reach the user exactly as
 * in-process ones do.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { inspectPdf, linesOf } from '../fonts/support/pdf-inspect.js';
import { SAMPLE, tempDir, xxgkProcess } from '../helpers/cli.js';
import { BUILD_HINT, skipWithout } from '../helpers/requires.js';
import { sampleReport } from '../helpers/sample.js';
import { readWithExcelJs } from '../xlsx/helpers.js';

const OFFLOAD = path.resolve('dist/batch/render-offload.js');
const built = existsSync(OFFLOAD);

async function pdfLines(file: string): Promise<{ lines: string[]; fonts: string[]; pages: number }> {
  const pdf = await inspectPdf(await readFile(file));
  return { lines: linesOf(pdf).map((line) => line.text), fonts: pdf.fonts.map((font) => font.name).sort(), pages: pdf.pages.length };
}

/** Every cell of every sheet as sheet!address=value, read back with exceljs. */
async function workbookCells(file: string): Promise<string[]> {
  const workbook = await readWithExcelJs(await readFile(file));
  const cells: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(`${sheet.name}!${cell.address}=${JSON.stringify(cell.value)}`))));
  return cells;
}

describe.skipIf(skipWithout('the compiled render thread (dist/batch/render-offload.js)', built, BUILD_HINT))('the PDF rendered on a thread of its own', () => {
  it('is the PDF the main thread would make, and the workbook beside it is unchanged', async () => {
    const threaded = await tempDir();
    const inProcess = await tempDir();
    // --jobs 2 asks for the thread even on a one-core machine; --jobs 1 keeps everything on the main thread.
    const a = await xxgkProcess(['build', SAMPLE, '--to', 'docx,pdf,xlsx', '--out', threaded, '--jobs', '2', '--no-system-fonts']);
    const b = await xxgkProcess(['build', SAMPLE, '--to', 'docx,pdf,xlsx', '--out', inProcess, '--jobs', '1', '--no-system-fonts']);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const name = (await readdir(threaded)).find((file) => file.endsWith('.pdf'))!;
    expect((await readdir(threaded)).sort()).toEqual((await readdir(inProcess)).sort());
    const fromThread = await pdfLines(path.join(threaded, name));
    expect(fromThread.lines[0]).toContain('示范市青禾区人民政府');
    expect(fromThread.pages).toBeGreaterThan(3);
    expect(fromThread).toEqual(await pdfLines(path.join(inProcess, name)));
    const workbook = name.replace(/\.pdf$/, '.xlsx');
    expect(await workbookCells(path.join(threaded, workbook))).toEqual(await workbookCells(path.join(inProcess, workbook)));
    expect((await workbookCells(path.join(threaded, workbook))).length).toBeGreaterThan(100);
    // The font substitution notices come back from the thread too.
    expect(a.stderr).toContain('提示：');
    expect(a.stderr.split('\n').filter((line) => line.startsWith('提示：')).sort()).toEqual(
      b.stderr.split('\n').filter((line) => line.startsWith('提示：')).sort(),
    );
  });

  it('a font that cannot be used stops the build with exit 2 and writes nothing', async () => {
    const folder = await tempDir();
    const missing = path.join(folder, '没有这个字体.ttf');
    const result = await xxgkProcess(['build', SAMPLE, '--to', 'docx,pdf,xlsx', '--out', folder, '--jobs', '2', '--font', `body=${missing}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('没有这个字体.ttf');
    expect(result.stderr).not.toMatch(/^\s+at\s/m);
    expect(await readdir(folder)).toEqual([]);
  });

  it('rejects with the FontError the renderer raised, and can be closed', async () => {
    const { startRenderThread } = (await import(pathToFileURL(OFFLOAD).href)) as typeof import('../../src/batch/render-offload.js');
    const { FontError } = (await import(pathToFileURL(path.resolve('dist/fonts/errors.js')).href)) as typeof import('../../src/fonts/errors.js');
    const document = composeReport(sampleReport(), v2021Format);

    const good = startRenderThread({ kind: 'pdf', fontOptions: { systemFonts: false }, strictFonts: false });
    try {
      const rendered = await good.render(document);
      expect(new TextDecoder().decode(rendered.bytes.subarray(0, 5))).toBe('%PDF-');
      expect((await inspectPdf(rendered.bytes)).pages.length).toBeGreaterThan(3);
    } finally {
      await good.close();
    }

    const bad = startRenderThread({ kind: 'pdf', fontOptions: { fonts: ['body=/没有/这个/字体.ttf'], systemFonts: false }, strictFonts: false });
    try {
      const failure = await bad.render(document).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(FontError);
      expect((failure as InstanceType<typeof FontError>).code).toBe('font-not-found');
      expect((failure as Error).message).toContain('字体');
    } finally {
      await bad.close();
    }
  });
});
