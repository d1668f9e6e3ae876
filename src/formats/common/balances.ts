/**
 * The balance rules v2019 and v2021 share (same T2/T3 equations, spec §7.2
 * and §7.3): the T2 header identity and the 总计-column outcome sum, under the
 * format's own rule-code prefix and outcome rows.
 */
import type { FormatBalances, RowIdentity } from '../../tables/balances.js';

export function sixPartBalances(prefix: 'V21' | 'V19', outcomeRows: readonly string[]): FormatBalances {
  const identity: RowIdentity = {
    code: `${prefix}-T2-03`,
    tableId: 't2',
    left: ['new', 'carry_in'],
    right: ['total', 'carry_out'],
    description: '第一项加第二项之和，等于第三项加第四项之和',
  };
  // The grid makes （七）总计 × 总计 a row total (T2-01), so its column total (T2-02) is declared here.
  const totalColumn: RowIdentity = {
    code: `${prefix}-T2-02`,
    tableId: 't2',
    left: ['total'],
    right: outcomeRows,
    description: '（七）总计 ＝ （一）至（六）各项之和',
    columns: ['tot'],
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
