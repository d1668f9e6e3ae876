/**
 * A new national format costs one folder: v2099 is defined entirely under
 * test/fixtures/formats/v2099/ (the 2021 format plus one 表一 row and its own
 * part 二 template), registered here, and goes through every stage — chosen by
 * year, validated, built to DOCX, PDF and XLSX, imported back, aggregated and
 * described in the JSON Schema — without a line of src/ naming it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { aggregateFiles } from '../../src/aggregate/index.js';
import { buildReportFile } from '../../src/build.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { BUILT_IN_FORMATS } from '../../src/formats/index.js';
import { createFormatRegistry } from '../../src/formats/registry.js';
import { importWorkbook } from '../../src/import/xlsx-import.js';
import { reportJsonSchema } from '../../src/schema-json.js';
import { validateReportText } from '../../src/validate/index.js';
import { v2099Format } from '../fixtures/formats/v2099/index.js';
import { inspectPdf, linesOf } from '../fonts/support/pdf-inspect.js';
import { SAMPLE, tempDir } from '../helpers/cli.js';
import { docxBlocks } from '../seeds/extract.js';
import { readWithExcelJs } from '../xlsx/helpers.js';

const registry = createFormatRegistry([v2099Format, ...BUILT_IN_FORMATS]);

/** The bundled 2024 sample moved to 2099, with the extra 表一 row filled in. */
async function v2099Data(organization = '示范市青禾区人民政府', localLaws = { issued: 3, repealed: 1, in_force: 27 }): Promise<Record<string, any>> {
  const data = parse(await readFile(SAMPLE, 'utf8')) as Record<string, any>;
  data.year = 2099;
  data.organization.name = organization;
  data.signature.date = '2100-01-20';
  data.tables.proactive = {
    ...data.tables.proactive,
    lr_issued: localLaws.issued,
    lr_repealed: localLaws.repealed,
    lr_in_force: localLaws.in_force,
  };
  return data;
}

async function writeData(folder: string, name: string, data: Record<string, unknown>): Promise<string> {
  const file = path.join(folder, name);
  await writeFile(file, stringify(data));
  return file;
}

describe('a format defined outside src/ (v2099)', () => {
  it('is chosen by year, and the built-in formats keep theirs', () => {
    expect(registry.forYear(2099)).toBe(v2099Format);
    expect(registry.forYear(2120).id).toBe('v2099');
    expect(registry.forYear(2098).id).toBe('v2021');
    expect(registry.forYear(2020).id).toBe('v2019');
    expect(registry.select({ year: 2099 }).format).toBe(v2099Format);
    expect(registry.select({ format: 'v2099', year: 2024 }).diagnostics[0]).toMatchObject({ code: 'FORMAT-YEAR' });
  });

  it('validates with its own 表一 row and names it as printed', async () => {
    const data = await v2099Data();
    const valid = validateReportText(stringify(data), 'r.yaml', { formats: registry });
    expect(valid.format).toBe(v2099Format);
    expect(valid.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);

    delete data.tables.proactive.lr_in_force;
    const missing = validateReportText(stringify(data), 'r.yaml', { formats: registry });
    const problem = missing.diagnostics.find((d) => d.code === 'SCHEMA-MISSING');
    expect(problem?.message).toContain('「地方性法规」行「现行有效件数」列');
    // Without the registry, 2099 falls to the newest built-in format, whose schema has no such row.
    const builtIn = validateReportText(stringify(await v2099Data()), 'r.yaml');
    expect(builtIn.report).toBeUndefined();
    expect(builtIn.diagnostics.some((d) => d.severity === 'error' && d.message.includes('lr_issued'))).toBe(true);
  });

  it('builds DOCX, PDF and XLSX with the extra row and its own template, the rest from the 2021 format', async () => {
    const folder = await tempDir();
    const input = await writeData(folder, 'v2099.yaml', await v2099Data());
    const fonts = resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));
    const result = await buildReportFile(input, { outputs: ['docx', 'pdf', 'xlsx'], out: folder, formats: registry, pdf: { fonts } });
    expect(result.refused).toBeUndefined();
    const [docxFile, pdfFile, xlsxFile] = result.written as [string, string, string];

    const blocks = await docxBlocks(await readFile(docxFile));
    const paragraphs = blocks.filter((block) => block.kind === 'paragraph').map((block) => block.text);
    expect(paragraphs).toContain('本部分按2099年测试格式编写，主动公开政府信息情况如下表。');
    // Part 一 comes from the 2021 format's template (the fallback), with the sample's own text.
    expect(paragraphs).toContain('一、总体情况');
    const t1 = blocks.find((block) => block.kind === 'table')!;
    const cells = t1.cells!.map((cell) => cell.text);
    expect(cells.slice(cells.indexOf('规章'), cells.indexOf('规章') + 8)).toEqual(['规章', expect.any(String), expect.any(String), expect.any(String), '地方性法规', '3', '1', '27']);

    const lines = linesOf(await inspectPdf(await readFile(pdfFile))).map((line) => line.text.replace(/\s+/g, ''));
    // Body lines wrap at 28 characters: the sentence is read across them.
    expect(lines.join('')).toContain('本部分按2099年测试格式编写，主动公开政府信息情况如下表。');
    expect(lines.find((line) => line.startsWith('地方性法规'))).toBe('地方性法规3127');

    const workbook = await readWithExcelJs(await readFile(xlsxFile));
    const sheet = workbook.getWorksheet('主动公开情况')!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => String(value && typeof value === 'object' && 'result' in value ? value.result : value ?? ''))));
    expect(rows).toContainEqual(['地方性法规', '3', '1', '27']);
  });

  it('imports its workbook back exactly and aggregates units', async () => {
    const folder = await tempDir();
    const units = [
      await writeData(folder, 'a.yaml', await v2099Data('示范市青禾区教育局', { issued: 3, repealed: 1, in_force: 27 })),
      await writeData(folder, 'b.yaml', await v2099Data('示范市青禾区民政局', { issued: 2, repealed: 0, in_force: 5 })),
    ];
    const built = await buildReportFile(units[0]!, { outputs: ['xlsx'], out: folder, formats: registry });
    const imported = importWorkbook(await readFile(built.written[0]!), { formats: registry.importable, fileName: 'a.xlsx' });
    expect(imported.format).toBe(v2099Format);
    expect(imported.data.tables).toEqual((await v2099Data('示范市青禾区教育局')).tables);

    const out = path.join(folder, '汇总.xlsx');
    const { result } = await aggregateFiles(units, { out, formats: registry, organization: '示范市青禾区人民政府' });
    expect(result.format).toBe(v2099Format);
    const proactive = (result.data.tables as Record<string, Record<string, number>>).proactive!;
    expect([proactive.lr_issued, proactive.lr_repealed, proactive.lr_in_force]).toEqual([5, 1, 32]);
  });

  it('appears in the generated JSON Schema, chosen by format and by year', () => {
    const schema = reportJsonSchema(registry) as Record<string, any>;
    expect(schema.$defs.v2099.properties.tables.properties.proactive.properties.lr_issued.description).toBe('地方性法规 × 本年制发件数');
    expect(schema.description).toContain('2021—2098 年度 v2021，2099 年度起 v2099');
    expect(JSON.stringify(schema)).toContain('"const":"v2099"');
  });

  it('makes a starter for `init` that validates as it is', () => {
    const text = v2099Format.starter({ year: 2099, organization: '某机关' });
    expect(text).toContain('lr_issued: 0');
    const validation = validateReportText(text, 'init.yaml', { formats: registry });
    expect(validation.format).toBe(v2099Format);
    expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
