/**
 * The PDF's page-break decisions the DOCX mirrors (src/render/docx.ts,
 * src/render/docx/table.ts): the document is typeset and paginated exactly as
 * `renderPdf` does it (pdf/content.ts, pdf/paginate.ts), nothing is drawn.
 * Loads fontkit's faces, not pdfmake.
 */
import type { ReportDocument } from '../../document/model.js';
import type { ResolvedFonts } from '../../fonts/resolve.js';
import { documentFlow, type FlowItem } from './content.js';
import { GlyphLedger } from './ledger.js';
import { paginate, tableBreaks, type TableBreaks } from './paginate.js';
import { ViewRegistry } from './styles.js';

export type { TableBreaks } from './paginate.js';

/** What the DOCX takes from the PDF's layout. */
export interface PdfBreaks {
  /** Each table's breaks, tables in document order. */
  tables: TableBreaks[];
  /**
   * The paragraph just before the signature: its lines (the two the signature
   * takes along, spec §6.9, may come from one paragraph or two) and whether a
   * page break falls inside it; undefined without a signature after text.
   */
  beforeSignature?: { lines: number; split: boolean };
}

/** The PDF's breaks, set in `fonts`. */
export function pdfBreaks(document: ReportDocument, fonts: ResolvedFonts): PdfBreaks {
  const flow = documentFlow(document.blocks, { fonts, views: new ViewRegistry(), ledger: new GlyphLedger() });
  const before = paragraphBeforeSignature(flow);
  return { tables: tableBreaks(flow), ...(before === undefined ? {} : { beforeSignature: before }) };
}

/** Each table's breaks in the PDF set in `fonts`, tables in document order. */
export function pdfTableBreaks(document: ReportDocument, fonts: ResolvedFonts): TableBreaks[] {
  return pdfBreaks(document, fonts).tables;
}

/** The paragraph whose last line stands before the signature group (and its blank line): its lines, and whether the pages break inside it. */
function paragraphBeforeSignature(flow: readonly FlowItem[]): { lines: number; split: boolean } | undefined {
  const signature = flow.findLastIndex((item) => item.kind === 'group');
  const last = signature - 2;
  const before = flow[last];
  if (signature < 0 || before?.kind !== 'line') return undefined;
  const lines = before.paragraph?.count ?? 1;
  // Paginate the same flow with each item named by its index, to see on which page each of the paragraph's lines lands.
  const marked = flow.map((item, i): FlowItem<number | null> => {
    switch (item.kind) {
      case 'line':
        return { ...item, node: i };
      case 'group':
        return { ...item, nodes: item.nodes.map(() => null) };
      case 'pageBreak':
        return item;
      case 'table':
        return { kind: 'table', table: { ...item.table, part: () => null } };
    }
  });
  const pageOf = new Map<number, number>();
  paginate(marked).forEach((page, p) => page.forEach((node) => node !== null && pageOf.set(node, p)));
  return { lines, split: pageOf.get(last - lines + 1) !== pageOf.get(last) };
}
