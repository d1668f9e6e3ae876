/**
 * V21-TXT-01, text against tables, on real published reports and on the
 * bundled sample: the known disagreements are found with the right cells, and
 * nothing is raised where the text agrees.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { checkNarrativeFacts } from '../../src/formats/common/narrative-facts.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { schemaLabel } from '../../src/io/schema-messages.js';
import { findQuantities } from '../../src/text/quantities.js';
import { validateReportText } from '../../src/validate/index.js';
import { cli, SAMPLE, tempDir } from '../helpers/cli.js';
import { fixtureProblems, fixtureReport } from './narrative-fixtures.js';
import { generateReports, reportYaml } from '../../scripts/report-generator.mjs';

const CODE = 'V21-TXT-01';

function checkFixture(id: string) {
  const report = fixtureReport(id);
  return checkNarrativeFacts(v2021Format.narrativeFacts!, {
    year: report.year,
    narrative: report.narrative,
    partLabel: (part) => schemaLabel(v2021Format.schema as Parameters<typeof schemaLabel>[0], ['narrative', part]) ?? part,
    data: { tables: report.tables },
    tables: v2021Format.tables.map((grid) => grid.definition),
  });
}

/** What each fixture's narrative says against its tables: the phrase quoted and the cell it contradicts. */
const EXPECTED: Record<string, { quote: string; cell: string; printed: number }[]> = {
  'cn-fujian-pingtan-2021': [],
  // The sentence says nothing of the application carried in from 2021: “收到…75件” claims 75 received in
  // 2022, and 表二 row 一 prints 74 (75 = 74 new + 1 carried in, i.e. （七）总计). Likewise 自然人 72 = 71 + 1.
  'cn-fujian-pingtan-2022': [
    { quote: '收到政府信息公开申请75件', cell: 'tables.requests.new.tot', printed: 74 },
    { quote: '自然人72件', cell: 'tables.requests.new.np', printed: 71 },
  ],
  'cn-fujian-pingtan-2023': [{ quote: '现行有效行政规范性文件393件', cell: 'tables.proactive.nd_in_force', printed: 470 }],
  'cn-fujian-pingtan-2024': [],
  'cn-fujian-pingtan-2025': [],
  'cn-jiangsu-hongze-district-2023': [],
  'cn-jiangsu-hongze-district-2024': [{ quote: '受理政府信息公开申请17件', cell: 'tables.requests.new.tot', printed: 95 }],
  'cn-jiangsu-huaian-city-2024': [],
};

/** How many table figures each fixture's narrative states in phrases the vocabulary reads (counted by hand from the text). */
const READ: Record<string, number> = {
  'cn-fujian-pingtan-2021': 3, // 收到70件申请, 办结69件, 1件结转下年度
  'cn-fujian-pingtan-2022': 7, // 698, 88, 75, 72, 3, 诉讼1, 复议2
  'cn-fujian-pingtan-2023': 13, // 393, 77, 81, 80, 1, 办结81, 42, 5, 31, 1, 2, 复议2, 诉讼7
  'cn-fujian-pingtan-2024': 1, // 制发行政规范性文件62件 (办理…申请218件 is left alone: 办理 is new or handled)
  'cn-fujian-pingtan-2025': 5, // 154, 148, 结转至2026年6件, 复议36起, 诉讼9起
  'cn-jiangsu-hongze-district-2023': 2, // 受理21件, 信息处理费0元 (no fee data to compare with)
  'cn-jiangsu-hongze-district-2024': 2, // 受理17件, 信息处理费0元
  'cn-jiangsu-huaian-city-2024': 15, // 3119, 3050, 34, 103, 复议351 and its four results, 诉讼46 and its four results, 3940元
};

