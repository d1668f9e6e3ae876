/**
 * Issue #12 “nothing lost”: every field of a data file either survives
 * build → XLSX → import or is kept by `import --into`; the information
 * fee is summed by aggregate; a cached formula result that disagrees with its
 * inputs is recomputed, with a warning.
 *
 * Survive the workbook: format, year, organisation name and level, signature
 * date and name, fee, tables. Kept by --into (the workbook does not hold
 * them): organisation department, website, download_url and contact, title
 * order, preamble, narrative, $schema.
 */
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { aggregateDocument, aggregateUnits, readUnitBytes, renderAggregateWorkbook, type Unit } from '../../src/aggregate/index.js';
import { builtInFormats } from '../../src/formats/index.js';
import type { FormatId } from '../../src/formats/format.js';
import { importWorkbook, mergeTablesIntoYaml } from '../../src/import/xlsx-import.js';
import { loadFromData } from '../../src/io/load.js';
import { renderXlsx } from '../../src/render/xlsx.js';
import { validateLoaded } from '../../src/validate/index.js';
import { sampleReport } from '../helpers/sample.js';
import { plainText, v2019Arbitrary, v2021Arbitrary, type ReportData } from '../helpers/arbitrary-reports.js';
import { validateAndCompose } from '../hardening/support/roundtrip.js';
import { FORMATS, rewritePart, sampleWorkbook } from './helpers.js';

/** What a clerk may add that no workbook holds: organisation details and the title order. */
const keptOnlyByInto = fc.record(
  {
    department: plainText(12),
    website: fc.constant('http://www.example.gov.cn/'),
    download_url: plainText(20),
    contact: fc.record(
      { address: plainText(20), postcode: fc.integer({ min: 100000, max: 999999 }).map(String), phone: fc.constant('0771-1234567'), email: fc.constant('xxgk@example.gov.cn') },
      { requiredKeys: [] },
    ),
    title_order: fc.constantFrom('机关在前', '年份在前'),
  },
  { requiredKeys: [] },
);

function withExtras(report: fc.Arbitrary<ReportData>): fc.Arbitrary<ReportData> {
  return fc.tuple(report, keptOnlyByInto).map(([data, extras]) => {
    const { title_order, ...organization } = extras;
    return {
      ...data,
      organization: { ...(data.organization as object), ...organization },
      ...(title_order ? { title_order } : {}),
    };
  });
}

/** Every number under `node` set to 0: a data file whose tables the workbook must overwrite. */
function zeroed(node: unknown): unknown {
  if (typeof node === 'number') return 0;
  if (Array.isArray(node)) return node.map(zeroed);
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, zeroed(v)]));
  return node;
}

async function roundTrip(formatId: FormatId, data: ReportData, asYaml: boolean): Promise<void> {
  const built = validateAndCompose(data, formatId, asYaml);
  const imported = importWorkbook(await renderXlsx(built.document), { formats: builtInFormats.importable, fileName: 'unit.xlsx' });
  expect(imported.diagnostics).toEqual([]);
  const organization = data.organization as { name: string; level: string };
  const signature = data.signature as { date: string; name?: string };
  // What the workbook itself carries.
  expect(imported.format.id).toBe(formatId);
  expect(imported.data.year).toBe(data.year);
  expect(imported.data.organization).toEqual({ name: organization.name, level: organization.level });
  const importedSignature = imported.data.signature as { date: string; name?: string };
  expect(importedSignature.date).toBe(signature.date);
  expect(importedSignature.name ?? organization.name).toBe(signature.name ?? organization.name);
  expect(imported.data.tables).toEqual(data.tables);
  expect(imported.data.fee).toEqual(data.fee);

  // What --into keeps: the data file without its fee and with every table number 0 gets them back, and nothing else changes.
  const { fee: _fee, ...withoutFee } = data;
  const target = stringify({ ...withoutFee, tables: zeroed(data.tables) });
  const merged = mergeTablesIntoYaml(target, imported);
  expect(parse(merged.text)).toEqual(data);
}

