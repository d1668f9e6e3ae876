/**
 * The superior office's overview (src/aggregate/overview.ts) over three
 * expected units: 甲 balanced (a data file on disk), 乙 with a 勾稽 error
 * (handed over as bytes, as a browser upload would be), 丙 missing. Sums are
 * checked against the units' data read independently of the grids' walk.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { openOverview, overviewUnits, type Overview } from '../../src/aggregate/index.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { GRANTED_LINE, unitText } from '../helpers/sample.js';
import { readWithExcelJs, workDir } from '../xlsx/helpers.js';

const JIA = '示范市青禾区教育局';
const YI = '示范市青禾区民政局';
const BING = '示范市青禾区财政局';

const jiaText = unitText(JIA);
// 乙 granted one more request to a natural person than its row total says: a 勾稽 error.
const yiText = unitText(YI, (text) => text.replace(GRANTED_LINE, '    granted:           { np: 22,'));
const yiGrantedLine = yiText.split('\n').findIndex((line) => line.startsWith('    granted:')) + 1;

async function threeUnits() {
  const folder = await workDir();
  const jiaFile = path.join(folder, '甲.yaml');
  await writeFile(jiaFile, jiaText);
  const opened = await openOverview([jiaFile, { name: '乙.yaml', bytes: new TextEncoder().encode(yiText) }], { expected: [JIA, YI, BING], organization: '示范市青禾区人民政府' });
  return { jiaFile, opened };
}

/** A value of a unit's data, by table data path and cell key. */
const parsedUnits = new Map<string, unknown>();
function valueIn(text: string, dataPath: readonly string[], key: string): number {
  if (!parsedUnits.has(text)) parsedUnits.set(text, parse(text));
  const node = [...dataPath, ...key.split('.')].reduce<unknown>((at, part) => (at as Record<string, unknown>)[part], parsedUnits.get(text));
  if (typeof node !== 'number') throw new Error(`no number at ${key}`);
  return node;
}

