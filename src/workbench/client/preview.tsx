/**
 * The real pages: the PDF the server renders, drawn page by page with
 * pdf.js (its worker served from the package), refreshed after the clerk
 * stops typing.
 */
import { GlobalWorkerOptions, PDFWorker, getDocument } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'preact/hooks';
import { render } from './api.js';

GlobalWorkerOptions.workerSrc = '/assets/pdf.worker.min.mjs';

const DEBOUNCE_MS = 250;

/** One pdf.js worker for every refresh: starting a worker (and parsing its 1 MB script) each time costs more than drawing. */
let worker: PDFWorker | undefined;

export function Preview(props: { request: unknown; revision: number }) {
  const pagesRef = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState('正在生成预览……');
  const [pages, setPages] = useState<number | undefined>(undefined);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  /** Counts the refreshes drawn, so a test or the bench can wait for the next one. */
  const [stamp, setStamp] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    const timer = setTimeout(async () => {
      setStatus('正在生成预览……');
      try {
        const rendered = await render(props.request);
        if (ticket !== latest.current) return;
        const pdf = await getDocument({ data: new Uint8Array(rendered.bytes), isEvalSupported: false, worker: (worker ??= new PDFWorker()) }).promise;
        const canvases: HTMLCanvasElement[] = [];
        for (let number = 1; number <= pdf.numPages; number++) {
          const page = await pdf.getPage(number);
          const viewport = page.getViewport({ scale: 0.75 });
          const canvas = document.createElement('canvas');
          canvas.width = Math.floor(viewport.width);
          canvas.height = Math.floor(viewport.height);
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', `预览第 ${number} 页`);
          canvas.className = 'page';
          await page.render({ canvasContext: canvas.getContext('2d')!, viewport }).promise;
          canvases.push(canvas);
        }
        await pdf.destroy();
        if (ticket !== latest.current || !pagesRef.current) return;
        pagesRef.current.replaceChildren(...canvases);
        setPages(pdf.numPages);
        setWarnings(rendered.warnings);
        setError(undefined);
        setStatus(`预览已更新，共 ${pdf.numPages} 页`);
        setStamp((n) => n + 1);
      } catch (failure) {
        if (ticket !== latest.current) return;
        setError(failure instanceof Error ? failure.message : String(failure));
        setStatus('预览未能更新');
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [props.revision]);

  return (
    <section class="preview" aria-labelledby="preview-h" tabIndex={0}>
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
