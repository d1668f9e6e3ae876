import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { createTemplateEnvironment, TemplateError } from '../../src/compose/environment.js';
import type { Block, ReportDocument } from '../../src/document/model.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { sampleReport } from '../helpers/sample.js';

const headings = (document: ReportDocument, level: number) =>
  document.blocks.filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && b.level === level).map((b) => b.text);
const paragraphs = (document: ReportDocument) =>
  document.blocks.filter((b): b is Extract<Block, { kind: 'paragraph' }> => b.kind === 'paragraph').map((b) => b.text);
/** The paragraphs between a level-1 heading and the next one. */
function partText(document: ReportDocument, heading: string): string[] {
  const start = document.blocks.findIndex((b) => b.kind === 'heading' && b.text === heading);
  const texts: string[] = [];
  for (const block of document.blocks.slice(start + 1)) {
    if (block.kind === 'heading' && block.level === 1) break;
    if (block.kind === 'paragraph') texts.push(block.text);
  }
  return texts;
}

describe('composing the v2021 report', () => {
  const document = composeReport(sampleReport(), v2021Format);

  it('opens with the title broken between organisation and suffix', () => {
    expect(document.blocks[0]).toEqual({ kind: 'title', lines: ['示范市青禾区人民政府2024年', '政府信息公开工作年度报告'] });
    expect(document.meta).toMatchObject({
      title: '示范市青禾区人民政府2024年政府信息公开工作年度报告',
      year: 2024,
      formatId: 'v2021',
      signatureDate: '2025-01-20',
    });
  });

  it('states the statistics period, download address and contact in the preamble', () => {
    const preamble = paragraphs(document)[0]!;
    expect(preamble).toContain('统计期限自2024年1月1日起至2024年12月31日止');
    expect(preamble).toContain('国办公开办函〔2021〕30号');
    expect(preamble).toContain('http://www.qinghe.example.gov.cn/xxgk/ndbg/');
    expect(preamble).toContain('请与青禾区人民政府办公室联系（地址：示范市青禾区人民路88号区政府办公大楼312室；邮编：650123；电话：0871-65550123；电子邮箱：qhqzwgk@example.gov.cn）');
  });

  it('has the six mandated parts, verbatim and in order', () => {
    expect(headings(document, 1)).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
  });

  it('numbers the sub-parts of 一、总体情况', () => {
    expect(headings(document, 2)).toEqual(['（一）主动公开', '（二）依申请公开', '（三）政府信息管理', '（四）平台建设', '（五）监督保障']);
  });

  it('places each table right after its part', () => {
    const order = document.blocks
      .filter((b) => b.kind === 'table' || (b.kind === 'heading' && b.level === 1))
      .map((b) => (b.kind === 'table' ? b.grid.definition.id : (b as { text: string }).text.slice(0, 2)));
    expect(order).toEqual(['一、', '二、', 't1', '三、', 't2', '四、', 't3', '五、', '六、']);
  });

  it('resolves every table cell to its number as printed', () => {
    const t1 = document.blocks.find((b) => b.kind === 'table' && b.grid.definition.id === 't1') as Extract<Block, { kind: 'table' }>;
    expect(t1.values.get('nd_in_force')).toEqual({ value: 41, text: '41' });
    expect(t1.values.get('fee_amount_wan')).toEqual({ value: 12.35, text: '12.35' });
    const t2 = document.blocks.find((b) => b.kind === 'table' && b.grid.definition.id === 't2') as Extract<Block, { kind: 'table' }>;
    expect(t2.values.size).toBe(175);
    expect(t2.values.get('total.np')?.text).toBe('53');
  });

  it('drafts parts 二、三、四 from the numbers when the user wrote nothing, inventing none', () => {
    expect(partText(document, '二、主动公开政府信息情况')).toEqual([
      '2024年，本机关制发行政规范性文件6件，废止行政规范性文件2件，现行有效行政规范性文件41件，作出行政许可决定3286件、行政处罚决定1147件、行政强制决定96件，行政事业性收费12.35万元，主动公开政府信息情况如下表。',
    ]);
    expect(partText(document, '三、收到和处理政府信息公开申请情况')).toEqual([
      '2024年，本机关新收政府信息公开申请63件，上年结转4件。新收申请中，自然人提出52件，法人或其他组织提出11件。本年度办理完毕63件，其中予以公开26件、部分公开6件、不予公开6件、无法提供20件、不予处理3件、其他处理2件；结转下年度继续办理4件。具体情况如下表。',
    ]);
    expect(partText(document, '四、政府信息公开行政复议、行政诉讼情况')).toEqual([
      '2024年，本机关因政府信息公开工作被申请行政复议4件、被提起行政诉讼3件，其中结果纠正1件。具体情况如下表。',
    ]);
  });

  it('writes the information-processing fee into part 六 before the other matters', () => {
    const six = partText(document, '六、其他需要报告的事项');
    expect(six[0]).toBe('2024年，本机关未收取信息处理费。');
    expect(six[1]).toContain('办理人大代表建议41件');
  });

  it('ends with the signature and a date without leading zeros', () => {
    expect(document.blocks.at(-1)).toEqual({ kind: 'signature', names: ['示范市青禾区人民政府'], date: '2025年1月20日' });
  });
});

