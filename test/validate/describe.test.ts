import { describe, expect, it } from 'vitest';
import { proactiveTableDefinition, requestsTableDefinition, reviewTableDefinition, v2021TableDefinitions } from '../../src/formats/v2021/tables.js';
import { describeCell, describeColumn, findCellByPath, findRowByPath } from '../../src/tables/describe.js';

describe('describeCell', () => {
  it('names a cell by table, row and column as printed', () => {
    expect(describeCell(requestsTableDefinition, ['total', 'np'])).toBe('「三、收到和处理政府信息公开申请情况」表「（七）总计」行「自然人」列');
    expect(describeCell(requestsTableDefinition, ['other_nofee', 'tot'])).toBe(
      '「三、收到和处理政府信息公开申请情况」表「（六）其他处理 › 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请」行「总计」列',
    );
    expect(describeCell(proactiveTableDefinition, ['reg_issued'])).toBe('「二、主动公开政府信息情况」表「规章」行「本年制发件数」列');
  });

  it('omits the row of T3, which has no row labels', () => {
    expect(describeCell(reviewTableDefinition, ['rv_total'])).toBe('「四、政府信息公开行政复议、行政诉讼情况」表「行政复议 › 总计」列');
    expect(describeColumn(requestsTableDefinition, ['carry_out', 'biz'])).toBe('「三、收到和处理政府信息公开申请情况」表「商业企业」列');
  });

  it('does not throw for an unknown key', () => {
    expect(describeCell(reviewTableDefinition, ['nope'])).toBe('「四、政府信息公开行政复议、行政诉讼情况」表「nope」格');
  });
});

describe('lookups by data path', () => {
  it('finds the cell and its definition', () => {
    const found = findCellByPath(v2021TableDefinitions, ['tables', 'requests', 'total', 'np']);
    expect(found?.definition).toBe(requestsTableDefinition);
    expect(found?.key).toEqual(['total', 'np']);
    expect(findCellByPath(v2021TableDefinitions, ['tables', 'review_litigation', 'lit_after_total'])?.cell.colLabel).toBe(
      '行政诉讼 › 复议后起诉 › 总计',
    );
    expect(findCellByPath(v2021TableDefinitions, ['tables', 'requests', 'total'])).toBeUndefined();
    expect(findCellByPath(v2021TableDefinitions, ['organization', 'name'])).toBeUndefined();
  });

  it('finds a whole T2 row', () => {
    expect(findRowByPath(v2021TableDefinitions, ['tables', 'requests', 'new'])?.name).toBe(
      '「三、收到和处理政府信息公开申请情况」表「一、本年新收政府信息公开申请数量」行',
    );
    expect(findRowByPath(v2021TableDefinitions, ['tables', 'proactive', 'reg_issued'])).toBeUndefined();
  });
});
