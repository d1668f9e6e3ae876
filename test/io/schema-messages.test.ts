import { describe, expect, it } from 'vitest';
import { numberHint, suggest } from '../../src/io/schema-messages.js';
import type { ReportV2021 } from '../../src/formats/v2021/schema.js';
import { validateReportText } from '../../src/validate/index.js';
import { classic, locate, locateAfter, ReportBuilder } from '../validate/fixture.js';

const T1 = '「二、主动公开政府信息情况」表';
const T2 = '「三、收到和处理政府信息公开申请情况」表';
const T3 = '「四、政府信息公开行政复议、行政诉讼情况」表';

/** Validates the text and expects exactly one diagnostic. */
function single(text: string) {
  const { diagnostics, report } = validateReportText(text, 'report.yaml');
  expect(report).toBeUndefined();
  expect(diagnostics).toHaveLength(1);
  return classic(diagnostics[0]!);
}

/** The fixture with one value replaced; returns the text and where that value starts. */
function withValue(path: readonly (string | number)[], yaml: string | number, lineNeedle: string, prefix: string) {
  const text = ReportBuilder.valid().set(path, yaml).text();
  return { text, at: locateAfter(text, lineNeedle, prefix) };
}

describe('wrong types', () => {
  it('reads the number out of "184项" and names the cell as printed', () => {
    const { text, at } = withValue(['tables', 'proactive', 'reg_issued'], '184项', 'reg_issued:', 'reg_issued: ');
    expect(single(text)).toEqual({
      code: 'SCHEMA-TYPE',
      severity: 'error',
      path: ['tables', 'proactive', 'reg_issued'],
      ...at,
      message: `${T1}「规章」行「本年制发件数」列应为数字，写成了文字 "184项"；请只写数字 184`,
    });
  });

  it('hints at thousands separators, quoted numbers and full-width digits', () => {
    const cases: [string, string][] = [
      ['"1,523"', '写成了文字 "1,523"；请只写数字 1523'],
      ['"1523"', '写成了文字 "1523"；请只写数字 1523'],
      ['１５２３件', '写成了文字 "１５２３件"；请只写数字 1523'],
      ['约1500', '写成了文字 "约1500"'],
    ];
    for (const [yaml, tail] of cases) {
      const { text, at } = withValue(['tables', 'proactive', 'license_decisions'], yaml, 'license_decisions:', 'license_decisions: ');
      expect(single(text)).toMatchObject({ code: 'SCHEMA-TYPE', ...at, message: `${T1}「行政许可」行「本年处理决定数量」列应为数字，${tail}` });
    }
  });

  it('asks for Arabic digits instead of Chinese numerals', () => {
    const { text, at } = withValue(['tables', 'review_litigation', 'rv_keep'], '十二', 'rv_keep:', 'rv_keep: ');
    expect(single(text)).toEqual({
      code: 'SCHEMA-TYPE',
      severity: 'error',
      path: ['tables', 'review_litigation', 'rv_keep'],
      ...at,
      message: `${T3}「行政复议 › 结果维持」列应为数字，写成了文字 "十二"；请用阿拉伯数字书写（如 12）`,
    });
  });

  it('converts 元 written in a 万元 cell', () => {
    const { text } = withValue(['tables', 'proactive', 'fee_amount_wan'], '123500元', 'fee_amount_wan:', 'fee_amount_wan: ');
    expect(single(text).message).toBe(
      `${T1}「行政事业性收费」行「本年收费金额（单位：万元）」列应为数字，写成了文字 "123500元"；请只写数字 12.35（已换算成万元）`,
    );
  });

  it('names T2 cells with their group label', () => {
    const { text, at } = withValue(['tables', 'requests', 'deny_law', 'biz'], '无', 'deny_law:', 'biz: ');
    expect(single(text)).toMatchObject({
      path: ['tables', 'requests', 'deny_law', 'biz'],
      ...at,
      message: `${T2}「（三）不予公开 › 2.其他法律行政法规禁止公开」行「商业企业」列应为数字，写成了文字 "无"`,
    });
  });

  it('explains other fields by path and description', () => {
    const year = withValue(['year'], 'true', 'year:', 'year: ');
    expect(single(year.text)).toEqual({
      code: 'SCHEMA-TYPE',
      severity: 'error',
      path: ['year'],
      ...year.at,
      message: '"year"（报告年度）应为数字，写成了是/否值 true',
    });

    const postcode = withValue(['organization', 'contact', 'postcode'], '530000', 'postcode:', 'postcode: ');
    expect(single(postcode.text)).toMatchObject({
      code: 'SCHEMA-TYPE',
      ...postcode.at,
      message: '"organization.contact.postcode"（邮政编码）应为文字，写成了数字 530000；请加上引号，写成 "530000"',
    });

    const text = ReportBuilder.valid().replace('  department: 区交通运输局办公室\n', '  department: [区政府办公室]\n').text();
    expect(single(text)).toMatchObject({
      code: 'SCHEMA-TYPE',
      ...locateAfter(text, 'department:', 'department: '),
      message: '"organization.department"（负责政府信息公开日常工作的机构）应为文字，写成了一个列表',
    });
  });

  it('says which shapes a narrative block may take', () => {
    const text = ReportBuilder.valid().set(['narrative', 'problems', 0], '123').text();
    expect(single(text)).toEqual({
      code: 'SCHEMA-TYPE',
      severity: 'error',
      path: ['narrative', 'problems', 0],
      ...locateAfter(text, '    - 123', '    - '),
      message: '"narrative.problems[0]"（五、存在的主要问题及改进情况 第 1 项）应为文字或一组“键: 值”，写成了数字 123',
    });
  });
});

