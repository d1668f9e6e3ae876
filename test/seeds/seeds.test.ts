/**
 * The five seeds rebuilt from their data files in samples/: every heading,
 * every number and the paragraph text of each published report appear in the
 * output in order, without the web-page furniture; the seeds' own
 * inconsistencies are reported with their rule codes and the report is still
 * reproduced as published.
 */
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { createTemplateEnvironment } from '../../src/compose/environment.js';
import type { FormatDefinition } from '../../src/formats/format.js';
import { renderDocx } from '../../src/render/docx.js';
import { validateReportFile } from '../../src/validate/index.js';
import { cli, tempDir } from '../helpers/cli.js';
import { expectedLines, normalize as normalizeForSearch, SEEDS, seedText, type SeedCase } from '../fixtures/seeds/seeds.js';
import { blocksText, docxBlocks, expectInOrder, missingInOrder, type DocxBlock } from './extract.js';

const templates = createTemplateEnvironment();

async function rebuild(seed: SeedCase) {
  const validation = await validateReportFile(seed.sample);
  expect(validation.report, `${seed.sample} must load`).toBeDefined();
  const document = composeReport(validation.report!, validation.format as FormatDefinition<unknown>, { templates });
  const bytes = await renderDocx(document);
  return { validation, document, bytes, blocks: await docxBlocks(bytes) };
}

describe.each(SEEDS)('seed $id rebuilt from $sample', (seed) => {
  let rebuilt: Awaited<ReturnType<typeof rebuild>>;
  beforeAll(async () => {
    rebuilt = await rebuild(seed);
  });

  it('is read in the format of its year and reports the seed’s own inconsistencies as warnings, nothing else', () => {
    expect(rebuilt.validation.format?.id).toBe(seed.format);
    const { diagnostics } = rebuilt.validation;
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect([...new Set(diagnostics.map((d) => d.code))].sort()).toEqual([...seed.warnings].sort());
  });

  it('contains every line of the published report, in order, and every number', () => {
    expectInOrder(expectedLines(seed), blocksText(rebuilt.blocks));
  });

  it('contains none of the web page around the report', () => {
    const text = blocksText(rebuilt.blocks);
    const report = expectedLines(seed).join('\n');
    const furniture = ['浏览量', '打印', '分享', '返回列表', '扫一扫', '已归档', '责任编辑', '字号', '友情提示', '免责声明', '上一篇', 'bsmz.net', '首页', '发布日期', '修改稿'];
    // Words the report itself uses (seed 004 writes “扫一扫市场监管局”) are not furniture there.
    for (const word of furniture.filter((candidate) => !report.includes(candidate))) {
      expect(text, word).not.toContain(word);
    }
    for (const line of seed.drop) expect(normalizeForSearch(text)).not.toContain(normalizeForSearch(line));
  });

  it('prints the tables it has, in order', () => {
    const tables = rebuilt.document.blocks.filter((block) => block.kind === 'table').map((block) => block.kind === 'table' && block.grid.definition.id);
    expect(tables).toEqual(seed.tables);
    expect(rebuilt.blocks.filter((block) => block.kind === 'table')).toHaveLength(seed.tables.length);
  });

  it('is checked against the whole seed: the comparison itself finds a line that is not there', () => {
    // Guards the in-order comparison against passing vacuously.
    expect(missingInOrder(['这一行不在任何报告中'], blocksText(rebuilt.blocks))).toHaveLength(1);
    expect(seedText(seed).length).toBeGreaterThan(1000);
  });
});

const headingsOf = (blocks: readonly DocxBlock[], level: number) =>
  blocks.filter((block) => block.kind === 'paragraph' && block.style === `Heading${level}`).map((block) => block.text);

const cellTexts = (block: DocxBlock | undefined): string[] => (block?.cells ?? []).map((cell) => cell.text);

