/**
 * The balance rules the six-part formats share (same T2/T3 equations, spec §7.2
 * and §7.3): the T2 header identity and the 总计-column outcome sum, under the
 * format's own rule-code prefix and outcome rows.
 */
import type { FormatBalances, RowIdentity } from '../../tables/balances.js';
import { OUTCOMES_NAME } from './requests-table.js';

export function sixPartBalances(prefix: 'V21' | 'V19', outcomeRows: readonly string[]): FormatBalances {
  const identity: RowIdentity = {
    code: `${prefix}-T2-03`,
    tableId: 't2',
    left: ['new', 'carry_in'],
    right: ['total', 'carry_out'],
    description: '第一项加第二项之和，等于第三项加第四项之和',
    at: 'total',
    wording: {
      left: '第一项加第二项',
      right: '第三项加第四项',
      terms: { new: '本年新收', carry_in: '上年结转', total: '总计', carry_out: '结转下年度' },
    },
  };
  // The grid makes （七）总计 × 总计 a row total (T2-01), so its column total (T2-02) is declared here.
  const totalColumn: RowIdentity = {
    code: `${prefix}-T2-02`,
    tableId: 't2',
    left: ['total'],
    right: outcomeRows,
    description: '（七）总计 ＝ （一）至（六）各项之和',
    columns: ['tot'],
    wording: { parts: OUTCOMES_NAME },
  };
  return {
    sumCode: (tableId, key) =>
      tableId === 't2'
        ? key[1] === 'tot'
          ? `${prefix}-T2-01`
          : `${prefix}-T2-02`
        : tableId === 't3'
          ? `${prefix}-T3-01`
          : `${prefix}-${tableId.toUpperCase()}`,
    identities: [totalColumn, identity],
  };
}
