#!/usr/bin/env node
// The `xxgk` command: runs the bundled CLI (built by `npm ci` / `npm run build`).
import module from 'node:module';

const argv = process.argv.slice(2);
const trace = process.env.XXGK_START_TRACE === '1' || argv.includes('--debug');

/**
 * `xxgk build` and `xxgk validate` start from the code cache of the program's
 * parts when there is a usable one (dist/cli/cold/code-cache.js): each part
 * they run is read and compiled from its cached code, the rest is not read.
 * Other commands start from the ES module bundle, which loads only the
 * modules they use, as does any process that cannot use the cache — it then
 * has the cache rebuilt in the background.
 */
async function start() {
  const command = argv.find((arg) => !arg.startsWith('-'));
  // Threads started later say when a part could not use its cached code.
  if (trace) process.env.XXGK_START_TRACE = '1';
  if (command === 'build' || command === 'validate') {
    const { startFromCache, scheduleRebuild } = await import('../dist/cli/cold/code-cache.js');
    const started = startFromCache();
    if (!started.used) {
      const rebuilding = await scheduleRebuild();
      if (trace) process.stderr.write(`xxgk：未用代码缓存启动（${started.reason}）${rebuilding ? '，已在后台重新生成' : ''}\n`);
    } else if (trace) {
      process.stderr.write('xxgk：从代码缓存启动\n');
    }
    if (started.bundle) return started.bundle.runCli;
  } else if (trace) {
    process.stderr.write('xxgk：从 ES 模块启动\n');
  }
  // Node 22+ keeps compiled code between runs, which shortens every later start; Node 20 has no such cache.
  module.enableCompileCache?.();
  return (await import('../dist/bundle/main.js')).runCli;
}

const runCli = await start();
process.exitCode = await runCli(argv);
