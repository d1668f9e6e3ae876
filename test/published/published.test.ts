/**
 * Published mode (`source: published`) for the 2021 and 2019 formats, and
 * run-in sub-headings (`{heading, text}`) in every mode. Fixtures: real
 * reports copied from test/fixtures/published (see the comments at the top of
 * test/published/fixtures/*.yaml).
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import type { ParagraphBlock, ReportDocument } from '../../src/document/model.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { resolveFonts } from '../../src/fonts/resolve.js';
import type { FormatDefinition } from '../../src/formats/format.js';
import { renderDocx, DEFAULT_DOCX_FONTS } from '../../src/render/docx.js';
import { renderPdf } from '../../src/render/pdf.js';
import { PAGE } from '../../src/render/pdf/layout.js';
import { renderXlsx } from '../../src/render/xlsx.js';
import { aggregateUnits } from '../../src/aggregate/aggregate.js';
import { readUnitBytes } from '../../src/aggregate/units.js';
import { builtInFormats } from '../../src/formats/index.js';
import { importWorkbook } from '../../src/import/xlsx-import.js';
import { loadFromData } from '../../src/io/load.js';
import { validateLoaded, validateReportText, type Diagnostic } from '../../src/validate/index.js';
import { cli, listAll, tempDir } from '../helpers/cli.js';
import { bodyParagraphs, descendants, eastAsiaFont, openDocx, paragraphStyleId, textOf, W_NS } from '../helpers/docx-xml.js';
import { inspectPdf, type InspectedPdf, type PdfGlyph } from '../fonts/support/pdf-inspect.js';
import { readWithExcelJs } from '../xlsx/helpers.js';

const PINGTAN = path.resolve('test/published/fixtures/pingtan-2023.yaml');
const HONGZE = path.resolve('test/published/fixtures/hongze-2024.yaml');
const pingtanText = readFileSync(PINGTAN, 'utf8');
const hongzeText = readFileSync(HONGZE, 'utf8');

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`no line with ${needle}`);
  return index + 1;
}

function replaceLine(text: string, needle: string, replacement: string): string {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`no line with ${needle}`);
  lines[index] = replacement;
  return lines.join('\n');
}

const errors = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.severity === 'error');

function compose(text: string, file: string): ReportDocument {
  const result = validateReportText(text, file);
  expect(errors(result.diagnostics)).toEqual([]);
  return composeReport(result.report, result.format as FormatDefinition<unknown>);
}

const allText = (document: ReportDocument) =>
  document.blocks
    .map((block) =>
      block.kind === 'paragraph' ? `${block.lead?.text ?? ''}${block.text}` : block.kind === 'heading' ? block.text : block.kind === 'title' ? block.lines.join('') : '',
    )
    .join('\n');

// ------------------------------------------------------------------ schema and messages

describe('published data files: what the schema accepts', () => {
  it('validates the real reports as published: no signature, an own title and preamble, 6 decimals, one-row （六）其他处理', () => {
    const pingtan = validateReportText(pingtanText, 'pingtan-2023.yaml');
    expect(errors(pingtan.diagnostics)).toEqual([]);
    expect(pingtan.format?.id).toBe('v2021');
    const hongze = validateReportText(hongzeText, 'hongze-2024.yaml');
    expect(errors(hongze.diagnostics)).toEqual([]);
    const other = hongze.diagnostics.find((d) => d.code === 'V21-T2-OTHER');
    expect(other).toMatchObject({ severity: 'warning', start: { line: lineOf(hongzeText, '    other:') } });
    expect(other?.message).toContain('「（六）其他处理」写成了一行');
  });

  it('keeps the signature and its date required when the report is not published (today’s messages)', () => {
    const generated = pingtanText.replace('source: published\n', '');
    const missing = validateReportText(generated, 'x.yaml').diagnostics.find((d) => d.code === 'SCHEMA-MISSING');
    expect(missing).toMatchObject({ severity: 'error', path: ['signature'] });
    expect(missing?.message).toBe('缺少必填项 "signature"（落款）');
    const noDate = validateReportText(`${generated}signature:\n  name: 平潭综合实验区管委会\n`, 'x.yaml').diagnostics.find(
      (d) => d.code === 'SCHEMA-MISSING',
    );
    expect(noDate).toMatchObject({ path: ['signature', 'date'] });
    expect(noDate?.message).toMatch(/^缺少必填项 "signature\.date"（成文日期/);
    // Published: a name without a date is fine.
    expect(errors(validateReportText(`${pingtanText}signature:\n  name: 平潭综合实验区管委会办公室\n`, 'x.yaml').diagnostics)).toEqual([]);
  });

  it('refuses an amount with 7 decimals, naming the cell as printed with its line and column', () => {
    const text = replaceLine(pingtanText, 'fee_amount_wan:', '    fee_amount_wan: 5949.0886671');
    const [problem] = errors(validateReportText(text, 'x.yaml').diagnostics);
    expect(problem).toMatchObject({ code: 'G-03', start: { line: lineOf(text, 'fee_amount_wan:'), column: 21 } });
    expect(problem?.message).toBe(
      '「二、主动公开政府信息情况」表「行政事业性收费」行「本年收费金额（单位：万元）」列为 5949.0886671：' +
        '金额以万元为单位，最多保留 4 位小数（0.0001 万元即 1 元）；按已发布的原文重现（source: published）时最多 6 位',
    );
  });

  it('holds a report being written to 4 decimals with today’s message', () => {
    const text = replaceLine(pingtanText.replace('source: published\n', ''), 'fee_amount_wan:', '    fee_amount_wan: 5949.08866') +
      'signature:\n  date: 2024-01-20\n';
    const [problem] = errors(validateReportText(text, 'x.yaml').diagnostics);
    expect(problem).toMatchObject({ code: 'G-03', start: { line: lineOf(text, 'fee_amount_wan:') } });
    expect(problem?.message).toBe(
      '「二、主动公开政府信息情况」表「行政事业性收费」行「本年收费金额（单位：万元）」列为 5949.08866：金额以万元为单位，最多保留 4 位小数（0.0001 万元即 1 元）',
    );
  });

  it('refuses a negative amount', () => {
    const text = replaceLine(pingtanText, 'fee_amount_wan:', '    fee_amount_wan: -5949.088667');
    const [problem] = errors(validateReportText(text, 'x.yaml').diagnostics);
    expect(problem).toMatchObject({ code: 'G-03', start: { line: lineOf(text, 'fee_amount_wan:') } });
    expect(problem?.message).toContain('金额不能为负数');
  });

  it('refuses a title without the report year, naming the field', () => {
    const text = replaceLine(pingtanText, 'title:', 'title: 平潭综合实验区政府信息公开工作年度报告');
    const [problem] = errors(validateReportText(text, 'x.yaml').diagnostics);
    expect(problem).toMatchObject({ path: ['title'], start: { line: lineOf(text, 'title:'), column: 8 } });
    expect(problem?.message).toMatch(/^"title"（报告标题.*标题中没有报告年度“2023年”（可写作“2023年”或“2023年度”）/);
    // “2023年度” and a title given as lines are fine.
    const lines = replaceLine(pingtanText, 'title:', 'title: [平潭综合实验区2023年度, 政府信息公开工作年度报告]');
    expect(errors(validateReportText(lines, 'x.yaml').diagnostics)).toEqual([]);
  });

  it('refuses a run-in heading with empty text, at that position', () => {
    const text = pingtanText.replace(/      text: '平潭综合实验区切实[^\n]*/u, "      text: '  '");
    const [problem] = errors(validateReportText(text, 'x.yaml').diagnostics);
    expect(problem).toMatchObject({ path: ['narrative', 'overview', 1, 'text'], start: { line: lineOf(text, "text: '  '"), column: 13 } });
    expect(problem?.message).toContain('小标题“主动公开方面”后的正文为空：要把小标题单独成行，请删去 text，正文写在 body 里');
  });

  it('refuses writing （六）其他处理 both ways', () => {
    const text = hongzeText.replace(
      '    other:  ',
      '    other_other:       { np: 0, biz: 0, res: 0, ngo: 0, law: 0, oth: 0, tot: 0 }\n    other:  ',
    );
    const [problem] = errors(validateReportText(text, 'x.yaml').diagnostics);
    expect(problem).toMatchObject({ path: ['tables', 'requests', 'other_other'], start: { line: lineOf(text, 'other_other:') } });
    expect(problem?.message).toContain('（六）其他处理已写成一行 other');
  });

  it('writes nothing for any of these inputs', async () => {
    const bad = [
      replaceLine(pingtanText, 'fee_amount_wan:', '    fee_amount_wan: 5949.0886671'),
      replaceLine(pingtanText, 'fee_amount_wan:', '    fee_amount_wan: -1'),
      replaceLine(pingtanText, 'title:', 'title: 平潭综合实验区政府信息公开工作年度报告'),
      pingtanText.replace(/      text: '平潭综合实验区切实[^\n]*/u, "      text: ''"),
    ];
    for (const [i, text] of bad.entries()) {
      const input = await tempDir();
      const out = await tempDir();
      const file = path.join(input, `bad-${i}.yaml`);
      await writeFile(file, text);
      const run = await cli(['build', file, '--to', 'docx,pdf,xlsx', '-o', out]);
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(`${run.stdout}\n${run.stderr}`).toMatch(new RegExp(`bad-${i}\\.yaml:\\d+:\\d+ 错误`));
      expect(await listAll(out)).toEqual([]);
    }
  }, 120_000);
});

