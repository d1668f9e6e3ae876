import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportJsonSchema } from '../../src/schema-json.js';

describe('schema/report.schema.json', () => {
  it('is up to date with the zod source (run `npm run schema` after changing it)', () => {
    const committed = JSON.parse(readFileSync('schema/report.schema.json', 'utf8'));
    expect(committed).toEqual(reportJsonSchema());
  });

  it('describes the tables with their printed labels so editors can explain each key', () => {
    const schema = reportJsonSchema() as { properties: Record<string, any> };
    const proactive = schema.properties.tables.properties.proactive;
    expect(proactive.properties.reg_issued.description).toBe('规章 × 本年制发件数');
    expect(proactive.additionalProperties).toBe(false);
    expect(schema.properties.tables.properties.requests.required).toHaveLength(25);
  });
});
