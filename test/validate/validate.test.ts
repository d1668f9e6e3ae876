import { describe, expect, it } from 'vitest';
import { ReportReadError } from '../../src/io/load.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import type { ReportV2021 } from '../../src/formats/v2021/schema.js';
import { sortDiagnostics, validateReportFile, validateReportText } from '../../src/validate/index.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { FIXTURES, fixtureText, locateAfter, PREVIOUS, ReportBuilder, VALID } from './fixture.js';

describe('format selection', () => {
  it('rejects a format it does not know, naming the ones it does (FORMAT-UNKNOWN)', () => {
    const text = `format: v2018\n${fixtureText()}`;
    const result = validateReportText(text, 'report.yaml');
    expect(result.report).toBeUndefined();
    expect(result.diagnostics).toEqual([
      {
        code: 'FORMAT-UNKNOWN',
        severity: 'error',
        stage: 'format',
        file: 'report.yaml',
        path: ['format'],
        start: { line: 1, column: 9, offset: 8 },
        end: { line: 1, column: 14, offset: 13 },
        message: expect.stringContaining('不认识的报告格式 "v2018"'),
      },
    ]);
    expect(result.diagnostics[0]!.message).toContain('v2019（2019、2020 年度');
  });

  it('validates a 2021-format file against the format its year calls for, so a 2020 file meets the v2019 schema', () => {
    const text = ReportBuilder.valid().set(['year'], 2020).text();
    const result = validateReportText(text, 'report.yaml');
    expect(result.report).toBeUndefined();
    // The v2021 table keys are unknown to the 2019 format; its own keys are missing.
    expect(result.diagnostics.map((d) => d.code)).toContain('SCHEMA-UNKNOWN-KEY');
    expect(result.diagnostics.map((d) => d.message).join('\n')).toContain('「规范性文件」行「本年新制作数量」列');
    const legacy = ReportBuilder.valid().set(['year'], 2017).text();
    expect(validateReportText(legacy, 'report.yaml').diagnostics.map((d) => d.message).join('\n')).toMatch(/未知的键 "(narrative|tables)"/);
  });

  it('warns when an explicit format is not the one the year calls for, and follows the explicit one (FORMAT-YEAR)', () => {
    const text = `format: v2021\n${ReportBuilder.valid().set(['year'], 2020).text()}`;
    const result = validateReportText(text, 'report.yaml');
    expect(result.format).toBe(v2021Format);
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toContainEqual(['FORMAT-YEAR', 'warning']);
  });

  it('accepts an explicit format: v2021 and returns the format with the report', () => {
    const result = validateReportText(`format: v2021\n${fixtureText()}`, 'report.yaml');
    expect(result.diagnostics).toEqual([]);
    expect(result.format).toBe(v2021Format);
    expect(result.report?.title_order).toBe('机关在前');
  });
});

describe('the result', () => {
  it('keeps the report when only rules fail, so callers can decide (hasErrors)', () => {
    const text = ReportBuilder.valid().set(['tables', 'review_litigation', 'rv_total'], 5).text();
    const result = validateReportText(text, 'report.yaml');
    expect((result.report as ReportV2021 | undefined)?.tables.review_litigation.rv_total).toBe(5);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['V21-T3-01']);
  });

  it('sorts diagnostics by line, then column; those without a line last', () => {
    const text = ReportBuilder.valid()
      .set(['tables', 'review_litigation', 'rv_total'], 5)
      .set(['signature', 'date'], '2024-03-01')
      .set(['tables', 'requests', 'total', 'np'], 28)
      .text();
    const lines = validateReportText(text, 'report.yaml').diagnostics.map((d) => [d.code, d.start?.line, d.start?.column]);
    const at = (code: string, position: { line: number; column: number }) => [code, position.line, position.column];
    expect(lines).toEqual([
      at('G-07', locateAfter(text, '  date:', 'date: ')),
      at('V21-T2-02', locateAfter(text, '    total:', 'np: ')),
      at('V21-T2-03', locateAfter(text, '    total:', 'np: ')),
      at('V21-T2-01', locateAfter(text, '    total:', 'tot: ')),
      at('V21-T3-01', locateAfter(text, 'rv_total:', 'rv_total: ')),
    ]);
    expect(lines[0]).toEqual(['G-07', 14, 9]);
    const unsorted: Diagnostic[] = [
      { code: 'A', severity: 'error', stage: 'rules', path: [], message: 'a' },
      { code: 'B', severity: 'error', stage: 'rules', path: [], start: { line: 3, column: 5 }, message: 'b' },
      { code: 'C', severity: 'error', stage: 'rules', path: [], start: { line: 3, column: 1 }, message: 'c' },
      { code: 'D', severity: 'error', stage: 'rules', path: [], start: { line: 1, column: 1 }, message: 'd' },
      { code: 'E', severity: 'error', stage: 'rules', file: 'previous.yaml', path: [], start: { line: 1, column: 1 }, message: 'e' },
    ];
    expect(sortDiagnostics(unsorted).map((d) => d.code)).toEqual(['D', 'E', 'C', 'B', 'A']);
    // Diagnostics about another file (last year's) come last, whatever their line.
    expect(sortDiagnostics(unsorted, 'report.yaml').map((d) => d.code)).toEqual(['D', 'C', 'B', 'A', 'E']);
  });
});

