/**
 * The quantities a v2021 narrative states about its tables (rule V21-TXT-01,
 * checked by formats/common/narrative-facts.ts; the phrases are in
 * formats/common/narrative-vocabulary.ts): every figure of 表二 and 表三, the
 * 规章 and 行政规范性文件 counts, the 处理决定 counts and the 收费 amount of
 * 表一, and the 信息处理费 of the data's `fee`.
 */
import type { NarrativeFacts } from '../common/narrative-facts.js';
import {
  decisionFact,
  NARRATIVE_SUBJECTS,
  documentFacts,
  informationFeeFacts,
  proactiveFeeFact,
  requestFacts,
  reviewFacts,
} from '../common/narrative-vocabulary.js';
import { REQUEST_ROWS } from './schema.js';

export const v2021NarrativeFacts: NarrativeFacts = {
  code: 'V21-TXT-01',
  subjects: NARRATIVE_SUBJECTS,
  facts: [
    ...requestFacts(REQUEST_ROWS),
    ...reviewFacts,
    ...documentFacts('reg', '(?:政府)?规章'),
    ...documentFacts('nd', '(?:行政)?规范性文件'),
    decisionFact('license', '行政许可'),
    decisionFact('penalty', '行政处罚'),
    decisionFact('coercion', '行政强制'),
    proactiveFeeFact,
    ...informationFeeFacts,
  ],
};
