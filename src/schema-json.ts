/**
 * The JSON Schema editors use to autocomplete and check report files,
 * generated from the zod source (schema/report.schema.json; a test fails when
 * the committed file is stale: run `npm run schema`).
 *
 * One file covers every format. Each format's schema sits under
 * `$defs/<format id>`; the root picks one the way xxgk does (spec §1,
 * src/formats/registry.ts): by `format` when written, else by `year`
 * (≤ 2018 legacy, 2019–2020 v2019, ≥ 2021 v2021), through nested
 * if/then/else, which editors (yaml-language-server, VS Code) follow.
 */
import * as z from 'zod';
import { FIRST_YEAR, FORMATS } from './formats/registry.js';
import type { FormatId } from './formats/format.js';

type Json = Record<string, unknown>;

const DEFS = '#/$defs/';

/** Moves one format's schema under `$defs/<id>`: its own `$defs` and every `$ref` into them follow it. */
function nest(schema: Json, id: string): Json {
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node as Json)) {
      if (key === '$ref' && typeof value === 'string') {
        out[key] = value === '#' ? `${DEFS}${id}` : value.startsWith(DEFS) ? `${DEFS}${id}/$defs/${value.slice(DEFS.length)}` : value;
      } else {
        out[key] = rewrite(value);
      }
    }
    return out;
  };
  const { $schema: _ignored, ...rest } = schema;
  return rewrite(rest) as Json;
}

/** The JSON Schema of one format (what a user writes: defaults make fields optional). */
export function formatJsonSchema(id: FormatId): Json {
  const format = FORMATS.find((candidate) => candidate.id === id);
  if (!format) throw new RangeError(`unknown format ${id}`);
  return z.toJSONSchema(format.schema, { io: 'input', unrepresentable: 'any' }) as Json;
}

export function reportJsonSchema(): Json {
  const ref = (id: FormatId): Json => ({ $ref: `${DEFS}${id}` });
  const formatIs = (id: FormatId): Json => ({ required: ['format'], properties: { format: { const: id } } });
  const yearBelow = (year: number): Json => ({
    not: { required: ['format'] },
    required: ['year'],
    properties: { year: { type: 'integer', exclusiveMaximum: year } },
  });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: '政府信息公开工作年度报告数据',
    description:
      '按 format 选择格式；不写 format 时按 year 选择：2018 年度及以前 legacy，2019、2020 年度 v2019，2021 年度起 v2021',
    if: formatIs('legacy'),
    then: ref('legacy'),
    else: {
      if: formatIs('v2019'),
      then: ref('v2019'),
      else: {
        if: formatIs('v2021'),
        then: ref('v2021'),
        else: {
          if: yearBelow(FIRST_YEAR.v2019),
          then: ref('legacy'),
          else: {
            if: yearBelow(FIRST_YEAR.v2021),
            then: ref('v2019'),
            else: ref('v2021'),
          },
        },
      },
    },
    $defs: Object.fromEntries(FORMATS.map((format) => [format.id, nest(formatJsonSchema(format.id), format.id)])),
  };
}
