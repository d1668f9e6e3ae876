/**
 * One failing and one passing case for every rule of spec §7.4 (LG-01 … LG-11)
 * and G-07 for legacy reports; and how a report reproduced as published
 * (`source: published`) is treated: blank cells read as 0 with a G-02
 * warning, LG-11 a warning instead of an error.
 */
import { describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import type { Block } from '../../src/document/model.js';
import { legacyFormat } from '../../src/formats/legacy/index.js';
import { checkLegacy } from '../../src/formats/legacy/rules.js';
import { reportLegacy, type ReportLegacy } from '../../src/formats/legacy/schema.js';
import { v2019Format } from '../../src/formats/v2019/index.js';
import type { ReportV2019 } from '../../src/formats/v2019/schema.js';
import { validateReportText } from '../../src/validate/index.js';
import { classic, locateAfter } from '../validate/fixture.js';
import { fixture, legacy, published, v2019 } from './fixtures.js';

const TABLE = '「政府信息公开工作统计表」表';
const V = ['statistics', 'values'] as const;

const validate = (text: string) => {
  const result = validateReportText(text, 'report.yaml');
  return { ...result, diagnostics: result.diagnostics.map(classic) };
};
const found = (text: string, code: string) => validate(text).diagnostics.filter((d) => d.code === code);
const set = (key: string, value: number | string) => legacy().set([...V, key], value);

describe('the valid 2017 fixture', () => {
  it('passes every rule', () => {
    expect(validate(fixture('valid-legacy.yaml')).diagnostics).toEqual([]);
    expect(checkLegacy(reportLegacy.parse(legacy().data()))).toEqual([]);
  });
});

describe('LG-01 group rows', () => {
  it('is an error to give a group heading row a number', () => {
    const text = legacy().replace('      # 一、主动公开情况\n', '      L1: 5\n').text();
    expect(found(text, 'LG-01')).toEqual([
      {
        code: 'LG-01',
        severity: 'error',
        path: [...V, 'L1'],
        ...locateAfter(text, 'L1: 5', 'L1: '),
        message: `${TABLE}「一、主动公开情况」是分组标题行，单位为“——”，统计数格应为空，不能填写数字（写成了 5）；请删去这一项`,
      },
    ]);
  });
});

describe('LG-02 kinds of numbers', () => {
  it('takes whole counts (G-01) and non-negative 万元 amounts (G-03)', () => {
    expect(validate(set('L1_1', 1.5).text()).diagnostics).toEqual([
      expect.objectContaining({ code: 'G-01', message: `${TABLE}「（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）」行「统计数」列为 1.5，件数应为整数，不能有小数` }),
    ]);
    expect(validate(set('L7', -1).text()).diagnostics).toEqual([
      expect.objectContaining({ code: 'G-03', message: `${TABLE}「七、依申请公开信息收取的费用」行「统计数」列为 -1，金额不能为负数` }),
    ]);
    expect(validate(set('L8_4', 12.3456).text()).diagnostics).toEqual([]);
  });
});

describe('LG-03 其中 items', () => {
  it('is an error when a 其中 item exceeds its item', () => {
    const text = set('L1_1a', 300).text();
    expect(found(text, 'LG-03')).toEqual([
      {
        code: 'LG-03',
        severity: 'error',
        path: [...V, 'L1_1a'],
        ...locateAfter(text, 'L1_1a:', 'L1_1a: '),
        message: `${TABLE}「其中：主动公开规范性文件数」行「统计数」列为 300，大于其所属的「（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）」 222；“其中”项不能大于所属项`,
      },
    ]);
    expect(found(set('L2_2_2a', 1).text(), 'LG-03')).toHaveLength(1);
    expect(found(set('L2_2_1a', 2).text(), 'LG-03')).toEqual([]);
  });
});

describe('LG-04 channels', () => {
  it('warns when 主动公开政府信息数 is above the sum or below the largest channel', () => {
    expect(found(set('L1_1', 223).text(), 'LG-04')[0]).toMatchObject({
      severity: 'warning',
      message: `${TABLE}「（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）」行「统计数」列为 223，应在各渠道公开数的最大值 192 与合计 222 之间（同一信息多渠道公开只计 1 条）`,
    });
    expect(found(set('L1_1', 191).text(), 'LG-04')).toHaveLength(1);
    expect(found(set('L1_1', 192).text(), 'LG-04')).toEqual([]);
  });
});

describe('LG-05 … LG-10 sums', () => {
  it('LG-05 (warning): 收到申请数 is the four ways of applying', () => {
    expect(found(set('L3_1_2', 1).text(), 'LG-05')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: [...V, 'L3_1'],
        message: `${TABLE}「（一）收到申请数」行「统计数」列为 6，但「1.当面申请数」至「4.信函申请数」共 4 项之和为 7（四种申请方式合计）`,
      }),
    ]);
  });

  it('LG-06 (error): 申请办结数 is 按时 plus 延期', () => {
    expect(found(set('L3_2_2', 0).text(), 'LG-06')).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: `${TABLE}「（二）申请办结数」行「统计数」列为 5，但「1.按时办结数」、「2.延期办结数」之和为 4`,
      }),
    ]);
  });

  it('LG-07 (warning): 申请答复数 is its eight kinds', () => {
    expect(found(set('L3_3_8', 1).text(), 'LG-07')).toEqual([
      expect.objectContaining({ severity: 'warning', message: `${TABLE}「（三）申请答复数」行「统计数」列为 5，但「1.属于已主动公开范围数」至「8.告知通过其他途径办理数」共 8 项之和为 6` }),
    ]);
  });

  it('LG-08 (warning, a reply may have several reasons): 不同意公开答复数 is its six reasons', () => {
    expect(found(set('L3_3_4f', 1).text(), 'LG-08')).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('（同一答复可能有多个理由，只作提示）') }),
    ]);
  });

  it('LG-09 (warning): no more requests completed than received', () => {
    const text = set('L3_2', 7).set([...V, 'L3_2_1'], 6).text();
    expect(found(text, 'LG-09')).toEqual([
      expect.objectContaining({ severity: 'warning', message: `${TABLE}「（二）申请办结数」行「统计数」列为 7，大于「（一）收到申请数」 6（表中没有上年未办结数，如含上年结转请在报告中说明）` }),
    ]);
    expect(found(text, 'LG-06')).toEqual([]);
  });

  it('LG-10 (error): 行政复议数量 and 行政诉讼数量 are their three outcomes', () => {
    expect(found(set('L4', 2).text(), 'LG-10').map((d) => d.message)).toEqual([
      `${TABLE}「四、行政复议数量」行「统计数」列为 2，但「（一）维持具体行政行为数」、「（二）被依法纠错数」、「（三）其他情形数」之和为 1`,
    ]);
    expect(found(set('L5_2', 1).text(), 'LG-10').map((d) => [d.severity, d.path.at(-1)])).toEqual([['error', 'L5']]);
  });
});

