import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { buildReportWorkbook, renderXlsx } from '../../src/render/xlsx.js';
import { balanceRules } from '../../src/tables/balances.js';
import { cellAddress } from '../../src/tables/grid.js';
import { sampleReport } from '../helpers/sample.js';
import { assertWellFormed, readWithExcelJs, sampleDocument, sampleWorkbook, unzip } from './helpers.js';
import { tablesDocument } from './generate.js';

const TABLE_SHEETS = ['主动公开情况', '收到和处理申请情况', '行政复议诉讼情况'];

async function sample(): Promise<{ bytes: Uint8Array; workbook: ExcelJS.Workbook }> {
  const bytes = await sampleWorkbook();
  return { bytes, workbook: await readWithExcelJs(bytes) };
}

const merges = (sheet: ExcelJS.Worksheet): string[] => [...(sheet.model as unknown as { merges: string[] }).merges].sort();

describe('renderXlsx: the mandated layout (spec §3.3–3.5, §6.8)', () => {
  it('has one sheet per table, then 报告信息 and 校验, all well-formed XML', async () => {
    const { bytes, workbook } = await sample();
    expect(workbook.worksheets.map((s) => s.name)).toEqual([...TABLE_SHEETS, '报告信息', '校验']);
    await assertWellFormed(bytes);
  });

  it('puts every label of every grid in its cell, verbatim, with exactly the grid’s merges', async () => {
    const { workbook } = await sample();
    for (const grid of v2021Format.tables) {
      const sheet = workbook.getWorksheet(grid.definition.sheetName)!;
      const expectedMerges: string[] = [];
      for (const anchor of grid.anchors) {
        const address = cellAddress(anchor.row, anchor.col);
        if (anchor.content.kind === 'label') expect(sheet.getCell(address).value, `${grid.definition.sheetName}!${address}`).toBe(anchor.content.text);
        if (anchor.rowSpan > 1 || anchor.colSpan > 1) {
          expectedMerges.push(`${address}:${cellAddress(anchor.row + anchor.rowSpan - 1, anchor.col + anchor.colSpan - 1)}`);
        }
      }
      expect(merges(sheet)).toEqual(expectedMerges.sort());
    }
  });

  it('spells the T2 header as the spec does: A1:C3 note, D1:J1 申请人情况, D2:D3 自然人, E2:I2, J2:J3 总计', async () => {
    const { workbook } = await sample();
    const sheet = workbook.getWorksheet('收到和处理申请情况')!;
    expect(merges(sheet)).toEqual(expect.arrayContaining(['A1:C3', 'D1:J1', 'D2:D3', 'E2:I2', 'J2:J3', 'A6:A27', 'B8:B15', 'B16:B18', 'B19:B23', 'B24:B26']));
    expect(sheet.getCell('A1').value).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(['E3', 'F3', 'G3', 'H3', 'I3'].map((a) => sheet.getCell(a).value)).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    expect(sheet.getCell('B27').value).toBe('（七）总计');
    expect(sheet.getCell('A28').value).toBe('四、结转下年度继续办理');
    const t3 = workbook.getWorksheet('行政复议诉讼情况')!;
    expect(merges(t3)).toEqual(['A1:E1', 'A2:A3', 'B2:B3', 'C2:C3', 'D2:D3', 'E2:E3', 'F1:O1', 'F2:J2', 'K2:O2'].sort());
  });

  it('draws a thin border on every edge of every cell, merged ranges included', async () => {
    const { workbook } = await sample();
    for (const grid of v2021Format.tables) {
      const sheet = workbook.getWorksheet(grid.definition.sheetName)!;
      for (let r = 0; r < grid.definition.rows; r++) {
        for (let c = 0; c < grid.definition.cols; c++) {
          const border = sheet.getCell(cellAddress(r, c)).border;
          for (const side of ['top', 'left', 'bottom', 'right'] as const) {
            expect(border?.[side]?.style, `${grid.definition.sheetName}!${cellAddress(r, c)} ${side}`).toBe('thin');
          }
        }
      }
    }
  });

  it('uses 仿宋 for labels and 宋体 for numbers, at the grid’s size', async () => {
    const { workbook } = await sample();
    const t1 = workbook.getWorksheet('主动公开情况')!;
    expect(t1.getCell('A1').font).toMatchObject({ name: '仿宋', size: 12 });
    expect(t1.getCell('B4').font).toMatchObject({ name: '宋体', size: 12 });
    expect(workbook.getWorksheet('收到和处理申请情况')!.getCell('C8').font).toMatchObject({ name: '仿宋' });
    // exceljs reads font sizes as integers; the file says 10.5 (五号).
    const styles = await (await unzip(await sampleWorkbook())).file('xl/styles.xml')!.async('string');
    expect(styles).toContain('<sz val="10.5"/><name val="仿宋"/>');
  });

  it('stores numbers as numbers: counts as 0, 万元 as 0.00', async () => {
    const { workbook } = await sample();
    const t1 = workbook.getWorksheet('主动公开情况')!;
    expect(t1.getCell('B4').value).toBe(6);
    expect(t1.getCell('B4').numFmt).toBe('0');
    expect(t1.getCell('B14').value).toBe(12.35);
    expect(t1.getCell('B14').numFmt).toBe('0.00');
    expect(t1.getCell('B7').value).toBe(3286);
  });

  it('makes the totals live formulas with their results stored', async () => {
    const { workbook } = await sample();
    const t2 = workbook.getWorksheet('收到和处理申请情况')!;
    expect(t2.getCell('J4').value).toEqual({ formula: 'SUM(D4:I4)', result: 63 });
    expect(t2.getCell('D27').value).toEqual({ formula: 'SUM(D6:D26)', result: 53 });
    expect(t2.getCell('J27').value).toMatchObject({ result: 63 });
    expect(t2.getCell('D4').value).toBe(52);
    const t3 = workbook.getWorksheet('行政复议诉讼情况')!;
    expect(['E4', 'J4', 'O4'].map((a) => t3.getCell(a).value)).toEqual([
      { formula: 'SUM(A4:D4)', result: 4 },
      { formula: 'SUM(F4:I4)', result: 2 },
      { formula: 'SUM(K4:N4)', result: 1 },
    ]);
    // Every cell with sumOf is a formula; no other value cell is.
    for (const grid of v2021Format.tables) {
      const sheet = workbook.getWorksheet(grid.definition.sheetName)!;
      for (const cell of grid.valueCells) {
        const value = sheet.getCell(cellAddress(cell.row, cell.col)).value;
        expect(typeof value === 'object' && value !== null && 'formula' in value, cellAddress(cell.row, cell.col)).toBe(!!cell.content.sumOf);
      }
    }
  });

  it('validates input cells (whole ≥ 0, 万元 decimal ≥ 0), leaves them unlocked, and locks labels and formulas', async () => {
    const { workbook } = await sample();
    const t1 = workbook.getWorksheet('主动公开情况')!;
    expect(t1.getCell('B3').dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], showErrorMessage: true });
    expect(t1.getCell('B14').dataValidation).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });
    const t2 = workbook.getWorksheet('收到和处理申请情况')!;
    expect(t2.getCell('I28').dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual' });
    expect(t2.getCell('D4').protection?.locked).toBe(false);
    expect(t2.getCell('J4').protection?.locked ?? true).toBe(true);
    expect(t2.getCell('C8').protection?.locked ?? true).toBe(true);
    // In the XML: protected, resizing allowed, and no password hash of any kind.
    const zip = await unzip(await sampleWorkbook());
    for (let i = 1; i <= 5; i++) {
      const xml = await zip.file(`xl/worksheets/sheet${i}.xml`)!.async('string');
      const element = /<sheetProtection [^>]*\/>/.exec(xml)?.[0];
      expect(element, `sheet${i}`).toBeDefined();
      expect(element).toContain('sheet="1"');
      expect(element).toContain('formatColumns="0"');
      expect(element).not.toMatch(/password|hashValue|saltValue|algorithmName|spinCount/);
    }
    for (const name of [...TABLE_SHEETS, '报告信息', '校验']) {
      const protection = (workbook.getWorksheet(name) as unknown as { sheetProtection: Record<string, unknown> | null }).sheetProtection;
      expect(protection, name).toMatchObject({ sheet: true });
      expect(protection, name).not.toHaveProperty('hashValue');
      expect(protection, name).not.toHaveProperty('password');
    }
  });

  it('validates exactly the input cells, each once (no overlapping ranges in the XML)', async () => {
    const zip = await unzip(await sampleWorkbook());
    const expand = (ref: string): string[] => {
      const [from, to = from] = ref.split(':') as [string, string?];
      const parse = (a: string) => {
        const m = /^([A-Z]+)(\d+)$/.exec(a)!;
        return [Number(m[2]) - 1, [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1] as const;
      };
      const [r1, c1] = parse(from);
      const [r2, c2] = parse(to!);
      const out: string[] = [];
      for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) out.push(cellAddress(r, c));
      return out;
    };
    for (const [i, grid] of v2021Format.tables.entries()) {
      const xml = await zip.file(`xl/worksheets/sheet${i + 1}.xml`)!.async('string');
      const validated = [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].flatMap((m) => m[1]!.split(' ').flatMap(expand));
      const inputs = grid.valueCells.filter((cell) => !cell.content.sumOf).map((cell) => cellAddress(cell.row, cell.col));
      expect(validated.length, grid.definition.sheetName).toBe(new Set(validated).size);
      expect(new Set(validated), grid.definition.sheetName).toEqual(new Set(inputs));
    }
  });

  it('sets up printing: A4, GB/T 9704 margins, one page wide, T3 landscape, header rows repeated', async () => {
    const { workbook } = await sample();
    const inch = (cm: number) => Math.round((cm / 2.54) * 10_000) / 10_000;
    for (const name of TABLE_SHEETS) {
      const setup = workbook.getWorksheet(name)!.pageSetup;
      expect(setup, name).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(setup.margins, name).toMatchObject({ top: inch(3.7), bottom: inch(3.5), left: inch(2.8), right: inch(2.6) });
    }
    expect(workbook.getWorksheet('主动公开情况')!.pageSetup.orientation).toBe('portrait');
    expect(workbook.getWorksheet('收到和处理申请情况')!.pageSetup).toMatchObject({ orientation: 'portrait', printTitlesRow: '1:3' });
    expect(workbook.getWorksheet('行政复议诉讼情况')!.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: '1:3' });
  });

  it('makes columns wide and rows tall enough for every label', async () => {
    const { workbook } = await sample();
    const t2 = workbook.getWorksheet('收到和处理申请情况')!;
    // Column C holds the longest labels; its rows grow instead of cutting text.
    expect(t2.getColumn(3).width).toBeGreaterThan(25);
    const longRow = t2.getRow(25); // 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
    expect(longRow.height).toBeGreaterThan(t2.getRow(8).height);
    for (const name of TABLE_SHEETS) {
      const sheet = workbook.getWorksheet(name)!;
      sheet.columns.forEach((column) => expect(column.width, `${name} col ${column.number}`).toBeGreaterThan(4));
    }
  });

  it('fills 报告信息 with organisation, level, year, format version and date (a real date)', async () => {
    const { workbook } = await sample();
    const info = workbook.getWorksheet('报告信息')!;
    const rows = new Map<string, unknown>();
    info.eachRow((row) => rows.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(rows.get('机关名称')).toBe('示范市青禾区人民政府');
    expect(rows.get('机关类别')).toBe('人民政府');
    expect(rows.get('报告年度')).toBe(2024);
    expect(rows.get('格式版本')).toBe('v2021');
    expect(String(rows.get('编制依据'))).toContain('国办公开办函〔2021〕30号');
    expect(rows.get('成文日期')).toEqual(new Date('2025-01-20T00:00:00Z'));
  });

  it('lists every 勾稽 rule in 校验 with a live formula that shows 通过', async () => {
    const { workbook } = await sample();
    const check = workbook.getWorksheet('校验')!;
    const rules = balanceRules(v2021Format.tables, v2021Format.balances);
    // 25 row totals, 7 column totals (6 from the grid, 总计 declared), 7 identities, 3 T3 groups.
    expect(rules.map((r) => r.code)).toEqual([
      ...Array(25).fill('V21-T2-01'),
      ...Array(7).fill('V21-T2-02'),
      ...Array(7).fill('V21-T2-03'),
      ...Array(3).fill('V21-T3-01'),
    ]);
    expect(check.getCell('E1').value).toMatchObject({ result: '全部通过' });
    for (let i = 0; i < rules.length; i++) {
      const row = check.getRow(3 + i);
      expect(row.getCell(2).value).toBe(rules[i]!.code);
      expect(row.getCell(7).value).toMatchObject({ result: '通过' });
    }
    const identity = check.getRow(3 + 32);
    expect(check.getRow(3 + 31).getCell(4).value).toBe('「总计」列：（七）总计 ＝ （一）至（六）各项之和');
    expect(identity.getCell(4).value).toBe('「自然人」列：第一项加第二项之和，等于第三项加第四项之和');
    expect(identity.getCell(5).value).toEqual({ formula: "SUM('收到和处理申请情况'!D4:D5)", result: 55 });
    expect(identity.getCell(6).value).toEqual({ formula: "SUM('收到和处理申请情况'!D27:D28)", result: 55 });
    expect((identity.getCell(7).value as { formula: string }).formula).toBe('IF(ROUND(E35-F35,0)=0,"通过",ROUND(E35-F35,0))');
  });

  it('keeps a total that disagrees with its parts as stated, and 校验 shows the difference', async () => {
    const report = sampleReport();
    report.tables.requests.new.tot = 60; // parts add up to 63
    const bytes = await renderXlsx(composeReport(report, v2021Format));
    const workbook = await readWithExcelJs(bytes);
    expect(workbook.getWorksheet('收到和处理申请情况')!.getCell('J4').value).toBe(60);
    const check = workbook.getWorksheet('校验')!;
    expect(check.getCell('E1').value).toMatchObject({ result: '有 2 项不平衡' });
    expect(check.getRow(3).getCell(7).value).toMatchObject({ result: -3 });
  });

  it('stores text beginning with = + - @ as text, never as a formula', async () => {
    const names = ['=HYPERLINK("http://evil.example","点我")', '+1+2', '-3', '@SUM(A1)', '＝1+1'];
    for (const name of names) {
      const document = tablesDocument({ ...sampleReport(), organization: { name, level: '部门' } });
      const bytes = await renderXlsx(document);
      const zip = await unzip(bytes);
      const infoXml = await zip.file('xl/worksheets/sheet4.xml')!.async('string');
      expect(infoXml).not.toMatch(/<f[ >]/);
      // B2 is a shared-string cell, and the string is the name as typed (XML-escaped).
      const b2 = /<c r="B2"[^>]*?t="s"[^>]*><v>(\d+)<\/v><\/c>/.exec(infoXml);
      expect(b2, infoXml).not.toBeNull();
      const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
      const items = [...strings.matchAll(/<si><t(?: xml:space="preserve")?>([^<]*)<\/t><\/si>/g)].map((m) => m[1]);
      const escaped = name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      expect(items[Number(b2![1])]).toBe(escaped);
      const workbook = await readWithExcelJs(bytes);
      expect(workbook.getWorksheet('报告信息')!.getCell('B2').value).toBe(name);
    }
  });

  it('shares frozen styles between cells: restyling one cell cannot restyle others (or later workbooks)', async () => {
    const { workbook } = await buildReportWorkbook(sampleDocument());
    const sheet = workbook.getWorksheet('主动公开情况')!;
    expect(() => (sheet.getCell('A3').font = { name: 'Arial', size: 20 })).toThrow(TypeError);
    sheet.getCell('A3').style = { ...sheet.getCell('A3').style, font: { name: 'Arial', size: 20 } };
    expect(sheet.getCell('A4').font).toMatchObject({ name: '仿宋', size: 12 });
    const again = await buildReportWorkbook(sampleDocument());
    expect(again.workbook.getWorksheet('主动公开情况')!.getCell('A3').font).toMatchObject({ name: '仿宋', size: 12 });
  });

  it('gives the same workbook for the same document (every part identical; the zip’s own timestamps may differ)', async () => {
    const document = sampleDocument();
    const parts = async (bytes: Uint8Array) => {
      const zip = await unzip(bytes);
      const names = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir).sort();
      return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await zip.file(name)!.async('string')] as const)));
    };
    const first = await parts(await renderXlsx(document));
    expect(await parts(await renderXlsx(document))).toEqual(first);
    // The creation date is fixed (the report's 成文日期), not the time of the build.
    expect(first['docProps/core.xml']).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2025-01-20T00:00:00Z</dcterms:created>');
  });
});