describe('last year’s report', () => {
  it('enables the cross-year rules V21-T1-02 and V21-T2-04', () => {
    const text = ReportBuilder.valid()
      .set(['tables', 'proactive', 'reg_in_force'], 16)
      .set(['tables', 'requests', 'carry_in', 'biz'], 0)
      .set(['tables', 'requests', 'carry_in', 'tot'], 2)
      .set(['tables', 'requests', 'carry_out', 'biz'], 0)
      .set(['tables', 'requests', 'carry_out', 'tot'], 3)
      .text();
    expect(validateReportText(text, 'report.yaml').diagnostics).toEqual([]);
    const withPrevious = validateReportText(text, 'report.yaml', { previous: { text: fixtureText('previous-v2021.yaml'), fileName: 'p.yaml' } });
    expect(withPrevious.diagnostics.map((d) => [d.code, d.severity, d.path.join('.')])).toEqual([
      ['V21-T1-02', 'warning', 'tables.proactive.reg_in_force'],
      ['V21-T2-04', 'warning', 'tables.requests.carry_in.biz'],
      ['V21-T2-04', 'warning', 'tables.requests.carry_in.tot'],
    ]);
  });

  it('reports problems in last year’s file prefixed 上年报告：, with that file and its own position', () => {
    const previous = ReportBuilder.previous().set(['tables', 'proactive', 'reg_in_force'], '14件').text();
    const at = locateAfter(previous, 'reg_in_force:', 'reg_in_force: ');
    const offset = previous.indexOf('14件');
    const current = ReportBuilder.valid().set(['tables', 'proactive', 'reg_in_force'], 16).text();
    const result = validateReportText(current, 'report.yaml', { previous: { text: previous, fileName: 'previous.yaml' } });
    expect(result.diagnostics).toEqual([
      {
        code: 'SCHEMA-TYPE',
        severity: 'error',
        stage: 'schema',
        file: 'previous.yaml',
        path: ['tables', 'proactive', 'reg_in_force'],
        start: { ...at, offset },
        end: { line: at.line, column: at.column + 3, offset: offset + 3 },
        place: {
          table: { id: 't1', label: '二、主动公开政府信息情况' },
          row: { id: 'reg', label: '规章' },
          column: { id: 'in_force', label: '现行有效件数' },
        },
        message:
          '上年报告：「二、主动公开政府信息情况」表「规章」行「现行有效件数」列应为数字，写成了文字 "14件"；请只写数字 14' +
          `（previous.yaml 第 ${at.line} 行第 ${at.column} 列）`,
      },
    ]);
  });

  it('reports a syntax error in last year’s file', () => {
    const result = validateReportText(fixtureText(), 'report.yaml', { previous: { text: 'year: 2022\n\tname: x\n', fileName: 'p.yaml' } });
    expect(result.diagnostics).toEqual([
      {
        code: 'YAML-TAB',
        severity: 'error',
        stage: 'load',
        file: 'p.yaml',
        path: [],
        start: { line: 2, column: 1, offset: 11 },
        message: '上年报告：第 2 行第 1 列用了制表符（Tab）缩进，YAML 只能用空格缩进，请改为空格（与同一层的键左对齐）（p.yaml 第 2 行第 1 列）',
      },
    ]);
  });

  it('skips the cross-year rules when the file is not of the year before', () => {
    const previous = ReportBuilder.previous().set(['year'], 2021).set(['signature', 'date'], '2022-01-10').text();
    const current = ReportBuilder.valid().set(['tables', 'proactive', 'reg_in_force'], 16).text();
    const result = validateReportText(current, 'report.yaml', { previous: { text: previous, fileName: 'p.yaml' } });
    expect(result.diagnostics).toEqual([
      {
        code: 'PREVIOUS-YEAR',
        severity: 'warning',
        stage: 'rules',
        file: 'p.yaml',
        path: [],
        message: '上年报告：所给文件是 2021 年度的报告，不是 2022 年度的，跨年勾稽检查（V21-T1-02、V21-T1-03、V21-T2-04）未执行（p.yaml）',
      },
    ]);
  });
});