describe('LG-11 从事政府信息公开工作人员数 (ERROR when written, WARN when reproduced as published)', () => {
  const broken = set('L8_3', 0).text();

  it('is an error in a report being written', () => {
    expect(found(broken, 'LG-11')).toEqual([
      {
        code: 'LG-11',
        severity: 'error',
        path: [...V, 'L8_3'],
        ...locateAfter(broken, 'L8_3:', 'L8_3: '),
        message: `${TABLE}「（三）从事政府信息公开工作人员数」行「统计数」列为 0，但「1.专职人员数（不包括政府公报及政府网站工作人员数）」、「2.兼职人员数」之和为 3`,
      },
    ]);
  });

  it('is a warning in a report reproduced as published, which is then printed as it was', () => {
    const result = validate(published(broken));
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['LG-11', 'warning']]);
    expect(result.diagnostics[0]!.message).toMatch(/（原报告如此，按原样重现）$/);
    const document = composeReport(result.report as ReportLegacy, legacyFormat);
    const table = document.blocks.find((block): block is Extract<Block, { kind: 'table' }> => block.kind === 'table')!;
    expect([table.values.get('L8_3')?.text, table.values.get('L8_3_2')?.text]).toEqual(['0', '2']);
  });

  it('passes when the staff add up', () => {
    expect(found(fixture('valid-legacy.yaml'), 'LG-11')).toEqual([]);
  });
});

