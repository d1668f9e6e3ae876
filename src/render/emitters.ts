/**
 * The output kinds `xxgk build --to` knows, each loaded only when asked for,
 * so `xxgk validate` and a DOCX-only build never pay for pdfmake or exceljs.
 */
import type { ReportDocument } from '../document/model.js';
import type { DocxOptions } from './docx/options.js';
import type { XlsxOptions } from './xlsx/report-workbook.js';

export type OutputKind = 'docx' | 'xlsx';

export const OUTPUT_KINDS: readonly OutputKind[] = ['docx', 'xlsx'];

export interface EmitterOptions {
  docx?: DocxOptions;
  xlsx?: XlsxOptions;
}

export interface Emitter {
  extension: string;
  render(document: ReportDocument, options: EmitterOptions): Promise<Uint8Array>;
}

export async function loadEmitter(kind: OutputKind): Promise<Emitter> {
  switch (kind) {
    case 'docx': {
      const { renderDocx } = await import('./docx.js');
      return { extension: '.docx', render: (document, options) => renderDocx(document, options.docx) };
    }
    case 'xlsx': {
      const { renderXlsx } = await import('./xlsx.js');
      return { extension: '.xlsx', render: (document, options) => renderXlsx(document, options.xlsx) };
    }
  }
}
