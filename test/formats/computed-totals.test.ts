/**
 * Total cells (the grids' `sumOf` cells) may be left out of a data file:
 * xxgk computes them before validation's rules, compose and the emitters see
 * the data; a total that is written is checked as before.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { prepareBuild } from '../../src/build.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { builtInFormats } from '../../src/formats/index.js';
import type { AnyFormat } from '../../src/formats/registry.js';
import { readCellValue } from '../../src/tables/grid.js';
import { completeTotals, componentSum, totalCells } from '../../src/tables/totals.js';
import { validateReportText } from '../../src/validate/index.js';
import { inspectPdf, linesOf } from '../fonts/support/pdf-inspect.js';
import { cli, tempDir } from '../helpers/cli.js';
import { SAMPLE_PATH } from '../helpers/sample.js';

const v2021 = builtInFormats.formats.find((format) => format.id === 'v2021')!;

/** Every key the format's grids declare as a total, as data paths. */
function totalPaths(format: AnyFormat): string[][] {
  return format.tables.flatMap((grid) => totalCells(grid.definition).map((cell) => [...grid.definition.dataPath, ...cell.key]));
}

/** The data file's text with the given paths deleted (a row left empty is deleted too). */
function without(text: string, paths: readonly (readonly string[])[]): string {
  const document = parseDocument(text);
  for (const cellPath of paths) {
    document.deleteIn(cellPath);
    const row = document.getIn(cellPath.slice(0, -1), true) as { items?: unknown[] } | undefined;
    if (row?.items && row.items.length === 0) document.deleteIn(cellPath.slice(0, -1));
  }
  return document.toString();
}

function setIn(text: string, cellPath: readonly string[], value: number): string {
  const document = parseDocument(text);
  document.setIn(cellPath, value);
  return document.toString();
}

const errorsOf = (text: string) => validateReportText(text, 'report.yaml').diagnostics.filter((d) => d.severity === 'error');

describe('completeTotals (grid data only)', () => {
  const t2 = v2021.tables.find((grid) => grid.definition.id === 't2')!.definition;

  it('computes row totals, then the （七）总计 row per column, then its 总计, and keeps key order', () => {
    const row = (np: number) => ({ np, biz: 1, res: 0, ngo: 0, law: 0, oth: 0 });
    const data: Record<string, Record<string, number>> = {};
    for (const cell of totalCells(t2)) if (cell.key[1] === 'tot' && cell.key[0] !== 'total') data[cell.key[0]!] = row(2);
    const done = completeTotals(data, t2) as Record<string, Record<string, number>>;
    const outcomes = Object.keys(data).filter((key) => !['new', 'carry_in', 'carry_out'].includes(key));
    expect(done.granted).toEqual({ ...row(2), tot: 3 });
    expect(done.total).toEqual({ np: 2 * outcomes.length, biz: outcomes.length, res: 0, ngo: 0, law: 0, oth: 0, tot: 3 * outcomes.length });
    expect(Object.keys(done).indexOf('total')).toBe(Object.keys(done).indexOf('carry_out') - 1);
    expect(data.granted).not.toHaveProperty('tot');
  });

  it('leaves a written total as it is, and a total whose parts are missing absent', () => {
    const done = completeTotals({ new: { np: 1, biz: 0, res: 0, ngo: 0, law: 0, oth: 0, tot: 9 }, granted: { np: 1 } }, t2) as Record<
      string,
      Record<string, number>
    >;
    expect(done.new!.tot).toBe(9);
    expect(done.granted).toEqual({ np: 1 });
    expect(done).not.toHaveProperty('total');
  });

  it('componentSum reads the component cells, never a typed total', () => {
    const data = { granted: { np: 2, biz: 1, res: 0, ngo: 0, law: 0, oth: 0, tot: 99 } };
    expect(componentSum(data, t2, ['granted', 'tot'])).toBe(3);
    expect(componentSum(data, t2, ['granted', 'np'])).toBe(2);
  });
});

