#!/usr/bin/env node
// The `xxgk` command: runs the bundled CLI (built by `npm ci` / `npm run build`).
import module from 'node:module';

// Node 22+ keeps compiled code between runs, which shortens every later start; Node 20 has no such cache.
module.enableCompileCache?.();
const { runCli } = await import('../dist/bundle/main.js');

process.exitCode = await runCli(process.argv.slice(2));
