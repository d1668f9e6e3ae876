/**
 * One failing and one passing case for every rule of spec §7.1 and §7.2 that
 * is checked on a loaded report. Positions are found in the YAML text by
 * plain search (locate/locateAfter), independently of the yaml library.
 */
import { describe, expect, it } from 'vitest';
import { checkV2021 } from '../../src/formats/v2021/rules.js';
import { reportV2021 } from '../../src/formats/v2021/schema.js';
import { validateReportText, type ValidateOptions } from '../../src/validate/index.js';
import { classic, fixtureText, locate, locateAfter, ReportBuilder } from './fixture.js';

const T1 = '「二、主动公开政府信息情况」表';
const T2 = '「三、收到和处理政府信息公开申请情况」表';
const T3 = '「四、政府信息公开行政复议、行政诉讼情况」表';

function diagnosticsOf(text: string, options?: ValidateOptions) {
  const result = validateReportText(text, 'report.yaml', options);
  expect(result.report).toBeDefined();
  return result.diagnostics.map(classic);
}

function withPrevious(previous: ReportBuilder = ReportBuilder.previous()): ValidateOptions {
  return { previous: { text: previous.text(), fileName: 'previous.yaml' } };
}

/** The diagnostics of one rule code. */
const byCode = (diagnostics: ReturnType<typeof diagnosticsOf>, code: string) => diagnostics.filter((d) => d.code === code);

describe('the valid fixture', () => {
  it('passes every rule, with and without last year', () => {
    expect(diagnosticsOf(fixtureText())).toEqual([]);
    expect(diagnosticsOf(fixtureText(), withPrevious())).toEqual([]);
  });

  it('passes checkV2021 called directly', () => {
    const report = reportV2021.parse(ReportBuilder.valid().data());
    const previous = reportV2021.parse(ReportBuilder.previous().data());
    expect(checkV2021(report, { previous })).toEqual([]);
  });
});

describe('G-07 signature date', () => {
  const dateAt = (text: string) => locateAfter(text, '  date:', 'date: ');

  it('warns when the year is not Y+1', () => {
    const text = ReportBuilder.valid().set(['signature', 'date'], '2023-12-28').text();
    expect(diagnosticsOf(text)).toEqual([
      {
        code: 'G-07',
        severity: 'warning',
        path: ['signature', 'date'],
        ...dateAt(text),
        message: '成文日期 2023年12月28日 的年份应为 2024 年：2023 年度的报告在次年（2024 年）发布',
      },
    ]);
  });

  it('warns when a 部门 report is dated after January 31', () => {
    const text = ReportBuilder.valid().set(['signature', 'date'], '2024-02-01').text();
    expect(diagnosticsOf(text)).toEqual([
      {
        code: 'G-07',
        severity: 'warning',
        path: ['signature', 'date'],
        ...dateAt(text),
        message:
          '成文日期 2024年2月1日 晚于发布时限 2024年1月31日（条例第四十九条：县级以上人民政府部门应在每年 1 月 31 日前公布上一年度年报）',
      },
    ]);
    expect(diagnosticsOf(ReportBuilder.valid().set(['signature', 'date'], '2024-01-31').text())).toEqual([]);
  });

  it('allows a 人民政府 report until March 31', () => {
    const government = ReportBuilder.valid().set(['organization', 'level'], '人民政府');
    expect(diagnosticsOf(government.set(['signature', 'date'], '2024-03-31').text())).toEqual([]);
    const late = diagnosticsOf(government.set(['signature', 'date'], '2024-04-01').text());
    expect(late).toMatchObject([
      {
        code: 'G-07',
        message: '成文日期 2024年4月1日 晚于发布时限 2024年3月31日（条例第四十九条：县级以上地方人民政府的年报应在每年 3 月 31 日前公布）',
      },
    ]);
  });

  it('uses a configured deadline for 乡镇街道', () => {
    const text = ReportBuilder.valid().set(['organization', 'level'], '乡镇街道').set(['signature', 'date'], '2024-02-21').text();
    expect(diagnosticsOf(text)).toEqual([]);
    const options: ValidateOptions = { deadlines: { 乡镇街道: { month: 2, day: 20 } } };
    expect(diagnosticsOf(text, options)).toEqual([
      {
        code: 'G-07',
        severity: 'warning',
        path: ['signature', 'date'],
        ...dateAt(text),
        message: '成文日期 2024年2月21日 晚于发布时限 2024年2月20日（按设定的时限）',
      },
    ]);
  });
});

