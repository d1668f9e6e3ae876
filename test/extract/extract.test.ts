/**
 * `extract` (issue #15, first slice): a published report read back into a
 * published-mode data file.
 *
 * - Round trip: xxgk's own HTML page of the bundled sample and of every
 *   samples/published/*.yaml, extracted, gives back the data that built it:
 *   every table number in its cell (against the validated report, totals
 *   completed), the title, the preamble and every heading and paragraph of
 *   each part (the bundled sample is in draft mode: its paragraphs must all
 *   come back, in order, among the drafted ones).
 * - The Pingtan fixtures in text form (source.txt, tables flattened into runs
 *   of digits) give back their tables.yaml numbers exactly, except the rows
 *   listed in AMBIGUOUS, which must be left blank and reported.
 * - Label variations are reported with what was printed and what is mandated.
 * - A document that is not an annual report is refused.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { extractDocument, extractedYaml, extractReport, type ExtractResult } from '../../src/extract/index.js';
import { renderHtmlText } from '../../src/render/html.js';
import { readCellValue } from '../../src/tables/grid.js';
import { splitParagraphs } from '../../src/text/paragraphs.js';
import { validateReportText } from '../../src/validate/index.js';
import { built, cellPairs, errors, expectParagraphsInOrder, flatten, PARTS, type Block } from '../helpers/extract-round-trip.js';

const PUBLISHED = readdirSync('samples/published').filter((name) => name.endsWith('.yaml')).sort();

describe('round trip: xxgk’s own HTML back into data', () => {
  it.each(PUBLISHED)('%s gives back its title, preamble, every heading and paragraph and every table number', (name) => {
    const { report, html, format } = built(path.join('samples/published', name));
    const result = extractReport(html, 'html');
    expect(result.refusal).toBeUndefined();
    expect(result.format!.id).toBe(format.id);
    expect(errors(result)).toEqual([]);
    const data = result.data!;
    expect(data.source).toBe('published');
    expect(data.year).toBe(report.year);
    expect(data.title).toBe([report.title].flat().join(''));
    expect(data.preamble).toEqual((report.preamble as string[]).flatMap(splitParagraphs));
    const narrative = data.narrative as Record<string, Block[]>;
    for (const part of PARTS) expect(flatten(narrative[part]), part).toEqual(flatten(report.narrative[part]));
    const pairs = cellPairs(result, report.tables);
    expect(pairs.length).toBeGreaterThan(150);
    expect(pairs.filter((pair) => pair.got !== pair.expected)).toEqual([]);
    // The extracted data is itself a valid published-mode data file with the same tables.
    if (report.fee) expect(data.fee).toEqual(report.fee);
    if (report.signature) expect(data.signature).toEqual({ ...(report.signature.name ? { name: report.signature.name } : {}), date: report.signature.date });
    // Written out, it is a data file the schema accepts (given the body's level, which a title does not tell).
    const yaml = extractedYaml({ ...result, data: { ...data, organization: { ...(data.organization as object), level: report.organization.level } } }, 'page.html');
    expect(yaml.startsWith('# 由 xxgk extract 从 page.html 读出')).toBe(true);
    const reread = validateReportText(yaml, 'extracted.yaml');
    expect(reread.diagnostics.filter((d) => d.stage === 'schema' || d.stage === 'load')).toEqual([]);
    expect((reread.report as unknown as Record<string, unknown>).tables).toEqual(report.tables);
  });

  it('the bundled sample (drafted parts) gives back its title, its tables and all its own paragraphs in order', () => {
    const { report, html, document } = built('samples/青禾区人民政府2024年报.yaml');
    const result = extractReport(html, 'html');
    expect(errors(result)).toEqual([]);
    const data = result.data!;
    expect(data.title).toBe(document.meta.title);
    expect(data.year).toBe(2024);
    expect(data.organization).toEqual({ name: report.organization.name, level: '人民政府' });
    expect((data.preamble as string[])[0]).toMatch(/^本报告根据《中华人民共和国政府信息公开条例》/);
    expectParagraphsInOrder(data.narrative as Record<string, Block[]>, report.narrative);
    expect(cellPairs(result, report.tables).filter((pair) => pair.got !== pair.expected)).toEqual([]);
    expect(data.fee).toEqual(report.fee);
  });
});

/**
 * Rows of the text fixtures whose digits run together so that no rule
 * decides the split: 表一 has no sum within a row and the 行政规范性文件 row
 * prints three numbers as one run; 金井 2023 prints six zeros for the seven
 * cells of 结转下年度 (one cell blank), and any of them may be the blank one.
 */
