/**
 * `extract` of a PDF with a text layer (issue #15, the PDF reader). The round
 * trip of xxgk's own PDFs is in pdf-round-trip.test.ts and
 * round-trip-pdf.property.test.ts (slow project).
 *
 * - The three real PDFs of the corpus (WPS exports, borders drawn as filled
 *   frames, vertical labels, tables across pages): every cell of the
 *   fixture's hand-typed tables.yaml, and the paragraphs of narrative.txt in
 *   order (white space aside).
 * - Bad input: encrypted, damaged, scanned (an image and no text), too many
 *   pages: each refused with its Chinese reason.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { extractDocument, readDocument } from '../../src/extract/index.js';
import { MAX_PDF_PAGES, PDF_UNREADABLE } from '../../src/extract/pdf.js';
import { cellPairs } from '../helpers/extract-round-trip.js';
import { encryptedPdf, pdfkitPdf, scannedPdf } from '../helpers/pdfkit-pdf.js';

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

describe('page furniture and paragraphs', () => {
  it('drops page numbers and a running header, joins a paragraph across the page break, keeps spaces between words', async () => {
    const words = (n: number, from: number) => Array.from({ length: n }, (_, i) => `word${from + i}`).join(' ');
    const first = words(60, 0);
    const second = words(400, 100);
    let page = 0;
    const bytes = await pdfkitPdf({ size: 'A4', margins: { top: 72, bottom: 72, left: 72, right: 72 } }, (doc) => {
      const furniture = () => {
        page++;
        doc.fontSize(9).text('Annual report of the Example Office', 72, 40, { lineBreak: false });
        doc.text(`- ${page} -`, 280, 800, { lineBreak: false });
        doc.fontSize(12).text('', 72, 72);
      };
      doc.on('pageAdded', furniture);
      furniture();
      doc.fontSize(12).text(first, { align: 'justify', indent: 24 });
      doc.text(second, { align: 'justify', indent: 24 });
    });
    expect(page).toBeGreaterThan(1);
    const read = await readDocument(bytes, 'x.pdf');
    if ('unreadable' in read) throw new Error(read.unreadable);
    expect(read.blocks).toEqual([
      { kind: 'paragraph', text: first },
      { kind: 'paragraph', text: second },
    ]);
  });
});

describe('PDFs that cannot be read are refused with the reason', () => {
  it('an encrypted PDF (an open password)', async () => {
    const bytes = await encryptedPdf();
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
    const bytes = await scannedPdf();
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
