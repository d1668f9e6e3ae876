/**
 * DOCX emitter: renders a `ReportDocument` as a Word document laid out after
 * GB/T 9704-2012 (spec §6): A4, 37/35/28/26 mm margins, a 22 × 28 document
 * grid, 3号 仿宋 body, 2号 小标宋 title, 黑体/楷体/仿宋 headings, `— N —` page
 * numbers outside on odd/even pages, and the signature placed as 7.3.5.2 asks.
 * Tables follow their `TableGrid` cell by cell (spec §3.3–3.5, §6.7).
 *
 * A pure function of its inputs, nothing read from disk. Components that are
 * the same in many reports (styles, footers, table cells and rows) are built
 * once per process and reused (docx/reuse.ts); they hold nothing that depends
 * on the report they were first built for, so the output does not depend on
 * what was rendered before.
 */
import { latinBreaks } from '../text/kinsoku.js';
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TextRun,
  type FileChild,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import type { Block, ParagraphBlock, ReportDocument, SignatureBlock } from '../document/model.js';
import { DEFAULT_DOCX_FONTS, type DocxFonts, type DocxOptions } from './docx/options.js';
import { CHAR_TWIPS, DOC_GRID, PAGE, PAGE_NUMBER_INSET } from './docx/layout.js';
import { coreXml, settingsXml } from './docx/parts.js';
import { signatureIndents } from './docx/signature.js';
import { ReusedParagraph } from './docx/reuse.js';
import { STYLE, documentStyles } from './docx/styles.js';
import { renderTable } from './docx/table.js';
import type { PdfBreaks } from './pdf/breaks.js';

export { MissingTableValueError, scaleColumnWidths } from './docx/table.js';
export { signatureIndents, textWidthChars, type SignatureIndents } from './docx/signature.js';
export { CHAR_SPACING, CHAR_TWIPS, DOC_GRID, PAGE, TEXT_WIDTH } from './docx/layout.js';

export { DEFAULT_DOCX_FONTS, type DocxFonts, type DocxOptions } from './docx/options.js';

export async function renderDocx(document: ReportDocument, options: DocxOptions = {}): Promise<Buffer> {
  const fonts: DocxFonts = { ...DEFAULT_DOCX_FONTS, ...definedOnly(options.fonts ?? {}) };
  const mirrorMargins = options.mirrorMargins ?? false;
  // The PDF's page breaks, when its fonts are known (loaded only then).
  const breaks = options.layoutFonts ? (await import('./pdf/breaks.js')).pdfBreaks(document, options.layoutFonts) : undefined;

  const doc = new Document({
    title: document.meta.title,
    creator: document.meta.organization,
    evenAndOddHeaderAndFooters: true,
    styles: documentStyles(fonts),
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              header: PAGE.header,
              footer: PAGE.footer,
              gutter: 0,
            },
          },
          grid: { type: DocumentGridType.LINES, linePitch: DOC_GRID.linePitch },
        },
        footers: {
          default: pageNumberFooter('odd'),
          even: pageNumberFooter('even'),
        },
        children: renderBlocks(document.blocks, fonts, breaks),
      },
    ],
  });

  return Packer.toBuffer(doc, false, [
    { path: 'word/settings.xml', data: settingsXml({ mirrorMargins, evenAndOddHeaders: true }) },
    {
      path: 'docProps/core.xml',
      data: coreXml({ title: document.meta.title, creator: document.meta.organization, language: document.meta.language }),
    },
  ]);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * `— N —` in 4号 宋体 (spec §6.5): odd pages right-aligned one character in from
 * the text block's edge, even pages left-aligned likewise.
 */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({ children: [PAGE_NUMBER_PARAGRAPHS[side]] });
}

function pageNumberParagraph(side: 'odd' | 'even'): Paragraph {
  return new ReusedParagraph({
    style: STYLE.footer,
    alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: side === 'odd' ? { right: PAGE_NUMBER_INSET } : { left: PAGE_NUMBER_INSET },
    children: [new TextRun({ children: ['\u2014 ', PageNumber.CURRENT, ' \u2014'] })],
  });
}

/** The same in every report: built and prepared once per process (see docx/reuse.ts). */
const PAGE_NUMBER_PARAGRAPHS = { odd: pageNumberParagraph('odd'), even: pageNumberParagraph('even') } as const;

/**
 * A zero-width space after each / . - _ @ where a long Latin run (URL, e-mail
 * address, long number) may break (spec §6.9 item 8): Word and LibreOffice
 * otherwise keep the run whole and spread the Chinese characters of the line
 * before it. The PDF breaks at the same places.
 */
export function withLatinBreaks(text: string): string {
  const positions = latinBreaks(text);
  if (positions.size === 0) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) out += (positions.has(i) ? '\u200b' : '') + text[i];
  return out;
}

function textRuns(text: string): ParagraphChild[] {
  // A line break inside a block's text is kept as a line break, not a new paragraph.
  return withLatinBreaks(text)
    .split('\n')
    .map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) }));
}

/**
 * A run-in heading (小标题 and its text in one paragraph): the heading as a run
 * in its level's heading face — 楷体 for level 2, 仿宋 for 3 and 4, as the
 * Heading 2–4 styles — the text after it in the paragraph's body face.
 */
function leadRun(lead: NonNullable<ParagraphBlock['lead']>, fonts: DocxFonts): TextRun {
  const eastAsia = lead.level === 2 ? fonts.heading2 : fonts.body;
  return new TextRun({
    text: lead.text,
    font: { ascii: fonts.latin, hAnsi: fonts.latin, eastAsia, cs: fonts.latin, hint: 'eastAsia' },
  });
}