describe('published reports: narrative against tables', () => {
  it.each(Object.entries(READ))('%s: the narrative states %i figures the vocabulary reads', (id, count) => {
    const report = fixtureReport(id);
    const facts = v2021Format.narrativeFacts!;
    const vocabulary = { subjects: facts.subjects!, quantities: facts.facts };
    const mentions = Object.values(report.narrative).flatMap((paragraphs) =>
      paragraphs.flatMap((paragraph) => findQuantities(paragraph, vocabulary, { year: report.year })),
    );
    expect(mentions).toHaveLength(count);
  });

  it.each(Object.entries(EXPECTED))('%s', (id, expected) => {
    const diagnostics = checkFixture(id);
    expect(diagnostics.every((d) => d.code === CODE && d.severity === 'warning' && d.stage === 'rules')).toBe(true);
    expect(
      diagnostics.map((d) => ({
        quote: /写“([^”]+)”/u.exec(d.message)?.[1],
        cell: d.related?.path.join('.'),
        printed: Number(/为 (\d+)$/u.exec(d.message)?.[1]),
      })),
    ).toEqual(expected);
    // Every warning is about a paragraph of a narrative part and names a printed table cell.
    for (const d of diagnostics) {
      expect(d.path[0]).toBe('narrative');
      expect(d.message).toMatch(/^「一、总体情况」第 \d+ 段写“/u);
      expect(d.related?.place?.table?.label).toMatch(/^[二三]、/u);
      expect(d.message).toContain(`「${d.related!.place!.row!.label}」行「${d.related!.place!.column!.label}」列`);
    }
    // The disagreements recorded in problems.yaml are the ones found, on the cells recorded there.
    const recorded = fixtureProblems(id);
    expect(recorded.length > 0).toBe(expected.length > 0);
    for (const problem of recorded) {
      const cells = Object.keys(problem.cells ?? {});
      const hits = expected.filter((e) => cells.includes(e.cell));
      expect(hits.length).toBeGreaterThan(0);
      for (const hit of hits) expect(problem.cells![hit.cell]).toBe(hit.printed);
    }
  });

  it('reads the agreeing figures of the reports it is silent on (the silence is not blindness)', () => {
    // 淮安市 2024 states 15 table figures in its text, all equal to the tables.
    const report = fixtureReport('cn-jiangsu-huaian-city-2024');
    const changed = structuredClone(report.tables) as { review_litigation: Record<string, number>; requests: Record<string, Record<string, number>> };
    changed.review_litigation.rv_correct = 63;
    changed.requests.carry_out!.tot = 102;
    const diagnostics = checkNarrativeFacts(v2021Format.narrativeFacts!, {
      year: report.year,
      narrative: report.narrative,
      partLabel: () => '一、总体情况',
      data: { tables: changed },
      tables: v2021Format.tables.map((grid) => grid.definition),
    });
    expect(diagnostics.map((d) => d.message)).toEqual([
      '「一、总体情况」第 3 段写“103件顺延到下年度”，但「三、收到和处理政府信息公开申请情况」表「四、结转下年度继续办理」行「总计」列为 102',
      '「一、总体情况」第 3 段写“结果纠正64件”，但「四、政府信息公开行政复议、行政诉讼情况」表「行政复议 › 结果纠正」列为 63',
    ]);
  });
});

