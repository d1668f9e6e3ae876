/**
 * What every reader of a published report (HTML page, plain text, and later
 * DOCX and PDF) hands to the recogniser: the document's text blocks in
 * order. A paragraph is one printed paragraph (or, for text copied from a
 * page, one line); a table is its rows of cell texts with merged cells
 * repeated in every row and column they cover, each repeat naming its origin.
 */
export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  /** The block stood on its own as a heading element (HTML h1–h6). */
  heading?: boolean;
  /** Text copied from a page: headings may stand inside the paragraph, and tables arrive flattened into it. */
  flat?: boolean;
  /**
   * Text copied from a page: more empty lines than the text's usual spacing
   * stood before this line — where a flattened table had a blank cell.
   */
  gapBefore?: boolean;
  /**
   * A level-1 heading (二、工作机制保障) that is not one of the six mandated
   * parts, in a report not laid out in them: kept as a heading inside the
   * part it falls in (structure.ts, the loose reading).
   */
  foreignHeading?: boolean;
}

export interface TableCellText {
  text: string;
  /** Identifies the printed cell: every position a merged cell covers carries the same origin. */
  origin: number;
  /** The printed row the cell starts in (it covers later rows when merged down). */
  startRow: number;
}

export interface TableBlockText {
  kind: 'table';
  /** Rows of cells, merges expanded (a cell with colspan 3 stands three times, same origin). */
  rows: TableCellText[][];
}

export type ExtractBlock = ParagraphBlock | TableBlockText;

/** Where the blocks came from: an HTML page, copied text, a PDF's text layer, a Word document. */
export type SourceKind = 'html' | 'text' | 'pdf' | 'docx';

/** The form's name in messages. */
export const SOURCE_KIND_NAMES: Record<SourceKind, string> = { html: '网页', text: '文本', pdf: 'PDF 文件', docx: 'Word 文档' };

/**
 * The form in which printed labels are compared: compatibility forms folded
 * (full-width brackets, digits and colons become ASCII), white space and
 * quotation marks dropped, and the numbering mark “1、” read as “1.”.
 */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[“”"‘’'「」『』]/g, '')
    .replace(/(\d)[、.,，]/g, '$1.')
    .replace(/[，]/g, ',');
}

/** Collapses runs of white space inside a paragraph (portals indent with spaces and non-breaking spaces). */
export function cleanParagraph(text: string): string {
  return text.replace(/[\u00a0\u3000]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Length of the longest common subsequence of two strings (labels are short). */
function lcs(a: string, b: string): number {
  const previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const saved = previous[j]!;
      previous[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(previous[j]!, previous[j - 1]!);
      diagonal = saved;
    }
  }
  return previous[b.length]!;
}

/** How alike two labels are, 0–1, after normalisation (1: the same). */
export function labelSimilarity(printed: string, mandated: string): number {
  const a = normalizeLabel(printed);
  const b = normalizeLabel(mandated);
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  return (2 * lcs(a, b)) / (a.length + b.length);
}

/** Labels at least this alike are taken for the mandated one (and the difference reported). */
export const LABEL_MATCH = 0.6;