const AMBIGUOUS: Record<string, string[]> = {
  'cn-fujian-pingtan-2021': ['proactive.nd_issued', 'proactive.nd_repealed', 'proactive.nd_in_force'],
  'cn-fujian-pingtan-2022': ['proactive.nd_issued', 'proactive.nd_repealed', 'proactive.nd_in_force'],
  'cn-fujian-pingtan-2023': ['proactive.nd_issued', 'proactive.nd_repealed', 'proactive.nd_in_force'],
  'cn-fujian-pingtan-2024': ['proactive.nd_issued', 'proactive.nd_repealed', 'proactive.nd_in_force'],
  'cn-fujian-pingtan-2025': ['proactive.nd_issued', 'proactive.nd_repealed', 'proactive.nd_in_force'],
  'cn-fujian-pingtan-jinjing-2023': ['requests.carry_out.np', 'requests.carry_out.biz', 'requests.carry_out.res', 'requests.carry_out.ngo', 'requests.carry_out.law', 'requests.carry_out.oth', 'requests.carry_out.tot'],
};
const AMBIGUOUS_ROW: Record<string, string> = {
  'cn-fujian-pingtan-jinjing-2023': '「四、结转下年度继续办理」行',
};

describe('text copied from a page (tables flattened into runs of digits)', () => {
  it.each(Object.keys(AMBIGUOUS))('%s: every table number of tables.yaml, the ambiguous rows left blank and reported', (id) => {
    const folder = path.join('test/fixtures/published', id);
    const result = extractReport(readFileSync(path.join(folder, 'source.txt'), 'utf8'), 'text');
    expect(result.refusal).toBeUndefined();
    const expected = (parse(readFileSync(path.join(folder, 'tables.yaml'), 'utf8')) as { tables: Record<string, unknown> }).tables;
    const meta = parse(readFileSync(path.join(folder, 'meta.yaml'), 'utf8')) as { year: number };
    expect(result.data!.year).toBe(meta.year);
    expect(result.data!.title).toMatch(new RegExp(`^平潭综合实验区.*${meta.year}年度?政府信息公开工作年度报告$`));
    const pairs = cellPairs(result, expected);
    expect(pairs).toHaveLength(200);
    const ambiguous = AMBIGUOUS[id]!;
    expect(pairs.filter((pair) => !ambiguous.includes(pair.cell) && pair.got !== pair.expected)).toEqual([]);
    expect(pairs.filter((pair) => ambiguous.includes(pair.cell)).map((pair) => pair.got)).toEqual(ambiguous.map(() => null));
    const splits = errors(result);
    expect(splits.map((d) => d.code)).toEqual(['EXTRACT-SPLIT']);
    expect(splits[0]!.message).toContain(AMBIGUOUS_ROW[id] ?? '「行政规范性文件」行');
    expect(splits[0]!.message).toContain('无法确定');
    expect(result.data!.fee).toEqual({ count: 0, amount_yuan: 0 });
  });

  it('a row whose digits split several ways is read when only one split keeps the totals (and says so)', () => {
    const result = extractReport(readFileSync('test/fixtures/published/cn-fujian-pingtan-2023/source.txt', 'utf8'), 'text');
    // “220000022” alone reads as 22,0,0,0,0,0,22 or 2,20,0,0,0,0,22; the column totals of （七）总计 decide.
    const requests = (result.data!.tables as Record<string, any>).requests;
    expect(requests.granted).toEqual({ np: 22, biz: 0, res: 0, ngo: 0, law: 0, oth: 0, tot: 22 });
    expect(requests.partial).toEqual({ np: 19, biz: 1, res: 0, ngo: 0, law: 0, oth: 0, tot: 20 });
    const note = result.diagnostics.find((d) => d.code === 'EXTRACT-SPLIT-SUMS' && d.message.includes('「（一）予以公开」行'));
    expect(note?.severity).toBe('info');
  });
});

