/**
 * fast-check arbitraries of valid report data for all three formats (v2021,
 * v2019, legacy), for the hardening property tests. Each generates the data as
 * a clerk would write it in a data file (before schema defaults), with every
 * 勾稽 rule that is an error satisfied (warnings may remain), so every
 * generated report validates without errors and builds.
 *
 * Also: the expected printed text of every table value cell, computed from
 * the input data (not from composition), and text arbitraries — plain Chinese
 * for speed, or any Unicode a clerk could paste that the schema accepts.
 *
 * (Named apart from test/helpers/report-generator.ts, which the benchmarks use.)
 */
import fc from 'fast-check';
import { describeForbiddenCharacter } from '../../src/formats/common/schema-parts.js';
import type { FormatId } from '../../src/formats/format.js';
import { INDICATORS } from '../../src/formats/legacy/indicators.js';
import { formatValue } from '../../src/document/model.js';
import { readCellValue, type TableGrid } from '../../src/tables/grid.js';
import { OUTCOME_ROWS as V19_OUTCOME_ROWS, PROJECT_ITEMS } from '../../src/formats/v2019/schema.js';
import { REVIEW_GROUPS } from '../../src/formats/v2021/schema.js';
import { tablePartsArbitrary, tablesFromParts } from '../xlsx/generate.js';

export type ReportData = Record<string, unknown>;

export const FORMAT_IDS: readonly FormatId[] = ['v2021', 'v2019', 'legacy'];

// ------------------------------------------------------------------ text

const CJK = '示范市青禾区人民政府办公室街道乡镇局委员会政务公开信息申请复议诉讼主动依法规范管理平台建设监督保障年度工作';
const PUNCTUATION = '，。、；：“”（）《》—…·';

/**
 * Chinese text of the kind a report holds: CJK, punctuation and a few Latin
 * letters. No digits, so that in a PDF every number standing alone is a table
 * value (the numbers a report writes in its text are attached to Chinese).
 */
export const plainText = (maxLength = 40): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...CJK) }, { weight: 2, arbitrary: fc.constantFrom(...PUNCTUATION, ...'ABCxyz') }), {
      minLength: 1,
      maxLength,
    })
    .map((characters) => characters.join(''));

/** Characters that stress an emitter: XML specials, formula starters, markup look-alikes, astral CJK, emoji, full-width. */
const AWKWARD = ['=', '+', '-', '@', '&', '<', '>', '"', "'", '&amp;', ']]>', '_x0041_', '@h1 ', '{{', '}}', '\\', '😀', '👨‍👩‍👧', '𠀀', '𪚥', '﹏', '\u3000', '\u00A0', '\u200E', 'é', 'ﬁ'];

/**
 * Any text the schema accepts: arbitrary Unicode (graphemes, lone code
 * points, line breaks of every kind) plus awkward characters, minus what the
 * schema refuses (controls, bidi controls, lone surrogates) and the
 * zero-width characters loading removes. Non-empty after trimming.
 */
export const unicodeText = (maxLength = 30): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...CJK) },
        { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
        { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
        { weight: 2, arbitrary: fc.constantFrom(...AWKWARD) },
        { weight: 1, arbitrary: fc.constantFrom('\n', '\r\n', '\r', '\u2028', '\u2029', '\t', ' ', '\n\n') },
      ),
      { minLength: 1, maxLength },
    )
    .map((parts) => parts.join('').replace(/[\u200B\u2060\uFEFF]/gu, ''))
    .filter((text) => text.trim().length > 0 && describeForbiddenCharacter(text) === undefined);

export interface TextOptions {
  /** Text for names, headings and paragraphs. */
  text?: (maxLength: number) => fc.Arbitrary<string>;
}

type Block = string | { heading: string; body?: Block[] };

const narrativeBlocks = (text: (maxLength: number) => fc.Arbitrary<string>, depth = 2, maxItems = 3): fc.Arbitrary<Block[]> =>
  fc.array(
    depth <= 0
      ? text(60)
      : fc.oneof(
          { weight: 3, arbitrary: text(60) as fc.Arbitrary<Block> },
          {
            weight: 1,
            arbitrary: fc.record(
              { heading: text(12), body: narrativeBlocks(text, depth - 1, 2) },
              { requiredKeys: ['heading'] },
            ) as fc.Arbitrary<Block>,
          },
        ),
    { maxLength: maxItems },
  );

const level = fc.constantFrom('人民政府', '部门', '乡镇街道', '其他');

