/**
 * Issue #12 item 7, “first run”: what a new user meets in the first minutes.
 * `--out` into a folder that does not exist yet, for every command that takes it.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, SAMPLE, tempDir } from '../helpers/cli.js';

const SAMPLE_STEM = '示范市青禾区人民政府2024年政府信息公开工作年度报告';

describe('--out creates missing folders', () => {
  it('build (one file) writes into a new folder, several levels deep', async () => {
    const folder = await tempDir();
    const out = path.join(folder, '输出文件夹', '2024');
    const result = await cli(['build', SAMPLE, '--to', 'docx,xlsx', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect((await readdir(out)).sort()).toEqual([`${SAMPLE_STEM}.docx`, `${SAMPLE_STEM}.xlsx`]);
  });

  it('build with one output given as a file name in a new folder', async () => {
    const folder = await tempDir();
    const target = path.join(folder, '新建', '报告.docx');
    const result = await cli(['build', SAMPLE, '--out', target]);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(target)).toBe(true);
  });

  it('a refused build creates no folder', async () => {
    const folder = await tempDir();
    const data = path.join(folder, 'bad.yaml');
    await writeFile(data, 'year: 2024\norganization: {}\n');
    const result = await cli(['build', data, '--out', path.join(folder, '输出文件夹')]);
    expect(result.code).toBe(1);
    expect(await readdir(folder)).toEqual(['bad.yaml']);
  });

  it('init, import and aggregate write into new folders', async () => {
    const folder = await tempDir();
    const init = await cli(['init', '--year', '2024', '--out', path.join(folder, 'a', 'b', '数据.yaml')]);
    expect(init.code, init.stderr).toBe(0);
    expect(existsSync(path.join(folder, 'a', 'b', '数据.yaml'))).toBe(true);

    const book = path.join(folder, 'c', `${SAMPLE_STEM}.xlsx`);
    expect((await cli(['build', SAMPLE, '--to', 'xlsx', '--out', path.join(folder, 'c')])).code).toBe(0);
    const imported = await cli(['import', book, '--out', path.join(folder, 'd', 'e', '导入.yaml')]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(existsSync(path.join(folder, 'd', 'e', '导入.yaml'))).toBe(true);

    const aggregated = await cli(['aggregate', SAMPLE, '--out', path.join(folder, 'f', 'g', '汇总.xlsx')]);
    expect(aggregated.code, aggregated.stderr).toBe(0);
    expect((await readdir(path.join(folder, 'f', 'g'))).sort()).toEqual(['汇总.xlsx', '汇总.yaml']);
  });
});
