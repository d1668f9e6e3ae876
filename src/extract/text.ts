/**
 * Plain text copied from a page (or saved by an archive) → text blocks:
 * one paragraph per non-empty line, marked `flat`, since in such text the
 * part headings may stand inside a line and the tables arrive flattened
 * into it (labels and runs of digits). A line after more empty lines than
 * the text usually leaves between lines is marked `gapBefore`: a table cell
 * left blank shows only so.
 */
import { cleanParagraph, type ExtractBlock } from './blocks.js';

/** A Markdown table's rule line: |---|:--:|. */
const PIPE_RULE = /^\|(?:\s*:?-{3,}:?\s*\|)+$/;
/** A Markdown table's row: | a | b |. */
const PIPE_ROW = /^\|.*\|$/;

export function textToBlocks(text: string): ExtractBlock[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map(cleanParagraph)
    .filter((line) => !PIPE_RULE.test(line))
    .map((line) => (PIPE_ROW.test(line) ? cleanParagraph(line.slice(1, -1).replace(/\|/g, ' ')) : line));
  const found: { text: string; gap: number }[] = [];
  let gap = 0;
  for (const line of lines) {
    if (line === '') gap++;
    else {
      found.push({ text: line, gap: found.length === 0 ? 0 : gap });
      gap = 0;
    }
  }
  // The usual spacing: the most common number of empty lines between two lines.
  const counts = new Map<number, number>();
  for (const { gap: g } of found.slice(1)) counts.set(g, (counts.get(g) ?? 0) + 1);
  const usual = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  return found.map(({ text: line, gap: g }) => ({ kind: 'paragraph', text: line, flat: true, ...(g > usual ? { gapBefore: true } : {}) }));
}
