/**
 * One failing and one passing case for every rule of spec §7.3 (v2019) and the
 * §7.1 rules it shares, each diagnostic naming table, row and column as printed
 * and pointing at the line and column where the value is written.
 */
import { describe, expect, it } from 'vitest';
import { checkV2019 } from '../../src/formats/v2019/rules.js';
import { reportV2019 } from '../../src/formats/v2019/schema.js';
import { validateReportText, type ValidateOptions } from '../../src/validate/index.js';
import { classic, locateAfter } from '../validate/fixture.js';
import { fixture, previousV2019, published, v2019 } from './fixtures.js';

const T1 = '「二、主动公开政府信息情况」表';
const T2 = '「三、收到和处理政府信息公开申请情况」表';
const T3 = '「四、政府信息公开行政复议、行政诉讼情况」表';

function diagnosticsOf(text: string, options?: ValidateOptions) {
  const result = validateReportText(text, 'report.yaml', options);
  // A schema failure leaves no report (and so no format) behind; rule failures keep both.
  if (result.report) expect(result.format?.id).toBe('v2019');
  return result.diagnostics.map(classic);
}
const codes = (text: string, options?: ValidateOptions) => diagnosticsOf(text, options).map((d) => d.code);
const withPrevious = (previous = previousV2019()): ValidateOptions => ({ previous: { text: previous.text(), fileName: 'previous.yaml' } });

describe('the valid 2020 fixture', () => {
  it('passes every rule, with and without last year', () => {
    expect(diagnosticsOf(fixture('valid-v2019.yaml'))).toEqual([]);
    expect(diagnosticsOf(fixture('valid-v2019.yaml'), withPrevious())).toEqual([]);
    expect(checkV2019(reportV2019.parse(v2019().data()), { previous: reportV2019.parse(previousV2019().data()) })).toEqual([]);
  });
});

describe('V19-T1-01 第（一）项', () => {
  it('warns when 本年新公开数量 exceeds 对外公开总数量', () => {
    const text = v2019().set(['tables', 'proactive', 'nd_new_pub'], 30).text();
    expect(diagnosticsOf(text)).toEqual([
      {
        code: 'V19-T1-01',
        severity: 'warning',
        path: ['tables', 'proactive', 'nd_new_pub'],
        ...locateAfter(text, 'nd_new_pub:', 'nd_new_pub: '),
        message: `${T1}「规范性文件」行「本年新公开数量」列为 30，大于「规范性文件」行「对外公开总数量」列的 27；本年新公开的件数应包含在对外公开总数量之内`,
      },
    ]);
  });

  it('takes whole non-negative counts only (G-01 when loading)', () => {
    const text = v2019().set(['tables', 'proactive', 'reg_new_made'], 1.5).text();
    expect(diagnosticsOf(text)).toEqual([
      expect.objectContaining({ code: 'G-01', severity: 'error', message: `${T1}「规章」行「本年新制作数量」列为 1.5，件数应为整数，不能有小数` }),
    ]);
  });
});

describe('V19-T1-02 上一年项目数量 + 本年增/减 ≥ 0', () => {
  it('is an error when the items would fall below zero, shown as 减N', () => {
    const text = v2019().set(['tables', 'proactive', 'license_delta'], -185).text();
    expect(diagnosticsOf(text)).toEqual([
      {
        code: 'V19-T1-02',
        severity: 'error',
        path: ['tables', 'proactive', 'license_delta'],
        ...locateAfter(text, 'license_delta:', 'license_delta: '),
        message: `${T1}「行政许可」行「本年增/减」列为 减185，但「上一年项目数量」只有 184，增减后项目数为 -1，不能为负数`,
      },
    ]);
  });

  it('accepts a decrease down to zero and any increase; 本年增/减 must be a whole number', () => {
    expect(codes(v2019().set(['tables', 'proactive', 'fee_delta'], -2).text())).toEqual([]);
    expect(codes(v2019().set(['tables', 'proactive', 'coercion_delta'], 5000).text())).toEqual([]);
    const fractional = diagnosticsOf(v2019().set(['tables', 'proactive', 'coercion_delta'], 1.5).text());
    expect(fractional).toEqual([
      expect.objectContaining({ code: 'G-01', severity: 'error', message: `${T1}「行政强制」行「本年增/减」列为 1.5，件数应为整数，不能有小数` }),
    ]);
  });
});