describe('G-01 / G-02 / G-03 on table cells', () => {
  it('rejects a negative count (G-01)', () => {
    const { text, at } = withValue(['tables', 'proactive', 'reg_repealed'], -3, 'reg_repealed:', 'reg_repealed: ');
    expect(single(text)).toEqual({
      code: 'G-01',
      severity: 'error',
      path: ['tables', 'proactive', 'reg_repealed'],
      ...at,
      message: `${T1}「规章」行「本年废止件数」列为 -3，件数不能为负数`,
    });
  });

  it('rejects a fractional count (G-01)', () => {
    const { text, at } = withValue(['tables', 'requests', 'total', 'np'], 1.5, '    total:', 'np: ');
    expect(single(text)).toEqual({
      code: 'G-01',
      severity: 'error',
      path: ['tables', 'requests', 'total', 'np'],
      ...at,
      message: `${T2}「（七）总计」行「自然人」列为 1.5，件数应为整数，不能有小数`,
    });
  });

  it('rejects a count beyond the safe integers, quoting it as written (G-01)', () => {
    const big = (2 ** 53 + 2).toString();
    expect(big).toBe('9007199254740994');
    const { text, at } = withValue(['tables', 'proactive', 'penalty_decisions'], big, 'penalty_decisions:', 'penalty_decisions: ');
    expect(single(text)).toEqual({
      code: 'G-01',
      severity: 'error',
      path: ['tables', 'proactive', 'penalty_decisions'],
      ...at,
      message: `${T1}「行政处罚」行「本年处理决定数量」列为 9007199254740994，数字太大，超出了能精确计算的整数范围（最大 9007199254740991）`,
    });
  });

  it('applies G-01 to the fee count as well', () => {
    const { text, at } = withValue(['fee', 'count'], 0.5, '  count:', 'count: ');
    expect(single(text)).toMatchObject({
      code: 'G-01',
      ...at,
      message: '"fee.count"（收取信息处理费的申请件数）为 0.5，件数应为整数，不能有小数',
    });
  });

  it('rejects a blank cell (G-02), pointing at its key', () => {
    const text = ReportBuilder.valid().replace('coercion_decisions: 17', 'coercion_decisions:').text();
    expect(single(text)).toEqual({
      code: 'G-02',
      severity: 'error',
      path: ['tables', 'proactive', 'coercion_decisions'],
      ...locate(text, 'coercion_decisions:'),
      message: `${T1}「行政强制」行「本年处理决定数量」列是空的，没有数据请填 0`,
    });
  });

  it('rejects a negative amount and excess decimals (G-03)', () => {
    const negative = withValue(['tables', 'proactive', 'fee_amount_wan'], -1, 'fee_amount_wan:', 'fee_amount_wan: ');
    expect(single(negative.text)).toEqual({
      code: 'G-03',
      severity: 'error',
      path: ['tables', 'proactive', 'fee_amount_wan'],
      ...negative.at,
      message: `${T1}「行政事业性收费」行「本年收费金额（单位：万元）」列为 -1，金额不能为负数`,
    });
    const precise = withValue(['tables', 'proactive', 'fee_amount_wan'], '12.34567', 'fee_amount_wan:', 'fee_amount_wan: ');
    expect(single(precise.text)).toMatchObject({
      code: 'G-03',
      ...precise.at,
      message: `${T1}「行政事业性收费」行「本年收费金额（单位：万元）」列为 12.34567：金额以万元为单位，最多保留 4 位小数（0.0001 万元即 1 元）`,
    });
    const yuan = withValue(['fee', 'amount_yuan'], '380.125', 'amount_yuan:', 'amount_yuan: ');
    expect(single(yuan.text)).toMatchObject({
      code: 'G-03',
      ...yuan.at,
      message: '"fee.amount_yuan"（收取信息处理费总额）为 380.125：金额以元为单位，最多保留 2 位小数',
    });
  });
});

