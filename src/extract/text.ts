/**
 * Plain text copied from a page (or saved by an archive) → text blocks:
 * one paragraph per non-empty line, marked `flat`, since in such text the
 * part headings may stand inside a line and the tables arrive flattened
 * into it (labels and runs of digits).
 */
import { cleanParagraph, type ExtractBlock } from './blocks.js';

export function textToBlocks(text: string): ExtractBlock[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map(cleanParagraph)
    .filter((line) => line !== '')
    .map((line) => ({ kind: 'paragraph', text: line, flat: true }));
}
