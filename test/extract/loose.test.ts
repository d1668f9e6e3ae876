/**
 * A report of a six-part year that is not laid out in the six parts
 * (上海市科委 2024: its own topical sections 二、工作机制保障 … 六、…, the
 * tables under headings numbered anew, no heading over the problems part)
 * is read, not refused: the parts found by their words, the other level-1
 * headings kept as sub-headings of the part they stand in, G-05 naming the
 * headings as printed. A document that is no report — no tables — is still
 * refused. And the flattened-table readers it needs: rows printed out of
 * the format's order, a table read in cell order only when every total
 * holds.
 */
import { copyFile, readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli, tempDir } from '../helpers/cli.js';
import { built, cellPairs } from '../helpers/extract-round-trip.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { extractReport } from '../../src/extract/index.js';
import { mapFlatInCellOrder, mapFlatTable } from '../../src/extract/tables.js';
import { v2021Format } from '../../src/formats/v2021/index.js';

const SOURCE = readFileSync('test/fixtures/published/cn-shanghai-stcsm-2024/source.txt', 'utf8');
const grid = (id: string) => v2021Format.tables.find((candidate) => candidate.definition.id === id)!;

type Block = string | { heading: string; body?: Block[] };

describe('上海市科委 2024: read loosely', () => {
  const result = extractReport(SOURCE, 'text', { today: new Date('2026-01-01') });
  const data = result.data as { title: string; year: number; organization: { name: string }; preamble: string[]; narrative: Record<string, Block[]> };

  it('is read, with its title broken over two lines, year and organisation', () => {
    expect(result.refusal).toBeUndefined();
    expect(data.title).toBe('2024年上海市科委政府信息公开工作年度报告');
    expect(data.year).toBe(2024);
    expect(data.organization.name).toBe('上海市科委');
    // The preamble's PDF lines joined into one paragraph.
    expect(data.preamble).toHaveLength(1);
    expect(data.preamble[0]).toMatch(/^根据《中华人民共和国政府信息公开条例》.*下载。$/);
  });

  it('keeps the topical sections as sub-headings of 一、总体情况, the （一）主要问题 run as part 五, the fee statement as part 六', () => {
    const overview = data.narrative.overview!;
    expect(typeof overview[0]).toBe('string');
    expect(overview.slice(1).map((block) => (typeof block === 'string' ? block : block.heading))).toEqual([
      '工作机制保障',
      '主动公开工作情况',
      '政府信息公开申请情况',
      '政府信息管理',
      '政府信息公开平台建设',
    ]);
    const requests = overview[3] as { body: string[] };
    expect(requests.body).toHaveLength(1);
    expect(requests.body[0]).toMatch(/^全年收到政府信息公开申请 34 件，.*转下一年度办理答复的有 1 件。$/);
    expect(data.narrative.proactive).toEqual([]);
    expect((data.narrative.problems ?? []).map((block) => (typeof block === 'string' ? block : block.heading))).toEqual(['主要问题', '改进情况']);
    expect(data.narrative.other).toEqual(['本年度信息公开处理费收费情况', '2024 年，市科委未发生政府信息公开收费事项。']);
  });

  it('reports the structure: G-05 with the headings as printed and where the sections went, and each part heading numbered otherwise', () => {
    const g05 = result.diagnostics.filter((d) => d.code === 'G-05');
    expect(g05).toHaveLength(1);
    expect(g05[0]!.severity).toBe('error');
    expect(g05[0]!.message).toBe(
      '正文没有按规定的六个部分编写：一级标题依次为“一、总体情况”“二、工作机制保障”“三、主动公开工作情况”“四、政府信息公开申请情况”“五、政府信息管理”“六、政府信息公开平台建设”' +
        '“一、主动公开政府信息情况”“二、收到和处理政府信息公开申请情况”“三、政府信息公开行政复议、行政诉讼情况”（第五部分无标题）“五、其他需要报告的事项”，' +
        '规定为“一、总体情况”至“六、其他需要报告的事项”六个部分，依次编号。已按标题的文字对应到规定的部分；不是规定部分的标题连同其下的文字作为小标题留在所在的部分：' +
        '“二、工作机制保障”“三、主动公开工作情况”“四、政府信息公开申请情况”“五、政府信息管理”“六、政府信息公开平台建设”放在第一部分“一、总体情况”中，请移到相应部分',
    );
    const headings = result.diagnostics.filter((d) => d.code === 'EXTRACT-HEADING').map((d) => [d.path.join('.'), d.message]);
    expect(headings).toEqual([
      ['narrative.proactive', '第二部分的标题印为“一、主动公开政府信息情况”，规定为“二、主动公开政府信息情况”'],
      ['narrative.requests', '第三部分的标题印为“二、收到和处理政府信息公开申请情况”，规定为“三、收到和处理政府信息公开申请情况”'],
      ['narrative.review_litigation', '第四部分的标题印为“三、政府信息公开行政复议、行政诉讼情况”，规定为“四、政府信息公开行政复议、行政诉讼情况”'],
      ['narrative.problems', '第五部分没有标题“五、存在的主要问题及改进情况”；其后以“（一）……问题”起首的文字读作第五部分'],
      ['narrative.other', '第六部分的标题印为“五、其他需要报告的事项”，规定为“六、其他需要报告的事项”'],
    ]);
  });

  it('reports how the damaged tables were read', () => {
    const order = result.diagnostics.filter((d) => d.code === 'EXTRACT-ORDER').map((d) => `${d.severity} ${d.path.join('.')}`);
    expect(order).toEqual([
      'info tables.proactive.license',
      'info tables.proactive.penalty',
      'info tables.proactive.coercion',
      'info tables.proactive.fee',
      'warning tables.requests',
      'warning tables.requests',
    ]);
    const moved = result.diagnostics.filter((d) => d.code === 'EXTRACT-ORDER').at(-1)!.message;
    expect(moved).toContain('有一个数字“1”印在别处');
    expect(moved).toContain('读作「四、结转下年度继续办理」行「总计」列的数');
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['G-05']);
  });
});

