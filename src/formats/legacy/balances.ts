/**
 * The balance rules of the 政府信息公开工作统计表 as data: the totals the grid
 * declares with `sumOf` (./indicators.ts), under their spec §7.4 codes. The
 * warning-only equations (LG-05, LG-07, LG-08) are not totals of the form and
 * stay out of it; they are checked in ./rules.ts.
 */
import type { FormatBalances } from '../../tables/balances.js';

const CODES: Readonly<Record<string, string>> = { L3_2: 'LG-06', L4: 'LG-10', L5: 'LG-10', L8_3: 'LG-11' };

export const legacyBalances: FormatBalances = {
  sumCode: (_tableId, key) => CODES[key[0] ?? ''] ?? 'LG-合计',
  identities: [],
};
