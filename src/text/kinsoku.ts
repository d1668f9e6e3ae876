/**
 * The Chinese 避头尾 rules as data: characters that must not begin a line
 * (closing punctuation) and characters that must not end one (opening
 * punctuation). Shared by the PDF line breaker and the table label breaker.
 */

/** Characters that must not begin a line. */
export const NO_LINE_START: ReadonlySet<string> = new Set([...'，。、；：？！）》」』】〕〉〗｝”’％‰℃…‥·・～〜!,.:;?)]}%']);

/** Characters that must not end a line. */
export const NO_LINE_END: ReadonlySet<string> = new Set([...'（《「『【〔〈〖｛“‘([{']);
