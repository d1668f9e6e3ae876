#!/usr/bin/env node
// Benchmarks of the statistics workbook (run `npm run build` first; it uses dist/):
//   1. building the sample's workbook, warm          target ≤ 30 ms
//   2. importing one workbook, warm                   (for information)
//   3. aggregating 1,000 unit workbooks, wall time    target ≤ 10 s
//   4. `xxgk validate` and `xxgk build --to docx` do not load exceljs
// Usage: node scripts/bench-xlsx.mjs [--units 1000] [--runs 200] [--json]
// Exits 1 when a target is missed.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
if (!existsSync(path.join(dist, 'render', 'xlsx.js'))) {
  console.error('bench-xlsx: dist/ is missing or stale; run `npm run build` first');
  process.exit(1);
}
const load = (file) => import(pathToFileURL(path.join(dist, file)).href);

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const UNITS = option('units', 1000);
const RUNS = option('runs', 200);
const JSON_OUTPUT = args.includes('--json');
const SAMPLE = path.join(root, 'samples', '青禾区人民政府2024年报.yaml');

const { composeReport, resolveTable } = await load('compose/compose.js');
const { createTemplateEnvironment } = await load('compose/environment.js');
const { validateReportFile } = await load('validate/index.js');
const { v2021Format } = await load('formats/v2021/index.js');
const { balanceRules } = await load('tables/balances.js');
const { APPLICANT_COLUMNS, OUTCOME_ROWS, REVIEW_GROUPS } = await load('formats/v2021/schema.js');
const { renderXlsx } = await load('render/xlsx.js');
const { importWorkbook } = await load('import/xlsx-import.js');
const { aggregateFiles } = await load('aggregate/index.js');

const results = [];
const record = (name, value, unit, target) => {
  const ok = target === undefined || value <= target;
  results.push({ name, value: Math.round(value * 100) / 100, unit, ...(target !== undefined ? { target, ok } : {}) });
  if (!JSON_OUTPUT) {
    const goal = target !== undefined ? `（目标 ≤ ${target} ${unit}）${ok ? ' ✓' : ' ✗'}` : '';
    console.log(`${name}: ${value.toFixed(unit === 's' ? 2 : 1)} ${unit}${goal}`);
  }
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// ------------------------------------------------------------ 1. warm build
const { report } = await validateReportFile(SAMPLE);
const document = composeReport(report, v2021Format, { templates: createTemplateEnvironment() });
for (let i = 0; i < 30; i++) await renderXlsx(document);
const buildTimes = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  await renderXlsx(document);
  buildTimes.push(performance.now() - started);
}
record('生成统计工作簿（热，中位数）', median(buildTimes), 'ms', 30);

// ------------------------------------------------------------ 2. warm import
const workbook = await renderXlsx(document);
for (let i = 0; i < 30; i++) importWorkbook(workbook, { formats: [v2021Format] });
const importTimes = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  importWorkbook(workbook, { formats: [v2021Format] });
  importTimes.push(performance.now() - started);
}
record('导入一个工作簿（热，中位数）', median(importTimes), 'ms');

// ------------------------------------------------------------ 3. aggregate 1,000 units
let seed = 1000;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (n) => Math.floor(random() * n);
function unitReport(i) {
  const row = (values) => ({ ...Object.fromEntries(APPLICANT_COLUMNS.map((c, k) => [c, values[k]])), tot: values.reduce((a, b) => a + b, 0) });
  const six = () => APPLICANT_COLUMNS.map(() => int(20));
  const requests = {};
  const outcomes = OUTCOME_ROWS.map(six);
  OUTCOME_ROWS.forEach((key, k) => (requests[key] = row(outcomes[k])));
  const total = APPLICANT_COLUMNS.map((_, c) => outcomes.reduce((sum, values) => sum + values[c], 0));
  const carryOut = six();
  const carryIn = APPLICANT_COLUMNS.map((_, c) => Math.min(int(20), total[c] + carryOut[c]));
  requests.new = row(total.map((t, c) => t + carryOut[c] - carryIn[c]));
  requests.carry_in = row(carryIn);
  requests.total = row(total);
  requests.carry_out = row(carryOut);
  const review = {};
  for (const group of REVIEW_GROUPS) {
    const parts = [int(5), int(5), int(5), int(5)];
    ['keep', 'correct', 'other', 'pending'].forEach((name, k) => (review[`${group}_${name}`] = parts[k]));
    review[`${group}_total`] = parts.reduce((a, b) => a + b, 0);
  }
  return {
    format: 'v2021',
    year: 2024,
    organization: { name: `示范单位${String(i).padStart(4, '0')}`, level: '部门' },
    signature: { date: '2025-01-20' },
    tables: {
      proactive: {
        reg_issued: int(5), reg_repealed: int(3), reg_in_force: int(50), nd_issued: int(10), nd_repealed: int(5), nd_in_force: int(80),
        license_decisions: int(5000), penalty_decisions: int(2000), coercion_decisions: int(100), fee_amount_wan: int(1_000_000) / 10_000,
      },
      requests,
      review_litigation: review,
    },
  };
}

const folder = await mkdtemp(path.join(tmpdir(), 'xxgk-bench-'));
try {
  const units = path.join(folder, 'units');
  await import('node:fs/promises').then((fs) => fs.mkdir(units));
  const unitBalances = balanceRules(v2021Format.tables, v2021Format.balances);
  for (let i = 0; i < UNITS; i++) {
    const data = unitReport(i);
    const unitDocument = {
      meta: { title: `${data.organization.name}2024年政府信息公开工作年度报告`, organization: data.organization.name, year: 2024, formatId: 'v2021', formatName: v2021Format.name, signatureDate: data.signature.date, language: 'zh-CN' },
      blocks: v2021Format.tables.map((grid) => resolveTable(grid, data, 2)),
      balances: unitBalances,
    };
    await writeFile(path.join(units, `unit${String(i).padStart(4, '0')}.xlsx`), await renderXlsx(unitDocument));
  }
  const started = performance.now();
  const outcome = await aggregateFiles([units], { out: path.join(folder, '汇总.xlsx'), organization: '示范市', signatureDate: '2025-03-01' });
  const seconds = (performance.now() - started) / 1000;
  if (outcome.result.units.length !== UNITS) throw new Error(`aggregated ${outcome.result.units.length} of ${UNITS} units`);
  record(`汇总 ${UNITS} 个单位的工作簿（墙钟时间）`, seconds, 's', UNITS === 1000 ? 10 : undefined);

  // ---------------------------------------------------------- 4. validate / docx do not load exceljs
  const probe = `
    import { createRequire } from 'node:module';
    const { runCli } = await import(${JSON.stringify(pathToFileURL(path.join(dist, 'cli', 'main.js')).href)});
    const quiet = { out() {}, err() {} };
    await runCli(['validate', ${JSON.stringify(SAMPLE)}], { printer: quiet });
    await runCli(['build', ${JSON.stringify(SAMPLE)}, '--to', 'docx', '--out', ${JSON.stringify(folder)}], { printer: quiet });
    const cache = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify(cache.filter((file) => /[\\\\/]exceljs[\\\\/]/.test(file)).length));
  `;
  const loaded = Number(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: root, encoding: 'utf8' }).trim());
  record('validate 与 build --to docx 加载的 exceljs 模块数', loaded, '个', 0);
} finally {
  await rm(folder, { recursive: true, force: true });
}

if (JSON_OUTPUT) console.log(JSON.stringify({ benchmark: 'xlsx', results }, null, 2));
process.exit(results.every((result) => result.ok !== false) ? 0 : 1);