describe('missing and unknown keys', () => {
  it('names a missing required field with its description, at the parent key', () => {
    const text = ReportBuilder.valid().remove(['organization', 'name']).text();
    expect(single(text)).toEqual({
      code: 'SCHEMA-MISSING',
      severity: 'error',
      path: ['organization', 'name'],
      ...locate(text, 'organization:'),
      message: '缺少必填项 "organization.name"（机关全称）',
    });
  });

  it('names a missing table cell and a missing T2 row as printed', () => {
    const cell = ReportBuilder.valid().remove(['tables', 'proactive', 'coercion_decisions']).text();
    expect(single(cell)).toMatchObject({
      code: 'SCHEMA-MISSING',
      path: ['tables', 'proactive', 'coercion_decisions'],
      ...locate(cell, '  proactive:', 'proactive'),
      message: `缺少${T1}「行政强制」行「本年处理决定数量」列的数字（没有数据请填 0）`,
    });
    const row = ReportBuilder.valid().remove(['tables', 'requests', 'deny_law']).text();
    expect(single(row)).toMatchObject({
      code: 'SCHEMA-MISSING',
      path: ['tables', 'requests', 'deny_law'],
      ...locate(row, '  requests:', 'requests'),
      message: `缺少${T2}「（三）不予公开 › 2.其他法律行政法规禁止公开」行（该行每一列都要填，没有数据填 0）`,
    });
  });

  it('suggests the intended key for a misspelt one, at the key itself', () => {
    const year = ReportBuilder.valid().replace('year: 2023', 'yaer: 2023').text();
    expect(single(year)).toEqual({
      code: 'SCHEMA-UNKNOWN-KEY',
      severity: 'error',
      path: ['yaer'],
      ...locate(year, 'yaer:'),
      message: '未知的键 "yaer"，是不是想写 "year"？',
    });
    const cell = ReportBuilder.valid().replace('reg_issued: 2', 'reg_isued: 2').text();
    expect(single(cell)).toEqual({
      code: 'SCHEMA-UNKNOWN-KEY',
      severity: 'error',
      path: ['tables', 'proactive', 'reg_isued'],
      ...locate(cell, 'reg_isued:', 'reg_isued'),
      message: '「二、主动公开政府信息情况」表中有未知的键 "reg_isued"，是不是想写 "reg_issued"（「规章」行「本年制发件数」列）？',
    });
  });

  it('lists the valid keys when nothing is close', () => {
    const text = ReportBuilder.valid().replace('  department: 区交通运输局办公室\n', '  负责人: 张三\n').text();
    expect(single(text)).toMatchObject({
      code: 'SCHEMA-UNKNOWN-KEY',
      path: ['organization', '负责人'],
      ...locate(text, '负责人:'),
      message: '"organization"（编制报告的机关）中有未知的键 "负责人"。这里可以写的键有：name、level、department、website、download_url、contact',
    });
  });

  it('suggests the closest allowed value', () => {
    const { text, at } = withValue(['organization', 'level'], '部 门', 'level:', 'level: ');
    expect(single(text)).toMatchObject({
      code: 'SCHEMA-VALUE',
      ...at,
      message: '"organization.level"（机关类别）只能是 "人民政府"、"部门"、"乡镇街道"、"其他" 之一，写成了文字 "部 门"，是不是想写 "部门"？',
    });
  });

  it('reports one problem per field (a malformed date is not also reported as impossible)', () => {
    const { text, at } = withValue(['signature', 'date'], '2024/1/20', 'date:', 'date: ');
    expect(single(text)).toEqual({
      code: 'SCHEMA-VALUE',
      severity: 'error',
      path: ['signature', 'date'],
      ...at,
      message: '"signature.date"（成文日期）写成了文字 "2024/1/20"：日期应写作 2024-01-20 的形式（年-月-日）',
    });
  });
});