describe('seed 001 (v2019): the three tables as published', () => {
  let blocks: DocxBlock[];
  beforeAll(async () => {
    blocks = (await rebuild(SEEDS[1]!)).blocks;
  });

  it('has the six mandated parts as level-1 headings and the five sub-parts of 一', () => {
    expect(headingsOf(blocks, 1)).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
    expect(headingsOf(blocks, 2)).toEqual([
      '（一）城中区人民政府信息公开工作机构和人员设置情况',
      '（二）政府信息公开指南的编制、更新情况',
      '（三）政府信息公开载体的建设、运行情况',
      '（四）政府信息公开工作考核、社会评议和责任追究结果等监督情况',
      '（五）深化落实各领域信息公开',
    ]);
  });

  it('prints T1 with signed changes as 增N/减N and the procurement amount in 万元', () => {
    const t1 = blocks.filter((block) => block.kind === 'table')[0];
    expect(cellTexts(t1)).toEqual([
      '第二十条第（一）项',
      '信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量',
      '规章', '0', '0', '0',
      '规范性文件', '1', '1', '1',
      '第二十条第（五）项',
      '信息内容', '上一年项目数量', '本年增/减', '处理决定数量',
      '行政许可', '184', '减3', '2982',
      '其他对外管理服务事项', '15', '增35', '117',
      '第二十条第（六）项',
      '信息内容', '上一年项目数量', '本年增/减', '处理决定数量',
      '行政处罚', '104', '增1945', '6487',
      '行政强制', '0', '增77', '909',
      '第二十条第（八）项',
      '信息内容', '上一年项目数量', '本年增/减',
      '行政事业性收费', '1', '减1',
      '第二十条第（九）项',
      '信息内容', '采购项目数量', '采购总金额（单位：万元）',
      '政府集中采购', '868', '2694.35',
    ]);
  });

  it('prints the blank cell of 8.属于行政查询事项 as 0', () => {
    const t2 = blocks.filter((block) => block.kind === 'table')[1]!;
    const label = t2.cells!.find((cell) => cell.text === '8.属于行政查询事项')!;
    const row = t2.cells!.filter((cell) => cell.row === label.row && cell.col >= 3).map((cell) => cell.text);
    expect(row).toEqual(['0', '0', '0', '0', '0', '0', '0']);
  });

  it('merges T2 as the 2019 format does: 三、本年度办理结果 over 20 rows, （六）其他处理 a single row', () => {
    const t2 = blocks.filter((block) => block.kind === 'table')[1]!;
    const cell = (text: string) => t2.cells!.find((candidate) => candidate.text === text)!;
    expect(cell('三、本年度办理结果').rowSpan).toBe(20);
    expect(cell('（三）不予公开').rowSpan).toBe(8);
    expect(cell('（六）其他处理')).toMatchObject({ rowSpan: 1, colSpan: 2, col: 1 });
    expect(t2.cells!.filter((c) => c.col >= 3 && c.row >= 3)).toHaveLength(23 * 7);
  });

  it('signs with the organisation and the date as published', () => {
    const texts = blocks.filter((block) => block.kind === 'paragraph').map((block) => block.text);
    expect(texts.slice(-2)).toEqual(['柳州市城中区人民政府', '2020年1月29日']);
  });
});

describe('seed 003 (legacy): the statistics table as 附件2', () => {
  let blocks: DocxBlock[];
  beforeAll(async () => {
    blocks = (await rebuild(SEEDS[3]!)).blocks;
  });

  it('has its eight parts', () => {
    expect(headingsOf(blocks, 1)).toEqual([
      '一、概述',
      '二、主动公开政府信息情况',
      '三、依申请公开政府信息情况',
      '四、政府信息公开咨询处理情况',
      '五、政府信息公开行政复议、行政诉讼情况',
      '六、政府信息公开支出情况',
      '七、其他相关工作情况',
      '八、存在的主要问题和改进措施',
    ]);
  });

  it('prints 附件2 flush left in 黑体 on a new page, the two-line title, 填报单位 above and the 填报 lines below the table', () => {
    const index = blocks.findIndex((block) => block.text === '附件2');
    expect(blocks[index]!.style).toBe('AttachmentLabel');
    const after = blocks.slice(index + 1).filter((block) => block.text !== '' || block.kind === 'table');
    expect(after.slice(0, 3).map((block) => block.text)).toEqual(['2017年度桃源县陬市镇', '政府信息公开工作统计表', '填报单位（盖章）：']);
    expect(after[3]!.kind).toBe('table');
    expect(after.slice(4).map((block) => block.text.replace(/\u3000+/g, ' '))).toEqual([
      '单位负责人：文承喜 审核人：谢波勇 填报人：雷萍',
      '联系电话：0736-6641212 填报日期：2018.3.18',
    ]);
  });

  it('prints the indicator tree with the seed’s units and values, 0 staff and 1 part-timer as published', () => {
    const table = blocks.find((block) => block.kind === 'table')!;
    const rows = new Map<string, string[]>();
    for (const cell of table.cells!) {
      const key = String(cell.row);
      rows.set(key, [...(rows.get(key) ?? []), cell.text]);
    }
    const byLabel = (label: string) => [...rows.values()].find((row) => row[0]!.trim() === label)!;
    expect([...rows.values()][0]).toEqual(['统计指标', '单位', '统计数']);
    expect(byLabel('一、主动公开情况')).toEqual(['一、主动公开情况', '——', '']);
    expect(byLabel('（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）').slice(1)).toEqual(['', '222']);
    expect(byLabel('（三）从事政府信息公开工作人员数').slice(1)).toEqual(['', '0']);
    expect(byLabel('2.兼职人员数').slice(1)).toEqual(['', '1']);
    expect(byLabel('（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）').slice(1)).toEqual(['万元', '5.00']);
    expect(byLabel('（三）接受培训人员数').slice(1)).toEqual(['人次', '0']);
    // 其中 items indented under their item, their siblings aligned after “其中：”.
    expect(byLabel('其中：主动公开规范性文件数')[0]).toBe('\u3000\u3000其中：主动公开规范性文件数');
    expect(byLabel('制发规范性文件总数')[0]).toBe('\u3000'.repeat(5) + '制发规范性文件总数');
    expect(rows.size).toBe(1 + 65);
  });
});

