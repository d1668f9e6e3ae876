/**
 * Chinese numbering and wording helpers used by the section templates, the formats' views and rules:
 * 中文序号 (一、 （一） 1. （1）), dates (2022年1月8日) and 万元 amounts.
 */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九. Section numbers never exceed 99. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`不支持的序号：${n}`);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** The number that opens a heading of the given level (GB/T 9704 7.3.3): 一、 （一） 1. （1）. */
export function headingNumber(level: 1 | 2 | 3 | 4, ordinal: number): string {
  switch (level) {
    case 1:
      return `${chineseNumber(ordinal)}、`;
    case 2:
      return `（${chineseNumber(ordinal)}）`;
    case 3:
      return `${ordinal}.`;
    case 4:
      return `（${ordinal}）`;
  }
}

/** `2022-01-08` → `2022年1月8日`: full year, no leading zeros (GB/T 9704 7.3.5). */
export function chineseDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`日期格式应为 YYYY-MM-DD：${isoDate}`);
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

/** An amount in 万元 with a fixed number of decimals (spec §3.7: default 2). */
export function formatWan(amount: number, decimals = 2): string {
  return amount.toFixed(decimals);
}

/** An amount in 元 as written in prose: whole yuan without decimals, otherwise two decimals. */
export function formatYuan(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}
