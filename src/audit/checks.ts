/**
 * The checks `audit` adds to what validation runs on an extracted report:
 * the title's form, a fee statement anywhere in the text, the publication
 * date a portal page states against the deadline, and the organisation's
 * level (for the deadline) where the title does not say it. Each returns
 * Diagnostics with data paths and places; nothing here re-checks a sum.
 */
import type { Diagnostic, Place } from '../diagnostics/diagnostic.js';
import { STATUTORY_DEADLINES, type Deadline, type MonthDay, type OrganizationLevel } from '../formats/common/deadlines.js';
import { chineseDate } from '../text/numbering.js';

const TITLE_TAIL = '政府信息公开工作年度报告';

export const TITLE_PLACE: Place = { part: { id: 'title', label: '标题' } };
export const FEE_PLACE: Place = { part: { id: 'other', label: '六、其他需要报告的事项' } };
export const PAGE_DATE_PLACE: Place = { part: { id: 'published', label: '网页所载发布时间' } };

const audit = (code: string, severity: Diagnostic['severity'], path: (string | number)[], place: Place | undefined, message: string): Diagnostic => ({
  code,
  severity,
  stage: 'audit',
  path,
  ...(place ? { place } : {}),
  message,
});

/**
 * AUDIT-TITLE: the title reads “<机关名称><Y>年（度）政府信息公开工作年度报告”
 * (spec §3.2; “<Y>年<机关名称>…” also occurs and is only noted).
 */
export function checkTitle(title: string, year: number): Diagnostic[] {
  const text = title.normalize('NFKC').replace(/\s+/g, '');
  const shown = title.trim();
  const expected = `“机关名称＋${year}年（度）${TITLE_TAIL}”`;
  const orgFirst = /^(.*?)(\d{4})年度?(.*)$/.exec(text);
  if (!orgFirst) return [audit('AUDIT-TITLE', 'warning', ['title'], TITLE_PLACE, `标题“${shown}”中没有报告年度；应为${expected}`)];
  const [, before, , after] = orgFirst as unknown as [string, string, string, string];
  if (!after.endsWith(TITLE_TAIL)) {
    return [audit('AUDIT-TITLE', 'warning', ['title'], TITLE_PLACE, `标题“${shown}”不以“${TITLE_TAIL}”结尾；应为${expected}`)];
  }
  const orgAfter = after.slice(0, -TITLE_TAIL.length);
  // A letter's subject line (“……管理局关于2021年度……”): the report's title has no “关于”.
  if (before.endsWith('关于')) {
    return [audit('AUDIT-TITLE', 'warning', ['title'], TITLE_PLACE, `标题“${shown}”在机关名称和年度之间多了“关于”（公文、函件标题的写法）；应为${expected}`)];
  }
  if (before === '' && orgAfter === '') {
    return [audit('AUDIT-TITLE', 'warning', ['title'], TITLE_PLACE, `标题“${shown}”中没有机关名称；应为${expected}`)];
  }
  if (before !== '' && orgAfter !== '') {
    return [audit('AUDIT-TITLE', 'warning', ['title'], TITLE_PLACE, `标题“${shown}”在年度和“${TITLE_TAIL}”之间多了“${orgAfter}”；应为${expected}`)];
  }
  if (before === '') {
    return [audit('AUDIT-TITLE', 'info', ['title'], TITLE_PLACE, `标题“${shown}”把年度写在机关名称之前；常见写法为${expected}`)];
  }
  return [];
}

/** Every string of the preamble and the narrative (paragraphs, sub-headings and their text), in order. */
export function narrativeTexts(data: Record<string, unknown>): string[] {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') texts.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const block = node as { heading?: unknown; text?: unknown; body?: unknown };
      walk(block.heading);
      walk(block.text);
      walk(block.body);
    }
  };
  walk(data.preamble);
  if (data.narrative && typeof data.narrative === 'object') for (const part of Object.values(data.narrative)) walk(part);
  return texts;
}

/** Whether the report says anything about the 信息处理费 (an amount, or that none was charged). */
export function statesFee(data: Record<string, unknown>): boolean {
  return narrativeTexts(data).some((text) => /处理费|信息公开收费/.test(text));
}

/** Every string of a report of free sections (the years before 2019): preamble and sections, headings and paragraphs. */
function sectionTexts(data: Record<string, unknown>): string[] {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') texts.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(data.preamble);
  walk(data.sections);
  return texts;
}

