/**
 * Numbers as report narratives write them: Arabic digits (half- or
 * full-width, with thousands separators “3,286” / “3，286”, decimals for
 * 万元 amounts) and Chinese numerals (七十五、一百零二、两、一千零五、三万二千).
 *
 *   parseChineseNumeral('一百零二') → 102
 *   parseNumber('3，286') → 3286
 *   normalizeNumerals('申请３，２８６件') → '申请3286件'
 */

const DIGIT_VALUES: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** The characters a Chinese numeral is written with (up to 万; 亿 never counts applications). */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万';

/** A section below 万: 三千二百八十六, 一百零二, 十五, 二十. Undefined when it is not well formed. */
function parseBelowTenThousand(text: string): number | undefined {
  if (text === '') return 0;
  let total = 0;
  let digit: number | undefined;
  let lastUnit = Infinity;
  let sawZero = false;
  for (const char of text) {
    if (char in DIGIT_VALUES) {
      const value = DIGIT_VALUES[char]!;
      if (value === 0) {
        // 零 stands between places (一百零二); two digits in a row are not a numeral (一二).
        if (digit !== undefined) return undefined;
        sawZero = true;
        continue;
      }
      if (digit !== undefined) return undefined;
      digit = value;
    } else if (char in SMALL_UNITS) {
      const unit = SMALL_UNITS[char]!;
      if (unit >= lastUnit) return undefined;
      // 十 alone at the start means 一十 (十五 = 15); elsewhere a unit needs its digit.
      if (digit === undefined) {
        if (unit !== 10 || total !== 0 || sawZero) return undefined;
        digit = 1;
      }
      total += digit * unit;
      digit = undefined;
      lastUnit = unit;
      sawZero = false;
    } else {
      return undefined;
    }
  }
  if (digit !== undefined) {
    // 一百二 (= 120) is colloquial and ambiguous in a report; only a last digit after 零 or at the ones place counts.
    if (lastUnit !== Infinity && lastUnit !== 10 && !sawZero) return undefined;
    total += digit;
  } else if (sawZero && total !== 0) {
    // a trailing 零 (一百零) is not a numeral
    return undefined;
  }
  return total;
}

/** 七十五 → 75, 一百零二 → 102, 两 → 2, 三万二千 → 32000, 〇 → 0; undefined when it is not a well-formed numeral. */
export function parseChineseNumeral(text: string): number | undefined {
  if (text === '' || [...text].some((char) => !CHINESE_NUMERAL_CHARS.includes(char))) return undefined;
  if (text === '零' || text === '〇') return 0;
  const parts = text.split('万');
  if (parts.length > 2) return undefined;
  if (parts.length === 2) {
    const high = parseBelowTenThousand(parts[0]!);
    const low = parseBelowTenThousand(parts[1]!.replace(/^零/u, ''));
    if (high === undefined || high === 0 || low === undefined) return undefined;
    return high * 10000 + low;
  }
  const value = parseBelowTenThousand(text);
  return value === undefined || (value === 0 && text !== '零') ? undefined : value;
}

const FULL_WIDTH_DIGIT = /[０-９]/gu;

/**
 * Full-width digits and the full-width decimal point between digits become
 * ASCII; a thousands separator (, or ，) between a digit and exactly three
 * digits is dropped, so that “3，286件” is one number and not two clauses.
 * Offsets change; callers quote from the normalised text.
 */
export function normalizeNumerals(text: string): string {
  return text
    .replace(FULL_WIDTH_DIGIT, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/(?<=\d)．(?=\d)/gu, '.')
    .replace(/(?<=\d)[,，](?=\d{3}(?!\d))/gu, '');
}

/** An Arabic number (after normalizeNumerals) or a Chinese numeral; undefined otherwise. */
export function parseNumber(text: string): number | undefined {
  const normalized = normalizeNumerals(text.trim());
  if (/^\d+(?:\.\d+)?$/u.test(normalized)) return Number(normalized);
  return parseChineseNumeral(normalized);
}

/** How many decimals an Arabic number is written with (3.50 → 2); 0 for a Chinese numeral. */
export function writtenDecimals(text: string): number {
  const match = /\.(\d+)$/u.exec(normalizeNumerals(text.trim()));
  return match ? match[1]!.length : 0;
}
