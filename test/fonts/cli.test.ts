/**
 * `xxgk fonts`, run through yargs as the CLI will run it (the command module
 * is registered by the CLI's main; here it is mounted alone).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { fontsCommand } from '../../src/cli/commands/fonts.js';
import { CliFailure } from '../../src/cli/errors.js';

const SYSTEM = path.resolve('test/fixtures/fonts/system');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  const parser = fontsCommand(
    yargs(args).exitProcess(false).strict().fail((message, error) => {
      throw error ?? new CliFailure(message, 2);
    }),
    { out: (t) => out.push(t), err: (t) => err.push(t) },
    (c) => {
      code = c;
    },
  );
  try {
    await parser.parseAsync();
  } catch (error) {
    if (!(error instanceof CliFailure)) throw error;
    err.push(error.message);
    code = error.exitCode;
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('xxgk fonts', () => {
  it('lists each role, the file chosen and whether it is a fallback', async () => {
    const result = await run(['fonts', '--no-system-fonts', '--font-dir', SYSTEM]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('正文（body）：仿宋_GB2312（FangSong_GB2312），规定字体，本机');
    expect(result.out).toContain(path.join(SYSTEM, 'FakeFangSong.ttf'));
    expect(result.out).toContain('页码（pageNumber）：宋体（SimSun），规定字体');
    expect(result.out).toMatch(/标题（title）：Noto Serif SC Black（思源宋体），替代字体（应为 方正小标宋简体），随附/);
    expect(result.err).toContain('未找到标题字体“方正小标宋简体”');
  });

  it('names the face of digits and Latin letters: without Times New Roman, the bundled Tinos', async () => {
    const result = await run(['fonts', '--no-system-fonts']);
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    const at = lines.findIndex((line) => line.startsWith('数字和西文字母（latin）'));
    expect(lines[at]).toBe('数字和西文字母（latin）：Tinos（与 Times New Roman 字宽相同），替代字体（Word 文档写为 Times New Roman），随附');
    // The bundled WOFF, decoded once into a cache folder as a TrueType file.
    const file = /^ {4}(.*tinos-latin-400-normal[^/\\]*\.(?:ttf|woff))#Tinos-Regular$/.exec(lines[at + 1]!)?.[1];
    expect(file, lines[at + 1]).toBeDefined();
    expect(existsSync(file!)).toBe(true);

    const json = JSON.parse((await run(['fonts', '--no-system-fonts', '--json'])).out) as { latin: Record<string, unknown> };
    expect(json.latin).toMatchObject({ expected: 'Times New Roman', postscriptName: 'Tinos-Regular', origin: 'bundled', fallback: true });
  });

  it('names an installed Times New Roman as the face of digits and Latin letters', async () => {
    const folder = path.resolve('test/fixtures/fonts-latin');
    const result = await run(['fonts', '--no-system-fonts', '--font-dir', folder, '--json']);
    const json = JSON.parse(result.out) as { latin: Record<string, unknown> };
    expect(json.latin).toMatchObject({ file: path.join(folder, 'FakeTimes.ttf'), postscriptName: 'TimesNewRomanPSMT', origin: 'system', fallback: false });
    const text = await run(['fonts', '--no-system-fonts', '--font-dir', folder]);
    expect(text.out).toMatch(/^数字和西文字母（latin）：.*Times New Roman.*，与 Word 文档相同，本机$/m);
  });

  it('prints JSON for programs', async () => {
    const result = await run(['fonts', '--no-system-fonts', '--json', '--font', `heading1=${path.join(SYSTEM, 'sub', 'FakeSong.ttc')}#NSimSun`]);
    const json = JSON.parse(result.out) as { roles: { role: string; origin: string; fallback: boolean; postscriptName: string }[] };
    const heading1 = json.roles.find((r) => r.role === 'heading1')!;
    expect(heading1).toMatchObject({ origin: 'config', fallback: false, postscriptName: 'NSimSun' });
  });

  it('ends with exit code 2 and one Chinese sentence for a bad font path', async () => {
    const result = await run(['fonts', '--no-system-fonts', '--font', 'body=/no/such/file.ttf']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('字体文件不存在');
  });
});
