/**
 * The indicator tree of the 政府信息公开工作统计表 (spec §5.3), copied from
 * seed 003 (2017 年度桃源县陬市镇) with its labels, levels and units.
 *
 * - `group` rows are headings: 单位 “——”, 统计数 empty (rule LG-01).
 * - `count` rows hold a non-negative integer, `amount` rows 万元 (LG-02).
 * - `unit` is the spec's “常见模板” unit; `seedUnit` the unit seed 003
 *   prints (only 万元 and 人次; the rest are blank). Which one is printed is a
 *   per-report setting (`statistics.units`, spec §5.3 📐).
 * - `depth` is the printed indentation in characters: 一、 at 0, （一） at 1,
 *   1. at 2; a “其中” item one deeper than the item it belongs to, and its
 *   siblings without the “其中：” prefix aligned after it (3 characters more),
 *   as in the seed (spec §5.3: the “其中” siblings omit the prefix).
 */

export type IndicatorKind = 'group' | 'count' | 'amount';

export interface Indicator {
  key: string;
  /** Label as printed (without the indentation). */
  label: string;
  kind: IndicatorKind;
  depth: number;
  /** 单位 in the common template (spec §5.3 “单位·常见模板”). */
  unit: string;
  /** 单位 as seed 003 prints it (spec §5.3 “单位·种子”; '' where the seed's cell is blank). */
  seedUnit: string;
  /** The rows this one is the total of, when the statistics table states an equation that is an error to break (LG-06, LG-10, LG-11). */
  sumOf?: readonly string[];
}

const GROUP = '——';

const group = (key: string, label: string, depth: number): Indicator => ({ key, label, kind: 'group', depth, unit: GROUP, seedUnit: GROUP });
const item = (key: string, label: string, depth: number, unit: string, extra: Partial<Indicator> = {}): Indicator => ({
  key,
  label,
  kind: unit === '万元' ? 'amount' : 'count',
  depth,
  unit,
  seedUnit: unit === '万元' || unit === '人次' ? unit : '',
  ...extra,
});

/** “其中：” and the siblings aligned after it. */
const OF_WHICH = '其中：';
const ofWhich = (key: string, label: string, parentDepth: number, unit: string): Indicator =>
  item(key, `${OF_WHICH}${label}`, parentDepth + 1, unit);
const ofWhichSibling = (key: string, label: string, parentDepth: number, unit: string): Indicator =>
  item(key, label, parentDepth + 1 + OF_WHICH.length, unit);

