#!/usr/bin/env node
/**
 * PDF benchmark: renders the bundled sample repeatedly in one process with
 * fonts resolved once (as the CLI and batch builds do) and reports
 *
 *   size     bytes of the sample's PDF                 target ≤ 300 KB
 *   warm     median wall time of a render after warm-up target ≤ 120 ms
 *   peak     peak resident memory of the process       target ≤ 250 MB
 *
 * plus the cold first render (the PDF modules loaded, fonts read and parsed,
 * code run for the first time) and CPU time per render.
 * Uses the compiled library in dist/ (run `npm run build` first).
 *
 *   node scripts/bench-pdf.mjs [--runs 30] [--system-fonts] [--json] [--check] [--out sample.pdf]
 *
 * By default only the bundled fonts are used, so figures do not depend on the
 * machine's fonts; --system-fonts resolves fonts as `xxgk build` does.
 * --check exits with 1 when a target is missed.
 *
 *   --long           the ~13-page report bench.mjs uses (report-generator.mjs, seed 13)
 *                    instead of the sample (size and peak targets are the sample's)
 *   --profile FILE   write a V8 CPU profile of the warm runs only (open it in
 *                    Chrome DevTools or speedscope), e.g. --runs 200 --profile warm.cpuprofile
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import YAML from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    'system-fonts': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    out: { type: 'string' },
    long: { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});

const TARGETS = { sizeKB: 300, warmMedianMs: 120, peakMB: 250 };

const dist = (file) => import(path.join(root, 'dist', file));
const { composeReport } = await dist('compose/compose.js');
const { v2021Format, reportV2021 } = await dist('formats/v2021/index.js');

const samplePath = path.join(root, 'samples', '青禾区人民政府2024年报.yaml');
const input = values.long
  ? await longReport()
  : { label: path.relative(root, samplePath), data: YAML.parse(readFileSync(samplePath, 'utf8')) };
const document = composeReport(reportV2021.parse(input.data), v2021Format);

/** The long report of scripts/bench.mjs: same seed and organisation index. */
async function longReport() {
  const { generateReport } = await import('./report-generator.mjs');
  return { label: 'report-generator.mjs long (seed 13)', data: generateReport(13, { size: 'long', index: 2719 }) };
}

/** A V8 CPU profile of `work`, written to `file` (node:inspector, so only the warm runs are in it). */
async function profiled(file, work) {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  try {
    await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

const creationDate = new Date('2025-01-20T00:00:00Z');

const time = async () => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await renderPdf(document, { fonts, creationDate });
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { result, wall, cpu: (used.user + used.system) / 1000 };
};

// Cold: everything the first PDF of a process pays for, module loading included
// (fontkit comes with the font catalog, pdfmake and pdfkit with the first render).
const coldStart = performance.now();
const { createFontCatalog } = await dist('fonts/catalog.js');
const { resolveFonts } = await dist('fonts/resolve.js');
const { renderPdf } = await dist('render/pdf.js');
const catalog = values['system-fonts'] ? createFontCatalog() : createFontCatalog({ systemFontDirs: [], fontconfig: false });
const fonts = resolveFonts(catalog);
const cold = await time();
const coldMs = performance.now() - coldStart;

const runs = Math.max(1, Number(values.runs) || 30);
// Warm-up: let the JIT and the per-face glyph caches settle.
for (let i = 0; i < 5; i++) await time();
const walls = [];
const cpus = [];
const measure = async () => {
  for (let i = 0; i < runs; i++) {
    const { wall, cpu } = await time();
    walls.push(wall);
    cpus.push(cpu);
  }
};
if (values.profile) await profiled(values.profile, measure);
else await measure();
const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const quantile = (list, q) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(q * list.length))];

const report = {
  sample: input.label,
  fonts: values['system-fonts'] ? 'system + bundled' : 'bundled only',
  pages: cold.result.pages,
  sizeKB: +(cold.result.bytes.length / 1024).toFixed(1),
  coldMs: +coldMs.toFixed(1),
  warmMedianMs: +median(walls).toFixed(1),
  warmP90Ms: +quantile(walls, 0.9).toFixed(1),
  warmMinMs: +Math.min(...walls).toFixed(1),
  cpuMedianMs: +median(cpus).toFixed(1),
  // Under load from other processes the minimum is the steadier figure.
  cpuMinMs: +Math.min(...cpus).toFixed(1),
  runs,
  peakMB: +(process.resourceUsage().maxRSS / 1024).toFixed(1),
};
const misses = Object.entries(TARGETS).filter(([key, limit]) => report[key] > limit).map(([key]) => key);

if (values.out) writeFileSync(values.out, cold.result.bytes);
if (values.json) {
  console.log(JSON.stringify({ ...report, targets: TARGETS, ok: misses.length === 0 }));
} else {
  console.log(`PDF benchmark — ${report.sample}, ${report.fonts}, ${report.pages} pages`);
  console.log(`  size          ${report.sizeKB} KB        (target ≤ ${TARGETS.sizeKB} KB)`);
  console.log(`  cold render   ${report.coldMs} ms       (modules loaded, fonts read and parsed)`);
  console.log(`  warm median   ${report.warmMedianMs} ms       (target ≤ ${TARGETS.warmMedianMs} ms; p90 ${report.warmP90Ms}, min ${report.warmMinMs}, CPU median ${report.cpuMedianMs}, min ${report.cpuMinMs}; ${runs} runs)`);
  console.log(`  peak memory   ${report.peakMB} MB       (target ≤ ${TARGETS.peakMB} MB)`);
  console.log(misses.length === 0 ? '  all targets met' : `  missed: ${misses.join(', ')}`);
}
if (values.check && misses.length > 0) process.exitCode = 1;
