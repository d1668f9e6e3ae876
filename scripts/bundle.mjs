#!/usr/bin/env node
/**
 * Part of `npm run build`: bundles the command line (dist/cli/main.js) and the
 * batch worker (dist/batch/worker.js) with esbuild into dist/bundle/, which is
 * what bin/xxgk.js runs.
 *
 * Why: on Node 20 a cold `xxgk validate` spent most of its time resolving and
 * compiling a few hundred small module files (zod, yaml, yargs and their
 * dependencies); one file per command path starts in about half the time.
 * Each command, format and emitter stays its own chunk, loaded only when
 * asked for, so `xxgk validate` still loads neither pdfmake nor exceljs.
 *
 * Chunks sit in dist/bundle/, two folders below the package like every module
 * of dist/<folder>/, so paths the code builds from its own location keep
 * working; pdfmake is not bundled (the PDF engine loads its internals by path
 * at run time).
 *
 * A few parts of dependencies that xxgk never calls are left out because they
 * cost start-up time; each is replaced by a module that throws if it is ever
 * reached, so a future use fails loudly instead of silently:
 *   - exceljs: the streaming reader/writer and CSV (we only build workbooks
 *     in memory; importing uses our own reader).
 * jszip, which zips exceljs' workbooks, deflates with pako (JavaScript); in
 * the bundle its deflate worker uses Node's zlib instead
 * (scripts/bundle-parts/jszip-flate.cjs), about 0.2 s less per cold build.
 * And yargs' `string-width` 8 compiles a Unicode property-of-strings regular
 * expression (\p{RGI_Emoji}) when its module is parsed, about 50 ms on this
 * machine for every start (cliui's older copy builds a large emoji pattern);
 * yargs and cliui use it only to lay out --help, so for them it is replaced
 * by the width our own typesetting uses (src/cli/text-width-lite).
 */
import { build } from 'esbuild';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'bundle');

import { buildParts } from './bundle-parts/cold-parts.mjs';
import { bundledRequires, leaveOut } from './bundle-parts/plugins.mjs';

const result = await build({
  absWorkingDir: root,
  entryPoints: { main: 'dist/cli/main.js', worker: 'dist/batch/worker.js', 'render-thread': 'dist/batch/render-thread.js' },
  outdir,
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // XXGK_BUNDLE_MINIFY=0 keeps names readable in CPU profiles.
  minify: process.env.XXGK_BUNDLE_MINIFY !== '0',
  sourcemap: 'linked',
  // piscina starts its own worker file found beside its module (__dirname).
  external: ['piscina'],
  // CommonJS dependencies call require() for Node's own modules; ESM output has no require of its own.
  banner: { js: "import { createRequire as __xxgkCreateRequire } from 'node:module'; const require = __xxgkCreateRequire(import.meta.url);" },
  plugins: [bundledRequires, leaveOut],
  logLevel: 'warning',
  metafile: true,
});
const files = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js'));
const bytes = files.reduce((sum, file) => sum + result.metafile.outputs[file].bytes, 0);
// Files of an earlier bundle go only now, so a process running meanwhile still finds the chunks it loads.
const current = new Set(Object.keys(result.metafile.outputs).map((file) => path.resolve(root, file)));
for (const name of readdirSync(outdir)) {
  if (/\.js(\.map)?$/.test(name) && !current.has(path.join(outdir, name))) rmSync(path.join(outdir, name));
}
writeFileSync(path.join(outdir, 'meta.json'), JSON.stringify(result.metafile));
console.log(`bundled ${files.length} files (${(bytes / 1024).toFixed(0)} KB) → ${path.relative(root, outdir)}`);

// The same program in parts, each a CommonJS function with a code cache of its own, for `xxgk build`
// (scripts/bundle-parts/cold-parts.mjs, src/cli/cold/code-cache.ts; the cache is built by
// dist/cli/cold/build-cache.js after this). The single-script bundle of earlier builds goes.
const parts = await buildParts({ root, outdir, minify: process.env.XXGK_BUNDLE_MINIFY !== '0' });
for (const stale of ['xxgk.cjs', 'xxgk.cjs.cache']) rmSync(path.join(outdir, stale), { force: true });
console.log(`code-cache parts: ${parts.count} (${(parts.bytes / 1024).toFixed(0)} KB) → ${path.relative(root, path.join(outdir, 'xxgk.parts'))}`);
