/**
 * The render thread (batch/render-thread.ts) as a process started from the
 * code cache starts it (see code-cache.ts): from the cached script, or, when
 * this thread cannot use the cache, from the ES module bundle.
 */
import { startFromCache } from './code-cache.js';

const started = startFromCache();
if (started.bundle) await started.bundle.renderThread();
else await import(new URL('../../bundle/render-thread.js', import.meta.url).href);