describe('files', () => {
  it('validates the fixture files, with last year', async () => {
    expect(await validateReportFile(VALID, { previousPath: PREVIOUS })).toMatchObject({ diagnostics: [], format: v2021Format });
  });

  it('throws ReportReadError for a missing file', async () => {
    await expect(validateReportFile(`${FIXTURES}nope.yaml`)).rejects.toBeInstanceOf(ReportReadError);
    await expect(validateReportFile(VALID, { previousPath: `${FIXTURES}nope.yaml` })).rejects.toThrow(/^找不到文件/);
  });
});

describe('a schema error in one part does not hide the balance checks of the others', () => {
  const rules = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.stage === 'rules').map((d) => ({ code: d.code, path: d.path }));

  it('checks the tables when only the narrative fails', () => {
    const text = ReportBuilder.valid()
      .replace('  problems:\n    - 政策解读的形式还比较单一。', '  problems:\n    - 123')
      .replace('new:               { np: 28,', 'new:               { np: 27,')
      .text();
    const result = validateReportText(text, 'report.yaml');
    expect(result.report).toBeUndefined();
    expect(result.diagnostics.filter((d) => d.stage === 'schema').map((d) => d.path)).toEqual([['narrative', 'problems', 0]]);
    expect(rules(result.diagnostics)).toContainEqual({ code: 'V21-T2-01', path: ['tables', 'requests', 'new', 'tot'] });
    const imbalance = result.diagnostics.find((d) => d.code === 'V21-T2-01')!;
    expect(imbalance.message).toBe('「三、收到和处理政府信息公开申请情况」表「一、本年新收政府信息公开申请数量」行「总计」列为 36，但「自然人」至「其他」六列之和为 35');
    expect(imbalance.start).toMatchObject(locateAfter(text, '    new:', 'tot: '));
    expect(imbalance.place?.row?.label).toBe('一、本年新收政府信息公开申请数量');
  });

  it('leaves out a table with a bad cell, and checks the others', () => {
    const text = ReportBuilder.valid()
      .replace('new:               { np: 28,', 'new:               { np: "二十八",')
      .replace('carry_in:          { np: 2,', 'carry_in:          { np: 3,')
      .replace('    rv_total: 4', '    rv_total: 5')
      .text();
    const result = validateReportText(text, 'report.yaml');
    expect(result.diagnostics.filter((d) => d.stage === 'schema').map((d) => d.path)).toEqual([['tables', 'requests', 'new', 'np']]);
    // 表二 did not parse: its imbalance (the 上年结转 row) is not checked on data the schema refused.
    expect(rules(result.diagnostics).filter((d) => d.path[1] === 'requests')).toEqual([]);
    expect(rules(result.diagnostics).filter((d) => d.path[1] === 'review_litigation').length).toBeGreaterThan(0);
  });

  it('adds nothing when the tables balance', () => {
    const text = ReportBuilder.valid().replace('  problems:\n    - 政策解读的形式还比较单一。', '  problems:\n    - 123').text();
    const result = validateReportText(text, 'report.yaml');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['SCHEMA-TYPE']);
  });
});
