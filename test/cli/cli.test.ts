import { execFile } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { cli, listAll, SAMPLE, tempDir, xxgkProcess } from '../helpers/cli.js';

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
    expect(text).toMatch(/carry_out:\s+\{ np: 0, biz: 0, res: 0, ngo: 0, law: 0, oth: 0 \}/);
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

describe('messages a clerk sees (issue #12 item 6)', () => {
  it('reports three mistakes in three parts in one run: a misspelt key, a wrong 总计 and a negative count', async () => {
    const file = await copySample(await tempDir(), (text) =>
      text
        .replace('  department: 青禾区人民政府办公室', '  departmnet: 青禾区人民政府办公室')
        .replace('total:             { np: 53, biz: 5, res: 1, ngo: 0, law: 3, oth: 1, tot: 63 }', 'total:             { np: 53, biz: 5, res: 1, ngo: 0, law: 3, oth: 1, tot: 64 }')
        .replace('    rv_keep: 2', '    rv_keep: -2'),
    );
    const result = await cli(['validate', file]);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^.*report\.yaml:12:3 错误 \[SCHEMA-UNKNOWN-KEY\] "organization"（编制报告的机关）中有未知的键 "departmnet"，是不是想写 "department"？$/);
    expect(lines).toContainEqual(
      expect.stringMatching(/错误 \[V21-T2-01\] 「三、收到和处理政府信息公开申请情况」表「（七）总计」行「总计」列为 64，但「自然人」至「其他」六列之和为 63$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/错误 \[G-01\] 「四、政府信息公开行政复议、行政诉讼情况」表「行政复议 › 结果维持」列为 -2，件数不能为负数$/));
    // 表三's sums are not checked on a cell the schema refused: no false 行政复议 总计 error.
    expect(result.stderr).not.toMatch(/V21-T3/);
    expect(lines.at(-1)).toBe('共 5 个错误、0 个提示。');
  });

  it('names a misspelt key inside a table by the table caption and suggests the key with its printed row and column', async () => {
    const file = await copySample(await tempDir(), (text) => text.replace('    nd_issued: 6', '    nd_isued: 6'));
    const result = await cli(['validate', file]);
    expect(result.stderr).toContain(
      '错误 [SCHEMA-UNKNOWN-KEY] 「二、主动公开政府信息情况」表中有未知的键 "nd_isued"，是不是想写 "nd_issued"（「行政规范性文件」行「本年制发件数」列）？',
    );
    expect(result.stderr).not.toContain('tables.');
  });

  it('gives one message for one tab character', async () => {
    const file = await copySample(await tempDir(), (text) => text.replace('    rv_keep: 2', '  \trv_keep: 2'));
    const result = await cli(['validate', file]);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/report\.yaml:132:3 错误 \[YAML-TAB\] 第 132 行第 3 列用了制表符（Tab）缩进，YAML 只能用空格缩进，请改为空格（与同一层的键左对齐）$/);
    expect(lines[1]).toBe('共 1 个错误、0 个提示。');
  });

  it('names a full-width colon after a key', async () => {
    const file = await copySample(await tempDir(), (text) => text.replace('year: 2024', 'year：2024'));
    const result = await cli(['validate', file]);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/report\.yaml:7:5 错误 \[YAML-FULLWIDTH-COLON\] 第 7 行“year”后面的冒号是全角“：”，请改为半角“:”后加一个空格（写作“year: 值”）$/),
      '共 1 个错误、0 个提示。',
    ]);
  });

  it('counts the font notices of a PDF build in the summary line', async () => {
    const folder = await tempDir();
    const result = await cli(['build', SAMPLE, '--to', 'pdf', '--no-system-fonts', '--out', path.join(folder, 'report.pdf')]);
    expect(result.code).toBe(0);
    const lines = result.stderr.trim().split('\n');
    const notices = lines.filter((line) => line.startsWith('提示：') || line.startsWith('说明：'));
    expect(notices.length).toBeGreaterThan(0);
    expect(lines.at(-1)).toBe(`共 0 个错误、${notices.filter((l) => l.startsWith('提示：')).length} 个提示${notices.some((l) => l.startsWith('说明：')) ? `、${notices.filter((l) => l.startsWith('说明：')).length} 个说明` : ''}。`);
    expect(lines.at(-1)).not.toBe('共 0 个错误、0 个提示。');
  });

  it('counts the font notices of a batch in its closing line', async () => {
    const folder = await tempDir();
    const first = await copySample(folder);
    const second = path.join(folder, 'second.yaml');
    await writeFile(second, (await readFile(first, 'utf8')).replace('name: 示范市青禾区人民政府', 'name: 示范市青禾区人民政府办公室'));
    const result = await xxgkProcess(['build', first, second, '--to', 'pdf', '--no-system-fonts', '--plain-progress', '--out', folder]);
    expect(result.code).toBe(0);
    const lines = result.stderr.trim().split('\n');
    const notices = lines.filter((line) => line.startsWith('提示：'));
    expect(notices.length).toBeGreaterThan(0);
    expect(notices.every((line) => line.endsWith('（2 份）'))).toBe(true);
    expect(lines.at(-1)).toMatch(new RegExp(`^共 2 份：生成 2 份，失败 0 份，用时 [\\d.]+ 秒。共 0 个错误、${notices.length} 个提示。$`));
  });
});
