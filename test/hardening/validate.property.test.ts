/**
 * Property: validation never throws, whatever it is given — arbitrary JSON,
 * arbitrary text as YAML, objects keyed __proto__ / constructor, and valid
 * reports of every format with one value replaced by something hostile. It
 * returns diagnostics; when there is no error it returns the report, and that
 * report composes and renders. Nothing leaks into Object.prototype.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import type { FormatDefinition } from '../../src/formats/format.js';
import { loadFromData, loadReportText } from '../../src/io/load.js';
import { renderDocx } from '../../src/render/docx.js';
import { hasErrors, validateLoaded, validateReportText, type ValidateResult } from '../../src/validate/index.js';
import { arbitraryFor, FORMAT_IDS, type ReportData } from '../helpers/arbitrary-reports.js';
import { PROPERTY_SEED } from './support/config.js';

const DANGEROUS_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];
const REPORT_KEYS = ['format', 'year', 'organization', 'name', 'level', 'signature', 'date', 'narrative', 'overview', 'tables', 'proactive', 'requests', 'new', 'np', 'tot', 'fee', 'statistics', 'values', 'L1_1', 'sections', 'heading', 'body', 'source'];

/** Keys a hostile or confused file may hold: the report's own, prototype names, anything. */
const key = fc.oneof(fc.constantFrom(...DANGEROUS_KEYS, ...REPORT_KEYS), fc.string({ maxLength: 8 }));

/** Values JSON cannot hold but data built in code can: NaN, ±Infinity, -0, beyond 2^53, huge strings. */
const hostileScalar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(null, true, false, 0, -0, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 53 + 2, 1e308, -1e-7, '', ' ', '十二', '１２', '12件', '1,234', '=1+1', '\u0007', '\u202E', 'a\u0000b', '\u200B') },
  { weight: 3, arbitrary: fc.integer() },
  { weight: 3, arbitrary: fc.double() },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  // Around the 50 000-character limit of one text field.
  { weight: 1, arbitrary: fc.integer({ min: 49_990, max: 50_010 }).map((n) => '字'.repeat(n)) },
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, hostileScalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
})).value;

/** Replaces (or deletes) the value at one path of a report with a hostile one. */
function mutate(data: ReportData, choices: readonly number[], replacement: unknown, remove: boolean): unknown {
  const copy = structuredClone(data) as Record<string, unknown>;
  let node: unknown = copy;
  for (let depth = 0; depth < choices.length; depth++) {
    if (node === null || typeof node !== 'object') break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const chosen = keys[choices[depth]! % keys.length]!;
    const child = (node as Record<string, unknown>)[chosen];
    const last = depth === choices.length - 1 || child === null || typeof child !== 'object';
    if (last) {
      if (remove) delete (node as Record<string, unknown>)[chosen];
      else Object.defineProperty(node, chosen, { value: replacement, enumerable: true, writable: true, configurable: true });
      break;
    }
    node = child;
  }
  return copy;
}

function expectWellFormed(result: ValidateResult): void {
  expect(Array.isArray(result.diagnostics)).toBe(true);
  for (const diagnostic of result.diagnostics) {
    expect(typeof diagnostic.message).toBe('string');
    expect(diagnostic.message).toMatch(/[\u3400-\u9fff]/u);
    expect(['error', 'warning']).toContain(diagnostic.severity);
  }
  if (!hasErrors(result.diagnostics)) expect(result.report).toBeDefined();
}

afterEach(() => {
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('validation never throws', () => {
  it('on arbitrary JSON, as a file and as data', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectWellFormed(validateReportText(JSON.stringify(value) ?? 'null', 'data.json'));
        expectWellFormed(validateLoaded(loadFromData(value)));
      }),
      { numRuns: 1000, seed: PROPERTY_SEED },
    );
  });

  it('on arbitrary values keyed __proto__, constructor and the report’s own keys', () => {
    fc.assert(
      fc.property(fc.dictionary(key, hostileValue, { maxKeys: 8 }), (value) => {
        expectWellFormed(validateLoaded(loadFromData(value)));
        const json = JSON.stringify(value);
        if (json !== undefined) expectWellFormed(validateReportText(json, 'data.json'));
      }),
      { numRuns: 500, seed: PROPERTY_SEED + 1 },
    );
  });

  it('on arbitrary text read as YAML', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: fc.constantFrom('{', '}', '[', ']', ':', ' ', '\n', '\t', '-', '&a', '*a', '!!', '|', '>', '"', "'", '#', 'year', '2024', '__proto__') })), (text) => {
        const load = loadReportText(text, 'data.yaml');
        expect(Array.isArray(load.diagnostics)).toBe(true);
        expectWellFormed(validateReportText(text, 'data.yaml'));
      }),
      { numRuns: 1000, seed: PROPERTY_SEED + 2 },
    );
  });

  it.each(FORMAT_IDS)('on %s reports with one value replaced or removed; what passes also builds', async (format) => {
    let built = 0;
    await fc.assert(
      fc.asyncProperty(
        arbitraryFor(format),
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        hostileValue,
        fc.boolean(),
        async (data, choices, replacement, remove) => {
          const mutated = mutate(data, choices, replacement, remove);
          const result = validateLoaded(loadFromData(mutated));
          expectWellFormed(result);
          const json = JSON.stringify(mutated);
          if (json !== undefined) expectWellFormed(validateReportText(json, 'data.json'));
          // A report that validates without errors builds (a few of them: rendering is the slow part).
          if (!hasErrors(result.diagnostics) && built < 25) {
            built += 1;
            const document = composeReport(result.report, result.format as FormatDefinition<unknown>);
            expect((await renderDocx(document)).byteLength).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300, seed: PROPERTY_SEED + 3 + FORMAT_IDS.indexOf(format) },
    );
  }, 120_000);
});