describe('V21-T1-02 / V21-T1-03 (cross-year, T1)', () => {
  it('V21-T1-02 warns when 现行有效件数 does not follow from last year', () => {
    const text = ReportBuilder.valid().set(['tables', 'proactive', 'reg_in_force'], 16).text();
    expect(diagnosticsOf(text)).toEqual([]);
    expect(diagnosticsOf(text, withPrevious())).toEqual([
      {
        code: 'V21-T1-02',
        severity: 'warning',
        path: ['tables', 'proactive', 'reg_in_force'],
        ...locateAfter(text, 'reg_in_force:', 'reg_in_force: '),
        message:
          `${T1}「规章」行「现行有效件数」列为 16，但上年报告中「现行有效件数」为 14，加本年制发 2、减本年废止 1 应为 15` +
          '（如因修订、清理等口径调整而不等，请在报告中说明）',
      },
    ]);
  });

  it('V21-T1-02 checks 行政规范性文件 too', () => {
    const previous = ReportBuilder.previous().set(['tables', 'proactive', 'nd_in_force'], 80);
    const text = fixtureText();
    expect(diagnosticsOf(text, withPrevious(previous))).toMatchObject([
      {
        code: 'V21-T1-02',
        path: ['tables', 'proactive', 'nd_in_force'],
        ...locateAfter(text, 'nd_in_force:', 'nd_in_force: '),
        message:
          `${T1}「行政规范性文件」行「现行有效件数」列为 86，但上年报告中「现行有效件数」为 80，加本年制发 12、减本年废止 3 应为 89` +
          '（如因修订、清理等口径调整而不等，请在报告中说明）',
      },
    ]);
  });

  it('V21-T1-03 warns when more are repealed than could be', () => {
    const text = ReportBuilder.valid().set(['tables', 'proactive', 'reg_repealed'], 20).text();
    const diagnostics = diagnosticsOf(text, withPrevious());
    expect(byCode(diagnostics, 'V21-T1-03')).toEqual([
      {
        code: 'V21-T1-03',
        severity: 'warning',
        path: ['tables', 'proactive', 'reg_repealed'],
        ...locateAfter(text, 'reg_repealed:', 'reg_repealed: '),
        message: `${T1}「规章」行「本年废止件数」列为 20，超过了可废止的件数 16（上年报告中「现行有效件数」为 14，加本年制发 2）`,
      },
    ]);
    // Exactly as many as could be repealed is fine (T1-02 then flags 现行有效件数, which no longer follows).
    const limit = ReportBuilder.valid().set(['tables', 'proactive', 'reg_repealed'], 16).set(['tables', 'proactive', 'reg_in_force'], 0);
    expect(diagnosticsOf(limit.text(), withPrevious())).toEqual([]);
  });

  it('V21-T1-03 is skipped without last year', () => {
    const text = ReportBuilder.valid().set(['tables', 'proactive', 'reg_repealed'], 20).text();
    expect(diagnosticsOf(text)).toEqual([]);
  });
});

describe('V21-T2-01 row totals', () => {
  it('errors when 总计 is not the sum of the six applicant columns', () => {
    const text = ReportBuilder.valid()
      .set(['tables', 'requests', 'deny_secret', 'biz'], 1)
      .text();
    const diagnostics = diagnosticsOf(text);
    expect(byCode(diagnostics, 'V21-T2-01')).toEqual([
      {
        code: 'V21-T2-01',
        severity: 'error',
        path: ['tables', 'requests', 'deny_secret', 'tot'],
        ...locateAfter(text, 'deny_secret:', 'tot: '),
        message: `${T2}「（三）不予公开 › 1.属于国家秘密」行「总计」列为 1，但「自然人」至「其他」六列之和为 2`,
      },
    ]);
  });

  it('checks all 25 rows', () => {
    const rows = ['new', 'carry_in', 'granted', 'other_other', 'total', 'carry_out'] as const;
    for (const row of rows) {
      const text = ReportBuilder.valid().set(['tables', 'requests', row, 'oth'], 9).text();
      const found = byCode(diagnosticsOf(text), 'V21-T2-01');
      expect(found.map((d) => d.path)).toEqual([['tables', 'requests', row, 'tot']]);
    }
  });
});

describe('V21-T2-02 （七）总计', () => {
  it('errors when a column total is not the sum of （一）至（六）', () => {
    const text = ReportBuilder.valid().set(['tables', 'requests', 'total', 'np'], 28).text();
    const diagnostics = diagnosticsOf(text);
    expect(byCode(diagnostics, 'V21-T2-02')).toEqual([
      {
        code: 'V21-T2-02',
        severity: 'error',
        path: ['tables', 'requests', 'total', 'np'],
        ...locateAfter(text, '    total:', 'np: '),
        message: `${T2}「（七）总计」行「自然人」列为 28，但（一）至（六）项之和为 27`,
      },
    ]);
    // The same change also breaks the row total and the column balance.
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['V21-T2-01', 'V21-T2-02', 'V21-T2-03']);
  });

  it('counts every one of the 21 outcome rows, including the （六） sub-rows', () => {
    const moved = ReportBuilder.valid()
      .set(['tables', 'requests', 'granted', 'np'], 11)
      .set(['tables', 'requests', 'granted', 'tot'], 15)
      .set(['tables', 'requests', 'other_nofee', 'np'], 1)
      .set(['tables', 'requests', 'other_nofee', 'tot'], 1)
      .text();
    expect(diagnosticsOf(moved)).toEqual([]);
  });
});