/** A signature date in the year after the report year, by March (G-07 holds for every level except 部门 after January: a warning). */
const signatureDate = (year: number): fc.Arbitrary<string> =>
  fc.record({ month: fc.integer({ min: 1, max: 3 }), day: fc.integer({ min: 1, max: 28 }) }).map(
    ({ month, day }) => `${year + 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  );

const count = (max: number) => fc.integer({ min: 0, max });
const wan = fc.integer({ min: 0, max: 1_000_000_000 }).map((n) => n / 10_000);

// ------------------------------------------------------------------ v2021

export function v2021Arbitrary(options: TextOptions = {}): fc.Arbitrary<ReportData> {
  const text = options.text ?? plainText;
  return fc.integer({ min: 2021, max: 2030 }).chain((year) =>
    fc.record(
      {
        parts: tablePartsArbitrary,
        name: text(20),
        signatureName: fc.option(text(20), { nil: undefined }),
        date: signatureDate(year),
        level,
        overview: narrativeBlocks(text),
        problems: narrativeBlocks(text),
        other: narrativeBlocks(text, 1),
        fee: fc.option(fc.record({ count: count(50), amount_yuan: fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 100) }), { nil: undefined }),
      },
    ).map(({ parts, name, signatureName, date, level: orgLevel, overview, problems, other, fee }) => ({
      format: 'v2021',
      year,
      organization: { name, level: orgLevel },
      signature: { date, ...(signatureName !== undefined ? { name: signatureName } : {}) },
      narrative: { overview, problems, other },
      tables: tablesFromParts(parts),
      ...(fee ? { fee } : {}),
    })),
  );
}

// ------------------------------------------------------------------ v2019

const V19_COLUMNS = ['np', 'biz', 'res', 'ngo', 'law', 'oth'] as const;

function v2019Tables(parts: {
  proactive: Record<string, number>;
  deltas: number[];
  outcomes: number[][];
  carryIn: number[];
  carryOut: number[];
  review: number[][];
}): Record<string, unknown> {
  const proactive: Record<string, number> = { ...parts.proactive };
  // V19-T1-02: 上一年项目数量 + 本年增/减 ≥ 0.
  PROJECT_ITEMS.forEach((item, i) => {
    const prev = proactive[`${item}_prev`]!;
    proactive[`${item}_delta`] = Math.max(0 - prev, parts.deltas[i]!); // 0 - 0 is +0, unlike -0
  });
  const row = (values: readonly number[]) => ({
    ...Object.fromEntries(V19_COLUMNS.map((column, i) => [column, values[i]!])),
    tot: values.reduce((a, b) => a + b, 0),
  });
  const requests: Record<string, unknown> = {};
  V19_OUTCOME_ROWS.forEach((key, i) => (requests[key] = row(parts.outcomes[i]!)));
  const total = V19_COLUMNS.map((_, c) => V19_OUTCOME_ROWS.reduce((sum, _key, i) => sum + parts.outcomes[i]![c]!, 0));
  const carryIn = [...parts.carryIn];
  const fresh = V19_COLUMNS.map((_, c) => {
    const value = total[c]! + parts.carryOut[c]! - carryIn[c]!;
    if (value < 0) carryIn[c] = carryIn[c]! + value;
    return Math.max(0, value);
  });
  requests.new = row(fresh);
  requests.carry_in = row(carryIn);
  requests.total = row(total);
  requests.carry_out = row(parts.carryOut);
  const review: Record<string, number> = {};
  REVIEW_GROUPS.forEach((group, g) => {
    const [keep, correct, other, pending] = parts.review[g]!;
    Object.assign(review, {
      [`${group}_keep`]: keep,
      [`${group}_correct`]: correct,
      [`${group}_other`]: other,
      [`${group}_pending`]: pending,
      [`${group}_total`]: keep! + correct! + other! + pending!,
    });
  });
  return { proactive, requests, review_litigation: review };
}

const six = (max: number) => fc.array(count(max), { minLength: 6, maxLength: 6 });

export function v2019Arbitrary(options: TextOptions = {}): fc.Arbitrary<ReportData> {
  const text = options.text ?? plainText;
  const proactive = fc.record({
    reg_new_made: count(50),
    reg_new_pub: count(50),
    reg_total_pub: count(500),
    nd_new_made: count(50),
    nd_new_pub: count(50),
    nd_total_pub: count(500),
    license_prev: count(1000),
    license_decisions: count(1_000_000),
    othersvc_prev: count(1000),
    othersvc_decisions: count(100_000),
    penalty_prev: count(1000),
    penalty_decisions: count(100_000),
    coercion_prev: count(500),
    coercion_decisions: count(10_000),
    fee_prev: count(200),
    procure_items: count(500),
    procure_amount_wan: wan,
  });
  return fc.integer({ min: 2019, max: 2020 }).chain((year) =>
    fc
      .record({
        proactive,
        deltas: fc.array(fc.integer({ min: -300, max: 300 }), { minLength: PROJECT_ITEMS.length, maxLength: PROJECT_ITEMS.length }),
        outcomes: fc.array(six(300), { minLength: V19_OUTCOME_ROWS.length, maxLength: V19_OUTCOME_ROWS.length }),
        carryIn: six(200),
        carryOut: six(200),
        review: fc.array(fc.array(count(100), { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 3 }),
        name: text(20),
        date: signatureDate(year),
        level,
        overview: narrativeBlocks(text),
        problems: narrativeBlocks(text),
        preamble: fc.option(narrativeBlocks(text, 0, 2), { nil: undefined }),
      })
      .map(({ name, date, level: orgLevel, overview, problems, preamble, ...parts }) => ({
        format: 'v2019',
        year,
        organization: { name, level: orgLevel },
        signature: { date },
        ...(preamble && preamble.length > 0 ? { preamble } : {}),
        narrative: { overview, problems },
        tables: v2019Tables(parts),
      })),
  );
}

// ------------------------------------------------------------------ legacy

const VALUE_INDICATORS = INDICATORS.filter((indicator) => indicator.kind !== 'group');

/** Statistics values with every LG error rule satisfied: LG-03 (其中 ≤ 所属项), LG-06, LG-10 and LG-11 (sums). */
function legacyValues(random: Record<string, number>): Record<string, number> {
  const values = { ...random };
  for (const [part, whole] of [
    ['L1_1a', 'L1_1'],
    ['L2_2_1a', 'L2_2_1'],
    ['L2_2_2a', 'L2_2_2'],
  ] as const) {
    values[part] = Math.min(values[part]!, values[whole]!);
  }
  for (const indicator of VALUE_INDICATORS) {
    if (indicator.sumOf) values[indicator.key] = indicator.sumOf.reduce((sum, key) => sum + values[key]!, 0);
  }
  return values;
}

export function legacyArbitrary(options: TextOptions = {}): fc.Arbitrary<ReportData> {
  const text = options.text ?? plainText;
  const values = fc.record(
    Object.fromEntries(VALUE_INDICATORS.map((indicator) => [indicator.key, indicator.kind === 'amount' ? wan : count(5000)])) as Record<
      string,
      fc.Arbitrary<number>
    >,
  );
  return fc.integer({ min: 2008, max: 2018 }).chain((year) =>
    fc
      .record({
        values,
        name: text(20),
        level: fc.option(level, { nil: undefined }),
        date: fc.option(signatureDate(year), { nil: undefined }),
        title: fc.option(text(30), { nil: undefined }),
        preamble: narrativeBlocks(text, 0, 2),
        sections: fc.array(fc.record({ heading: text(16), body: narrativeBlocks(text, 2, 3) }), { minLength: 1, maxLength: 5 }),
        units: fc.constantFrom('常见模板', '仅万元人次'),
        reportingUnit: fc.option(text(16), { nil: undefined }),
      })
      .map(({ values: random, name, level: orgLevel, date, title, preamble, sections, units, reportingUnit }) => ({
        format: 'legacy',
        year,
        organization: { name, ...(orgLevel ? { level: orgLevel } : {}) },
        ...(title !== undefined ? { title } : {}),
        preamble,
        sections,
        ...(date ? { signature: { date } } : {}),
        statistics: {
          units,
          ...(reportingUnit !== undefined ? { reporting_unit: reportingUnit } : {}),
          values: legacyValues(random),
        },
      })),
  );
}

// ------------------------------------------------------------------ all formats

export function arbitraryFor(format: FormatId, options: TextOptions = {}): fc.Arbitrary<ReportData> {
  switch (format) {
    case 'v2021':
      return v2021Arbitrary(options);
    case 'v2019':
      return v2019Arbitrary(options);
    case 'legacy':
      return legacyArbitrary(options);
    default:
      throw new RangeError(`no generator for format ${format}`);
  }
}

/** One table value cell as it must appear in every output: where, and what. */
export interface ExpectedCell {
  table: string;
  row: number;
  col: number;
  key: readonly string[];
  value: number;
  /** As DOCX and PDF print it (formatValue, 2 decimals for 万元). */
  text: string;
  label: string;
}

/**
 * The value cells of the given tables (those a composed report prints, in
 * its order: legacy has one grid per 单位 style), read from the input data,
 * independently of composition.
 */
export function expectedCells(data: ReportData, grids: readonly TableGrid[], wanDecimals = 2): Map<string, ExpectedCell[]> {
  const result = new Map<string, ExpectedCell[]>();
  for (const grid of grids) {
    const tableData = grid.definition.dataPath.reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      data,
    );
    if (tableData === undefined) continue;
    result.set(
      grid.definition.id,
      grid.valueCells.map((cell) => {
        const value = readCellValue(tableData, cell.content.key);
        if (value === undefined) throw new Error(`${grid.definition.id}: no value for ${cell.content.key.join('.')}`);
        return {
          table: grid.definition.id,
          row: cell.row,
          col: cell.col,
          key: cell.content.key,
          value,
          text: formatValue(value, cell.content.format, wanDecimals),
          label: `${grid.definition.id} ${cell.content.rowLabel ?? ''}×${cell.content.colLabel}`,
        };
      }),
    );
  }
  return result;
}
