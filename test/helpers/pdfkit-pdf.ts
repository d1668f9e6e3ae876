/**
 * PDFs made with pdfkit from node_modules, not through xxgk's bundle (whose
 * AES is left out): test input for the PDF reader (encrypted, scanned, …).
 */
import { createRequire } from 'node:module';

/** The few pdfkit calls the tests make. */
export interface PdfKitDocument {
  on(event: 'data' | 'end' | 'error', listener: (chunk: Buffer) => void): void;
  text(text: string, x?: number | Record<string, unknown>, y?: number, options?: Record<string, unknown>): PdfKitDocument;
  fontSize(size: number): PdfKitDocument;
  on(event: 'pageAdded', listener: () => void): void;
  image(data: Buffer, x: number, y: number, options: { width: number }): PdfKitDocument;
  addPage(options: { size: [number, number] }): PdfKitDocument;
  end(): void;
}
const PDFDocument = createRequire(import.meta.url)('pdfkit') as new (options: Record<string, unknown>) => PdfKitDocument;

/** A PDF: `options` as pdfkit takes them (userPassword, autoFirstPage, …), the pages drawn by `draw`. */
export function pdfkitPdf(options: Record<string, unknown>, draw: (doc: PdfKitDocument) => void): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ ...options, compress: false });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

/** A 2 × 2 grey PNG: the page of a “scanned” PDF. */
export const IMAGE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAAAAABX3VL4AAAADklEQVR4nGNgYGBgYAAAAAUAAXpeqz8AAAAASUVORK5CYII=', 'base64');

/** An encrypted PDF (an open password) and a scanned one (an image, no text). */
export const encryptedPdf = () => pdfkitPdf({ userPassword: 'secret', pdfVersion: '1.4' }, (doc) => doc.text('2024 annual report'));
export const scannedPdf = () => pdfkitPdf({}, (doc) => doc.image(IMAGE_PNG, 50, 50, { width: 400 }));
