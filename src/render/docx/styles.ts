/**
 * Paragraph styles (spec §6.4). Formatting lives in styles, so a report opened
 * in Word can be edited with the same look, and headings are real Heading 1–4
 * styles (outline levels 0–3) that fill the navigation pane.
 *
 * Fonts: `w:rFonts` gives the Latin font for ASCII/hAnsi and the CJK font for
 * eastAsia, with `w:hint="eastAsia"` so that ambiguous characters (“ ” — …)
 * are set in the CJK font.
 *
 * Most styles go through the library's style options. Four are written as XML
 * because they need paragraph properties those options lack: `w:snapToGrid`
 * off (title, table text, page number) and `w:autoSpaceDE`/`w:autoSpaceDN` off
 * (signature). The library's paragraph option `autoSpaceEastAsianText` writes
 * `w:autoSpaceDN` after `w:ind`, out of schema order, so it is not used.
 */
import {
  AlignmentType,
  DocumentDefaults,
  ImportedXmlComponent,
  LineRuleType,
  StyleForParagraph,
  type IParagraphPropertiesOptions,
  type IParagraphStylePropertiesOptions,
  type IStylesOptions,
} from 'docx';
import type { DocxFonts } from './options.js';
import { CHAR_SPACING, CHAR_TWIPS, LINE_EXACT, SIZE, TABLE_RULE } from './layout.js';
import { escapeXml } from './parts.js';
import { BoundedCache, PreparedOnce } from './reuse.js';
import { TABLE_TEXT_STYLE } from './table.js';

export const STYLE = {
  body: 'BodyText',
  title: 'Title',
  heading: ['Heading1', 'Heading2', 'Heading3', 'Heading4'] as const,
  signature: 'Signature',
  attachment: 'AttachmentLabel',
  footer: 'Footer',
  table: TABLE_TEXT_STYLE,
} as const;

const language = { value: 'en-US', eastAsia: 'zh-CN' } as const;

const fontsFor = (eastAsia: string, latin: string) => ({ ascii: latin, hAnsi: latin, eastAsia, cs: latin, hint: 'eastAsia' });

/** Two characters of first-line indent: `w:firstLineChars` for Word, twips for readers without it. */
export const FIRST_LINE_INDENT = { firstLineChars: 200, firstLine: 2 * CHAR_TWIPS } as const;

/**
 * `w:overflowPunct`, written on in the document defaults. Word's default is on
 * already, so Word is unchanged; LibreOffice (7.4, writerfilter) reads the
 * element inverted, as “hanging punctuation” = `w:val` is 0, and without it
 * keeps its own default, hanging punctuation on: a 、 or ， that falls after
 * the 28th character of a line then hangs past the margin, drawn nowhere,
 * where xxgk's PDF (避头尾, src/text/kinsoku.ts) carries the character before
 * it to the next line. Written on, LibreOffice breaks those lines as the PDF
 * does (measured on seed-004: 4 → 11 of 12 pages starting alike, see
 * test/render/docx-pagination-libreoffice.test.ts).
 */
const OVERFLOW_PUNCTUATION = true;