describe('drafted sentences follow the numbers', () => {
  it('says so when there were no requests and no cases', () => {
    const report = sampleReport();
    for (const row of Object.values(report.tables.requests)) for (const key of Object.keys(row)) (row as Record<string, number>)[key] = 0;
    for (const key of Object.keys(report.tables.review_litigation)) (report.tables.review_litigation as Record<string, number>)[key] = 0;
    const document = composeReport(report, v2021Format);
    expect(partText(document, '三、收到和处理政府信息公开申请情况')).toEqual(['2024年，本机关未收到政府信息公开申请，也无上年结转的申请。']);
    expect(partText(document, '四、政府信息公开行政复议、行政诉讼情况')).toEqual(['2024年，本机关未发生因政府信息公开工作被申请行政复议或提起行政诉讼的情况。']);
  });

  it('states a charged fee in 元 and leaves the user text alone when it already mentions the fee', () => {
    const report = sampleReport();
    report.fee = { count: 2, amount_yuan: 300 };
    expect(partText(composeReport(report, v2021Format), '六、其他需要报告的事项')[0]).toBe(
      '依据《政府信息公开信息处理费管理办法》，2024年本机关对2件政府信息公开申请收取信息处理费，共计300元。',
    );
    report.narrative.other = ['本年度收取信息处理费共计300元。'];
    expect(partText(composeReport(report, v2021Format), '六、其他需要报告的事项')).toEqual(['本年度收取信息处理费共计300元。']);
  });

  it('uses the user text instead of the drafted sentence when given', () => {
    const report = sampleReport();
    report.narrative.requests = ['本年度依申请公开工作平稳有序。'];
    expect(partText(composeReport(report, v2021Format), '三、收到和处理政府信息公开申请情况')).toEqual(['本年度依申请公开工作平稳有序。']);
  });
});

describe('user text is text, never markup or template code', () => {
  it('keeps directives, template syntax and XML-special characters as literal paragraph text', () => {
    const report = sampleReport();
    report.narrative.problems = ['@h1 伪造标题\n@table t1', '{{organization}} & <b>粗体</b> 😀 𠀀'];
    const texts = partText(composeReport(report, v2021Format), '五、存在的主要问题及改进情况');
    expect(texts).toEqual(['@h1 伪造标题@table t1', '{{organization}} & <b>粗体</b> 😀 𠀀']);
  });

  it('numbers nested sub-parts （一） 1. （1） by depth', () => {
    const report = sampleReport();
    report.narrative.problems = [{ heading: '问题', body: [{ heading: '解读形式单一', body: [{ heading: '图解少', body: ['段落'] }] }] }];
    const document = composeReport(report, v2021Format);
    const start = document.blocks.findIndex((b) => b.kind === 'heading' && b.text === '五、存在的主要问题及改进情况');
    expect(document.blocks.slice(start + 1, start + 5)).toEqual([
      { kind: 'heading', level: 2, text: '（一）问题' },
      { kind: 'heading', level: 3, text: '1.解读形式单一' },
      { kind: 'heading', level: 4, text: '（1）图解少' },
      { kind: 'paragraph', text: '段落', style: 'body' },
    ]);
  });
});

describe('user templates', () => {
  it('replace only the sections the user copied', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'xxgk-templates-'));
    await writeFile(path.join(folder, 'part6-other.hbs'), '@h1 六、其他需要报告的事项\n@p {{organization}}自定义的第六部分。\n');
    const templates = createTemplateEnvironment({ userTemplatesDir: folder });
    const document = composeReport(sampleReport(), v2021Format, { templates });
    expect(partText(document, '六、其他需要报告的事项')).toEqual(['示范市青禾区人民政府自定义的第六部分。']);
    expect(headings(document, 1)).toHaveLength(6);
  });

  it('cannot reach prototypes or constructors', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'xxgk-templates-'));
    await writeFile(path.join(folder, 'part5-problems.hbs'), '@h1 五、存在的主要问题及改进情况\n@p [{{organization.constructor.name}}][{{lookup organization "__proto__"}}]\n');
    const templates = createTemplateEnvironment({ userTemplatesDir: folder });
    expect(() => composeReport(sampleReport(), v2021Format, { templates })).toThrow(TemplateError);
  });

  it('reports a misspelt field in a user template instead of printing nothing', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'xxgk-templates-'));
    await writeFile(path.join(folder, 'title.hbs'), '@title {{organisation}}\n');
    const templates = createTemplateEnvironment({ userTemplatesDir: folder });
    expect(() => composeReport(sampleReport(), v2021Format, { templates })).toThrow(/title\.hbs.*organisation/);
  });
});