describe('the sample without its total cells', () => {
  it('validates to the same report as the sample with them', async () => {
    const text = await readFile(SAMPLE_PATH, 'utf8');
    const paths = totalPaths(v2021);
    // 表二: 25 row totals + the six applicant cells of （七）总计; 表三: three group totals.
    expect(paths).toHaveLength(25 + 6 + 3);
    const stripped = without(text, paths);
    expect(stripped).not.toMatch(/\btot:|_total:|^\s+total:/m);
    const full = validateReportText(text, 'full.yaml');
    const bare = validateReportText(stripped, 'bare.yaml');
    expect(bare.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(bare.report).toEqual(full.report);
    expect(JSON.stringify(bare.report)).toBe(JSON.stringify(full.report));
  });

  it('builds the same DOCX, XLSX and PDF as the sample', async () => {
    const folder = await tempDir();
    const text = await readFile(SAMPLE_PATH, 'utf8');
    const fullPath = path.join(folder, 'full.yaml');
    const barePath = path.join(folder, 'bare.yaml');
    await writeFile(fullPath, text);
    await writeFile(barePath, without(text, totalPaths(v2021)));
    const fonts = resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));
    const options = () => ({
      outputs: ['docx', 'xlsx', 'pdf'] as ('docx' | 'xlsx' | 'pdf')[],
      out: folder,
      pdf: { fonts, creationDate: new Date('2025-01-20T00:00:00Z') },
    });
    const full = await prepareBuild(fullPath, options());
    const bare = await prepareBuild(barePath, options());
    expect(bare.refused).toBeUndefined();
    expect(bare.outputs.map((output) => path.basename(output.target))).toEqual(full.outputs.map((output) => path.basename(output.target)));
    const [fullDocx, fullXlsx, fullPdf] = full.outputs.map((output) => output.bytes);
    const [bareDocx, bareXlsx, barePdf] = bare.outputs.map((output) => output.bytes);
    // DOCX and XLSX: every part's content (timestamps aside).
    for (const [a, b] of [
      [fullDocx!, bareDocx!],
      [fullXlsx!, bareXlsx!],
    ] as const) {
      const parts = async (bytes: Uint8Array) => {
        const zip = await JSZip.loadAsync(bytes);
        const out = new Map<string, string>();
        for (const name of Object.keys(zip.files).sort()) {
          const content = await zip.file(name)?.async('string');
          if (content !== undefined) out.set(name, content.replace(/<dcterms:(created|modified)[^<]*<\/dcterms:\1>/g, ''));
        }
        return out;
      };
      const [pa, pb] = [await parts(a), await parts(b)];
      expect([...pb.keys()]).toEqual([...pa.keys()]);
      for (const [name, content] of pa) expect(pb.get(name), name).toBe(content);
    }
    // PDF: the same text on the same lines of the same pages.
    const pdfText = async (bytes: Uint8Array) => linesOf(await inspectPdf(bytes)).map((line) => `${line.page}:${line.text}`);
    const fullLines = await pdfText(fullPdf!);
    expect(fullLines.some((line) => line.includes('（七）总计'))).toBe(true);
    expect(await pdfText(barePdf!)).toEqual(fullLines);
    expect(Buffer.from(barePdf!).equals(Buffer.from(fullPdf!))).toBe(true);
  });
});

