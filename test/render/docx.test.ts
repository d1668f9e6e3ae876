import type { Element } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  formatValue,
  valueKey,
  type Block,
  type ReportDocument,
  type ResolvedValue,
  type TableBlock,
} from '../../src/document/model.js';
import { proactiveTableDefinition, requestsTableDefinition, reviewTableDefinition } from '../../src/formats/v2021/tables.js';
import {
  DEFAULT_DOCX_FONTS,
  DOC_GRID,
  MissingTableValueError,
  renderDocx,
  scaleColumnWidths,
  signatureIndents,
  textWidthChars,
} from '../../src/render/docx.js';
import { buildGrid, type TableDefinition, type TableGrid } from '../../src/tables/grid.js';
import { tableSetting } from '../../src/tables/widths.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { GlyphLedger } from '../../src/render/pdf/ledger.js';
import { ViewRegistry } from '../../src/render/pdf/styles.js';
import { prepareTable } from '../../src/render/pdf/table.js';
import {
  alignment,
  attr,
  bodyBlocks,
  bodyParagraphs,
  cellParagraph,
  child,
  descendants,
  eastAsiaFont,
  elements,
  fontSize,
  isOn,
  logicalGrid,
  openDocx,
  paragraphAttr,
  paragraphProperty,
  paragraphStyleId,
  runAttr,
  sectionProperties,
  style,
  tables,
  textOf,
  type DocxPackage,
} from '../helpers/docx-xml.js';

// ------------------------------------------------------------------ fixture

/** The bundled faces, for the PDF's view of a table. */
const PDF_FONTS = resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));

/** A table block whose every value cell holds a distinct number: base, base+1, … */
function tableBlock(definition: TableDefinition, base: number): TableBlock {
  const grid = buildGrid(definition);
  const values = new Map<string, ResolvedValue>();
  grid.valueCells.forEach((cell, i) => {
    const value = base + i;
    values.set(valueKey(cell.content.key), { value, text: formatValue(value, cell.content.format) });
  });
  return { kind: 'table', grid, values };
}

const SPECIAL = 'A&B <c> 😀 𠀀';
const LONG = '本机关坚持以公开为常态、不公开为例外，严格落实政府信息公开条例各项要求，持续深化决策、执行、管理、服务、结果公开，'
  .repeat(12)
  .slice(0, 600);

const T1 = tableBlock(proactiveTableDefinition, 101);
const T2 = tableBlock(requestsTableDefinition, 1001);
const T3 = tableBlock(reviewTableDefinition, 501);

function sampleDocument(): ReportDocument {
  const blocks: Block[] = [
    { kind: 'title', lines: ['某某市某某区人民政府', '2024年政府信息公开工作年度报告'] },
    { kind: 'paragraph', text: '根据《中华人民共和国政府信息公开条例》要求，编制本报告。' },
    { kind: 'heading', level: 1, text: '一、总体情况' },
    { kind: 'heading', level: 2, text: '（一）主动公开' },
    { kind: 'paragraph', text: LONG },
    { kind: 'heading', level: 3, text: '1.制度建设' },
    { kind: 'heading', level: 4, text: '（1）特殊字符' },
    { kind: 'paragraph', text: SPECIAL },
    { kind: 'heading', level: 1, text: '二、主动公开政府信息情况' },
    T1,
    { kind: 'heading', level: 1, text: '三、收到和处理政府信息公开申请情况' },
    T2,
    { kind: 'heading', level: 1, text: '四、政府信息公开行政复议、行政诉讼情况' },
    T3,
    { kind: 'heading', level: 1, text: '六、其他需要报告的事项' },
    { kind: 'paragraph', text: '本年度未收取信息处理费。' },
    { kind: 'signature', names: ['某某市某某区人民政府'], date: '2025年1月20日' },
    { kind: 'pageBreak' },
    { kind: 'paragraph', text: '附件', style: 'flush-left' },
  ];
  return {
    meta: {
      title: '某某市某某区人民政府2024年政府信息公开工作年度报告 & <副本>',
      organization: '某某市某某区人民政府',
      year: 2024,
      formatId: 'v2021',
      formatName: '国办公开办函〔2021〕30号',
      signatureDate: '2025-01-20',
      language: 'zh-CN',
    },
    blocks,
    // The DOCX emitter prints tables only; the 勾稽 rules matter to the XLSX 校验 sheet.
    balances: [],
  };
}

let pkg: DocxPackage;
beforeAll(async () => {
  pkg = await openDocx(await renderDocx(sampleDocument()));
});

