/**
 * esbuild plugins of the bundled command line (scripts/bundle.mjs).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Modules replaced by a stub: [package-relative path suffix, what it was for]. */
const LEFT_OUT = [
  [/[\\/]@noble[\\/]ciphers[\\/]aes\.js$/, 'PDF 加密（pdfkit 的 AES）'],
  [/[\\/]exceljs[\\/]lib[\\/]stream[\\/]xlsx[\\/]workbook-(reader|writer)\.js$/, 'exceljs 的流式读写'],
  [/[\\/]exceljs[\\/]lib[\\/]csv[\\/]csv\.js$/, 'exceljs 的 CSV 读写'],
];

const JSZIP_FLATE = /[\\/]jszip[\\/]lib[\\/]flate\.js$/;

export const leaveOut = {
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
      // Every property is a function that throws, so `aes.cbc(…)` fails with the message, not with “not a function”.
      const contents = `const leftOut = function leftOut() { throw new Error(${JSON.stringify(message)}); };
module.exports = new Proxy(leftOut, { get: (target, key) => (key in target || typeof key !== 'string' || key === 'then' || key === '__esModule' ? target[key] : leftOut) });`;
      return { contents, loader: 'js' };
    });
    esbuild.onResolve({ filter: /^tiny-inflate$/ }, () => ({ path: path.join(root, 'scripts', 'bundle-parts', 'tiny-inflate-zlib.cjs') }));
    esbuild.onResolve({ filter: /^string-width$/ }, (args) =>
      /[\\/]node_modules[\\/](yargs|cliui|wrap-ansi)[\\/]/.test(args.importer) ? { path: path.join(root, 'dist', 'cli', 'text-width-lite.js') } : undefined,
    );
  },
};


/**
 * A few modules load a
 * CommonJS library through `createRequire(import.meta.url)` (the build pdfkit
 * itself uses, see src/fonts/catalog.ts), which esbuild cannot follow; they
 * are rewritten to plain `require` calls so that the library is in the bundle,
 * and so in the snapshot. docx's copy of fflate decodes an empty buffer with
 * `{ stream: true }` when loaded, only to try the decoder; that makes Node
 * hold an ICU converter, which a snapshot cannot contain, so the try is left
 * out (Node's TextDecoder can stream; fflate's later calls are unchanged).
 * A rewrite that no longer matches stops the build.
 */
const REWRITES = [
  [/[\\/]node_modules[\\/]docx[\\/]dist[\\/]index\.mjs$/, [['td.decode(et, { stream: true });', '']]],
  [/[\\/]dist[\\/]fonts[\\/]catalog\.js$/, [["createRequire(import.meta.url)('fontkit')", "require('fontkit')"]]],
  [/[\\/]dist[\\/]render[\\/]pdf[\\/]breaking\.js$/, [["createRequire(import.meta.url)('linebreak')", "require('linebreak')"]]],
  [
    /[\\/]dist[\\/]render[\\/]pdf[\\/]engine\.js$/,
    [
      ['const require = createRequire(import.meta.url);', ''],
      [
        'require(`pdfmake/js/${name}.js`)',
        "({ PDFDocument: () => require('pdfmake/js/PDFDocument.js'), Renderer: () => require('pdfmake/js/Renderer.js'), Line: () => require('pdfmake/js/Line.js') })[name]()",
      ],
    ],
  ],
];

export const bundledRequires = {
  name: 'bundled-requires',
  setup(esbuild) {
    for (const [filter, replacements] of REWRITES) {
      esbuild.onLoad({ filter }, (args) => {
        let contents = readFileSync(args.path, 'utf8');
        for (const [from, to] of replacements) {
          if (!contents.includes(from)) throw new Error(`snapshot bundle: “${from}” no longer in ${args.path}; update scripts/bundle-parts/plugins.mjs`);
          contents = contents.split(from).join(to);
        }
        return { contents, loader: 'js', resolveDir: path.dirname(args.path) };
      });
    }
  },
};
