/**
 * Issue #16: `xxgk build` starts from a V8 code cache of the whole program
 * (src/cli/cold/code-cache.ts). The cache path and the normal path (the ES module
 * bundle) must write the same files, also in batch workers and the PDF render
 * thread; a stale or corrupt cache must never stop a build: the process runs
 * the normal way, says so with XXGK_START_TRACE=1, and has the cache rebuilt.
 *
 * Each test works on its own copy of the cache (XXGK_CODE_CACHE_FILE), never
 * on dist/bundle/xxgk.cjs.cache, which other tests' processes use meanwhile.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { inspectPdf } from '../fonts/support/pdf-inspect.js';
import { tempDir } from '../helpers/cli.js';

const execFileAsync = promisify(execFile);
const BIN = path.resolve('bin/xxgk.js');
const CACHE = path.resolve('dist/bundle/xxgk.cjs.cache');
const SAMPLE = path.resolve('samples/青禾区人民政府2024年报.yaml');
const SEED = path.resolve('samples/seed-001-柳州市城中区2020.yaml');

interface Run {
  code: number;
  stderr: string;
}

async function xxgk(args: string[], env: Record<string, string>): Promise<Run> {
  try {
    const { stderr } = await execFileAsync(process.execPath, [BIN, ...args], { env: { ...process.env, XXGK_START_TRACE: '1', ...env } });
    return { code: 0, stderr };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
}

const TIMES = /<dcterms:(created|modified)[^>]*>[^<]*<\/dcterms:\1>/g;

/** Every part of a DOCX or XLSX, the creation and modification times blanked. */
async function zipParts(file: string): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const parts: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name]!;
    if (entry.dir) continue;
    const text = await entry.async('string');
    parts[name] = name.endsWith('core.xml') ? text.replace(TIMES, '') : text;
  }
  return parts;
}

/** A PDF as read back (every glyph with its position, size and font; the fonts), and its bytes without the dates and ID. */
async function pdfContent(file: string): Promise<{ inspected: unknown; bytes: string }> {
  const bytes = await readFile(file);
  const text = bytes
    .toString('latin1')
    .replace(/\(D:\d{14}[^)]*\)/g, '(D:)')
    .replace(/<xmp:(CreateDate|ModifyDate|MetadataDate)>[^<]*<\/xmp:\1>/g, '')
    .replace(/\/ID \[[^\]]*\]/g, '');
  return { inspected: await inspectPdf(bytes), bytes: text };
}

/** What a folder of outputs holds, parsed: the same for two folders when the outputs are the same. */
async function outputsOf(folder: string): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  for (const name of (await readdir(folder)).sort()) {
    const file = path.join(folder, name);
    result[name] = name.endsWith('.pdf') ? await pdfContent(file) : await zipParts(file);
  }
  return result;
}

async function ownCache(dir: string): Promise<string> {
  const file = path.join(dir, 'xxgk.cjs.cache');
  await copyFile(CACHE, file);
  return file;
}

const FROM_CACHE = 'xxgk：从代码缓存启动';
const NOT_FROM_CACHE = 'xxgk：未用代码缓存启动';

