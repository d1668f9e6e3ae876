/**
 * The real pages: the PDF the server renders, drawn page by page with
 * pdf.js (its worker served from the package), refreshed after the clerk
 * stops typing.
 *
 * Speed (issue #14: ≤ 600 ms from the last edit to the new pages): a short
 * pause, one render asked of the server at a time (a newer edit aborts the
 * request in flight and supersedes a drawing under way), and only the pages
 * in sight drawn before the refresh counts as done; every other page keeps
 * its canvas (with the previous drawing) and is drawn from the new document
 * when it scrolls into sight. Each page is drawn into one reused scratch
 * canvas and copied onto its own, so the page's layout never changes while
 * drawing and no half-drawn page shows. Glyphs are drawn as paths
 * (`disableFontFace`): loading each new PDF's subset fonts into the page's
 * FontFaceSet made the browser restyle and lay out the whole workbench on
 * every refresh, which cost more than the drawing.
 */
import { GlobalWorkerOptions, PDFWorker, getDocument, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'preact/hooks';
import { render } from './api.js';

GlobalWorkerOptions.workerSrc = '/assets/pdf.worker.min.mjs';

/** The pause after an edit before the preview is asked for: it counts against the 600 ms. */
const DEBOUNCE_MS = 90;
const SCALE = 0.75;
/**
 * Pages this close to the preview's visible part count as in sight. The
 * refresh and the observer must use the same margin: a page the observer
 * already sees does not fire again when it scrolls fully into view.
 */
const NEAR_PX = 0;

/** One pdf.js worker for every refresh: starting a worker (and parsing its 1 MB script) each time costs more than drawing. */
let worker: PDFWorker | undefined;

/** The document on screen, and which of its pages each canvas shows. */
interface Shown {
  pdf: PDFDocumentProxy;
  generation: number;
}

function pageCanvas(number: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `预览第 ${number} 页`);
  canvas.className = 'page';
  return canvas;
}

/** Whether a canvas is within NEAR_PX of what the clerk sees (the scrolling preview box and the window). */
function inSight(canvas: HTMLCanvasElement, box: HTMLElement | null): boolean {
  const rect = canvas.getBoundingClientRect();
  let top = -NEAR_PX;
  let bottom = window.innerHeight + NEAR_PX;
  if (box) {
    const outer = box.getBoundingClientRect();
    top = Math.max(top, outer.top - NEAR_PX);
    bottom = Math.min(bottom, outer.bottom + NEAR_PX);
  }
  return rect.bottom >= top && rect.top <= bottom;
}

