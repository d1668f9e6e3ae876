/**
 * Starting warm from a V8 code cache (issue #16).
 *
 * `npm run build` also bundles the whole program, its libraries included
 * (docx, exceljs, pdfkit, pdfmake, fontkit), into parts: esbuild's chunks of
 * the program split at its dynamic imports, each a CommonJS function, all in
 * one file, dist/bundle/xxgk.parts (scripts/bundle-parts/cold-parts.mjs). It
 * then runs them once (build-cache.ts): it renders the bundled sample to DOCX,
 * PDF and XLSX in memory and saves V8's compiled code of every part
 * (xxgk.parts.cache). A later process reads the two files' indexes and then
 * only the parts it runs, each compiled from its cached code: the PDF render
 * thread reads the PDF engine and fonts, not the command line, DOCX or XLSX;
 * `validate` reads neither.
 *
 * The cache is never committed. Its first line says what it was made for (the
 * parts file's size and time, the Node version, the platform), its second
 * where each part's code is; V8 checks its own version and flags. A process
 * that finds it missing, stale, cut short or its entry part rejected starts
 * the normal way (the ES module bundle) and starts a rebuild in the
 * background; a part rejected later is compiled from its source (the same
 * code) and also has the cache rebuilt. `XXGK_START_TRACE=1` or `--debug`
 * prints which way a process started and every part compiled without its
 * cache. `XXGK_CODE_CACHE=0` turns the cache off, `XXGK_CODE_CACHE_REBUILD=0`
 * only the background rebuild; `XXGK_CODE_CACHE_FILE` puts the cache
 * elsewhere (the tests use both).
 */
import { spawn } from 'node:child_process';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { appendTraceLineSync } from '../../io/output-file.js';

/** What the entry part exports (src/cli/cold/bundle-entry.ts). */
export interface BundleExports {
  runCli(argv: readonly string[]): Promise<number>;
  warmUp(): Promise<void>;
  batchWorker(): Promise<unknown>;
  renderThread(): Promise<void>;
}

export const PARTS_FILE = fileURLToPath(new URL('../../bundle/xxgk.parts', import.meta.url));
const BUNDLE_DIR = path.dirname(PARTS_FILE);
/** What `import.meta.url` is in the parts: the ES bundle's main.js, so paths built from it are the same. */
const MODULE_URL = new URL('../../bundle/main.js', import.meta.url).href;
const BUILDER_FILE = fileURLToPath(new URL('./build-cache.js', import.meta.url));

export function cacheFile(): string {
  return process.env.XXGK_CODE_CACHE_FILE || `${PARTS_FILE}.cache`;
}

/** The first line of a cache file: what the cache was made for. */
export function cacheStamp(parts: Stats): string {
  return JSON.stringify({ size: parts.size, mtime: Math.trunc(parts.mtimeMs), node: process.version, platform: process.platform, arch: process.arch });
}

/** Where each part is in a file's body: name → [offset, length] in bytes (and, in the parts file, 1 when not ASCII). */
type PartIndex = Record<string, [number, number, number?]>;

/** An open file of parts: its first lines, and where its body starts. */
interface IndexedFile {
  fd: number;
  lines: string[];
  body: number;
  size: number;
}

