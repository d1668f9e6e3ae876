/**
 * The PDF's page breaks inside the tables of a document, for the DOCX
 * (src/render/docx/table.ts): the document is typeset and paginated exactly as
 * `renderPdf` does it (pdf/content.ts, pdf/paginate.ts), nothing is drawn.
 * Loads fontkit's faces, not pdfmake.
 */
import type { ReportDocument } from '../../document/model.js';
import type { ResolvedFonts } from '../../fonts/resolve.js';
import { documentFlow } from './content.js';
import { GlyphLedger } from './ledger.js';
import { tableBreaks, type TableBreaks } from './paginate.js';
import { ViewRegistry } from './styles.js';

export type { TableBreaks } from './paginate.js';

/** Each table's breaks in the PDF set in `fonts`, tables in document order. */
export function pdfTableBreaks(document: ReportDocument, fonts: ResolvedFonts): TableBreaks[] {
  return tableBreaks(documentFlow(document.blocks, { fonts, views: new ViewRegistry(), ledger: new GlyphLedger() }));
}