describe('V21-T2-03 第一项加第二项 = 第三项加第四项', () => {
  it('errors per column and shows all four numbers', () => {
    const text = ReportBuilder.valid()
      .set(['tables', 'requests', 'carry_out', 'np'], 2)
      .set(['tables', 'requests', 'carry_out', 'tot'], 3)
      .text();
    expect(diagnosticsOf(text)).toEqual([
      {
        code: 'V21-T2-03',
        severity: 'error',
        path: ['tables', 'requests', 'total', 'np'],
        ...locateAfter(text, '    total:', 'np: '),
        message:
          `${T2}「自然人」列：第一项加第二项之和为 30（本年新收 28 + 上年结转 2），` +
          '第三项加第四项之和为 29（总计 27 + 结转下年度 2），二者应相等',
      },
      {
        code: 'V21-T2-03',
        severity: 'error',
        path: ['tables', 'requests', 'total', 'tot'],
        ...locateAfter(text, '    total:', 'tot: '),
        message:
          `${T2}「总计」列：第一项加第二项之和为 39（本年新收 36 + 上年结转 3），` +
          '第三项加第四项之和为 38（总计 35 + 结转下年度 3），二者应相等',
      },
    ]);
  });

  it('passes when the balance is moved consistently', () => {
    const text = ReportBuilder.valid()
      .set(['tables', 'requests', 'new', 'law'], 3)
      .set(['tables', 'requests', 'new', 'tot'], 37)
      .set(['tables', 'requests', 'carry_out', 'law'], 1)
      .set(['tables', 'requests', 'carry_out', 'tot'], 5)
      // The narrative states the new applications too (V21-TXT-01): it moves with the table.
      .set(['narrative', 'overview', 1, 'body', 0], '全年新收政府信息公开申请 37 件，均按期答复。')
      .text();
    expect(diagnosticsOf(text)).toEqual([]);
  });
});

describe('V21-T2-04 上年结转 = last year’s 结转下年度', () => {
  it('warns per column with last year’s value', () => {
    const previous = ReportBuilder.previous().set(['tables', 'requests', 'carry_out', 'np'], 3);
    const text = fixtureText();
    expect(diagnosticsOf(text, withPrevious(previous))).toEqual([
      {
        code: 'V21-T2-04',
        severity: 'warning',
        path: ['tables', 'requests', 'carry_in', 'np'],
        ...locateAfter(text, 'carry_in:', 'np: '),
        message: `${T2}「二、上年结转政府信息公开申请数量」行「自然人」列为 2，但上年报告中「四、结转下年度继续办理」行「自然人」列为 3，二者应相等`,
      },
    ]);
  });

  it('is skipped without last year', () => {
    const text = ReportBuilder.valid().set(['tables', 'requests', 'carry_in', 'np'], 2).text();
    expect(byCode(diagnosticsOf(text), 'V21-T2-04')).toEqual([]);
  });
});

describe('V21-T3-01 T3 group totals', () => {
  it('errors when a group total is not the sum of its four results', () => {
    const text = ReportBuilder.valid().set(['tables', 'review_litigation', 'rv_total'], 5).text();
    expect(diagnosticsOf(text)).toEqual([
      {
        code: 'V21-T3-01',
        severity: 'error',
        path: ['tables', 'review_litigation', 'rv_total'],
        ...locateAfter(text, 'rv_total:', 'rv_total: '),
        message: `${T3}「行政复议 › 总计」列为 5，但结果维持、结果纠正、其他结果、尚未审结四项之和为 4`,
      },
    ]);
  });

  it('checks both litigation groups', () => {
    const text = ReportBuilder.valid()
      .set(['tables', 'review_litigation', 'lit_direct_total'], 0)
      .set(['tables', 'review_litigation', 'lit_after_pending'], 2)
      .text();
    expect(diagnosticsOf(text).map((d) => [d.code, d.message])).toEqual([
      ['V21-T3-01', `${T3}「行政诉讼 › 未经复议直接起诉 › 总计」列为 0，但结果维持、结果纠正、其他结果、尚未审结四项之和为 1`],
      ['V21-T3-01', `${T3}「行政诉讼 › 复议后起诉 › 总计」列为 1，但结果维持、结果纠正、其他结果、尚未审结四项之和为 2`],
    ]);
  });
});