// ------------------------------------------------------------------ composition

describe('a published report composed', () => {
  let pingtan: ReportDocument;
  let hongze: ReportDocument;
  beforeAll(() => {
    pingtan = compose(pingtanText, 'pingtan-2023.yaml');
    hongze = compose(hongzeText, 'hongze-2024.yaml');
  });

  it('prints its own title and preamble, and no drafted sentence, fee sentence or signature', () => {
    expect(pingtan.blocks[0]).toEqual({ kind: 'title', lines: ['平潭综合实验区2023年度', '政府信息公开工作年度报告'] });
    expect(pingtan.meta.title).toBe('平潭综合实验区2023年度政府信息公开工作年度报告');
    const text = allText(pingtan);
    expect(text).toContain('本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号');
    for (const drafted of ['主动公开政府信息情况如下表', '具体情况如下表', '本机关新收', '由平潭综合实验区管委会编制', '收取信息处理费，共计', '未收取信息处理费']) {
      expect(text).not.toContain(drafted);
    }
    expect(pingtan.blocks.some((block) => block.kind === 'signature')).toBe(false);
    // Parts 二、三、四 are their heading and their table only.
    const kinds = pingtan.blocks.map((block) => (block.kind === 'heading' ? block.text : block.kind));
    const part2 = kinds.indexOf('二、主动公开政府信息情况');
    expect(kinds.slice(part2, part2 + 6)).toEqual([
      '二、主动公开政府信息情况',
      'table',
      '三、收到和处理政府信息公开申请情况',
      'table',
      '四、政府信息公开行政复议、行政诉讼情况',
      'table',
    ]);
  });

  it('makes a run-in heading one paragraph with a lead', () => {
    const runIns = pingtan.blocks.filter((block): block is ParagraphBlock => block.kind === 'paragraph' && block.lead !== undefined);
    expect(runIns.map((block) => block.lead)).toEqual([
      { level: 2, text: '（一）主动公开方面' },
      { level: 2, text: '（二）依申请公开方面' },
    ]);
    expect(runIns[0]!.text).toMatch(/^平潭综合实验区切实落实国务院办公厅/);
    expect(runIns[0]!.style).toBe('body');
  });

  it('prints amounts with the decimals given', () => {
    const t1 = pingtan.blocks.find((block) => block.kind === 'table' && block.grid.definition.id === 't1');
    expect(t1?.kind === 'table' && t1.values.get('fee_amount_wan')?.text).toBe('5949.088667');
    const h1 = hongze.blocks.find((block) => block.kind === 'table' && block.grid.definition.id === 't1');
    expect(h1?.kind === 'table' && h1.values.get('fee_amount_wan')?.text).toBe('7545');
  });

  it('prints （六）其他处理 as one row when the report did, and （七）总计 sums it', () => {
    const t2 = hongze.blocks.find((block) => block.kind === 'table' && block.grid.definition.id === 't2');
    if (t2?.kind !== 'table') throw new Error('no t2');
    const labels = t2.grid.anchors.filter((a) => a.content.kind === 'label').map((a) => (a.content.kind === 'label' ? a.content.text : ''));
    expect(labels).toContain('（六）其他处理');
    expect(labels.some((label) => label.startsWith('1.申请人无正当理由逾期不补正'))).toBe(false);
    expect(t2.values.get('other.tot')).toEqual({ value: 0, text: '0' });
    const totalRule = hongze.balances.find((rule) => rule.code === 'V21-T2-02' && rule.left.some((term) => term.key.join('.') === 'total.tot'));
    expect(totalRule?.right.map((term) => term.key[0])).toContain('other');
  });

  it('checks （七）总计 against the one row: a real report’s three sub-rows summed into `other`', () => {
    // 平潭 2023 printed 1 + 0 + 1 in the sub-rows; written as one row of 2, the totals still hold.
    const oneRow = pingtanText
      .replace(/    other_nocorrect:[^\n]*\n    other_nofee:[^\n]*\n    other_other:[^\n]*\n/u, '    other:             { np: 2, biz: 0, res: 0, ngo: 0, law: 0, oth: 0, tot: 2 }\n');
    expect(oneRow).not.toBe(pingtanText);
    const valid = validateReportText(oneRow, 'x.yaml');
    expect(errors(valid.diagnostics)).toEqual([]);
    expect(valid.diagnostics.filter((d) => d.code.startsWith('V21-T2-0'))).toEqual([]);
    // One short: （七）总计 no longer equals （一）至（六）.
    const short = oneRow.replace('other:             { np: 2, biz: 0, res: 0, ngo: 0, law: 0, oth: 0, tot: 2 }', 'other:             { np: 1, biz: 0, res: 0, ngo: 0, law: 0, oth: 0, tot: 1 }');
    const sums = validateReportText(short, 'x.yaml').diagnostics.filter((d) => d.code === 'V21-T2-02');
    expect(sums.map((d) => d.message)).toEqual([
      '「三、收到和处理政府信息公开申请情况」表「（七）总计」行「自然人」列为 80，但（一）至（六）项之和为 79',
      '「三、收到和处理政府信息公开申请情况」表「（七）总计」行「总计」列为 81，但（一）至（六）项之和为 80',
    ]);
    // The same severity as for the same fault in the three sub-rows (V21-T2-02 is an ERROR in spec §7.2).
    const shortDetailed = pingtanText.replace('other_other:       { np: 1, biz: 0, res: 0, ngo: 0, law: 0, oth: 0, tot: 1 }', 'other_other:       { np: 0, biz: 0, res: 0, ngo: 0, law: 0, oth: 0, tot: 0 }');
    const detailed = validateReportText(shortDetailed, 'x.yaml').diagnostics.filter((d) => d.code === 'V21-T2-02');
    expect(sums.map((d) => d.severity)).toEqual(detailed.map((d) => d.severity));
  });
});

