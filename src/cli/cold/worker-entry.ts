/**
 * The batch worker as piscina starts it when the process itself started from
 * the code cache (see code-cache.ts): the task function of the cached script,
 * or, when this thread cannot use the cache, that of the ES module bundle.
 */
import { startFromCache } from './code-cache.js';

const started = startFromCache();
const task = started.bundle
  ? await started.bundle.batchWorker()
  : ((await import(new URL('../../bundle/worker.js', import.meta.url).href)) as { default: unknown }).default;

export default task;