describe('the bundled sample', () => {
  const text = readFileSync(SAMPLE, 'utf8');

  it('has no warning: its text agrees with its tables', () => {
    const result = validateReportText(text, 'sample.yaml');
    expect(result.report).toBeDefined();
    expect(result.diagnostics.filter((d) => d.code === CODE)).toEqual([]);
  });

  it('warns once, with both places, when one number of a sentence is changed', () => {
    const changed = text.replace('现行有效行政规范性文件41件', '现行有效行政规范性文件42件');
    expect(changed).not.toBe(text);
    const found = validateReportText(changed, 'sample.yaml').diagnostics.filter((d) => d.code === CODE);
    expect(found).toHaveLength(1);
    const [warning] = found;
    expect(warning!.message).toBe(
      '「一、总体情况」第 2 段（小标题「主动公开」下第 1 段）写“现行有效行政规范性文件42件”，' +
        '但「二、主动公开政府信息情况」表「行政规范性文件」行「现行有效件数」列为 41',
    );
    expect(warning!.severity).toBe('warning');
    expect(warning!.path).toEqual(['narrative', 'overview', 1, 'body', 0]);
    // The narrative place, with its position in the file: the line where that paragraph is written.
    expect(warning!.place).toEqual({ part: { id: 'overview', label: '一、总体情况' }, paragraph: 2 });
    const lines = changed.split('\n');
    const startLine = lines[warning!.start!.line - 1]!;
    expect(startLine.trim()).toBe('- |-');
    expect(lines[warning!.start!.line]).toContain('全年通过区政府门户网站主动公开政府信息4826条');
    expect(lines.slice(warning!.start!.line - 1, warning!.end!.line).join('\n')).toContain('现行有效行政规范性文件42件');
    // The table cell it contradicts.
    expect(warning!.related).toEqual({
      path: ['tables', 'proactive', 'nd_in_force'],
      place: {
        table: { id: 't1', label: '二、主动公开政府信息情况' },
        row: { id: 'nd', label: '行政规范性文件' },
        column: { id: 'in_force', label: '现行有效件数' },
      },
    });
  });

  it('compares new-plus-carried-in when the sentence says the figure includes the carried-in applications', () => {
    // 63 new + 4 carried in = 67: agrees; 66 does not, and the message names both rows.
    const agrees = text.replace('全年新收政府信息公开申请63件，', '全年共受理政府信息公开申请67件（含上年结转4件），');
    expect(validateReportText(agrees, 'sample.yaml').diagnostics.filter((d) => d.code === CODE)).toEqual([]);
    const differs = text.replace('全年新收政府信息公开申请63件，', '全年共受理政府信息公开申请66件（含上年结转4件），');
    const found = validateReportText(differs, 'sample.yaml').diagnostics.filter((d) => d.code === CODE);
    expect(found.map((d) => d.message)).toEqual([
      '「一、总体情况」第 3 段（小标题「依申请公开」下第 1 段）写“受理政府信息公开申请66件”，但「三、收到和处理政府信息公开申请情况」表' +
        '「一、本年新收政府信息公开申请数量」、「二、上年结转政府信息公开申请数量」行「总计」列之和为 67',
    ]);
  });

  it('xxgk validate prints the warning, and --json gives both places', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'report.yaml');
    writeFileSync(file, text.replace('办理完毕63件', '办理完毕六十二件'));
    const plain = await cli(['validate', file]);
    // A warning does not fail validation.
    expect(plain.code).toBe(0);
    expect(`${plain.stdout}\n${plain.stderr}`).toMatch(
      /report\.yaml:\d+:\d+ 提示 \[V21-TXT-01\] 「一、总体情况」第 3 段（小标题「依申请公开」下第 1 段）写“办理完毕六十二件”，但「三、收到和处理政府信息公开申请情况」表「（七）总计」行「总计」列为 63/u,
    );
    const json = JSON.parse((await cli(['validate', file, '--json'])).stdout) as { ok: boolean; diagnostics: Record<string, unknown>[] };
    expect(json.ok).toBe(true);
    const warning = json.diagnostics.find((d) => d.code === CODE)!;
    expect(warning).toMatchObject({
      severity: 'warning',
      stage: 'rules',
      path: ['narrative', 'overview', 2, 'body', 0],
      place: { part: { id: 'overview', label: '一、总体情况' }, paragraph: 3 },
      related: {
        path: ['tables', 'requests', 'total', 'tot'],
        place: { table: { id: 't2' }, row: { id: 'total', label: '（七）总计' }, column: { id: 'tot', label: '总计' } },
      },
    });
    expect(typeof warning.line).toBe('number');
  });
});