/** Exactly one grid line (28.95 pt), no space before or after. */
const gridSpacing = { line: LINE_EXACT, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;

/**
 * The document defaults' paragraph properties. The library's type for them
 * lacks `overflowPunctuation`, but it writes them with its paragraph
 * properties, which have it (in schema order, before `w:spacing`).
 */
const defaultParagraph: IParagraphStylePropertiesOptions & Pick<IParagraphPropertiesOptions, 'overflowPunctuation'> = {
  spacing: gridSpacing,
  overflowPunctuation: OVERFLOW_PUNCTUATION,
};

const gridSpacingXml = `<w:spacing w:before="0" w:after="0" w:line="${LINE_EXACT}" w:lineRule="exact"/>`;
const singleSpacingXml = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>';
/**
 * Table text: two lines to a grid line less the row's rules (the PDF's
 * `tableStyle`), 279 twips; at half a grid line (289) a two-line row plus its
 * 0.5 pt rules outgrew its grid line in LibreOffice, and a table that fills a
 * page in the PDF overflowed it in the DOCX.
 */
export const TABLE_LINE = Math.floor((LINE_EXACT - (2 * TABLE_RULE * 20) / 8) / 2);
const tableSpacingXml = `<w:spacing w:before="0" w:after="0" w:line="${TABLE_LINE}" w:lineRule="exact"/>`;
const noIndentXml = '<w:ind w:left="0" w:right="0" w:firstLine="0" w:firstLineChars="0"/>';

/**
 * Styles by fonts, shared by all renders in the process: the styles are the
 * same in every report set in the same fonts, so each is built and prepared
 * once (see reuse.ts).
 */
const stylesByFonts = new BoundedCache<string, IStylesOptions>(16);

export function documentStyles(fonts: DocxFonts): IStylesOptions {
  const key = JSON.stringify([fonts.title, fonts.body, fonts.heading1, fonts.heading2, fonts.pageNumber, fonts.latin]);
  return stylesByFonts.get(key, () => {
    const { paragraphStyles = [], importedStyles = [] } = buildStyles(fonts);
    // The library writes imported styles before paragraph styles; built here as
    // components, the paragraph styles follow the imported ones the same way.
    const components = [...importedStyles, ...paragraphStyles.map((style) => new StyleForParagraph(style))];
    return { importedStyles: components.map((component) => new PreparedOnce(component)) };
  });
}

export function buildStyles(fonts: DocxFonts): IStylesOptions {
  const baseRun = {
    font: fontsFor(fonts.body, fonts.latin),
    size: SIZE.body,
    sizeComplexScript: SIZE.body,
    color: '000000',
    // −0.25 pt: 28 characters of 3号 a line (see DOC_GRID). Inherited by every
    // style based on Normal; the title, table text and page number reset it.
    characterSpacing: CHAR_SPACING,
    language,
  };
  const heading = (level: 1 | 2 | 3 | 4, font: string) => ({
    id: STYLE.heading[level - 1]!,
    name: `heading ${level}`,
    basedOn: 'Normal',
    next: STYLE.body,
    quickFormat: true,
    uiPriority: 9,
    run: {
      font: fontsFor(font, fonts.latin),
      size: SIZE.body,
      sizeComplexScript: SIZE.body,
      // GB/T 9704 names typefaces only; bold is a local habit (spec §6.4 ⚠️).
      bold: false,
      boldComplexScript: false,
      color: '000000',
    },
    paragraph: {
      alignment: AlignmentType.BOTH,
      indent: FIRST_LINE_INDENT,
      spacing: gridSpacing,
      outlineLevel: level - 1,
      keepNext: true,
      keepLines: true,
    },
  });

  return {
    paragraphStyles: [
      {
        id: 'Normal',
        name: 'Normal',
        quickFormat: true,
        run: baseRun,
        // No w:widowControl in the style chain (ECMA-376 17.3.1.44): body
        // paragraphs and headings set it themselves, as the PDF keeps their
        // lines (spec §6.9); everything else holds its full 22 lines a page.
        paragraph: { spacing: gridSpacing },
      },
      {
        id: STYLE.body,
        name: 'Body Text',
        basedOn: 'Normal',
        next: STYLE.body,
        quickFormat: true,
        paragraph: { alignment: AlignmentType.BOTH, indent: FIRST_LINE_INDENT, spacing: gridSpacing },
      },
      // 附件标识 (GB/T 9704 7.4, spec §6.4): 3号 黑体, flush left, kept with the attachment title below.
      {
        id: STYLE.attachment,
        name: 'Attachment Label',
        basedOn: 'Normal',
        next: STYLE.body,
        quickFormat: true,
        run: { font: fontsFor(fonts.heading1, fonts.latin), bold: false, boldComplexScript: false },
        paragraph: { alignment: AlignmentType.LEFT, spacing: gridSpacing, keepNext: true, keepLines: true },
      },
      heading(1, fonts.heading1),
      heading(2, fonts.heading2),
      heading(3, fonts.body),
      heading(4, fonts.body),
    ],
    // Giving `importedStyles` replaces the library's own list, document
    // defaults included, so the defaults are put back here.
    importedStyles: [
      // `w:overflowPunct` on (Word's default, written out for LibreOffice): see OVERFLOW_PUNCTUATION.
      new DocumentDefaults({ run: baseRun, paragraph: defaultParagraph }),
      ImportedXmlComponent.fromXmlString(
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>' +
          '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
      ),
      // 2号 小标宋, centred, one grid line (28.95 pt) per title line. Off the grid:
      // LibreOffice gives a line whose glyphs are taller than the grid's base
      // height two grid lines even with exact spacing; Word gives it one.
      rawParagraphStyle({
        id: STYLE.title,
        name: 'Title',
        extra: `<w:next w:val="${STYLE.body}"/><w:uiPriority w:val="10"/>`,
        pPr: `<w:keepNext/><w:keepLines/><w:snapToGrid w:val="0"/>${gridSpacingXml}${noIndentXml}<w:jc w:val="center"/>`,
        rPr: `${rFontsXml(fonts.title, fonts.latin)}<w:b w:val="0"/><w:bCs w:val="0"/><w:color w:val="000000"/><w:spacing w:val="0"/><w:sz w:val="${SIZE.title}"/><w:szCs w:val="${SIZE.title}"/>`,
      }),
      // Signature and date (spec §6.6): right-aligned on the grid; the right
      // indents are set per paragraph. No extra space between CJK and digits, as
      // the indents count a digit as exactly half a character.
      rawParagraphStyle({
        id: STYLE.signature,
        name: 'Signature',
        pPr: `<w:keepNext/><w:keepLines/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>${gridSpacingXml}<w:jc w:val="right"/>`,
        rPr: '',
      }),
      // Table text: off the grid (spec §6.7), two lines to a grid line as in the PDF
      // (exactly half a grid line each, which single-spaced 10.5–12 pt text fits); the size is set per table.
      rawParagraphStyle({
        id: STYLE.table,
        name: 'Table Text',
        custom: true,
        pPr: `<w:snapToGrid w:val="0"/>${tableSpacingXml}${noIndentXml}<w:jc w:val="left"/>`,
        rPr: '<w:spacing w:val="0"/>',
      }),
      // Page numbers: 4号 宋体, digits included (半角宋体阿拉伯数字, spec §6.4).
      rawParagraphStyle({
        id: STYLE.footer,
        name: 'footer',
        pPr: `<w:snapToGrid w:val="0"/>${singleSpacingXml}${noIndentXml}`,
        rPr: `${rFontsXml(fonts.pageNumber, fonts.pageNumber)}<w:spacing w:val="0"/><w:sz w:val="${SIZE.pageNumber}"/><w:szCs w:val="${SIZE.pageNumber}"/>`,
      }),
    ],
  };
}

function rFontsXml(eastAsia: string, latin: string): string {
  const l = escapeXml(latin);
  return `<w:rFonts w:ascii="${l}" w:hAnsi="${l}" w:eastAsia="${escapeXml(eastAsia)}" w:cs="${l}" w:hint="eastAsia"/>`;
}

/**
 * A paragraph style based on Normal, written as XML. `pPr` and `rPr` are the
 * complete property lists, in CT_PPrBase / CT_RPr element order (keepNext,
 * keepLines, autoSpaceDE, autoSpaceDN, snapToGrid, spacing, ind, jc; rFonts, b,
 * bCs, color, spacing, sz, szCs) — Word rejects elements out of order.
 */
function rawParagraphStyle(style: { id: string; name: string; custom?: boolean; extra?: string; pPr: string; rPr: string }): ImportedXmlComponent {
  return ImportedXmlComponent.fromXmlString(
    `<w:style w:type="paragraph"${style.custom ? ' w:customStyle="1"' : ''} w:styleId="${style.id}">` +
      `<w:name w:val="${escapeXml(style.name)}"/><w:basedOn w:val="Normal"/>${style.extra ?? ''}<w:qFormat/>` +
      `<w:pPr>${style.pPr}</w:pPr>` +
      (style.rPr ? `<w:rPr>${style.rPr}</w:rPr>` : '') +
      '</w:style>',
  );
}
