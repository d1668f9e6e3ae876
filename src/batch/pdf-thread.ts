/**
 * A worker thread that renders one report's PDF while the main thread renders
 * its other outputs (see pdf-offload.ts). The PDF engine and the fonts are the
 * largest part of a cold `xxgk build --to docx,pdf,xlsx`; this thread loads
 * them as soon as it starts, in parallel with the main thread's validation
 * and composition, instead of after them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ReportDocument } from '../document/model.js';
import { documentFromTransfer, type TransferredDocument } from '../document/transfer.js';
import { FontError } from '../fonts/errors.js';
import type { PdfThreadData, PdfThreadReply } from './pdf-offload.js';

const { fontArgs, strictFonts } = workerData as PdfThreadData;

const engine = (async () => {
  const [{ renderPdf }, { catalogFromArgs, fontConfigFromArgs }, { resolveFonts }] = await Promise.all([
    import('../render/pdf.js'),
    import('../cli/commands/fonts.js'),
    import('../fonts/resolve.js'),
  ]);
  const fonts = resolveFonts(await catalogFromArgs(fontArgs), await fontConfigFromArgs(fontArgs));
  return { renderPdf, fonts };
})();
// A font problem is reported when a PDF is asked for, not as an unhandled rejection here.
engine.catch(() => {});

async function render(document: ReportDocument): Promise<PdfThreadReply> {
  try {
    const { renderPdf, fonts } = await engine;
    const result = await renderPdf(document, { fonts, strictFonts });
    return { bytes: result.bytes, warnings: result.warnings.map((warning) => warning.message) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { failure: error instanceof FontError ? { message, fontErrorCode: error.code } : { message } };
  }
}

parentPort!.on('message', (transferred: TransferredDocument) => {
  void render(documentFromTransfer(transferred)).then((reply) => {
    const transfer = 'bytes' in reply ? [reply.bytes.buffer as ArrayBuffer] : [];
    parentPort!.postMessage(reply, transfer);
  });
});