describe('shapes and units', () => {
  const sample = parse(readFileSync(SAMPLE, 'utf8')) as { year: number; tables: unknown; fee: unknown };
  const check = (narrative: Record<string, unknown>, data: unknown = sample) =>
    checkNarrativeFacts(v2021Format.narrativeFacts!, {
      year: 2024,
      narrative,
      partLabel: (part) => schemaLabel(v2021Format.schema as Parameters<typeof schemaLabel>[0], ['narrative', part]) ?? part,
      data,
      tables: v2021Format.tables.map((grid) => grid.definition),
    });

  it('reads the run-in paragraph of a {heading, text, body} block (a published report) and its body', () => {
    const found = check({
      overview: ['总体情况的第一段。', { heading: '依申请公开', text: '全年新收政府信息公开申请60件。', body: ['全部申请办理完毕63件。', '申请结转下年度继续办理5件。'] }],
    });
    expect(found.map((d) => ({ path: d.path, message: d.message }))).toEqual([
      {
        path: ['narrative', 'overview', 1, 'text'],
        message: '「一、总体情况」第 2 段写“新收政府信息公开申请60件”，但「三、收到和处理政府信息公开申请情况」表「一、本年新收政府信息公开申请数量」行「总计」列为 63',
      },
      {
        path: ['narrative', 'overview', 1, 'body', 1],
        message:
          '「一、总体情况」第 2 段（小标题「依申请公开」下第 2 段）写“结转下年度继续办理5件”，但「三、收到和处理政府信息公开申请情况」表「四、结转下年度继续办理」行「总计」列为 4',
      },
    ]);
  });

  it('compares amounts in 元 and 万元 as rounded in the text', () => {
    // 表一 行政事业性收费 is 12.35 万元.
    for (const agrees of ['行政事业性收费12.35万元。', '行政事业性收费123500元。', '行政事业性收费12.4万元。', '行政事业性收费十二万元。']) {
      expect(check({ other: [agrees] }), agrees).toEqual([]);
    }
    expect(check({ other: ['行政事业性收费12.5万元。'] }).map((d) => d.message)).toEqual([
      '「六、其他需要报告的事项」第 1 段写“行政事业性收费12.5万元”，但「二、主动公开政府信息情况」表「行政事业性收费」行「本年收费金额（单位：万元）」列为 12.35',
    ]);
    // The information fee is data, not a table cell: its message says so, in 元.
    expect(check({ other: ['全年收取信息处理费300元。'] }, { ...sample, fee: { count: 2, amount_yuan: 380 } }).map((d) => d.message)).toEqual([
      '「六、其他需要报告的事项」第 1 段写“信息处理费300元”，但数据中填写的信息处理费收费金额为 380 元',
    ]);
    // No fee data: nothing to compare with.
    expect(check({ other: ['全年收取信息处理费300元。'] }, { ...sample, fee: undefined })).toEqual([]);
  });

  it('accepts either reading when the sentence leaves open whether carried-in applications are included', () => {
    // The sample: 63 new, 4 carried in; 自然人 52 new, 3 carried in.
    expect(check({ overview: ['全年共收到政府信息公开申请67件，其中上年结转4件，涉及自然人55件。'] })).toEqual([]);
    expect(check({ overview: ['全年共收到政府信息公开申请63件，其中上年结转4件，涉及自然人52件。'] })).toEqual([]);
    expect(check({ overview: ['全年共收到政府信息公开申请65件，其中上年结转4件。'] }).map((d) => d.related?.path.join('.'))).toEqual([
      'tables.requests.new.tot',
    ]);
  });

  it('names a group of rows by its printed group label', () => {
    expect(check({ requests: ['不予公开7件。'] }).map((d) => d.message)).toEqual([
      '「三、收到和处理政府信息公开申请情况」第 1 段写“不予公开7件”，但「三、收到和处理政府信息公开申请情况」表「（三）不予公开」各行「总计」列之和为 6',
    ]);
  });
});

describe('generated reports (scripts/report-generator.mjs): text drafted from balanced tables', () => {
  it('reads their figures and raises nothing', () => {
    const reports = generateReports(40, 7);
    const facts = v2021Format.narrativeFacts!;
    const vocabulary = { subjects: facts.subjects!, quantities: facts.facts };
    const strings = (block: unknown): string[] =>
      typeof block === 'string' ? [block] : block && typeof block === 'object' ? Object.values(block).flatMap(strings) : [];
    const read = reports.flatMap((report) => strings(report.narrative).flatMap((paragraph) => findQuantities(paragraph, vocabulary, { year: report.year })));
    // Their 依申请公开 and 行政规范性文件 paragraphs state new, carried-in, handled and carried-over applications and documents.
    expect(read.length).toBeGreaterThan(100);
    // Nor do they say every application was completed while carrying some over (V21-TXT-02).
    const warnings = reports.flatMap((report) => validateReportText(reportYaml(report), 'generated.yaml').diagnostics).filter((d) => /TXT-0[12]$/.test(d.code));
    expect(warnings).toEqual([]);
  });
});

describe('the 2019 format (V19-TXT-01)', () => {
  const seed = parse(readFileSync(path.resolve('samples/seed-001-柳州市城中区2020.yaml'), 'utf8')) as {
    narrative: Record<string, unknown[]>;
    tables: { requests: { new: { tot: number } } };
  };

  it('checks the same 表二 figures against the 2019 grid', () => {
    const withSentence = (count: number) => {
      const data = structuredClone(seed);
      data.narrative.requests = [`本年度共受理政府信息公开申请${count}件。`];
      return validateReportText(stringify(data), 'seed.yaml').diagnostics.filter((d) => d.code.endsWith('TXT-01'));
    };
    expect(withSentence(seed.tables.requests.new.tot)).toEqual([]);
    const found = withSentence(seed.tables.requests.new.tot - 1);
    expect(found.map((d) => [d.code, d.message])).toEqual([
      [
        'V19-TXT-01',
        `「三、收到和处理政府信息公开申请情况」第 1 段写“受理政府信息公开申请${seed.tables.requests.new.tot - 1}件”，` +
          `但「三、收到和处理政府信息公开申请情况」表「一、本年新收政府信息公开申请数量」行「总计」列为 ${seed.tables.requests.new.tot}`,
      ],
    ]);
    expect(found[0]!.place).toEqual({ part: { id: 'requests', label: '三、收到和处理政府信息公开申请情况' }, paragraph: 1 });
  });
});
