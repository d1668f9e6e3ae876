/**
 * Builds the code cache of dist/bundle/xxgk.parts (see code-cache.ts): runs the
 * parts once, renders the bundled sample to every output in memory, saves the
 * compiled code. Run by `npm run build`, and in the background by a process
 * that found the cache missing or stale. When it fails it says why and exits 1
 * (0 under `npm run build`, which must not fail for it: xxgk then starts the
 * normal way).
 */
import { cacheFile, releaseRebuildLock, runBundle, writeCache } from './code-cache.js';

try {
  const { bundle, parts } = runBundle();
  await bundle.warmUp();
  await writeCache(parts);
  if (process.argv.includes('--verbose')) console.log(`code cache → ${cacheFile()}`);
} catch (error) {
  console.error(`xxgk: could not build the code cache (xxgk build will start the normal way): ${(error as Error).stack ?? error}`);
  // At `npm run build` (--verbose) a missing cache is not a failed installation; in the background the exit code is the report.
  if (!process.argv.includes('--verbose')) process.exitCode = 1;
} finally {
  if (process.env.XXGK_CODE_CACHE_LOCK) await releaseRebuildLock(process.env.XXGK_CODE_CACHE_LOCK).catch(() => {});
}
