#!/usr/bin/env node
/**
 * Part of `npm run build`: bundles the workbench's page (src/workbench/client,
 * Preact) with esbuild into dist/workbench/app.js and app.css, which
 * `xxgk serve` serves from the package — no CDN, no network at run time.
 *
 * The page validates in the browser with the very modules the CLI uses
 * (formats, validate, io/load). Those modules import a few Node built-ins
 * for their file functions, which the page never calls: `node:path` is given
 * the little the loaders use on names (basename, extname), every other
 * built-in a module that throws if it is ever reached.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'workbench');

const PATH_SHIM = `
const cut = (p) => String(p).replace(/[\\\\/]+$/, '');
export function basename(p, ext) { const b = cut(p).split(/[\\\\/]/).pop() ?? ''; return ext && b.endsWith(ext) ? b.slice(0, -ext.length) : b; }
export function extname(p) { const b = basename(p); const i = b.lastIndexOf('.'); return i > 0 ? b.slice(i) : ''; }
export function dirname(p) { const parts = cut(p).split(/[\\\\/]/); parts.pop(); return parts.join('/') || '.'; }
export function join(...parts) { return parts.filter(Boolean).join('/'); }
export const sep = '/';
export default { basename, extname, dirname, join, sep };
`;

const nodeBuiltins = {
  name: 'node-builtins',
  setup(build) {
    build.onResolve({ filter: /^(node:)?(fs|fs\/promises|path|url|crypto|module|os|worker_threads|child_process|util|zlib|stream|buffer)$/ }, (args) => ({
      path: args.path.replace(/^node:/, ''),
      namespace: 'node-builtin',
    }));
    build.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) =>
      args.path === 'path'
        ? { contents: PATH_SHIM, loader: 'js' }
        : {
            // CommonJS, so that any named import resolves; reaching one in the page is a bug and says so.
            contents: `module.exports = new Proxy({}, { get(_, name) { if (name === '__esModule') return false; return () => { throw new Error('node:${args.path}.' + String(name) + ' is not available in the workbench page'); }; } });`,
            loader: 'js',
          },
    );
  },
};

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: { app: 'src/workbench/client/app.tsx' },
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome120', 'firefox121', 'edge120'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  tsconfig: 'src/workbench/client/tsconfig.json',
  minify: process.env.XXGK_BUNDLE_MINIFY !== '0',
  // A source map only for debugging (XXGK_BUNDLE_MINIFY=0): it would triple what the package ships.
  sourcemap: process.env.XXGK_BUNDLE_MINIFY === '0' ? 'linked' : false,
  plugins: [nodeBuiltins],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
copyFileSync(path.join(root, 'src', 'workbench', 'client', 'app.css'), path.join(outdir, 'app.css'));