describe('empty values', () => {
  it('reads an empty optional key, or a block whose lines are all commented out, as not filled in', () => {
    const text = ReportBuilder.valid()
      .replace('  website: https://jtj.example.gov.cn\n', '  website:\n')
      .replace('    address: 某某市某某区政府路 1 号\n    postcode: "530000"\n    phone: 0771-1234567\n', '    # address: 某某市某某区政府路 1 号\n')
      .text();
    expect(text).toContain('  contact:\n    # address');
    const { report, diagnostics } = validateReportText(text, 'report.yaml');
    expect(diagnostics).toEqual([]);
    expect(report?.organization.contact).toEqual({});
    expect(report?.organization.website).toBeUndefined();
  });

  it('still reports an empty required field, at its key', () => {
    const text = ReportBuilder.valid().replace('  name: 某某市某某区交通运输局', '  name:').text();
    expect(single(text)).toEqual({
      code: 'SCHEMA-MISSING',
      severity: 'error',
      path: ['organization', 'name'],
      ...locate(text, '  name:', 'name'),
      message: '"organization.name"（机关全称）没有填写',
    });
  });
});

describe('narrative text', () => {
  it('rejects a control character (U+0007) with its location', () => {
    const escaped = withValue(['narrative', 'other', 0], '"本年度\\a收取信息处理费 2 件。"', '本年度', '    - ');
    const expected = {
      code: 'SCHEMA-VALUE',
      severity: 'error',
      path: ['narrative', 'other', 0],
      ...escaped.at,
      message: '"narrative.other[0]"（六、其他需要报告的事项 第 1 项）含有不可见的控制字符 U+0007（第 4 个字符处），请删除后重试',
    };
    expect(single(escaped.text)).toEqual(expected);
    const raw = withValue(['narrative', 'other', 0], '本年度\u0007收取信息处理费 2 件。', '本年度', '    - ');
    expect(single(raw.text)).toEqual({ ...expected, ...raw.at });
  });

  it('accepts & < >, emoji and characters outside the BMP', () => {
    const paragraph = 'A&B <公开> 😀 𠀀 信息处理费 380 元';
    const text = ReportBuilder.valid().set(['narrative', 'other', 0], JSON.stringify(paragraph)).text();
    const { report, diagnostics } = validateReportText(text, 'report.yaml');
    expect(diagnostics).toEqual([]);
    expect((report as ReportV2021 | undefined)?.narrative.other).toEqual([paragraph]);
  });
});

it('never leaves zod English alone in a message', () => {
  const text = ReportBuilder.valid()
    .replace('year: 2023', 'year: 2200')
    .replace('  department: 区交通运输局办公室\n', '  department: { a: 1 }\n')
    .set(['tables', 'requests', 'new', 'np'], '[1]')
    .text();
  const { diagnostics } = validateReportText(text, 'report.yaml');
  expect(diagnostics.length).toBeGreaterThanOrEqual(3);
  for (const diagnostic of diagnostics) expect(diagnostic.message).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff「"]/u);
  expect(diagnostics.map((d) => d.message)).toContain('"year"（报告年度）应不大于 2100，写成了 2200');
});

describe('hint helpers', () => {
  it('reads numbers written as text', () => {
    expect(numberHint('184项')).toEqual({ value: 184 });
    expect(numberHint('12,345件')).toEqual({ value: 12345 });
    expect(numberHint('12.35万元')).toEqual({ value: 12.35 });
    expect(numberHint('十二')).toEqual({ chinese: true });
    expect(numberHint('若干')).toEqual({});
  });

  it('suggests only close names', () => {
    expect(suggest('yaer', ['year', 'organization'])).toBe('year');
    expect(suggest('reg_isued', ['reg_issued', 'reg_repealed'])).toBe('reg_issued');
    expect(suggest('something', ['year', 'organization'])).toBeUndefined();
  });
});
