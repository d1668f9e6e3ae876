/**
 * Issue #16: `xxgk build` starts from a V8 code cache of the program in parts
 * (src/cli/cold/code-cache.ts: dist/bundle/xxgk.parts, each part with its own
 * cached code in xxgk.parts.cache). The cache path and the normal path (the
 * ES module bundle) must write the same files, also in batch workers and the
 * PDF render thread; a stale or corrupt cache, or one part's cached code that
 * is damaged or missing, must never stop a build: the process runs the normal
 * way (or compiles that part from its source), says so with
 * XXGK_START_TRACE=1, and has the cache rebuilt.
 *
 * Each test works on its own copy of the cache (XXGK_CODE_CACHE_FILE), never
 * on dist/bundle/xxgk.parts.cache, which other tests' processes use meanwhile.
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
const CACHE = path.resolve('dist/bundle/xxgk.parts.cache');
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
  const file = path.join(dir, 'xxgk.parts.cache');
  await copyFile(CACHE, file);
  return file;
}

/** A cache file's stamp line, its index of parts and its body. */
interface CacheFile {
  stamp: string;
  index: Record<string, [number, number]>;
  body: Buffer;
}

function parseCache(bytes: Buffer): CacheFile {
  const first = bytes.indexOf(0x0a);
  const second = bytes.indexOf(0x0a, first + 1);
  return {
    stamp: bytes.subarray(0, first).toString('utf8'),
    index: JSON.parse(bytes.subarray(first + 1, second).toString('utf8')) as Record<string, [number, number]>,
    body: bytes.subarray(second + 1),
  };
}

function cacheBytes({ stamp, index, body }: CacheFile): Buffer {
  return Buffer.concat([Buffer.from(`${stamp}\n${JSON.stringify(index)}\n`), body]);
}

/** The cache with the cached code of the named parts overwritten with garbage (same length: V8 must refuse it). */
function damageParts(cache: CacheFile, names: readonly string[]): Buffer {
  const body = Buffer.from(cache.body);
  for (const name of names) {
    const [offset, length] = cache.index[name]!;
    body.fill(0x5a, offset, offset + length);
  }
  return cacheBytes({ ...cache, body });
}

const FROM_CACHE = 'xxgk：从代码缓存启动';
const NOT_FROM_CACHE = 'xxgk：未用代码缓存启动';

