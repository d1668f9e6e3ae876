/**
 * The Chinese 避头尾 rules as data: characters that must not begin a line
 * (closing punctuation) and characters that must not end one (opening
 * punctuation), and where long Latin runs may break. Shared by the PDF line
 * breaker, the table label breaker and the DOCX.
 */

/** Characters that must not begin a line. */
export const NO_LINE_START: ReadonlySet<string> = new Set([...'，。、；：？！）》」』】〕〉〗｝”’％‰℃…‥·・～〜!,.:;?)]}%']);

/** Characters that must not end a line. */
export const NO_LINE_END: ReadonlySet<string> = new Set([...'（《「『【〔〈〖｛“‘([{']);

/**
 * Inside a long Latin run (a URL, an e-mail address, a long number: at least
 * `LONG_RUN` printable ASCII characters), a line may also break after one of
 * these, before a letter or a digit (spec §6.9 item 8), so that justified
 * lines fill instead of spreading the Chinese characters around the run.
 * Never inside a decimal number (12.35).
 */
const LATIN_BREAK_AFTER = new Set(['/', '.', '-', '_', '@']);
const LONG_RUN = 12;

/** Positions after a / . - _ @ inside a long Latin run where a line may break. */
export function latinBreaks(text: string): Set<number> {
  const positions = new Set<number>();
  for (const run of text.matchAll(new RegExp(`[\\x21-\\x7e]{${LONG_RUN},}`, 'g'))) {
    const start = run.index;
    const piece = run[0];
    for (let i = 1; i < piece.length; i++) {
      const before = piece[i - 1]!;
      const after = piece[i]!;
      if (!LATIN_BREAK_AFTER.has(before) || !/[A-Za-z0-9]/.test(after)) continue;
      if (before === '.' && /[0-9]/.test(piece[i - 2] ?? '') && /[0-9]/.test(after)) continue;
      positions.add(start + i);
    }
  }
  return positions;
}