describe('V19-T1-03 处理决定数量 and V19-T1-04 政府集中采购', () => {
  it('takes a non-negative 处理决定数量 (G-01 when loading)', () => {
    const text = v2019().set(['tables', 'proactive', 'othersvc_decisions'], -1).text();
    expect(diagnosticsOf(text)).toEqual([
      expect.objectContaining({ code: 'G-01', message: `${T1}「其他对外管理服务事项」行「处理决定数量」列为 -1，件数不能为负数` }),
    ]);
  });

  it('takes a whole 采购项目数量 and a non-negative 采购总金额 in 万元 (G-01, G-03)', () => {
    expect(diagnosticsOf(v2019().set(['tables', 'proactive', 'procure_items'], 2.5).text())[0]).toMatchObject({
      code: 'G-01',
      message: `${T1}「政府集中采购」行「采购项目数量」列为 2.5，件数应为整数，不能有小数`,
    });
    expect(diagnosticsOf(v2019().set(['tables', 'proactive', 'procure_amount_wan'], -3).text())[0]).toMatchObject({
      code: 'G-03',
      message: `${T1}「政府集中采购」行「采购总金额（单位：万元）」列为 -3，金额不能为负数`,
    });
    expect(codes(v2019().set(['tables', 'proactive', 'procure_amount_wan'], 0).text())).toEqual([]);
  });
});

describe('V19-T1-05 跨年：上一年项目数量', () => {
  it('warns when 上一年项目数量 is not last year’s plus last year’s change', () => {
    const previous = previousV2019().set(['tables', 'proactive', 'license_delta'], 5);
    const text = fixture('valid-v2019.yaml');
    expect(diagnosticsOf(text, withPrevious(previous))).toEqual([
      {
        code: 'V19-T1-05',
        severity: 'warning',
        path: ['tables', 'proactive', 'license_prev'],
        ...locateAfter(text, 'license_prev:', 'license_prev: '),
        message: `${T1}「行政许可」行「上一年项目数量」列为 184，但上年报告中该行「上一年项目数量」为 180、「本年增/减」为 增5，本年的上一年项目数量应为 185`,
      },
    ]);
  });
});

describe('V19-T2-01 … V19-T2-04, V19-T3-01', () => {
  it('V19-T2-01: 总计 is the six applicant columns, in every one of the 23 rows', () => {
    const text = v2019().set(['tables', 'requests', 'other', 'tot'], 2).text();
    const found = diagnosticsOf(text).filter((d) => d.code === 'V19-T2-01');
    expect(found).toEqual([
      {
        code: 'V19-T2-01',
        severity: 'error',
        path: ['tables', 'requests', 'other', 'tot'],
        ...locateAfter(text, '    other:', 'tot: '),
        message: `${T2}「（六）其他处理」行「总计」列为 2，但「自然人」至「其他」六列之和为 1`,
      },
    ]);
  });

  it('V19-T2-02: （七）总计 is the 19 outcomes, the single （六）其他处理 row among them', () => {
    const text = v2019().set(['tables', 'requests', 'other', 'np'], 2).set(['tables', 'requests', 'other', 'tot'], 2).text();
    const found = diagnosticsOf(text).filter((d) => d.code === 'V19-T2-02');
    expect(found.map((d) => d.message)).toEqual([
      `${T2}「（七）总计」行「自然人」列为 27，但（一）至（六）项之和为 28`,
      `${T2}「（七）总计」行「总计」列为 32，但（一）至（六）项之和为 33`,
    ]);
  });

  it('V19-T2-03: 第一项加第二项之和等于第三项加第四项之和', () => {
    const text = v2019().set(['tables', 'requests', 'carry_out', 'biz'], 1).set(['tables', 'requests', 'carry_out', 'tot'], 2).text();
    const found = diagnosticsOf(text).filter((d) => d.code === 'V19-T2-03');
    expect(found.map((d) => d.message)).toEqual([
      `${T2}「商业企业」列：第一项加第二项之和为 4（本年新收 4 + 上年结转 0），第三项加第四项之和为 5（总计 4 + 结转下年度 1），二者应相等`,
      `${T2}「总计」列：第一项加第二项之和为 33（本年新收 32 + 上年结转 1），第三项加第四项之和为 34（总计 32 + 结转下年度 2），二者应相等`,
    ]);
  });

  it('V19-T2-04: 上年结转 equals last year’s 结转下年度继续办理 (the counterpart of V21-T2-04)', () => {
    const previous = previousV2019()
      .set(['tables', 'requests', 'carry_in', 'np'], 2)
      .set(['tables', 'requests', 'carry_in', 'tot'], 2)
      .set(['tables', 'requests', 'carry_out', 'np'], 2)
      .set(['tables', 'requests', 'carry_out', 'tot'], 2);
    const found = diagnosticsOf(fixture('valid-v2019.yaml'), withPrevious(previous));
    expect(found.map((d) => [d.code, d.severity, d.message])).toEqual([
      ['V19-T2-04', 'warning', `${T2}「二、上年结转政府信息公开申请数量」行「自然人」列为 1，但上年报告中「四、结转下年度继续办理」行「自然人」列为 2，二者应相等`],
      ['V19-T2-04', 'warning', `${T2}「二、上年结转政府信息公开申请数量」行「总计」列为 1，但上年报告中「四、结转下年度继续办理」行「总计」列为 2，二者应相等`],
    ]);
  });

  it('V19-T3-01: each group’s 总计 is its four results', () => {
    const text = v2019().set(['tables', 'review_litigation', 'lit_after_total'], 2).text();
    expect(diagnosticsOf(text)).toEqual([
      expect.objectContaining({
        code: 'V19-T3-01',
        severity: 'error',
        message: `${T3}「行政诉讼 › 复议后起诉 › 总计」列为 2，但结果维持、结果纠正、其他结果、尚未审结四项之和为 1`,
      }),
    ]);
  });
});

