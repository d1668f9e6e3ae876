/**
 * The JSON Schema editors use to autocomplete and check report files,
 * generated from the zod source (schema/report.schema.json; a test fails when
 * the committed file is stale: run `npm run schema`).
 */
import { z } from 'zod';
import { reportV2021 } from './formats/v2021/schema.js';

export function reportJsonSchema(): Record<string, unknown> {
  // io: 'input' describes what a user writes (defaults make fields optional).
  return z.toJSONSchema(reportV2021, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