export function Preview(props: { request: unknown; revision: number }) {
  const pagesRef = useRef<HTMLDivElement>(null);
  const boxRef = useRef<HTMLElement>(null);
  const [status, setStatus] = useState('正在生成预览……');
  const [pages, setPages] = useState<number | undefined>(undefined);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  /** Counts the refreshes drawn, so a test or the bench can wait for the next one. */
  const [stamp, setStamp] = useState(0);
  const latest = useRef(0);
  const inFlight = useRef<AbortController | undefined>(undefined);
  const shown = useRef<Shown | undefined>(undefined);
  const drawing = useRef<{ task?: RenderTask; queue: Promise<void> }>({ queue: Promise.resolve() });
  const scratch = useRef<HTMLCanvasElement | undefined>(undefined);
  const observer = useRef<IntersectionObserver | undefined>(undefined);

  /** Draws page `number` of the shown document onto its canvas, unless it shows it already or a newer document came. */
  function draw(canvas: HTMLCanvasElement, number: number): Promise<void> {
    const run = async () => {
      const current = shown.current;
      if (!current || canvas.dataset.generation === String(current.generation) || !canvas.isConnected) return;
      const page = await current.pdf.getPage(number);
      if (shown.current !== current) return;
      const viewport = page.getViewport({ scale: SCALE });
      const work = (scratch.current ??= document.createElement('canvas'));
      work.width = Math.floor(viewport.width);
      work.height = Math.floor(viewport.height);
      const task = page.render({ canvasContext: work.getContext('2d', { alpha: false })!, viewport });
      drawing.current.task = task;
      try {
        await task.promise;
      } finally {
        drawing.current.task = undefined;
      }
      if (shown.current !== current) return;
      if (canvas.width !== work.width) canvas.width = work.width;
      if (canvas.height !== work.height) canvas.height = work.height;
      canvas.getContext('2d', { alpha: false })!.drawImage(work, 0, 0);
      canvas.dataset.generation = String(current.generation);
      page.cleanup();
    };
    const next = drawing.current.queue.then(run, run);
    drawing.current.queue = next.catch(() => undefined);
    return next;
  }

  useEffect(() => {
    // A page scrolled into sight is drawn from the document on screen.
    observer.current = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          const canvas = entry.target as HTMLCanvasElement;
          void draw(canvas, Number(canvas.dataset.page)).catch(() => undefined);
        }
      },
      { rootMargin: `${NEAR_PX}px 0px` },
    );
    return () => {
      observer.current?.disconnect();
      inFlight.current?.abort();
      void shown.current?.pdf.destroy();
    };
  }, []);

  useEffect(() => {
    const ticket = ++latest.current;
    // A new edit: the render asked for and the page being drawn are already out of date. Stopping them at once leaves
    // the cores to the keystroke (its message on the cell) instead of finishing work that will be thrown away.
    inFlight.current?.abort();
    drawing.current.task?.cancel();
    const timer = setTimeout(async () => {
      setStatus('正在生成预览……');
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      try {
        const rendered = await render(props.request, '/api/render', controller.signal);
        if (ticket !== latest.current) return;
        const pdf = await getDocument({ data: new Uint8Array(rendered.bytes), isEvalSupported: false, disableFontFace: true, worker: (worker ??= new PDFWorker()) }).promise;
        if (ticket !== latest.current || !pagesRef.current) {
          void pdf.destroy();
          return;
        }
        // The drawing of the previous document stops; its pages stay on screen until redrawn.
        drawing.current.task?.cancel();
        const previous = shown.current;
        const current: Shown = { pdf, generation: (previous?.generation ?? 0) + 1 };
        shown.current = current;
        void previous?.pdf.destroy();
        const container = pagesRef.current;
        const canvases = [...container.querySelectorAll<HTMLCanvasElement>('canvas.page')];
        for (const extra of canvases.splice(pdf.numPages)) {
          observer.current?.unobserve(extra);
          extra.remove();
        }
        if (canvases.length < pdf.numPages) {
          const first = await pdf.getPage(1);
          const size = first.getViewport({ scale: SCALE });
          for (let number = canvases.length + 1; number <= pdf.numPages; number++) {
            const canvas = pageCanvas(number);
            canvas.width = Math.floor(size.width);
            canvas.height = Math.floor(size.height);
            canvas.dataset.page = String(number);
            container.append(canvas);
            canvases.push(canvas);
            observer.current?.observe(canvas);
          }
        }
        // The pages in sight now; the others when they come into sight (the observer).
        for (const [index, canvas] of canvases.entries()) {
          if (inSight(canvas, boxRef.current)) await draw(canvas, index + 1);
          if (shown.current !== current) return;
        }
        setPages(pdf.numPages);
        setWarnings(rendered.warnings);
        setError(undefined);
        setStatus(`预览已更新，共 ${pdf.numPages} 页`);
        setStamp((n) => n + 1);
      } catch (failure) {
        if (ticket !== latest.current || controller.signal.aborted) return;
        setError(failure instanceof Error ? failure.message : String(failure));
        setStatus('预览未能更新');
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [props.revision]);

  return (
    <section class="preview" aria-labelledby="preview-h" tabIndex={0} ref={boxRef}>
      <h2 id="preview-h">页面预览</h2>
      <p role="status" class="preview-status" data-pages={pages ?? ''} data-stamp={stamp}>
        {status}
      </p>
      {error ? <p class="error-text">{error}</p> : null}
      {warnings.length ? (
        <details class="font-notices">
          <summary>字体提示（{warnings.length} 条）</summary>
          <ul>
            {warnings.map((w) => (
              <li>{w}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <div class="pages" ref={pagesRef} />
    </section>
  );
}
