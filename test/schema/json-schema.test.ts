import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { builtInFormats } from '../../src/formats/index.js';

const selectFormat = builtInFormats.select;
import { reportJsonSchema } from '../../src/schema-json.js';

type Json = Record<string, any>;

/** Follows a `#/…` JSON pointer inside the schema. */
function resolve(root: Json, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Json)[part] : undefined), root);
}

/**
 * Evaluates the root's if/then/else chain the way a JSON Schema validator
 * does, for the few keywords it uses (required, properties/const,
 * exclusiveMaximum, not), and returns the $ref it ends in.
 */
function chosenDefinition(schema: Json, data: Json): string {
  const holds = (condition: Json): boolean => {
    if (condition.not && holds(condition.not)) return false;
    for (const key of condition.required ?? []) if (!(key in data)) return false;
    for (const [key, rule] of Object.entries<Json>(condition.properties ?? {})) {
      if (!(key in data)) continue;
      if ('const' in rule && data[key] !== rule.const) return false;
      if (rule.type === 'integer' && !Number.isInteger(data[key])) return false;
      if ('exclusiveMaximum' in rule && !(data[key] < rule.exclusiveMaximum)) return false;
    }
    return true;
  };
  let node: Json = schema;
  while (node.if) node = holds(node.if) ? node.then : node.else;
  return node.$ref;
}

describe('schema/report.schema.json', () => {
  const schema = reportJsonSchema() as Json;

  it('is up to date with the zod source (run `npm run schema` after changing it)', () => {
    const committed = JSON.parse(readFileSync('schema/report.schema.json', 'utf8'));
    expect(committed).toEqual(schema);
  });

  it('holds one schema per format, each describing the tables with their printed labels', () => {
    expect(Object.keys(schema.$defs)).toEqual(['v2021', 'v2019', 'legacy']);
    const v2021 = schema.$defs.v2021;
    expect(v2021.properties.tables.properties.proactive.properties.reg_issued.description).toBe('规章 × 本年制发件数');
    expect(v2021.properties.tables.properties.proactive.additionalProperties).toBe(false);
    // Every row but （七）总计, which is all totals and may be left out like every total cell (computed by xxgk),
    // and the three （六）其他处理 sub-rows, which a published report may write as one row `other`.
    const requests = v2021.properties.tables.properties.requests;
    expect(requests.required).toHaveLength(21);
    expect(requests.required).not.toContain('total');
    expect(requests.properties.total.description).toBe('（七）总计：整行都是总计格，可整行不填，xxgk 自动计算；填了则核对');
    expect(requests.properties.granted.required).toEqual(['np', 'biz', 'res', 'ngo', 'law', 'oth']);
    expect(requests.properties.granted.properties.tot.description).toBe(
      '（一）予以公开 × 总计 ＝ 「自然人」至「其他」六列之和：总计格可不填，xxgk 自动计算；填了则核对',
    );
    const review = v2021.properties.tables.properties.review_litigation;
    expect(review.required).not.toContain('rv_total');
    expect(review.required).toContain('rv_keep');
    expect(review.properties.rv_total.description).toMatch(/^行政复议 › 总计 ＝ 结果维持、结果纠正、其他结果、尚未审结四项之和：总计格可不填/);
    expect(Object.keys(requests.properties)).toEqual(expect.arrayContaining(['other_nocorrect', 'other_nofee', 'other_other', 'other']));
    expect(Object.keys(requests.properties)).toHaveLength(26);
    const v2019 = schema.$defs.v2019;
    expect(v2019.properties.tables.properties.requests.required).toHaveLength(22);
    expect(v2019.properties.tables.properties.proactive.properties.othersvc_delta.description).toMatch(/^其他对外管理服务事项 × 本年增\/减/);
    const legacy = schema.$defs.legacy;
    expect(legacy.properties.statistics.properties.values.properties.L8_3_2.description).toBe('2.兼职人员数（人）');
    expect(legacy.properties.statistics.properties.values.properties.L8_3.description).toBe(
      '（三）从事政府信息公开工作人员数 × 统计数 ＝ L8_3_1、L8_3_2之和：总计格可不填，xxgk 自动计算；填了则核对',
    );
    expect(legacy.properties.statistics.properties.values.required).not.toContain('L8_3');
    expect(legacy.properties.sections.items.properties.body.items.$ref).toMatch(/^#\/\$defs\/legacy\/\$defs\//);
  });

  it('has every $ref point at a definition inside the file', () => {
    const refs = JSON.stringify(schema).match(/"\$ref":"[^"]+"/g)!.map((m) => m.slice(8, -1));
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of new Set(refs)) expect(resolve(schema, ref), ref).toBeTypeOf('object');
  });

  it('picks the format the way xxgk does: by `format`, else by `year`', () => {
    const cases: [Json, string][] = [
      [{ year: 2024 }, 'v2021'],
      [{ year: 2021 }, 'v2021'],
      [{ year: 2020 }, 'v2019'],
      [{ year: 2019 }, 'v2019'],
      [{ year: 2018 }, 'legacy'],
      [{ year: 2009, format: 'legacy' }, 'legacy'],
      [{ year: 2018, format: 'v2021' }, 'v2021'],
      [{ year: 2024, format: 'v2019' }, 'v2019'],
    ];
    for (const [data, id] of cases) {
      expect(chosenDefinition(schema, data), JSON.stringify(data)).toBe(`#/$defs/${id}`);
      expect(selectFormat(data).format?.id).toBe(id);
    }
    for (const file of readdirSync('samples').filter((name) => name.endsWith('.yaml'))) {
      const data = parse(readFileSync(`samples/${file}`, 'utf8')) as Json;
      expect(chosenDefinition(schema, data), file).toBe(`#/$defs/${selectFormat(data).format!.id}`);
    }
  });
});
