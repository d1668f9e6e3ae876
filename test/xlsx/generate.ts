/**
 * Valid random reports for the XLSX and aggregation tests: a seeded generator
 * (plain PRNG, for fixtures of many units) and a fast-check arbitrary (for
 * property tests). Totals are computed so every 勾稽 rule holds.
 */
import { balanceRules } from '../../src/tables/balances.js';
import fc from 'fast-check';
import { resolveTable } from '../../src/compose/compose.js';
import type { DocumentMeta, ReportDocument } from '../../src/document/model.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import {
  APPLICANT_COLUMNS,
  OUTCOME_ROWS,
  REVIEW_GROUPS,
  type ReportV2021,
  type ReportV2021Input,
} from '../../src/formats/v2021/schema.js';

export type Rng = () => number;

/** mulberry32: small, fast, good enough for fixtures. */
export function seededRng(seed: number): Rng {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = Record<(typeof APPLICANT_COLUMNS)[number] | 'tot', number>;

export interface TableParts {
  proactive: Omit<ReportV2021['tables']['proactive'], never>;
  /** Per outcome row, six applicant counts. */
  outcomes: number[][];
  carryIn: number[];
  carryOut: number[];
  review: number[][];
}

/** Builds the tables from free parts; `new` is derived so that new + carry_in = total + carry_out. */
export function tablesFromParts(parts: TableParts): ReportV2021['tables'] {
  const row = (values: readonly number[]): Row => {
    const r = Object.fromEntries(APPLICANT_COLUMNS.map((c, i) => [c, values[i]!])) as Row;
    r.tot = values.reduce((a, b) => a + b, 0);
    return r;
  };
  const requests: Record<string, Row> = {};
  OUTCOME_ROWS.forEach((key, i) => (requests[key] = row(parts.outcomes[i]!)));
  const total = APPLICANT_COLUMNS.map((_, c) => OUTCOME_ROWS.reduce((sum, _key, i) => sum + parts.outcomes[i]![c]!, 0));
  const carryOut = [...parts.carryOut];
  const carryIn = [...parts.carryIn];
  // carry_in may not exceed total + carry_out, or new would be negative.
  const fresh = APPLICANT_COLUMNS.map((_, c) => {
    const value = total[c]! + carryOut[c]! - carryIn[c]!;
    if (value < 0) carryIn[c]! += value;
    return Math.max(0, value);
  });
  requests.new = row(fresh);
  requests.carry_in = row(carryIn);
  requests.total = row(total);
  requests.carry_out = row(carryOut);
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
  return {
    proactive: parts.proactive,
    requests: requests as ReportV2021['tables']['requests'],
    review_litigation: review as ReportV2021['tables']['review_litigation'],
  };
}

export function randomParts(rng: Rng, scale = 30): TableParts {
  const int = (n: number) => Math.floor(rng() * n);
  const six = () => APPLICANT_COLUMNS.map(() => (rng() < 0.4 ? 0 : int(scale)));
  return {
    proactive: {
      reg_issued: int(5),
      reg_repealed: int(3),
      reg_in_force: int(60),
      nd_issued: int(12),
      nd_repealed: int(6),
      nd_in_force: int(90),
      license_decisions: int(6000),
      penalty_decisions: int(3000),
      coercion_decisions: int(150),
      fee_amount_wan: int(2_000_000) / 10_000,
    },
    outcomes: OUTCOME_ROWS.map(six),
    carryIn: six(),
    carryOut: six(),
    review: REVIEW_GROUPS.map(() => [int(6), int(4), int(3), int(3)]),
  };
}

export function randomReport(rng: Rng, overrides: Partial<ReportV2021Input> = {}): ReportV2021Input {
  const month = 1 + Math.floor(rng() * 3);
  const day = 1 + Math.floor(rng() * 28);
  return {
    format: 'v2021',
    year: 2024,
    organization: { name: `示范单位${Math.floor(rng() * 1e6)}`, level: '部门' },
    signature: { date: `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` },
    tables: tablesFromParts(randomParts(rng)),
    ...overrides,
  };
}

const textCharacter = fc.oneof(
  fc.constantFrom(...'示范市青禾区人民政府办公室街道乡镇局委员会（）“”、·—'.split('')),
  fc.constantFrom('=', '+', '-', '@', '&', '<', '>', '"', "'", '_x0041_', ' ', '\t', '\n', '😀', '𠀀', '﹏'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);

/** Names a clerk might type, including ones that look like formulas or XML. */
export const organizationName = fc
  .array(textCharacter, { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join(''))
  .filter((name) => name.trim().length > 0 && !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/u.test(name));

const count = (max: number) => fc.integer({ min: 0, max });

export const tablePartsArbitrary: fc.Arbitrary<TableParts> = fc.record({
  proactive: fc.record({
    reg_issued: count(50),
    reg_repealed: count(50),
    reg_in_force: count(500),
    nd_issued: count(50),
    nd_repealed: count(50),
    nd_in_force: count(500),
    license_decisions: count(10_000_000),
    penalty_decisions: count(1_000_000),
    coercion_decisions: count(100_000),
    fee_amount_wan: fc.integer({ min: 0, max: 1_000_000_000 }).map((n) => n / 10_000),
  }),
  outcomes: fc.array(fc.array(count(500), { minLength: 6, maxLength: 6 }), { minLength: OUTCOME_ROWS.length, maxLength: OUTCOME_ROWS.length }),
  carryIn: fc.array(count(300), { minLength: 6, maxLength: 6 }),
  carryOut: fc.array(count(300), { minLength: 6, maxLength: 6 }),
  review: fc.array(fc.array(count(100), { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 3 }),
});

export const reportArbitrary: fc.Arbitrary<ReportV2021Input> = fc
  .record({
    parts: tablePartsArbitrary,
    name: organizationName,
    signatureName: fc.option(organizationName, { nil: undefined }),
    year: fc.integer({ min: 2021, max: 2030 }),
    date: fc.date({ min: new Date('2022-01-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true }),
    level: fc.constantFrom('人民政府', '部门', '乡镇街道', '其他' as const),
  })
  .map(({ parts, name, signatureName, year, date, level }) => ({
    format: 'v2021' as const,
    year,
    organization: { name, level },
    signature: { date: date.toISOString().slice(0, 10), ...(signatureName !== undefined ? { name: signatureName } : {}) },
    tables: tablesFromParts(parts),
  }));

/**
 * A document with the report's tables and facts, without the narrative
 * templates (fast: property tests build hundreds). The signature block and
 * organisation level are included as composition would give them.
 */
export function tablesDocument(input: ReportV2021Input, wanDecimals = 2): ReportDocument {
  const report = v2021Format.schema.parse(input);
  const meta = {
    title: v2021Format.title(report),
    organization: report.organization.name,
    organizationLevel: report.organization.level,
    year: report.year,
    formatId: v2021Format.id,
    formatName: v2021Format.name,
    signatureDate: report.signature!.date!,
    ...(report.fee ? { fee: { count: report.fee.count, amountYuan: report.fee.amount_yuan } } : {}),
    language: 'zh-CN' as const,
  };
  return {
    meta: meta as DocumentMeta,
    blocks: [
      ...v2021Format.tables.map((grid) => resolveTable(grid, report, wanDecimals)),
      { kind: 'signature', names: [report.signature!.name ?? report.organization.name], date: report.signature!.date! },
    ],
    balances: balanceRules(v2021Format.tables, v2021Format.balances),
  };
}