export const INDICATORS: readonly Indicator[] = [
  group('L1', '一、主动公开情况', 0),
  item('L1_1', '（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）', 1, '条'),
  ofWhich('L1_1a', '主动公开规范性文件数', 1, '条'),
  ofWhichSibling('L1_1b', '制发规范性文件总数', 1, '件'),
  group('L1_2', '（二）通过不同渠道和方式公开政府信息的情况', 1),
  item('L1_2_1', '1.政府公报公开政府信息数', 2, '条'),
  item('L1_2_2', '2.政府网站公开政府信息数', 2, '条'),
  item('L1_2_3', '3.政务微博公开政府信息数', 2, '条'),
  item('L1_2_4', '4.政务微信公开政府信息数', 2, '条'),
  item('L1_2_5', '5.其他方式公开政府信息数', 2, '条'),
  group('L2', '二、回应解读情况', 0),
  item('L2_1', '（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）', 1, '次'),
  group('L2_2', '（二）通过不同渠道和方式回应解读的情况', 1),
  item('L2_2_1', '1.参加或举办新闻发布会总次数', 2, '次'),
  ofWhich('L2_2_1a', '主要负责同志参加新闻发布会次数', 2, '次'),
  item('L2_2_2', '2.政府网站在线访谈次数', 2, '次'),
  ofWhich('L2_2_2a', '主要负责同志参加政府网站在线访谈次数', 2, '次'),
  item('L2_2_3', '3.政策解读稿件发布数', 2, '篇'),
  item('L2_2_4', '4.微博微信回应事件数', 2, '次'),
  item('L2_2_5', '5.其他方式回应事件数', 2, '次'),
  group('L3', '三、依申请公开情况', 0),
  item('L3_1', '（一）收到申请数', 1, '件'),
  item('L3_1_1', '1.当面申请数', 2, '件'),
  item('L3_1_2', '2.传真申请数', 2, '件'),
  item('L3_1_3', '3.网络申请数', 2, '件'),
  item('L3_1_4', '4.信函申请数', 2, '件'),
  item('L3_2', '（二）申请办结数', 1, '件', { sumOf: ['L3_2_1', 'L3_2_2'] }),
  item('L3_2_1', '1.按时办结数', 2, '件'),
  item('L3_2_2', '2.延期办结数', 2, '件'),
  item('L3_3', '（三）申请答复数', 1, '件'),
  item('L3_3_1', '1.属于已主动公开范围数', 2, '件'),
  item('L3_3_2', '2.同意公开答复数', 2, '件'),
  item('L3_3_3', '3.同意部分公开答复数', 2, '件'),
  item('L3_3_4', '4.不同意公开答复数', 2, '件'),
  ofWhich('L3_3_4a', '涉及国家秘密', 2, '件'),
  ofWhichSibling('L3_3_4b', '涉及商业秘密', 2, '件'),
  ofWhichSibling('L3_3_4c', '涉及个人隐私', 2, '件'),
  ofWhichSibling('L3_3_4d', '危及国家安全、公共安全、经济安全和社会稳定', 2, '件'),
  ofWhichSibling('L3_3_4e', '不是《条例》所指政府信息', 2, '件'),
  ofWhichSibling('L3_3_4f', '法律法规规定的其他情形', 2, '件'),
  item('L3_3_5', '5.不属于本行政机关公开数', 2, '件'),
  item('L3_3_6', '6.申请信息不存在数', 2, '件'),
  item('L3_3_7', '7.告知作出更改补充数', 2, '件'),
  item('L3_3_8', '8.告知通过其他途径办理数', 2, '件'),
  item('L4', '四、行政复议数量', 0, '件', { sumOf: ['L4_1', 'L4_2', 'L4_3'] }),
  item('L4_1', '（一）维持具体行政行为数', 1, '件'),
  item('L4_2', '（二）被依法纠错数', 1, '件'),
  item('L4_3', '（三）其他情形数', 1, '件'),
  item('L5', '五、行政诉讼数量', 0, '件', { sumOf: ['L5_1', 'L5_2', 'L5_3'] }),
  item('L5_1', '（一）维持具体行政行为或者驳回原告诉讼请求数', 1, '件'),
  item('L5_2', '（二）被依法纠错数', 1, '件'),
  item('L5_3', '（三）其他情形数', 1, '件'),
  item('L6', '六、举报投诉数量', 0, '件'),
  item('L7', '七、依申请公开信息收取的费用', 0, '万元'),
  group('L8', '八、机构建设和保障经费情况', 0),
  item('L8_1', '（一）政府信息公开工作专门机构数', 1, '个'),
  item('L8_2', '（二）设置政府信息公开查阅点数', 1, '个'),
  item('L8_3', '（三）从事政府信息公开工作人员数', 1, '人', { sumOf: ['L8_3_1', 'L8_3_2'] }),
  item('L8_3_1', '1.专职人员数（不包括政府公报及政府网站工作人员数）', 2, '人'),
  item('L8_3_2', '2.兼职人员数', 2, '人'),
  item('L8_4', '（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）', 1, '万元'),
  group('L9', '九、政府信息公开会议和培训情况', 0),
  item('L9_1', '（一）召开政府信息公开工作会议或专题会议数', 1, '次'),
  item('L9_2', '（二）举办各类培训班数', 1, '次'),
  item('L9_3', '（三）接受培训人员数', 1, '人次'),
];

export const GROUP_UNIT = GROUP;

export const INDICATOR_BY_KEY: ReadonlyMap<string, Indicator> = new Map(INDICATORS.map((indicator) => [indicator.key, indicator]));

/** Keys of the rows that hold a number, in printed order. */
export const VALUE_KEYS = INDICATORS.filter((indicator) => indicator.kind !== 'group').map((indicator) => indicator.key);
/** Keys of the group heading rows (LG-01). */
export const GROUP_KEYS = INDICATORS.filter((indicator) => indicator.kind === 'group').map((indicator) => indicator.key);

/** The label as printed, e.g. “（一）收到申请数”; “其中：” siblings are named with the prefix for clarity in messages. */
export function indicatorName(key: string): string {
  const indicator = INDICATOR_BY_KEY.get(key);
  return indicator ? indicator.label : key;
}
