#!/usr/bin/env node
// The `xxgk` command: runs the compiled CLI (built by `npm ci` / `npm run build`).
import { runCli } from '../dist/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));
