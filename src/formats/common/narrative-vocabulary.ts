/**
 * The quantities a narrative states about the tables, with the phrases real
 * reports use for them and the cells they must equal, as building blocks each
 * format composes into its `narrativeFacts` (checked by ./narrative-facts.ts).
 *
 * Phrases are regular expression sources; `{N}` is the number with its unit
 * (件、个… or 元、万元), `{NEXT_YEAR}` the year after the report year. They are
 * deliberately narrow: a phrase binds only a number that clearly states the
 * report year's quantity, so a report whose text agrees with its tables gets
 * no warning.
 */
import type { NarrativeFact } from './narrative-facts.js';
import { APPLICANT_COLUMNS, REQUEST_GROUPS, type RequestColumn } from './requests-table.js';

const T1 = ['tables', 'proactive'] as const;
const T2 = ['tables', 'requests'] as const;
const T3 = ['tables', 'review_litigation'] as const;

const t1 = (key: string): string[] => [...T1, key];
const t2 = (rows: readonly string[], columns: readonly string[] = ['tot']): string[][] =>
  rows.flatMap((row) => columns.map((column) => [...T2, row, column]));
const t3 = (keys: readonly string[]): string[][] => keys.map((key) => [...T3, key]);
/** The rows of an outcome group: its sub-rows (deny_secret, …), or the group's single row (the 2019 layout's `other`). */
const group = (rows: readonly string[], prefix: string): string[] => rows.filter((row) => row.startsWith(prefix) || row === prefix.slice(0, -1));
const groupLabel = (prefix: string): string => REQUEST_GROUPS.find((candidate) => candidate.prefix === prefix)!.label;

/** Filler words between a phrase and its number: 共、共计、合计、为. */
const TOTAL = '(?:共计|共|总计|合计|为|达)?';
/** What an application may be called. */
const KIND = '(?:政府信息公开|依申请公开|信息公开)?';

// ------------------------------------------------------------------ 表二: applications

/** “办结…”-style outcome phrases: 予以公开25件, 不予公开的申请5件. */
const outcome = (words: string): string => `${words}(?:的)?(?:申请)?${TOTAL}{N}`;

// The outcome words (予以公开、不予公开、无法提供、不予处理…) are the request table's own: they need no subject.
const outcomeFact = (id: string, words: string, rows: readonly string[], rowsLabel?: string): NarrativeFact => ({
  id,
  unit: 'count',
  patterns: [outcome(words)],
  cells: t2(rows),
  ...(rowsLabel ? { rowsLabel } : {}),
});

/** Applicant types, stated after the applications they are part of: 涉及自然人72件、商业企业3件. */
const APPLICANT_ANCHORS = { new: ['new'], new_and_carry_in: ['new', 'carry_in'], total: ['total'] } as const;

const applicantFact = (id: string, words: string, columns: readonly RequestColumn[]): NarrativeFact => ({
  id,
  unit: 'count',
  patterns: [`${words}(?:申请人)?(?:提出)?(?:的)?(?:申请)?${TOTAL}{N}`],
  after: Object.keys(APPLICANT_ANCHORS),
  cellsByAnchor: Object.fromEntries(Object.entries(APPLICANT_ANCHORS).map(([anchor, rows]) => [anchor, t2(rows, columns)])),
});

