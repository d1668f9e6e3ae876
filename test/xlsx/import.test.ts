import { deflateRawSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import JSZip from 'jszip';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { importWorkbook, reportDataToYaml, WorkbookReadError } from '../../src/import/xlsx-import.js';
import { loadFromData } from '../../src/io/load.js';
import { writeZip } from '../../src/io/xlsx/zip.js';
import { renderXlsx } from '../../src/render/xlsx.js';
import { composeReport } from '../../src/compose/compose.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { validateLoaded } from '../../src/validate/index.js';
import { sampleReport } from '../helpers/sample.js';
import { reportArbitrary, tablesDocument } from './generate.js';
import { FORMATS, rewritePart, sampleWorkbook } from './helpers.js';

const T1 = 'xl/worksheets/sheet1.xml';
const T2 = 'xl/worksheets/sheet2.xml';

function importBytes(bytes: Uint8Array) {
  return importWorkbook(bytes, { formats: FORMATS, fileName: '单位.xlsx' });
}

function rejection(bytes: Uint8Array): WorkbookReadError {
  try {
    importBytes(bytes);
  } catch (error) {
    if (error instanceof WorkbookReadError) return error;
    throw error;
  }
  throw new Error('the workbook was accepted');
}

/** Replaces cell `ref`'s element in a sheet's XML. */
const replaceCell = (ref: string, replacement: (attributes: string) => string) => (xml: string) => {
  const pattern = new RegExp(`<c r="${ref}"([^>]*?)(?:/>|>.*?</c>)`);
  expect(xml).toMatch(pattern);
  return xml.replace(pattern, (_, attributes: string) => replacement(attributes.replace(/ t="[^"]*"/, '')));
};

describe('importWorkbook: build → import is lossless', () => {
  it('reads the sample workbook back into the sample’s tables and facts', async () => {
    const report = sampleReport();
    const { data, format, diagnostics } = importBytes(await sampleWorkbook());
    expect(format.id).toBe('v2021');
    expect(diagnostics).toEqual([]);
    expect(data).toEqual({
      format: 'v2021',
      year: 2024,
      organization: { name: '示范市青禾区人民政府', level: '人民政府' },
      signature: { date: '2025-01-20' },
      tables: report.tables,
      fee: report.fee,
    });
    // The imported data is a valid data file (narrative empty).
    const validation = validateLoaded(loadFromData(data, 'imported.yaml'));
    expect(validation.report).toBeDefined();
    expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('round-trips 200 random valid reports exactly (seeded property test)', async () => {
    await fc.assert(
      fc.asyncProperty(reportArbitrary, async (input) => {
        const bytes = await renderXlsx(tablesDocument(input));
        const { data, diagnostics } = importBytes(bytes);
        expect(diagnostics).toEqual([]);
        expect(data.tables).toEqual(input.tables);
        expect(data.year).toBe(input.year);
        expect(data.organization).toEqual({ name: input.organization.name, level: input.organization.level });
        const signature = data.signature as { date: string; name?: string };
        expect(signature.date).toBe(input.signature!.date);
        expect(signature.name ?? input.organization.name).toBe(input.signature!.name ?? input.organization.name);
        // And the YAML written from it reads back to the same data.
        expect(parse(reportDataToYaml(data))).toEqual(data);
      }),
      { numRuns: 200, seed: 20250120 },
    );
  }, 120_000);
});

describe('importWorkbook: a report that prints a table otherwise (the format’s alternative layout)', () => {
  it('reads back the workbook of a published report with a one-row （六）其他处理, its numbers and layout kept', async () => {
    const file = path.join(import.meta.dirname, '../../samples/published/cn-jiangsu-hongze-district-2024.yaml');
    const validation = validateLoaded(loadFromData(parse(await readFile(file, 'utf8')), file));
    expect(validation.report).toBeDefined();
    const bytes = await renderXlsx(composeReport(validation.report!, v2021Format));
    const { data, format, diagnostics } = importBytes(bytes);
    const published = validation.report as unknown as { tables: { requests: Record<string, unknown> } };
    expect((data.tables as { requests: Record<string, unknown> }).requests.other).toEqual(published.tables.requests.other);
    expect((data.tables as { requests: Record<string, unknown> }).requests).not.toHaveProperty('other_nocorrect');
    // The importer uses the one-row layout's grids, so a merge back into the data file writes `other`.
    expect(format.tables.find((grid) => grid.definition.id === 't2')!.valueCells.some((cell) => cell.content.key[0] === 'other')).toBe(true);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // The imported data validates in that layout: the one-row group noted, nothing wrong.
    const again = validateLoaded(loadFromData(data, 'imported.yaml'));
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(again.diagnostics.map((d) => d.code)).toContain('V21-T2-OTHER');
  });

  it('still names the format’s own layout when a workbook matches none', async () => {
    const bytes = await rewritePart(await sampleWorkbook(), T2, (xml) => xml.replace('<mergeCell ref="B8:B15"/>', ''));
    expect(rejection(bytes).message).toContain('单元格 B8 应为合并单元格 B8:B15');
  });
});

describe('importWorkbook: what spreadsheet programs leave behind', () => {
  it('reads a blank cell as 0 with a warning naming sheet, cell, row and column, in words and as a place in the workbook', async () => {
    const bytes = await rewritePart(await sampleWorkbook(), T2, replaceCell('D4', (a) => `<c r="D4"${a}/>`));
    const { data, diagnostics } = importBytes(bytes);
    expect((data.tables as any).requests.new.np).toBe(0);
    // The row's 总计 (J4) still holds the result saved before D4 was cleared: recomputed, with a warning.
    expect(diagnostics.slice(1).map((d) => [d.code, d.place?.sheet?.cell])).toEqual([['XLSX-FORMULA-STALE', 'J4']]);
    expect(diagnostics.slice(0, 1)).toEqual([
      {
        code: 'XLSX-BLANK',
        severity: 'warning',
        stage: 'import',
        file: '单位.xlsx',
        path: ['tables', 'requests', 'new', 'np'],
        place: {
          table: { id: 't2', label: '三、收到和处理政府信息公开申请情况' },
          row: { id: 'new', label: '一、本年新收政府信息公开申请数量' },
          column: { id: 'np', label: '自然人' },
          sheet: { name: '收到和处理申请情况', cell: 'D4' },
        },
        message: '工作表「收到和处理申请情况」D4（「三、收到和处理政府信息公开申请情况」表「一、本年新收政府信息公开申请数量」行「自然人」列）是空白，按 0 读入',
      },
    ]);
  });

  it('reads numbers stored as text (“12”, “12件”, full-width digits) with a warning', async () => {
    let bytes = await sampleWorkbook();
    bytes = await rewritePart(bytes, T2, replaceCell('D4', (a) => `<c r="D4"${a} t="inlineStr"><is><t>52</t></is></c>`));
    bytes = await rewritePart(bytes, T2, replaceCell('E4', (a) => `<c r="E4"${a} t="inlineStr"><is><t>6件</t></is></c>`));
    bytes = await rewritePart(bytes, T1, replaceCell('B7', (a) => `<c r="B7"${a} t="inlineStr"><is><t>３２８６</t></is></c>`));
    const { data, diagnostics } = importBytes(bytes);
    expect((data.tables as any).requests.new).toMatchObject({ np: 52, biz: 6 });
    expect((data.tables as any).proactive.license_decisions).toBe(3286);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['XLSX-TEXT-NUMBER', 'warning'],
      ['XLSX-TEXT-NUMBER', 'warning'],
      ['XLSX-TEXT-NUMBER', 'warning'],
    ]);
    expect(diagnostics[2]!.message).toContain('“6件”，按 6 读入');
  });

  it('reports text that is not a number as an error', async () => {
    const bytes = await rewritePart(await sampleWorkbook(), T2, replaceCell('D4', (a) => `<c r="D4"${a} t="inlineStr"><is><t>若干</t></is></c>`));
    const { diagnostics } = importBytes(bytes);
    expect(diagnostics).toMatchObject([
      { code: 'XLSX-NOT-NUMBER', severity: 'error', path: ['tables', 'requests', 'new', 'np'] },
      // The row's 总计 sums that cell, so it cannot be recomputed: its saved result is kept, with a warning.
      { code: 'XLSX-FORMULA-UNCHECKED', severity: 'warning', path: ['tables', 'requests', 'new', 'tot'] },
    ]);
    expect(diagnostics[0]!.message).toContain('应填数字，实际为文字“若干”');
  });

  it('computes formulas saved without their results, shared formulas included', async () => {
    let bytes = await sampleWorkbook();
    // Every stored result removed, as some programs save them.
    bytes = await rewritePart(bytes, T2, (xml) => xml.replace(/(<\/f>)<v>[^<]*<\/v>/g, '$1'));
    // J5 written the way Excel writes a shared formula follower.
    bytes = await rewritePart(bytes, T2, (xml) =>
      xml
        .replace(/<c r="J4"([^>]*)><f>SUM\(D4:I4\)<\/f><\/c>/, '<c r="J4"$1><f t="shared" ref="J4:J5" si="0">SUM(D4:I4)</f></c>')
        .replace(/<c r="J5"([^>]*)><f>SUM\(D5:I5\)<\/f><\/c>/, '<c r="J5"$1><f t="shared" si="0"/></c>'),
    );
    const { data, diagnostics } = importBytes(bytes);
    expect(diagnostics).toEqual([]);
    expect((data.tables as any).requests).toEqual(sampleReport().tables.requests);
  });

  it('reads shared strings with rich text runs and phonetic guides, and _xHHHH_ escapes', async () => {
    const bytes = await rewritePart(await sampleWorkbook(), 'xl/sharedStrings.xml', (xml) =>
      xml
        .replace('<si><t>第二十条第（一）项</t></si>', '<si><r><rPr><b/></rPr><t>第二十条</t></r><r><t>第（一）项</t></r><rPh sb="0" eb="1"><t>だい</t></rPh></si>')
        .replace('<si><t>示范市青禾区人民政府</t></si>', '<si><t>示范市_x9752_禾区人民政府</t></si>'),
    );
    const { data } = importBytes(bytes);
    expect((data.organization as { name: string }).name).toBe('示范市青禾区人民政府');
  });

  it('reads a date typed as text in 报告信息', async () => {
    const bytes = await rewritePart(await sampleWorkbook(), 'xl/worksheets/sheet4.xml', (xml) =>
      xml.replace(/<c r="B7"([^>]*?)><v>[^<]*<\/v><\/c>/, '<c r="B7"$1 t="inlineStr"><is><t>2025年2月3日</t></is></c>'),
    );
    expect((importBytes(bytes).data.signature as { date: string }).date).toBe('2025-02-03');
  });
});

describe('importWorkbook: a workbook whose layout differs is rejected, naming the first unexpected cell', () => {
  it('names sheet, cell and the expected label when a label was changed', async () => {
    const bytes = await rewritePart(await sampleWorkbook(), 'xl/sharedStrings.xml', (xml) => xml.replace('<t>4.保护第三方合法权益</t>', '<t>4.保护第三人合法权益</t>'));
    const error = rejection(bytes);
    expect(error.problem).toBe('layout');
    expect(error.message).toContain('工作表「收到和处理申请情况」单元格 C11 应为“4.保护第三方合法权益”，实际为“4.保护第三人合法权益”');
  });

  it('names the cell when a merge was undone', async () => {
    const bytes = await rewritePart(await sampleWorkbook(), T2, (xml) => xml.replace('<mergeCell ref="B8:B15"/>', ''));
    expect(rejection(bytes).message).toContain('工作表「收到和处理申请情况」单元格 B8 应为合并单元格 B8:B15（“（三）不予公开”），实际没有合并');
  });

  it('names the first shifted cell when a row was inserted', async () => {
    const bytes = await rewritePart(await sampleWorkbook(), T1, (xml) =>
      xml.replace(/<row r="(\d+)"/g, (match, n: string) => (Number(n) >= 3 ? `<row r="${Number(n) + 1}"` : match)).replace(/<c r="([A-Z]+)(\d+)"/g, (match, col: string, n: string) =>
        Number(n) >= 3 ? `<c r="${col}${Number(n) + 1}"` : match,
      ),
    );
    expect(rejection(bytes).message).toContain('工作表「主动公开情况」单元格 A3 应为“规章”，实际为空白');
  });

  it('refuses a workbook without the table sheets or 报告信息', async () => {
    const zip = await JSZip.loadAsync(await sampleWorkbook());
    let xml = await zip.file('xl/workbook.xml')!.async('string');
    xml = xml.replace('name="行政复议诉讼情况"', 'name="Sheet3"');
    zip.file('xl/workbook.xml', xml);
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    expect(rejection(bytes).message).toContain('中没有「行政复议诉讼情况」工作表');
  });
});

describe('importWorkbook: bad input gets a clear Chinese error, fast', () => {
  const attempt = (bytes: Uint8Array) => {
    const started = performance.now();
    const error = rejection(bytes);
    expect(performance.now() - started).toBeLessThan(3000);
    return error;
  };

  it('a text file, an empty file, a PDF, an HTML “xls”', () => {
    expect(attempt(Buffer.from('year: 2024\n')).message).toMatch(/不是 Excel 工作簿（\.xlsx）/);
    expect(attempt(new Uint8Array()).message).toContain('是空文件');
    expect(attempt(Buffer.from('%PDF-1.7\n')).message).toContain('是 PDF 文件');
    expect(attempt(Buffer.from('<html><table><tr><td>1</td></tr></table></html>')).message).toContain('是网页或 XML 文本');
  });

  it('an encrypted workbook and an old .xls (OLE compound files)', () => {
    const ole = (stream: string) => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from(stream, 'utf16le')]);
    const encrypted = attempt(ole('EncryptionInfo'));
    expect(encrypted.problem).toBe('encrypted');
    expect(encrypted.message).toContain('设置了打开密码');
    expect(attempt(ole('Workbook')).message).toContain('旧版 Excel 97-2003 工作簿（.xls）');
  });

  it('a truncated or corrupt workbook', async () => {
    const bytes = await sampleWorkbook();
    expect(attempt(bytes.subarray(0, bytes.length - 100)).message).toMatch(/已损坏/);
    const flipped = Buffer.from(bytes);
    const at = flipped.indexOf('xl/worksheets/sheet2.xml') + 'xl/worksheets/sheet2.xml'.length + 40;
    flipped[at] = flipped[at]! ^ 0xff;
    expect(attempt(flipped).message).toMatch(/已损坏/);
  });

  it('a zip bomb: refused before it is inflated beyond the limit', () => {
    // 200 MB of spaces deflate to ~200 KB; the declared size is honest here, and a lying one is caught while inflating.
    const huge = deflateRawSync(Buffer.alloc(200 * 1024 * 1024, 0x20), { level: 9 });
    const zip = (declared: number) => {
      const name = Buffer.from('xl/workbook.xml');
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(8, 8);
      local.writeUInt32LE(huge.length, 18);
      local.writeUInt32LE(declared, 22);
      local.writeUInt16LE(name.length, 26);
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(8, 10);
      central.writeUInt32LE(huge.length, 20);
      central.writeUInt32LE(declared, 24);
      central.writeUInt16LE(name.length, 28);
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(1, 8);
      end.writeUInt16LE(1, 10);
      end.writeUInt32LE(central.length + name.length, 12);
      end.writeUInt32LE(local.length + name.length + huge.length, 16);
      return Buffer.concat([local, name, huge, central, name, end]);
    };
    const honest = attempt(zip(200 * 1024 * 1024));
    expect(honest.problem).toBe('too-large');
    expect(honest.message).toContain('压缩炸弹');
    const lying = attempt(zip(1000));
    expect(lying.problem).toBe('too-large');
  });

  it('a huge sheet beyond the limits', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 30}"><c r="A${i + 30}"><v>${i}</v></c></row>`).join('');
    const bytes = await rewritePart(await sampleWorkbook(), T1, (xml) => xml.replace('</sheetData>', `${rows}</sheetData>`));
    // Rows beyond the table are never parsed: the import still works…
    expect(importBytes(bytes).diagnostics).toEqual([]);
    // …and a sheet over the size limit is refused in Chinese.
    const error = (() => {
      try {
        importWorkbook(bytes, { formats: FORMATS, fileName: '大.xlsx', limits: { maxEntryBytes: 200_000 } });
      } catch (e) {
        return e as WorkbookReadError;
      }
      throw new Error('accepted');
    })();
    expect(error.message).toMatch(/过大/);
  });

  it('an ODS file and a Word document', () => {
    const ods = writeZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' }, { name: 'content.xml', data: '<x/>' }]);
    expect(attempt(ods).problem).toBe('ods');
    const docx = writeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: '<w/>' }]);
    expect(attempt(docx).message).toContain('是 Word 文档');
  });

  it('a workbook of someone else (no 报告信息)', async () => {
    const workbook = writeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: '<workbook><sheets><sheet name="Sheet1" r:id="rId1"/></sheets></workbook>' },
      { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="x/worksheet"/></Relationships>' },
      { name: 'xl/worksheets/sheet1.xml', data: '<worksheet><sheetData/></worksheet>' },
    ]);
    expect(attempt(workbook).message).toContain('中没有「报告信息」工作表，不是 xxgk 生成的统计工作簿（工作簿中的工作表：Sheet1）');
  });
});