describe('seed 004 (legacy): four heading levels', () => {
  it('numbers 一、（一）1.（1） by level', async () => {
    const { blocks } = await rebuild(SEEDS[4]!);
    expect(headingsOf(blocks, 1)).toHaveLength(5);
    expect(headingsOf(blocks, 2)).toContain('（四）发挥各类新媒体优势');
    expect(headingsOf(blocks, 3)).toContain('3.运用新媒体，推动“移动互联网+政务服务”建设');
    expect(headingsOf(blocks, 4)).toEqual([
      '（1）全面推行权责清单工作，建立清单动态调整机制',
      '（2）全面梳理公共服务事项',
      '（3）推进市场监管透明',
      '（1）推进政务服务标准化建设',
      '（2）推进政务服务互联网和移动互联网的公开和办理',
      '（3）实现政务服务三级联网',
      '（4）探索二维码办事应用试点',
    ]);
  });
});

describe('seed 002 (legacy): a summary with an appended report', () => {
  it('prints the appended report on its own page after the signature, with its label and title', async () => {
    const { blocks, document } = await rebuild(SEEDS[2]!);
    expect(headingsOf(blocks, 1)).toHaveLength(9 + 4);
    const label = blocks.findIndex((block) => block.style === 'AttachmentLabel');
    expect(blocks[label]!.text).toBe('扩展阅读：网上行政审批和政府信息公开工作总结');
    const signature = document.blocks.findIndex((block) => block.kind === 'signature');
    const pageBreak = document.blocks.findIndex((block) => block.kind === 'pageBreak');
    expect(signature).toBeGreaterThan(0);
    expect(pageBreak).toBe(signature + 1);
  });
});

describe('building the seeds from the command line', () => {
  it.each(SEEDS)('xxgk build $sample writes the DOCX (exit 0: the seed’s own inconsistencies are warnings)', async (seed) => {
    const folder = await tempDir();
    const result = await cli(['build', seed.sample, '--out', folder]);
    expect(result.stderr).not.toContain('错误 [');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('已生成：');
  });

  it('without source: published, seed 003’s LG-11 is an error: build refuses, and --force reproduces the report as published', async () => {
    const folder = await tempDir();
    const file = path.join(folder, 'seed-003.yaml');
    const text = await readFile(SEEDS[3]!.sample, 'utf8');
    await copyFile(SEEDS[3]!.sample, file);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, text.replace(/^source: published\n/m, ''));
    const refused = await cli(['build', file, '--out', folder]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/错误 \[LG-11\] 「政府信息公开工作统计表」表「（三）从事政府信息公开工作人员数」行「统计数」列为 0/);
    expect(refused.stdout).not.toContain('已生成');

    const forced = await cli(['build', file, '--out', folder, '--force']);
    expect(forced.stdout).toContain('已生成：');
    const written = forced.stdout.match(/已生成：(.+\.docx)/)![1]!;
    const blocks = await docxBlocks(await readFile(written));
    expectInOrder(expectedLines(SEEDS[3]!), blocksText(blocks));
  });

  it('without source: published, seed 001’s blank cell is an error (G-02) that even --force cannot print past', async () => {
    const folder = await tempDir();
    const file = path.join(folder, 'seed-001.yaml');
    const text = await readFile(SEEDS[1]!.sample, 'utf8');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, text.replace(/^source: published\n/m, ''));
    const result = await cli(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('错误 [G-02] 「三、收到和处理政府信息公开申请情况」表「（三）不予公开 › 8.属于行政查询事项」行「法律服务机构」列是空的');
    const forced = await cli(['build', file, '--out', folder, '--force']);
    expect(forced.code).toBe(1);
    expect(forced.stderr).toContain('数据文件无法使用');
  });
});
