/**
 * The quantities a v2019 narrative states about its tables (rule V19-TXT-01):
 * the same 表二 (with its single （六）其他处理 row) and 表三 figures as the 2021
 * format, and the 处理决定 counts of 表一. The 2019 表一 counts documents as
 * 新制作/新公开/对外公开总数, which no 制发/废止/现行有效 phrase states, so those are left out.
 */
import type { NarrativeFacts } from '../common/narrative-facts.js';
import { decisionFact, NARRATIVE_SUBJECTS, requestFacts, reviewFacts } from '../common/narrative-vocabulary.js';
import { REQUEST_ROWS } from './schema.js';

export const v2019NarrativeFacts: NarrativeFacts = {
  code: 'V19-TXT-01',
  subjects: NARRATIVE_SUBJECTS,
  facts: [
    ...requestFacts(REQUEST_ROWS),
    ...reviewFacts,
    decisionFact('license', '行政许可'),
    decisionFact('penalty', '行政处罚'),
    decisionFact('coercion', '行政强制'),
  ],
};