describe('importWorkbook: workbooks saved by LibreOffice Calc', () => {
  it('reads the committed fixture edited in Calc (D4 52 → 60, B4 typed as “7件”, A4 of T3 cleared)', async () => {
    const bytes = await readFile(path.resolve('test/fixtures/xlsx/sample-edited-in-calc.xlsx'));
    const { data, diagnostics } = importBytes(bytes);
    const tables = data.tables as any;
    expect(tables.requests.new).toEqual({ np: 60, biz: 6, res: 1, ngo: 0, law: 3, oth: 1, tot: 71 });
    expect(tables.proactive.nd_issued).toBe(7);
    expect(tables.review_litigation).toMatchObject({ rv_keep: 0, rv_total: 2 });
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['XLSX-BLANK', 'XLSX-TEXT-NUMBER']);
  });
});

describe('importWorkbook: malformed XML crafted to be slow', () => {
  it('is rejected in linear time (no backtracking regular expressions over the sheet)', async () => {
    const flood = '<row r="1"><c r="A1"><v>1</v>'.repeat(30_000);
    const bytes = await rewritePart(await sampleWorkbook(), T1, (xml) => xml.replace('<sheetData>', `<sheetData>${flood}`));
    const started = performance.now();
    expect(rejection(bytes)).toBeInstanceOf(WorkbookReadError);
    expect(performance.now() - started).toBeLessThan(2000);

    const strings = await rewritePart(await sampleWorkbook(), 'xl/sharedStrings.xml', (xml) => xml.replace('</sst>', '<si><t>x'.repeat(100_000) + '</sst>'));
    const again = performance.now();
    expect(rejection(strings)).toBeInstanceOf(WorkbookReadError);
    expect(performance.now() - again).toBeLessThan(2000);
  });
});