const paragraphsWithStyle = (id: string) => bodyParagraphs(pkg).filter((p) => paragraphStyleId(p) === id);
const paragraphWithText = (text: string) => {
  const found = bodyParagraphs(pkg).find((p) => textOf(p) === text);
  if (!found) throw new Error(`no paragraph reads ${text}`);
  return found;
};
const num = (value: string | undefined) => (value === undefined ? undefined : Number(value));

// ------------------------------------------------------------------ page

describe('page geometry (spec §6.2, §6.3)', () => {
  it('is A4 with the GB/T 9704 margins and a 25 mm footer distance', () => {
    const sectPr = sectionProperties(pkg);
    const pgSz = child(sectPr, 'w:pgSz');
    expect([num(attr(pgSz, 'w')), num(attr(pgSz, 'h'))]).toEqual([11906, 16838]);
    const pgMar = child(sectPr, 'w:pgMar');
    expect({
      top: num(attr(pgMar, 'top')),
      bottom: num(attr(pgMar, 'bottom')),
      left: num(attr(pgMar, 'left')),
      right: num(attr(pgMar, 'right')),
      footer: num(attr(pgMar, 'footer')),
      gutter: num(attr(pgMar, 'gutter')),
    }).toEqual({ top: 2098, bottom: 1984, left: 1587, right: 1474, footer: 1417, gutter: 0 });
    expect(11906 - 1587 - 1474).toBe(8845);
  });

  it('puts lines on a 579-twip grid and sets 3号 text 0.25 pt tight, so 28 characters fill a line', () => {
    const grid = child(sectionProperties(pkg), 'w:docGrid');
    expect(attr(grid, 'type')).toBe('lines');
    expect(num(attr(grid, 'linePitch'))).toBe(579);
    // 28 × (16 − 0.25) pt = 441 pt ≤ 442.25 pt < 29 × 15.75 pt
    const body = paragraphWithText(LONG);
    expect(num(runAttr(pkg, body, 'w:spacing', 'val'))).toBe(-5);
    expect(28 * (320 - 5)).toBeLessThanOrEqual(8845);
    expect(29 * (320 - 5)).toBeGreaterThan(8845);
    expect(paragraphAttr(pkg, body, 'w:spacing', 'line')).toBe('579');
    expect(paragraphAttr(pkg, body, 'w:spacing', 'lineRule')).toBe('exact');
  });

  it('has no mirrored margins unless asked for', async () => {
    expect(descendants(pkg.settings.documentElement!, 'w:mirrorMargins')).toHaveLength(0);
    const mirrored = await openDocx(await renderDocx(sampleDocument(), { mirrorMargins: true }));
    expect(descendants(mirrored.settings.documentElement!, 'w:mirrorMargins')).toHaveLength(1);
  });
});

// ------------------------------------------------------------------ styles

