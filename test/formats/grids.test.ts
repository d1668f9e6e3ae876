/**
 * The v2019 and legacy grids against the spec: labels verbatim, merges as
 * printed (spec §4.3–4.5, §5.2–5.3).
 */
import { describe, expect, it } from 'vitest';
import { buildGrid, type AnchorCell } from '../../src/tables/grid.js';
import {
  proactiveTableDefinitionV2019,
  requestsTableDefinitionV2019,
  reviewTableDefinition as reviewV2019,
} from '../../src/formats/v2019/tables.js';
import { reviewTableDefinition as reviewV2021 } from '../../src/formats/v2021/tables.js';
import { INDICATORS } from '../../src/formats/legacy/indicators.js';
import { statisticsTableDefinition, statisticsTableDefinitionSeedUnits } from '../../src/formats/legacy/tables.js';

const text = (cell: AnchorCell): string => (cell.content.kind === 'label' ? cell.content.text : `=${cell.content.key.join('.')}`);
const rowOf = (grid: ReturnType<typeof buildGrid>, row: number) => grid.anchors.filter((cell) => cell.row === row);

describe('v2019 T1 主动公开政府信息情况 (spec §4.3)', () => {
  const grid = buildGrid(proactiveTableDefinitionV2019);

  it('has five sections across all four columns, each with its own header row', () => {
    const sections = grid.anchors.filter((cell) => cell.content.kind === 'label' && cell.content.role === 'section');
    expect(sections.map((cell) => [cell.row, text(cell), cell.colSpan])).toEqual([
      [0, '第二十条第（一）项', 4],
      [4, '第二十条第（五）项', 4],
      [8, '第二十条第（六）项', 4],
      [12, '第二十条第（八）项', 4],
      [15, '第二十条第（九）项', 4],
    ]);
    expect(rowOf(grid, 1).map(text)).toEqual(['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量']);
    expect(rowOf(grid, 5).map(text)).toEqual(['信息内容', '上一年项目数量', '本年增/减', '处理决定数量']);
    expect(rowOf(grid, 9).map(text)).toEqual(['信息内容', '上一年项目数量', '本年增/减', '处理决定数量']);
    expect(rowOf(grid, 13).map(text)).toEqual(['信息内容', '上一年项目数量', '本年增/减']);
    expect(rowOf(grid, 16).map(text)).toEqual(['信息内容', '采购项目数量', '采购总金额（单位：万元）']);
  });

  it('has the rows of the 2019 format: 规范性文件 (not 行政规范性文件), 其他对外管理服务事项, 政府集中采购', () => {
    const labels = grid.anchors.filter((cell) => cell.content.kind === 'label' && cell.content.role === 'rowLabel').map(text);
    expect(labels).toEqual(['规章', '规范性文件', '行政许可', '其他对外管理服务事项', '行政处罚', '行政强制', '行政事业性收费', '政府集中采购']);
  });

  it('stores 本年增/减 as signed counts and 采购总金额 in 万元; the two-value sections merge C:D', () => {
    expect(grid.valueCells).toHaveLength(22);
    const formats = Object.fromEntries(grid.valueCells.map((cell) => [cell.content.key[0], cell.content.format]));
    expect(Object.entries(formats).filter(([, format]) => format === 'signed').map(([key]) => key)).toEqual([
      'license_delta', 'othersvc_delta', 'penalty_delta', 'coercion_delta', 'fee_delta',
    ]);
    expect(formats.procure_amount_wan).toBe('wan');
    expect([grid.at(14, 2).cell.colSpan, grid.at(14, 3).kind, grid.at(17, 2).cell.colSpan]).toEqual([2, 'continuation', 2]);
    expect(text(grid.at(17, 3).cell)).toBe('=procure_amount_wan');
  });
});

describe('v2019 T2 收到和处理政府信息公开申请情况 (spec §4.4)', () => {
  const grid = buildGrid(requestsTableDefinitionV2019);

  it('has 23 data rows × 7 columns under the same three-row header as v2021', () => {
    expect(grid.definition.rows).toBe(3 + 23);
    expect(grid.valueCells).toHaveLength(23 * 7);
    expect(text(grid.at(0, 0).cell)).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(rowOf(grid, 2).map(text)).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
  });

  it('merges 三、本年度办理结果 over 20 rows and prints （六）其他处理 as one row across B:C', () => {
    const results = grid.at(5, 0).cell;
    expect([text(results), results.rowSpan]).toEqual(['三、本年度办理结果', 20]);
    const groups = [7, 15, 18].map((row) => grid.at(row, 1).cell);
    expect(groups.map((g) => [text(g), g.rowSpan])).toEqual([
      ['（三）不予公开', 8],
      ['（四）无法提供', 3],
      ['（五）不予处理', 5],
    ]);
    const other = grid.at(23, 1).cell;
    expect([text(other), other.rowSpan, other.colSpan]).toEqual(['（六）其他处理', 1, 2]);
    expect(text(grid.at(23, 3).cell)).toBe('=other.np');
    expect(text(grid.at(24, 1).cell)).toBe('（七）总计');
    expect(text(grid.at(25, 0).cell)).toBe('四、结转下年度继续办理');
  });

  it('totals （七）总计 over the 19 outcome rows', () => {
    const total = grid.at(24, 3).cell.content;
    expect(total.kind === 'value' && total.sumOf?.map((key) => key[0])).toHaveLength(19);
  });
});

