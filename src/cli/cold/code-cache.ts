/**
 * Starting warm from a V8 code cache (issue #16).
 *
 * `npm run build` also bundles the whole program, its libraries included
 * (docx, exceljs, pdfkit, pdfmake, fontkit), into one CommonJS script,
 * dist/bundle/xxgk.cjs, then runs it once (build-cache.ts): it renders the
 * bundled sample to DOCX, PDF and XLSX in memory and saves V8's compiled code
 * of everything that ran beside the script (xxgk.cjs.cache). A later process
 * that builds reports compiles the script from that cache instead of parsing
 * and compiling the libraries' code again, in the main thread, in the PDF
 * render thread and in every batch worker.
 *
 * The cache is never committed. Its first line says what it was made for (the
 * script's size and time, the Node version, the platform); V8 checks its own
 * version and flags. A process that finds it missing, stale, unreadable or
 * rejected starts the normal way (the ES module bundle, or the script compiled
 * without the cache — the same code) and starts a rebuild in the background;
 * `XXGK_START_TRACE=1` or `--debug` prints which way a process started.
 * `XXGK_CODE_CACHE=0` turns the cache off, `XXGK_CODE_CACHE_REBUILD=0` only
 * the background rebuild; `XXGK_CODE_CACHE_FILE` puts the cache elsewhere
 * (the tests use both).
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/** What the bundled script exports (src/cli/cold/bundle-entry.ts). */
export interface BundleExports {
  runCli(argv: readonly string[]): Promise<number>;
  warmUp(): Promise<void>;
  batchWorker(): Promise<unknown>;
  renderThread(): Promise<void>;
}

export const BUNDLE_FILE = fileURLToPath(new URL('../../bundle/xxgk.cjs', import.meta.url));
const BUILDER_FILE = fileURLToPath(new URL('./build-cache.js', import.meta.url));

export function cacheFile(): string {
  return process.env.XXGK_CODE_CACHE_FILE || `${BUNDLE_FILE}.cache`;
}

/** The first line of a cache file: what the cache was made for. */
export function cacheStamp(bundle: Stats): string {
  return JSON.stringify({ size: bundle.size, mtime: Math.trunc(bundle.mtimeMs), node: process.version, platform: process.platform, arch: process.arch });
}

export type CacheStart =
  | { used: true; bundle: BundleExports; script: vm.Script }
  /** Not started from the cache; `bundle` is set when the script was compiled anyway (the cache was rejected by V8). */
  | { used: false; reason: string; bundle?: BundleExports; script?: vm.Script };

function wrap(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}

/** Compiles and runs the bundled script, with the cached code when given; returns its exports. */
export function runBundle(cachedData?: Buffer): { bundle: BundleExports; script: vm.Script } {
  const source = readFileSync(BUNDLE_FILE, 'utf8');
  const script = new vm.Script(wrap(source), { filename: BUNDLE_FILE, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as BundleExports };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(BUNDLE_FILE), module, BUNDLE_FILE, path.dirname(BUNDLE_FILE));
  return { bundle: module.exports, script };
}

/**
 * Starts the bundled script from the code cache when the cache is there and
 * made for this script and this Node; otherwise says why not.
 */
export function startFromCache(): CacheStart {
  if (process.env.XXGK_CODE_CACHE === '0') return { used: false, reason: 'XXGK_CODE_CACHE=0' };
  let bundleStats: Stats;
  let cache: Buffer;
  try {
    bundleStats = statSync(BUNDLE_FILE);
  } catch {
    return { used: false, reason: `没有 ${BUNDLE_FILE}` };
  }
  try {
    cache = readFileSync(cacheFile());
  } catch {
    return { used: false, reason: '代码缓存尚未生成' };
  }
  const newline = cache.indexOf(0x0a);
  if (newline < 0 || cache.subarray(0, newline).toString('utf8') !== cacheStamp(bundleStats)) {
    return { used: false, reason: '代码缓存已过期（程序或 Node 版本变了）' };
  }
  try {
    const started = runBundle(cache.subarray(newline + 1));
    if (started.script.cachedDataRejected) return { used: false, reason: 'V8 拒绝了代码缓存（版本或选项不同）', ...started };
    return { used: true, ...started };
  } catch (error) {
    return { used: false, reason: `代码缓存无法使用：${(error as Error).message}` };
  }
}

/** Writes the code cache of a script that has run (atomically, like every output: other processes read it meanwhile). */
export async function writeCache(script: vm.Script, file = cacheFile()): Promise<void> {
  const data = script.createCachedData();
  const { writeFileAtomic } = await import('../../io/output-file.js');
  await writeFileAtomic(file, Buffer.concat([Buffer.from(`${cacheStamp(statSync(BUNDLE_FILE))}\n`), data]));
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
