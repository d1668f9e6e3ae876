/**
 * The JSON Schema editors use to autocomplete and check report files,
 * generated from the zod source (schema/report.schema.json; a test fails when
 * the committed file is stale: run `npm run schema`).
 *
 * One file covers every format of a registry. Each format's schema sits under
 * `$defs/<format id>`; the root picks one the way xxgk does (spec §1,
 * src/formats/registry.ts): by `format` when written, else by `year` (the
 * format with the latest first year not after it), through nested
 * if/then/else, which editors (yaml-language-server, VS Code) follow.
 */
import * as z from 'zod';
import { builtInFormats } from './formats/index.js';
import { describeYears, type AnyFormat, type FormatRegistry } from './formats/registry.js';

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
export function formatJsonSchema(format: AnyFormat): Json {
  return z.toJSONSchema(format.schema, { io: 'input', unrepresentable: 'any' }) as Json;
}

export function reportJsonSchema(formats: FormatRegistry = builtInFormats): Json {
  const ref = (format: AnyFormat): Json => ({ $ref: `${DEFS}${format.id}` });
  const formatIs = (format: AnyFormat): Json => ({ required: ['format'], properties: { format: { const: format.id } } });
  const yearBelow = (year: number): Json => ({
    not: { required: ['format'] },
    required: ['year'],
    properties: { year: { type: 'integer', exclusiveMaximum: year } },
  });
  // By year, oldest first: a year below the next format's first year is this format's.
  const byYear = formats.byYear;
  const chooseByYear = (index: number): Json => {
    const format = byYear[index]!;
    const next = byYear[index + 1];
    return next?.firstYear === undefined ? ref(format) : { if: yearBelow(next.firstYear), then: ref(format), else: chooseByYear(index + 1) };
  };
  // By `format`, in the registry's order from last to first.
  const named = [...formats.formats].reverse();
  const chooseByName = (index: number): Json => {
    const format = named[index];
    return format ? { if: formatIs(format), then: ref(format), else: chooseByName(index + 1) } : chooseByYear(0);
  };
  const years = byYear.map((format) => `${describeYears(formats, format)} ${format.id}`).join('，');
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: '政府信息公开工作年度报告数据',
    description: `按 format 选择格式；不写 format 时按 year 选择：${years}`,
    ...chooseByName(0),
    $defs: Object.fromEntries(formats.formats.map((format) => [format.id, nest(formatJsonSchema(format), format.id)])),
  };
}
