import { describe, expect, it } from 'vitest';
import { buildGrid, cellAddress } from '../../src/tables/grid.js';
import { proactiveTableDefinition, requestsTableDefinition, reviewTableDefinition } from '../../src/formats/v2021/tables.js';

describe('v2021 table grids tile their tables exactly', () => {
  it('T1 has 14 rows × 4 columns and 10 value cells', () => {
    const grid = buildGrid(proactiveTableDefinition);
    expect(grid.valueCells).toHaveLength(10);
    expect(grid.at(0, 3)).toMatchObject({ kind: 'continuation' });
    expect(grid.at(13, 1).cell.content).toMatchObject({ kind: 'value', key: ['fee_amount_wan'], format: 'wan' });
    expect(grid.at(13, 1).cell.colSpan).toBe(3);
  });

  it('T2 has 25 data rows × 7 columns under a three-row header', () => {
    const grid = buildGrid(requestsTableDefinition);
    expect(grid.valueCells).toHaveLength(175);
    const note = grid.at(0, 0).cell;
    expect([note.rowSpan, note.colSpan]).toEqual([3, 3]);
    const results = grid.at(5, 0).cell;
    expect(results.content).toMatchObject({ kind: 'label', text: '三、本年度办理结果' });
    expect(results.rowSpan).toBe(22);
    const groups = [7, 15, 18, 23].map((row) => grid.at(row, 1).cell);
    expect(groups.map((g) => [g.content.kind === 'label' && g.content.text, g.rowSpan])).toEqual([
      ['（三）不予公开', 8],
      ['（四）无法提供', 3],
      ['（五）不予处理', 5],
      ['（六）其他处理', 3],
    ]);
    expect(grid.at(26, 1).cell.content).toMatchObject({ text: '（七）总计' });
    expect(grid.at(27, 0).cell.content).toMatchObject({ text: '四、结转下年度继续办理' });
  });

  it('T3 has 15 numbers under a three-row header', () => {
    const grid = buildGrid(reviewTableDefinition);
    expect(grid.valueCells.map((c) => c.content.key[0])).toEqual([
      'rv_keep', 'rv_correct', 'rv_other', 'rv_pending', 'rv_total',
      'lit_direct_keep', 'lit_direct_correct', 'lit_direct_other', 'lit_direct_pending', 'lit_direct_total',
      'lit_after_keep', 'lit_after_correct', 'lit_after_other', 'lit_after_pending', 'lit_after_total',
    ]);
  });

  it('names cells like a spreadsheet', () => {
    expect([cellAddress(0, 0), cellAddress(2, 9), cellAddress(0, 26)]).toEqual(['A1', 'J3', 'AA1']);
  });
});