describe('the same layout in an HTML page with real tables', () => {
  it('xxgk’s page of the 上海市科委 sample, its part headings renumbered as the original prints them and 五、 dropped: every cell, G-05', () => {
    const { report, html } = built('samples/published/cn-shanghai-stcsm-2024.yaml');
    let page = html;
    const renumber: [string, string][] = [
      ['二、主动公开政府信息情况', '一、主动公开政府信息情况'],
      ['三、收到和处理政府信息公开申请情况', '二、收到和处理政府信息公开申请情况'],
      ['四、政府信息公开行政复议、行政诉讼情况', '三、政府信息公开行政复议、行政诉讼情况'],
      ['五、存在的主要问题及改进情况', ''],
      ['六、其他需要报告的事项', '五、其他需要报告的事项'],
    ];
    for (const [from, to] of renumber) {
      expect(page).toContain(from);
      page = page.split(from).join(to);
    }
    const result = extractReport(page, 'html', { today: new Date('2026-01-01') });
    expect(result.refusal).toBeUndefined();
    expect(cellPairs(result, report.tables).filter((pair) => pair.got !== pair.expected)).toEqual([]);
    expect(result.diagnostics.filter((d) => d.code === 'G-05')).toHaveLength(1);
    const narrative = result.data!.narrative as Record<string, Block[]>;
    expect((narrative.problems ?? []).map((block) => (typeof block === 'string' ? block : block.heading))).toEqual(['主要问题', '改进情况']);
    expect(narrative.other).toEqual(report.narrative.other);
  });
});

