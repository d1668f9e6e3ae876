import { execFile } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { cli, listAll, SAMPLE, tempDir } from '../helpers/cli.js';

const run = promisify(execFile);
const SAMPLE_DOCX = '示范市青禾区人民政府2024年政府信息公开工作年度报告.docx';

async function copySample(folder: string, edit?: (text: string) => string): Promise<string> {
  const target = path.join(folder, 'report.yaml');
  if (edit) await writeFile(target, edit(await readFile(SAMPLE, 'utf8')));
  else await copyFile(SAMPLE, target);
  return target;
}

/** Breaks V21-T2-01: the 自然人 count of 一、本年新收 no longer adds up to its 总计. */
const unbalance = (text: string) => text.replace('new:               { np: 52,', 'new:               { np: 51,');

describe('xxgk validate', () => {
  it('exits 0 on the bundled sample', async () => {
    const result = await cli(['validate', SAMPLE]);
    expect(result.stderr).toContain('校验通过');
    expect(result.code).toBe(0);
  });

  it('exits 1 and names table, row, column and line when numbers do not balance', async () => {
    const file = await copySample(await tempDir(), unbalance);
    const result = await cli(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/report\.yaml:\d+:\d+ 错误 \[V21-T2-01\] 「三、收到和处理政府信息公开申请情况」表「一、本年新收政府信息公开申请数量」行/);
  });

  it('prints machine-readable diagnostics with --json', async () => {
    const file = await copySample(await tempDir(), unbalance);
    const result = await cli(['validate', file, '--json']);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics.map((d: { code: string }) => d.code)).toContain('V21-T2-01');
    expect(parsed.diagnostics[0]).toMatchObject({ severity: 'error', line: expect.any(Number), column: expect.any(Number) });
  });

  it('gives each diagnostic in --json its stage, file, start, end and place as well', async () => {
    const file = await copySample(await tempDir(), unbalance);
    const text = await readFile(file, 'utf8');
    const parsed = JSON.parse((await cli(['validate', file, '--json'])).stdout);
    const found = parsed.diagnostics.find((d: { code: string }) => d.code === 'V21-T2-01');
    expect(found).toMatchObject({
      severity: 'error',
      stage: 'rules',
      file,
      path: ['tables', 'requests', 'new', 'tot'],
      place: {
        table: { id: 't2', label: '三、收到和处理政府信息公开申请情况' },
        row: { id: 'new', label: '一、本年新收政府信息公开申请数量' },
        column: { id: 'tot', label: '总计' },
      },
    });
    expect(found.start).toEqual({ line: found.line, column: found.column, offset: expect.any(Number) });
    expect(text.slice(found.start.offset, found.end.offset)).toBe('63');
  });

  it('prints a problem of last year’s file on the current file’s line, naming last year’s file and line', async () => {
    const folder = await tempDir();
    const file = await copySample(folder);
    const previous = path.join(folder, '2023.yaml');
    const text = (await readFile(SAMPLE, 'utf8')).replace('year: 2024', 'year: 2023').replace(/reg_in_force: \d+/, 'reg_in_force: 十四');
    await writeFile(previous, text);
    const line = text.split('\n').findIndex((l) => l.includes('reg_in_force: 十四')) + 1;
    const column = text.split('\n')[line - 1]!.indexOf('十四') + 1;
    const result = await cli(['validate', file, '--previous', previous]);
    expect(result.stderr.split('\n')[0]).toBe(
      `${file} 错误 [SCHEMA-TYPE] 上年报告：「二、主动公开政府信息情况」表「规章」行「现行有效件数」列应为数字，写成了文字 "十四"；请用阿拉伯数字书写（如 12）（${previous} 第 ${line} 行第 ${column} 列）`,
    );
    const parsed = JSON.parse((await cli(['validate', file, '--previous', previous, '--json'])).stdout);
    expect(parsed.diagnostics[0]).toMatchObject({ file: previous, start: { line, column }, path: ['tables', 'proactive', 'reg_in_force'] });
    // line and column keep their meaning (a place in the validated file): absent for last year's file.
    expect(parsed.diagnostics[0]).not.toHaveProperty('line');
  });

  it('exits 2 when the file cannot be read', async () => {
    const result = await cli(['validate', path.join(await tempDir(), 'missing.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/xxgk：.*missing\.yaml/);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('xxgk build', () => {
  it('writes the DOCX named after the organisation and year, and nothing else', async () => {
    const folder = await tempDir();
    const file = await copySample(folder);
    const result = await cli(['build', file]);
    expect(result.code).toBe(0);
    expect(await listAll(folder)).toEqual(['report.yaml', SAMPLE_DOCX]);
    const zip = await JSZip.loadAsync(await readFile(path.join(folder, SAMPLE_DOCX)));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('一、总体情况');
    expect(xml).toContain('六、其他需要报告的事项');
  });

  it('writes nothing when validation fails, and builds anyway with --force', async () => {
    const folder = await tempDir();
    const file = await copySample(folder, unbalance);
    const refused = await cli(['build', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('没有生成任何文件');
    expect(await listAll(folder)).toEqual(['report.yaml']);

    const forced = await cli(['build', file, '--force']);
    expect(forced.stderr).toContain('[V21-T2-01]');
    expect(forced.code).toBe(1);
    expect(await listAll(folder)).toEqual(['report.yaml', SAMPLE_DOCX]);
  });

  it('never changes the data file', async () => {
    const folder = await tempDir();
    const file = await copySample(folder);
    const before = await readFile(file);
    await cli(['build', file]);
    expect((await readFile(file)).equals(before)).toBe(true);
  });

  it('writes to an explicit file name with --out', async () => {
    const folder = await tempDir();
    const file = await copySample(folder);
    const target = path.join(folder, '报告.docx');
    const result = await cli(['build', file, '--out', target]);
    expect(result.code).toBe(0);
    expect(await listAll(folder)).toEqual(['report.yaml', '报告.docx']);
  });

  it('refuses an unknown output kind with exit 2', async () => {
    const result = await cli(['build', SAMPLE, '--to', 'odt']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--to');
  });

  it('reports an unwritable output folder in Chinese, leaving nothing behind', async () => {
    const folder = await tempDir();
    const file = await copySample(folder);
    await writeFile(path.join(folder, 'blocker'), 'x');
    const result = await cli(['build', file, '--out', path.join(folder, 'blocker', 'sub')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('不是文件夹');
    expect(await listAll(folder)).toEqual(['blocker', 'report.yaml']);
  });
});

describe('xxgk init', () => {
  it('writes a starter file that validates as it is', async () => {
    const folder = await tempDir();
    const target = path.join(folder, 'new.yaml');
    const result = await cli(['init', '--year', '2025', '--org', '某某县人民政府办公室', '--out', target]);
    expect(result.code).toBe(0);
    const text = await readFile(target, 'utf8');
    expect(text).toContain('year: 2025');
    expect(text).toContain('"某某县人民政府办公室"');
    expect(text).toMatch(/carry_out:\s+\{ np: 0, biz: 0, res: 0, ngo: 0, law: 0, oth: 0, tot: 0 \}/);
    const validation = await cli(['validate', target]);
    expect(validation.stderr).not.toContain('错误 [');
    expect(validation.code).toBe(0);
    const build = await cli(['build', target]);
    expect(build.code).toBe(0);
  });

  it('defaults to last year', async () => {
    const folder = await tempDir();
    const target = path.join(folder, 'new.yaml');
    await cli(['init', '--out', target], new Date('2026-01-10T00:00:00Z'));
    expect(await readFile(target, 'utf8')).toContain('year: 2025');
  });

  it('never overwrites an existing file without --force', async () => {
    const folder = await tempDir();
    const target = path.join(folder, 'mine.yaml');
    await writeFile(target, '我的数据');
    const refused = await cli(['init', '--out', target]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('已经存在');
    expect(await readFile(target, 'utf8')).toBe('我的数据');
    expect(await listAll(folder)).toEqual(['mine.yaml']);

    const forced = await cli(['init', '--out', target, '--force']);
    expect(forced.code).toBe(0);
    expect(await readFile(target, 'utf8')).toContain('tables:');
  });
});

describe('the installed command', () => {
  it('runs through bin/xxgk.js with the documented exit codes', async () => {
    const folder = await tempDir();
    const file = await copySample(folder, unbalance);
    const bin = path.resolve('bin/xxgk.js');
    const ok = await run(process.execPath, [bin, 'validate', SAMPLE]);
    expect(ok.stderr).toContain('校验通过');
    const failure = await run(process.execPath, [bin, 'validate', file]).catch((error) => error);
    expect(failure.code).toBe(1);
    const unreadable = await run(process.execPath, [bin, 'validate', path.join(folder, 'nope.yaml')]).catch((error) => error);
    expect(unreadable.code).toBe(2);
    const help = await run(process.execPath, [bin, '--help']);
    expect(help.stdout).toContain('政府信息公开工作年度报告');
  });
});
