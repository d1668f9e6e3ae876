/**
 * `xxgk validate` and `xxgk build --to docx` must not pay for the workbook
 * code: nothing reachable through static imports from the CLI entry may be
 * an xlsx module, the aggregation, or exceljs. (Dynamic `import()` is how the
 * commands that need them load them.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve('src');
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(STATIC_IMPORT)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('heavy workbook code is loaded only by the commands that need it', () => {
  it('the CLI entry reaches no xlsx module, no aggregation and no exceljs through static imports', () => {
    const { files, packages } = staticGraph(path.join(ROOT, 'cli/main.ts'));
    const heavy = [...files].map((file) => path.relative(ROOT, file)).filter((file) => /^(render\/xlsx|io\/xlsx|aggregate\/)/.test(file));
    expect(heavy).toEqual([]);
    expect(packages.has('exceljs')).toBe(false);
  });

  it('the library modules themselves never import exceljs', () => {
    for (const entry of ['render/xlsx.ts', 'io/xlsx-import.ts', 'aggregate/index.ts']) {
      expect(staticGraph(path.join(ROOT, entry)).packages.has('exceljs'), entry).toBe(false);
    }
  });
});