const variation = (result: ExtractResult, code: string) =>
  result.diagnostics.filter((d) => d.code === code).map((d) => `${d.severity} ${d.message}`);

describe('label variations are reported with what was printed and what is mandated', () => {
  it('in the text fixtures: 行政法复议, 改进措施, 规范性文件', () => {
    const pingtan2022 = extractReport(readFileSync('test/fixtures/published/cn-fujian-pingtan-2022/source.txt', 'utf8'), 'text');
    expect(variation(pingtan2022, 'EXTRACT-HEADING')).toEqual([
      'warning 第四部分的标题印为“四、政府信息公开行政法复议、行政诉讼情况”，规定为“四、政府信息公开行政复议、行政诉讼情况”',
    ]);
    const jinjing = extractReport(readFileSync('test/fixtures/published/cn-fujian-pingtan-jinjing-2023/source.txt', 'utf8'), 'text');
    expect(variation(jinjing, 'EXTRACT-HEADING')).toEqual(['warning 第五部分的标题印为“五、存在的主要问题及改进措施”，规定为“五、存在的主要问题及改进情况”']);
    expect(variation(jinjing, 'EXTRACT-LABEL')).toContain(
      'warning 「二、主动公开政府信息情况」行名印为“规范性文件”，规定为“行政规范性文件”；已按规定的行名读取',
    );
    // The signature run into the last line of copied text is taken apart.
    expect(jinjing.data!.signature).toEqual({ name: '平潭综合实验区金井片区管理局', date: '2024-01-03' });
    expect((jinjing.data!.narrative as Record<string, Block[]>).other).toEqual(
      (parse(readFileSync('samples/published/cn-fujian-pingtan-jinjing-2023.yaml', 'utf8')) as { narrative: Record<string, Block[]> }).narrative.other,
    );
    // The numbers of that row are still read.
    expect((jinjing.data!.tables as Record<string, any>).proactive).toMatchObject({ nd_issued: 0, nd_repealed: 0, nd_in_force: 7 });
  });

  it('in an HTML page: 1、 for 1., half-width brackets, a changed word in a row and a column heading', () => {
    const { report, html } = built('samples/published/cn-jiangsu-huaian-city-2024.yaml');
    const varied = html
      .replace('>1.属于国家秘密<', '>1、属于国家秘密<')
      .replace('>（一）予以公开<', '>(一)予以公开<')
      .replace('>2.重复申请<', '>2.重复性申请<')
      .replace('>本年废止件数<', '>本年度废止件数<')
      .replace('<h2>四、政府信息公开行政复议、行政诉讼情况</h2>', '<h2>四、政府信息公开行政法复议、行政诉讼情况</h2>');
    expect(varied).not.toBe(html);
    const result = extractReport(varied, 'html');
    expect(errors(result)).toEqual([]);
    expect(variation(result, 'EXTRACT-LABEL').sort()).toEqual(
      [
        'info 「三、收到和处理政府信息公开申请情况」行名印为“1、属于国家秘密”，规定为“1.属于国家秘密”（仅标点或全角半角不同）；已按规定的行名读取',
        'info 「三、收到和处理政府信息公开申请情况」行名印为“(一)予以公开”，规定为“（一）予以公开”（仅标点或全角半角不同）；已按规定的行名读取',
        'warning 「三、收到和处理政府信息公开申请情况」行名印为“2.重复性申请”，规定为“2.重复申请”；已按规定的行名读取',
        'warning 「二、主动公开政府信息情况」表头印为“本年度废止件数”，规定为“本年废止件数”；已按规定的表头读取',
      ].sort(),
    );
    expect(variation(result, 'EXTRACT-HEADING')).toHaveLength(1);
    expect(cellPairs(result, report.tables).filter((pair) => pair.got !== pair.expected)).toEqual([]);
  });
});

