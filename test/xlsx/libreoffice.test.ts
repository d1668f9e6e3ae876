/**
 * Workbooks opened, edited and saved by LibreOffice Calc, run with a throwaway
 * profile and the private fontconfig of test/helpers/libreoffice.ts. Skipped
 * where LibreOffice (or poppler, or its python UNO bridge) is not installed,
 * except under CI, where that fails (.ci/run installs them); the committed
 * fixture test/fixtures/xlsx/sample-edited-in-calc.xlsx covers the same ground
 * everywhere (see import.test.ts).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importWorkbook } from '../../src/import/xlsx-import.js';
import { renderXlsx } from '../../src/render/xlsx.js';
import { randomReport, seededRng, tablesDocument } from './generate.js';
import { hasPoppler, hasSoffice, libreOfficeEnv, LIBREOFFICE_HINT, POPPLER_HINT, soffice, unoPython, UNO_PYTHON_HINT } from '../helpers/libreoffice.js';
import { skipWithout } from '../helpers/requires.js';
import { FORMATS, run, sampleWorkbook, workDir } from './helpers.js';

const python = await unoPython();

describe.skipIf(skipWithout('LibreOffice (soffice)', hasSoffice(), LIBREOFFICE_HINT))('LibreOffice Calc', () => {
  it.skipIf(skipWithout('poppler (pdftotext)', hasPoppler(), POPPLER_HINT))('opens the workbook and prints every sheet (tables, 报告信息, 校验)', async () => {
    const folder = await workDir();
    const input = path.join(folder, 'sample.xlsx');
    await writeFile(input, await sampleWorkbook());
    await soffice(folder, ['--convert-to', 'pdf', '--outdir', folder, input], 120_000);
    const pdf = path.join(folder, 'sample.pdf');
    expect(existsSync(pdf)).toBe(true);
    const { stdout } = await run('pdftotext', ['-layout', pdf, '-']);
    for (const text of ['第二十条第（一）项', '法律服务机构', '四、结转下年度继续办理', '复议后起诉', '示范市青禾区人民政府', '全部通过']) {
      expect(stdout).toContain(text);
    }
  }, 180_000);

  it('re-saves random workbooks without changing a single table cell', async () => {
    const folder = await workDir();
    const rng = seededRng(7);
    const inputs = Array.from({ length: 5 }, () => randomReport(rng));
    const files = await Promise.all(
      inputs.map(async (input, i) => {
        const file = path.join(folder, `unit${i}.xlsx`);
        await writeFile(file, await renderXlsx(tablesDocument(input)));
        return file;
      }),
    );
    const outdir = path.join(folder, 'saved');
    await soffice(folder, ['--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outdir, ...files], 180_000);
    for (const [i, input] of inputs.entries()) {
      const saved = await readFile(path.join(outdir, `unit${i}.xlsx`));
      const { data, diagnostics } = importWorkbook(saved, { formats: FORMATS, fileName: `unit${i}.xlsx` });
      expect(diagnostics).toEqual([]);
      expect(data.tables).toEqual(input.tables);
      expect(data.organization).toEqual(input.organization);
    }
  }, 240_000);

  it.skipIf(skipWithout("LibreOffice's python UNO bridge (import uno)", python !== undefined, UNO_PYTHON_HINT))('gives the edited data after a clerk edits numbers in Calc (totals recalculated by Calc)', async () => {
    const folder = await workDir();
    const input = path.join(folder, 'sample.xlsx');
    const output = path.join(folder, 'edited.xlsx');
    await writeFile(input, await sampleWorkbook());
    await run(
      python!,
      [
        path.resolve('test/fixtures/xlsx/calc-edit.py'),
        input,
        output,
        path.join(folder, 'profile'),
        '收到和处理申请情况!D4=60',
        '收到和处理申请情况!D6=29',
        "主动公开情况!B4='7件",
        "报告信息!B2='示范市青禾区人民政府办公室",
      ],
      { timeout: 180_000, env: await libreOfficeEnv(folder) },
    );
    const { data, diagnostics } = importWorkbook(await readFile(output), { formats: FORMATS, fileName: 'edited.xlsx' });
    const tables = data.tables as any;
    expect(tables.requests.new).toMatchObject({ np: 60, tot: 71 });
    expect(tables.requests.granted).toMatchObject({ np: 29, tot: 34 });
    expect(tables.requests.total).toMatchObject({ np: 61, tot: 71 });
    expect(tables.proactive.nd_issued).toBe(7);
    expect((data.organization as { name: string }).name).toBe('示范市青禾区人民政府办公室');
    expect(diagnostics.map((d) => d.code)).toEqual(['XLSX-TEXT-NUMBER']);
  }, 180_000);
});
