/**
 * The v2021 balance rules the grids cannot express by themselves (spec §7.2),
 * with the rule codes used for the derived sums.
 */
import type { FormatBalances, RowIdentity } from '../../tables/balances.js';
import { OUTCOME_ROWS } from './schema.js';

export const T2_IDENTITY: RowIdentity = {
  code: 'V21-T2-03',
  tableId: 't2',
  left: ['new', 'carry_in'],
  right: ['total', 'carry_out'],
  description: '第一项加第二项之和，等于第三项加第四项之和',
};

/**
 * V21-T2-02 in the 总计 column: the grid makes (七)总计 × 总计 a row total
 * (V21-T2-01), so its column total is declared here.
 */
const T2_TOTAL_COLUMN: RowIdentity = {
  code: 'V21-T2-02',
  tableId: 't2',
  left: ['total'],
  right: OUTCOME_ROWS,
  description: '（七）总计 ＝ （一）至（六）各项之和',
  columns: ['tot'],
};

export const v2021Balances: FormatBalances = {
  sumCode: (tableId, key) =>
    tableId === 't2' ? (key[1] === 'tot' ? 'V21-T2-01' : 'V21-T2-02') : tableId === 't3' ? 'V21-T3-01' : `V21-${tableId.toUpperCase()}`,
  identities: [T2_TOTAL_COLUMN, T2_IDENTITY],
};
