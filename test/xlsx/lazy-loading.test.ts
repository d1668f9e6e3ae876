/**
 * `xxgk validate` and `xxgk build --to docx` must not pay for the workbook
 * code: nothing reachable through static imports from the CLI entry may be
 * an xlsx module, the aggregation, or exceljs. (Dynamic `import()` is how the
 * commands that need them load them.)
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCE_ROOT, staticGraph } from '../helpers/import-graph.js';



describe('heavy workbook code is loaded only by the commands that need it', () => {
  it('the CLI entry reaches no xlsx module, no aggregation and no exceljs through static imports', () => {
    const { files, packages } = staticGraph([path.join(SOURCE_ROOT, 'cli/main.ts')]);
    const heavy = [...files].map((file) => path.relative(SOURCE_ROOT, file)).filter((file) => /^(render\/xlsx|io\/xlsx|import\/|aggregate\/)/.test(file));
    expect(heavy).toEqual([]);
    expect(packages.has('exceljs')).toBe(false);
  });

  it('the library modules themselves never import exceljs', () => {
    for (const entry of ['render/xlsx.ts', 'import/xlsx-import.ts', 'aggregate/index.ts']) {
      expect(staticGraph([path.join(SOURCE_ROOT, entry)]).packages.has('exceljs'), entry).toBe(false);
    }
  });
});
