import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { aggregateFiles, AggregateInputError, AggregateRefusal } from '../../src/aggregate/index.js';
import { composeReport } from '../../src/compose/compose.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import type { ReportV2021Input } from '../../src/formats/v2021/schema.js';
import { importWorkbook } from '../../src/import/xlsx-import.js';
import { renderXlsx } from '../../src/render/xlsx.js';
import { validateReportFile } from '../../src/validate/index.js';
import { randomReport, seededRng, tablesDocument } from '../xlsx/generate.js';
import { FORMATS, readWithExcelJs, unzip, workDir } from '../xlsx/helpers.js';

/** Sums every numeric leaf under `tables` by its path — independently of the grids the aggregation walks. */
function independentSums(reports: readonly ReportV2021Input[]): Map<string, number> {
  const sums = new Map<string, number>();
  const walk = (node: unknown, trail: string[]) => {
    if (typeof node === 'number') {
      const key = trail.join('.');
      // 万元 amounts in whole 元, so the expected sum is exact too.
      const scaled = key.endsWith('_wan') ? Math.round(node * 10_000) : node;
      sums.set(key, (sums.get(key) ?? 0) + scaled);
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, [...trail, k]);
    }
  };
  for (const report of reports) walk(report.tables, ['tables']);
  for (const [key, value] of sums) if (key.endsWith('_wan')) sums.set(key, value / 10_000);
  return sums;
}

function leaves(data: unknown, trail: string[] = []): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (node: unknown, t: string[]) => {
    if (typeof node === 'number') out.set(t.join('.'), node);
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...t, k]);
  };
  walk(data, trail);
  return out;
}

interface Units {
  folder: string;
  reports: ReportV2021Input[];
  files: string[];
}

/** `count` generated units, alternately as workbooks and YAML data files. */
async function writeUnits(count: number, seed: number, edit?: (report: ReportV2021Input, i: number) => void): Promise<Units> {
  const folder = await workDir();
  const rng = seededRng(seed);
  const reports: ReportV2021Input[] = [];
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const report = randomReport(rng, { organization: { name: `示范区第${i + 1}单位`, level: '部门' }, signature: { date: '2025-01-20' } });
    edit?.(report, i);
    reports.push(report);
    if (i % 2 === 0) {
      const file = path.join(folder, `unit${String(i).padStart(3, '0')}.xlsx`);
      await writeFile(file, await renderXlsx(tablesDocument(report)));
      files.push(file);
    } else {
      const file = path.join(folder, `unit${String(i).padStart(3, '0')}.yaml`);
      await writeFile(file, stringify(report));
      files.push(file);
    }
  }
  return { folder, reports, files };
}

