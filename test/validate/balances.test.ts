/**
 * Each 勾稽 identity lives once, as data: the validator's check and the XLSX
 * 校验 sheet both come from the rule a format declares. A rule added as data
 * only is checked with a message naming the table, row and column, and shows
 * in the workbook; no check is written for it.
 */
import { describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { createFormatRegistry } from '../../src/formats/registry.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { renderXlsx } from '../../src/render/xlsx.js';
import { balanceRules, type RowIdentity } from '../../src/tables/balances.js';
import { validateReportText } from '../../src/validate/index.js';
import { readWithExcelJs } from '../xlsx/helpers.js';
import { ReportBuilder } from './fixture.js';

/** 予以公开 equals 部分公开 in the 总计 column: nonsense as a rule, which is the point — it exists only as data. */
const invented: RowIdentity = {
  code: 'TEST-01',
  tableId: 't2',
  left: ['granted'],
  right: ['partial'],
  columns: ['tot'],
  description: '（一）予以公开 ＝ （二）部分公开',
  wording: { parts: '（二）部分公开' },
};
const format = { ...v2021Format, balances: { ...v2021Format.balances, identities: [...v2021Format.balances.identities, invented] } };
const formats = createFormatRegistry([format]);

describe('balance rules as data', () => {
  it('a rule declared only as data is checked, on its cell, with the printed labels', () => {
    const text = ReportBuilder.valid().text();
    const validation = validateReportText(text, 'r.yaml', { formats });
    const report = validation.report as { tables: { requests: Record<string, Record<string, number>> } };
    const { granted, partial } = report.tables.requests;
    expect(granted!.tot).not.toBe(partial!.tot);
    const problem = validation.diagnostics.find((d) => d.code === 'TEST-01');
    expect(problem).toMatchObject({ severity: 'error', path: ['tables', 'requests', 'granted', 'tot'] });
    expect(problem!.message).toBe(
      `「三、收到和处理政府信息公开申请情况」表「（一）予以公开」行「总计」列为 ${granted!.tot}，但（二）部分公开之和为 ${partial!.tot}`,
    );
    expect(problem!.start?.line).toBeGreaterThan(0);
    expect(problem!.place).toMatchObject({ table: { id: 't2' }, row: { id: 'granted', label: '（一）予以公开' }, column: { id: 'tot', label: '总计' } });
    // The built-in format does not have it.
    expect(validateReportText(text, 'r.yaml').diagnostics.some((d) => d.code === 'TEST-01')).toBe(false);
  });

  it('the same rule is a live check in the workbook’s 校验 sheet', async () => {
    const validation = validateReportText(ReportBuilder.valid().text(), 'r.yaml', { formats });
    const workbook = await readWithExcelJs(await renderXlsx(composeReport(validation.report, format)));
    const sheet = workbook.getWorksheet('校验')!;
    const codes: string[] = [];
    sheet.eachRow((row) => codes.push(String(row.getCell(2).value ?? '')));
    expect(codes).toContain('TEST-01');
    expect(codes.filter((code) => code.startsWith('V21-')).length).toBe(balanceRules(v2021Format.tables, v2021Format.balances).length);
  });

  it('every sum the format prints is checked: each grid total and declared identity gives exactly one rule per cell', () => {
    const rules = balanceRules(v2021Format.tables, v2021Format.balances);
    const t2 = v2021Format.tables.find((grid) => grid.definition.id === 't2')!;
    // 25 row totals (V21-T2-01), 6 + 1 column totals (V21-T2-02), 7 balance identities (V21-T2-03).
    expect(rules.filter((rule) => rule.tableId === 't2').map((rule) => rule.code).sort()).toEqual([
      ...Array(t2.definition.rows - 3).fill('V21-T2-01'),
      ...Array(7).fill('V21-T2-02'),
      ...Array(7).fill('V21-T2-03'),
    ]);
    expect(rules.filter((rule) => rule.tableId === 't3').map((rule) => rule.code)).toEqual(Array(3).fill('V21-T3-01'));
  });
});
