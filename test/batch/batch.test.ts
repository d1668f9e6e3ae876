/**
 * Batch builds through the installed command (the worker pool runs the
 * compiled workers in dist/, which `npm test` builds first).
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { expandInputs } from '../../src/batch/inputs.js';
import { SAMPLE, tempDir, xxgkProcess } from '../helpers/cli.js';

const BIN = path.resolve('bin/xxgk.js');

/** Writes `count` units, each with its own organisation name; `broken` units fail V21-T2-01. */
async function makeUnits(folder: string, count: number, broken: number[] = []): Promise<string[]> {
  const sample = await readFile(SAMPLE, 'utf8');
  const files: string[] = [];
  for (let i = 1; i <= count; i++) {
    let text = sample.replace('name: 示范市青禾区人民政府', `name: 示范市青禾区第${i}单位`);
    if (broken.includes(i)) text = text.replace('new:               { np: 52,', 'new:               { np: 51,');
    const file = path.join(folder, `unit-${String(i).padStart(3, '0')}.yaml`);
    await writeFile(file, text);
    files.push(file);
  }
  return files;
}


describe('batch build', () => {
  it('builds every good unit, reports the bad one with its reasons, and exits 1', async () => {
    const folder = await tempDir();
    const out = path.join(folder, 'out');
    await mkdir(out);
    await makeUnits(folder, 6, [4]);
    const result = await xxgkProcess(['build', folder, '--out', out, '--jobs', '2']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('共 6 份：生成 5 份，失败 1 份');
    expect(result.stderr).toMatch(/✗ .*unit-004\.yaml：数据有错误，未生成/);
    expect(result.stderr).toMatch(/unit-004\.yaml:\d+:\d+ 错误 \[V21-T2-01\]/);
    const written = (await readdir(out)).sort();
    expect(written).toHaveLength(5);
    expect(written).not.toContain('示范市青禾区第4单位2024年政府信息公开工作年度报告.docx');
    const zip = await JSZip.loadAsync(await readFile(path.join(out, '示范市青禾区第5单位2024年政府信息公开工作年度报告.docx')));
    expect(await zip.file('word/document.xml')!.async('string')).toContain('示范市青禾区第5单位');
  });

  it('prints one plain progress line per unit when not on a terminal, and exits 0 when all succeed', async () => {
    const folder = await tempDir();
    await makeUnits(folder, 3);
    const result = await xxgkProcess(['build', path.join(folder, '*.yaml'), '--jobs', '1']);
    expect(result.code).toBe(0);
    expect(result.stderr.match(/^\[\d\/3\] 已生成：/gm)).toHaveLength(3);
    expect(result.stderr).toContain('共 3 份：生成 3 份，失败 0 份');
  });

  it('names the files written in each progress line, into an --out folder it creates', async () => {
    const folder = await tempDir();
    await makeUnits(folder, 2);
    const out = path.join(folder, '输出文件夹', '2024');
    const result = await xxgkProcess(['build', path.join(folder, '*.yaml'), '--to', 'docx,xlsx', '--out', out, '--jobs', '1', '--plain-progress']);
    expect(result.code).toBe(0);
    const lines = result.stderr.split('\n').filter((line) => /^\[\d\/2\]/.test(line));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatch(/^\[\d\/2\] 已生成：.*输出文件夹.2024.示范市青禾区第\d单位2024年政府信息公开工作年度报告\.docx、示范市青禾区第\d单位2024年政府信息公开工作年度报告\.xlsx$/);
      expect(line).not.toContain('.yaml');
    }
    expect((await readdir(out)).sort()).toHaveLength(4);
  });

  it('refuses to let two units overwrite each other', async () => {
    const folder = await tempDir();
    const [first] = await makeUnits(folder, 2);
    // A second file describing the same organisation and year would produce the same file name.
    await writeFile(path.join(folder, 'unit-copy.yaml'), await readFile(first!, 'utf8'));
    const result = await xxgkProcess(['build', folder]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/同名.*未覆盖/);
    expect(result.stderr).toContain('生成 2 份，失败 1 份');
  });

  it('a font that cannot be used stops the batch before any unit: exit 2, nothing written', async () => {
    const folder = await tempDir();
    const out = path.join(folder, 'out');
    await mkdir(out);
    await makeUnits(folder, 3);
    const result = await xxgkProcess(['build', folder, '--out', out, '--to', 'docx,pdf', '--font', `body=${path.join(folder, '没有的字体.ttf')}`, '--plain-progress']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('没有的字体.ttf');
    expect(result.stderr).not.toContain('[1/3]');
    expect(await readdir(out)).toEqual([]);
  });

  it('stops cleanly on Ctrl-C: exit 130, no temporary files, every written report complete', async () => {
    const folder = await tempDir();
    const out = path.join(folder, 'out');
    await mkdir(out);
    await makeUnits(folder, 40);
    const child = spawn(process.execPath, [BIN, 'build', folder, '--out', out, '--jobs', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/\[2\/40\]/.test(stderr)) resolve();
      });
    });
    child.kill('SIGINT');
    const code = await exited;
    expect(code).toBe(130);
    expect(stderr).toContain('正在停止');
    expect(stderr).toMatch(/取消 \d+ 份/);
    const files = await readdir(out);
    expect(files.filter((file) => file.endsWith('.tmp') || file.startsWith('.'))).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(files.length).toBeLessThan(40);
    for (const file of files) {
      const zip = await JSZip.loadAsync(await readFile(path.join(out, file)));
      expect(await zip.file('word/document.xml')?.async('string')).toContain('六、其他需要报告的事项');
    }
  }, 60_000);
});

describe('batch inputs', () => {
  it('expands folders recursively and globs, sorted and without duplicates', async () => {
    const folder = await tempDir();
    await mkdir(path.join(folder, 'sub'));
    await writeFile(path.join(folder, 'b.yaml'), '');
    await writeFile(path.join(folder, 'sub', 'a.json'), '');
    await writeFile(path.join(folder, 'notes.txt'), '');
    const { files, problems } = await expandInputs([folder, path.join(folder, '*.yaml'), path.join(folder, 'missing.yaml')]);
    expect(files).toEqual([path.join(folder, 'b.yaml'), path.join(folder, 'sub', 'a.json')]);
    expect(problems).toEqual([`找不到文件 ${path.join(folder, 'missing.yaml')}`]);
  });
});
