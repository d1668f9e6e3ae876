/**
 * Rules of the 政府信息公开工作统计表, spec §7.4 (LG-01 … LG-11), G-06 for the
 * statistics period a preamble states, and G-07 for a dated signature.
 *
 * LG-02 (counts are non-negative integers, L7 and L8_4 non-negative 万元
 * amounts) is enforced when the data is loaded (G-01/G-03 from the schema);
 * its “L9_3 单位为人次” and LG-01's “单位格为——” are fixed in the grid
 * (./tables.ts), so no data file can break them. LG-01's “统计数格为空” is
 * checked here: a group row given a number is an error.
 *
 * LG-11 is ERROR for a report being written and WARN for one reproduced as
 * published (`source: published`, spec §7.4: seed 003 breaks it).
 */
import { describeCell } from '../../tables/describe.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { RuleContext } from '../format.js';
import {
  checkSignatureDate,
  checkStatisticsPeriod,
  error,
  sum,
  warn,
  type Deadline,
  type MonthDay,
  type OrganizationLevel,
} from '../common/rules.js';
import { GROUP_KEYS, indicatorName } from './indicators.js';
import type { ReportLegacy } from './schema.js';
import { statisticsTableDefinition as TABLE } from './tables.js';

export interface LegacyRuleContext extends RuleContext<ReportLegacy> {
  deadlines?: Partial<Record<OrganizationLevel, MonthDay>>;
}

/** 2007 年条例第三十一条 (spec §1 ⚠️): every 年报 by 3 月 31 日. */
export const LEGACY_DEADLINE: Deadline = {
  month: 3,
  day: 31,
  reason: '2007 年《条例》第三十一条：每年 3 月 31 日前公布上一年度年报',
};

const PATH = ['statistics', 'values'] as const;

const name = (key: string): string => `「${indicatorName(key)}」`;

function checkStatistics(report: ReportLegacy): Diagnostic[] {
  const statistics = report.statistics;
  if (!statistics) return [];
  const values = statistics.values as Record<string, unknown>;
  const v = (key: string): number => (typeof values[key] === 'number' ? (values[key] as number) : 0);
  const cell = (key: string): string => describeCell(TABLE, [key]);
  const diagnostics: Diagnostic[] = [];

  // LG-01: a group heading row has no number.
  for (const key of GROUP_KEYS) {
    const written = values[key];
    if (written !== undefined && written !== null && written !== '') {
      diagnostics.push(
        error(
          'LG-01',
          [...PATH, key],
          `「${TABLE.caption}」表${name(key)}是分组标题行，单位为“——”，统计数格应为空，不能填写数字（写成了 ${JSON.stringify(written)}）；请删去这一项`,
        ),
      );
    }
  }

  // LG-03: a “其中” item is not larger than the item it belongs to.
  for (const [part, whole] of [
    ['L1_1a', 'L1_1'],
    ['L2_2_1a', 'L2_2_1'],
    ['L2_2_2a', 'L2_2_2'],
  ] as const) {
    if (v(part) > v(whole)) {
      diagnostics.push(error('LG-03', [...PATH, part], `${cell(part)}为 ${v(part)}，大于其所属的${name(whole)} ${v(whole)}；“其中”项不能大于所属项`));
    }
  }

  // LG-04: the same item published through several channels counts once.
  const channels = ['L1_2_1', 'L1_2_2', 'L1_2_3', 'L1_2_4', 'L1_2_5'];
  const channelValues = channels.map(v);
  const most = Math.max(...channelValues);
  const all = sum(channelValues);
  if (v('L1_1') < most || v('L1_1') > all) {
    diagnostics.push(
      warn(
        'LG-04',
        [...PATH, 'L1_1'],
        `${cell('L1_1')}为 ${v('L1_1')}，应在各渠道公开数的最大值 ${most} 与合计 ${all} 之间（同一信息多渠道公开只计 1 条）`,
      ),
    );
  }

  // LG-05 … LG-08, LG-10 and LG-11 are sums: the format's balance rules (./balances.ts).

  // LG-09: no more requests completed than received (there is no 上年未办结 row).
  if (v('L3_2') > v('L3_1')) {
    diagnostics.push(
      warn('LG-09', [...PATH, 'L3_2'], `${cell('L3_2')}为 ${v('L3_2')}，大于${name('L3_1')} ${v('L3_1')}（表中没有上年未办结数，如含上年结转请在报告中说明）`),
    );
  }

  return diagnostics;
}

/** All legacy rules. */
export function checkLegacy(report: ReportLegacy, context: LegacyRuleContext = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const date = report.signature?.date;
  if (date && !report.signature?.date_text) {
    const level = report.organization.level;
    const configured = level ? context.deadlines?.[level] : undefined;
    diagnostics.push(
      ...checkSignatureDate({
        year: report.year,
        date,
        path: ['signature', 'date'],
        deadline: LEGACY_DEADLINE,
        ...(configured ? { configured } : {}),
      }),
    );
  }
  diagnostics.push(...checkStatisticsPeriod(report.preamble, report.year, ['preamble']));
  diagnostics.push(...checkStatistics(report));
  return diagnostics;
}
