/**
 * Which characters take a full (ideographic) cell: CJK, full-width forms, CJK
 * punctuation, curly quotes, the em dash, circled numbers and emoji. Shared by
 * the PDF line breaker and the XLSX column-width estimate.
 */
export function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f000 && codePoint <= 0x1faff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd) ||
    (codePoint >= 0x2460 && codePoint <= 0x24ff) ||
    codePoint === 0x2014 ||
    codePoint === 0x2026 ||
    codePoint === 0x201c ||
    codePoint === 0x201d ||
    codePoint === 0x2018 ||
    codePoint === 0x2019
  );
}
