/**
 * The width of a string in terminal cells, for yargs' help layout: the bundled
 * CLI uses this in place of the `string-width` package (see
 * scripts/bundle.mjs for why). ANSI escape sequences and zero-width
 * characters take no cell; wide characters (CJK, full-width forms, Chinese
 * punctuation) two; everything else one.
 */
import { isWide } from '../document/text-width.js';

// eslint-disable-next-line no-control-regex
const ANSI_SEQUENCE = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])/g;
const ZERO_WIDTH = /[\u0000-\u001F\u007F-\u009F\u00AD\u0300-\u036F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFE00-\uFE0F\uFEFF]/u;

export default function stringWidth(text: string): number {
  if (typeof text !== 'string' || text.length === 0) return 0;
  let width = 0;
  for (const character of text.replace(ANSI_SEQUENCE, '')) {
    if (ZERO_WIDTH.test(character)) continue;
    width += isWide(character.codePointAt(0)!) ? 2 : 1;
  }
  return width;
}