describe('aggregateFiles', () => {
  it('sums 50 generated units (workbooks and data files) exactly', async () => {
    const units = await writeUnits(50, 50);
    const out = path.join(await workDir(), '汇总.xlsx');
    const { result, written, summaryDiagnostics } = await aggregateFiles([units.folder], { out, organization: '示范市青禾区人民政府', signatureDate: '2025-03-01' });
    expect(written).toEqual([out, out.replace(/\.xlsx$/, '.yaml')]);
    expect(result.units).toHaveLength(50);
    expect(summaryDiagnostics.filter((d) => d.severity === 'error')).toEqual([]);

    const expected = independentSums(units.reports);
    const actual = leaves(result.data.tables, ['tables']);
    expect(actual.size).toBe(200);
    expect(new Map([...actual].sort())).toEqual(new Map([...expected].sort()));

    // The YAML next to the workbook holds the same sums and is a valid report data file.
    const yamlPath = written[1]!;
    expect(parse(await readFile(yamlPath, 'utf8')).tables).toEqual(result.data.tables);
    const validation = await validateReportFile(yamlPath);
    expect(validation.report).toBeDefined();
    expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(validation.report!.organization).toMatchObject({ name: '示范市青禾区人民政府', level: '人民政府' });
    // …from which the summary report itself can be composed.
    expect(composeReport(validation.report!, v2021Format).blocks.some((b) => b.kind === 'table')).toBe(true);

    // The 汇总 workbook is in the mandated layout: importing it gives the sums back.
    const imported = importWorkbook(await readFile(out), { formats: FORMATS, fileName: out });
    expect(imported.diagnostics).toEqual([]);
    expect(imported.data.tables).toEqual(result.data.tables);
  }, 60_000);

  it('writes 明细 (one row per unit, one column per cell, filterable, frozen) and 问题清单', async () => {
    const units = await writeUnits(6, 6, (report, i) => {
      if (i === 3) (report.tables as any).requests.granted.tot += 1; // breaks V21-T2-01 and V21-T2-02 for this unit
    });
    const out = path.join(await workDir(), '汇总.xlsx');
    const { result } = await aggregateFiles(units.files, { out, organization: '示范市' });
    const workbook = await readWithExcelJs(await readFile(out));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['主动公开情况', '收到和处理申请情况', '行政复议诉讼情况', '报告信息', '校验', '明细', '问题清单']);

    const detail = workbook.getWorksheet('明细')!;
    expect(detail.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 2 });
    expect(detail.autoFilter).toBe('A2:GX8');
    // …with the sheet-local _FilterDatabase name Excel writes alongside (LibreOffice drops a filter without it).
    const workbookXml = await (await unzip(await readFile(out))).file('xl/workbook.xml')!.async('string');
    expect(workbookXml).toContain('<definedName name="_xlnm._FilterDatabase" localSheetId="5">&apos;明细&apos;!$A$2:$GX$8</definedName>');
    expect(workbookXml).toContain('<definedName name="_xlnm._FilterDatabase" localSheetId="6">&apos;问题清单&apos;!');
    expect(detail.getCell('A1').value).toBe('序号');
    expect(detail.getCell('G1').value).toBe('主动公开情况');
    expect(detail.getCell('G2').value).toBe('规章 › 本年制发件数');
    expect(detail.getCell('P2').value).toBe('行政事业性收费 › 本年收费金额（单位：万元）');
    expect(detail.getCell('Q2').value).toBe('一、本年新收政府信息公开申请数量 › 自然人');
    expect(detail.getCell('GX2').value).toBe('行政诉讼 › 复议后起诉 › 总计');
    for (let i = 0; i < 6; i++) {
      const row = detail.getRow(3 + i);
      expect(row.getCell(2).value).toBe(`示范区第${i + 1}单位`);
      expect(row.getCell(7).value).toBe(units.reports[i]!.tables.proactive.reg_issued);
      // Data files also carry their narrative's warnings (empty parts): 有提示, never 有错误.
      expect(row.getCell(3).value).toBe(i === 3 ? '有错误' : i % 2 === 0 ? '通过' : '有提示');
    }
    // The flawed unit is included as stated, so the summed total row still carries its extra 1.
    expect((result.data.tables as any).requests.granted.tot).toBe(units.reports.reduce((s, r) => s + (r.tables as any).requests.granted.tot, 0));
    // The 合计 row below the list sums what a filter leaves visible.
    expect(detail.getCell('G10').value).toMatchObject({ formula: 'SUBTOTAL(109,G3:G8)', result: units.reports.reduce((s, r) => s + (r.tables as any).proactive.reg_issued, 0) });

    const problems = workbook.getWorksheet('问题清单')!;
    const rows: string[][] = [];
    problems.eachRow((row, n) => n > 1 && rows.push([String(row.getCell(2).value), String(row.getCell(4).value), String(row.getCell(5).value)]));
    expect(rows).toEqual(
      expect.arrayContaining([
        ['示范市（汇总）', '错误', 'V21-T2-01'],
        ['示范区第4单位', '错误', 'V21-T2-01'],
        ['示范区第4单位', '错误', 'V21-T2-02'],
      ]),
    );
    const errors = rows.filter(([, severity]) => severity === '错误');
    expect(errors.every(([name]) => name === '示范区第4单位' || name === '示范市（汇总）')).toBe(true);
    expect(workbook.getWorksheet('报告信息')!.getColumn(1).values).toEqual(expect.arrayContaining(['汇总单位数', '其中有错误的单位']));
  }, 60_000);

  it('refuses the same unit twice, naming both files', async () => {
    const units = await writeUnits(3, 3, (report, i) => {
      if (i === 2) report.organization.name = '示范区第1单位';
    });
    const out = path.join(units.folder, 'out', '汇总.xlsx');
    await expect(aggregateFiles([units.folder], { out })).rejects.toThrow(/同一单位同一年度的数据重复，未汇总：“示范区第1单位”出现 2 次（.*unit000\.xlsx、.*unit002\.xlsx）/);
  });

  it('refuses mixed years and mixed format versions', async () => {
    const years = await writeUnits(4, 4, (report, i) => {
      if (i === 1) report.year = 2023;
    });
    await expect(aggregateFiles(years.files, { out: path.join(years.folder, 'a.xlsx') })).rejects.toThrow(/报告年度不一致：2024 年 3 个（.*）；2023 年 1 个（.*unit001\.yaml）/);

    const formats = await writeUnits(2, 5);
    const other = path.join(formats.folder, 'old.yaml');
    await writeFile(other, stringify({ ...randomReport(seededRng(9)), organization: { name: '旧格式单位', level: '部门' }, format: 'v2019' }));
    await expect(aggregateFiles([...formats.files, other], { out: path.join(formats.folder, 'a.xlsx') })).rejects.toThrow(/格式版本不一致：v2021 2 个.*v2019 1 个（.*old\.yaml）/);
  });

  it('refuses unreadable inputs, lists every one, and writes nothing', async () => {
    const units = await writeUnits(2, 2);
    const broken = path.join(units.folder, 'broken.xlsx');
    const text = path.join(units.folder, 'notes.yaml');
    await writeFile(broken, 'not a workbook');
    await writeFile(text, 'year: [2024\n');
    const out = path.join(units.folder, 'out.xlsx');
    const failure = await aggregateFiles([units.folder], { out }).catch((error) => error);
    expect(failure).toBeInstanceOf(AggregateInputError);
    expect((failure as AggregateInputError).failures.map((f) => path.basename(f.file)).sort()).toEqual(['broken.xlsx', 'notes.yaml']);
    expect((failure as Error).message).toContain('2 个文件无法读取，没有生成汇总');
    expect(existsSync(out)).toBe(false);
    expect((await readdir(units.folder)).filter((name) => name.startsWith('.'))).toEqual([]);
    await expect(aggregateFiles([path.join(units.folder, 'missing.xlsx')], { out })).rejects.toThrow(AggregateRefusal);
  });

  it('expands folders and wildcards, skipping Excel lock files', async () => {
    const units = await writeUnits(4, 8);
    await writeFile(path.join(units.folder, '~$unit000.xlsx'), 'lock');
    const out = path.join(await workDir(), '汇总.xlsx');
    const { result } = await aggregateFiles([path.join(units.folder, '*.xlsx')], { out });
    expect(result.units.map((u) => path.basename(u.unit.file))).toEqual(['unit000.xlsx', 'unit002.xlsx']);
  });
});
