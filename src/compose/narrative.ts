/**
 * Flattens the user's narrative (paragraph strings and nested sub-parts) into
 * numbered markup lines for the templates. Sub-part numbers follow the level:
 * （一） under a part, then 1., then （1）.
 */
import type { NarrativeBlock } from '../formats/common/schema-parts.js';
import { headingNumber } from '../text/numbering.js';
import { splitParagraphs } from '../text/paragraphs.js';

export interface NarrativeLine {
  /** Markup directive: h2, h3, h4, p, or run2–run4 (a heading with its text run in, see markup.ts). */
  directive: 'h2' | 'h3' | 'h4' | 'p' | 'run2' | 'run3' | 'run4';
  text: string;
}

/**
 * Between the heading and the text of a run-in line (`@run2 （一）主动公开情况。␟2023年，…`):
 * U+001F, which user text can never contain (schema-parts.ts refuses C0 controls).
 */
export const RUN_IN_SEPARATOR = '\u001F';

export function flattenNarrative(blocks: unknown, level: number): NarrativeLine[] {
  const lines: NarrativeLine[] = [];
  const walk = (items: readonly NarrativeBlock[], depth: number): void => {
    let ordinal = 0;
    for (const item of items) {
      if (typeof item === 'string') {
        for (const text of splitParagraphs(item)) lines.push({ directive: 'p', text });
        continue;
      }
      ordinal += 1;
      const heading = splitParagraphs(item.heading).join('');
      // Run-in text: its first paragraph shares the heading's line; any further ones follow as paragraphs.
      const [runIn, ...rest] = item.text === undefined ? [] : splitParagraphs(item.text);
      // Deeper than level 4 has no numbering of its own in GB/T 9704; keep the text as a paragraph.
      if (depth > 4) {
        lines.push({ directive: 'p', text: `${heading}${runIn ?? ''}` });
      } else {
        const headingLevel = depth as 2 | 3 | 4;
        const numbered = `${headingNumber(headingLevel, ordinal)}${heading}`;
        lines.push(
          runIn === undefined
            ? { directive: `h${headingLevel}`, text: numbered }
            : { directive: `run${headingLevel}`, text: `${numbered}${RUN_IN_SEPARATOR}${runIn}` },
        );
      }
      for (const text of rest) lines.push({ directive: 'p', text });
      walk(item.body ?? [], depth + 1);
    }
  };
  walk(Array.isArray(blocks) ? (blocks as NarrativeBlock[]) : [], level);
  return lines;
}
