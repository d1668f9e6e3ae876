export { extractDocument, extractReport, extractFromBlocks, extractedYaml, isSixPartFormat, uncoveredYear, type ExtractOptions, type ExtractResult } from './extract.js';
export { decodeText, documentForm, isUnreadable, looksLikeHtml, MAX_DOCUMENT_BYTES, readDocument, UNSUPPORTED_FORMS, type DocumentBlocks, type ReadDocumentResult, type UnreadableDocument } from './read-document.js';
export type { ExtractBlock, SourceKind } from './blocks.js';
