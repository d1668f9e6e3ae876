export { extractReport, extractFromBlocks, extractedYaml, looksLikeHtml, UNSUPPORTED_FORMS, type ExtractOptions, type ExtractResult } from './extract.js';
export type { ExtractBlock, SourceKind } from './blocks.js';