// ------------------------------------------------------------------ DOCX

describe('DOCX of a published report', () => {
  it('sets a run-in heading as one paragraph: a run in the heading font, then the text in the body font', async () => {
    const pkg = await openDocx(await renderDocx(compose(pingtanText, 'pingtan-2023.yaml')));
    const paragraphs = bodyParagraphs(pkg);
    const runIn = paragraphs.filter((p) => textOf(p).startsWith('（一）主动公开方面'));
    expect(runIn).toHaveLength(1);
    const [p] = runIn;
    expect(paragraphStyleId(p!)).toBe('BodyText');
    const runs = descendants(p!, 'w:r');
    expect(runs).toHaveLength(2);
    expect(textOf(runs[0]!)).toBe('（一）主动公开方面');
    expect(textOf(runs[1]!)).toMatch(/^平潭综合实验区切实落实/);
    expect(eastAsiaFont(pkg, p!, runs[0])).toBe(DEFAULT_DOCX_FONTS.heading2);
    expect(eastAsiaFont(pkg, p!, runs[1])).toBe(DEFAULT_DOCX_FONTS.body);
    // No paragraph holds the heading alone.
    expect(paragraphs.filter((q) => textOf(q) === '（一）主动公开方面')).toEqual([]);
    // No signature: the last paragraphs are part 六's text.
    const texts = paragraphs.map(textOf).filter((t) => t !== '');
    expect(texts.at(-1)).toBe('2023年，无收取信息处理费情况。');
    expect(p!.namespaceURI).toBe(W_NS);
  });
});