describe('starting from the code cache', () => {
  it('is built by npm run build, beside the bundled script', async () => {
    expect((await stat(CACHE)).size).toBeGreaterThan(100_000);
    const { cacheStamp } = await import('../../src/cli/cold/code-cache.js');
    const head = (await readFile(CACHE)).subarray(0, 400).toString('utf8');
    expect(head.slice(0, head.indexOf('\n'))).toBe(cacheStamp(await stat(path.resolve('dist/bundle/xxgk.cjs'))));
  });

  it('writes the same DOCX, PDF and XLSX as the normal start, the PDF on its render thread', async () => {
    const dir = await tempDir();
    const cacheFile = await ownCache(dir);
    const [cached, normal] = [path.join(dir, 'cached'), path.join(dir, 'normal')];
    await Promise.all([mkdir(cached), mkdir(normal)]);
    const a = await xxgk(['build', SAMPLE, '--to', 'docx,pdf,xlsx', '--out', cached], { XXGK_CODE_CACHE_FILE: cacheFile });
    const b = await xxgk(['build', SAMPLE, '--to', 'docx,pdf,xlsx', '--out', normal], { XXGK_CODE_CACHE: '0' });
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stderr).toContain(FROM_CACHE);
    expect(b.stderr).toContain(`${NOT_FROM_CACHE}（XXGK_CODE_CACHE=0）`);
    const outputs = await outputsOf(cached);
    expect(Object.keys(outputs)).toHaveLength(3);
    expect(outputs).toEqual(await outputsOf(normal));
  });

  it('writes the same files in a batch, whose workers start from the cache too', async () => {
    const dir = await tempDir();
    const cacheFile = await ownCache(dir);
    const inputs = path.join(dir, 'in');
    await mkdir(inputs);
    await Promise.all([copyFile(SAMPLE, path.join(inputs, 'a.yaml')), copyFile(SEED, path.join(inputs, 'b.yaml'))]);
    const [cached, normal] = [path.join(dir, 'cached'), path.join(dir, 'normal')];
    await Promise.all([mkdir(cached), mkdir(normal)]);
    const args = (out: string) => ['build', inputs, '--to', 'pdf,xlsx', '--out', out, '--jobs', '2', '--plain-progress', '--force'];
    const a = await xxgk(args(cached), { XXGK_CODE_CACHE_FILE: cacheFile });
    const b = await xxgk(args(normal), { XXGK_CODE_CACHE: '0' });
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stderr).toContain(FROM_CACHE);
    const outputs = await outputsOf(cached);
    expect(Object.keys(outputs)).toHaveLength(4);
    expect(outputs).toEqual(await outputsOf(normal));
  });

  it('starts the normal way from a stale or corrupt cache, with the same results, and rebuilds the cache', async () => {
    const dir = await tempDir();
    const cacheFile = await ownCache(dir);
    const good = await readFile(cacheFile);
    const newline = good.indexOf(0x0a);
    const reference = path.join(dir, 'reference');
    await mkdir(reference);
    expect((await xxgk(['build', SAMPLE, '--to', 'docx,pdf,xlsx', '--out', reference], { XXGK_CODE_CACHE: '0' })).code).toBe(0);
    const expected = await outputsOf(reference);

    const damaged: [string, Buffer, string][] = [
      // Made for another build of the program.
      ['stale', Buffer.concat([Buffer.from('{"size":1,"mtime":2,"node":"v0.0.0"}\n'), good.subarray(newline + 1)]), '已过期'],
      // The right stamp, but the compiled code is garbage: V8 refuses it.
      ['corrupt', Buffer.concat([good.subarray(0, newline + 1), Buffer.alloc(4096, 0x5a)]), 'V8 拒绝了代码缓存'],
      // Cut short.
      ['truncated', good.subarray(0, newline + 1 + 1000), 'V8 拒绝了代码缓存'],
      // Not a cache at all.
      ['garbage', Buffer.from('not a cache'), '已过期'],
    ];
    for (const [name, bytes, reason] of damaged) {
      await writeFile(cacheFile, bytes);
      const out = path.join(dir, name);
      await mkdir(out);
      // XXGK_CODE_CACHE_REBUILD=0 keeps this loop's later cases from finding a rebuilt cache.
      const run = await xxgk(['build', SAMPLE, '--to', 'docx,pdf,xlsx', '--out', out], { XXGK_CODE_CACHE_FILE: cacheFile, XXGK_CODE_CACHE_REBUILD: '0' });
      expect(run.code, name).toBe(0);
      expect(run.stderr, name).toContain(NOT_FROM_CACHE);
      expect(run.stderr, name).toContain(reason);
      expect(await outputsOf(out), name).toEqual(expected);
    }

    // Allowed to rebuild, a process that finds the cache unusable has it rebuilt in the background.
    await writeFile(cacheFile, Buffer.from('not a cache'));
    const out = path.join(dir, 'rebuild');
    await mkdir(out);
    const run = await xxgk(['build', SAMPLE, '--to', 'pdf', '--out', out], { XXGK_CODE_CACHE_FILE: cacheFile });
    expect(run.stderr).toContain('已在后台重新生成');
    const deadline = Date.now() + 100_000;
    let rebuilt = false;
    while (!rebuilt && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const now = await readFile(cacheFile).catch(() => Buffer.alloc(0));
      rebuilt = now.length > 100_000 && now.subarray(0, newline).equals(good.subarray(0, newline));
    }
    expect(rebuilt).toBe(true);
    const after = path.join(dir, 'after');
    await mkdir(after);
    const again = await xxgk(['build', SAMPLE, '--to', 'docx,pdf,xlsx', '--out', after], { XXGK_CODE_CACHE_FILE: cacheFile });
    expect(again.stderr).toContain(FROM_CACHE);
    expect(await outputsOf(after)).toEqual(expected);
  }, 180_000);

  it('leaves commands other than build on the ES module bundle', async () => {
    const run = await xxgk(['validate', SAMPLE], {});
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('xxgk：从 ES 模块启动');
  });
});
