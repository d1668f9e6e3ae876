/**
 * PDF emitter: renders a `ReportDocument` as a print-ready PDF laid out after
 * GB/T 9704-2012 (spec §6): A4 with 37/35/28/26 mm margins; body on a grid of
 * 22 lines of 28.991 pt and 28 characters of 15.793 pt, justified, two
 * characters of first-line indent, no line starting with closing punctuation;
 * 2号 title, 3号 headings and body in their roles' fonts; `— N —` page numbers
 * in 4号, right on odd pages and left on even ones; the signature placed as
 * 7.3.5.2 asks; the tables cell by cell from their `TableGrid`.
 *
 * Fonts come resolved (`resolveFonts`, once per process): this function only
 * reads the parsed faces, embeds the glyphs it uses as subsets with ToUnicode
 * maps, and sets every character its role's font lacks in the next font of the
 * chain. Characters no font has are reported as warnings, or refused with
 * `strictFonts`. It never looks at a format version.
 *
 * Steps: typeset every block into lines (pdf/content.ts, pdf/typeset.ts,
 * pdf/table.ts), paginate on the grid (pdf/paginate.ts), place each page's
 * lines and rules (pdf/place.ts), draw them with pdfmake's renderer and
 * pdfkit (pdf/engine.ts).
 */
import type { ReportDocument } from '../document/model.js';
import { FontError } from '../fonts/errors.js';
import type { ResolvedFonts } from '../fonts/resolve.js';
import type { FontWarning } from '../fonts/warnings.js';
import { documentFlow } from './pdf/content.js';
import { renderPages, type DocumentFonts, type PdfKitDocument } from './pdf/engine.js';
import { GlyphLedger } from './pdf/ledger.js';
import { paginate } from './pdf/paginate.js';
import { placePages, type PlacedText } from './pdf/place.js';
import { setText, type SetLine, type TypesetContext } from './pdf/typeset.js';
import { emBoxAscent, FaceEmbedding, FontView } from './pdf/fonts.js';
import { PAGE, PAGE_NUMBER } from './pdf/layout.js';
import { STYLE, ViewRegistry } from './pdf/styles.js';

export { MissingTableValueError } from './pdf/table.js';
export { CHAR_PITCH, LINE_PITCH, PAGE as PDF_PAGE, TEXT_HEIGHT, TEXT_WIDTH } from './pdf/layout.js';

export interface PdfOptions {
  /** The fonts of every role, from `resolveFonts(catalog, config)`; resolve once and reuse. */
  fonts: ResolvedFonts;
  /** Refuse (throw FontError) instead of warning when some character has no font. */
  strictFonts?: boolean;
  /** Include the roles' font substitution warnings in the result (default true). */
  fontWarnings?: boolean;
  /** PDF creation date (default: now). Fix it for byte-identical output. */
  creationDate?: Date;
}

export interface PdfResult {
  bytes: Uint8Array;
  /** Fonts substituted for the mandated ones, characters set in a fallback font, characters no font has. */
  warnings: FontWarning[];
  pages: number;
}

export async function renderPdf(document: ReportDocument, options: PdfOptions): Promise<PdfResult> {
  const { fonts } = options;
  const views = new ViewRegistry();
  const ledger = new GlyphLedger();
  const context: TypesetContext = { fonts, views, ledger };

  const pages = paginate(documentFlow(document.blocks, context));
  const pageNumbers = pages.map((_, i) => pageNumberLine(context, i + 1));
  const glyphWarnings = ledger.warnings();
  const missing = glyphWarnings.find((warning) => warning.code === 'FONT-MISSING-GLYPHS');
  if (missing && options.strictFonts) {
    throw new FontError('missing-glyphs', `${missing.message}（因指定了 --strict-fonts，未生成 PDF）`);
  }

  const pageNumberY = PAGE.height - PAGE.bottom + pageNumberTop(fonts);
  const drawings = placePages(pages, (page) => pageNumberDrawing(pageNumbers[page - 1]!, page, pageNumberY));
  const rendered = await renderPages(
    {
      pageSize: { width: PAGE.width, height: PAGE.height },
      info: {
        Title: document.meta.title,
        Author: document.meta.organization,
        Subject: document.meta.formatName,
        Creator: 'xxgk',
        Producer: 'xxgk (pdfmake, pdfkit)',
        CreationDate: options.creationDate ?? new Date(),
      },
      language: document.meta.language,
    },
    drawings,
    (pdf) => documentFonts(pdf, views),
  );

  const warnings: FontWarning[] = [...(options.fontWarnings === false ? [] : fonts.warnings), ...glyphWarnings];
  return { bytes: rendered.bytes, warnings, pages: rendered.pages };
}

/**
 * The fonts of one PDF: one embedding per face, shared by all views of that
 * face; views and embeddings are made on first use, so only faces that print
 * something are embedded.
 */
export function documentFonts(pdf: PdfKitDocument, views: ViewRegistry): DocumentFonts {
  const embeddings = new Map<string, FaceEmbedding>();
  const made = new Map<string, FontView>();
  return {
    view(key) {
      let view = made.get(key);
      if (!view) {
        const spec = views.specs.get(key);
        if (!spec) throw new Error(`PDF: no font view ${key}`);
        let embedding = embeddings.get(spec.face.key);
        if (!embedding) {
          embedding = new FaceEmbedding(pdf, spec.face, `X${embeddings.size + 1}`, views.measurer.cacheFor(spec.face));
          embeddings.set(spec.face.key, embedding);
        }
        view = new FontView(embedding, spec);
        made.set(key, view);
      }
      return view;
    },
    finalize() {
      for (const embedding of embeddings.values()) embedding.finalize();
    },
  };
}

/** The `— N —` page number (spec §6.5): 4号, half-width digits, an em dash and a space either side. */
function pageNumberLine(context: TypesetContext, page: number): SetLine {
  const [line] = setText(context, `\u2014 ${page} \u2014`, STYLE.pageNumber, '页码', { width: PAGE.width, alignment: 'left' });
  return line!;
}

/** The page number in the bottom margin, one 4号 character in from the text block's outer edge: right on odd pages, left on even ones. */
function pageNumberDrawing(line: SetLine, page: number, top: number): PlacedText {
  const inset = PAGE_NUMBER.inset;
  if (page % 2 === 1) return { kind: 'text', line, x: 0, y: top, width: PAGE.width - (PAGE.right + inset), alignment: 'right' };
  return { kind: 'text', line, x: PAGE.left + inset, y: top, width: PAGE.width - (PAGE.left + inset), alignment: 'left' };
}

/**
 * Offset from the top of the bottom margin to the top of the page-number line
 * so that the centre of the em dash lands 28 mm above the page's bottom edge.
 */
function pageNumberTop(fonts: ResolvedFonts): number {
  const face = fonts.chain('pageNumber').faceFor(0x2014) ?? fonts.roles.pageNumber.face;
  const size = STYLE.pageNumber.size;
  const upm = face.font.unitsPerEm;
  const glyph = face.font.glyphForCodePoint(0x2014);
  face.ensureGlyphs([glyph.id]); // the bbox comes from the outline
  const box = glyph.bbox;
  const dashCentreAboveBaseline = box && box.maxY > box.minY ? ((box.minY + box.maxY) / 2 / upm) * size : 0.3 * size;
  // The line box is one em tall with the em box in it, so the baseline is emAscent below its top.
  const baselineFromTop = emBoxAscent(face) * size;
  const dashCentreFromMarginTop = PAGE.bottom - PAGE_NUMBER.dashCentreFromBottom;
  return dashCentreFromMarginTop - (baselineFromTop - dashCentreAboveBaseline);
}
