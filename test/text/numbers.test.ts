import { describe, expect, it } from 'vitest';
import { normalizeNumerals, parseChineseNumeral, parseNumber, writtenDecimals } from '../../src/text/numbers.js';

describe('Chinese numerals', () => {
  it.each([
    ['零', 0],
    ['〇', 0],
    ['一', 1],
    ['两', 2],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['七十五', 75],
    ['一百', 100],
    ['一百零二', 102],
    ['一百一十', 110],
    ['两百三十四', 234],
    ['一千零五', 1005],
    ['一千零五十', 1050],
    ['三千二百八十六', 3286],
    ['一万', 10000],
    ['三万二千', 32000],
    ['一万零三百', 10300],
  ])('%s → %i', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
  });

  it.each(['', '一二', '十十', '百', '一百零', '一百二', '万', '两万万', '七十五件', 'abc'])('%s is not a numeral', (text) => {
    expect(parseChineseNumeral(text)).toBeUndefined();
  });
});

describe('numbers as written', () => {
  it('reads Arabic digits with thousands separators and full-width digits', () => {
    expect(parseNumber('3,286')).toBe(3286);
    expect(parseNumber('3，286')).toBe(3286);
    expect(parseNumber('３，２８６')).toBe(3286);
    expect(parseNumber('１２')).toBe(12);
    expect(parseNumber('12.35')).toBe(12.35);
    expect(parseNumber('１２．３５')).toBe(12.35);
    expect(parseNumber('七十五')).toBe(75);
    expect(parseNumber('12a')).toBeUndefined();
  });

  it('keeps a comma that is not a thousands separator', () => {
    expect(normalizeNumerals('申请３，２８６件，答复3,286件')).toBe('申请3286件，答复3286件');
    expect(normalizeNumerals('维持1，纠正2件')).toBe('维持1，纠正2件');
    expect(normalizeNumerals('共1,2345件')).toBe('共1,2345件');
  });

  it('counts the decimals written', () => {
    expect(writtenDecimals('12.35')).toBe(2);
    expect(writtenDecimals('１２．３')).toBe(1);
    expect(writtenDecimals('12')).toBe(0);
    expect(writtenDecimals('十二')).toBe(0);
  });
});
