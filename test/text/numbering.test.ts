import { describe, expect, it } from 'vitest';
import { chineseDate, chineseNumber, formatWan, headingNumber } from '../../src/text/numbering.js';
import { joinLines, splitParagraphs } from '../../src/text/paragraphs.js';
import { titleLines } from '../../src/formats/common/title.js';

describe('中文序号', () => {
  it('writes numbers the way headings print them', () => {
    expect([1, 9, 10, 11, 19, 20, 21, 99].map(chineseNumber)).toEqual(['一', '九', '十', '十一', '十九', '二十', '二十一', '九十九']);
  });
  it('numbers each heading level per GB/T 9704', () => {
    expect([headingNumber(1, 3), headingNumber(2, 3), headingNumber(3, 3), headingNumber(4, 3)]).toEqual(['三、', '（三）', '3.', '（3）']);
  });
});

describe('dates and amounts', () => {
  it('writes dates without leading zeros', () => {
    expect(chineseDate('2022-01-08')).toBe('2022年1月8日');
    expect(chineseDate('2025-12-31')).toBe('2025年12月31日');
  });
  it('writes 万元 with two decimals by default', () => {
    expect(formatWan(12.345)).toBe('12.35');
    expect(formatWan(0)).toBe('0.00');
    expect(formatWan(3, 0)).toBe('3');
  });
});

describe('user text normalisation', () => {
  it('joins Chinese lines without spaces and Latin lines with one', () => {
    expect(joinLines('本机关全年\n公开信息\nvia web\nportal')).toBe('本机关全年公开信息via web portal');
  });
  it('splits paragraphs at blank lines', () => {
    expect(splitParagraphs('第一段\n续写\n\n第二段\n  \n@h1 伪指令')).toEqual(['第一段续写', '第二段', '@h1 伪指令']);
  });
});

describe('title lines', () => {
  it('keeps a short title on one line', () => {
    expect(titleLines('某县政府', 2024, '机关在前')).toEqual(['某县政府2024年政府信息公开工作年度报告']);
    // Digits are half width: 6 + 2 + 1 + 12 = 21 widths no longer fit one 2号 line.
    expect(titleLines('某县人民政府', 2024, '机关在前')).toHaveLength(2);
  });
  it('breaks a long title between the organisation and the suffix, never inside a word', () => {
    expect(titleLines('示范市青禾区人民政府', 2024, '机关在前')).toEqual(['示范市青禾区人民政府2024年', '政府信息公开工作年度报告']);
    expect(titleLines('示范市青禾区市场监督管理局城关市场监督管理所', 2024, '机关在前')).toEqual([
      '示范市青禾区市场监督管理局城关市场监督管理所',
      '2024年政府信息公开工作年度报告',
    ]);
  });
});
