/** `xxgk build --to xlsx`, `xxgk import` and `xxgk aggregate` through the CLI. */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli, listAll, SAMPLE, tempDir } from '../helpers/cli.js';
import { randomReport, seededRng, tablesDocument } from './generate.js';
import { renderXlsx } from '../../src/render/xlsx.js';

const XLSX_NAME = '示范市青禾区人民政府2024年政府信息公开工作年度报告.xlsx';

describe('xxgk build --to xlsx', () => {
  it('writes the workbook named after the organisation and year, and nothing else', async () => {
    const folder = await tempDir();
    const file = path.join(folder, 'report.yaml');
    await copyFile(SAMPLE, file);
    const result = await cli(['build', file, '--to', 'xlsx']);
    expect(result.stderr).not.toMatch(/错误/);
    expect(result.code).toBe(0);
    expect(await listAll(folder)).toEqual(['report.yaml', XLSX_NAME]);
  });
});

describe('xxgk import', () => {
  it('reads a built workbook back into a data file that validates', async () => {
    const folder = await tempDir();
    const file = path.join(folder, 'report.yaml');
    await copyFile(SAMPLE, file);
    expect((await cli(['build', file, '--to', 'xlsx'])).code).toBe(0);
    const workbook = path.join(folder, XLSX_NAME);
    const result = await cli(['import', workbook, '--out', path.join(folder, 'imported.yaml')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('已导入');
    const text = await readFile(path.join(folder, 'imported.yaml'), 'utf8');
    expect(text).toContain('new: { np: 52, biz: 6, res: 1, ngo: 0, law: 3, oth: 1, tot: 63 }');
    const validate = await cli(['validate', path.join(folder, 'imported.yaml')]);
    expect(validate.code).toBe(0);

    // An existing data file is not overwritten without --force.
    const again = await cli(['import', workbook, '--out', path.join(folder, 'imported.yaml')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect((await cli(['import', workbook, '--out', path.join(folder, 'imported.yaml'), '--force'])).code).toBe(0);
  });

  it('--into writes the workbook’s numbers back into the data file and leaves the rest alone', async () => {
    const folder = await tempDir();
    const file = path.join(folder, 'report.yaml');
    await copyFile(SAMPLE, file);
    expect((await cli(['build', file, '--to', 'xlsx'])).code).toBe(0);
    const unchanged = await cli(['import', path.join(folder, XLSX_NAME), '--into', file]);
    expect(unchanged.code).toBe(0);
    expect(unchanged.stdout).toContain('数字没有变化');
    expect(await readFile(file, 'utf8')).toBe(await readFile(SAMPLE, 'utf8'));
  });

  it('--into refuses a workbook of another organisation or year, naming both, and writes nothing; --force writes the numbers', async () => {
    const folder = await tempDir();
    const file = path.join(folder, 'report.yaml');
    await copyFile(SAMPLE, file);
    expect((await cli(['build', file, '--to', 'xlsx'])).code).toBe(0);
    const workbook = path.join(folder, XLSX_NAME);
    const sample = await readFile(SAMPLE, 'utf8');

    const otherUnit = path.join(folder, 'other-unit.yaml');
    const otherText = sample.replace('  name: 示范市青禾区人民政府\n', '  name: 示范市白石区人民政府\n').replace('  count: 0\n  amount_yuan: 0\n', '  count: 3\n  amount_yuan: 30\n');
    await writeFile(otherUnit, otherText);
    const refused = await cli(['import', workbook, '--into', otherUnit]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('机关名称：工作簿为“示范市青禾区人民政府”，数据文件为“示范市白石区人民政府”');
    expect(refused.stderr).toContain('没有写入');
    expect(refused.stderr).toContain('--force');
    expect(await readFile(otherUnit, 'utf8')).toBe(otherText);

    const otherYear = path.join(folder, 'other-year.yaml');
    const otherYearText = sample.replace(/^year: 2024$/m, 'year: 2023');
    await writeFile(otherYear, otherYearText);
    const refusedYear = await cli(['import', workbook, '--into', otherYear]);
    expect(refusedYear.code).toBe(1);
    expect(refusedYear.stderr).toContain('报告年度：工作簿为 2024 年，数据文件为 2023 年');
    expect(await readFile(otherYear, 'utf8')).toBe(otherYearText);

    // --force: the workbook's numbers (the fee included) are written; the file's organisation stays.
    const forced = await cli(['import', workbook, '--into', otherUnit, '--force']);
    expect(forced.stderr).toContain('已按 --force 写入');
    const written = parse(await readFile(otherUnit, 'utf8'));
    expect(written.fee).toEqual({ count: 0, amount_yuan: 0 });
    expect(written.organization.name).toBe('示范市白石区人民政府');
  });

  it('--into writes the fee into a data file that has none, keeping every other line', async () => {
    const folder = await tempDir();
    const file = path.join(folder, 'report.yaml');
    const sample = await readFile(SAMPLE, 'utf8');
    await writeFile(file, sample.replace(/\nfee:\n  count: 0\n  amount_yuan: 0\n/, '\n'));
    const source = path.join(folder, 'source.yaml');
    await writeFile(source, sample.replace('  count: 0\n  amount_yuan: 0\n', '  count: 2\n  amount_yuan: 15.5\n'));
    expect((await cli(['build', source, '--to', 'xlsx'])).code).toBe(0);
    const result = await cli(['import', path.join(folder, XLSX_NAME), '--into', file]);
    expect(result.code).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(parse(text)).toEqual({ ...parse(sample), fee: { count: 2, amount_yuan: 15.5 } });
    expect(text.startsWith(sample.replace(/\nfee:\n  count: 0\n  amount_yuan: 0\n/, '\n'))).toBe(true);
  });

  it('explains in Chinese when the file is not a workbook, without a stack trace', async () => {
    const folder = await tempDir();
    const file = path.join(folder, 'x.xlsx');
    await writeFile(file, 'hello');
    const result = await cli(['import', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/xxgk：.*不是 Excel 工作簿/);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(await listAll(folder)).toEqual(['x.xlsx']);
  });
});

describe('xxgk aggregate', () => {
  async function units(count: number, rename?: (i: number) => string): Promise<string> {
    const folder = await tempDir();
    const rng = seededRng(11);
    for (let i = 0; i < count; i++) {
      const report = randomReport(rng, { organization: { name: rename?.(i) ?? `单位${i}`, level: '部门' }, signature: { date: '2025-01-20' } });
      if (i % 2) await writeFile(path.join(folder, `u${i}.yaml`), stringify(report));
      else await writeFile(path.join(folder, `u${i}.xlsx`), await renderXlsx(tablesDocument(report)));
    }
    return folder;
  }

  it('writes the 汇总 workbook and data file', async () => {
    const folder = await units(4);
    const out = path.join(await tempDir(), '汇总.xlsx');
    const result = await cli(['aggregate', folder, '--out', out, '--org', '示范市青禾区人民政府', '--date', '2025-03-01']);
    expect(result.stderr).toContain('已汇总 4 个单位 2024 年度的统计表');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`已生成：${out}`);
    expect(await listAll(path.dirname(out))).toEqual(['汇总.xlsx', '汇总.yaml']);
    expect((await cli(['validate', out.replace(/xlsx$/, 'yaml')])).code).toBe(0);
  });

  it('refuses the same unit twice with exit code 1', async () => {
    const folder = await units(3, (i) => (i === 2 ? '单位0' : `单位${i}`));
    const out = path.join(await tempDir(), '汇总.xlsx');
    const result = await cli(['aggregate', folder, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('同一单位同一年度的数据重复');
    expect(await listAll(path.dirname(out))).toEqual([]);
  });
});