describe('HTML as portals serve it', () => {
  it('finds the article body among navigation and footer, with Word-pasted tables (td only, <p><span> in cells, &nbsp;)', () => {
    const { report, html } = built('samples/published/cn-fujian-pingtan-2024.yaml');
    const main = html.slice(html.indexOf('<main>') + 6, html.indexOf('</main>'));
    const wordish = main
      .replace(/<th\b/g, '<td')
      .replace(/<\/th>/g, '</td>')
      .replace(/<(td[^>]*)>([^<]*)<\/td>/g, '<$1><p class="MsoNormal"><span style="font-family:仿宋">$2&nbsp;</span></p></td>')
      .replace(/<h2>/g, '<p style="font-weight:bold"><strong>')
      .replace(/<\/h2>/g, '</strong></p>');
    const page = [
      '<html><head><title>平潭综合实验区2024年度政府信息公开工作年度报告_政府信息公开年报</title><script>var a = "一、总体情况";</script></head><body>',
      '<div class="header"><ul><li><a href="/">首页</a></li><li>政务公开</li><li>互动交流</li></ul></div>',
      '<div class="crumb">当前位置：首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>',
      '<div class="article"><div class="info">发布时间：2025-01-20 来源：管委会办公室 浏览次数：123</div>',
      `<div class="content" id="zoom">${wordish}</div></div>`,
      '<div class="footer">主办：平潭综合实验区管委会 网站标识码 3500000000 闽ICP备00000000号</div></body></html>',
    ].join('\n');
    const result = extractReport(page, 'html');
    expect(result.refusal).toBeUndefined();
    expect(errors(result)).toEqual([]);
    expect(result.data!.title).toBe([report.title].flat().join(''));
    expect(result.data!.preamble).toEqual(report.preamble);
    const narrative = result.data!.narrative as Record<string, Block[]>;
    for (const part of PARTS) expect(flatten(narrative[part]), part).toEqual(flatten(report.narrative[part]));
    expect(cellPairs(result, report.tables).filter((pair) => pair.got !== pair.expected)).toEqual([]);
  });

  it('takes the title from the page when the article body has none', () => {
    const { html } = built('samples/published/cn-fujian-pingtan-2024.yaml');
    const withoutH1 = html.replace(/<h1>.*?<\/h1>/s, '').replace('<main>', '<h1 class="title">平潭综合实验区2024年度<br>政府信息公开工作年度报告</h1><nav>首页</nav><main>');
    const result = extractReport(withoutH1, 'html');
    expect(result.data!.title).toBe('平潭综合实验区2024年度政府信息公开工作年度报告');
    expect(result.data!.year).toBe(2024);
  });
});

describe('the format is chosen by the year', () => {
  it('a 2020 report (the 2019 format) gives back its tables and paragraphs', () => {
    const { report, html } = built('samples/seed-001-柳州市城中区2020.yaml');
    const result = extractReport(html, 'html');
    expect(result.format!.firstYear).toBe(2019);
    expect(errors(result)).toEqual([]);
    expect(result.data!.year).toBe(2020);
    const pairs = cellPairs(result, report.tables);
    expect(pairs.length).toBeGreaterThan(100);
    expect(pairs.filter((pair) => pair.got !== pair.expected)).toEqual([]);
    expectParagraphsInOrder(result.data!.narrative as Record<string, Block[]>, report.narrative);
  });

  it('a 2018 report (a format without the six parts) is read as free sections (round trips: test/extract/seeds.test.ts)', () => {
    const { html } = built('samples/seed-000-细河区2018.yaml');
    const result = extractReport(html, 'html');
    expect(result.refusal).toBeUndefined();
    expect(result.format!.firstYear).toBeUndefined();
    expect((result.data!.sections as unknown[]).length).toBe(11);
  });
});

