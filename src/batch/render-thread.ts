/**
 * A worker thread that renders one kind of output of a report (the PDF, the
 * XLSX) while the main thread renders the others (see render-offload.ts).
 * Loading an emitter (the PDF engine and fonts, exceljs) is most of its cost
 * in a fresh process; the thread does it as soon as it starts, in parallel
 * with the main thread's validation and composition, instead of after them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ReportDocument } from '../document/model.js';
import { documentFromTransfer } from '../document/transfer.js';
import { FontError } from '../fonts/errors.js';
import type { EmitterOptions, EmitterResult } from '../render/emitters.js';
import type { RenderRequest, RenderThreadData, RenderThreadReply } from './render-offload.js';

const { kind, fontOptions, strictFonts } = workerData as RenderThreadData;

/** The emitter, loaded at once, with what it needs that is the same for every document (the PDF's fonts). */
const ready = (async (): Promise<(document: ReportDocument, options: EmitterOptions) => Promise<EmitterResult>> => {
  const { loadEmitter } = await import('../render/emitters.js');
  const emitter = await loadEmitter(kind);
  if (kind !== 'pdf') return (document, options) => emitter.render(document, options);
  const { resolveFontOptions } = await import('../fonts/options.js');
  const fonts = await resolveFontOptions(fontOptions ?? {});
  return (document, options) => emitter.render(document, { ...options, pdf: { fonts, strictFonts: strictFonts ?? false } });
})();
// A problem (a font that cannot be used) is reported when a document is sent, not as an unhandled rejection here.
ready.catch(() => {});

async function render({ document, options }: RenderRequest): Promise<RenderThreadReply> {
  try {
    const result = await (await ready)(documentFromTransfer(document), options);
    return { bytes: result.bytes, warnings: result.warnings };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { failure: error instanceof FontError ? { message, fontErrorCode: error.code } : { message } };
  }
}

parentPort!.on('message', (request: RenderRequest) => {
  void render(request).then((reply) => {
    const transfer = 'bytes' in reply ? [reply.bytes.buffer as ArrayBuffer] : [];
    parentPort!.postMessage(reply, transfer);
  });
});
