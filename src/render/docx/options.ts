/**
 * DOCX options and font roles. Kept apart from the emitter so the CLI can
 * parse font options without loading the docx library.
 */

import type { ResolvedFonts } from '../../fonts/resolve.js';

/** Font families by role (spec §6.4). Names are written as given; Word substitutes missing fonts. */
export interface DocxFonts {
  /** 2号 title: 小标宋. */
  title: string;
  /** Body, level 3–4 headings, signature and tables: 仿宋. */
  body: string;
  /** Level 1 headings 一、: 黑体. */
  heading1: string;
  /** Level 2 headings （一）: 楷体. */
  heading2: string;
  /** Page numbers: 宋体. */
  pageNumber: string;
  /** ASCII letters and digits in running text. */
  latin: string;
}

export const DEFAULT_DOCX_FONTS: Readonly<DocxFonts> = Object.freeze({
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
});

export interface DocxOptions {
  fonts?: Partial<DocxFonts>;
  /** Mirror the margins for double-sided printing: inside 28 mm, outside 26 mm (spec §6.2). Default false. */
  mirrorMargins?: boolean;
  /**
   * The fonts the PDF is set in (`resolveFonts`). Given them, the DOCX's tables
   * break across pages only where the PDF's do (the PDF's paginator decides),
   * and a merged label cut by a break is repeated on the next page, as in the
   * PDF (spec §6.9). Costs typesetting the document once (fontkit, no pdfmake).
   */
  layoutFonts?: ResolvedFonts;
}
