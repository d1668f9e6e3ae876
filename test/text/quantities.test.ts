/**
 * The quantity finder with the v2021 vocabulary: which numbers a sentence
 * binds to which quantity, and the related-but-different numbers it must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { v2021NarrativeFacts } from '../../src/formats/v2021/narrative-facts.js';
import { findQuantities } from '../../src/text/quantities.js';

const vocabulary = { subjects: v2021NarrativeFacts.subjects!, quantities: v2021NarrativeFacts.facts };
const found = (text: string, year = 2024) =>
  findQuantities(text, vocabulary, { year }).map(({ id, value, anchor, moneyUnit }) => ({
    id,
    value,
    ...(anchor ? { anchor } : {}),
    ...(moneyUnit ? { moneyUnit } : {}),
  }));

describe('binding numbers to quantities', () => {
  it('reads the request figures in their usual phrasings', () => {
    expect(found('全年新收政府信息公开申请63件，上年结转4件，办理完毕63件，结转下年度继续办理4件。')).toEqual([
      { id: 'new', value: 63 },
      { id: 'carry_in', value: 4 },
      { id: 'total', value: 63 },
      { id: 'carry_out', value: 4 },
    ]);
    expect(found('本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。')).toEqual([
      { id: 'new', value: 70 },
      { id: 'total', value: 69 },
      { id: 'carry_out', value: 1 },
    ]);
    expect(found('2025年，全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。', 2025)).toEqual([
      { id: 'new', value: 154 },
      { id: 'total', value: 148 },
      { id: 'carry_out', value: 6 },
    ]);
  });

  it('reads Chinese numerals, separators, full-width digits and spaces', () => {
    expect(found('全年受理政府信息公开申请七十五件，其中予以公开两件。')).toEqual([
      { id: 'new', value: 75 },
      { id: 'granted', value: 2 },
    ]);
    expect(found('全市共受理政府信息公开申请 3,286 件，答复３，２８６件。')).toEqual([
      { id: 'new', value: 3286 },
      { id: 'total', value: 3286 },
    ]);
    expect(found('受理政府信息公开申请一百零二件。')).toEqual([{ id: 'new', value: 102 }]);
  });

  it('binds applicant types and review results to the figure they are part of', () => {
    expect(found('2024年，全区收到政府信息公开申请75件，涉及自然人72件、法人或其他组织3件。')).toEqual([
      { id: 'new', value: 75 },
      { id: 'np', value: 72, anchor: 'new' },
      { id: 'legal', value: 3, anchor: 'new' },
    ]);
    expect(found('政府信息公开行政复议 351 件，其中结果纠正 64 件；政府信息公开行政诉讼 46 件，其中结果纠正 5 件。')).toEqual([
      { id: 'rv', value: 351 },
      { id: 'correct', value: 64, anchor: 'rv' },
      { id: 'lit', value: 46 },
      { id: 'correct', value: 5, anchor: 'lit' },
    ]);
    // After two figures named together, 其中 may be about both: the joint reading is offered beside the nearest one.
    expect(
      findQuantities('2024年，本机关因政府信息公开工作被申请行政复议4件、被提起行政诉讼3件，其中结果纠正1件。', vocabulary, { year: 2024 }).map(
        ({ id, value, anchor, anchorAlternatives }) => ({ id, value, anchor, anchorAlternatives }),
      ),
    ).toEqual([
      { id: 'rv', value: 4, anchor: undefined, anchorAlternatives: undefined },
      { id: 'lit', value: 3, anchor: undefined, anchorAlternatives: undefined },
      { id: 'correct', value: 1, anchor: 'lit', anchorAlternatives: ['rv+lit'] },
    ]);
    // Not when the first figure already had its own 其中.
    expect(
      findQuantities('政府信息公开行政复议 351 件，其中结果纠正 64 件；政府信息公开行政诉讼 46 件，其中结果纠正 5 件。', vocabulary, { year: 2024 }).map((m) => m.anchorAlternatives),
    ).toEqual([undefined, undefined, undefined, undefined]);
    // Without the figure they belong to, applicant counts say nothing.
    expect(found('来自自然人的申请较多，自然人72件。')).toEqual([]);
  });

  it('takes the subject of a bare verb from the sentence', () => {
    expect(found('组织开展行政规范性文件清理，废止2件，现行有效行政规范性文件41件。')).toEqual([
      { id: 'nd_repealed_bare', value: 2 },
      { id: 'nd_in_force', value: 41 },
    ]);
    expect(found('本年制发规章1件，废止2件。')).toEqual([
      { id: 'reg_issued', value: 1 },
      { id: 'reg_repealed_bare', value: 2 },
    ]);
  });

  it('reads amounts in 元 and 万元 with their decimals', () => {
    expect(found('全年收取信息处理费300元。')).toEqual([{ id: 'info_fee_amount', value: 300, moneyUnit: '元' }]);
    expect(found('行政事业性收费金额12.35万元。')).toEqual([{ id: 'fee_amount', value: 12.35, moneyUnit: '万元' }]);
  });
});

describe('related but different quantities', () => {
  it('turns 受理…（含上年结转…） into new plus carried in', () => {
    expect(found('共受理政府信息公开申请75件（含上年结转1件）。')).toEqual([
      { id: 'new_and_carry_in', value: 75 },
      { id: 'carry_in', value: 1 },
    ]);
    expect(found('共受理政府信息公开申请75件（含上年结转1件），涉及自然人72件。')).toEqual([
      { id: 'new_and_carry_in', value: 75 },
      { id: 'carry_in', value: 1 },
      { id: 'np', value: 72, anchor: 'new_and_carry_in' },
    ]);
  });

  it.each([
    '共收到申请75件，较上年增加5件。',
    '收到政府信息公开申请同比增长12件。',
    '2023年收到政府信息公开申请60件。',
    '去年收到政府信息公开申请60件。',
    '累计收到政府信息公开申请300件。',
    '收到政府信息公开申请约80件。',
    '收到政府信息公开申请80余件。',
    '印发《关于做好政务公开工作的通知》（青政办〔2024〕5号）。',
    '2024年1月1日起施行。',
    '全年办理人大代表建议41件、政协委员提案57件。',
    '新增公开市政府及市政府办政策性文件11件。',
    '政府信息公开行政复议、行政诉讼案件共3件。',
    '主动公开政府信息4826条。',
    '全年办理政府信息公开申请218件。',
    '收到网民留言320件，答复300件。',
    '全年受理行政许可申请3286件，办结3286件。',
    '受理3286件行政许可申请。',
    '受理12345热线工单500件，办结498件，1件结转下年度继续办理。',
  ])('%s → nothing', (sentence) => {
    expect(found(sentence)).toEqual([]);
  });

  it('leaves a sentence that compares with last year out whole, and reads no percentage', () => {
    expect(found('共收到申请75件，较上年增加5件；办结70件。')).toEqual([]);
    expect(found('共收到申请75件，增加5件；办结70件。')).toEqual([
      { id: 'new', value: 75 },
      { id: 'total', value: 70 },
    ]);
    expect(found('共收到政府信息公开申请75件，办结率100%。')).toEqual([{ id: 'new', value: 75 }]);
    expect(found('予以公开25件，占33.3%。')).toEqual([{ id: 'granted', value: 25 }]);
  });

  it('leaves open whether a figure includes the carried-in applications the same sentence states', () => {
    expect(findQuantities('全年共收到政府信息公开申请75件，其中上年结转1件，涉及自然人72件。', vocabulary, { year: 2024 })).toEqual([
      { id: 'new', value: 75, decimals: 0, quote: '收到政府信息公开申请75件', alternatives: ['new_and_carry_in'] },
      { id: 'carry_in', value: 1, decimals: 0, quote: '上年结转1件' },
      { id: 'np', value: 72, decimals: 0, quote: '自然人72件', anchor: 'new', anchorAlternatives: ['new_and_carry_in'] },
    ]);
  });

  it('reads nothing of a quantity a sentence states twice (two scopes)', () => {
    expect(found('全区共受理政府信息公开申请100件，其中区政府本级受理政府信息公开申请30件，办结100件。')).toEqual([{ id: 'total', value: 100 }]);
  });

  it('does not take the applications answered on time or late as the applications handled', () => {
    expect(found('收到政府信息公开申请63件，按时答复60件。')).toEqual([{ id: 'new', value: 63 }]);
    expect(found('收到政府信息公开申请63件，在法定期限内答复63件，延期答复0件。')).toEqual([{ id: 'new', value: 63 }]);
  });

  it('does not take an application for review as an application for information', () => {
    expect(found('收到政府信息公开行政复议申请3件。')).toEqual([{ id: 'rv', value: 3 }]);
    // 表三 counts only the cases about information disclosure.
    expect(found('全年办理行政复议案件120件。')).toEqual([]);
  });
});
