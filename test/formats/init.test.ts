/** `xxgk init --year Y` writes the starter of the format in force for Y, and it validates and builds as it is. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { builtInFormats } from '../../src/formats/index.js';
import { readCellValue } from '../../src/tables/grid.js';
import { totalCells } from '../../src/tables/totals.js';
import { validateReportText } from '../../src/validate/index.js';
import { cli, tempDir } from '../helpers/cli.js';

describe('xxgk init by report year', () => {
  it.each([
    [2024, 'v2021', /# tot 列（总计）、total 行（（七）总计）不用写：总计格可不填，xxgk 自动计算；填了则核对/],
    [2020, 'v2019', /procure_amount_wan: 0\.00\s+# 政府集中采购 × 采购总金额（单位：万元）/],
    [2019, 'v2019', /other:\s+\{ np: 0, biz: 0, res: 0, ngo: 0, law: 0, oth: 0 \}\s+# （六）其他处理/],
    [2017, 'legacy', /# L8_3 不用写\s+#\s+（三）从事政府信息公开工作人员数（人）：总计格可不填，xxgk 自动计算；填了则核对/],
  ])('%i: a %s starter without total cells that validates and builds', async (year, format, content) => {
    const folder = await tempDir();
    const target = path.join(folder, 'new.yaml');
    const result = await cli(['init', '--year', String(year), '--org', '某某县某某局', '--out', target]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`格式：${format}`);
    const text = await readFile(target, 'utf8');
    // The current format's starter names no format: the year chooses it.
    if (format !== 'v2021') expect(text).toContain(`format: ${format}`);
    expect(text).toContain(`year: ${year}`);
    expect(text).toMatch(content);
    expect(text).toContain('总计格可不填，xxgk 自动计算；填了则核对');
    // No cell the grids declare as a total is written; every other value cell is.
    const data = parse(text) as Record<string, unknown>;
    const grids = builtInFormats.formats.find((candidate) => candidate.id === format)!.tables;
    expect(grids.some((grid) => totalCells(grid.definition).length > 0)).toBe(true);
    for (const grid of grids) {
      const table = grid.definition.dataPath.reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], data);
      const totals = totalCells(grid.definition).map((cell) => cell.key.join('.'));
      for (const cell of grid.valueCells) {
        const written = readCellValue(table, cell.content.key) !== undefined;
        expect(written, cell.content.key.join('.')).toBe(!totals.includes(cell.content.key.join('.')));
      }
    }
    // The commented drafts: line, once uncommented, is valid and turns every draft off.
    if (format !== 'legacy') {
      const uncommented = text.replace(/^# drafts:/m, 'drafts:');
      expect(uncommented).not.toBe(text);
      const withDrafts = validateReportText(uncommented, 'new.yaml');
      expect(withDrafts.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(Object.values((withDrafts.report as { drafts: Record<string, boolean> }).drafts).every((on) => on === false)).toBe(true);
    }
    const validation = await cli(['validate', target]);
    expect(validation.stderr).not.toContain('错误 [');
    expect(validation.code).toBe(0);
    expect((await cli(['build', target])).code).toBe(0);
  });

  it('refuses years before the 2008 regulation', async () => {
    const result = await cli(['init', '--year', '2007', '--out', path.join(await tempDir(), 'x.yaml')]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('2008 至 2100');
  });
});
