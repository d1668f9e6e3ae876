/**
 * Safety guarantees, checked directly:
 *
 * 1. Templates: prototype access is denied — written in a template (refused
 *    before it runs) or reached through data (`lookup` with a key from the
 *    data file: nothing is printed) — and no helper touches the file system
 *    (every fs function is spied on while reports of all three formats are
 *    composed: not one call).
 * 2. Every write in src/ goes through src/io/output-file.ts (temporary file
 *    and rename): no other module calls a file-writing function.
 * 3. No command modifies the data file: validate, build (DOCX, XLSX, PDF;
 *    single and batch), init, import, aggregate and fonts leave its bytes and
 *    its modification time as they were.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs, { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { createTemplateEnvironment, TemplateError } from '../../src/compose/environment.js';
import type { FormatDefinition } from '../../src/formats/format.js';
import { validateReportText } from '../../src/validate/index.js';
import { fixture as formatFixture } from '../formats/fixtures.js';
import { INPUTS } from '../fixtures/hostile/generate.js';
import { cli, tempDir } from '../helpers/cli.js';
import { BUILD_HINT, skipWithout } from '../helpers/requires.js';

const run = promisify(execFile);

afterEach(() => {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
});

const VALID = () => fs.readFileSync(new URL('valid.yaml', INPUTS), 'utf8');

function composed(text: string, templates = createTemplateEnvironment()) {
  const validation = validateReportText(text, 'report.yaml');
  return composeReport(validation.report, validation.format as FormatDefinition<unknown>, { templates });
}

async function userTemplate(body: string): Promise<string> {
  const folder = await tempDir();
  await writeFile(path.join(folder, 'part5-problems.hbs'), `@h1 五、存在的主要问题及改进情况\n${body}\n`);
  return folder;
}

describe('templates', () => {
  it.each([
    ['{{constructor}}', 'constructor'],
    ['{{organization.__proto__}}', '__proto__'],
    ['{{#with organization}}{{constructor.prototype}}{{/with}}', 'constructor'],
    ['{{lookup organization "constructor"}}', 'constructor'],
    ['{{lookup (lookup this "__proto__") "__defineGetter__"}}', '__proto__'],
    ['{{year.toString}}', 'toString'],
    ['{{#each narrative.problems}}{{valueOf}}{{/each}}', 'valueOf'],
    ['{{join.call}}', 'call'],
  ])('refuse %s before running, naming %s, line and column', async (body, name) => {
    const templates = createTemplateEnvironment({ userTemplatesDir: await userTemplate(`@p ${body}`) });
    expect(() => composed(VALID(), templates)).toThrow(TemplateError);
    expect(() => composed(VALID(), templates)).toThrow(new RegExp(`第 2 行第 \\d+ 列：不允许访问“${name}”`));
  });

  it.each(['{{> header}}', '{{#> layout}}x{{/layout}}', '{{#*inline "p"}}x{{/inline}}', '{{log organization}}'])('refuse %s (partials, decorators, log)', async (body) => {
    const templates = createTemplateEnvironment({ userTemplatesDir: await userTemplate(body) });
    expect(() => composed(VALID(), templates)).toThrow(/不能引用其他模板|不能使用装饰器|不能使用 log/);
  });

  it('print nothing for a prototype member reached through a key taken from the data file', async () => {
    // `lookup` with a key read from the data: the template itself names nothing forbidden.
    const text = VALID().replace('    - 政策解读的形式还比较单一。', '    - constructor\n    - __proto__\n    - toString');
    const templates = createTemplateEnvironment({
      userTemplatesDir: await userTemplate('{{#each narrative.problems}}\n@p [{{lookup ../organization this}}][{{lookup ../narrative this}}]\n{{/each}}'),
    });
    const document = composed(text, templates);
    const printed = document.blocks.flatMap((block) => (block.kind === 'paragraph' ? [block.text] : [])).filter((t) => t.startsWith('['));
    expect(printed).toEqual(['[][]', '[][]', '[][]']);
  });

  it('call no file-system function while composing (helpers included), once the templates are compiled', () => {
    const reports = [VALID(), formatFixture('valid-v2019.yaml'), formatFixture('valid-legacy.yaml')];
    const templates = createTemplateEnvironment();
    for (const text of reports) composed(text, templates); // compiles (reads) every template once

    const calls: string[] = [];
    for (const [name, value] of Object.entries(fs)) {
      if (typeof value === 'function' && /^[a-z]/.test(name) && !['Dirent', 'Stats'].includes(name)) {
        vi.spyOn(fs as unknown as Record<string, (...args: unknown[]) => unknown>, name).mockImplementation(((...args: unknown[]) => {
          calls.push(name);
          return (value as (...a: unknown[]) => unknown)(...args);
        }) as never);
      }
    }
    for (const [name, value] of Object.entries(fs.promises)) {
      if (typeof value === 'function') {
        vi.spyOn(fs.promises as unknown as Record<string, (...args: unknown[]) => unknown>, name).mockImplementation(((...args: unknown[]) => {
          calls.push(`promises.${name}`);
          return (value as (...a: unknown[]) => unknown)(...args);
        }) as never);
      }
    }
    // ESM named imports (`import { readFileSync } from 'node:fs'`) follow the spies only after this.
    syncBuiltinESMExports();
    for (const text of reports) composed(text, templates);
    expect(calls).toEqual([]);

    // The detector works: a fresh environment reads its template files, through the very spies.
    composed(VALID(), createTemplateEnvironment());
    expect(calls).toContain('readFileSync');
  });
});

describe('writes', () => {
  it('go through src/io/output-file.ts only (temporary file, then rename)', async () => {
    const offenders: string[] = [];
    const WRITES =
      /\b(writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|copyFile|copyFileSync|cp|cpSync|rename|renameSync|truncate|truncateSync|ftruncate|unlink|unlinkSync|rm|rmSync|rmdir|rmdirSync|symlink|link|linkSync|writeSync|writev)\s*\(/;
    const WRITE_FLAGS = /\bopen(Sync)?\([^)]*['"`](w|a|r\+|wx|ax|w\+|a\+)['"`]/;
    const walk = async (folder: string): Promise<string[]> =>
      (
        await Promise.all(
          (await readdir(folder, { withFileTypes: true })).map((entry) =>
            entry.isDirectory() ? walk(path.join(folder, entry.name)) : [path.join(folder, entry.name)],
          ),
        )
      ).flat();
    for (const file of (await walk(path.resolve('src'))).filter((f) => f.endsWith('.ts'))) {
      if (file.endsWith(path.join('io', 'output-file.ts'))) continue;
      const source = (await readFile(file, 'utf8')).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').replace(/writeFiles?Atomic/g, '');
      source.split('\n').forEach((line, index) => {
        if (WRITES.test(line) || WRITE_FLAGS.test(line)) offenders.push(`${path.relative('.', file)}:${index + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});

describe('the data file', () => {
  const fingerprint = async (file: string) => {
    const info = await stat(file);
    return { sha256: createHash('sha256').update(await readFile(file)).digest('hex'), mtime: info.mtimeMs, size: info.size };
  };

  it('is never modified by validate, build, init, import, aggregate or fonts', async () => {
    const folder = await tempDir();
    const data = path.join(folder, 'report.yaml');
    await copyFile(new URL('valid.yaml', INPUTS), data);
    const previous = path.join(folder, 'previous.yaml');
    await copyFile(path.resolve('test/fixtures/reports/previous-v2021.yaml'), previous);
    const out = path.join(folder, 'out');
    await mkdir(out);
    const before = await fingerprint(data);
    const beforePrevious = await fingerprint(previous);

    const commands: string[][] = [
      ['validate', data],
      ['validate', data, '--json', '--previous', previous],
      ['build', data, '--previous', previous, '--out', out, '--to', 'docx,xlsx'],
      ['build', data, '--out', out, '--to', 'pdf', '--no-system-fonts'],
      ['build', data, '--force'], // beside the data file
      ['init', '--year', '2023', '--out', data], // refused: exists
      ['import', path.join(out, '某某市某某区交通运输局2023年政府信息公开工作年度报告.xlsx'), '--out', data], // refused: exists
      ['aggregate', data, '--out', path.join(out, '汇总.xlsx')],
      ['fonts', '--no-system-fonts'],
    ];
    const codes: number[] = [];
    for (const args of commands) codes.push((await cli(args)).code);
    expect(codes).toEqual([0, 0, 0, 0, 0, 2, 2, 0, 0]);
    expect(await fingerprint(data)).toEqual(before);
    expect(await fingerprint(previous)).toEqual(beforePrevious);
  }, 120_000);

  it.skipIf(skipWithout('the compiled batch worker (dist/batch/worker.js)', existsSync(path.resolve('dist/batch/worker.js')), BUILD_HINT))('is never modified by a batch build (real process, worker pool)', async () => {
    const folder = await tempDir();
    const files = ['a.yaml', 'b.yaml', 'c.yaml'].map((name) => path.join(folder, name));
    for (const [i, file] of files.entries()) await writeFile(file, VALID().replace('某某市某某区交通运输局', `某某市某某区第${i + 1}局`));
    const before = await Promise.all(files.map(fingerprint));
    const result = await run(process.execPath, [path.resolve('bin/xxgk.js'), 'build', folder, '--to', 'docx,xlsx', '--jobs', '2', '--plain-progress']).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect('code' in result ? result.code : 0).toBe(0);
    expect(await Promise.all(files.map(fingerprint))).toEqual(before);
    const written = (await readdir(folder)).filter((name) => !name.endsWith('.yaml'));
    expect(written).toHaveLength(6);
    expect(written.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});
