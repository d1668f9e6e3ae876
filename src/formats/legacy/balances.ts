/**
 * The balance rules of the 政府信息公开工作统计表 as data (spec §7.4): the
 * totals the grid declares with `sumOf` (./indicators.ts) under their rule
 * codes, and the warning-only sums that are not totals of the form (LG-05,
 * LG-07, LG-08: checked, but not written into the workbook's 校验 sheet).
 */
import type { FormatBalances } from '../../tables/balances.js';
import { STATISTICS_TABLE_IDS } from './tables.js';

const CODES: Readonly<Record<string, string>> = { L3_2: 'LG-06', L4: 'LG-10', L5: 'LG-10', L8_3: 'LG-11' };

const advisory = (code: string, total: string, parts: readonly string[], note?: string) =>
  Object.values(STATISTICS_TABLE_IDS).map((tableId) => ({
    code,
    tableId,
    total,
    parts,
    severity: 'warning' as const,
    ...(note ? { note: { generated: note, published: note } } : {}),
  }));

export const legacyBalances: FormatBalances = {
  sumCode: (_tableId, key) => CODES[key[0] ?? ''] ?? 'LG-合计',
  // LG-11 is an error in a report being written, a warning in one reproduced as published.
  severities: { 'LG-11': 'generated' },
  notes: { 'LG-11': { published: '（原报告如此，按原样重现）' } },
  identities: [],
  advisories: [
    ...advisory('LG-05', 'L3_1', ['L3_1_1', 'L3_1_2', 'L3_1_3', 'L3_1_4'], '（四种申请方式合计）'),
    ...advisory('LG-07', 'L3_3', ['L3_3_1', 'L3_3_2', 'L3_3_3', 'L3_3_4', 'L3_3_5', 'L3_3_6', 'L3_3_7', 'L3_3_8']),
    ...advisory('LG-08', 'L3_3_4', ['L3_3_4a', 'L3_3_4b', 'L3_3_4c', 'L3_3_4d', 'L3_3_4e', 'L3_3_4f'], '（同一答复可能有多个理由，只作提示）'),
  ],
};
