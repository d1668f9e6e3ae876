/**
 * `extract` of a PDF with a text layer (issue #15, the PDF reader).
 *
 * - Round trip: xxgk's own PDF (bundled fonts) of the bundled sample, of the
 *   seed whose format has six parts (seed-001, 2020; the other seeds are of
 *   2009–2018, formats extract refuses) and of every samples/published/*.yaml,
 *   extracted, gives back the data that built it: every table number in its
 *   cell, the title, the preamble, every heading and paragraph of each part.
 * - The three real PDFs of the corpus (WPS exports, borders drawn as filled
 *   frames, vertical labels, tables across pages): every cell of the
 *   fixture's hand-typed tables.yaml, and the paragraphs of narrative.txt in
 *   order (white space aside).
 * - Bad input: encrypted, damaged, scanned (an image and no text), too many
 *   pages: each refused with its Chinese reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { extractDocument, readDocument } from '../../src/extract/index.js';
import { MAX_PDF_PAGES, PDF_UNREADABLE } from '../../src/extract/pdf.js';
import { splitParagraphs } from '../../src/text/paragraphs.js';
import { built, cellPairs, errors, expectParagraphsInOrder, flatten, PARTS, type Block } from '../helpers/extract-compare.js';
import { pdfOf } from '../helpers/pagination-cases.js';

const PUBLISHED = readdirSync('samples/published').filter((name) => name.endsWith('.yaml')).sort();

describe('round trip: xxgk’s own PDF back into data', () => {
  it.each(PUBLISHED)('%s gives back its title, preamble, every heading and paragraph and every table number', async (name) => {
    const { report, document, format } = built(path.join('samples/published', name));
    const result = await extractDocument(await pdfOf(document), 'report.pdf');
    expect(result.unreadable).toBeUndefined();
    expect(result.refusal).toBeUndefined();
    expect(result.format!.id).toBe(format.id);
    expect(errors(result)).toEqual([]);
    const data = result.data!;
    expect(data.year).toBe(report.year);
    expect(data.title).toBe([report.title].flat().join(''));
    expect(data.preamble).toEqual((report.preamble as string[]).flatMap(splitParagraphs));
    const narrative = data.narrative as Record<string, Block[]>;
    for (const part of PARTS) expect(flatten(narrative[part]), part).toEqual(flatten(report.narrative[part]));
    const pairs = cellPairs(result, report.tables);
    expect(pairs.length).toBeGreaterThan(150);
    expect(pairs.filter((pair) => pair.got !== pair.expected)).toEqual([]);
    if (report.fee) expect(data.fee).toEqual(report.fee);
    if (report.signature) expect(data.signature).toEqual({ ...(report.signature.name ? { name: report.signature.name } : {}), date: report.signature.date });
  });

  it('the bundled sample (drafted parts) gives back its title, its tables and all its own paragraphs in order', async () => {
    const { report, document } = built('samples/青禾区人民政府2024年报.yaml');
    const result = await extractDocument(await pdfOf(document), 'report.pdf');
    expect(errors(result)).toEqual([]);
    const data = result.data!;
    expect(data.title).toBe(document.meta.title);
    expect(data.organization).toEqual({ name: report.organization.name, level: '人民政府' });
    expect((data.preamble as string[])[0]).toMatch(/^本报告根据《中华人民共和国政府信息公开条例》/);
    expectParagraphsInOrder(data.narrative as Record<string, Block[]>, report.narrative);
    expect(cellPairs(result, report.tables).filter((pair) => pair.got !== pair.expected)).toEqual([]);
    expect(data.fee).toEqual(report.fee);
    expect((data.signature as { date: string }).date).toBe(report.signature.date);
  });

  it('seed-001 (2020, the 2019 format) gives back its tables and paragraphs', async () => {
    const { report, document } = built('samples/seed-001-柳州市城中区2020.yaml');
    const result = await extractDocument(await pdfOf(document), 'report.pdf');
    expect(result.format!.firstYear).toBe(2019);
    expect(errors(result)).toEqual([]);
    const pairs = cellPairs(result, report.tables);
    expect(pairs.length).toBeGreaterThan(100);
    expect(pairs.filter((pair) => pair.got !== pair.expected)).toEqual([]);
    expectParagraphsInOrder(result.data!.narrative as Record<string, Block[]>, report.narrative);
  });
});

const REAL = ['cn-jiangsu-hongze-district-2023', 'cn-jiangsu-hongze-district-2024', 'cn-jiangsu-huaian-city-2024'];
const compact = (text: string) => text.replace(/\s+/g, '');

describe('real PDFs (WPS exports)', () => {
  it.each(REAL)('%s: every cell of tables.yaml, and the paragraphs of narrative.txt', async (id) => {
    const folder = path.join('test/fixtures/published', id);
    const bytes = new Uint8Array(readFileSync(path.join(folder, 'source.pdf')));
    const result = await extractDocument(bytes, 'source.pdf');
    expect(result.unreadable).toBeUndefined();
    expect(result.refusal).toBeUndefined();
    const meta = parse(readFileSync(path.join(folder, 'meta.yaml'), 'utf8')) as { year: number; title: string };
    expect(result.data!.year).toBe(meta.year);
    expect(result.data!.title).toBe(meta.title);
    const expected = (parse(readFileSync(path.join(folder, 'tables.yaml'), 'utf8')) as { tables: Record<string, unknown> }).tables;
    const pairs = cellPairs(result, expected);
    expect(pairs).toHaveLength(200);
    expect(pairs.filter((pair) => pair.got !== pair.expected)).toEqual([]);

    // The text blocks between the title and the end, in order: preamble, headings and paragraphs.
    const read = await readDocument(bytes, 'source.pdf');
    if ('unreadable' in read) throw new Error(read.unreadable);
    const paragraphs = read.blocks.flatMap((block) => (block.kind === 'paragraph' ? [compact(block.text)] : []));
    expect(paragraphs[0]).toBe(compact(meta.title));
    // narrative.txt leaves out the headings of parts 三 and 四, which stand right above their tables.
    const narrative = readFileSync(path.join(folder, 'narrative.txt'), 'utf8').split('\n').map(compact).filter(Boolean);
    const tableHeadings = paragraphs.slice(1).filter((text) => !narrative.includes(text));
    expect(tableHeadings).toEqual(['三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']);
    expect(paragraphs.slice(1).filter((text) => !tableHeadings.includes(text))).toEqual(narrative);
  });
});

/** A PDF made with pdfkit from node_modules (not xxgk's bundle): a page of text, or of an image only. */
function pdfkitPdf(options: ConstructorParameters<typeof PDFDocument>[0], draw: (doc: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ ...options, compress: false });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

