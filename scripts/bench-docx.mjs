#!/usr/bin/env node
/**
 * DOCX benchmark: renders the bundled sample and the ~13-page generated report
 * (the one scripts/bench.mjs calls "long") repeatedly in one process and
 * reports, for each, the median wall and CPU time of a warm render, the cold
 * first render and the file size. Then renders a batch of distinct generated
 * reports once each (the mix scripts/bench.mjs builds), as a batch build
 * does: the emitter reuses components across renders, and a report rendered
 * again finds more of them than a new one. Uses the compiled library in dist/
 * (run `npm run build` first).
 *
 *   node scripts/bench-docx.mjs [--runs 30] [--batch 100] [--json] [--out-dir dir]
 *
 * CPU time is the process's (process.cpuUsage), so it counts V8's GC helper
 * threads too and can exceed the wall time.
 * --out-dir writes the two DOCX files there (sample.docx, long.docx).
 * Profile with: node --cpu-prof --cpu-prof-dir=/tmp/prof scripts/bench-docx.mjs
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { generateReport, generateReports } from './report-generator.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    batch: { type: 'string', default: '100' },
    json: { type: 'boolean', default: false },
    'out-dir': { type: 'string' },
  },
});

const dist = (file) => import(path.join(root, 'dist', file));
const { composeReport } = await dist('compose/compose.js');
const { v2021Format, reportV2021 } = await dist('formats/v2021/index.js');

// Loading the emitter (and the docx library) is timed on its own, apart from the cold render.
const loadStart = performance.now();
const { renderDocx } = await dist('render/docx.js');
const loadMs = performance.now() - loadStart;

const samplePath = path.join(root, 'samples', '青禾区人民政府2024年报.yaml');
// Same seed and index as scripts/bench.mjs's long report.
const inputs = [
  { name: 'sample', input: YAML.parse(readFileSync(samplePath, 'utf8')) },
  { name: 'long', input: generateReport(13, { size: 'long', index: 2719 }) },
].map(({ name, input }) => ({ name, document: composeReport(reportV2021.parse(input), v2021Format) }));

const time = async (document) => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const bytes = await renderDocx(document);
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { bytes, wall, cpu: (used.user + used.system) / 1000 };
};

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (value) => +value.toFixed(1);

const runs = Math.max(1, Number(values.runs) || 30);
const cold = [];
for (const { document } of inputs) cold.push(await time(document));
// Warm-up on both reports, so the first one timed does not pay for the JIT.
for (let i = 0; i < 8; i++) for (const { document } of inputs) await time(document);

const results = {};
for (const [index, { name, document }] of inputs.entries()) {
  const walls = [];
  const cpus = [];
  for (let i = 0; i < runs; i++) {
    const { wall, cpu } = await time(document);
    walls.push(wall);
    cpus.push(cpu);
  }
  results[name] = {
    sizeKB: round(cold[index].bytes.length / 1024),
    coldMs: round(cold[index].wall),
    warmMedianMs: round(median(walls)),
    warmMinMs: round(Math.min(...walls)),
    cpuMedianMs: round(median(cpus)),
  };
  if (values['out-dir']) {
    mkdirSync(values['out-dir'], { recursive: true });
    writeFileSync(path.join(values['out-dir'], `${name}.docx`), cold[index].bytes);
  }
}

// Distinct reports, each rendered once (seed as scripts/bench.mjs's batch).
const batchSize = Math.max(0, Number(values.batch) || 0);
if (batchSize > 0) {
  const documents = generateReports(batchSize, 2024).map((input) => composeReport(reportV2021.parse(input), v2021Format));
  const walls = [];
  const cpus = [];
  for (const document of documents) {
    const { wall, cpu } = await time(document);
    walls.push(wall);
    cpus.push(cpu);
  }
  results.batch = {
    reports: batchSize,
    warmMedianMs: round(median(walls)),
    cpuMedianMs: round(median(cpus)),
    cpuMeanMs: round(cpus.reduce((a, b) => a + b, 0) / cpus.length),
  };
}

const report = { loadMs: round(loadMs), runs, ...results, peakMB: round(process.resourceUsage().maxRSS / 1024) };
if (values.json) {
  console.log(JSON.stringify(report));
} else {
  console.log(`DOCX benchmark — ${runs} warm runs each; emitter loaded in ${report.loadMs} ms`);
  for (const name of ['sample', 'long']) {
    const r = results[name];
    console.log(
      `  ${name.padEnd(7)} warm median ${r.warmMedianMs} ms (min ${r.warmMinMs}), CPU median ${r.cpuMedianMs} ms; cold ${r.coldMs} ms; ${r.sizeKB} KB`,
    );
  }
  if (results.batch) {
    const b = results.batch;
    console.log(`  batch   ${b.reports} distinct reports, once each: median ${b.warmMedianMs} ms, CPU median ${b.cpuMedianMs} ms (mean ${b.cpuMeanMs})`);
  }
  console.log(`  peak memory ${report.peakMB} MB`);
}
