/**
 * `xxgk audit FILES… [--previous …] [--xlsx 问题清单.xlsx] [--json]`: one line
 * per problem (document, place, message), a summary per document, exit 0 / 1
 * (a report has errors) / 2 (an input could not be audited: the readable
 * ones are still audited and listed); the workbook read back with exceljs;
 * bad input (another body as last year, a year no format covers, huge,
 * deeply nested and broken HTML) ends in a clear message, never a crash.
 */
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { renderHtmlText } from '../../src/render/html.js';
import { validateReportText } from '../../src/validate/index.js';
import { cli, listAll, tempDir } from '../helpers/cli.js';

const PUBLISHED = 'test/fixtures/published';

/** A published sample as the HTML page xxgk renders for a portal. */
function pageOf(sample: string): string {
  const result = validateReportText(readFileSync(sample, 'utf8'), sample);
  return renderHtmlText(composeReport(result.report!, result.format!));
}

const lines = (text: string) => text.split('\n').filter(Boolean);

async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('xxgk audit', () => {
  let pages: string;
  const hongze2023 = () => path.join(pages, '洪泽区2023.html');
  const hongze2024 = () => path.join(pages, '洪泽区2024.html');
  const huaian = () => path.join(pages, '淮安市2024.html');

  beforeAll(async () => {
    pages = await tempDir();
    await writeFile(hongze2023(), pageOf('samples/published/cn-jiangsu-hongze-district-2023.yaml'));
    await writeFile(hongze2024(), pageOf('samples/published/cn-jiangsu-hongze-district-2024.yaml'));
    await writeFile(huaian(), pageOf('samples/published/cn-jiangsu-huaian-city-2024.yaml'));
    // Not a report document: left out of a folder.
    await writeFile(path.join(pages, '说明.yaml'), 'year: 2024\n');
  }, 60_000);

  it('audits a folder: one line per problem with document, place and message, a summary per document, exit 1 on errors', async () => {
    const run = await cli(['audit', pages]);
    expect(run.code).toBe(1);
    const out = lines(run.stdout);
    expect(out).toContain(
      `${hongze2023()} 「四、政府信息公开行政复议、行政诉讼情况」表「行政复议 › 总计」列 错误 [V21-T3-01] ` +
        '「四、政府信息公开行政复议、行政诉讼情况」表「行政复议 › 总计」列为 0，但结果维持、结果纠正、其他结果、尚未审结四项之和为 11',
    );
    expect(out).toContain(
      `${hongze2024()} 「一、总体情况」第 3 段 提示 [V21-TXT-01] ` +
        '「一、总体情况」第 3 段写“受理政府信息公开申请17件”，但「三、收到和处理政府信息公开申请情况」表「一、本年新收政府信息公开申请数量」行「总计」列为 95',
    );
    expect(out.filter((line) => line.startsWith(huaian()))).toEqual([`${huaian()}：淮安市人民政府 2024 年度，通过（0 个错误、0 个提示）`]);
    // Sorted by name; the 2024 report of 洪泽区 is checked against its 2023 report.
    expect(out.slice(-4)).toEqual([
      `${hongze2023()}：洪泽区人民政府 2023 年度，有错误（2 个错误、1 个提示）`,
      `${hongze2024()}：淮安市洪泽区人民政府 2024 年度，有提示（0 个错误、2 个提示）；跨年对照 ${hongze2023()}`,
      `${huaian()}：淮安市人民政府 2024 年度，通过（0 个错误、0 个提示）`,
      '共审查 3 份报告：通过 1 份、有提示 1 份、有错误 1 份。',
    ]);
    expect(run.stdout).not.toContain('说明.yaml');
  });

  it('--json lists every report with its status and every problem with its place', async () => {
    const run = await cli(['audit', hongze2023(), huaian(), '--json']);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as {
      ok: boolean;
      reports: { file: string; organization: string; year: number; format: string; status: string; statusLabel: string; errors: number; diagnostics: { code: string; severity: string; file: string; placeText?: string; place?: unknown }[] }[];
      inputProblems: unknown[];
    };
    expect(json.ok).toBe(false);
    expect(json.inputProblems).toEqual([]);
    expect(json.reports.map((r) => [r.file, r.organization, r.year, r.format, r.status, r.statusLabel, r.errors])).toEqual([
      [hongze2023(), '洪泽区人民政府', 2023, 'v2021', 'errors', '有错误', 2],
      [huaian(), '淮安市人民政府', 2024, 'v2021', 'passed', '通过', 0],
    ]);
    const balance = json.reports[0]!.diagnostics.filter((d) => d.code === 'V21-T3-01');
    expect(balance.map((d) => d.placeText)).toEqual(['「四、政府信息公开行政复议、行政诉讼情况」表「行政复议 › 总计」列', '「四、政府信息公开行政复议、行政诉讼情况」表「行政诉讼 › 复议后起诉 › 总计」列']);
    expect(balance.every((d) => d.file === hongze2023() && d.severity === 'error')).toBe(true);
  });

  it('--xlsx writes 问题清单 (a row per problem) and 单位 (a row per document), frozen header and filters', async () => {
    const dir = await tempDir();
    const out = path.join(dir, '问题清单.xlsx');
    const json = JSON.parse((await cli(['audit', pages, '--json'])).stdout) as { reports: { diagnostics: unknown[] }[] };
    const run = await cli(['audit', pages, '--xlsx', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`问题清单已写入：${out}`);
    expect(await listAll(dir)).toEqual(['问题清单.xlsx']);
    const workbook = await readWorkbook(out);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['问题清单', '单位']);

    const problems = workbook.getWorksheet('问题清单')!;
    const problemRows = sheetRows(problems);
    expect(problemRows[0]).toEqual(['文件', '单位', '年度', '位置', '级别', '规则', '说明']);
    expect(problemRows.length - 1).toBe(json.reports.reduce((sum, report) => sum + report.diagnostics.length, 0));
    expect(problemRows).toContainEqual([
      hongze2023(),
      '洪泽区人民政府',
      2023,
      '「四、政府信息公开行政复议、行政诉讼情况」表「行政诉讼 › 复议后起诉 › 总计」列',
      '错误',
      'V21-T3-01',
      '「四、政府信息公开行政复议、行政诉讼情况」表「行政诉讼 › 复议后起诉 › 总计」列为 0，但结果维持、结果纠正、其他结果、尚未审结四项之和为 5',
    ]);
    expect(problems.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(problems.autoFilter).toBe(`A1:G${problemRows.length}`);
    expect(problems.getColumn(7).width).toBeGreaterThan(40);

    const units = workbook.getWorksheet('单位')!;
    expect(sheetRows(units)).toEqual([
      ['文件', '单位', '年度', '格式', '错误数', '提示数', '状态'],
      [hongze2023(), '洪泽区人民政府', 2023, 'v2021', 2, 1, '有错误'],
      [hongze2024(), '淮安市洪泽区人民政府', 2024, 'v2021', 0, 2, '有提示'],
      [huaian(), '淮安市人民政府', 2024, 'v2021', 0, 0, '通过'],
    ]);
    expect(units.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(units.autoFilter).toBe('A1:G4');
  });

  it('lists unreadable input (a missing file, a broken PDF, a 30 MB page, tags nested 100,000 deep, unclosed tags), audits the rest, exits 2; the workbook only when asked', async () => {
    const dir = await tempDir();
    const folder = path.join(dir, '各单位');
    await mkdir(folder);
    await copyFile(hongze2023(), path.join(folder, 'a-洪泽区2023.html'));
    await writeFile(path.join(folder, 'b-损坏.pdf'), '%PDF-1.7\n\u0000\u0001 这不是 PDF');
    await writeFile(path.join(folder, 'c-巨大.html'), `<html><body>${'<p>一、总体情况</p>'.repeat(2_000_000)}</body></html>`);
    await writeFile(path.join(folder, 'd-嵌套.html'), `<html><body>${'<div>'.repeat(100_000)}一、总体情况${'</div>'.repeat(100_000)}</body></html>`);
    await writeFile(path.join(folder, 'e-未闭合.html'), `<html><body><p>某县人民政府2023年政府信息公开工作年度报告<p>一、总体情况<table><tr><td>1<td>2${'<span>'.repeat(2_000)}<b><i>`);
    const missing = path.join(dir, '没有这个文件.html');
    const before = await listAll(folder);

    const run = await cli(['audit', folder, missing]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    const out = lines(run.stdout);
    const unreadable = (name: string) => out.find((line) => line.startsWith(`${name} 错误 [AUDIT-`));
    expect(unreadable(path.join(folder, 'b-损坏.pdf'))).toMatch(/\[AUDIT-UNREADABLE\] \S/);
    expect(unreadable(path.join(folder, 'c-巨大.html'))).toMatch(/\[AUDIT-UNREADABLE\] 有 \d+ MB，超过 20 MB/);
    expect(unreadable(path.join(folder, 'd-嵌套.html'))).toMatch(/\[AUDIT-(?:UNREADABLE|NOT-REPORT)\] .*[\u4e00-\u9fff]/);
    expect(unreadable(path.join(folder, 'e-未闭合.html'))).toMatch(/\[AUDIT-(?:UNREADABLE|NOT-REPORT)\] .*[\u4e00-\u9fff]/);
    expect(unreadable(missing)).toBe(`${missing} 错误 [AUDIT-UNREADABLE] 找不到文件`);
    expect(run.stdout).not.toMatch(/程序内部出错|Error|stack/);
    expect(out).toContain(`${path.join(folder, 'a-洪泽区2023.html')}：洪泽区人民政府 2023 年度，有错误（2 个错误、1 个提示）`);
    expect(out.at(-1)).toMatch(/^共审查 6 份报告：有错误 1 份、无法读取 \d 份(?:、不是年度报告 \d 份)?。$/);
    expect(await listAll(folder)).toEqual(before);

    const xlsx = path.join(dir, '问题清单.xlsx');
    expect((await cli(['audit', folder, missing, '--xlsx', xlsx])).code).toBe(2);
    expect((await listAll(dir)).filter((name) => name !== '各单位' && name !== '问题清单.xlsx')).toEqual([]);
    const units = sheetRows((await readWorkbook(xlsx)).getWorksheet('单位')!);
    expect(units.slice(1).map((row) => row[6])).toEqual(['有错误', '无法读取', '无法读取', expect.stringMatching(/^(?:无法读取|不是年度报告)$/), expect.stringMatching(/^(?:无法读取|不是年度报告)$/), '无法读取']);
  }, 120_000);

  it('says so, naming both, when --previous is another body’s report, and still audits the report', async () => {
    const run = await cli([
      'audit',
      path.join(PUBLISHED, 'cn-fujian-pingtan-2022/source.txt'),
      '--previous',
      path.join(PUBLISHED, 'cn-fujian-pingtan-jinjing-2023/source.txt'),
    ]);
    expect(run.code).toBe(2);
    const previous = path.join(PUBLISHED, 'cn-fujian-pingtan-jinjing-2023/source.txt');
    expect(lines(run.stdout)[0]).toBe(
      `${previous} 错误 [AUDIT-PREVIOUS-BODY] 上年报告 ${previous} 是「平潭综合实验区金井片区管理局」2023 年度的报告，` +
        `与所审报告 ${path.join(PUBLISHED, 'cn-fujian-pingtan-2022/source.txt')}（平潭综合实验区） 不是同一机关，不能作为其上年报告；跨年检查未执行`,
    );
    expect(run.stdout).toContain('cn-fujian-pingtan-2022/source.txt：平潭综合实验区 2022 年度，有提示');
    expect(run.stdout).not.toContain('跨年对照');
  });

  it('takes last year’s data file (--previous YAML) for the continuity checks', async () => {
    const run = await cli([
      'audit',
      path.join(PUBLISHED, 'cn-fujian-pingtan-2022/source.txt'),
      '--previous',
      'samples/published/cn-fujian-pingtan-2021.yaml',
      '--json',
    ]);
    const json = JSON.parse(run.stdout) as { reports: { previous?: string; diagnostics: { code: string }[] }[]; inputProblems: unknown[] };
    expect(json.inputProblems).toEqual([]);
    expect(json.reports[0]!.previous).toBe('samples/published/cn-fujian-pingtan-2021.yaml');
    // 表一's 行政规范性文件 row cannot be split in this text: the audit says the check skipped it rather than guess.
    expect(json.reports[0]!.diagnostics.map((d) => d.code)).toContain('AUDIT-CONTINUITY-SKIPPED');
    expect(run.code).toBe(0);
  });

  it('refuses a report of a year no format covers (before the first annual reports of 2008, or not yet over), with the year, exit 2', async () => {
    const dir = await tempDir();
    const early = path.join(dir, '2005年报.txt');
    await writeFile(early, '某县人民政府2005年政府信息公开工作年度报告\n一、概述\n本年度……\n二、主动公开政府信息情况\n');
    const future = path.join(dir, '2099年报.html');
    const page = pageOf('samples/published/cn-jiangsu-huaian-city-2024.yaml').replaceAll('2024', '2099').replaceAll('2025', '2100');
    await writeFile(future, page);
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const run = await cli(['audit', early, future]);
    expect(run.code).toBe(2);
    const out = lines(run.stdout);
    expect(out[0]).toMatch(new RegExp(`^${escape(early)} 错误 \\[AUDIT-UNREADABLE\\] 这是 2005 年度的报告；政府信息公开工作年度报告始于 2008 年度.*暂不支持`));
    expect(out[1]).toMatch(new RegExp(`^${escape(future)} 错误 \\[AUDIT-UNREADABLE\\] 这是 2099 年度的报告；该年度尚未结束.*暂不支持`));
    // The same page of a covered year is audited (the refusal is the year's, not the page's).
    const covered = path.join(dir, '2024年报.html');
    await writeFile(covered, pageOf('samples/published/cn-jiangsu-huaian-city-2024.yaml'));
    expect((await cli(['audit', covered])).code).toBe(0);
  });

  it('audits a report under the 2007 regulation by its own rules: the legacy format, no six-part checks', async () => {
    const dir = await tempDir();
    // Seed 003: 桃源县陬市镇 2017, narrative with its 统计表 attached; seed 000: 细河区 2018, narrative only, no word on fees.
    const withTable = path.join(dir, '陬市镇2017.txt');
    const narrativeOnly = path.join(dir, '细河区2018.txt');
    await copyFile('test/fixtures/seeds/003_dc82018ac597aaab.txt', withTable);
    await copyFile('test/fixtures/seeds/000_82f510d8a7f7ae3a.txt', narrativeOnly);
    const run = await cli(['audit', withTable, narrativeOnly, '--json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { reports: { file: string; year: number; format: string; errors: number; diagnostics: { code: string; message: string; placeText?: string }[] }[] };
    expect(json.reports.map((r) => [r.file, r.year, r.format, r.errors])).toEqual([
      [withTable, 2017, 'legacy', 0],
      [narrativeOnly, 2018, 'legacy', 0],
    ]);
    const codes = json.reports.flatMap((r) => r.diagnostics.map((d) => d.code));
    // No rule of the six-part formats (V21-*, the 六、其他需要报告的事项 fee sentence) is applied.
    expect(codes.filter((code) => /^V(19|21)-/.test(code))).toEqual([]);
    expect(json.reports.flatMap((r) => r.diagnostics).filter((d) => /六、其他需要报告的事项/.test(`${d.placeText ?? ''}${d.message}`))).toEqual([]);
    // The 统计表 states the fees (依申请公开信息收取的费用); the narrative-only report is told of 收费及减免 under article 32.
    expect(json.reports[0]!.diagnostics.map((d) => d.code)).not.toContain('AUDIT-FEE');
    const fee = json.reports[1]!.diagnostics.filter((d) => d.code === 'AUDIT-FEE');
    expect(fee.map((d) => d.message)).toEqual([expect.stringContaining('收费及减免情况')]);
    expect(fee[0]!.message).toContain('第三十二条');
  });

  it('passes xxgk’s own page of the bundled sample: nothing to report on a report that is right', async () => {
    const dir = await tempDir();
    const page = path.join(dir, '青禾区2024.html');
    await writeFile(page, pageOf('samples/青禾区人民政府2024年报.yaml'));
    const run = await cli(['audit', page]);
    expect(run.stdout).toBe(`\n${page}：示范市青禾区人民政府 2024 年度，通过（0 个错误、0 个提示）\n共审查 1 份报告：通过 1 份。`);
    expect(run.code).toBe(0);
  });

  it('the README’s real example is what the command prints', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = /```text\n\$ cd (\S+)\n\$ npx xxgk (audit [^\n]+)\n([\s\S]*?)```/.exec(readme);
    expect(block, 'the README shows a real xxgk audit run').not.toBeNull();
    const [, folder, command, printed] = block!;
    const cwd = process.cwd();
    process.chdir(folder!);
    try {
      const run = await cli(command!.split(/\s+/));
      expect(run.code).toBe(0);
      expect(`${run.stdout}\n`).toBe(printed);
    } finally {
      process.chdir(cwd);
    }
  });

  it('rejects an --xlsx that is not .xlsx, and writing over an input', async () => {
    expect((await cli(['audit', huaian(), '--xlsx', path.join(pages, 'x.csv')])).code).toBe(2);
    const run = await cli(['audit', pages, '--xlsx', huaian()]);
    expect(run.code).toBe(2);
  });
});