describe('G-02 blank cells', () => {
  it('is an error in a report being written', () => {
    const text = set('L6', 'null').text();
    expect(validate(text).diagnostics).toEqual([
      expect.objectContaining({ code: 'G-02', severity: 'error', message: `${TABLE}「六、举报投诉数量」行「统计数」列是空的，没有数据请填 0` }),
    ]);
    expect(validate(text).report).toBeUndefined();
  });

  it('is a warning in a published report, read and printed as 0 (spec §3.7)', () => {
    const text = published(set('L6', 'null').text());
    const result = validate(text);
    expect(result.diagnostics).toEqual([
      {
        code: 'G-02',
        severity: 'warning',
        path: [...V, 'L6'],
        ...locateAfter(text, 'L6:', 'L6: '),
        message: `${TABLE}「六、举报投诉数量」行「统计数」列在已发布的原报告中是空白，按 0 读入，生成的报告中输出 0（数值格不得留空）`,
      },
    ]);
    const report = result.report as ReportLegacy;
    expect((report.statistics!.values as Record<string, unknown>).L6).toBe(0);
  });

  it('works the same in the 2019 format, whose T2 rows are written on one line', () => {
    const text = published(v2019().set(['tables', 'requests', 'deny_query', 'law'], 'null').text());
    const result = validate(text);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['G-02', 'warning', locateAfter(text, 'deny_query:', 'law: ').line]]);
    const document = composeReport(result.report as ReportV2019, v2019Format);
    const t2 = document.blocks.find((block): block is Extract<Block, { kind: 'table' }> => block.kind === 'table' && block.grid.definition.id === 't2')!;
    expect(t2.values.get('deny_query.law')).toEqual({ value: 0, text: '0' });
  });
});

describe('G-07 for a dated legacy report', () => {
  it('checks the old regulation’s 3 月 31 日 deadline', () => {
    const late = legacy().set(['signature', 'date'], '2018-04-02').text();
    expect(found(late, 'G-07')[0]!.message).toBe('成文日期 2018年4月2日 晚于发布时限 2018年3月31日（2007 年《条例》第三十一条：每年 3 月 31 日前公布上一年度年报）');
    expect(found(fixture('valid-legacy.yaml'), 'G-07')).toEqual([]);
  });
});

describe('G-06 statistics period in a preamble written in the data file', () => {
  it('warns when the preamble’s period names another year (legacy and v2019)', () => {
    const text = legacy().replace('preamble: []', 'preamble:\n  - 本报告所列数据的统计期限为2016年1月1日至2016年12月31日。').text();
    expect(found(text, 'G-06')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: ['preamble'],
        message: '导语中的统计期限写作“2016年1月1日”，与报告年度 2017 年不一致；统计期限应为 2017年1月1日至2017年12月31日',
      }),
    ]);
    const v19 = `preamble:\n  - 统计期限是2019年1月1日至2020年12月31日止。\n${v2019().text()}`;
    expect(found(v19, 'G-06')).toHaveLength(1);
  });

  it('passes when it names the report year', () => {
    const text = legacy().replace('preamble: []', 'preamble:\n  - 统计期限为2017年1月1日—2017年12月31日。').text();
    expect(found(text, 'G-06')).toEqual([]);
  });
});
