/**
 * The three mandated tables of the 2021 format as physical grids (spec §3.3–3.5).
 * Labels are copied verbatim from the spec: full-width brackets, Chinese quotes, 、.
 */
import type { TableDefinition } from '../../tables/grid.js';
import { proactiveTableDefinitionFor } from '../common/proactive-table.js';
import { PROACTIVE_SECTIONS } from './proactive-sections.js';
import { reviewTableDefinition } from '../common/review-table.js';
import { requestsTableDefinition, requestsTableDefinitionOneRowOther } from './schema.js';

export {
  PROACTIVE_HEADING,
  REQUEST_COLUMN_LABELS,
  REQUEST_ROW_LABELS,
  REQUESTS_HEADING,
  REQUESTS_NOTE,
  RESULTS_LABEL,
  requestRowLayouts,
  requestsTableCells,
  requestsTableDefinitionFor,
  type RequestRowLayout,
} from '../common/requests-table.js';
export { proactiveTableDefinitionFor, proactiveTableSchema, type ProactiveSection } from '../common/proactive-table.js';
export { PROACTIVE_SECTIONS } from './proactive-sections.js';

// ---------------------------------------------------------------- T1 (§3.3)

export const proactiveTableDefinition: TableDefinition = proactiveTableDefinitionFor(PROACTIVE_SECTIONS);

// ---------------------------------------------------------------- T2 (§3.4)

// Both layouts are built next to their schema, which makes their totals optional (./schema.ts).
export { requestsTableDefinition, requestsTableDefinitionOneRowOther };

export { reviewTableDefinition };

/** The tables in the order they appear in the report. */
export const v2021TableDefinitions: readonly TableDefinition[] = [
  proactiveTableDefinition,
  requestsTableDefinition,
  reviewTableDefinition,
];

/** The tables of a report whose T2 has the one-row （六）其他处理. */
export const v2021OneRowOtherTableDefinitions: readonly TableDefinition[] = [
  proactiveTableDefinition,
  requestsTableDefinitionOneRowOther,
  reviewTableDefinition,
];