// ------------------------------------------------------------------ PDF

describe('PDF of a published report', () => {
  let pdf: InspectedPdf;
  const fonts = resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));
  beforeAll(async () => {
    const pingtan = await renderPdf(compose(pingtanText, 'pingtan-2023.yaml'), { fonts, creationDate: new Date('2024-03-08T00:00:00Z') });
    const hongze = await renderPdf(compose(hongzeText, 'hongze-2024.yaml'), { fonts, creationDate: new Date('2024-03-08T00:00:00Z') });
    pdf = await inspectPdf(pingtan.bytes);
    hongzePdf = await inspectPdf(hongze.bytes);
  }, 120_000);
  let hongzePdf: InspectedPdf;

  const text = (doc: InspectedPdf) => doc.pages.map((page) => page.glyphs.filter((g) => g.y < PAGE.height - PAGE.bottom).map((g) => g.char).join('')).join('');

  it('sets the run-in heading and its text on one line, in order, the heading in the heading face', () => {
    const page = pdf.pages.find((candidate) => candidate.glyphs.map((g) => g.char).join('').includes('（一）主动公开方面'))!;
    const chars = page.glyphs.map((g) => g.char).join('');
    const at = chars.indexOf('（一）主动公开方面平潭');
    expect(at).toBeGreaterThanOrEqual(0);
    const heading = page.glyphs.slice(at, at + '（一）主动公开方面'.length);
    const following = page.glyphs.slice(at + '（一）主动公开方面'.length, at + '（一）主动公开方面'.length + 4);
    expect(following.map((g) => g.char).join('')).toBe('平潭综合');
    const baseline = heading[0]!.y;
    for (const glyph of [...heading, ...following]) expect(glyph.y).toBeCloseTo(baseline, 1);
    const xs = [...heading, ...following].map((g) => g.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    const cjk = (glyphs: PdfGlyph[]) => glyphs.filter((g) => /\p{Script=Han}/u.test(g.char));
    for (const glyph of cjk(heading)) expect(glyph.font).toMatch(new RegExp(`\\+${fonts.roles.heading2.face.postscriptName}$`));
    for (const glyph of cjk(following)) expect(glyph.font).toMatch(new RegExp(`\\+${fonts.roles.body.face.postscriptName}$`));
    expect(fonts.roles.heading2.face.postscriptName).not.toBe(fonts.roles.body.face.postscriptName);
  });

  it('prints the amount with the decimals given and no drafted sentence', () => {
    const all = text(pdf);
    expect(all).toContain('5949.088667');
    expect(all).not.toContain('如下表');
    expect(all).not.toContain('本机关新收');
    expect(all).not.toContain('本机关因政府信息公开工作');
    expect(text(hongzePdf)).toContain('7545');
    expect(text(hongzePdf)).not.toContain('7545.00');
  });

  it('prints the one-row （六）其他处理 with its label and numbers', () => {
    const page = hongzePdf.pages.find((candidate) => candidate.glyphs.map((g) => g.char).join('').includes('（六）其他处理'))!;
    const chars = page.glyphs.map((g) => g.char).join('');
    const at = chars.indexOf('（六）其他处理');
    const label = page.glyphs[at]!;
    // The seven numbers of the row sit on the label's line, to its right.
    const row = page.glyphs.filter((g) => Math.abs(g.y - label.y) < 3 && g.x > label.x + 40 && /\d/.test(g.char));
    expect(row.map((g) => g.char).join('')).toBe('0000000');
    expect(chars).not.toContain('申请人无正当理由逾期不补正');
    const total = chars.indexOf('（七）总计');
    expect(total).toBeGreaterThan(at);
  });
});

