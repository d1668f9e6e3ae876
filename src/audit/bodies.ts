/**
 * Whether two reports are of the same body, from the organisation names
 * their titles print. Titles of one body vary from year to year:
 * “洪泽区人民政府” in one, “淮安市洪泽区人民政府” the next; a parenthesised
 * note (“（市科委）”) or spacing may come and go. Names are compared without
 * brackets, spaces and width differences, and one may carry a longer prefix
 * of the places above it, or the name of the body that governs the place
 * (“平潭综合实验区” in the title, “平潭综合实验区管委会” in a data file).
 */

/** A name reduced for comparison: NFKC, no spaces, no bracketed notes. */
export function bodyKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/\s+/g, '');
}

/** Shortest name (without 人民政府) that may be matched as the tail of a longer one (“洪泽区”, not “区”). */
const MIN_TAIL = 3;

/** The governing body's name after a place's: 人民政府, 管委会 (with 党工委), 管理委员会. */
const GOVERNING = /(?:党工委)?(?:管委会|管理委员会)$|人民政府$/;

export function sameBody(a: string, b: string): boolean {
  const x = bodyKey(a).replace(GOVERNING, '');
  const y = bodyKey(b).replace(GOVERNING, '');
  if (x === '' || y === '') return false;
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= MIN_TAIL && long.endsWith(short) && /[省市州县区盟旗]$/.test(long.slice(0, long.length - short.length));
}