function emptyLine(): Paragraph {
  return new Paragraph({ style: 'Normal' });
}

function renderBlocks(blocks: readonly Block[], fonts: DocxFonts, breaks: PdfBreaks | undefined): FileChild[] {
  const out: FileChild[] = [];
  let tables = 0;
  // A page break is carried by what follows it: `pageBreakBefore` on the next
  // paragraph, so the new page does not start with an empty line.
  let pageBreakPending = false;
  const breakBefore = () => {
    const options = pageBreakPending ? { pageBreakBefore: true } : {};
    pageBreakPending = false;
    return options;
  };

  for (const [index, block] of blocks.entries()) {
    switch (block.kind) {
      case 'title':
        for (const line of block.lines) {
          out.push(new Paragraph({ style: STYLE.title, ...breakBefore(), children: textRuns(line) }));
        }
        // GB/T 9704: one empty line between the title and what follows.
        out.push(emptyLine());
        break;
      case 'heading':
        out.push(new Paragraph({ style: STYLE.heading[block.level - 1], widowControl: true, ...breakBefore(), children: textRuns(block.text) }));
        break;
      case 'paragraph':
        out.push(
          new Paragraph({
            ...paragraphLayout(block.style ?? 'body'),
            // No single line of the paragraph alone at the foot or head of a page (spec §6.9), as in the PDF.
            widowControl: true,
            ...(keepsWithNext(blocks, index, breaks?.beforeSignature) ? { keepNext: true } : {}),
            // A table's lead-in stays whole with the table, as in the PDF.
            ...(blocks[index + 1]?.kind === 'table' ? { keepLines: true } : {}),
            ...breakBefore(),
            children: block.lead ? [leadRun(block.lead, fonts), ...textRuns(block.text)] : textRuns(block.text),
          }),
        );
        // The attachment title stands on the third line (GB/T 9704 7.4): one empty line after the label.
        if (block.style === 'attachment') out.push(new Paragraph({ style: 'Normal', keepNext: true }));
        break;
      case 'table':
        if (pageBreakPending) {
          // A table cannot carry pageBreakBefore: break in an empty paragraph of its own.
          out.push(new Paragraph({ style: 'Normal', ...breakBefore() }));
        } else if (out.at(-1) instanceof Table) {
          // Word joins two tables that touch; keep them apart.
          out.push(emptyLine());
        }
        out.push(renderTable(block, breaks?.tables[tables++]));
        break;
      case 'signature':
        out.push(...renderSignature(block, breakBefore()));
        break;
      case 'pageBreak':
        pageBreakPending = true;
        break;
    }
  }
  if (pageBreakPending) out.push(new Paragraph({ style: 'Normal', ...breakBefore() }));
  // Word ends a body with a paragraph; after a final table it would add one itself.
  if (out.at(-1) instanceof Table) out.push(emptyLine());
  return out;
}

/**
 * The page-break decisions of the PDF (spec §6.9, src/render/pdf/paginate.ts)
 * that a paragraph carries as `keepNext`: a table's lead-in stays (whole, with
 * `keepLines`) with the table's first rows, and the last two paragraphs before the signature stay
 * with it (with widow control, that takes at least the last two lines of text). The PDF takes two lines along,
 * not two paragraphs, and LibreOffice moves a whole paragraph that keeps with the next; so when the PDF's layout is
 * known (`beforeSignature`): the paragraph before the last keeps with it only when the last is a single line, and
 * the last keeps with the signature unless the PDF breaks the page inside it (its last lines then start the
 * signature's page by themselves).
 */
function keepsWithNext(blocks: readonly Block[], index: number, beforeSignature: PdfBreaks['beforeSignature']): boolean {
  const next = blocks[index + 1];
  if (next?.kind === 'table') return true;
  if (next?.kind === 'signature') return !beforeSignature?.split;
  return next?.kind === 'paragraph' && blocks[index + 2]?.kind === 'signature' && (beforeSignature?.lines ?? 1) < 2;
}

type ParagraphLayout = Pick<IParagraphOptions, 'style' | 'alignment'>;

function paragraphLayout(style: NonNullable<ParagraphBlock['style']>): ParagraphLayout {
  switch (style) {
    case 'body':
      return { style: STYLE.body };
    case 'center':
      return { style: 'Normal', alignment: AlignmentType.CENTER };
    case 'right':
      return { style: 'Normal', alignment: AlignmentType.RIGHT };
    case 'flush-left':
      // Justified like the body, without the first-line indent (notes, the lines around a form).
      return { style: 'Normal', alignment: AlignmentType.BOTH };
    case 'attachment':
      // 附件标识: 黑体, flush left on the first line (spec §6.4).
      return { style: STYLE.attachment };
  }
}

/**
 * Signature without seal (spec §6.6): an empty line, the name line(s) and the
 * date, right-aligned with right indents from `signatureIndents` (in
 * characters of the 3号 body size, `CHAR_TWIPS` each; half characters allowed).
 */
function renderSignature(block: SignatureBlock, breakBefore: { pageBreakBefore?: boolean }): Paragraph[] {
  const indents = signatureIndents(block.names, block.date);
  const line = (text: string, chars: number) =>
    new Paragraph({
      style: STYLE.signature,
      indent: { right: Math.round(chars * CHAR_TWIPS) },
      children: textRuns(text),
    });
  return [
    new Paragraph({ style: 'Normal', keepNext: true, ...breakBefore }), // 空一行
    ...block.names.map((name) => line(name, indents.nameChars)),
    // A published report's signature may have no date: the names only.
    ...(block.date ? [line(block.date, indents.dateChars)] : []),
  ];
}
