/** The v2021 balance rules the grids cannot express by themselves (spec §7.2). */
import { sixPartBalances } from '../common/balances.js';
import { OUTCOME_ROWS } from './schema.js';

export const v2021Balances = sixPartBalances('V21', OUTCOME_ROWS);