/** 表二's figures for a list of its data rows (the 2021 layout's, or the 2019 layout's with one `other` row). */
export const requestFacts = (rows: readonly string[]): NarrativeFact[] => [
  {
    id: 'new',
    unit: 'count',
    patterns: [
      // 新收政府信息公开申请63件; 接收通过邮寄、网络提交的各类政府信息公开申请共计81件; 收到申请75件
      // (not 受理行政许可申请3286件: words before 申请 must end in the kind of application).
      `(?:新收|收到|接收|受理|接到)(?:了)?(?:(?:(?!结转|复议|诉讼)[^，,；;：:。]){0,24}?(?:政府信息公开|信息公开|依申请公开))?申请(?:数量)?${TOTAL}{N}`,
      // 共收到70件申请
      `(?:新收|收到|接收|受理|接到)(?:了)?{N}${KIND}申请`,
    ],
    cells: t2(['new']),
    withCarryIn: 'new_and_carry_in',
    carryIn: 'carry_in',
  },
  // 共受理75件（含上年结转1件）: the number is new + carried in.
  { id: 'new_and_carry_in', unit: 'count', patterns: [], cells: t2(['new', 'carry_in']) },
  {
    id: 'carry_in',
    unit: 'count',
    patterns: [`上一?年度?结转(?:的)?${KIND}(?:申请)?(?:数量)?${TOTAL}{N}`],
    cells: t2(['carry_in']),
  },
  // 办结74件 is about applications only in a sentence about them (not 收到网民留言320件，答复300件).
  {
    id: 'total',
    unit: 'count',
    subject: 'requests',
    // Not 按时答复60件 or 延期答复3件: a part of the handled applications, not their total.
    patterns: [`(?<!按时|按期|如期|逾期|延期|超期|期限内|期内)(?:办结|办理完毕|办理完成|予以答复|作出答复|答复)(?:了)?(?:各类)?${KIND}(?:申请)?${TOTAL}{N}`],
    cells: t2(['total']),
  },
  {
    id: 'carry_out',
    unit: 'count',
    subject: 'requests',
    patterns: [
      // 结转下年度继续办理4件; 结转至2026年6件
      `结转(?:至|到)?(?:下一?年度?|{NEXT_YEAR}年度?)(?:继续办理)?(?:的)?(?:申请)?${TOTAL}{N}`,
      // 1件结转下年度继续办理; 另有103件顺延到下年度答复
      `{N}(?:申请)?(?:结转|顺延)(?:至|到)?(?:下一?年度?|{NEXT_YEAR}年度?)`,
    ],
    cells: t2(['carry_out']),
  },
  {
    id: 'granted_partial',
    unit: 'count',
    patterns: [outcome('予以公开(?:及|和|与|、|或)部分公开')],
    cells: t2(['granted', 'partial']),
  },
  outcomeFact('granted', '(?<!不)予以公开', ['granted']),
  outcomeFact('partial', '部分公开', ['partial']),
  outcomeFact('deny', '不予(?:以)?公开', group(rows, 'deny_'), groupLabel('deny_')),
  outcomeFact('unable', '无法提供', group(rows, 'unable_'), groupLabel('unable_')),
  outcomeFact('nproc', '不予(?:以)?处理', group(rows, 'nproc_'), groupLabel('nproc_')),
  outcomeFact('other', '其他处理', group(rows, 'other_'), groupLabel('other_')),
  applicantFact('np', '自然人', ['np']),
  applicantFact('legal', '法人(?:或者?|和|及)其他组织', APPLICANT_COLUMNS.filter((column) => column !== 'np')),
  applicantFact('biz', '商业企业', ['biz']),
  applicantFact('res', '科研机构', ['res']),
  applicantFact('ngo', '社会公益组织', ['ngo']),
  applicantFact('law', '法律服务机构', ['law']),
];

// ------------------------------------------------------------------ 表三: review and litigation

/** Not one of two joined names whose number is their sum (行政复议、行政诉讼案件3件). */
const NOT_JOINED = '(?<!(?:复议|诉讼)(?:、|和|及|与|或))';

/** A sentence about information disclosure. */
const DISCLOSURE = '信息公开|依申请';

const REVIEW_ANCHORS = { rv: ['rv'], lit: ['lit_direct', 'lit_after'] } as const;

const resultFact = (id: string, words: string, result: string): NarrativeFact => ({
  id,
  unit: 'count',
  patterns: [`${words}(?:的)?${TOTAL}{N}`],
  after: Object.keys(REVIEW_ANCHORS),
  cellsByAnchor: {
    ...Object.fromEntries(Object.entries(REVIEW_ANCHORS).map(([anchor, groups]) => [anchor, t3(groups.map((g) => `${g}_${result}`))])),
    // 行政复议4件、行政诉讼3件，其中结果纠正1件: both together (xxgk's own sentence in part 四 says so).
    'rv+lit': t3([...REVIEW_ANCHORS.rv, ...REVIEW_ANCHORS.lit].map((g) => `${g}_${result}`)),
  },
});

/** 表三's figures: 行政复议 and 行政诉讼 and, after them, their results. */
export const reviewFacts: NarrativeFact[] = [
  // 表三 counts the cases about information disclosure only; an office's other 行政复议 are not in it.
  { id: 'rv', unit: 'count', context: DISCLOSURE, patterns: [`${NOT_JOINED}行政复议(?:案件|申请)?${TOTAL}{N}`], cells: t3(['rv_total']) },
  {
    id: 'lit',
    unit: 'count',
    context: DISCLOSURE,
    patterns: [`${NOT_JOINED}行政诉讼(?:案件)?${TOTAL}{N}`],
    cells: t3(['lit_direct_total', 'lit_after_total']),
  },
  resultFact('keep', '(?:结果)?维持(?:原)?(?:行政行为|决定)?', 'keep'),
  resultFact('correct', '(?:结果)?(?:被)?(?:纠正|纠错)', 'correct'),
  resultFact('other_result', '其他结果', 'other'),
  resultFact('pending', '(?:尚未|未)审结', 'pending'),
];

