/**
 * The program in parts for the code cache (issue #16; src/cli/cold/code-cache.ts).
 *
 * esbuild splits the program at its dynamic imports (a command, an emitter,
 * the PDF engine and fonts) as for the ES module bundle; each resulting chunk
 * is turned into a CommonJS function and all of them are stored in ONE file,
 * dist/bundle/xxgk.parts:
 *
 *   line 1   {"entry":"xxgk.js","parts":{"<name>":[offset,length,utf8],…}}   (bytes, into the rest)
 *   rest     each part's source: (function (exports, require, module, __filename, __dirname, __xxgkModuleUrl) {…})
 *
 * A process reads the index and then only the parts it runs (each with its
 * own code cache): a PDF thread never reads the DOCX or XLSX code, `validate`
 * never reads the PDF engine. Most parts are ASCII (esbuild escapes the rest
 * except in regular expressions), read as one-byte strings; `utf8` is 1 for
 * the few that are not.
 */
import { build, transform } from 'esbuild';
import { writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';

import { bundledRequires, leaveOut } from './plugins.mjs';

export const PARTS_FILE = 'xxgk.parts';

/** Builds dist/bundle/xxgk.parts; returns how many parts and bytes. */
export async function buildParts({ root, outdir, minify }) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: { xxgk: 'dist/cli/cold/bundle-entry.js' },
    outdir,
    write: false,
    sourcemap: 'external',
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify,
    charset: 'ascii',
    external: ['piscina'],
    // `import.meta.url` becomes the URL the ES bundle's main.js has, so paths built from it are the same.
    define: { 'import.meta.url': '__xxgkModuleUrl', __XXGK_CODE_CACHE__: 'true' },
    plugins: [bundledRequires, leaveOut],
    logLevel: 'warning',
  });
  const sources = [];
  const maps = new Map(result.outputFiles.filter((file) => file.path.endsWith('.js.map')).map((file) => [file.path.slice(0, -4), JSON.parse(file.text)]));
  const origins = { sources: [], parts: {} };
  const PREFIX = '(function (exports, require, module, __filename, __dirname, __xxgkModuleUrl) {';
  for (const file of result.outputFiles) {
    if (!file.path.endsWith('.js')) continue;
    const name = path.basename(file.path);
    // Each chunk's imports become require('./<chunk>.js'), which the loader resolves to the part of that name.
    const { code, map } = await transform(file.text.replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n'), {
      format: 'cjs',
      target: 'node20',
      minify,
      charset: 'ascii',
      supported: { 'dynamic-import': false },
      sourcemap: 'external',
      logLevel: 'warning',
    });
    origins.parts[name] = partOrigins(JSON.parse(map), maps.get(file.path), PREFIX.length, origins.sources, root);
    const wrapped = `${PREFIX}${code}\n})`;
    sources.push([name, Buffer.from(wrapped, 'utf8'), /[^\x00-\x7f]/.test(wrapped) ? 1 : 0]);
  }
  sources.sort(([a], [b]) => (a === 'xxgk.js' ? -1 : b === 'xxgk.js' ? 1 : a.localeCompare(b)));
  const parts = {};
  let offset = 0;
  for (const [name, source, utf8] of sources) {
    parts[name] = [offset, source.length, utf8];
    offset += source.length;
  }
  const text = Buffer.concat([Buffer.from(`${JSON.stringify({ entry: 'xxgk.js', parts })}\n`), ...sources.map(([, source]) => source)]);
  // Atomically: a process running meanwhile reads the index and then the parts of one and the same build.
  const target = path.join(outdir, PARTS_FILE);
  writeFileSync(`${target}.tmp`, text);
  renameSync(`${target}.tmp`, target);
  // Which source file each stretch of each part comes from, for the bench's CPU profiles (scripts/bench-profile.mjs).
  writeFileSync(path.join(outdir, `${PARTS_FILE}.origins.json`), JSON.stringify(origins));
  return { count: sources.length, bytes: offset };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A source map's mappings as lines of [generatedColumn, source, sourceLine, sourceColumn] (absolute). */
export function decodeMappings(mappings) {
  const lines = [];
  let source = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const text of mappings.split(';')) {
    const line = [];
    let column = 0;
    for (const segment of text.split(',')) {
      if (!segment) continue;
      const values = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0];
      if (values.length >= 4) {
        source += values[1];
        sourceLine += values[2];
        sourceColumn += values[3];
        line.push([column, source, sourceLine, sourceColumn]);
      }
    }
    lines.push(line);
  }
  return lines;
}

/** The segment of a decoded line at a column (the last one starting at or before it). */
export function segmentAt(line, column) {
  if (!line || line.length === 0) return undefined;
  let low = 0;
  let high = line.length - 1;
  if (line[0][0] > column) return line[0];
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (line[mid][0] <= column) low = mid;
    else high = mid - 1;
  }
  return line[low];
}

/**
 * Where a part's code comes from: [[line, column, source], …] at every place
 * the original file changes (the part's CommonJS map, through the ES chunk's
 * map); `sources` collects the file names (relative to the package) as indexes.
 */
function partOrigins(cjsMap, esmMap, prefix, sources, root) {
  if (!esmMap) return [];
  const esm = decodeMappings(esmMap.mappings);
  const ids = esmMap.sources.map((source) => {
    const relative = path.relative(root, path.resolve(root, 'dist', 'bundle', source)).split(path.sep).join('/');
    let id = sources.indexOf(relative);
    if (id < 0) id = sources.push(relative) - 1;
    return id;
  });
  const result = [];
  let last = -1;
  decodeMappings(cjsMap.mappings).forEach((line, lineNumber) => {
    for (const [column, , esmLine, esmColumn] of line) {
      const found = segmentAt(esm[esmLine], esmColumn);
      const id = found ? ids[found[1]] : -1;
      if (id === last) continue;
      result.push([lineNumber, column + (lineNumber === 0 ? prefix : 0), id]);
      last = id;
    }
  });
  return result;
}