/** A 2 × 2 grey PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAAAAABX3VL4AAAADklEQVR4nGNgYGBgYAAAAAUAAXpeqz8AAAAASUVORK5CYII=', 'base64');

describe('PDFs that cannot be read are refused with the reason', () => {
  it('an encrypted PDF (an open password)', async () => {
    const bytes = await pdfkitPdf({ userPassword: 'secret', pdfVersion: '1.4' }, (doc) => doc.text('2024 annual report'));
    expect(Buffer.from(bytes).toString('latin1')).toContain('/Encrypt');
    expect(await readDocument(bytes, 'x.pdf')).toEqual({ unreadable: PDF_UNREADABLE.encrypted });
  });

  it('a damaged PDF: the header and then nothing a reader can use', async () => {
    const bytes = new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'));
    expect(await readDocument(bytes, 'x.pdf')).toEqual({ unreadable: PDF_UNREADABLE.corrupt });
    const garbage = new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x41)]));
    expect(await readDocument(garbage, 'x.pdf')).toEqual({ unreadable: PDF_UNREADABLE.corrupt });
  });

  it('a truncated PDF is read no further than it goes, and never guessed into a report', async () => {
    const whole = readFileSync('test/fixtures/published/cn-jiangsu-hongze-district-2023/source.pdf');
    const result = await extractDocument(new Uint8Array(whole.subarray(0, 1000)), 'x.pdf');
    expect(result.data).toBeUndefined();
    expect(result.unreadable ?? result.refusal).toBeTruthy();
  });

  it('a scanned PDF: an image and no text', async () => {
    const bytes = await pdfkitPdf({}, (doc) => doc.image(PNG, 50, 50, { width: 400 }));
    expect(await readDocument(bytes, 'scan.pdf')).toEqual({ unreadable: PDF_UNREADABLE.scanned });
    expect(PDF_UNREADABLE.scanned).toContain('扫描件');
    expect(PDF_UNREADABLE.scanned).toContain('没有文字层');
  });

  it(`more than ${MAX_PDF_PAGES} pages`, async () => {
    const bytes = await pdfkitPdf({ autoFirstPage: false }, (doc) => {
      for (let i = 0; i <= MAX_PDF_PAGES; i++) doc.addPage({ size: [100, 100] });
    });
    expect(await readDocument(bytes, 'x.pdf')).toEqual({ unreadable: `这份 PDF 有 ${MAX_PDF_PAGES + 1} 页，超过 ${MAX_PDF_PAGES} 页，不像一份年度报告，没有读取` });
  });
});