describe('overviewUnits', () => {
  it('lists each expected unit with its status, counts and located problems', async () => {
    const { jiaFile, opened } = await threeUnits();
    const { units } = opened.overview;
    expect(units.map((u) => [u.organization, u.status, u.summed])).toEqual([
      [JIA, 'valid', true],
      [YI, 'errors', true],
      [BING, 'missing', false],
    ]);
    expect(units[0]).toMatchObject({ file: jiaFile, year: 2024, format: 'v2021', errors: 0, warnings: 0, diagnostics: [] });
    expect(units[1]!.file).toBe('乙.yaml');
    expect(units[1]!.errors).toBeGreaterThan(0);
    expect(units[1]!.errors).toBe(units[1]!.diagnostics.filter((d) => d.severity === 'error').length);
    // The 勾稽 error on the 予以公开 row, placed in the table and on its line of the data file.
    const granted = units[1]!.diagnostics.find((d) => d.severity === 'error' && d.place?.includes('「（一）予以公开」行'));
    expect(granted, JSON.stringify(units[1]!.diagnostics, null, 1)).toBeDefined();
    expect(granted!.place).toContain('「三、收到和处理政府信息公开申请情况」表');
    expect(granted!.line).toBe(yiGrantedLine);
    expect(units[2]).toEqual({ file: '', organization: BING, year: 2024, format: 'v2021', status: 'missing', summed: false, errors: 0, warnings: 0, diagnostics: [] });
  });

  it('lays out the summed tables from the grids: spans, headers, every value the sum of the units’', async () => {
    const { opened } = await threeUnits();
    const { summary, year, format } = opened.overview;
    expect({ year, format, units: summary.units, refusal: summary.refusal }).toEqual({ year: 2024, format: 'v2021', units: 2, refusal: null });
    expect(summary.tables.map((t) => [t.id, t.caption])).toEqual(v2021Format.tables.map((grid) => [grid.definition.id, grid.definition.caption]));
    for (const [i, table] of summary.tables.entries()) {
      const grid = v2021Format.tables[i]!;
      // Same cells, in the same places and spans, as the grid's anchors.
      const cells = table.rows.flat();
      expect(cells).toHaveLength(grid.anchors.length);
      expect(table.rows.flatMap((row, r) => row.map((cell) => [r, cell.rowSpan, cell.colSpan]))).toEqual(grid.anchors.map((a) => [a.row, a.rowSpan, a.colSpan]));
      for (const cell of cells) {
        if (cell.key === undefined) continue;
        const expected = valueIn(jiaText, grid.definition.dataPath, cell.key) + valueIn(yiText, grid.definition.dataPath, cell.key);
        expect(cell.value, `${table.id} ${cell.key}`).toBeCloseTo(expected, 6);
        expect(cell.header).toBe(false);
      }
      expect(cells.filter((cell) => cell.key !== undefined)).toHaveLength(grid.valueCells.length);
    }
    const requests = summary.tables[1]!;
    expect(requests.headerRows).toBe(3);
    expect(requests.rows[0]![0]).toMatchObject({ header: false, rowSpan: 3, colSpan: 3 });
    expect(requests.rows[0]![1]).toMatchObject({ text: '申请人情况', header: true, colSpan: 7 });
    const granted = requests.rows[5]!.find((cell) => cell.key === 'granted.np')!;
    expect(granted).toMatchObject({ text: '43', value: 43 });
    const fee = summary.tables[0]!.rows.flat().find((cell) => cell.key === 'fee_amount_wan')!;
    expect(fee.text).toBe('24.70');
    // 乙's imbalance is inherited by the sum: the summed report reports it too.
    expect(summary.diagnostics.some((d) => d.severity === 'error' && d.place?.includes('「（一）予以公开」行'))).toBe(true);
  });

  it('gives 明细 and 问题清单 as rows, and is plain JSON', async () => {
    const { opened } = await threeUnits();
    const { detail, problems } = opened.overview;
    const valueCells = v2021Format.tables.reduce((n, grid) => n + grid.valueCells.length, 0);
    expect(detail.columns).toHaveLength(6 + valueCells);
    expect(detail.columns.slice(0, 3)).toEqual([
      { table: null, label: '序号' },
      { table: null, label: '机关名称' },
      { table: null, label: '状态' },
    ]);
    expect(detail.rows.map((row) => row.slice(0, 3))).toEqual([
      [1, JIA, '通过'],
      [2, YI, '有错误'],
    ]);
    const grantedColumn = detail.columns.findIndex((c) => c.label === '（一）予以公开 › 自然人');
    expect(detail.columns[grantedColumn]!.table).toBe(v2021Format.tables[1]!.definition.sheetName);
    expect(detail.rows.map((row) => row[grantedColumn])).toEqual([21, 22]);
    // 问题清单: the summed report's problems first, then 乙's, each with its 位置.
    expect(problems[0]!.organization).toBe('示范市青禾区人民政府（汇总）');
    const yiProblems = problems.filter((p) => p.organization === YI);
    expect(yiProblems).toHaveLength(opened.overview.units[1]!.diagnostics.length);
    expect(yiProblems.find((p) => p.code === opened.overview.units[1]!.diagnostics[0]!.code)!.place).toMatch(/^第 \d+ 行第 \d+ 列$/);
    expect(problems.every((p) => p.organization !== JIA)).toBe(true);
    const json: Overview = JSON.parse(JSON.stringify(opened.overview));
    expect(json).toEqual(opened.overview);
  });

  it('hands out the 汇总 workbook and the summed data file in memory', async () => {
    const { opened } = await threeUnits();
    const workbook = await readWithExcelJs((await opened.workbook())!);
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toContain('明细');
    expect(names).toContain('问题清单');
    const detail = workbook.getWorksheet('明细')!;
    expect([detail.getCell('B3').value, detail.getCell('B4').value]).toEqual([JIA, YI]);
    const problems = workbook.getWorksheet('问题清单')!;
    expect(problems.getCell('B2').value).toBe('示范市青禾区人民政府（汇总）');
    const data = parse(opened.dataText('汇总.xlsx')!);
    expect(data.year).toBe(2024);
    expect(data.organization.name).toBe('示范市青禾区人民政府');
    expect(data.tables.requests.granted.np).toBe(43);
    expect(opened.dataText()!).toContain('明细见 汇总.xlsx');
  });

  it('lists what cannot be summed instead of refusing: an unreadable file, another year, the same unit twice', async () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    const overview = await overviewUnits(
      [
        { name: '甲.yaml', bytes: bytes(jiaText) },
        { name: '坏.yaml', bytes: bytes('year: [2024\n') },
        { name: '旧.yaml', bytes: bytes(unitText(YI, (text) => text.replace(/^year: 2024$/m, 'year: 2023'))) },
        { name: '甲-副本.yaml', bytes: bytes(jiaText) },
      ],
      { year: 2024 },
    );
    expect(overview.units.map((u) => [u.file, u.status, u.summed])).toEqual([
      ['甲.yaml', 'valid', true],
      ['坏.yaml', 'unreadable', false],
      ['旧.yaml', 'errors', false],
      ['甲-副本.yaml', 'errors', false],
    ]);
    expect(overview.units[1]!.diagnostics[0]!.message).toContain('坏.yaml');
    expect(overview.units[2]!.diagnostics[0]).toMatchObject({ code: 'AGG-YEAR', severity: 'error' });
    expect(overview.units[2]!.diagnostics[0]!.message).toContain('2023');
    expect(overview.units[3]!.diagnostics[0]).toMatchObject({ code: 'AGG-DUPLICATE' });
    expect(overview.summary.units).toBe(1);
    expect(overview.detail.rows).toHaveLength(1);
  });

  it('with nothing to sum, says why and offers no download', async () => {
    const opened = await openOverview([{ name: '坏.yaml', bytes: new TextEncoder().encode(': :\n') }], { expected: [JIA] });
    expect(opened.overview.units.map((u) => u.status)).toEqual(['unreadable', 'missing']);
    expect(opened.overview.summary).toEqual({ units: 0, tables: [], diagnostics: [], refusal: '没有可汇总的单位' });
    expect(opened.workbook()).toBeNull();
    expect(opened.dataText()).toBeNull();
  });
});
