/**
 * Flattens the user's narrative (paragraph strings and nested sub-parts) into
 * numbered markup lines for the templates. Sub-part numbers follow the level:
 * （一） under a part, then 1., then （1）.
 */
import type { NarrativeBlock } from '../formats/common/schema-parts.js';
import { headingNumber } from '../text/numbering.js';
import { splitParagraphs } from '../text/paragraphs.js';

export interface NarrativeLine {
  /** Markup directive: h2, h3, h4 or p. */
  directive: 'h2' | 'h3' | 'h4' | 'p';
  text: string;
}

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
      // Deeper than level 4 has no numbering of its own in GB/T 9704; keep the text as a paragraph.
      if (depth > 4) {
        lines.push({ directive: 'p', text: splitParagraphs(item.heading).join('') });
      } else {
        const headingLevel = depth as 2 | 3 | 4;
        lines.push({
          directive: `h${headingLevel}`,
          text: `${headingNumber(headingLevel, ordinal)}${splitParagraphs(item.heading).join('')}`,
        });
      }
      walk(item.body ?? [], depth + 1);
    }
  };
  walk(Array.isArray(blocks) ? (blocks as NarrativeBlock[]) : [], level);
  return lines;
}