/** Opens a file and reads its first `count` lines (the index), not the rest. */
function openIndexed(file: string, count: number): IndexedFile {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    let head = Buffer.alloc(0);
    let newlines: number[] = [];
    while (newlines.length < count && head.length < size) {
      const block = Buffer.allocUnsafe(Math.min(16384, size - head.length));
      const read = readSync(fd, block, 0, block.length, head.length);
      if (read <= 0) break;
      head = Buffer.concat([head, block.subarray(0, read)]);
      newlines = [];
      for (let at = head.indexOf(0x0a); at >= 0 && newlines.length < count; at = head.indexOf(0x0a, at + 1)) newlines.push(at);
    }
    const lines = newlines.map((end, i) => head.subarray(i === 0 ? 0 : newlines[i - 1]! + 1, end).toString('utf8'));
    return { fd, lines, body: newlines.length === count ? newlines[count - 1]! + 1 : size, size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function readRange(file: IndexedFile, [offset, length]: [number, number, number?]): Buffer | undefined {
  if (file.body + offset + length > file.size) return undefined;
  const bytes = Buffer.allocUnsafe(length);
  return readSync(file.fd, bytes, 0, length, file.body + offset) === length ? bytes : undefined;
}

/** A part compiled from its source, not from the cache, and why. */
export interface UncachedPart {
  name: string;
  reason: string;
}

/**
 * The parts of the program in one isolate: each is read, compiled (from its
 * cached code when there is one) and run when first required.
 */
export class Parts {
  private readonly modules = new Map<string, { exports: unknown }>();
  readonly scripts = new Map<string, vm.Script>();
  readonly uncached: UncachedPart[] = [];
  private readonly nodeRequire = createRequire(PARTS_FILE);
  /** The `require` of every part: another part by its name (`./<name>`), else Node's (built-ins, piscina, require.resolve). */
  private readonly require = Object.assign(
    (id: string): unknown => {
      const name = id.startsWith('./') ? id.slice(2) : undefined;
      return name !== undefined && Object.hasOwn(this.index, name) ? this.load(name) : this.nodeRequire(id);
    },
    { resolve: this.nodeRequire.resolve, cache: this.nodeRequire.cache },
  );

  constructor(
    private readonly source: IndexedFile,
    readonly index: PartIndex,
    private readonly cache?: { file: IndexedFile; index: PartIndex },
    /** Called for a part that could not use its cached code (after the entry part). */
    private readonly onUncached?: (part: UncachedPart) => void,
  ) {}

  /** The source of a part (most are ASCII, faster read as Latin-1: see scripts/bundle-parts/cold-parts.mjs). */
  partSource(name: string): string {
    const range = this.index[name]!;
    const bytes = readRange(this.source, range);
    if (!bytes) throw new Error(`${PARTS_FILE} is cut short (part ${name})`);
    return bytes.toString(range[2] ? 'utf8' : 'latin1');
  }

  /** Runs a part (once) and returns its exports. */
  load(name: string): unknown {
    const loaded = this.modules.get(name);
    if (loaded) return loaded.exports;
    const range = this.cache?.index[name];
    const cachedData = range && this.cache ? readRange(this.cache.file, range) : undefined;
    const filename = path.join(BUNDLE_DIR, 'parts', name);
    const script = new vm.Script(this.partSource(name), { filename, ...(cachedData ? { cachedData } : {}) });
    this.scripts.set(name, script);
    if (this.cache && (!cachedData || script.cachedDataRejected)) {
      const part = { name, reason: !range ? '代码缓存中没有这一部分' : !cachedData ? '代码缓存不完整' : 'V8 拒绝了代码缓存（版本或选项不同，或文件已损坏）' };
      this.uncached.push(part);
      if (this.modules.size > 0) this.onUncached?.(part);
    }
    const module = { exports: {} };
    this.modules.set(name, module);
    // For the tests: which parts a process runs.
    if (process.env.XXGK_LOADED_PARTS) appendTraceLineSync(process.env.XXGK_LOADED_PARTS, name);
    const run = script.runInThisContext() as (...args: unknown[]) => void;
    run.call(module.exports, module.exports, this.require, module, filename, BUNDLE_DIR, MODULE_URL);
    return module.exports;
  }

  /** The entry part's exports. */
  entry(): BundleExports {
    return this.load(ENTRY) as BundleExports;
  }
}

const ENTRY = 'xxgk.js';

function openParts(): { source: IndexedFile; index: PartIndex; stats: Stats } {
  const source = openIndexed(PARTS_FILE, 1);
  const index = (JSON.parse(source.lines[0] ?? '{}') as { parts?: PartIndex }).parts;
  if (!index || !Object.hasOwn(index, ENTRY)) {
    closeSync(source.fd);
    throw new Error(`${PARTS_FILE} has no index`);
  }
  return { source, index, stats: fstatSync(source.fd) };
}

/** Runs the parts without cached code (build-cache.js does, before saving the code). */
export function runBundle(): { bundle: BundleExports; parts: Parts } {
  const { source, index } = openParts();
  const parts = new Parts(source, index);
  return { bundle: parts.entry(), parts };
}

export type CacheStart =
  | { used: true; bundle: BundleExports; parts: Parts }
  /** Not started from the cache; `bundle` is set when the parts were compiled anyway (the entry part's cache was rejected). */
  | { used: false; reason: string; bundle?: BundleExports; parts?: Parts };

/** Says on stderr, under XXGK_START_TRACE=1, that a part was compiled without its cached code, and has the cache rebuilt. */
function partUncached(part: UncachedPart): void {
  void scheduleRebuild().then((rebuilding) => {
    if (process.env.XXGK_START_TRACE === '1') {
      process.stderr.write(`xxgk：${part.name} 未用代码缓存（${part.reason}），按常规编译${rebuilding ? '，已在后台重新生成' : ''}\n`);
    }
  });
}

/**
 * Starts the program's entry part from the code cache when the cache is there
 * and made for these parts and this Node; otherwise says why not.
 */
export function startFromCache(): CacheStart {
  if (process.env.XXGK_CODE_CACHE === '0') return { used: false, reason: 'XXGK_CODE_CACHE=0' };
  let opened: ReturnType<typeof openParts>;
  try {
    opened = openParts();
  } catch {
    return { used: false, reason: `没有 ${PARTS_FILE}` };
  }
  const { source, index, stats } = opened;
  let cache: IndexedFile;
  try {
    cache = openIndexed(cacheFile(), 2);
  } catch {
    closeSync(source.fd);
    return { used: false, reason: '代码缓存尚未生成' };
  }
  const fail = (reason: string): CacheStart => {
    closeSync(source.fd);
    closeSync(cache.fd);
    return { used: false, reason };
  };
  if (cache.lines[0] !== cacheStamp(stats)) return fail('代码缓存已过期（程序或 Node 版本变了）');
  let cacheIndex: PartIndex;
  try {
    cacheIndex = JSON.parse(cache.lines[1] ?? '') as PartIndex;
  } catch {
    return fail('代码缓存已损坏（没有目录）');
  }
  const end = Math.max(0, ...Object.values(cacheIndex).map(([offset, length]) => offset + length));
  if (cache.body + end > cache.size) return fail('代码缓存不完整（文件被截断）');
  const parts = new Parts(source, index, { file: cache, index: cacheIndex }, partUncached);
  try {
    const bundle = parts.entry();
    const entry = parts.uncached.find((part) => part.name === ENTRY);
    if (entry) return { used: false, reason: entry.reason, bundle, parts };
    return { used: true, bundle, parts };
  } catch (error) {
    return { used: false, reason: `代码缓存无法使用：${(error as Error).message}` };
  }
}

/**
 * Writes the code cache of parts that have run (atomically, like every
 * output: other processes read it meanwhile). A part that did not run is
 * compiled now, so that its top-level code is cached too.
 */
export async function writeCache(parts: Parts, file = cacheFile()): Promise<void> {
  const index: PartIndex = {};
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const name of Object.keys(parts.index)) {
    const script = parts.scripts.get(name) ?? new vm.Script(parts.partSource(name), { filename: path.join(BUNDLE_DIR, 'parts', name) });
    const data = script.createCachedData();
    index[name] = [offset, data.length];
    chunks.push(data);
    offset += data.length;
  }
  const { writeFileAtomic } = await import('../../io/output-file.js');
  await writeFileAtomic(file, Buffer.concat([Buffer.from(`${cacheStamp(statSync(PARTS_FILE))}\n${JSON.stringify(index)}\n`), ...chunks]));
}

/** The rebuild's lock file: “building” while build-cache.js runs, “done” after. */
export function rebuildLock(): string {
  return `${cacheFile()}.building`;
}

/** Marks the rebuild finished (the lock file says “done”). */
export async function releaseRebuildLock(lock: string): Promise<void> {
  const { writeFileAtomic } = await import('../../io/output-file.js');
  await writeFileAtomic(lock, 'done');
}

/** How long a rebuild may take before another process may start one. */
const REBUILD_LOCK_MS = 120_000;

/**
 * Starts build-cache.js in the background (detached, its output discarded),
 * unless another process started one a short while ago. Returns whether it did.
 */
export async function scheduleRebuild(): Promise<boolean> {
  if (process.env.XXGK_CODE_CACHE === '0' || process.env.XXGK_CODE_CACHE_REBUILD === '0') return false;
  const lock = rebuildLock();
  try {
    const { writeFileAtomic } = await import('../../io/output-file.js');
    let held: { text: string; age: number } | undefined;
    try {
      held = { text: readFileSync(lock, 'utf8'), age: Date.now() - statSync(lock).mtimeMs };
    } catch {
      held = undefined;
    }
    if (held && held.text !== 'done' && held.age < REBUILD_LOCK_MS) return false;
    // Only one of several processes that find no lock at the same moment creates it (overwrite: false).
    await writeFileAtomic(lock, `building ${process.pid}`, held ? {} : { overwrite: false });
    const child = spawn(process.execPath, [BUILDER_FILE], { detached: true, stdio: 'ignore', env: { ...process.env, XXGK_CODE_CACHE_LOCK: lock } });
    child.on('error', () => {});
    child.unref();
    return true;
  } catch {
    // A read-only installation (or another process took the lock): this process runs the normal way.
    return false;
  }
}