describe('a written total is still checked', () => {
  it('a wrong row total is reported on its cell, with the other totals left out', async () => {
    const text = await readFile(SAMPLE_PATH, 'utf8');
    const others = totalPaths(v2021).filter((cellPath) => cellPath.join('.') !== 'tables.requests.granted.tot');
    const wrong = setIn(without(text, others), ['tables', 'requests', 'granted', 'tot'], 27);
    const errors = errorsOf(wrong);
    const onCell = errors.find((d) => d.path.join('.') === 'tables.requests.granted.tot');
    expect(onCell?.code).toBe('V21-T2-01');
    expect(onCell?.message).toBe('「三、收到和处理政府信息公开申请情况」表「（一）予以公开」行「总计」列为 27，但「自然人」至「其他」六列之和为 26');
    expect(onCell?.start?.line).toBe(wrong.split('\n').findIndex((line) => /^\s+granted:/.test(line)) + 1);
  });

  it('a wrong （七）总计 cell is reported as before', async () => {
    const text = await readFile(SAMPLE_PATH, 'utf8');
    const errors = errorsOf(setIn(text, ['tables', 'requests', 'total', 'np'], 50));
    expect(errors.map((d) => [d.code, d.path.join('.')])).toContainEqual(['V21-T2-02', 'tables.requests.total.np']);
  });

  it('a wrong 表三 总计 is reported on its cell', async () => {
    const text = await readFile(SAMPLE_PATH, 'utf8');
    const errors = errorsOf(setIn(text, ['tables', 'review_litigation', 'rv_total'], 0));
    const onCell = errors.find((d) => d.path.join('.') === 'tables.review_litigation.rv_total');
    expect(onCell?.code).toBe('V21-T3-01');
    expect(onCell?.message).toBe('「四、政府信息公开行政复议、行政诉讼情况」表「行政复议 › 总计」列为 0，但结果维持、结果纠正、其他结果、尚未审结四项之和为 4');
  });

  it('a whole （七）总计 row, or a single 总计, may be left out', async () => {
    const text = await readFile(SAMPLE_PATH, 'utf8');
    const noRow = validateReportText(without(text, [['tables', 'requests', 'total']]), 'a.yaml');
    expect(noRow.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const oneTot = validateReportText(without(text, [['tables', 'requests', 'new', 'tot']]), 'b.yaml');
    expect(oneTot.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const full = validateReportText(text, 'c.yaml').report;
    expect(noRow.report).toEqual(full);
    expect(oneTot.report).toEqual(full);
  });

  it('a missing component cell is still an error (only totals may be left out)', async () => {
    const text = await readFile(SAMPLE_PATH, 'utf8');
    const errors = errorsOf(without(text, [['tables', 'requests', 'granted', 'np']]));
    expect(errors.map((d) => d.path.join('.'))).toContain('tables.requests.granted.np');
  });
});

describe('data read without the schema, and partly valid data', () => {
  it('a total written with nothing after the colon is computed like one left out', async () => {
    const text = (await readFile(SAMPLE_PATH, 'utf8')).replace(/(granted:.*?)tot: 26 \}/, '$1tot: }');
    expect(text).toMatch(/granted:.*tot: \}/);
    const result = validateReportText(text, 'a.yaml');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect((result.report as { tables: { requests: { granted: { tot: number } } } }).tables.requests.granted.tot).toBe(26);
  });

  it('when another part fails the schema, tables without totals are checked on their computed totals', async () => {
    const text = without(await readFile(SAMPLE_PATH, 'utf8'), totalPaths(v2021)).replace('level: 人民政府', 'level: 政府');
    const errors = errorsOf(text);
    expect(errors.map((d) => d.path.join('.'))).toEqual(['organization.level']);
    const wrong = errorsOf(setIn(text, ['tables', 'requests', 'granted', 'tot'], 27));
    expect(wrong.map((d) => [d.code, d.path.join('.')])).toContainEqual(['V21-T2-01', 'tables.requests.granted.tot']);
  });

  it('aggregate sums units that leave their totals out as if they had written them', async () => {
    const folder = await tempDir();
    const text = await readFile(SAMPLE_PATH, 'utf8');
    const other = text.replace('name: 示范市青禾区人民政府', 'name: 示范市青禾区教育局');
    for (const [name, strip] of [['full', false], ['bare', true]] as const) {
      await mkdir(path.join(folder, name));
      await writeFile(path.join(folder, name, 'a.yaml'), strip ? without(text, totalPaths(v2021)) : text);
      await writeFile(path.join(folder, name, 'b.yaml'), strip ? without(other, totalPaths(v2021)) : other);
      const run = await cli(['aggregate', path.join(folder, name), '--out', path.join(folder, `${name}-out`, '汇总.xlsx'), '--org', '某县']);
      expect(run.code, run.stderr).toBe(0);
    }
    const summary = (name: string) => readFile(path.join(folder, `${name}-out`, '汇总.yaml'), 'utf8');
    const full = await summary('full');
    expect(full).toMatch(/total:\s+\{ np: 106, biz: 10, res: 2, ngo: 0, law: 6, oth: 2, tot: 126 \}/);
    expect(await summary('bare')).toBe(full);
  });

  it('import --into keeps the totals a file leaves out (they stay computed)', async () => {
    const folder = await tempDir();
    const bare = without(await readFile(SAMPLE_PATH, 'utf8'), totalPaths(v2021));
    const input = path.join(folder, 'bare.yaml');
    await writeFile(input, bare);
    expect((await cli(['build', input, '--to', 'xlsx', '--out', path.join(folder, 'x')])).code).toBe(0);
    const workbook = path.join(folder, 'x', '示范市青禾区人民政府2024年政府信息公开工作年度报告.xlsx');
    const run = await cli(['import', workbook, '--into', input]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('undefined');
    expect(await readFile(input, 'utf8')).toBe(bare);
  });
});

describe('the older formats', () => {
  it.each([
    ['v2019', 'samples/seed-001-柳州市城中区2020.yaml'],
    ['legacy', 'samples/seed-003-桃源县陬市镇2017.yaml'],
  ])('%s: a sample without its total cells validates, each total the sum of its parts', async (id, file) => {
    const format = builtInFormats.formats.find((candidate) => candidate.id === id)!;
    const text = await readFile(file, 'utf8');
    const paths = totalPaths(format).filter((cellPath, i, all) => all.findIndex((other) => other.join('.') === cellPath.join('.')) === i);
    expect(paths.length).toBeGreaterThan(0);
    const bare = validateReportText(without(text, paths), file);
    expect(bare.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const grid of format.tables) {
      const table = grid.definition.dataPath.reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], bare.report);
      for (const cell of totalCells(grid.definition)) {
        expect(readCellValue(table, cell.key), cell.key.join('.')).toBe(componentSum(table, grid.definition, cell.key));
      }
    }
  });
});
