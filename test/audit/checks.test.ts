/**
 * The checks audit adds (title form, page date against the deadline, the
 * level behind the deadline) and the same-body test behind the continuity
 * checks, on the names and titles real reports print.
 */
import { describe, expect, it } from 'vitest';
import { checkPageDate, checkTitle, inferLevel, pageDate } from '../../src/audit/checks.js';
import { sameBody } from '../../src/audit/bodies.js';

describe('the title’s form', () => {
  it('accepts “<机关><Y>年（度）政府信息公开工作年度报告”', () => {
    expect(checkTitle('平潭综合实验区2023年度政府信息公开工作年度报告', 2023)).toEqual([]);
    expect(checkTitle('淮安市人民政府2024年政府信息公开工作年度报告', 2024)).toEqual([]);
  });

  it('notes the year before the organisation, and warns on a missing organisation or a wrong ending', () => {
    const yearFirst = checkTitle('2024年上海市科委政府信息公开工作年度报告', 2024);
    expect(yearFirst.map((d) => [d.code, d.severity])).toEqual([['AUDIT-TITLE', 'info']]);
    expect(yearFirst[0]!.message).toContain('把年度写在机关名称之前');
    const noBody = checkTitle('2023年度政府信息公开工作年度报告', 2023);
    expect(noBody.map((d) => d.severity)).toEqual(['warning']);
    expect(noBody[0]!.message).toContain('没有机关名称');
    const wrongEnd = checkTitle('某县人民政府2023年政府信息公开年度报告', 2023);
    expect(wrongEnd[0]!.message).toBe('标题“某县人民政府2023年政府信息公开年度报告”不以“政府信息公开工作年度报告”结尾；应为“机关名称＋2023年（度）政府信息公开工作年度报告”');
    expect(wrongEnd[0]!.place).toEqual({ part: { id: 'title', label: '标题' } });
  });
});

describe('the publication date a page states', () => {
  it('reads 发布时间 in the forms portals print', () => {
    expect(pageDate('标题: x\n发布时间: 2024-03-08 15:34\n')).toBe('2024-03-08');
    expect(pageDate('发布日期：2025年1月9日')).toBe('2025-01-09');
    expect(pageDate('没有日期')).toBeUndefined();
  });

  it('warns with both dates when it is after the deadline of the level (部门 31 January, 人民政府 31 March)', () => {
    const late = checkPageDate('2024-02-20', 2023, '部门', { levelKnown: true });
    expect(late).toHaveLength(1);
    expect(late[0]!.message).toBe(
      '网页所载发布时间 2024年2月20日 晚于发布时限 2024年1月31日（条例第四十九条：县级以上人民政府部门应在每年 1 月 31 日前公布上一年度年报）',
    );
    expect(checkPageDate('2024-02-20', 2023, '人民政府', { levelKnown: true })).toEqual([]);
    expect(checkPageDate('2024-04-01', 2023, '人民政府', { levelKnown: true })[0]!.message).toContain('晚于发布时限 2024年3月31日');
    expect(checkPageDate('2024-02-20', 2023, '乡镇街道', { levelKnown: true, deadlines: { 乡镇街道: { month: 2, day: 15 } } })[0]!.message).toContain('按设定的时限');
  });
});

describe('who a report is of', () => {
  it('takes working departments for 部门 and leaves area bodies open', () => {
    expect(inferLevel('上海市科学技术委员会（市科委）')).toBe('部门');
    expect(inferLevel('某市生态环境局')).toBe('部门');
    expect(inferLevel('某区投资促进中心')).toBeUndefined();
    expect(inferLevel('平潭综合实验区')).toBeUndefined();
    expect(inferLevel('平潭综合实验区金井片区管理局')).toBeUndefined();
  });

  it('matches one body across its titles, and tells different bodies of one place apart', () => {
    expect(sameBody('洪泽区人民政府', '淮安市洪泽区人民政府')).toBe(true);
    expect(sameBody('平潭综合实验区', '平潭综合实验区管委会')).toBe(true);
    expect(sameBody('上海市科学技术委员会（市科委）', '上海市科学技术委员会')).toBe(true);
    expect(sameBody('平潭综合实验区', '平潭综合实验区金井片区管理局')).toBe(false);
    expect(sameBody('淮安市人民政府', '淮安市洪泽区人民政府')).toBe(false);
    expect(sameBody('人民政府', '某县人民政府')).toBe(false);
  });
});
