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
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'bundle');

/** Modules replaced by a stub: [package-relative path suffix, what it was for]. */
const LEFT_OUT = [
  [/[\\/]exceljs[\\/]lib[\\/]stream[\\/]xlsx[\\/]workbook-(reader|writer)\.js$/, 'exceljs 的流式读写'],
  [/[\\/]exceljs[\\/]lib[\\/]csv[\\/]csv\.js$/, 'exceljs 的 CSV 读写'],
];

const JSZIP_FLATE = /[\\/]jszip[\\/]lib[\\/]flate\.js$/;

const leaveOut = {
  name: 'leave-out-unused',
  setup(esbuild) {
    esbuild.onLoad({ filter: JSZIP_FLATE }, (args) => ({
      contents: readFileSync(path.join(root, 'scripts', 'bundle-parts', 'jszip-flate.cjs'), 'utf8'),
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
    esbuild.onLoad({ filter: /\.js$/ }, (args) => {
      const match = LEFT_OUT.find(([pattern]) => pattern.test(args.path));
      if (!match) return undefined;
      const message = `xxgk 的发行版不含${match[1]}（${path.basename(args.path)}）`;
      return { contents: `module.exports = function leftOut() { throw new Error(${JSON.stringify(message)}); };`, loader: 'js' };
    });
    esbuild.onResolve({ filter: /^string-width$/ }, (args) =>
      /[\\/]node_modules[\\/](yargs|cliui|wrap-ansi)[\\/]/.test(args.importer) ? { path: path.join(root, 'dist', 'cli', 'text-width-lite.js') } : undefined,
    );
  },
};

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
  // piscina starts its own worker file found beside its module (__dirname); pdfmake, see above.
  external: ['pdfmake', 'pdfmake/*', 'piscina'],
  // CommonJS dependencies call require() for Node's own modules; ESM output has no require of its own.
  banner: { js: "import { createRequire as __xxgkCreateRequire } from 'node:module'; const require = __xxgkCreateRequire(import.meta.url);" },
  plugins: [leaveOut],
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