describe('V21-S6-01 信息处理费 in part 六', () => {
  it('warns when there is no fee and part 六 does not mention it', () => {
    const text = ReportBuilder.valid()
      .remove(['fee'])
      .set(['narrative', 'other', 0], '本机关无其他需要报告的事项。')
      .text();
    expect(diagnosticsOf(text)).toEqual([
      {
        code: 'V21-S6-01',
        severity: 'warning',
        path: ['narrative', 'other'],
        // A block list starts at its first '- '.
        ...locate(text, '本机关无其他需要报告的事项', '- '),
        message:
          '「六、其他需要报告的事项」中没有信息处理费的情况：请填写 fee（收费件数和金额，未收取填 0），' +
          '或在该部分写明信息处理费的收取情况（未收取也应写明）',
      },
    ]);
  });

  it('points at narrative when part 六 is not written at all', () => {
    const text = ReportBuilder.valid().remove(['fee']).remove(['narrative', 'other']).text();
    expect(diagnosticsOf(text)).toMatchObject([{ code: 'V21-S6-01', ...locate(text, 'narrative:') }]);
  });

  it('passes when part 六 mentions the fee, even inside a sub-heading', () => {
    expect(diagnosticsOf(ReportBuilder.valid().remove(['fee']).text())).toEqual([]);
    const nested = ReportBuilder.valid()
      .remove(['fee'])
      .set(['narrative', 'other', 0], '{ heading: 其他事项, body: [本年度未收取信息处理费。] }')
      .text();
    expect(diagnosticsOf(nested)).toEqual([]);
  });

  it('passes when fee is given and part 六 says nothing', () => {
    const text = ReportBuilder.valid().remove(['narrative', 'other']).text();
    expect(diagnosticsOf(text)).toEqual([]);
  });
});

describe('V21-FEE-01 fee count and amount agree', () => {
  it('warns when the count is 0 but an amount was charged', () => {
    // The narrative's fee sentence states no count here, so only V21-FEE-01 speaks (not V21-TXT-01).
    const text = ReportBuilder.valid().set(['fee', 'count'], 0).set(['narrative', 'other', 0], '本年度共计收取信息处理费 380 元。').text();
    expect(diagnosticsOf(text)).toEqual([
      {
        code: 'V21-FEE-01',
        severity: 'warning',
        path: ['fee', 'amount_yuan'],
        ...locateAfter(text, 'amount_yuan:', 'amount_yuan: '),
        message: '信息处理费的收费件数为 0，但收费金额为 380 元；二者应同为 0 或同时大于 0',
      },
    ]);
  });

  it('warns when applications were charged but the amount is 0', () => {
    const text = ReportBuilder.valid().set(['fee', 'amount_yuan'], 0).text();
    expect(diagnosticsOf(text)).toEqual([
      {
        code: 'V21-FEE-01',
        severity: 'warning',
        path: ['fee', 'count'],
        ...locateAfter(text, '  count:', 'count: '),
        message: '信息处理费的收费金额为 0 元，但收费件数为 2；二者应同为 0 或同时大于 0',
      },
    ]);
  });

  it('passes when both are 0', () => {
    const text = ReportBuilder.valid()
      .set(['fee', 'count'], 0)
      .set(['fee', 'amount_yuan'], 0)
      .set(['narrative', 'other', 0], '本年度未收取信息处理费。')
      .text();
    expect(diagnosticsOf(text)).toEqual([]);
  });
});

describe('NARR-EMPTY parts 一 and 五 that cannot be drafted from numbers', () => {
  it('warns when 一、总体情况 is empty, pointing at the key', () => {
    const text = ReportBuilder.valid().remove(['narrative', 'overview']).text();
    expect(diagnosticsOf(text)).toEqual([
      {
        code: 'NARR-EMPTY',
        severity: 'warning',
        path: ['narrative', 'overview'],
        ...locate(text, 'narrative:'),
        message: '「一、总体情况」还没有填写内容，生成的报告中这一部分只有标题；请在 narrative.overview 中填写',
      },
    ]);
  });

  it('warns for 五 as well, and passes when both are written', () => {
    const text = ReportBuilder.valid().remove(['narrative', 'problems']).text();
    expect(byCode(diagnosticsOf(text), 'NARR-EMPTY').map((d) => d.path)).toEqual([['narrative', 'problems']]);
    expect(byCode(diagnosticsOf(ReportBuilder.valid().text()), 'NARR-EMPTY')).toEqual([]);
  });
});
