/**
 * The static import graph of xxgk's sources: which of our files and which
 * packages an entry reaches through `import … from` (not `import type`, not
 * `import()`), for the tests that keep heavy modules out of light commands.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const SOURCE_ROOT = path.resolve('src');
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

export function staticGraph(entries: readonly string[]): { files: Set<string>; packages: Set<string> } {
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
  for (const entry of entries) visit(entry);
  return { files, packages };
}
