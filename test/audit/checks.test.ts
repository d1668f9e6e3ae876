/**
 * The checks audit adds (title form, page date against the deadline, the
 * level behind the deadline) and the same-body test behind the continuity
 * checks, on the names and titles real reports print.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditDocuments } from '../../src/audit/index.js';
import { legacyFormat } from '../../src/formats/legacy/index.js';
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

describe('the deadline comes from the format: under the 2007 regulation every report was due by 31 March', () => {
  it('checks a legacy report of a 部门 against 3 月 31 日, not the 2019 regulation’s 1 月 31 日', () => {
    expect(checkPageDate('2018-02-20', 2017, '部门', { levelKnown: true })).toHaveLength(1);
    expect(checkPageDate('2018-02-20', 2017, '部门', { levelKnown: true, statutory: legacyFormat.deadlines! })).toEqual([]);
    const late = checkPageDate('2018-04-02', 2017, '部门', { levelKnown: true, statutory: legacyFormat.deadlines! });
    expect(late.map((d) => d.message)).toEqual([
      '网页所载发布时间 2018年4月2日 晚于发布时限 2018年3月31日（2007 年《条例》第三十一条：每年 3 月 31 日前公布上一年度年报）',
    ]);
    // The level unknown: the same single date, with the regulation's reason.
    expect(checkPageDate('2018-04-02', 2017, '其他', { levelKnown: false, statutory: legacyFormat.deadlines! })[0]!.message).toContain('2007 年《条例》第三十一条');
    // A deadline the user sets still wins.
    expect(checkPageDate('2018-02-20', 2017, '部门', { levelKnown: true, statutory: legacyFormat.deadlines!, deadlines: { 部门: { month: 2, day: 1 } } })).toHaveLength(1);
  });

  it('audit: a 2017 report of a 局 published on 20 February is in time; on 2 April it is late, by the 2007 regulation', async () => {
    // The 2017 陬市镇 seed as a 局's page: its title names 桃源县教育局 and the page states a 发布时间.
    const seed = readFileSync('test/fixtures/seeds/003_dc82018ac597aaab.txt', 'utf8');
    expect(seed).toContain('2017年度桃源县陬市镇政府信息公开工作报告');
    const page = (date: string) =>
      new TextEncoder().encode(seed.replace('2017年度桃源县陬市镇政府信息公开工作报告', `2017年度桃源县教育局政府信息公开工作报告\n发布时间：${date}`));
    const { reports } = await auditDocuments([
      { name: 'in-time.txt', bytes: page('2018-02-20') },
      { name: 'late.txt', bytes: page('2018-04-02') },
    ]);
    expect(reports.map((report) => report.format?.id)).toEqual(['legacy', 'legacy']);
    const g07 = (index: number) => reports[index]!.diagnostics.filter((d) => d.code === 'G-07').map((d) => d.message);
    expect(g07(0)).toEqual([]);
    expect(g07(1)).toEqual(['网页所载发布时间 2018年4月2日 晚于发布时限 2018年3月31日（2007 年《条例》第三十一条：每年 3 月 31 日前公布上一年度年报）']);
    expect(reports[0]!.diagnostics.find((d) => d.code === 'AUDIT-LEVEL')?.message).toBe(
      '按机关名称“桃源县教育局”推定为部门；发布时限不分机关类别，按次年 3 月 31 日检查（2007 年《条例》第三十一条：每年 3 月 31 日前公布上一年度年报）',
    );
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