const LEGACY_FEE = /(?:信息公开|申请)[^。；]{0,20}(?:收费|费用)|收费(?:及|和)?减免|无收费|未收取|没有收取|处理费/;

/**
 * Whether a report under the 2007 regulation states its 收费及减免情况: in
 * the text, or through the 统计表 it attaches (whose 依申请公开信息收取的费用 row states it).
 */
export function statesLegacyFee(data: Record<string, unknown>): boolean {
  const statistics = data.statistics as { values?: unknown } | undefined;
  if (statistics && typeof statistics === 'object' && statistics.values && typeof statistics.values === 'object') return true;
  return sectionTexts(data).some((text) => LEGACY_FEE.test(text));
}

/** AUDIT-FEE on a report under the 2007 regulation: its article 32 (三) asks for the 收费及减免情况. */
export function missingLegacyFee(): Diagnostic {
  return audit(
    'AUDIT-FEE',
    'info',
    ['sections'],
    undefined,
    '全文没有政府信息公开收费及减免情况的说明，也没有附统计表：旧条例（国务院令第492号）第三十二条第（三）项要求年度报告写明',
  );
}

/** AUDIT-FEE: no sentence anywhere about the 信息处理费 (spec §3.6, V21-S6-01). */
export function missingFee(): Diagnostic {
  return audit(
    'AUDIT-FEE',
    'warning',
    ['narrative', 'other'],
    FEE_PLACE,
    '全文没有信息处理费的说明：「六、其他需要报告的事项」应写明本年度收取信息处理费的情况（未收取也应写明）',
  );
}

/**
 * The level of an organisation the title names, where extract could not say:
 * a working department (…局、…委员会、…委、…厅) is taken for a 部门, except the
 * 管委会 and 片区 bodies that govern an area; otherwise unknown.
 */
export function inferLevel(name: string): OrganizationLevel | undefined {
  const plain = name.normalize('NFKC').replace(/[（(][^）)]*[）)]/g, '').trim();
  if (/片区|管理委员会|管委会|实验区$|开发区$|新区$/.test(plain)) return undefined;
  // A 中心 or an 办公室 may be a public institution or an office inside a body: left open.
  if (/(?:局|委员会|委|厅)$/.test(plain)) return '部门';
  return undefined;
}

const PAGE_DATE = /(?:发布(?:时间|日期)|成文日期|发文日期)\s*[:：]?\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})/;

/** The publication date a saved portal page or copied text states (“发布时间：2024-03-08”), as YYYY-MM-DD. */
export function pageDate(text: string): string | undefined {
  const match = PAGE_DATE.exec(text.slice(0, 200_000).normalize('NFKC'));
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * G-07 on the page's publication date: after the deadline of year Y+1 for
 * the organisation's level (spec §2) is a warning naming both dates. The
 * deadlines are those of the report's format: a report under the 2007
 * regulation was due by 3 月 31 日 whatever the body.
 */
export function checkPageDate(
  date: string,
  year: number,
  level: OrganizationLevel,
  options: {
    deadlines?: Partial<Record<OrganizationLevel, MonthDay>>;
    levelKnown: boolean;
    /** The statutory deadlines of the report's format (its regulation); default: the 2019 regulation's. */
    statutory?: Readonly<Record<OrganizationLevel, Deadline>>;
  },
): Diagnostic[] {
  const statutory = options.statutory ?? STATUTORY_DEADLINES;
  const configured = options.deadlines?.[level];
  const deadline = configured ?? statutory[level];
  const due = `${year + 1}-${String(deadline.month).padStart(2, '0')}-${String(deadline.day).padStart(2, '0')}`;
  if (date <= due) return [];
  // One date for every body (the 2007 regulation): the level does not matter.
  const uniform = new Set(Object.values(statutory).map((d) => `${d.month}-${d.day}`)).size === 1;
  const reason = configured
    ? '按设定的时限'
    : options.levelKnown || uniform
      ? statutory[level].reason
      : '看不出机关类别，按最晚的法定时限 3 月 31 日检查';
  return [
    {
      code: 'G-07',
      severity: 'warning',
      stage: 'audit',
      path: [],
      place: PAGE_DATE_PLACE,
      message: `网页所载发布时间 ${chineseDate(date)} 晚于发布时限 ${chineseDate(due)}（${reason}）`,
    },
  ];
}