describe('a document that is not an annual report is refused, nothing guessed', () => {
  it('a notice in text', () => {
    const text = [
      '关于开展2024年度政务公开工作考核的通知',
      '各有关单位：',
      '一、考核对象。各部门、各镇（街道）。',
      '二、考核内容。主动公开、依申请公开、政策解读等工作情况，共计100分。',
      '三、时间安排。2025年1月10日前报送自评材料。',
    ].join('\n');
    const result = extractReport(text, 'text');
    expect(result.data).toBeUndefined();
    expect(result.refusal).toBe(
      '这份文本不像政府信息公开工作年度报告：没有找到标题（“……年度政府信息公开工作年度报告”）、正文各部分的标题（“一、总体情况”至“六、其他需要报告的事项”，只找到 0 个）、统计表。没有生成数据文件',
    );
  });

  it('a page with the title but no parts and no tables (a list of reports)', () => {
    const page = '<html><body><ul><li><a href="1.htm">平潭综合实验区2024年度政府信息公开工作年度报告</a></li><li><a href="2.htm">平潭综合实验区2023年度政府信息公开工作年度报告</a></li></ul></body></html>';
    const result = extractReport(page, 'html');
    expect(result.data).toBeUndefined();
    expect(result.refusal).toContain('这份网页不像政府信息公开工作年度报告：没有找到正文各部分的标题');
    expect(result.refusal).toContain('统计表');
  });
});

