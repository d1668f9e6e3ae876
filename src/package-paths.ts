/**
 * Files that ship with xxgk (templates, the JSON Schema, the precompiled
 * templates), found from wherever this code runs: src/ under the tests,
 * dist/ as compiled, or the bundled CLI in dist/bundle/. Searching upwards
 * for the package instead of counting `../` keeps the three layouts working.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(from: string): string {
  let folder = path.dirname(from);
  for (;;) {
    if (existsSync(path.join(folder, 'package.json')) && existsSync(path.join(folder, 'templates'))) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`xxgk: cannot find the package folder above ${from}`);
    folder = parent;
  }
}

/** The folder holding xxgk's package.json. */
export const PACKAGE_ROOT = findPackageRoot(fileURLToPath(import.meta.url));

/** A path inside the xxgk package. */
export function packagePath(...segments: string[]): string {
  return path.join(PACKAGE_ROOT, ...segments);
}