// ------------------------------------------------------------------ 表一: documents, decisions, fees

/** 规章 or 行政规范性文件 (表一 第二十条第（一）项): 本年制发, 本年废止, 现行有效. */
export const documentFacts = (id: 'reg' | 'nd', words: string): NarrativeFact[] => [
  {
    id: `${id}_in_force`,
    unit: 'count',
    patterns: [`现行有效(?:的)?${words}${TOTAL}{N}`, `${words}(?:中)?现行有效(?:的)?${TOTAL}{N}`],
    cells: [t1(`${id}_in_force`)],
  },
  { id: `${id}_in_force_bare`, unit: 'count', subject: id, patterns: [`现行有效(?:的)?${TOTAL}{N}`], cells: [t1(`${id}_in_force`)] },
  {
    id: `${id}_issued`,
    unit: 'count',
    patterns: [`(?:制发|印发|出台|制定)(?:了)?(?:的)?${words}${TOTAL}{N}`],
    cells: [t1(`${id}_issued`)],
  },
  { id: `${id}_issued_bare`, unit: 'count', subject: id, patterns: [`(?:制发|印发|出台|制定)(?:了)?${TOTAL}{N}`], cells: [t1(`${id}_issued`)] },
  {
    id: `${id}_repealed`,
    unit: 'count',
    patterns: [`(?:废止|废除)(?:了)?(?:的)?${words}${TOTAL}{N}`, `${words}(?:中)?(?:废止|废除)(?:了)?${TOTAL}{N}`],
    cells: [t1(`${id}_repealed`)],
  },
  { id: `${id}_repealed_bare`, unit: 'count', subject: id, patterns: [`(?:废止|废除)(?:了)?${TOTAL}{N}`], cells: [t1(`${id}_repealed`)] },
];

/** A 处理决定数量 of 表一 (行政许可, 行政处罚, 行政强制). */
export const decisionFact = (id: string, words: string): NarrativeFact => ({
  id,
  unit: 'count',
  patterns: [`${words}(?:处理)?决定(?:数量)?${TOTAL}{N}`, `(?:作出|做出)(?:了)?${words}(?:处理)?(?:决定)?${TOTAL}{N}`],
  cells: [t1(`${id}_decisions`)],
});

/** 表一's 行政事业性收费 amount in 万元. */
export const proactiveFeeFact: NarrativeFact = {
  id: 'fee_amount',
  unit: 'money',
  patterns: [`行政事业性收费(?:金额|总额)?${TOTAL}{N}`],
  cells: [t1('fee_amount_wan')],
  cellUnit: 'wan',
};

// ------------------------------------------------------------------ 信息处理费 (data `fee`)

/** The 信息处理费 of part 六, against the data's `fee` (count and amount in 元). */
export const informationFeeFacts: NarrativeFact[] = [
  {
    id: 'info_fee_amount',
    unit: 'money',
    patterns: [`信息处理费(?:金额|总额|收费金额)?${TOTAL}{N}`],
    cells: [['fee', 'amount_yuan']],
    cellUnit: 'yuan',
    name: '数据中填写的信息处理费收费金额',
  },
  {
    id: 'info_fee_count',
    unit: 'count',
    patterns: [`(?:收取|收费)(?:了)?(?:[^，,；;：:。]){0,12}?信息处理费(?:的)?(?:申请)?${TOTAL}{N}`],
    cells: [['fee', 'count']],
    name: '数据中填写的信息处理费收费件数',
  },
];

/**
 * What a bare phrase is about: the last of these named before it in the
 * sentence (废止2件 after 行政规范性文件清理; 办结74件 after 收到申请75件).
 */
export const NARRATIVE_SUBJECTS = [
  { id: 'reg', pattern: '规章' },
  { id: 'nd', pattern: '规范性文件' },
  { id: 'requests', pattern: '申请' },
  // Other applications an office handles: their 办结 is not 表二's.
  { id: 'other_applications', pattern: '(?:许可|审批|复议|诉讼|服务事项|政务服务|办件|登记|补贴)申请' },
] as const;