describe('mergeTablesIntoYaml', () => {
  it('writes edited numbers into the data file, keeping narrative, comments and layout', async () => {
    const { mergeTablesIntoYaml } = await import('../../src/import/xlsx-import.js');
    const original = await readFile(path.resolve('samples/青禾区人民政府2024年报.yaml'), 'utf8');
    let bytes = await sampleWorkbook();
    bytes = await rewritePart(bytes, T2, replaceCell('D4', (a) => `<c r="D4"${a}><v>60</v></c>`));
    bytes = await rewritePart(bytes, T2, replaceCell('J4', (a) => `<c r="J4"${a}><f>SUM(D4:I4)</f><v>71</v></c>`));
    const merged = mergeTablesIntoYaml(original, importBytes(bytes));
    expect(merged.changes.map((c) => [c.path.join('.'), c.before, c.after])).toEqual([
      ['tables.requests.new.np', 52, 60],
      ['tables.requests.new.tot', 63, 71],
    ]);
    expect(merged.changes[0]!.where).toBe('「三、收到和处理政府信息公开申请情况」表「一、本年新收政府信息公开申请数量」行「自然人」列');
    const before = original.split('\n');
    const after = merged.text.split('\n');
    expect(after.length).toBe(before.length);
    const differing = after.filter((line, i) => line !== before[i]);
    expect(differing).toEqual(['    new:               { np: 60, biz: 6, res: 1, ngo: 0, law: 3, oth: 1, tot: 71 }']);
  });
});
