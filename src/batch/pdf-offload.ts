/**
 * Renders a report's PDF on a second thread while this one renders the DOCX
 * and XLSX: on a machine with two or more cores a single cold
 * `xxgk build --to docx,pdf,xlsx` then takes about as long as its longest
 * part instead of the sum of all. The thread starts loading the PDF engine
 * and fonts at once; the document follows when composed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FontArgs } from '../cli/commands/fonts.js';
import type { ReportDocument } from '../document/model.js';
import { documentForTransfer } from '../document/transfer.js';
import { FontError, type FontErrorCode } from '../fonts/errors.js';
import type { EmitterResult } from '../render/emitters.js';

/** What the thread is started with: the font options as plain data. */
export interface PdfThreadData {
  fontArgs: FontArgs;
  strictFonts: boolean;
}

export type PdfThreadReply = { bytes: Uint8Array; warnings: string[] } | { failure: { message: string; fontErrorCode?: FontErrorCode } };

export interface PdfThread {
  /** Renders one document; rejects with a FontError when a font cannot be used, as in-process rendering would. */
  render(document: ReportDocument): Promise<EmitterResult>;
  /** Stops the thread (also when nothing was rendered). */
  close(): Promise<void>;
}

function threadFile(): string | undefined {
  const file = fileURLToPath(new URL('./pdf-thread.js', import.meta.url));
  return existsSync(file) ? file : undefined;
}

/** Whether a PDF thread can be started here (the compiled thread module exists: not when running from src/). */
export function pdfThreadAvailable(): boolean {
  return threadFile() !== undefined;
}

export function startPdfThread(data: PdfThreadData): PdfThread {
  const file = threadFile();
  if (!file) throw new Error('pdf-thread.js not found; run `npm run build` first');
  const worker = new Worker(file, { workerData: data });
  let closed = false;
  // The thread must not keep the process alive once its work is done or abandoned.
  worker.unref();

  return {
    render(document) {
      return new Promise<EmitterResult>((resolve, reject) => {
        const onExit = (code: number) => {
          cleanUp();
          reject(new Error(`PDF thread stopped (exit code ${code}) before finishing`));
        };
        const onError = (error: Error) => {
          cleanUp();
          reject(error);
        };
        const onMessage = (reply: PdfThreadReply) => {
          cleanUp();
          if ('bytes' in reply) resolve({ bytes: reply.bytes, warnings: reply.warnings });
          else {
            const { message, fontErrorCode } = reply.failure;
            reject(fontErrorCode ? new FontError(fontErrorCode, message) : new Error(message));
          }
        };
        const cleanUp = () => {
          worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        };
        worker.on('message', onMessage).on('error', onError).on('exit', onExit);
        worker.postMessage(documentForTransfer(document));
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await worker.terminate();
    },
  };
}