describe('build → XLSX → import keeps every field (seeded property test)', () => {
  it('v2021: fee, organisation, signature and tables through the workbook; the rest kept by --into', async () => {
    await fc.assert(
      fc.asyncProperty(withExtras(v2021Arbitrary()), fc.boolean(), (data, asYaml) => roundTrip('v2021', data, asYaml)),
      { numRuns: 40, seed: 20261205, endOnFailure: true },
    );
  }, 120_000);

  it('v2019: organisation, signature and tables through the workbook; preamble and the rest kept by --into', async () => {
    await fc.assert(
      fc.asyncProperty(withExtras(v2019Arbitrary()), fc.boolean(), (data, asYaml) => roundTrip('v2019', data, asYaml)),
      { numRuns: 25, seed: 20261206, endOnFailure: true },
    );
  }, 120_000);

  it('a workbook written before the fee rows imports without a fee, as before', async () => {
    const bytes = await rewritePart(await sampleWorkbook(), 'xl/worksheets/sheet4.xml', (xml) =>
      xml.replace(/<row r="1[01]"[^>]*>.*?<\/row>/g, ''),
    );
    const { data, diagnostics } = importWorkbook(bytes, { formats: FORMATS });
    expect(diagnostics).toEqual([]);
    expect(data).not.toHaveProperty('fee');
    expect(data.tables).toEqual(sampleReport().tables);
  });
});

describe('aggregate sums the fee (seeded property test)', () => {
  /** A v2021 unit of 2024 with a unique name, with or without a fee. */
  const unit = v2021Arbitrary().map((data) => ({ ...data, year: 2024, signature: { date: '2025-01-20' } }));

  async function readAs(data: ReportData, index: number, asWorkbook: boolean): Promise<Unit> {
    const named = { ...data, organization: { ...(data.organization as object), name: `单位${index}` } };
    if (!asWorkbook) return readUnitBytes(`unit${index}.yaml`, new TextEncoder().encode(stringify(named)), builtInFormats);
    const built = validateAndCompose(named, 'v2021', true);
    return readUnitBytes(`unit${index}.xlsx`, await renderXlsx(built.document), builtInFormats);
  }

  it('sums count and amount of N random units, from data files and workbooks alike', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(unit, fc.boolean()), { minLength: 1, maxLength: 6 }), async (inputs) => {
        const units = await Promise.all(inputs.map(([data, asWorkbook], i) => readAs(data, i, asWorkbook)));
        const result = aggregateUnits(units, builtInFormats.importable, { organization: '汇总' });
        const fees = inputs.map(([data]) => (data as Record<string, unknown>).fee as { count: number; amount_yuan: number } | undefined);
        const stated = fees.filter((fee) => fee !== undefined);
        if (stated.length === 0) {
          expect(result.data).not.toHaveProperty('fee');
        } else {
          expect(result.data.fee).toEqual({
            count: stated.reduce((sum, fee) => sum + fee.count, 0),
            amount_yuan: stated.reduce((sum, fee) => sum + Math.round(fee.amount_yuan * 100), 0) / 100,
          });
          // A unit without a fee is counted as 0, with a warning; none with a fee gets one.
          result.units.forEach((row, i) => {
            expect(row.diagnostics.some((d) => d.code === 'AGG-FEE-MISSING')).toBe(fees[i] === undefined);
          });
          // The summed data file states the fee: no missing-fee warning.
          const summary = validateLoaded(loadFromData(result.data, '汇总.yaml')).diagnostics;
          expect(summary.filter((d) => d.code === 'V21-S6-01')).toEqual([]);
        }
      }),
      { numRuns: 20, seed: 20261207, endOnFailure: true },
    );
  }, 120_000);

  it('the 汇总 workbook carries the summed fee, so it can be imported and aggregated again', async () => {
    const units = await Promise.all(
      [
        { count: 2, amount_yuan: 10.1 },
        { count: 1, amount_yuan: 0.2 },
      ].map((fee, i) => readAs({ ...fc.sample(unit, { numRuns: 1, seed: i })[0]!, fee }, i, i === 0)),
    );
    const result = aggregateUnits(units, builtInFormats.importable, { organization: '汇总' });
    expect(result.data.fee).toEqual({ count: 3, amount_yuan: 10.3 });
    const bytes = await renderAggregateWorkbook(result, aggregateDocument(result, '汇总2024年政府信息公开工作年度报告'));
    expect(importWorkbook(bytes, { formats: FORMATS }).data.fee).toEqual({ count: 3, amount_yuan: 10.3 });
  });
});

