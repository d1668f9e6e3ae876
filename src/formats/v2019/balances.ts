/** The v2019 balance rules (spec §7.3): the six-part T2/T3 equations under V19 codes, with this format's outcome rows. */
import { sixPartBalances } from '../common/balances.js';
import { OUTCOME_ROWS } from './schema.js';

export const v2019Balances = sixPartBalances('V19', OUTCOME_ROWS);