describe('fonts and paragraph styles (spec §6.4)', () => {
  it('defaults to 3号 仿宋 with Times New Roman for Latin, the eastAsia hint, zh-CN and black', () => {
    const defaults = child(child(child(pkg.styles.documentElement!, 'w:docDefaults'), 'w:rPrDefault'), 'w:rPr');
    const normal = child(style(pkg, 'Normal'), 'w:rPr');
    for (const rPr of [defaults, normal]) {
      const fonts = child(rPr, 'w:rFonts');
      expect({
        ascii: attr(fonts, 'ascii'),
        hAnsi: attr(fonts, 'hAnsi'),
        eastAsia: attr(fonts, 'eastAsia'),
        hint: attr(fonts, 'hint'),
      }).toEqual({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312', hint: 'eastAsia' });
      expect(attr(child(rPr, 'w:sz'), 'val')).toBe('32');
      expect(attr(child(rPr, 'w:lang'), 'val')).toBe('en-US');
      expect(attr(child(rPr, 'w:lang'), 'eastAsia')).toBe('zh-CN');
      expect(attr(child(rPr, 'w:color'), 'val')).toBe('000000');
    }
    expect(attr(style(pkg, 'Normal'), 'default')).toBe('1');
  });

  it('writes w:overflowPunct on in the paragraph defaults (LibreOffice then does not hang 、，past the margin)', () => {
    const defaults = child(child(child(pkg.styles.documentElement!, 'w:docDefaults'), 'w:pPrDefault'), 'w:pPr');
    const overflow = child(defaults, 'w:overflowPunct');
    expect(overflow).toBeDefined();
    expect(isOn(overflow)).toBe(true);
    // CT_PPrBase order: overflowPunct before spacing.
    const names = Array.from((defaults?.childNodes ?? []) as ArrayLike<{ nodeName: string }>).map((node) => node.nodeName);
    expect(names.indexOf('w:overflowPunct')).toBeLessThan(names.indexOf('w:spacing'));
  });

  it('sets the title in 2号 小标宋, centred, one paragraph per line, then one empty line', () => {
    const titles = paragraphsWithStyle('Title');
    expect(titles.map(textOf)).toEqual(['某某市某某区人民政府', '2024年政府信息公开工作年度报告']);
    for (const p of titles) {
      expect(eastAsiaFont(pkg, p)).toBe('方正小标宋简体');
      expect(fontSize(pkg, p)).toBe(44);
      expect(alignment(pkg, p)).toBe('center');
      expect(isOn(paragraphProperty(pkg, p, 'w:b'))).toBe(false);
    }
    const blocks = bodyBlocks(pkg);
    const after = blocks[blocks.indexOf(titles[1]!) + 1]!;
    expect(textOf(after)).toBe('');
    expect(paragraphStyleId(blocks[blocks.indexOf(titles[1]!) + 2]!)).toBe('BodyText');
  });

  it('justifies body paragraphs with a two-character first-line indent and no extra spacing', () => {
    for (const p of paragraphsWithStyle('BodyText')) {
      expect(alignment(pkg, p)).toBe('both');
      expect(paragraphAttr(pkg, p, 'w:ind', 'firstLineChars')).toBe('200');
      expect(paragraphAttr(pkg, p, 'w:ind', 'firstLine')).toBe('640');
      expect(paragraphAttr(pkg, p, 'w:spacing', 'before')).toBe('0');
      expect(paragraphAttr(pkg, p, 'w:spacing', 'after')).toBe('0');
      expect(eastAsiaFont(pkg, p)).toBe('仿宋_GB2312');
      expect(fontSize(pkg, p)).toBe(32);
    }
    expect(paragraphsWithStyle('BodyText').length).toBeGreaterThanOrEqual(4);
  });

  it('sets headings as Word headings with outline levels in 黑体, 楷体, 仿宋, 仿宋, 3号, not bold, indented', () => {
    const expected = [
      ['Heading1', '一、总体情况', '黑体'],
      ['Heading2', '（一）主动公开', '楷体_GB2312'],
      ['Heading3', '1.制度建设', '仿宋_GB2312'],
      ['Heading4', '（1）特殊字符', '仿宋_GB2312'],
    ] as const;
    expected.forEach(([id, text, font], level) => {
      const p = paragraphWithText(text);
      expect(paragraphStyleId(p)).toBe(id);
      expect(attr(child(style(pkg, id), 'w:name'), 'val')).toBe(`heading ${level + 1}`);
      expect(attr(paragraphProperty(pkg, p, 'w:outlineLvl'), 'val')).toBe(String(level));
      expect(eastAsiaFont(pkg, p)).toBe(font);
      expect(runAttr(pkg, p, 'w:rFonts', 'ascii')).toBe('Times New Roman');
      expect(fontSize(pkg, p)).toBe(32);
      expect(isOn(child(child(style(pkg, id), 'w:rPr'), 'w:b'))).toBe(false);
      expect(paragraphAttr(pkg, p, 'w:ind', 'firstLineChars')).toBe('200');
      expect(alignment(pkg, p)).toBe('both');
      expect(isOn(paragraphProperty(pkg, p, 'w:keepNext'))).toBe(true);
    });
  });

  it('takes other fonts from the options, escaped, without touching later renders', async () => {
    const custom = await openDocx(
      await renderDocx(sampleDocument(), { fonts: { title: 'Noto Serif CJK SC & Co', heading1: 'SimHei' } }),
    );
    const title = bodyParagraphs(custom).find((p) => paragraphStyleId(p) === 'Title')!;
    expect(eastAsiaFont(custom, title)).toBe('Noto Serif CJK SC & Co');
    expect(eastAsiaFont(custom, bodyParagraphs(custom).find((p) => textOf(p) === '一、总体情况')!)).toBe('SimHei');
    expect(eastAsiaFont(custom, bodyParagraphs(custom).find((p) => textOf(p) === '（一）主动公开')!)).toBe(
      DEFAULT_DOCX_FONTS.heading2,
    );
    const again = await openDocx(await renderDocx(sampleDocument()));
    expect(again.xml.get('word/styles.xml')).toBe(pkg.xml.get('word/styles.xml'));
    expect(again.xml.get('word/document.xml')).toBe(pkg.xml.get('word/document.xml'));
  });
});

// ------------------------------------------------------------------ text

describe('text content', () => {
  it('keeps & < > emoji and rare CJK intact as valid XML', () => {
    const p = paragraphWithText(SPECIAL);
    expect(textOf(p)).toBe('A&B <c> 😀 𠀀');
    const raw = pkg.xml.get('word/document.xml')!;
    expect(raw).toContain('A&amp;B &lt;c&gt; 😀 𠀀');
    expect([...textOf(p)].filter((c) => c.codePointAt(0)! > 0xffff)).toEqual(['😀', '𠀀']);
  });

  it('sets the document properties: title and language', () => {
    const core = pkg.core.documentElement!;
    expect(descendants(core, 'dc:title')[0]?.textContent).toBe(
      '某某市某某区人民政府2024年政府信息公开工作年度报告 & <副本>',
    );
    expect(descendants(core, 'dc:language')[0]?.textContent).toBe('zh-CN');
    expect(attr(child(pkg.settings.documentElement!, 'w:themeFontLang'), 'eastAsia')).toBe('zh-CN');
  });

  it('starts the block after a page break on a new page', () => {
    const p = paragraphWithText('附件');
    expect(isOn(child(child(p, 'w:pPr'), 'w:pageBreakBefore'))).toBe(true);
    expect(alignment(pkg, p)).toBe('both');
    expect(paragraphAttr(pkg, p, 'w:ind', 'firstLine') ?? '0').toBe('0');
  });

  it('breaks before a table in a paragraph of its own, and keeps touching tables apart', async () => {
    const doc = sampleDocument();
    doc.blocks = [{ kind: 'pageBreak' }, T1, T3];
    const out = await openDocx(await renderDocx(doc));
    const blocks = bodyBlocks(out);
    // Page-break paragraph, T1, a separating paragraph, T3, and a closing paragraph (Word ends a body with one).
    expect(blocks.map((b) => b.nodeName)).toEqual(['w:p', 'w:tbl', 'w:p', 'w:tbl', 'w:p']);
    expect(isOn(child(child(blocks[0]!, 'w:pPr'), 'w:pageBreakBefore'))).toBe(true);
    expect(textOf(blocks[2]!)).toBe('');
  });
});

// ------------------------------------------------------------------ tables

const TABLES: [string, TableBlock][] = [
  ['T1', T1],
  ['T2', T2],
  ['T3', T3],
];

function xmlTable(block: TableBlock): Element {
  const index = [T1, T2, T3].indexOf(block);
  const tbl = tables(pkg)[index];
  if (!tbl) throw new Error(`table ${index} missing`);
  return tbl;
}

function expectedText(block: TableBlock, grid: TableGrid, row: number, col: number): string {
  const { content } = grid.at(row, col).cell;
  return content.kind === 'label' ? content.text : block.values.get(valueKey(content.key))!.text;
}

describe('tables (spec §3.3–3.5, §6.7)', () => {
  it('renders the three tables in order', () => {
    expect(tables(pkg)).toHaveLength(3);
  });

  it.each(TABLES)('%s: the logical grid rebuilt from gridSpan/vMerge matches grid.at() everywhere', (_, block) => {
    const { grid } = block;
    const { rows, cols } = grid.definition;
    const logical = logicalGrid(xmlTable(block));
    expect(logical).toHaveLength(rows);
    for (let r = 0; r < rows; r++) {
      expect(logical[r], `row ${r}`).toHaveLength(cols);
      for (let c = 0; c < cols; c++) {
        const expected = grid.at(r, c).cell;
        const actual = logical[r]![c]!;
        expect(
          { row: actual.row, col: actual.col, rowSpan: actual.rowSpan, colSpan: actual.colSpan, text: actual.text },
          `(${r},${c})`,
        ).toEqual({
          row: expected.row,
          col: expected.col,
          rowSpan: expected.rowSpan,
          colSpan: expected.colSpan,
          text: expectedText(block, grid, expected.row, expected.col),
        });
      }
    }
  });

  it.each(TABLES)('%s: every value lands in its cell, each number once', (_, block) => {
    const logical = logicalGrid(xmlTable(block));
    const printed: string[] = [];
    for (const cell of block.grid.valueCells) {
      const text = logical[cell.row]![cell.col]!.text;
      expect(text).toBe(block.values.get(valueKey(cell.content.key))!.text);
      printed.push(text);
    }
    expect(new Set(printed).size).toBe(block.grid.valueCells.length);
  });

  it.each(TABLES)('%s: every label is printed in the lines of the table setting, none of a single character', (_, block) => {
    const setting = tableSetting(block.grid, (cell) => block.values.get(valueKey(cell.content.key))?.text);
    const logical = logicalGrid(xmlTable(block));
    for (const anchor of block.grid.anchors) {
      if (anchor.content.kind !== 'label') continue;
      const { lines } = logical[anchor.row]![anchor.col]!;
      expect(lines, anchor.content.text).toEqual(setting.labelLines(anchor));
      if (lines.length > 1) for (const line of lines) expect([...line].length, `${anchor.content.text}: ${line}`).toBeGreaterThan(1);
    }
  });

  it('T1: section rows span all four columns, single-value rows merge B–D, no header rows', () => {
    const logical = logicalGrid(xmlTable(T1));
    for (const row of [0, 4, 7, 11]) {
      expect(logical[row]![0]!).toMatchObject({ colSpan: 4, text: expect.stringMatching(/^第二十条第（[一五六八]）项$/) });
    }
    for (const row of [5, 6, 8, 9, 10, 12, 13]) expect(logical[row]![1]!.colSpan).toBe(3);
    expect(logical[13]![1]!.text).toBe('110.00');
    expect(logical[1]!.map((cell) => cell.text)).toEqual(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']);
    for (const tr of elements(xmlTable(T1), 'w:tr')) expect(child(child(tr, 'w:trPr'), 'w:tblHeader')).toBeUndefined();
  });

  it('T2: note, 申请人情况 header, the 22-row 三、 label, groups 8/3/5/3 and the label spans', () => {
    const tbl = xmlTable(T2);
    const logical = logicalGrid(tbl);
    const note = logical[0]![0]!;
    expect(note).toMatchObject({ rowSpan: 3, colSpan: 3, text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）' });
    const noteTcPr = child(note.tc, 'w:tcPr');
    expect(attr(child(noteTcPr, 'w:gridSpan'), 'val')).toBe('3');
    expect(attr(child(noteTcPr, 'w:vMerge'), 'val')).toBe('restart');
    // Continuation cells are written explicitly under the note, with the same gridSpan.
    for (const r of [1, 2]) {
      const first = elements(elements(tbl, 'w:tr')[r]!, 'w:tc')[0]!;
      const tcPr = child(first, 'w:tcPr');
      expect(attr(child(tcPr, 'w:gridSpan'), 'val')).toBe('3');
      expect(child(tcPr, 'w:vMerge')).toBeDefined();
      expect(attr(child(tcPr, 'w:vMerge'), 'val') ?? 'continue').toBe('continue');
    }
    expect(logical[0]![3]!).toMatchObject({ colSpan: 7, text: '申请人情况' });
    expect(logical[1]![3]!).toMatchObject({ rowSpan: 2, text: '自然人' });
    expect(logical[1]![4]!).toMatchObject({ colSpan: 5, text: '法人或其他组织' });
    expect(logical[1]![9]!).toMatchObject({ rowSpan: 2, text: '总计' });
    expect(logical[2]!.slice(4, 9).map((c) => c.text)).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);

    const results = logical[5]![0]!;
    expect(results).toMatchObject({ row: 5, rowSpan: 22, colSpan: 1, text: '三、本年度办理结果' });
    expect(logical[26]![0]).toBe(results);
    expect(logical[27]![0]).not.toBe(results);
    const groups = [7, 15, 18, 23].map((row) => logical[row]![1]!);
    expect(groups.map((g) => [g.text, g.rowSpan])).toEqual([
      ['（三）不予公开', 8],
      ['（四）无法提供', 3],
      ['（五）不予处理', 5],
      ['（六）其他处理', 3],
    ]);
    for (const row of [3, 4, 27]) expect(logical[row]![0]!.colSpan).toBe(3);
    expect(logical[3]![0]!.text).toBe('一、本年新收政府信息公开申请数量');
    expect(logical[4]![0]!.text).toBe('二、上年结转政府信息公开申请数量');
    expect(logical[27]![0]!.text).toBe('四、结转下年度继续办理');
    for (const [row, text] of [
      [5, '（一）予以公开'],
      [6, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
      [26, '（七）总计'],
    ] as const) {
      expect(logical[row]![1]!).toMatchObject({ colSpan: 2, rowSpan: 1, text });
    }
    expect(logical[25]![2]!.text).toBe('3.其他');
  });

  it('T3: 行政复议 over A–E, 行政诉讼 over F–O, results merged down in A–E', () => {
    const logical = logicalGrid(xmlTable(T3));
    expect(logical[0]![0]!).toMatchObject({ colSpan: 5, text: '行政复议' });
    expect(logical[0]![5]!).toMatchObject({ colSpan: 10, text: '行政诉讼' });
    expect(logical[1]![5]!).toMatchObject({ colSpan: 5, text: '未经复议直接起诉' });
    expect(logical[1]![10]!).toMatchObject({ colSpan: 5, text: '复议后起诉' });
    const results = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
    expect(logical[1]!.slice(0, 5).map((c) => [c.text, c.rowSpan])).toEqual(results.map((t) => [t, 2]));
    expect(logical[2]!.slice(5, 10).map((c) => c.text)).toEqual(results);
    expect(logical[2]!.slice(10, 15).map((c) => c.text)).toEqual(results);
    expect(logical[3]!.map((c) => c.text)).toEqual(Array.from({ length: 15 }, (_, i) => String(501 + i)));
  });

  it.each(TABLES)('%s: header rows repeat, no row splits, rows as tall and kept together as in the PDF (spec §6.9)', (_, block) => {
    const { headerRows, rows } = block.grid.definition;
    // The PDF's own table: its rows in grid lines and where its pages may break.
    const pdfTable = prepareTable(block, { fonts: PDF_FONTS, views: new ViewRegistry(), ledger: new GlyphLedger() }, 'test');
    const trs = elements(xmlTable(block), 'w:tr');
    expect(trs).toHaveLength(rows);
    trs.forEach((tr, r) => {
      const trPr = child(tr, 'w:trPr');
      expect(isOn(child(trPr, 'w:cantSplit')), `row ${r} cantSplit`).toBe(true);
      expect(isOn(child(trPr, 'w:tblHeader')), `row ${r} tblHeader`).toBe(r < headerRows);
      // The first and the last row give the table's top and bottom rules (10 twips each) their room: LibreOffice sets them outside the rows.
      const rules = (r === 0 ? 10 : 0) + (r === rows - 1 ? 10 : 0);
      expect(attr(child(trPr, 'w:trHeight'), 'val'), `row ${r} height`).toBe(String(pdfTable.rowLines[r]! * DOC_GRID.linePitch - rules));
      // Kept with the next row wherever the PDF may not break. (Where it may, the DOCX may still keep
      // the rows together: its merged labels wrap in its own column widths, 三、本年度办理结果 one
      // character a line, and a label that would not be whole on both sides keeps its rows together.)
      const kept = isOn(child(child(cellParagraph(elements(tr, 'w:tc')[0]!), 'w:pPr'), 'w:keepNext'));
      if (r < rows - 1 && !pdfTable.canBreakBefore(r + 1)) expect(kept, `row ${r} keepNext`).toBe(true);
      if (r === rows - 1) expect(kept, 'last row keepNext').toBe(false);
      for (const tc of elements(tr, 'w:tc')) expect(isOn(child(child(cellParagraph(tc), 'w:pPr'), 'w:keepNext')), `row ${r}, every cell`).toBe(kept);
    });
    // A long table may break somewhere.
    if (rows > headerRows + 6) expect(trs.some((tr, r) => r < rows - 1 && !isOn(child(child(cellParagraph(elements(tr, 'w:tc')[0]!), 'w:pPr'), 'w:keepNext')))).toBe(true);
  });

  it.each(TABLES)('%s: fills the text block with fixed, scaled columns and 0.5 pt rules', (_, block) => {
    const tbl = xmlTable(block);
    const tblPr = child(tbl, 'w:tblPr');
    expect(attr(child(tblPr, 'w:tblW'), 'w')).toBe('8845');
    expect(attr(child(tblPr, 'w:tblW'), 'type')).toBe('dxa');
    expect(attr(child(tblPr, 'w:tblLayout'), 'type')).toBe('fixed');
    const cols = elements(child(tbl, 'w:tblGrid')!, 'w:gridCol').map((c) => Number(attr(c, 'w')));
    const setting = tableSetting(block.grid, (cell) => block.values.get(valueKey(cell.content.key))?.text);
    expect(cols).toEqual(scaleColumnWidths(setting.columns));
    expect(cols.reduce((a, b) => a + b, 0)).toBe(8845);
    const borders = child(tblPr, 'w:tblBorders')!;
    for (const side of ['w:top', 'w:left', 'w:bottom', 'w:right', 'w:insideH', 'w:insideV']) {
      const border = child(borders, side);
      expect([attr(border, 'val'), attr(border, 'sz')], side).toEqual(['single', '4']);
    }
    // Each cell's width is the sum of the columns it spans.
    const logical = logicalGrid(tbl);
    for (const anchor of block.grid.anchors) {
      const cell = logical[anchor.row]![anchor.col]!;
      const width = cols.slice(anchor.col, anchor.col + anchor.colSpan).reduce((a, b) => a + b, 0);
      expect(num(attr(child(child(cell.tc, 'w:tcPr'), 'w:tcW'), 'w'))).toBe(width);
    }
  });

  it.each(TABLES)('%s: 仿宋 at the table size, two lines a grid line off the grid, aligned by role, vertically centred', (_, block) => {
    const size = Math.round(block.grid.definition.fontSizePt * 2);
    expect(size).toBe(block === T1 ? 24 : 21);
    const tableStyle = style(pkg, 'TableText')!;
    expect(attr(child(child(tableStyle, 'w:pPr'), 'w:snapToGrid'), 'val')).toBe('0');
    const logical = logicalGrid(xmlTable(block));
    for (const anchor of block.grid.anchors) {
      const { tc } = logical[anchor.row]![anchor.col]!;
      const p = cellParagraph(tc);
      expect(paragraphStyleId(p)).toBe('TableText');
      expect(fontSize(pkg, p)).toBe(size);
      expect(eastAsiaFont(pkg, p)).toBe('仿宋_GB2312');
      // Two lines to a grid line less the row's two 0.5 pt rules (10 twips each), as in the PDF.
      expect(paragraphAttr(pkg, p, 'w:spacing', 'line')).toBe(String(Math.floor((DOC_GRID.linePitch - 20) / 2)));
      expect(paragraphAttr(pkg, p, 'w:spacing', 'lineRule')).toBe('exact');
      expect(isOn(paragraphProperty(pkg, p, 'w:snapToGrid'))).toBe(false);
      expect(paragraphAttr(pkg, p, 'w:ind', 'firstLine')).toBe('0');
      expect(attr(child(child(tc, 'w:tcPr'), 'w:vAlign'), 'val')).toBe('center');
      const { content } = anchor;
      const expected =
        content.kind === 'value' || content.role === 'header' || content.role === 'note' ? 'center' : 'left';
      expect(alignment(pkg, p), `${content.kind === 'label' ? content.text : content.key.join('.')}`).toBe(expected);
    }
  });

  it('gives continuation cells an empty paragraph at the table size', () => {
    const tbl = xmlTable(T2);
    const continuation = elements(elements(tbl, 'w:tr')[6]!, 'w:tc')[0]!; // under 三、本年度办理结果
    expect(child(child(continuation, 'w:tcPr'), 'w:vMerge')).toBeDefined();
    const p = cellParagraph(continuation);
    expect(textOf(p)).toBe('');
    expect(attr(child(child(child(p, 'w:pPr'), 'w:rPr'), 'w:sz'), 'val')).toBe('21');
  });

  it('writes the same XML with cells and rows reused from earlier renders as with new ones', async () => {
    // Values no other test uses: the first render builds every value cell and row anew.
    const doc = sampleDocument();
    doc.blocks = [tableBlock(requestsTableDefinition, 70001), tableBlock(reviewTableDefinition, 70001)];
    const fresh = (await openDocx(await renderDocx(doc))).xml.get('word/document.xml');
    const other = sampleDocument();
    other.blocks = [tableBlock(requestsTableDefinition, 80001)];
    const otherXml = (await openDocx(await renderDocx(other))).xml.get('word/document.xml')!;
    expect(otherXml).toContain('>80001<');
    expect(otherXml).not.toContain('7000');
    // Rendered again, every cell and row comes from the first render.
    expect((await openDocx(await renderDocx(doc))).xml.get('word/document.xml')).toBe(fresh);
  });

  it('refuses a table with a value missing', async () => {
    const values = new Map(T2.values);
    values.delete('total.np');
    const doc = sampleDocument();
    doc.blocks = [{ ...T2, values }];
    await expect(renderDocx(doc)).rejects.toThrow(MissingTableValueError);
    await expect(renderDocx(doc)).rejects.toThrow(/total\.np.*（七）总计.*自然人/);
  });
});

// ------------------------------------------------------------------ footer

describe('page numbers (spec §6.5)', () => {
  it('turns on different odd and even footers', () => {
    expect(isOn(child(pkg.settings.documentElement!, 'w:evenAndOddHeaders'))).toBe(true);
    expect([...pkg.footers.keys()].sort()).toEqual(['default', 'even']);
  });

  it.each([
    ['default', 'right', 'right'],
    ['even', 'left', 'left'],
  ] as const)('%s footer: — PAGE — in 4号 宋体, %s-aligned, one character in', (type, jc, side) => {
    const footer = pkg.footers.get(type)!;
    const paragraphs = descendants(footer.documentElement!, 'w:p');
    expect(paragraphs).toHaveLength(1);
    const p = paragraphs[0]!;
    // Text, field, text: “— ” PAGE “ —”.
    const parts = descendants(p, 'w:r').map((r) => {
      const fld = child(r, 'w:fldChar');
      if (fld) return `[${attr(fld, 'fldCharType')}]`;
      const instr = child(r, 'w:instrText');
      if (instr) return `{${instr.textContent?.trim()}}`;
      return textOf(r);
    });
    expect(parts).toEqual(['\u2014 ', '[begin]', '{PAGE}', '[separate]', '[end]', ' \u2014']);
    expect(alignment(pkg, p)).toBe(jc);
    const ind = child(child(p, 'w:pPr'), 'w:ind');
    expect(attr(ind, side)).toBe('280');
    const footerStyle = style(pkg, attr(child(child(p, 'w:pPr'), 'w:pStyle'), 'val')!)!;
    const rPr = child(footerStyle, 'w:rPr');
    expect(attr(child(rPr, 'w:rFonts'), 'eastAsia')).toBe('宋体');
    expect(attr(child(rPr, 'w:rFonts'), 'ascii')).toBe('宋体');
    expect(attr(child(rPr, 'w:sz'), 'val')).toBe('28');
  });
});

// ------------------------------------------------------------------ signature

describe('signature and date (spec §6.6)', () => {
  it('puts the name two characters in from the right and the date two characters right of the name', () => {
    const lines = paragraphsWithStyle('Signature');
    expect(lines.map(textOf)).toEqual(['某某市某某区人民政府', '2025年1月20日']);
    const blocks = bodyBlocks(pkg);
    const before = blocks[blocks.indexOf(lines[0]!) - 1]!;
    expect(textOf(before)).toBe(''); // 空一行
    for (const p of lines) {
      expect(alignment(pkg, p)).toBe('right');
      expect(isOn(paragraphProperty(pkg, p, 'w:autoSpaceDN'))).toBe(false);
      expect(eastAsiaFont(pkg, p)).toBe('仿宋_GB2312');
      expect(fontSize(pkg, p)).toBe(32);
    }
    const [name, date] = lines.map((p) => num(paragraphAttr(pkg, p, 'w:ind', 'right'))!);
    expect(name).toBe(640);
    // Name 10 characters, date 3 CJK + 7 digits = 6.5: first characters 2 apart.
    expect(date).toBe(640 + (10 - 6.5 - 2) * 320);
    expect(name! / 320 + 10 - (date! / 320 + 6.5)).toBe(2);
  });

  it('measures CJK as one character and ASCII as half', () => {
    expect(textWidthChars('2025年1月20日')).toBe(6.5);
    expect(textWidthChars('某某市人民政府')).toBe(7);
    expect(textWidthChars('（）“”')).toBe(4);
  });

  it('moves the name left when the date is as long as the name or longer', () => {
    // Short date under a long name: name 2, date follows the name.
    expect(signatureIndents(['某某市某某区人民政府办公室'], '2025年1月20日')).toEqual({ nameChars: 2, dateChars: 6.5 });
    // Date exactly two characters shorter: both 2.
    expect(signatureIndents(['某某市某某县政府'], '2025年1月1日')).toEqual({ nameChars: 2, dateChars: 2 });
    // Date longer than the name: date keeps 2, name moves so the date still starts 2 characters right of it.
    const indents = signatureIndents(['某某局'], '2025年12月31日');
    expect(indents.dateChars).toBe(2);
    expect(indents.nameChars + 3 - (indents.dateChars + 7)).toBe(2);
    // Several name lines: measured by the longest.
    expect(signatureIndents(['某某市某某区', '人民政府办公室'], '2025年1月2日')).toEqual({ nameChars: 3, dateChars: 2 });
  });
});

describe('page-break decisions of the PDF, as paragraph properties (spec §6.9)', () => {
  it('sets widow control on paragraphs and headings, keeps a lead-in with its table and the last two paragraphs with the signature', async () => {
    const document = sampleDocument();
    document.blocks = [
      { kind: 'heading', level: 1, text: '二、主动公开政府信息情况' },
      { kind: 'paragraph', text: '本年度主动公开情况如下表。' },
      T1,
      { kind: 'paragraph', text: '倒数第三段。' },
      { kind: 'paragraph', text: '倒数第二段。' },
      { kind: 'paragraph', text: '最后一段。' },
      { kind: 'signature', names: ['某某市某某区人民政府'], date: '2025年1月20日' },
    ];
    const own = await openDocx(await renderDocx(document));
    const find = (text: string) => bodyParagraphs(own).find((p) => textOf(p) === text)!;
    const keepNext = (text: string) => isOn(paragraphProperty(own, find(text), 'w:keepNext'));
    const widowControl = (text: string) => isOn(paragraphProperty(own, find(text), 'w:widowControl'));
    expect(keepNext('本年度主动公开情况如下表。')).toBe(true);
    expect(isOn(paragraphProperty(own, find('本年度主动公开情况如下表。'), 'w:keepLines'))).toBe(true);
    expect(isOn(paragraphProperty(own, find('倒数第二段。'), 'w:keepLines'))).toBe(false);
    expect(keepNext('倒数第三段。')).toBe(false);
    expect(keepNext('倒数第二段。')).toBe(true);
    expect(keepNext('最后一段。')).toBe(true);
    for (const text of ['二、主动公开政府信息情况', '本年度主动公开情况如下表。', '倒数第三段。', '最后一段。']) expect(widowControl(text), text).toBe(true);
    // Headings keep with the next paragraph and keep their lines together.
    expect(keepNext('二、主动公开政府信息情况')).toBe(true);
    expect(isOn(paragraphProperty(own, find('二、主动公开政府信息情况'), 'w:keepLines'))).toBe(true);
  });
});