describe('import recomputes formula cells from their inputs', () => {
  const T2 = 'xl/worksheets/sheet2.xml';
  const cachedResult = (ref: string, value: number) => (xml: string) => {
    const pattern = new RegExp(`(<c r="${ref}"[^>]*><f>[^<]*</f><v>)[^<]*(</v>)`);
    expect(xml).toMatch(pattern);
    return xml.replace(pattern, `$1${value}$2`);
  };

  it('imports the recomputed 总计 when its cached result was edited, warning with sheet, cell and both numbers', async () => {
    const bytes = await rewritePart(await sampleWorkbook(), T2, cachedResult('J4', 70));
    const { data, diagnostics } = importWorkbook(bytes, { formats: FORMATS, fileName: '单位.xlsx' });
    expect((data.tables as any).requests.new.tot).toBe(63);
    expect(diagnostics).toEqual([
      {
        code: 'XLSX-FORMULA-STALE',
        severity: 'warning',
        stage: 'import',
        file: '单位.xlsx',
        path: ['tables', 'requests', 'new', 'tot'],
        place: {
          table: { id: 't2', label: '三、收到和处理政府信息公开申请情况' },
          row: { id: 'new', label: '一、本年新收政府信息公开申请数量' },
          column: { id: 'tot', label: '总计' },
          sheet: { name: '收到和处理申请情况', cell: 'J4' },
        },
        message:
          '工作表「收到和处理申请情况」J4（「三、收到和处理政府信息公开申请情况」表「一、本年新收政府信息公开申请数量」行「总计」列）的公式“=SUM(D4:I4)”保存的结果是 70，按它引用的单元格重新计算为 63，已按 63 读入（保存结果与单元格不一致，可能是表格软件没有重新计算或文件被改动过）',
      },
    ]);
  });

  it('recomputes the （七）总计 row and the totals that sum it, through nested formulas, when an input changed without recalculation', async () => {
    // D6 (an outcome row, 自然人) raised by 5 with no cached result updated: its row's 总计 (J6),
    // the （七）总计 row's 自然人 (D27) and its 总计 (J27) are all stale.
    let bytes = await sampleWorkbook();
    bytes = await rewritePart(bytes, T2, (xml) => xml.replace(/(<c r="D6"[^>]*><v>)(\d+)(<\/v>)/, (_, a: string, v: string, b: string) => `${a}${Number(v) + 5}${b}`));
    const { data, diagnostics } = importWorkbook(bytes, { formats: FORMATS });
    const requests = sampleReport().tables.requests;
    const imported = (data.tables as any).requests;
    expect(imported.granted.np).toBe(requests.granted.np + 5);
    expect(imported.granted.tot).toBe(requests.granted.tot + 5);
    expect(imported.total.np).toBe(requests.total.np + 5);
    expect(imported.total.tot).toBe(requests.total.tot + 5);
    expect(diagnostics.map((d) => [d.code, d.severity, d.place?.sheet?.cell])).toEqual([
      ['XLSX-FORMULA-STALE', 'warning', 'J6'],
      ['XLSX-FORMULA-STALE', 'warning', 'D27'],
      ['XLSX-FORMULA-STALE', 'warning', 'J27'],
    ]);
    expect(diagnostics[2]!.message).toContain(`保存的结果是 ${requests.total.tot}，按它引用的单元格重新计算为 ${requests.total.tot + 5}`);
  });
});