describe('malformed HTML', () => {
  it('unclosed paragraphs and cells, units in cells, an absurd colspan: still read, nothing thrown', () => {
    const { report, html } = built('samples/published/cn-fujian-pingtan-2025.yaml');
    let broken = html.replace(/<\/p>/g, '').replace(/<\/td>/g, '');
    const edits: [RegExp, string][] = [
      [/(<td colspan="3" headers="[^"]*" class="value">)2418/, '$12418件'],
      [/(<th id="table\d+-t1-r1c1" scope="colgroup" colspan=")4"/, '$199999999"'],
    ];
    for (const [pattern, replacement] of edits) {
      expect(broken).toMatch(pattern);
      broken = broken.replace(pattern, replacement);
    }
    const result = extractReport(broken, 'html');
    expect(result.refusal).toBeUndefined();
    expect(cellPairs(result, report.tables).filter((pair) => pair.got !== pair.expected)).toEqual([]);
    expect(result.data!.preamble).toEqual(report.preamble);
  });
});

describe('hostile HTML', () => {
  const REFUSAL = '网页中有超过 1,000 层未闭合或嵌套的标签，不像一份年度报告，没有读取';

  it('tags nested 200,000 deep: refused with a Chinese message, no stack overflow; a page nested 900 deep is still read', async () => {
    const deep = `<html><body>${'<div>'.repeat(200_000)}一、总体情况${'</div>'.repeat(200_000)}</body></html>`;
    expect(extractReport(deep, 'html').refusal).toBe(REFUSAL);
    const read = await extractDocument(new TextEncoder().encode(deep), '嵌套.html');
    expect(read.unreadable).toBe(REFUSAL);
    const { report, html } = built('samples/published/cn-fujian-pingtan-2025.yaml');
    const wrapped = html.replace(/<body([^>]*)>/, `<body$1>${'<div>'.repeat(900)}`).replace('</body>', `${'</div>'.repeat(900)}</body>`);
    const result = extractReport(wrapped, 'html');
    expect(result.refusal).toBeUndefined();
    expect(cellPairs(result, report.tables).filter((pair) => pair.got !== pair.expected)).toEqual([]);
  });

  it('20,000 unclosed tags: refused before parsing (the parser would take seconds to unwind them); tags inside a script do not count', () => {
    const unclosed = `<html><body><p>某县人民政府2023年政府信息公开工作年度报告<p>一、总体情况<table><tr><td>1<td>2${'<span>'.repeat(20_000)}<b><i>`;
    const started = performance.now();
    expect(extractReport(unclosed, 'html').refusal).toBe(REFUSAL);
    expect(performance.now() - started).toBeLessThan(2_000);
    const { report, html } = built('samples/published/cn-fujian-pingtan-2025.yaml');
    const scripted = html.replace('</body>', `<script>var s = "${'<div>'.repeat(2_000)}";</script></body>`);
    expect(cellPairs(extractReport(scripted, 'html'), report.tables).filter((pair) => pair.got !== pair.expected)).toEqual([]);
  });
});

describe('what the audit needs from the corpus', () => {
  it('a title written as a letter (…管理局关于2021年度…) names the body without “关于”', () => {
    const result = extractReport(readFileSync('test/fixtures/published/cn-fujian-pingtan-haitan-2021/source.txt', 'utf8'), 'text');
    expect(result.data!.title).toBe('平潭综合实验区海坛片区管理局关于2021年度政府信息公开工作年度报告');
    expect((result.data!.organization as { name: string }).name).toBe('平潭综合实验区海坛片区管理局');
  });

  it('a title broken before its year takes the body from the line above; the preamble naming the report in a sentence is not the title', () => {
    // 海坛 2023 prints 平潭综合实验区海坛片区管理局 / 2023年度政府信息公开工作年度报告 as two centred lines.
    const page = readFileSync('test/fixtures/published/cn-fujian-pingtan-haitan-2023/source.html', 'utf8');
    const result = extractReport(page, 'html');
    expect(result.data!.title).toBe('平潭综合实验区海坛片区管理局2023年度政府信息公开工作年度报告');
    expect((result.data!.organization as { name: string }).name).toBe('平潭综合实验区海坛片区管理局');
    expect(result.diagnostics.filter((d) => d.code === 'EXTRACT-ORGANIZATION')).toEqual([]);
    expect(result.data!.preamble as string[]).toHaveLength(1);
    expect((result.data!.preamble as string[])[0]).toMatch(/^根据《中华人民共和国政府信息公开条例》.*特向社会公布平潭综合实验区海坛片区管理局2023年政府信息公开工作年度报告。/);
  });

  it('a title without the body (2023年度政府信息公开工作年度报告) takes the name of the signature, and says so', () => {
    const page = readFileSync('test/fixtures/published/cn-fujian-pingtan-haitan-2023/source.html', 'utf8');
    const withoutBody = page.replace('<strong>平潭综合实验区海坛片区管理局</strong>', '');
    expect(withoutBody).not.toBe(page);
    const result = extractReport(withoutBody, 'html');
    expect((result.data!.organization as { name: string }).name).toBe('平潭综合实验区海坛片区管理局');
    const note = result.diagnostics.find((d) => d.code === 'EXTRACT-ORGANIZATION')!;
    expect(note.severity).toBe('info');
    expect(note.message).toContain('按落款读作“平潭综合实验区海坛片区管理局”');
  });

  it('the v2019 表一 printed in a 2021 report: EXTRACT-LAYOUT names the earlier format and the headings printed', () => {
    const result = extractReport(readFileSync('test/fixtures/published/cn-fujian-pingtan-haitan-2021/source.txt', 'utf8'), 'text');
    const layout = result.diagnostics.filter((d) => d.code === 'EXTRACT-LAYOUT');
    expect(layout.map((d) => [d.place?.table?.id, d.severity])).toEqual([['t1', 'warning']]);
    expect(layout[0]!.message).toMatch(/^「二、主动公开政府信息情况」表按 v2019.*的表式印制（表头“本年新制作数量”“本年新公开数量”“对外公开总数量”“上一年项目数量”/);
    expect(layout[0]!.message).toContain('规定的表头为“本年制发件数”“本年废止件数”“现行有效件数”');
    // A report printing the mandated 表一 has no such diagnostic.
    const right = extractReport(readFileSync('test/fixtures/published/cn-fujian-pingtan-haitan-2025/source.txt', 'utf8'), 'text');
    expect(right.diagnostics.filter((d) => d.code === 'EXTRACT-LAYOUT')).toEqual([]);
  });

  it('the v2019 表一 is read with the v2019 grid: the cells both formats have (处理决定数量) are kept, the rest left blank', () => {
    // Flattened text: 行政许可 prints its three v2019 cells as “111”, split by the three columns of the v2019 row.
    const text = extractReport(readFileSync('test/fixtures/published/cn-fujian-pingtan-haitan-2021/source.txt', 'utf8'), 'text');
    expect((text.data!.tables as Record<string, unknown>).proactive).toEqual({
      reg_issued: null, reg_repealed: null, reg_in_force: null, nd_issued: null, nd_repealed: null, nd_in_force: null,
      license_decisions: 1, penalty_decisions: 0, coercion_decisions: 0, fee_amount_wan: null,
    });
    expect(text.diagnostics.find((d) => d.code === 'EXTRACT-LAYOUT')!.message).toContain(
      '按 v2019',
    );
    expect(text.diagnostics.find((d) => d.code === 'EXTRACT-LAYOUT')!.message).toMatch(/两种表式共有的格（行政许可·[^）]*处理决定数量、行政处罚·[^）]*、行政强制·[^）]*）照录，其余各格留空$/);
    // A page (cells in <td>): 海坛 2025's page with its 表一 replaced by a v2019 表一.
    const page = readFileSync('test/fixtures/published/cn-fujian-pingtan-haitan-2025/source.html', 'utf8');
    const start = page.indexOf('<table');
    const end = page.indexOf('</table>', start) + '</table>'.length;
    const row = (...cells: string[]) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
    const v2019 =
      '<table>' +
      row('第二十条第（一）项') + row('信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量') + row('规章', '0', '0', '0') + row('规范性文件', '4', '4', '4') +
      row('第二十条第（五）项') + row('信息内容', '上一年项目数量', '本年增/减', '处理决定数量') + row('行政许可', '7', '1', '12') + row('其他对外管理服务事项', '0', '0', '0') +
      row('第二十条第（六）项') + row('信息内容', '上一年项目数量', '本年增/减', '处理决定数量') + row('行政处罚', '2', '0', '3') + row('行政强制', '0', '0', '5') +
      row('第二十条第（八）项') + row('信息内容', '上一年项目数量', '本年增/减') + row('行政事业性收费', '0', '0') +
      row('第二十条第（九）项') + row('信息内容', '采购项目数量', '采购总金额') + row('政府集中采购', '1', '2') +
      '</table>';
    const html = extractReport(page.slice(0, start) + v2019 + page.slice(end), 'html');
    expect((html.data!.tables as Record<string, unknown>).proactive).toEqual({
      reg_issued: null, reg_repealed: null, reg_in_force: null, nd_issued: null, nd_repealed: null, nd_in_force: null,
      license_decisions: 12, penalty_decisions: 3, coercion_decisions: 5, fee_amount_wan: null,
    });
    expect(html.diagnostics.filter((d) => d.code === 'EXTRACT-LAYOUT').map((d) => d.place?.table?.id)).toEqual(['t1']);
    // No problem names a v2019 cell the data has not.
    expect(html.diagnostics.filter((d) => /_(new_made|new_pub|total_pub|prev|delta)$|procure|othersvc/.test(d.path.join('.')))).toEqual([]);
  });

  it('a header one character off in flattened text (钩稽 for 勾稽) is found, quoted as printed, and still starts the table', () => {
    const result = extractReport(readFileSync('test/fixtures/published/cn-fujian-pingtan-haitan-2022/source.txt', 'utf8'), 'text');
    const messages = result.diagnostics.filter((d) => d.code === 'EXTRACT-LABEL' && d.place?.table?.id === 't2').map((d) => d.message);
    expect(messages).toContain(
      '「三、收到和处理政府信息公开申请情况」表头印为“（本列数据的钩稽关系为：第一项加第二项之和，等于第三项加第四项之和）”，规定为“（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）”；已按规定的表头读取',
    );
    expect(messages.filter((message) => message.includes('没有找到规定的表头'))).toEqual([]);
  });

  it('part 六 headed 六、其他需报告的事项 is read as part 六, its heading reported', () => {
    const result = extractReport(readFileSync('test/fixtures/published/cn-fujian-pingtan-haitan-2025/source.txt', 'utf8'), 'text');
    expect(result.diagnostics.filter((d) => d.code === 'EXTRACT-PART')).toEqual([]);
    const heading = result.diagnostics.find((d) => d.code === 'EXTRACT-HEADING' && d.path[1] === 'other')!;
    expect(heading.message).toBe('第六部分的标题印为“六、其他需报告的事项”，规定为“六、其他需要报告的事项”');
    expect((result.data!.narrative as Record<string, string[]>).other![0]).toMatch(/^本年度未产生政府信息公开信息处理费用。/);
  });

  it('a report of a year no format covers is refused, naming the year (before 2008; not yet over)', () => {
    const early = extractReport('某县人民政府2005年政府信息公开工作年度报告\n一、概述\n本年度……\n二、主动公开政府信息情况\n', 'text');
    expect(early.data).toBeUndefined();
    expect(early.refusal).toMatch(/^这是 2005 年度的报告；政府信息公开工作年度报告始于 2008 年度/);
    const text = readFileSync('test/fixtures/published/cn-fujian-pingtan-haitan-2025/source.txt', 'utf8');
    const today = new Date('2024-12-05T00:00:00Z');
    expect(extractReport(text, 'text', { today }).refusal).toMatch(/^这是 2025 年度的报告；该年度尚未结束（今天是 2024 年）/);
    expect(extractReport(text, 'text', { today: new Date('2026-01-27T00:00:00Z') }).data?.year).toBe(2025);
  });
});

describe('sub-parts in text copied from a page', () => {
  it('pingtan 2021: part 一 run together in one line comes back as the sample’s run-in sub-headings', () => {
    const result = extractReport(readFileSync('test/fixtures/published/cn-fujian-pingtan-2021/source.txt', 'utf8'), 'text');
    const { report } = built('samples/published/cn-fujian-pingtan-2021.yaml');
    const narrative = result.data!.narrative as Record<string, Block[]>;
    expect(flatten(narrative.overview)).toEqual(flatten(report.narrative.overview));
  });

  it('pingtan 2023: sub-headings without a full stop stay paragraphs, cut at （一）（二）… but never inside “第（一）项”', () => {
    const source = readFileSync('test/fixtures/published/cn-fujian-pingtan-2023/source.txt', 'utf8');
    const injected = source.replace('持续推进基层政务公开标准化规范化', '按照《条例》第二十条第（一）项持续推进基层政务公开标准化规范化');
    expect(injected).not.toBe(source);
    const result = extractReport(injected, 'text');
    const overview = (result.data!.narrative as Record<string, Block[]>).overview!;
    expect(overview).toHaveLength(6);
    expect(overview[0]).toContain('按照《条例》第二十条第（一）项持续推进');
    expect(overview.slice(1).map((block) => (typeof block === 'string' ? block.slice(0, 9) : block))).toEqual([
      '（一）主动公开方面',
      '（二）依申请公开方',
      '（三）政府信息管理',
      '（四）信息公开平台',
      '（五）监督保障方面',
    ]);
  });
});

describe('the fee as the text states it', () => {
  /** The fee read from a published sample's page with a sentence put first in part 六. */
  const feeOf = (sample: string, sentence: string) => {
    const { html } = built(`samples/published/${sample}.yaml`);
    const page = html.replace(/(<h2>六、其他需要报告的事项<\/h2>)/, `$1<p>${sentence}</p>`);
    expect(page).not.toBe(html);
    return extractReport(page, 'html').data!.fee;
  };

  it('reads xxgk’s own wording (the count before the fee), the fee in 万元, none collected', () => {
    expect(feeOf('cn-fujian-pingtan-2024', '依据《政府信息公开信息处理费管理办法》，2024年本机关对3件政府信息公开申请收取信息处理费，共计480元。')).toEqual({ count: 3, amount_yuan: 480 });
    expect(feeOf('cn-fujian-pingtan-2024', '本年度收取信息处理费2件，金额共计1.5万元。')).toEqual({ count: 2, amount_yuan: 15000 });
    expect(feeOf('cn-jiangsu-huaian-city-2024', '2024年，本机关未收取信息处理费。')).toEqual({ count: 0, amount_yuan: 0 });
  });

  it('does not read 3940元 as 0 元, nor “未发生违规收费” as no fee collected', () => {
    // Huaian states 收取…信息处理费3940元 without a count: no fee is read (and its absence is reported).
    expect(built('samples/published/cn-jiangsu-huaian-city-2024.yaml').html).toContain('全年收取政府信息公开信息处理费3940元');
    expect(feeOf('cn-jiangsu-huaian-city-2024', '本机关严格规范信息处理费收取，未发生违规收费情况。')).toBeUndefined();
  });
});
