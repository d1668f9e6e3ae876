/**
 * One published document's bytes → text blocks, by its form: HTML page,
 * plain text, PDF with a text layer, DOCX. Every reader of a form lives in
 * its own module and hands back the same blocks (blocks.ts); this module only
 * recognises the form and decodes text. What cannot be read is a refusal with
 * a Chinese reason, never a guess.
 */
import path from 'node:path';
import type { ExtractBlock, SourceKind } from './blocks.js';
import { ENCRYPTED_DOCX, isEncryptedOffice, readDocxBlocks } from './docx.js';
import { htmlToBlocks } from './html.js';
import { readPdfBlocks } from './pdf.js';
import { textToBlocks } from './text.js';

/** Larger than any report a portal serves; refused rather than parsed. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export interface DocumentBlocks {
  blocks: ExtractBlock[];
  kind: SourceKind;
  /** The page's own title (HTML `<title>`), a hint when the body has none. */
  pageTitle?: string;
}

/** Why a document could not be read (Chinese, for the user): the caller exits 2 and writes nothing. */
export interface UnreadableDocument {
  unreadable: string;
}

export type ReadDocumentResult = DocumentBlocks | UnreadableDocument;

export function isUnreadable(result: ReadDocumentResult): result is UnreadableDocument {
  return 'unreadable' in result;
}

/** Forms not read (yet): what to tell the user. */
export const UNSUPPORTED_FORMS: Record<string, string> = {
  '.doc': '暂不支持从旧版 Word 文档（DOC）读取年度报告；请在 Word 或 WPS 中另存为 DOCX、网页（HTML）或纯文本（.txt）再读取',
  '.wps': '暂不支持从 WPS 文档读取年度报告；请在 WPS 中另存为 DOCX、网页（HTML）或纯文本（.txt）再读取',
};

/** Whether a decoded text is an HTML page (by its first tag), for input without a telling extension. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p|table|h[1-6])\b/i.test(text);
}

/** The document's form from its first bytes, then its extension. */
export function documentForm(bytes: Uint8Array, fileName: string): 'pdf' | 'docx' | 'doc' | 'wps' | 'textual' {
  if (Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-')) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'docx';
  // OLE compound file (old Word .doc, WPS .wps).
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return path.extname(fileName).toLowerCase() === '.wps' ? 'wps' : 'doc';
  return 'textual';
}

/** The text: UTF-8 (with or without a byte order mark), else GB18030, which older portals still serve. */
export function decodeText(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      return undefined;
    }
  }
}

/** The document's blocks, or why it cannot be read. `fileName` is only used for its extension. */
export async function readDocument(bytes: Uint8Array, fileName: string): Promise<ReadDocumentResult> {
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) {
    return { unreadable: `有 ${Math.round(bytes.byteLength / 1024 / 1024)} MB，超过 20 MB，不像一份年度报告，没有读取` };
  }
  const form = documentForm(bytes, fileName);
  if (form === 'pdf') return readPdfBlocks(bytes);
  if (form === 'docx') return readDocxBlocks(bytes);
  // An encrypted DOCX is an OLE container too (its EncryptedPackage stream holds the zip).
  if (form === 'doc' && isEncryptedOffice(bytes)) return { unreadable: ENCRYPTED_DOCX };
  if (form === 'doc' || form === 'wps') return { unreadable: UNSUPPORTED_FORMS[`.${form}`]! };
  const text = decodeText(bytes);
  if (text === undefined) return { unreadable: '既不是 UTF-8 也不是 GBK/GB18030 编码的文本，无法读取' };
  const extension = path.extname(fileName).toLowerCase();
  const isHtml = extension === '.html' || extension === '.htm' || extension === '.xhtml' || (extension !== '.txt' && looksLikeHtml(text));
  if (isHtml) {
    const { blocks, pageTitle } = htmlToBlocks(text);
    return { blocks, kind: 'html', ...(pageTitle ? { pageTitle } : {}) };
  }
  return { blocks: textToBlocks(text), kind: 'text' };
}
