/**
 * The lines the signature takes along (spec §6.9), in the DOCX as in the PDF:
 * the PDF keeps the last two lines of text with the signature, the DOCX keeps
 * paragraphs (`w:keepNext`), and LibreOffice moves a whole paragraph that keeps
 * with the next. Given the PDF's fonts, the DOCX keeps the paragraph before the
 * last only when the last is one line, and the last only when the PDF does not
 * break the page inside it (test/render/docx-pagination-libreoffice.test.ts:
 * the long bench report's page 14 and seed-002's page 6).
 */
import { describe, expect, it } from 'vitest';
import { generateReport } from '../../scripts/report-generator.mjs';
import { composeReport } from '../../src/compose/compose.js';
import type { ReportDocument } from '../../src/document/model.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { renderDocx } from '../../src/render/docx.js';
import { pdfBreaks } from '../../src/render/pdf/breaks.js';
import { bodyParagraphs, isOn, openDocx, paragraphProperty, textOf } from '../helpers/docx-xml.js';
import { BUNDLED_FONTS, sampleDocument } from '../helpers/pagination-cases.js';

/** Whether the last two paragraphs before the signature keep with the next, in the DOCX made with the PDF's fonts. */
async function keeps(document: ReportDocument): Promise<{ secondLast: boolean; last: boolean }> {
  const blocks = document.blocks;
  const signature = blocks.findIndex((block) => block.kind === 'signature');
  const [secondLast, last] = [blocks[signature - 2]!, blocks[signature - 1]!];
  if (!('text' in secondLast) || last.kind !== 'paragraph') throw new Error('no paragraph before the signature');
  const pkg = await openDocx(await renderDocx(document, { layoutFonts: BUNDLED_FONTS }));
  const keepNext = (text: string) => isOn(paragraphProperty(pkg, bodyParagraphs(pkg).find((p) => textOf(p).endsWith(text))!, 'w:keepNext'));
  return { secondLast: keepNext(secondLast.text), last: keepNext(last.text) };
}

describe('the paragraphs before the signature, given the PDF’s fonts', () => {
  it('the long report: the last paragraph has two lines, so the one before it does not keep with it', async () => {
    const document = composeReport(v2021Format.schema.parse(generateReport(1, { size: 'long' })), v2021Format);
    expect(pdfBreaks(document, BUNDLED_FONTS).beforeSignature).toEqual({ lines: 2, split: false });
    expect(await keeps(document)).toEqual({ secondLast: false, last: true });
  });

  it('seed-002: the PDF breaks the page inside the last paragraph, so it does not keep with the signature either', async () => {
    const document = await sampleDocument('seed-002-珠晖区信息公开和网上审批工作总结.yaml');
    expect(pdfBreaks(document, BUNDLED_FONTS).beforeSignature).toEqual({ lines: 10, split: true });
    // Before it, a heading: headings always keep with what follows.
    expect(await keeps(document)).toEqual({ secondLast: true, last: false });
  });

  it('a one-line last paragraph: both keep with the signature, as without the PDF’s fonts', async () => {
    const document = composeReport(v2021Format.schema.parse(generateReport(1, { size: 'long' })), v2021Format);
    const signature = document.blocks.findIndex((block) => block.kind === 'signature');
    document.blocks[signature - 1] = { kind: 'paragraph', text: '特此报告。' };
    expect(pdfBreaks(document, BUNDLED_FONTS).beforeSignature).toMatchObject({ lines: 1 });
    expect(await keeps(document)).toEqual({ secondLast: true, last: true });
  });
});
