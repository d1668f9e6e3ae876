/**
 * Composing the 2019 and legacy formats through the same composeReport and
 * DOCX emitter as v2021: nothing in either knows which format it is given.
 */
import { describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import { parseMarkup } from '../../src/compose/markup.js';
import type { Block, ReportDocument } from '../../src/document/model.js';
import { legacyFormat } from '../../src/formats/legacy/index.js';
import { reportLegacy } from '../../src/formats/legacy/schema.js';
import { v2019Format } from '../../src/formats/v2019/index.js';
import { reportV2019 } from '../../src/formats/v2019/schema.js';
import { renderDocx } from '../../src/render/docx.js';
import { alignment, bodyParagraphs, eastAsiaFont, isOn, openDocx, paragraphAttr, paragraphProperty, paragraphStyleId, textOf } from '../helpers/docx-xml.js';
import { legacy, published, v2019 } from './fixtures.js';
import { parse } from 'yaml';

const kinds = (document: ReportDocument) =>
  document.blocks.map((block) =>
    block.kind === 'heading' ? `h${block.level} ${block.text}` : block.kind === 'table' ? `table ${block.grid.definition.id}` : block.kind,
  );
const tableOf = (document: ReportDocument, id: string) =>
  document.blocks.find((block): block is Extract<Block, { kind: 'table' }> => block.kind === 'table' && block.grid.definition.id === id)!;

describe('the 2019 format', () => {
  const report = reportV2019.parse(v2019().data());
  const document = composeReport(report, v2019Format);

  it('has the six parts with their tables, title and signature', () => {
    expect(document.meta).toMatchObject({ formatId: 'v2019', title: '某某县市场监督管理局2020年政府信息公开工作年度报告', signatureDate: '2021-01-25' });
    expect(kinds(document).filter((kind) => kind.startsWith('h1') || kind.startsWith('table'))).toEqual([
      'h1 一、总体情况',
      'h1 二、主动公开政府信息情况',
      'table t1',
      'h1 三、收到和处理政府信息公开申请情况',
      'table t2',
      'h1 四、政府信息公开行政复议、行政诉讼情况',
      'table t3',
      'h1 五、存在的主要问题及改进情况',
      'h1 六、其他需要报告的事项',
    ]);
    expect(document.blocks.at(-1)).toEqual({ kind: 'signature', names: ['某某县市场监督管理局'], date: '2021年1月25日' });
  });

  it('prints 本年增/减 as 增N/减N/0 and 采购总金额 with two decimals', () => {
    const t1 = tableOf(document, 't1');
    expect(['license_delta', 'othersvc_delta', 'coercion_delta', 'fee_delta', 'procure_amount_wan'].map((key) => t1.values.get(key)?.text)).toEqual([
      '减3', '增35', '0', '减1', '269.35',
    ]);
    expect(t1.values.get('license_delta')?.value).toBe(-3);
    expect(tableOf(document, 't2').values.size).toBe(161);
  });

  it('drafts a preamble and the sentences before the tables for a new report, citing the 2019 format', () => {
    const paragraphs = document.blocks.filter((block): block is Extract<Block, { kind: 'paragraph' }> => block.kind === 'paragraph').map((b) => b.text);
    expect(paragraphs[0]).toContain('《中华人民共和国政府信息公开工作年度报告格式（试行）》（国办公开办函〔2019〕60号）');
    expect(paragraphs[0]).toContain('统计期限自2020年1月1日起至2020年12月31日止');
    expect(paragraphs).toContain(
      '2020年，本机关新公开规范性文件3件，作出行政许可处理决定2982件、其他对外管理服务事项处理决定117件、行政处罚处理决定648件、行政强制处理决定9件，政府集中采购项目8个、采购总金额269.35万元，主动公开政府信息情况如下表。',
    );
  });

  it('drafts nothing for a report reproduced as published', () => {
    const reproduced = composeReport(reportV2019.parse(parse(published(v2019().text()))), v2019Format);
    const between = (from: string) => {
      const start = reproduced.blocks.findIndex((block) => block.kind === 'heading' && block.text === from);
      return reproduced.blocks[start + 1]!.kind;
    };
    expect(reproduced.blocks[1]!.kind).toBe('heading');
    expect([between('二、主动公开政府信息情况'), between('三、收到和处理政府信息公开申请情况'), between('四、政府信息公开行政复议、行政诉讼情况')]).toEqual([
      'table', 'table', 'table',
    ]);
  });
});

describe('the legacy format', () => {
  const document = composeReport(reportLegacy.parse(legacy().data()), legacyFormat);

  it('composes the free parts, the signature, then the statistics table as an attachment on a new page', () => {
    expect(kinds(document)).toEqual([
      'title',
      'h1 一、概述', 'paragraph',
      'h1 二、主动公开政府信息情况', 'paragraph',
      'h1 三、依申请公开政府信息情况', 'paragraph',
      'h1 四、政府信息公开的收费及减免情况', 'paragraph',
      'h1 五、因政府信息公开申请行政复议、提起行政诉讼情况', 'paragraph',
      'h1 六、政府信息公开工作存在的主要问题及改进情况', 'paragraph',
      'h1 七、其他需要报告的事项', 'paragraph',
      'signature',
      'pageBreak',
      'paragraph',
      'title',
      'paragraph',
      'table stats',
      'paragraph',
      'paragraph',
    ]);
    const [label, title, unit] = document.blocks.slice(-6);
    expect(label).toEqual({ kind: 'paragraph', text: '附件', style: 'attachment' });
    expect(title).toEqual({ kind: 'title', lines: ['2017年度某某县某某镇人民政府', '政府信息公开工作统计表'] });
    expect(unit).toEqual({ kind: 'paragraph', text: '填报单位（盖章）：', style: 'flush-left' });
    expect(document.meta).toMatchObject({ formatId: 'legacy', title: '某某县某某镇人民政府2017年政府信息公开工作年度报告', signatureDate: '2018-03-20' });
  });

  it('prints amounts with the configured decimals and picks the grid of the chosen units', () => {
    expect(tableOf(document, 'stats').values.get('L8_4')?.text).toBe('5.00');
    expect(composeReport(reportLegacy.parse(legacy().data()), legacyFormat, { wanDecimals: 0 }).blocks.some((b) => b.kind === 'table' && b.values.get('L8_4')?.text === '5')).toBe(true);
    const sparse = composeReport(reportLegacy.parse(legacy().set(['statistics', 'units'], '仅万元人次').data()), legacyFormat);
    expect(tableOf(sparse, 'stats-sparse')).toBeDefined();
  });

  it('numbers nested sub-parts by level and keeps a report without statistics to its narrative', () => {
    const report = reportLegacy.parse({
      year: 2016,
      organization: { name: '某某区' },
      title: ['2016年某某区', '政务公开工作报告'],
      sections: [{ heading: '总体', body: [{ heading: '组织', body: [{ heading: '机构', body: [{ heading: '人员', body: ['正文。'] }] }] }] }],
    });
    expect(kinds(composeReport(report, legacyFormat))).toEqual(['title', 'h1 一、总体', 'h2 （一）组织', 'h3 1.机构', 'h4 （1）人员', 'paragraph']);
  });
});

describe('the attachment label (document model: paragraph style `attachment`)', () => {
  it('is written with @attachment; an empty one prints nothing', () => {
    const context = { source: 'test', table: () => ({ kind: 'pageBreak' }) as Block };
    expect(parseMarkup('@attachment 附件2\n@attachment\n', context)).toEqual([{ kind: 'paragraph', text: '附件2', style: 'attachment' }]);
  });

  it('is 黑体, flush left with no indent, followed by an empty line so the title stands on the third line (GB/T 9704)', async () => {
    const document = composeReport(reportLegacy.parse(legacy().data()), legacyFormat);
    const pkg = await openDocx(await renderDocx(document));
    const paragraphs = bodyParagraphs(pkg);
    const index = paragraphs.findIndex((p) => paragraphStyleId(p) === 'AttachmentLabel');
    const label = paragraphs[index]!;
    expect(textOf(label)).toBe('附件');
    expect(eastAsiaFont(pkg, label)).toBe('黑体');
    expect(alignment(pkg, label)).toBe('left');
    expect(paragraphAttr(pkg, label, 'w:ind', 'firstLineChars') ?? '0').toBe('0');
    expect(textOf(paragraphs[index + 1]!)).toBe('');
    expect(paragraphStyleId(paragraphs[index + 2]!)).toBe('Title');
    // The page break comes before the label (carried by the label paragraph itself).
    expect(isOn(paragraphProperty(pkg, label, 'w:pageBreakBefore'))).toBe(true);
  });
});
