/**
 * `extract` from Word documents (DOCX, issue #15).
 *
 * - Round trip: xxgk's own DOCX (built in memory) of every
 *   samples/published/*.yaml, the bundled sample and the seeds gives back the
 *   data that built it — title, preamble, every heading and paragraph, every
 *   table number in its cell — and the same data as xxgk's HTML page of it;
 *   its tables come back with the same merged cells as from the page.
 * - Word's own markup, in a document written here part by part: tracked
 *   changes, fields, text boxes under mc:AlternateContent, hidden text,
 *   heading styles by name and by outline level, gridSpan/vMerge/hMerge,
 *   gridBefore and nested tables.
 * - Hostile input: zip bombs (declared and lying), a zip that is no Word
 *   document, a truncated DOCX, a document.xml that is not XML, an encrypted
 *   file — each a Chinese reason; through the CLI exit 2 and nothing written.
 */
import { readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { TableCellText } from '../../src/extract/blocks.js';
import { readDocxBlocks } from '../../src/extract/docx.js';
import { htmlToBlocks } from '../../src/extract/html.js';
import { splitParagraphs } from '../../src/text/paragraphs.js';
import { extractDocument, extractReport, isUnreadable, readDocument } from '../../src/extract/index.js';
import { cli, listAll, tempDir, xxgkProcess } from '../helpers/cli.js';
import { built, docxOf, errors, expectParagraphsInOrder, flatten, PARTS, wrongCells, type Block } from '../helpers/extract-round-trip.js';

const PUBLISHED = readdirSync('samples/published').filter((name) => name.endsWith('.yaml')).sort();
const SEEDS = readdirSync('samples').filter((name) => /^seed-.*\.yaml$/.test(name)).sort();

describe('round trip: xxgk’s own DOCX back into data', () => {
  it.each(PUBLISHED)('%s gives back its title, preamble, every heading and paragraph and every table number — the same data as its HTML page', async (name) => {
    const { report, document, html, format } = built(path.join('samples/published', name));
    const result = await extractDocument(await docxOf(document), `${name}.docx`);
    expect(result.unreadable).toBeUndefined();
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
    expect(wrongCells(result, report.tables)).toEqual([]);
    if (report.fee) expect(data.fee).toEqual(report.fee);
    if (report.signature) expect(data.signature).toEqual({ ...(report.signature.name ? { name: report.signature.name } : {}), date: report.signature.date });
    // Word and the page say the same: the same data, and no label read differently from one than from the other.
    const fromPage = extractReport(html, 'html');
    expect(data).toEqual(fromPage.data);
    expect(result.diagnostics.map((d) => d.message)).toEqual(fromPage.diagnostics.map((d) => d.message));
  });

  it('the bundled sample (drafted parts) gives back its title, its tables and all its own paragraphs in order', async () => {
    const { report, document } = built('samples/青禾区人民政府2024年报.yaml');
    const result = await extractDocument(await docxOf(document), 'sample.docx');
    expect(errors(result)).toEqual([]);
    const data = result.data!;
    expect(data.title).toBe(document.meta.title);
    expect(data.year).toBe(2024);
    expect(data.organization).toEqual({ name: report.organization.name, level: '人民政府' });
    expectParagraphsInOrder(data.narrative as Record<string, Block[]>, report.narrative);
    expect(wrongCells(result, report.tables)).toEqual([]);
    expect(data.fee).toEqual(report.fee);
  });

  it.each(SEEDS)('seed %s: the DOCX reads as its HTML page does (the same data, or the same refusal)', async (name) => {
    const { report, document, html } = built(path.join('samples', name));
    const result = await extractDocument(await docxOf(document), `${name}.docx`);
    const fromPage = extractReport(html, 'html');
    expect(result.unreadable).toBeUndefined();
    expect(result.data).toEqual(fromPage.data);
    // Refused alike (the page's reader may see less of a page than Word's of a document, so the reasons may differ).
    expect(result.refusal === undefined).toBe(fromPage.refusal === undefined);
    if (result.refusal) expect(result.refusal).toMatch(/^这份Word 文档不像政府信息公开工作年度报告|不分六个部分；暂不支持读取这种格式的报告/);
    if (result.data) {
      expect(errors(result)).toEqual([]);
      expect(wrongCells(result, (report.tables ?? {}) as Record<string, unknown>, report as unknown as Record<string, unknown>)).toEqual([]);
    }
  });

  it('of the seeds, extract reads every one (the 2019 format and the legacy reports of free sections)', async () => {
    const read: string[] = [];
    for (const name of SEEDS) {
      const { document } = built(path.join('samples', name));
      if ((await extractDocument(await docxOf(document), 'seed.docx')).data) read.push(name);
    }
    expect(read).toEqual([...SEEDS]);
  });

  it('tables come back as from the page: the same cells, merged over the same rows and columns; headings are marked', async () => {
    const { document, html } = built('samples/published/cn-jiangsu-huaian-city-2024.yaml');
    const fromWord = readDocxBlocks(await docxOf(document));
    if (isUnreadable(fromWord)) throw new Error(fromWord.unreadable);
    expect(fromWord.kind).toBe('docx');
    const fromPage = htmlToBlocks(html).blocks;
    const tables = (blocks: typeof fromPage) => blocks.flatMap((block) => (block.kind === 'table' ? [shape(block.rows)] : []));
    const wordTables = tables(fromWord.blocks);
    expect(wordTables).toHaveLength(3);
    expect(wordTables).toEqual(tables(fromPage));
    // 表三's header merges cells down (vMerge) and across (gridSpan).
    const requests = fromWord.blocks.filter((block) => block.kind === 'table')[1]!;
    if (requests.kind !== 'table') throw new Error('not a table');
    expect(requests.rows[0]![0]!.origin).toBe(requests.rows[1]![0]!.origin);
    expect(requests.rows[0]![0]!.startRow).toBe(0);
    expect(requests.rows[1]![0]!.startRow).toBe(0);
    expect(new Set(requests.rows[0]!.slice(3).map((cell) => cell.origin)).size).toBeLessThan(requests.rows[0]!.length - 3);
    const headings = fromWord.blocks.filter((block) => block.kind === 'paragraph' && block.heading).map((block) => (block.kind === 'paragraph' ? block.text : ''));
    expect(headings).toEqual([
      '淮安市人民政府2024年政府信息公开工作年度报告',
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
  });
});

/** A table's cell texts (white space dropped) and its merges as the first row and column each printed cell covers. */
function shape(rows: readonly TableCellText[][]) {
  const first = new Map<number, string>();
  return rows.map((row, r) =>
    row.map((cell, c) => {
      if (!first.has(cell.origin)) first.set(cell.origin, `${r},${c}`);
      return `${cell.text.replace(/\s+/g, '')}@${first.get(cell.origin)}`;
    }),
  );
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const NAMESPACES = [
  W,
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
  'xmlns:v="urn:schemas-microsoft-com:vml"',
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"',
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
].join(' ');

/** A DOCX package around a body of WordprocessingML, with styles as Chinese Word names them (ids 1, 2, a3). */
async function wordPackage(
  body: string,
  documentXml = `<?xml version="1.0" encoding="UTF-8"?><w:document ${NAMESPACES}><w:body>${body}</w:body></w:document>`,
  numbering?: string,
): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', documentXml);
  if (numbering) zip.file('word/numbering.xml', `<?xml version="1.0"?><w:numbering ${W}>${numbering}</w:numbering>`);
  zip.file(
    'word/styles.xml',
    `<?xml version="1.0"?><w:styles ${W}>` +
      '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/><w:basedOn w:val="a"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/><w:basedOn w:val="a"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="我的标题"/><w:basedOn w:val="1"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="Body Text"/><w:basedOn w:val="a"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="ListHeading"><w:name w:val="编号标题"/><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>' +
      '</w:styles>',
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const p = (runs: string, pPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${runs}</w:p>`;
const r = (text: string, rPr = '') => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
const tc = (content: string, tcPr = '') => `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ''}${content}</w:tc>`;

async function blocksOf(body: string, numbering?: string) {
  const read = readDocxBlocks(await wordPackage(body, undefined, numbering));
  if (isUnreadable(read)) throw new Error(read.unreadable);
  return read.blocks;
}

describe('Word’s own paragraph markup', () => {
  it('reads text, tabs and line breaks; leaves out deletions, field codes, hidden text; keeps insertions and field results', async () => {
    const blocks = await blocksOf(
      p(
        r('本年') +
          '<w:del w:id="1" w:author="a"><w:r><w:delText>没有</w:delText></w:r></w:del>' +
          '<w:ins w:id="2" w:author="a">' + r('新收到') + '</w:ins>' +
          r('申请') +
          '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> = 3 + 4 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
          r('7') +
          '<w:r><w:fldChar w:fldCharType="end"/></w:r>' +
          r('件', '<w:vanish w:val="0"/>') +
          r('（隐藏的批注）', '<w:vanish/>') +
          '<w:r><w:t>，</w:t><w:tab/><w:t>其中</w:t><w:br/><w:t>下一行</w:t></w:r>' +
          '<w:fldSimple w:instr=" PAGE ">' + r('2') + '</w:fldSimple>',
        '<w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs>',
      ) +
        '<w:moveFrom w:id="3" w:author="a">' + p(r('移走的段落')) + '</w:moveFrom>',
    );
    expect(blocks).toEqual([
      { kind: 'paragraph', text: '本年新收到申请7件， 其中' },
      { kind: 'paragraph', text: '下一行2' },
    ]);
  });

  it('a paragraph whose mark was deleted runs into the next; a text box under mc:AlternateContent is read once, after its paragraph', async () => {
    const box = (text: string) => `<w:txbxContent>${p(r(text))}</w:txbxContent>`;
    const blocks = await blocksOf(
      p(r('前半句'), '<w:rPr><w:del w:id="4" w:author="a"/></w:rPr>') +
        p(r('后半句。')) +
        p(
          r('正文') +
            '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>' +
            box('文本框里的字') +
            '</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>' +
            box('文本框里的字') +
            '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>' +
            r('接着'),
        ),
    );
    expect(blocks).toEqual([
      { kind: 'paragraph', text: '前半句后半句。' },
      { kind: 'paragraph', text: '正文接着' },
      { kind: 'paragraph', text: '文本框里的字' },
    ]);
  });

  it('headings: by style name (heading 1, 标题 2, through basedOn), by outline level; Title paragraphs in a row are one title', async () => {
    const blocks = await blocksOf(
      p(r('某某县人民政府'), '<w:pStyle w:val="a3"/>') +
        p(r('2024年政府信息公开工作年度报告'), '<w:pStyle w:val="a3"/>') +
        p('') +
        p(r('一、总体情况'), '<w:pStyle w:val="1"/>') +
        p(r('（一）主动公开'), '<w:pStyle w:val="2"/>') +
        p(r('（二）依申请公开'), '<w:pStyle w:val="MyHeading"/>') +
        p(r('二、主动公开政府信息情况'), '<w:pStyle w:val="a5"/><w:outlineLvl w:val="0"/>') +
        p(r('正文，大纲级别为正文'), '<w:pStyle w:val="1"/><w:outlineLvl w:val="9"/>') +
        p(r('普通段落'), '<w:pStyle w:val="a5"/>'),
    );
    expect(blocks).toEqual([
      { kind: 'paragraph', text: '某某县人民政府2024年政府信息公开工作年度报告', heading: true },
      { kind: 'paragraph', text: '一、总体情况', heading: true },
      { kind: 'paragraph', text: '（一）主动公开', heading: true },
      { kind: 'paragraph', text: '（二）依申请公开', heading: true },
      { kind: 'paragraph', text: '二、主动公开政府信息情况', heading: true },
      { kind: 'paragraph', text: '正文，大纲级别为正文' },
      { kind: 'paragraph', text: '普通段落' },
    ]);
  });

  it('a table caption repeating the heading just above it is the table’s title, not a paragraph', async () => {
    const table = `<w:tbl><w:tr>${tc(p(r('信息内容')))}</w:tr></w:tbl>`;
    const blocks = await blocksOf(
      p(r('二、主动公开政府信息情况'), '<w:pStyle w:val="1"/>') + p(r('二、主动公开政府信息情况'), '<w:jc w:val="center"/>') + table +
        p(r('三、收到和处理政府信息公开申请情况'), '<w:pStyle w:val="1"/>') + p(r('说明：单位为件')) + table,
    );
    expect(blocks.map((block) => (block.kind === 'paragraph' ? block.text : 'table'))).toEqual([
      '二、主动公开政府信息情况',
      'table',
      '三、收到和处理政府信息公开申请情况',
      '说明：单位为件',
      'table',
    ]);
  });

  it('automatic list numbers are printed as Word shows them: 一、 （一） 1. counted per list, deeper levels restarting; bullets print nothing', async () => {
    const level = (ilvl: number, format: string, text: string, start = 1) =>
      `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/></w:lvl>`;
    const numbering =
      `<w:abstractNum w:abstractNumId="0">${level(0, 'chineseCounting', '%1、')}${level(1, 'chineseCounting', '（%2）')}${level(2, 'decimal', '%3.')}</w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="1">${level(0, 'bullet', '●')}</w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="2">${level(0, 'decimal', '%1')}</w:abstractNum>` +
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>' +
      '<w:num w:numId="3"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="9"/></w:lvlOverride></w:num>';
    const numbered = (text: string, ilvl: number, numId = 1) => p(r(text), `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`);
    const blocks = await blocksOf(
      p(r('总体情况'), '<w:pStyle w:val="ListHeading"/>') +
        numbered('主动公开', 1) +
        numbered('办理情况', 2) +
        numbered('工作机制', 2) +
        numbered('依申请公开', 1) +
        numbered('办理情况', 2) +
        numbered('要点', 0, 2) +
        numbered('第九项', 0, 3) +
        p(r('不编号'), '<w:pStyle w:val="ListHeading"/><w:numPr><w:numId w:val="0"/></w:numPr>') +
        p(r('主动公开政府信息情况'), '<w:pStyle w:val="ListHeading"/>'),
      numbering,
    );
    expect(blocks.map((block) => (block.kind === 'paragraph' ? block.text : ''))).toEqual([
      '一、总体情况',
      '（一）主动公开',
      '1.办理情况',
      '2.工作机制',
      '（二）依申请公开',
      '1.办理情况',
      '要点',
      '9 第九项',
      '不编号',
      '二、主动公开政府信息情况',
    ]);
  });

  it('tables: gridSpan, vMerge restart/continue, hMerge, gridBefore, a deleted row, lines of a cell joined, a nested table flattened', async () => {
    const nested = `<w:tbl><w:tr>${tc(p(r('内表甲')))}${tc(p(r('内表乙')))}</w:tr></w:tbl>`;
    const blocks = await blocksOf(
      '<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>' +
        `<w:tr>${tc(p(r('申请人情况')), '<w:vMerge w:val="restart"/>')}${tc(p(r('自然人')), '<w:gridSpan w:val="2"/>')}${tc(p(r('法人')))}</w:tr>` +
        `<w:tr>${tc(p(''), '<w:vMerge/>')}${tc(p(r('甲')))}${tc(p(r('乙')))}${tc(p(r('丙')))}</w:tr>` +
        `<w:tr><w:trPr><w:del w:id="9" w:author="a"/></w:trPr>${tc(p(r('删去的行')), '<w:gridSpan w:val="4"/>')}</w:tr>` +
        `<w:tr>${tc(p(r('1.本机关不掌握')) + p(r('相关政府信息')))}${tc(p(r('左')), '<w:hMerge w:val="restart"/>')}${tc(p(''), '<w:hMerge/>')}${tc(p(r('12')))}</w:tr>` +
        `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc(p(r('Total')) + p(r('count')), '<w:gridSpan w:val="2"/>')}${tc(nested)}</w:tr>` +
        '</w:tbl>' +
        p(r('表后')),
    );
    expect(blocks.map((block) => (block.kind === 'table' ? { kind: 'table', rows: renumbered(block.rows) } : block))).toEqual([
      {
        kind: 'table',
        rows: [
          [c('申请人情况', 0, 0), c('自然人', 1, 0), c('自然人', 1, 0), c('法人', 2, 0)],
          [c('申请人情况', 0, 0), c('甲', 3, 1), c('乙', 4, 1), c('丙', 5, 1)],
          [c('1.本机关不掌握相关政府信息', 6, 2), c('左', 7, 2), c('左', 7, 2), c('12', 8, 2)],
          [c('', 9, 3), c('Total count', 10, 3), c('Total count', 10, 3), c('内表甲内表乙', 11, 3)],
        ],
      },
      { kind: 'paragraph', text: '表后' },
    ]);
  });
});

/** Origins numbered by first appearance (a reader numbers them in the order it meets cells, nested tables first). */
function renumbered(rows: readonly TableCellText[][]): TableCellText[][] {
  const numbers = new Map<number, number>();
  return rows.map((row) => row.map((cell) => ({ ...cell, origin: numbers.get(cell.origin) ?? numbers.set(cell.origin, numbers.size).get(cell.origin)! })));
}

const c = (text: string, origin: number, startRow: number): TableCellText => ({ text, origin, startRow });

/** A zip written byte by byte, so that entries can declare sizes other than their content's. */
function zipOf(entries: { name: string; data: Uint8Array; deflated: boolean; declaredSize: number; crc?: number }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(entry.deflated ? 8 : 0, 8);
    local.writeUInt32LE(entry.crc ?? 0, 14);
    local.writeUInt32LE(entry.data.byteLength, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(entry.deflated ? 8 : 0, 10);
    central.writeUInt32LE(entry.crc ?? 0, 16);
    central.writeUInt32LE(entry.data.byteLength, 20);
    central.writeUInt32LE(entry.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(entry.data));
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.byteLength;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const GIGABYTE = 1024 * 1024 * 1024;

/**
 * 1 GB of zeros as one raw deflate stream, made without holding 1 GB: a
 * megabyte of zeros compressed with a full flush (no history carried over)
 * is the same bytes every time, so the stream is that block 1024 times and
 * an empty final block.
 */
function gigabyteOfZeros(): Uint8Array {
  const megabyte = deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  return new Uint8Array(Buffer.concat([...Array.from({ length: 1024 }, () => megabyte), deflateRawSync(Buffer.alloc(0))]));
}

describe('hostile and broken input', () => {
  let zeros: Uint8Array;
  let sample: Uint8Array;
  beforeAll(async () => {
    zeros = gigabyteOfZeros();
    sample = await docxOf(built('samples/published/cn-fujian-pingtan-2024.yaml').document);
  });

  it('the gigabyte of zeros really is one, in about a megabyte', async () => {
    expect(zeros.byteLength).toBeLessThan(1.1 * 1024 * 1024);
    // Inflated in pieces here, never whole: the count of bytes is 1 GB and every byte is zero.
    const { createInflateRaw } = await import('node:zlib');
    const inflater = createInflateRaw();
    let total = 0;
    let nonZero = 0;
    const blank = Buffer.alloc(1024 * 1024);
    inflater.on('data', (chunk: Buffer) => {
      total += chunk.byteLength;
      if (!chunk.equals(blank.subarray(0, chunk.byteLength))) nonZero++;
    });
    await new Promise((resolve, reject) => inflater.on('end', resolve).on('error', reject).end(zeros));
    expect({ total, nonZero }).toEqual({ total: GIGABYTE, nonZero: 0 });
  }, 120_000);

  it('a zip bomb declaring 1 GB is refused before anything is inflated', () => {
    const bomb = zipOf([{ name: 'word/document.xml', data: zeros, deflated: true, declaredSize: GIGABYTE }]);
    const read = readDocxBlocks(bomb);
    expect(read).toEqual({ unreadable: '压缩包声明解压后共有 1024 MB，超过 200 MB，不像一份年度报告（可能是“压缩炸弹”），没有解压读取' });
  });

  it('a zip bomb declaring a small size but inflating to 1 GB is stopped at the declared size', () => {
    const bomb = zipOf([{ name: 'word/document.xml', data: zeros, deflated: true, declaredSize: 4096 }]);
    const started = performance.now();
    const read = readDocxBlocks(bomb);
    expect(read).toEqual({ unreadable: '其中的 word/document.xml 解压后比压缩包声明的 4096 字节还大，不像一份年度报告（可能是“压缩炸弹”），没有解压读取' });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('a main part declared over 50 MB, and a package of too many entries, are refused unread', () => {
    const big = zipOf([{ name: 'word/document.xml', data: zeros, deflated: true, declaredSize: 60 * 1024 * 1024 }]);
    expect(readDocxBlocks(big)).toEqual({ unreadable: '正文（word/document.xml）解压后有 60 MB，超过 50 MB，不像一份年度报告（可能是“压缩炸弹”），没有解压读取' });
    const many = zipOf(Array.from({ length: 6000 }, (_, i) => ({ name: `f${i}`, data: new Uint8Array(0), deflated: false, declaredSize: 0 })));
    expect(readDocxBlocks(many)).toEqual({ unreadable: '压缩包里有 6000 个文件，远多于一份 Word 文档，不像一份年度报告（可能是“压缩炸弹”），没有解压读取' });
  });

  it('a zip without word/document.xml: an Excel workbook, any other zip', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('表').getCell('A1').value = 1;
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await readDocument(xlsx, '年报.docx')).toEqual({ unreadable: '这是 Excel 工作簿（XLSX），不是 Word 文档；年度报告请用 Word 文档（DOCX）、PDF、网页（HTML）或纯文本（.txt）' });
    const zip = new JSZip();
    zip.file('年报/说明.txt', '见附件');
    expect(await readDocument(await zip.generateAsync({ type: 'uint8array' }), '年报.zip')).toEqual({
      unreadable: '这是一个 ZIP 压缩包，但其中没有 Word 文档的正文（word/document.xml），不是 Word 文档（DOCX）；请解压后选择其中的年度报告文件',
    });
  });

  it('a truncated DOCX and one with a corrupted part are corrupt', async () => {
    const corrupt = '文件已损坏（不是完整的 ZIP 压缩包，可能只下载了一部分），无法作为 Word 文档（DOCX）读取';
    expect(await readDocument(sample.subarray(0, Math.floor(sample.byteLength / 2)), '年报.docx')).toEqual({ unreadable: corrupt });
    // The central directory intact, a byte inside document.xml's compressed data flipped: the CRC (or inflate) catches it.
    const zip = await JSZip.loadAsync(sample);
    const names = Object.keys(zip.files);
    expect(names).toContain('word/document.xml');
    const flipped = new Uint8Array(sample);
    const at = Buffer.from(sample).indexOf(Buffer.from('word/document.xml')) + 'word/document.xml'.length + 200;
    flipped[at] = flipped[at]! ^ 0xff;
    expect(await readDocument(flipped, '年报.docx')).toEqual({ unreadable: corrupt });
  });

  it('a document.xml that is not XML (or not well-formed) says so, with the place', async () => {
    const notXml = await wordPackage('', '这不是 XML');
    const read = await readDocument(notXml, '年报.docx');
    expect(isUnreadable(read) && read.unreadable).toMatch(/^Word 文档的正文（word\/document\.xml）不是有效的 XML（第 1 行第 \d+ 列：[^a-z]+），文件已损坏，无法读取$/);
    const unclosed = await wordPackage('', `<w:document ${W}><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:body></w:document>`);
    const read2 = await readDocument(unclosed, '年报.docx');
    expect(isUnreadable(read2) && read2.unreadable).toMatch(/^Word 文档的正文（word\/document\.xml）不是有效的 XML（第 1 行第 \d+ 列：结束标签与开始标签不对应），文件已损坏，无法读取$/);
    // Entities declared in the document are never expanded (no entity expansion tricks): the part is refused.
    const entity = await wordPackage('', `<!DOCTYPE w:document [<!ENTITY a "一、总体情况">]><w:document ${W}><w:body><w:p><w:r><w:t>&a;&a;</w:t></w:r></w:p></w:body></w:document>`);
    const read3 = await readDocument(entity, '年报.docx');
    expect(isUnreadable(read3) && read3.unreadable).toMatch(/^Word 文档的正文（word\/document\.xml）不是有效的 XML（第 1 行第 \d+ 列：引用了未定义的实体），文件已损坏，无法读取$/);
  });

  it('an encrypted Word file (an OLE container with an EncryptedPackage stream) is named as such', async () => {
    // The compound file's header signature and a directory entry named EncryptedPackage (UTF-16LE), as Word writes it.
    const ole = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole, 0);
    Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1024);
    expect(await readDocument(new Uint8Array(ole), '年报.docx')).toEqual({ unreadable: '这是设有打开密码（加密）的 Word 文档，无法读取；请在 Word 或 WPS 中取消密码后另存为 DOCX 再读取' });
    Buffer.alloc(32).copy(ole, 1024);
    expect(await readDocument(new Uint8Array(ole), '年报.doc')).toEqual({ unreadable: expect.stringContaining('暂不支持从旧版 Word 文档（DOC）读取年度报告') });
  });
});

describe('xxgk extract with Word documents', () => {
  it('writes the data file from a DOCX (exit 0), with a header naming it', async () => {
    const dir = await tempDir();
    const file = path.join(dir, '淮安市2024年报.docx');
    await writeFile(file, await docxOf(built('samples/published/cn-jiangsu-huaian-city-2024.yaml').document));
    const run = await cli(['extract', file]);
    // The page states the fee's amount (3940元) but not its count: the one note, and the fee left to fill in.
    expect(run.stderr).toBe(`${file} 提示 [EXTRACT-FEE] 正文中没有找到信息处理费的说明（收取的件数和金额）；请在 fee 填写\n共 0 个错误、1 个提示。`);
    expect(run.code).toBe(0);
    const text = await readFile(path.join(dir, '淮安市2024年报.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# 由 xxgk extract 从 淮安市2024年报.docx 读出（按已发布的原文重现，source: published）。');
    expect(parse(text).tables).toEqual(parse(await readFile('samples/published/cn-jiangsu-huaian-city-2024.yaml', 'utf8')).tables);
    // The installed (bundled) command reads it the same.
    const installed = await xxgkProcess(['extract', file, '--out', path.join(dir, 'installed.yaml')]);
    expect(installed.code).toBe(0);
    expect(parse(await readFile(path.join(dir, 'installed.yaml'), 'utf8')).tables).toEqual(parse(text).tables);
  });

  it('refuses a zip bomb, a truncated DOCX and a DOCX that is not XML: exit 2, the reason, nothing written (the installed command too)', async () => {
    const dir = await tempDir();
    const bomb = path.join(dir, 'bomb.docx');
    await writeFile(bomb, zipOf([{ name: 'word/document.xml', data: gigabyteOfZeros(), deflated: true, declaredSize: 4096 }]));
    const truncated = path.join(dir, 'truncated.docx');
    const whole = await docxOf(built('samples/published/cn-fujian-pingtan-2024.yaml').document);
    await writeFile(truncated, whole.subarray(0, 5000));
    const notXml = path.join(dir, 'notxml.docx');
    await writeFile(notXml, await wordPackage('', '<w:document>'));
    for (const [file, reason] of [
      [bomb, '压缩炸弹'],
      [truncated, '文件已损坏'],
      [notXml, '不是有效的 XML'],
    ] as const) {
      const run = await cli(['extract', file]);
      expect(run.code, file).toBe(2);
      expect(run.stderr).toContain(`"${file}"：`);
      expect(run.stderr).toContain(reason);
    }
    const installed = await xxgkProcess(['extract', bomb]);
    expect(installed.code).toBe(2);
    expect(installed.stderr).toContain('压缩炸弹');
    expect(await listAll(dir)).toEqual(['bomb.docx', 'notxml.docx', 'truncated.docx']);
  });
});
