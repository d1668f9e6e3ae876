/**
 * Renders some of a report's outputs on other threads while this one renders
 * the rest: on a machine with two or more cores a single cold
 * `xxgk build --to docx,pdf,xlsx` then takes about as long as its longest
 * part instead of the sum of all. Each thread starts loading its emitter (and
 * the PDF's fonts) at once; the document follows when composed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ReportDocument } from '../document/model.js';
import { documentForTransfer, type TransferredDocument } from '../document/transfer.js';
import { FontError, type FontErrorCode } from '../fonts/errors.js';
import type { FontOptions } from '../fonts/options.js';
import type { EmitterOptions, EmitterResult, OutputKind } from '../render/emitters.js';

/** What a thread is started with: its output kind and, for the PDF, the font options as plain data. */
export interface RenderThreadData {
  kind: OutputKind;
  fontOptions?: FontOptions;
  strictFonts?: boolean;
}

/** Emitter options a thread can receive: the PDF's resolved fonts stay in the thread that resolved them. */
export type ThreadEmitterOptions = Omit<EmitterOptions, 'pdf'>;

export interface RenderRequest {
  document: TransferredDocument;
  options: ThreadEmitterOptions;
}

export type RenderThreadReply = { bytes: Uint8Array; warnings: Diagnostic[] } | { failure: { message: string; fontErrorCode?: FontErrorCode } };

export interface RenderThread {
  /** Renders one document; rejects with a FontError when a font cannot be used, as rendering here would. */
  render(document: ReportDocument, options?: ThreadEmitterOptions): Promise<EmitterResult>;
  /** Stops the thread (also when nothing was rendered). */
  close(): Promise<void>;
}

/** Set (to true) by esbuild in the script started from the code cache, whose threads start from it too (src/cli/cold). */
declare const __XXGK_CODE_CACHE__: boolean | undefined;

function threadFile(): string | undefined {
  const cached = typeof __XXGK_CODE_CACHE__ !== 'undefined' && __XXGK_CODE_CACHE__;
  const file = fileURLToPath(new URL(cached ? '../cli/cold/render-thread-entry.js' : './render-thread.js', import.meta.url));
  return existsSync(file) ? file : undefined;
}

/** Whether render threads can be started here (the compiled thread module exists: not when running from src/). */
export function renderThreadsAvailable(): boolean {
  return threadFile() !== undefined;
}

export function startRenderThread(data: RenderThreadData): RenderThread {
  const file = threadFile();
  if (!file) throw new Error('render-thread.js not found; run `npm run build` first');
  const worker = new Worker(file, { workerData: data });
  // The thread must not keep the process alive once its work is done or abandoned.
  worker.unref();
  let closed = false;

  return {
    render(document, options = {}) {
      return new Promise<EmitterResult>((resolve, reject) => {
        const onExit = (code: number) => {
          cleanUp();
          reject(new Error(`${data.kind} render thread stopped (exit code ${code}) before finishing`));
        };
        const onError = (error: Error) => {
          cleanUp();
          reject(error);
        };
        const onMessage = (reply: RenderThreadReply) => {
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
        const request: RenderRequest = { document: documentForTransfer(document), options };
        worker.postMessage(request);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await worker.terminate();
    },
  };
}
