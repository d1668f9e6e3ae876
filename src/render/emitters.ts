/**
 * The output kinds `xxgk build --to` knows, each loaded only when asked for,
 * so `xxgk validate` and a DOCX-only build never pay for pdfmake or exceljs.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ReportDocument } from '../document/model.js';
import type { ResolvedFonts } from '../fonts/resolve.js';
import type { DocxOptions } from './docx/options.js';
import type { HtmlOptions } from './html.js';
import type { PdfOptions } from './pdf.js';
import type { XlsxOptions } from './xlsx/report-workbook.js';

export type OutputKind = 'docx' | 'pdf' | 'xlsx' | 'html';

export const OUTPUT_KINDS: readonly OutputKind[] = ['docx', 'pdf', 'xlsx', 'html'];

/** File name extension of each output kind, known without loading its emitter. */
export const EXTENSIONS: Readonly<Record<OutputKind, string>> = { docx: '.docx', pdf: '.pdf', xlsx: '.xlsx', html: '.html' };

export interface EmitterOptions {
  docx?: DocxOptions;
  /** Required for PDF output: the resolved fonts (resolve once per process and reuse). */
  pdf?: PdfOptions;
  xlsx?: XlsxOptions;
  html?: HtmlOptions;
}

export interface EmitterResult {
  bytes: Uint8Array;
  /** Things the user should know (a substituted font, a character no font has): FONT-* diagnostics with Chinese messages. */
  warnings: Diagnostic[];
}

export interface Emitter {
  extension: string;
  render(document: ReportDocument, options: EmitterOptions): Promise<EmitterResult>;
}

let bundledFonts: Promise<ResolvedFonts> | undefined;

/** The bundled faces only (no system font search): the DOCX's page layout when no PDF fonts were resolved. */
function bundledLayoutFonts(): Promise<ResolvedFonts> {
  bundledFonts ??= (async () => {
    const [{ createFontCatalog }, { resolveFonts }] = await Promise.all([import('../fonts/catalog.js'), import('../fonts/resolve.js')]);
    return resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));
  })();
  return bundledFonts;
}

export async function loadEmitter(kind: OutputKind): Promise<Emitter> {
  switch (kind) {
    case 'docx': {
      const { renderDocx } = await import('./docx.js');
      // The DOCX's tables break where the PDF's do (a merged label cut by a break is repeated): laid out
      // in the PDF's fonts when they are at hand, else in the bundled faces (resolved once per process).
      const docxOptions = async (options: EmitterOptions) =>
        options.docx?.layoutFonts ? options.docx : { ...options.docx, layoutFonts: options.pdf?.fonts ?? (await bundledLayoutFonts()) };
      return { extension: EXTENSIONS.docx, render: async (document, options) => ({ bytes: await renderDocx(document, await docxOptions(options)), warnings: [] }) };
    }
    case 'pdf': {
      const { renderPdf } = await import('./pdf.js');
      return {
        extension: EXTENSIONS.pdf,
        async render(document, options) {
          if (!options.pdf) throw new Error('PDF output needs resolved fonts (EmitterOptions.pdf)');
          const result = await renderPdf(document, options.pdf);
          return { bytes: result.bytes, warnings: result.warnings };
        },
      };
    }
    case 'xlsx': {
      // exceljs itself is loaded here too, so that whoever loads the emitter ahead of time (a batch worker) pays for it then.
      const [{ renderXlsx }, { loadExcelJs }] = await Promise.all([import('./xlsx.js'), import('./xlsx/sheet.js')]);
      await loadExcelJs();
      return { extension: EXTENSIONS.xlsx, render: async (document, options) => ({ bytes: await renderXlsx(document, options.xlsx), warnings: [] }) };
    }
    case 'html': {
      const { renderHtml } = await import('./html.js');
      return { extension: EXTENSIONS.html, render: async (document, options) => ({ bytes: renderHtml(document, options.html), warnings: [] }) };
    }
  }
}
