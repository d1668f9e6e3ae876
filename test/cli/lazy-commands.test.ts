/**
 * A cold `xxgk validate` pays only for validation: it must not load the
 * renderers (docx, pdfmake, pdfkit, fontkit, exceljs), the batch pool
 * (piscina), the template engine (handlebars) or file globbing. Checked two
 * ways: the static import graph of the CLI entry and the validate command
 * (the other commands are imported dynamically), and a real `node
 * bin/xxgk.js validate` whose loaded modules (ES modules through a resolve
 * hook, CommonJS ones from require.cache) are recorded; the CLI runs bundled
 * (dist/bundle), so each loaded chunk stands for the packages esbuild's
 * metafile says it contains.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SOURCE_ROOT, staticGraph } from '../helpers/import-graph.js';
import { BUILD_HINT, skipWithout } from '../helpers/requires.js';

const HEAVY = ['docx', 'pdfmake', 'pdfkit', 'fontkit', 'exceljs', 'piscina', 'handlebars', 'tinyglobby', 'cli-progress', 'linebreak', 'jszip'];

/** Records every module a process loads into the file named by XXGK_LOADED_MODULES. */
const HOOKS = `
import { appendFileSync } from 'node:fs';
let out;
export function initialize(file) { out = file; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(out, result.url + '\\n');
  return result;
}`;
const PRELOAD = `
import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';
const out = process.env.XXGK_LOADED_MODULES;
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}), import.meta.url, { data: out });
process.on('exit', () => appendFileSync(out, Object.keys(createRequire(import.meta.url).cache).join('\\n') + '\\n'));`;

const packageOf = (file: string): string | undefined => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1];

/** The packages in a loaded module: its own, or for a chunk of the bundled CLI every package bundled into it. */
function packagesIn(url: string, bundle: { outputs: Record<string, { inputs: Record<string, unknown> }> }): string[] {
  const file = url.startsWith('file:') ? fileURLToPath(url) : url;
  const chunk = bundle.outputs[path.relative(process.cwd(), file).split(path.sep).join('/')];
  if (chunk) return Object.keys(chunk.inputs).map(packageOf).filter((name): name is string => name !== undefined);
  const own = packageOf(file);
  return own ? [own] : [];
}

describe('xxgk validate loads no renderer', () => {
  it('the CLI entry and the validate command reach none of the heavy packages through static imports', () => {
    const { files, packages } = staticGraph([path.join(SOURCE_ROOT, 'cli/main.ts'), path.join(SOURCE_ROOT, 'cli/commands/validate.ts')]);
    expect(HEAVY.filter((name) => packages.has(name))).toEqual([]);
    const own = [...files].map((file) => path.relative(SOURCE_ROOT, file));
    expect(own.filter((file) => /^(render|batch|compose\/environment|fonts\/(catalog|resolve)|aggregate)\b/.test(file))).toEqual([]);
    // The other commands (build, init, fonts, import, aggregate) are loaded on demand.
    expect(own.filter((file) => file.startsWith('cli/commands/'))).toEqual(['cli/commands/validate.ts']);
  });

  const bin = path.resolve('bin/xxgk.js');
  const built = existsSync(path.resolve('dist/bundle/meta.json'));

  it.skipIf(skipWithout('the bundled CLI (dist/bundle/meta.json)', built, BUILD_HINT))('a real `node bin/xxgk.js validate` process loads none of them', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'xxgk-lazy-'));
    try {
      const log = path.join(folder, 'modules.txt');
      // The ES module bundle (the code cache's parts are checked in test/cold/code-cache.test.ts).
      const env: NodeJS.ProcessEnv = { ...process.env, XXGK_LOADED_MODULES: log, XXGK_CODE_CACHE: '0' };
      delete env.NODE_OPTIONS;
      const run = spawnSync(
        process.execPath,
        ['--import', `data:text/javascript,${encodeURIComponent(PRELOAD)}`, bin, 'validate', path.resolve('samples/青禾区人民政府2024年报.yaml')],
        { env, encoding: 'utf8' },
      );
      expect(run.status, run.stderr).toBe(0);
      const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
      const bundle = JSON.parse(readFileSync(path.resolve('dist/bundle/meta.json'), 'utf8'));
      expect(loaded.some((url) => url.includes('/dist/bundle/')), 'runs the bundled CLI').toBe(true);
      const packages = new Set(loaded.flatMap((url) => packagesIn(url, bundle)));
      expect(packages.has('yaml'), 'the hook saw the modules validate needs').toBe(true);
      expect(HEAVY.filter((name) => packages.has(name))).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