describe('G-07 and cross-year plumbing', () => {
  it('G-07: warns on a date outside Y+1 or after the deadline of the organisation’s level', () => {
    const text = v2019().set(['signature', 'date'], '2021-02-15').text();
    expect(diagnosticsOf(text)).toEqual([
      expect.objectContaining({ code: 'G-07', severity: 'warning', ...locateAfter(text, 'date:', 'date: ') }),
    ]);
    expect(diagnosticsOf(text)[0]!.message).toBe(
      '成文日期 2021年2月15日 晚于发布时限 2021年1月31日（条例第四十九条：县级以上人民政府部门应在每年 1 月 31 日前公布上一年度年报）',
    );
    expect(codes(text, { deadlines: { 部门: { month: 3, day: 1 } } })).toEqual([]);
    expect(diagnosticsOf(v2019().set(['signature', 'date'], '2020-01-25').text())[0]!.message).toBe(
      '成文日期 2020年1月25日 的年份应为 2021 年：2020 年度的报告在次年（2021 年）发布',
    );
  });

  it('does not compare with a previous report of another format (PREVIOUS-FORMAT)', () => {
    const previous = { text: fixture('valid-legacy.yaml'), fileName: 'previous.yaml' };
    expect(diagnosticsOf(fixture('valid-v2019.yaml'), { previous })).toEqual([
      expect.objectContaining({ code: 'PREVIOUS-FORMAT', severity: 'warning', message: expect.stringContaining('跨年勾稽检查（V19-T1-05、V19-T2-04）未执行') }),
    ]);
  });
});

describe('NARR-EMPTY', () => {
  it('warns about empty parts 一 and 五 of a new report, not of one reproduced as published', () => {
    const text = v2019().remove(['narrative']).text();
    expect(codes(text)).toEqual(['NARR-EMPTY', 'NARR-EMPTY']);
    expect(codes(published(text))).toEqual([]);
  });
});

describe('locating a problem inside a one-line T2 row', () => {
  it('points at the cell, not the row', () => {
    const text = v2019().set(['tables', 'requests', 'granted', 'law'], 2).text();
    const found = diagnosticsOf(text).find((d) => d.code === 'V19-T2-01')!;
    expect({ line: found.line, column: found.column }).toEqual(locateAfter(text, '    granted:', 'tot: '));
  });
});