// ------------------------------------------------------------------ XLSX

describe('XLSX of a published report', () => {
  it('keeps the decimals given and the one-row （六）其他处理', async () => {
    const pingtan = await readWithExcelJs(await renderXlsx(compose(pingtanText, 'pingtan-2023.yaml')));
    const t1 = pingtan.getWorksheet('主动公开情况')!;
    let fee: { value: unknown; numFmt: string | undefined } | undefined;
    t1.eachRow((row) => row.eachCell((cell) => {
      if (cell.value === 5949.088667) fee = { value: cell.value, numFmt: cell.numFmt };
    }));
    expect(fee).toEqual({ value: 5949.088667, numFmt: '0.000000' });

    const hongze = await readWithExcelJs(await renderXlsx(compose(hongzeText, 'hongze-2024.yaml')));
    const t2 = hongze.getWorksheet('收到和处理申请情况')!;
    const rows: unknown[][] = [];
    t2.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const other = rows.find((row) => row.includes('（六）其他处理'));
    expect(other).toBeDefined();
    // Six numbers and the row total as a formula over them.
    const values = other!.filter((value) => typeof value === 'number' || (value !== null && typeof value === 'object' && 'formula' in (value as object)));
    expect(values.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(values[6]).toMatchObject({ formula: expect.stringMatching(/^SUM\(D\d+:I\d+\)$/) });
    expect(rows.some((row) => row.some((value) => typeof value === 'string' && value.startsWith('1.申请人无正当理由')))).toBe(false);
    const hongzeT1 = hongze.getWorksheet('主动公开情况')!;
    let fee7545: string | undefined;
    hongzeT1.eachRow((row) => row.eachCell((cell) => {
      if (cell.value === 7545) fee7545 = cell.numFmt;
    }));
    expect(fee7545).toBe('0');
  });
});

// ------------------------------------------------------------------ generated reports with run-in headings

describe('run-in headings in a report being written', () => {
  const SAMPLE = readFileSync(path.resolve('samples/青禾区人民政府2024年报.yaml'), 'utf8');

  it('compose, with today’s drafts kept', async () => {
    // The sample's first sub-part `heading: 主动公开` with its paragraphs as body; give it a run-in text instead.
    const text = SAMPLE.replace(/    - heading: 主动公开\n/u, '    - heading: 主动公开。\n      text: 全年主动公开政府信息情况见下文。\n');
    expect(text).not.toBe(SAMPLE);
    const document = compose(text, 'sample.yaml');
    const lead = document.blocks.find((block): block is ParagraphBlock => block.kind === 'paragraph' && block.lead !== undefined);
    expect(lead).toMatchObject({ lead: { level: 2, text: '（一）主动公开。' }, text: '全年主动公开政府信息情况见下文。', style: 'body' });
    // The numbering continues: the next sub-part is （二）.
    const next = document.blocks.find((block) => block.kind === 'heading' && block.level === 2);
    expect(next?.kind === 'heading' && next.text.startsWith('（二）')).toBe(true);
    // Drafts are still written for a report being written.
    expect(allText(document)).toContain('本报告根据《中华人民共和国政府信息公开条例》');
    expect(document.blocks.some((block) => block.kind === 'signature')).toBe(true);

    const pkg = await openDocx(await renderDocx(document));
    const p = bodyParagraphs(pkg).find((q) => textOf(q).startsWith('（一）主动公开。'))!;
    expect(textOf(p)).toBe('（一）主动公开。全年主动公开政府信息情况见下文。');
    expect(descendants(p, 'w:r').map((r) => eastAsiaFont(pkg, p, r))).toEqual([DEFAULT_DOCX_FONTS.heading2, DEFAULT_DOCX_FONTS.body]);
  }, 60_000);
});

// ------------------------------------------------------------------ import and aggregate

describe('a published report’s workbook read back', () => {
  it('keeps source: published, the missing signature and the 6 decimals', async () => {
    const bytes = await renderXlsx(compose(pingtanText, 'pingtan-2023.yaml'));
    const imported = importWorkbook(bytes, { formats: builtInFormats.importable, fileName: 'pingtan.xlsx' });
    expect(errors(imported.diagnostics)).toEqual([]);
    expect(imported.data.source).toBe('published');
    expect(imported.data.signature).toBeUndefined();
    expect((imported.data.tables as { proactive: { fee_amount_wan: number } }).proactive.fee_amount_wan).toBe(5949.088667);
    const validation = validateLoaded(loadFromData(imported.data, 'pingtan.xlsx'));
    expect(errors(validation.diagnostics)).toEqual([]);
  }, 60_000);

  it('says why a unit with the one-row （六）其他处理 cannot be summed cell by cell', () => {
    const unit = readUnitBytes('hongze-2024.yaml', new TextEncoder().encode(hongzeText), builtInFormats);
    const other = readUnitBytes('pingtan-2023.yaml', new TextEncoder().encode(pingtanText.replace('year: 2023', 'year: 2024')), builtInFormats);
    const result = aggregateUnits([unit, other], builtInFormats.importable, { organization: '某市人民政府' });
    const problems = result.units[0]!.diagnostics.filter((d) => d.code === 'AGG-LAYOUT');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain('“（六）其他处理”只有一行 other');
    expect(result.units[1]!.diagnostics.filter((d) => d.code === 'AGG-LAYOUT')).toEqual([]);
  });
});

// ------------------------------------------------------------------ the 2019 format

describe('published mode in the 2019 format', () => {
  const V2019 = readFileSync(path.resolve('test/formats/fixtures/valid-v2019.yaml'), 'utf8');

  it('takes a title, no signature, 6 decimals and run-in headings; keeps the signature required otherwise', () => {
    const text = `source: published\ntitle: [某某区人民政府办公室2020年, 政府信息公开工作年度报告]\n${V2019}`
      .replace(/signature:\n  date: 2021-01-25\n/u, '')
      .replace('procure_amount_wan: 269.35', 'procure_amount_wan: 269.351234')
      .replace('    - 本机关认真贯彻落实《中华人民共和国政府信息公开条例》。', '    - heading: 主动公开。\n      text: 本机关认真贯彻落实《中华人民共和国政府信息公开条例》。');
    const document = compose(text, 'v2019.yaml');
    expect(document.meta.formatId).toBe('v2019');
    expect(document.blocks[0]).toEqual({ kind: 'title', lines: ['某某区人民政府办公室2020年', '政府信息公开工作年度报告'] });
    expect(document.blocks.some((block) => block.kind === 'signature')).toBe(false);
    const t1 = document.blocks.find((block) => block.kind === 'table' && block.grid.definition.id === 't1');
    expect(t1?.kind === 'table' && t1.values.get('procure_amount_wan')?.text).toBe('269.351234');
    expect(document.blocks.find((block) => block.kind === 'paragraph' && block.lead)).toMatchObject({
      lead: { level: 2, text: '（一）主动公开。' },
      text: '本机关认真贯彻落实《中华人民共和国政府信息公开条例》。',
    });

    const generated = text.replace('source: published\n', '');
    // Both problems in one run: the signature and the 4 decimals of a report being written.
    const diagnostics = errors(validateReportText(generated, 'v2019.yaml').diagnostics);
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['G-03', 'SCHEMA-MISSING']);
    expect(diagnostics.find((d) => d.code === 'SCHEMA-MISSING')?.message).toBe('缺少必填项 "signature"（落款）');
    const dated = errors(validateReportText(`${generated}signature:\n  date: 2021-01-25\n`, 'v2019.yaml').diagnostics);
    expect(dated.map((d) => d.code)).toEqual(['G-03']);
    expect(dated[0]!.message).toMatch(/为 269\.351234：金额以万元为单位，最多保留 4 位小数（0\.0001 万元即 1 元）$/u);
  });
});

describe('run-in headings in the legacy format', () => {
  it('works in a section body, numbered （一）, and its text may hold further paragraphs', async () => {
    const legacy = readFileSync(path.resolve('test/formats/fixtures/valid-legacy.yaml'), 'utf8');
    const text = legacy.replace(
      '  - heading: 概述\n    body:\n      - 本年度工作情况。\n',
      '  - heading: 概述\n    body:\n      - heading: 主动公开。\n        text: |-\n          本年度主动公开政府信息。\n\n          另起一段。\n',
    );
    expect(text).not.toBe(legacy);
    const document = compose(text, 'legacy.yaml');
    const at = document.blocks.findIndex((block) => block.kind === 'paragraph' && block.lead !== undefined);
    expect(document.blocks.slice(at - 1, at + 2)).toEqual([
      { kind: 'heading', level: 1, text: '一、概述' },
      { kind: 'paragraph', text: '本年度主动公开政府信息。', style: 'body', lead: { level: 2, text: '（一）主动公开。' } },
      { kind: 'paragraph', text: '另起一段。', style: 'body' },
    ]);
  });
});
