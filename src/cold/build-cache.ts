/**
 * Builds the code cache of dist/bundle/xxgk.cjs (see code-cache.ts): runs the
 * script once, renders the bundled sample to every output in memory, saves the
 * compiled code. Run by `npm run build`, and in the background by a process
 * that found the cache missing or stale. Exits 1 and says why when it fails.
 */
import { unlinkSync } from 'node:fs';
import { cacheFile, runBundle, writeCache } from './code-cache.js';

try {
  const { bundle, script } = runBundle();
  await bundle.warmUp();
  writeCache(script);
  if (process.argv.includes('--verbose')) console.log(`code cache → ${cacheFile()}`);
} catch (error) {
  console.error(`xxgk: could not build the code cache: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
} finally {
  if (process.env.XXGK_CODE_CACHE_LOCK) {
    try {
      unlinkSync(process.env.XXGK_CODE_CACHE_LOCK);
    } catch {
      // Already gone.
    }
  }
}
