/**
 * Issue #12 item 7, “first run”: what a new user meets in the first minutes.
 * `--out` into a folder that does not exist yet, for every command that takes it.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, SAMPLE, tempDir, xxgkProcess } from '../helpers/cli.js';

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

/** Words yargs prints on its own (its locales/en.json), none of which may reach a user. */
const YARGS_ENGLISH = /Commands:|Options:|Positionals:|Examples:|Show help|Show version|\bboolean\b|\bstring\b|\bnumber\b|\barray\b|\bcount\b|default:|\bdefault\b|\brequired\b|choices:|aliases:|Not enough|Too many|Missing|Unknown|Invalid|Did you mean|mutually exclusive|Argument|\btrue\b|\bfalse\b/;

describe('help and argument errors are in Chinese', () => {
  const runs: [string, string[]][] = [
    ['xxgk --help', ['--help']],
    ['xxgk (no command)', []],
    ['xxgk biuld (a typo)', ['biuld']],
    ['xxgk build (no file)', ['build']],
    ['xxgk build --bogus', ['build', SAMPLE, '--bogus', '--other']],
    ['xxgk import --into --out', ['import', 'a.xlsx', '--into', 'a.yaml', '--out', 'b.yaml']],
    ['xxgk aggregate without --out', ['aggregate', SAMPLE]],
    ['xxgk aggregate --level 省', ['aggregate', SAMPLE, '--out', 'x.xlsx', '--level', '省']],
    ...['build', 'validate', 'init', 'fonts', 'import', 'aggregate', 'serve', 'extract'].map((command): [string, string[]] => [`xxgk ${command} --help`, [command, '--help']]),
  ];
  it.each(runs)('%s', async (_, args) => {
    const result = await xxgkProcess(args);
    const printed = `${result.stdout}\n${result.stderr}`;
    expect(printed.trim()).not.toBe('');
    expect(printed).not.toMatch(YARGS_ENGLISH);
    if (args.includes('--help')) {
      expect(result.code).toBe(0);
      expect(printed).toMatch(/选项：/);
      expect(printed).toMatch(/显示帮助/);
    } else {
      expect(result.code).toBe(2);
    }
  });
});