describe('starting from the code cache', () => {
  it('is built by npm run build, beside the bundled script', async () => {
    expect((await stat(CACHE)).size).toBeGreaterThan(100_000);
    const { cacheStamp } = await import('../../src/cli/cold/code-cache.js');
    const head = (await readFile(CACHE)).subarray(0, 400).toString('utf8');
    expect(head.slice(0, head.indexOf('\n'))).toBe(cacheStamp(await stat(path.resolve('dist/bundle/xxgk.parts'))));
    // Every part of the program has its own cached code.
    const parts = JSON.parse((await readFile('dist/bundle/xxgk.parts')).subarray(0, 100_000).toString('utf8').split('\n')[0]!) as { parts: Record<string, unknown> };
    const cache = parseCache(await readFile(CACHE));
    expect(Object.keys(cache.index).sort()).toEqual(Object.keys(parts.parts).sort());
    expect(Object.keys(cache.index).length).toBeGreaterThan(10);
    for (const [offset, length] of Object.values(cache.index)) expect(offset + length).toBeLessThanOrEqual(cache.body.length);
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
  }, 120_000);

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
  }, 120_000);

  it('starts the normal way from a stale or corrupt cache, with the same results, and rebuilds the cache', async () => {
    const dir = await tempDir();
    const cacheFile = await ownCache(dir);
    const good = await readFile(cacheFile);
    const newline = good.indexOf(0x0a);
    const parsed = parseCache(good);
    const reference = path.join(dir, 'reference');
    await mkdir(reference);
    expect((await xxgk(['build', SAMPLE, '--to', 'docx,pdf,xlsx', '--out', reference], { XXGK_CODE_CACHE: '0' })).code).toBe(0);
    const expected = await outputsOf(reference);

    const damaged: [string, Buffer, string][] = [
      // Made for another build of the program.
      ['stale', Buffer.concat([Buffer.from('{"size":1,"mtime":2,"node":"v0.0.0"}\n'), good.subarray(newline + 1)]), '已过期'],
      // The right stamp and index, but the entry part's compiled code is garbage: V8 refuses it.
      ['corrupt', damageParts(parsed, ['xxgk.js']), 'V8 拒绝了代码缓存'],
      // Cut short.
      ['truncated', good.subarray(0, good.length - 1000), '代码缓存不完整'],
      // No index of the parts.
      ['no index', Buffer.concat([good.subarray(0, newline + 1), Buffer.from('[[[\n'), parsed.body]), '已损坏'],
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

  it('compiles a part whose cached code is damaged or missing from its source, with the same results', async () => {
    const dir = await tempDir();
    const cacheFile = await ownCache(dir);
    const cache = parseCache(await readFile(cacheFile));
    const reference = path.join(dir, 'reference');
    await mkdir(reference);
    expect((await xxgk(['build', SAMPLE, '--to', 'docx,pdf,xlsx', '--out', reference], { XXGK_CODE_CACHE: '0' })).code).toBe(0);
    const expected = await outputsOf(reference);
    const later = Object.keys(cache.index).filter((name) => name !== 'xxgk.js');
    const pdfPart = later.find((name) => name.startsWith('pdf-'));
    expect(pdfPart).toBeDefined();
    const { [pdfPart!]: _dropped, ...withoutPdf } = cache.index;

    const cases: [string, Buffer, string[], string][] = [
      // Every part but the entry damaged: the process starts from the cache and compiles each part it loads from its source.
      ['every part', damageParts(cache, later), [pdfPart!], 'V8 拒绝了代码缓存'],
      // Only the PDF engine's part.
      ['pdf part', damageParts(cache, [pdfPart!]), [pdfPart!], 'V8 拒绝了代码缓存'],
      // The PDF engine's part missing from the cache's index (a cache of another layout).
      ['pdf part missing', cacheBytes({ ...cache, index: withoutPdf }), [pdfPart!], '代码缓存中没有这一部分'],
    ];
    for (const [name, bytes, reported, reason] of cases) {
      await writeFile(cacheFile, bytes);
      const out = path.join(dir, name.replaceAll(' ', '-'));
      await mkdir(out);
      // The lone PDF is rendered on the main thread, whose messages are certain to arrive.
      const runs = [
        await xxgk(['build', SAMPLE, '--to', 'pdf', '--out', out], { XXGK_CODE_CACHE_FILE: cacheFile, XXGK_CODE_CACHE_REBUILD: '0' }),
        await xxgk(['build', SAMPLE, '--to', 'docx,pdf,xlsx', '--out', out], { XXGK_CODE_CACHE_FILE: cacheFile, XXGK_CODE_CACHE_REBUILD: '0' }),
      ];
      for (const run of runs) {
        expect(run.code, name).toBe(0);
        expect(run.stderr, name).toContain(FROM_CACHE);
      }
      for (const part of reported) expect(runs[0]!.stderr, name).toContain(`xxgk：${part} 未用代码缓存（${reason}`);
      expect(await outputsOf(out), name).toEqual(expected);
    }
    // A damaged part has the cache rebuilt, as a damaged entry does.
    await writeFile(cacheFile, damageParts(cache, [pdfPart!]));
    const out = path.join(dir, 'rebuild');
    await mkdir(out);
    const run = await xxgk(['build', SAMPLE, '--to', 'pdf', '--out', out], { XXGK_CODE_CACHE_FILE: cacheFile });
    expect(run.stderr).toContain(`xxgk：${pdfPart} 未用代码缓存（V8 拒绝了代码缓存`);
    expect(run.stderr).toContain('已在后台重新生成');
    const deadline = Date.now() + 100_000;
    let rebuilt = false;
    while (!rebuilt && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      try {
        const now = parseCache(await readFile(cacheFile));
        const [offset, length] = now.index[pdfPart!]!;
        rebuilt = now.stamp === cache.stamp && !now.body.subarray(offset, offset + length).every((byte) => byte === 0x5a);
      } catch {
        rebuilt = false;
      }
    }
    expect(rebuilt).toBe(true);
    const again = await xxgk(['build', SAMPLE, '--to', 'pdf', '--out', out], { XXGK_CODE_CACHE_FILE: cacheFile });
    expect(again.stderr).toContain(FROM_CACHE);
    expect(again.stderr).not.toContain('未用代码缓存');
  }, 240_000);

  it('validates from the cache as from the ES module bundle, and leaves other commands on the bundle', async () => {
    const dir = await tempDir();
    const cacheFile = await ownCache(dir);
    const stdout = async (args: string[], env: Record<string, string>) => {
      try {
        const { stdout: text, stderr } = await execFileAsync(process.execPath, [BIN, ...args], { env: { ...process.env, XXGK_START_TRACE: '1', ...env } });
        return { text, stderr, code: 0 };
      } catch (error) {
        const failure = error as { code: number; stdout: string; stderr: string };
        return { text: failure.stdout, stderr: failure.stderr, code: failure.code };
      }
    };
    // The sample is valid; a seed of 2020 has diagnostics to report.
    for (const file of [SAMPLE, SEED]) {
      const cached = await stdout(['validate', file, '--json'], { XXGK_CODE_CACHE_FILE: cacheFile });
      const normal = await stdout(['validate', file, '--json'], { XXGK_CODE_CACHE: '0' });
      expect(cached.stderr).toContain(FROM_CACHE);
      expect(normal.stderr).toContain(NOT_FROM_CACHE);
      expect(cached.code).toBe(normal.code);
      expect(JSON.parse(cached.text)).toEqual(JSON.parse(normal.text));
    }
    // From the cache, validate runs no part holding an output's library (the parts' sources: xxgk.parts.origins.json).
    const loaded = path.join(dir, 'loaded.txt');
    expect((await xxgk(['validate', SAMPLE], { XXGK_CODE_CACHE_FILE: cacheFile, XXGK_LOADED_PARTS: loaded })).code).toBe(0);
    const origins = JSON.parse(await readFile('dist/bundle/xxgk.parts.origins.json', 'utf8')) as { sources: string[]; parts: Record<string, [number, number, number][]> };
    const names = (await readFile(loaded, 'utf8')).split('\n').filter(Boolean);
    expect(names).toContain('xxgk.js');
    const packages = new Set(
      names.flatMap((name) => origins.parts[name]!.map(([, , id]) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(origins.sources[id] ?? '')?.[1]).filter(Boolean)),
    );
    expect(packages).toContain('yaml');
    for (const heavy of ['docx', 'pdfmake', 'pdfkit', 'fontkit', 'exceljs', 'handlebars', 'jszip', 'linebreak']) expect(packages, heavy).not.toContain(heavy);
    const run = await xxgk(['fonts'], {});
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('xxgk：从 ES 模块启动');
  }, 120_000);
});
