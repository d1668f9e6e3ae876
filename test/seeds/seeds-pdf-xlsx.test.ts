/**
 * The seeds through the PDF and XLSX emitters: the PDF read back with poppler's
 * pdftotext holds every line and number of the published report in order; the
 * workbook read back with exceljs holds every table cell as printed — labels
 * as text, values as numbers with their display formats (增N/减N, 万元).
 * Fonts: the bundled open fonts only, as on a clean CI machine.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { createTemplateEnvironment } from '../../src/compose/environment.js';
import type { Block, ReportDocument } from '../../src/document/model.js';
import { valueKey } from '../../src/document/model.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { resolveFonts, type ResolvedFonts } from '../../src/fonts/resolve.js';
import type { FormatDefinition } from '../../src/formats/format.js';
import { renderPdf } from '../../src/render/pdf.js';
import { renderXlsx } from '../../src/render/xlsx.js';
import { cellAddress } from '../../src/tables/grid.js';
import { validateReportFile } from '../../src/validate/index.js';
import { expectedLines, SEEDS, type SeedCase } from '../fixtures/seeds/seeds.js';
import { expectInOrder, pdfText } from './extract.js';

const templates = createTemplateEnvironment();
let fonts: ResolvedFonts;
beforeAll(() => {
  fonts = resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));
});

async function compose(seed: SeedCase): Promise<ReportDocument> {
  const validation = await validateReportFile(seed.sample);
  return composeReport(validation.report!, validation.format as FormatDefinition<unknown>, { templates });
}

describe.each(SEEDS)('seed $id as PDF', (seed) => {
  it('holds every line and every number of the published report, in order', async () => {
    const result = await renderPdf(await compose(seed), { fonts, creationDate: new Date('2025-01-20T00:00:00Z') });
    expect(result.warnings.filter((warning) => warning.code === 'FONT-MISSING-GLYPHS')).toEqual([]);
    expectInOrder(expectedLines(seed), await pdfText(result.bytes));
  }, 60_000);
});

describe.each(SEEDS.filter((seed) => seed.tables.length > 0))('seed $id as XLSX', (seed) => {
  it('has one sheet per table with every cell as printed: labels as text, values as numbers', async () => {
    const document = await compose(seed);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await renderXlsx(document)) as unknown as ExcelJS.Buffer);
    const tables = document.blocks.filter((block): block is Extract<Block, { kind: 'table' }> => block.kind === 'table');
    expect(tables.map((table) => table.grid.definition.id)).toEqual(seed.tables);
    for (const table of tables) {
      const sheet = workbook.getWorksheet(table.grid.definition.sheetName)!;
      expect(sheet, table.grid.definition.sheetName).toBeDefined();
      for (const anchor of table.grid.anchors) {
        const cell = sheet.getCell(cellAddress(anchor.row, anchor.col));
        if (anchor.content.kind === 'label') {
          expect(cell.text, cellAddress(anchor.row, anchor.col)).toBe(anchor.content.text);
          continue;
        }
        const resolved = table.values.get(valueKey(anchor.content.key))!;
        const value = cell.value;
        // A formula cell (a total) carries its cached result; exceljs reads a cached 0 back as no result.
        const number =
          typeof value === 'object' && value !== null && 'formula' in value ? (value.result ?? 0) : value;
        expect(number, `${anchor.content.rowLabel} × ${anchor.content.colLabel}`).toBe(resolved.value);
      }
    }
  }, 60_000);
});

describe('the seeds’ numbers in the workbooks', () => {
  it('seed 001: 本年增/减 stored signed and shown 增N/减N, 采购总金额 in 万元 with two decimals, the blank cell as 0', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await renderXlsx(await compose(SEEDS[1]!))) as unknown as ExcelJS.Buffer);
    const t1 = workbook.getWorksheet('主动公开情况')!;
    expect([t1.getCell('C7').value, t1.getCell('C7').numFmt]).toEqual([-3, '"增"0;"减"0;0']);
    expect(t1.getCell('C8').value).toBe(35);
    expect([t1.getCell('C18').value, t1.getCell('C18').numFmt]).toEqual([2694.35, '0.00']);
    const t2 = workbook.getWorksheet('收到和处理申请情况')!;
    expect(t2.getCell('C15').text).toBe('8.属于行政查询事项');
    expect(t2.getCell('H15').value).toBe(0);
    expect(workbook.getWorksheet('报告信息')!.getCell('B5').text).toBe('v2019');
  }, 60_000);

  it('seed 003: the 统计表 sheet keeps the published 0 staff beside 1 part-timer, and 专项经费 5 万元', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await renderXlsx(await compose(SEEDS[3]!))) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('统计表')!;
    const rowOf = (label: string) => {
      let found = 0;
      sheet.eachRow((row, r) => {
        if (String(row.getCell(1).value).trim() === label) found = r;
      });
      return sheet.getRow(found);
    };
    expect(rowOf('（三）从事政府信息公开工作人员数').getCell(3).value).toBe(0);
    expect(rowOf('2.兼职人员数').getCell(3).value).toBe(1);
    const fund = rowOf('（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）');
    expect([fund.getCell(2).value, fund.getCell(3).value, fund.getCell(3).numFmt]).toEqual(['万元', 5, '0.00']);
    expect(rowOf('一、主动公开情况').getCell(2).value).toBe('——');
  }, 60_000);
});