describe('xxgk extract on it', () => {
  it('writes the data file with the structure problem in its header, exit 1, and does not speak of blank cells', async () => {
    const dir = await tempDir();
    const file = path.join(dir, '市科委2024.txt');
    await copyFile('test/fixtures/published/cn-shanghai-stcsm-2024/source.txt', file);
    const run = await cli(['extract', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[G-05] 正文没有按规定的六个部分编写');
    expect(run.stderr).toContain('报告的结构与规定的格式不符');
    expect(run.stderr).not.toContain('有的格无法确定');
    const written = await readFile(path.join(dir, '市科委2024.yaml'), 'utf8');
    expect(written).toMatch(/^# 正文没有按规定的六个部分编写：.*放在第一部分“一、总体情况”中，请移到相应部分$/m);
    const data = parse(written) as { tables: { requests: { carry_out: { tot: number } } } };
    expect(data.tables.requests.carry_out.tot).toBe(1);
  });
});

describe('still refused: no report', () => {
  it('an article naming the report, its parts numbered loosely, but no tables', () => {
    const article = [
      '区政府发布2023年度政府信息公开工作年度报告',
      '近日，区政府在门户网站发布了年度报告，现将要点摘录如下。',
      '一、总体情况',
      '全年主动公开政府信息1200条。',
      '一、主动公开政府信息情况',
      '全区各部门主动公开规范性文件12件。',
      '二、收到和处理政府信息公开申请情况',
      '全年收到申请45件，均已依法答复。',
      '三、政府信息公开行政复议、行政诉讼情况',
      '全年没有发生行政复议和行政诉讼。',
    ].join('\n');
    const result = extractReport(article, 'text', { today: new Date('2026-01-01') });
    expect(result.data).toBeUndefined();
    expect(result.refusal).toContain('但没有找到这六个部分的标题');
    expect(result.refusal).toContain('印有规定统计表');
  });

  it('a work plan with numbered sections and no report title', () => {
    const plan = ['2024年政务公开工作要点', '一、总体要求', '坚持以人民为中心。', '二、主动公开政府信息情况', '做好主动公开。', '三、工作安排', '按季度推进。'].join('\n');
    const result = extractReport(plan, 'text', { today: new Date('2026-01-01') });
    expect(result.data).toBeUndefined();
    expect(result.refusal).toMatch(/不像政府信息公开工作年度报告|没有写明是哪一年/);
  });
});

describe('flattened tables out of step', () => {
  it('a row printed before the rows the format puts first is found by its exact label', () => {
    const text = '行政许可 97\n行政处罚 3\n行政强制 0\n行政事业性收费 1.5\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 0 0 0\n行政规范性文件 13 0 55';
    const sink: Diagnostic[] = [];
    const { values } = mapFlatTable(grid('t1'), text, sink);
    expect(Object.fromEntries(values)).toMatchObject({ reg_issued: 0, nd_issued: 13, nd_in_force: 55, license_decisions: 97, penalty_decisions: 3, coercion_decisions: 0, fee_amount_wan: 1.5 });
    expect(sink.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(sink.filter((d) => d.code === 'EXTRACT-ORDER')).toHaveLength(4);
  });

  it('cell order is taken only with as many numbers as cells, every total holding, and at most one number moved', () => {
    const table = grid('t2');
    const cells = table.valueCells.length;
    // 25 rows of 7: new 3 (np 3), carry_in 0, granted 3, the rest 0 but 总计 rows, carry_out 0.
    const rows = table.valueCells.length / 7;
    const row = (np: number) => [np, 0, 0, 0, 0, 0, np].join(' ');
    const lines = Array.from({ length: rows }, (_, index) => row(index === 0 || index === 2 || index === rows - 2 ? 3 : 0));
    const sink: Diagnostic[] = [];
    const read = mapFlatInCellOrder(table, lines.join('\n'), sink);
    expect(read).toBeDefined();
    expect(read!.values.get('new.np')).toBe(3);
    expect(read!.values.get('total.tot')).toBe(3);
    expect(sink.map((d) => d.code)).toEqual(['EXTRACT-ORDER']);
    // One number short: not read.
    expect(mapFlatInCellOrder(table, lines.join('\n').replace(/ 0$/, ''), [])).toBeUndefined();
    // Totals that do not hold, and no single move mends them: not read.
    const broken = [...lines];
    broken[2] = row(5);
    broken[0] = row(4);
    expect(mapFlatInCellOrder(table, broken.join('\n'), [])).toBeUndefined();
    expect(cells).toBe(rows * 7);
    // A table without totals (表一) is never read in cell order.
    expect(mapFlatInCellOrder(grid('t1'), '0 0 0 13 0 55 97 3 0 1', [])).toBeUndefined();
  });
});
