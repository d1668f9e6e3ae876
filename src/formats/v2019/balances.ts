/**
 * The v2019 balance rules the grids cannot express by themselves (spec §7.3),
 * with the rule codes of the derived sums: the v2021 ones under V19 codes, as
 * the T2 and T3 equations are the same (only the outcome rows differ).
 */
import type { FormatBalances, RowIdentity } from '../../tables/balances.js';
import { OUTCOME_ROWS } from './schema.js';

const T2_IDENTITY: RowIdentity = {
  code: 'V19-T2-03',
  tableId: 't2',
  left: ['new', 'carry_in'],
  right: ['total', 'carry_out'],
  description: '第一项加第二项之和，等于第三项加第四项之和',
};

/** V19-T2-02 in the 总计 column (the grid makes （七）总计 × 总计 a row total, V19-T2-01). */
const T2_TOTAL_COLUMN: RowIdentity = {
  code: 'V19-T2-02',
  tableId: 't2',
  left: ['total'],
  right: OUTCOME_ROWS,
  description: '（七）总计 ＝ （一）至（六）各项之和',
  columns: ['tot'],
};

export const v2019Balances: FormatBalances = {
  sumCode: (tableId, key) =>
    tableId === 't2' ? (key[1] === 'tot' ? 'V19-T2-01' : 'V19-T2-02') : tableId === 't3' ? 'V19-T3-01' : `V19-${tableId.toUpperCase()}`,
  identities: [T2_TOTAL_COLUMN, T2_IDENTITY],
};