describe('v2019 T3 (spec §4.5)', () => {
  it('is the v2021 table itself', () => {
    expect(reviewV2019).toBe(reviewV2021);
  });
});

describe('legacy 政府信息公开工作统计表 (spec §5.2–5.3)', () => {
  const grid = buildGrid(statisticsTableDefinition);
  const seedUnits = buildGrid(statisticsTableDefinitionSeedUnits);

  it('has three columns 统计指标｜单位｜统计数 and one row per indicator, repeating its header', () => {
    expect(rowOf(grid, 0).map(text)).toEqual(['统计指标', '单位', '统计数']);
    expect(grid.definition.headerRows).toBe(1);
    expect(grid.definition.rows).toBe(1 + INDICATORS.length);
    expect(INDICATORS).toHaveLength(65);
    expect(grid.valueCells).toHaveLength(58);
  });

  it('prints the seven group rows with 单位 “——” and an empty 统计数 label (LG-01)', () => {
    const groups = grid.anchors.filter((cell) => cell.col === 1 && text(cell) === '——').map((cell) => text(grid.at(cell.row, 0).cell).trim());
    expect(groups).toEqual([
      '一、主动公开情况',
      '（二）通过不同渠道和方式公开政府信息的情况',
      '二、回应解读情况',
      '（二）通过不同渠道和方式回应解读的情况',
      '三、依申请公开情况',
      '八、机构建设和保障经费情况',
      '九、政府信息公开会议和培训情况',
    ]);
    for (const cell of grid.anchors.filter((anchor) => anchor.col === 1 && text(anchor) === '——')) {
      expect(grid.at(cell.row, 2).cell.content).toEqual({ kind: 'label', role: 'rowLabel', text: '' });
    }
  });

  it('copies the labels of spec §5.3 verbatim, indented by level', () => {
    const labels = INDICATORS.map((indicator) => text(grid.at(INDICATORS.indexOf(indicator) + 1, 0).cell));
    expect(labels).toContain('\u3000（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）');
    expect(labels).toContain('\u3000\u3000其中：主动公开规范性文件数');
    expect(labels).toContain('\u3000\u3000\u3000\u3000\u3000制发规范性文件总数');
    expect(labels).toContain('\u3000\u3000\u3000其中：涉及国家秘密');
    expect(labels).toContain('\u3000'.repeat(6) + '危及国家安全、公共安全、经济安全和社会稳定');
    expect(labels).toContain('\u3000（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）');
    expect(labels).toContain('四、行政复议数量');
    expect(labels.at(-1)).toBe('\u3000（三）接受培训人员数');
  });

  it('prints the common template’s units by default and, as an option, only the seed’s 万元 and 人次', () => {
    const unitOf = (g: ReturnType<typeof buildGrid>, key: string) => text(g.at(INDICATORS.findIndex((i) => i.key === key) + 1, 1).cell);
    expect(['L1_1', 'L1_1b', 'L2_2_3', 'L3_1', 'L7', 'L8_1', 'L8_3', 'L8_4', 'L9_3'].map((key) => unitOf(grid, key))).toEqual([
      '条', '件', '篇', '件', '万元', '个', '人', '万元', '人次',
    ]);
    expect(['L1_1', 'L3_1', 'L7', 'L8_4', 'L9_3', 'L1'].map((key) => unitOf(seedUnits, key))).toEqual(['', '', '万元', '万元', '人次', '——']);
    expect(seedUnits.definition.id).not.toBe(grid.definition.id);
  });

  it('stores L7 and L8_4 as 万元 amounts and the rest as counts; totals only where an equation is an error to break', () => {
    const amounts = grid.valueCells.filter((cell) => cell.content.format === 'wan').map((cell) => cell.content.key[0]);
    expect(amounts).toEqual(['L7', 'L8_4']);
    const totals = grid.valueCells.filter((cell) => cell.content.sumOf).map((cell) => [cell.content.key[0], cell.content.sumOf!.map((k) => k[0])]);
    expect(totals).toEqual([
      ['L3_2', ['L3_2_1', 'L3_2_2']],
      ['L4', ['L4_1', 'L4_2', 'L4_3']],
      ['L5', ['L5_1', 'L5_2', 'L5_3']],
      ['L8_3', ['L8_3_1', 'L8_3_2']],
    ]);
  });
});
