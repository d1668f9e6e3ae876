#!/usr/bin/env node
/**
 * Benchmarks of `extract` and `audit` (issue #15; run `npm run build` first, it uses dist/ and bin/):
 *
 *   pdf      the sample's PDF (built with `xxgk build --to pdf`) extracted and audited in one
 *            process, warm: median of the runs after a warm-up                target ≤ 300 ms
 *            (needs the PDF reader, src/extract/pdf.ts: without it the row says so)
 *   real     a real published PDF, the corpus's 6-page WPS export (淮安市 2024,
 *            test/fixtures/published/cn-jiangsu-huaian-city-2024/source.pdf, nine embedded
 *            subset CJK TrueType fonts of up to 50,000 glyphs), the same way    target ≤ 300 ms
 *            Both PDF rows note the median CPU time of a run (process.cpuUsage), which other
 *            processes on the machine do not inflate as they do the wall time.
 *   html     1,000 generated reports (scripts/report-generator.mjs) as the HTML pages xxgk renders
 *            for a portal, read from disk and audited by `auditDocuments` in one call, wall time
 *                                                                               target ≤ 30 s
 *   cli      the same folder through `xxgk audit <folder> --xlsx` in a fresh process, wall time
 *            (for information: adds start-up, printing and the workbook)
 *
 *   node scripts/bench-extract.mjs [--reports 1000] [--runs 15] [--json] [--keep]
 *
 * --json prints { results: [{ name, value, unit, target?, ok?, note? }] } for scripts/bench.mjs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateReports } from './report-generator.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
if (!existsSync(path.join(dist, 'audit', 'index.js'))) {
  console.error('bench-extract: dist/ is missing or stale; run `npm run build` first');
  process.exit(1);
}
const load = (file) => import(pathToFileURL(path.join(dist, file)).href);
const { values: flags } = parseArgs({
  options: {
    reports: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '15' },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const REPORTS = Math.max(1, Number(flags.reports));
const RUNS = Math.max(5, Number(flags.runs));
const TARGETS = { pdfWarmMs: 300, htmlSeconds: 30 };

const results = [];
const record = (name, value, unit, target, note) => {
  const ok = target === undefined || value === undefined ? undefined : value <= target;
  results.push({ name, ...(value !== undefined ? { value: Math.round(value * 100) / 100 } : {}), unit, ...(target !== undefined ? { target } : {}), ...(ok !== undefined ? { ok } : {}), ...(note ? { note } : {}) });
  if (!flags.json) {
    const shown = value === undefined ? '未测' : `${value.toFixed(unit === 's' ? 2 : 1)} ${unit}`;
    console.log(`${name}: ${shown}${target !== undefined ? `（目标 ≤ ${target} ${unit}）${ok === undefined ? '' : ok ? ' ✓' : ' ✗'}` : ''}${note ? `　${note}` : ''}`);
  }
};
const log = (message) => {
  if (!flags.json) process.stderr.write(`${message}\n`);
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const { auditDocuments } = await load('audit/index.js');
const { readDocument, isUnreadable } = await load('extract/index.js');
const { validateLoaded } = await load('validate/index.js');
const { loadFromData } = await load('io/load.js');
const { composeReport } = await load('compose/compose.js');
const { createTemplateEnvironment } = await load('compose/environment.js');
const { renderHtmlText } = await load('render/html.js');

const work = mkdtempSync(path.join(os.tmpdir(), 'xxgk-bench-extract-'));

// ------------------------------------------------------------------ (a) the sample's PDF and a real 6-page PDF, warm
const pageCount = async (bytes) => {
  const { openPdf } = await load('extract/pdf-content.js');
  const { document } = await openPdf(bytes);
  const pages = document.numPages;
  await document.destroy();
  return pages;
};
/** auditDocuments on one PDF, warm: { wall, cpu } medians in ms of RUNS runs after three warm-up runs, and the last status. */
const warmAudit = async (name, bytes) => {
  const document = [{ name, bytes }];
  for (let i = 0; i < 3; i++) await auditDocuments(document);
  const walls = [];
  const cpus = [];
  let status;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const result = await auditDocuments(document);
    walls.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpus.push((cpu.user + cpu.system) / 1000);
    status = result.reports[0].status;
  }
  return { wall: median(walls), cpu: median(cpus), status };
};

const SAMPLE = path.join(root, 'samples', '青禾区人民政府2024年报.yaml');
execFileSync(process.execPath, [path.join(root, 'bin', 'xxgk.js'), 'build', SAMPLE, '--to', 'pdf', '--out', work], { stdio: 'ignore' });
const pdfFile = readdirSync(work).find((name) => name.endsWith('.pdf'));
const pdfBytes = readFileSync(path.join(work, pdfFile));
const probe = await readDocument(pdfBytes, pdfFile);
if (isUnreadable(probe)) {
  const pages = (pdfBytes.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  record(`示例 PDF（${pages} 页）读出并审查，热（中位数）`, undefined, 'ms', TARGETS.pdfWarmMs, `本分支读不了 PDF：${probe.unreadable}`);
} else {
  const pages = await pageCount(pdfBytes);
  const { wall, cpu, status } = await warmAudit(pdfFile, pdfBytes);
  record(`示例 PDF（${pages} 页）读出并审查，热（中位数，${RUNS} 次）`, wall, 'ms', TARGETS.pdfWarmMs, `CPU ${cpu.toFixed(0)} ms；审查结果：${status}`);

  const realFile = path.join(root, 'test', 'fixtures', 'published', 'cn-jiangsu-huaian-city-2024', 'source.pdf');
  const realBytes = readFileSync(realFile);
  const realPages = await pageCount(realBytes);
  const real = await warmAudit('淮安市2024年报.pdf', realBytes);
  record(`真实 PDF（淮安市 2024，WPS 导出，${realPages} 页）读出并审查，热（中位数，${RUNS} 次）`, real.wall, 'ms', TARGETS.pdfWarmMs, `CPU ${real.cpu.toFixed(0)} ms；审查结果：${real.status}`);
}

// ------------------------------------------------------------------ (b) 1,000 HTML reports
const folder = path.join(work, 'html');
mkdirSync(folder);
const templates = createTemplateEnvironment();
const generateStart = performance.now();
generateReports(REPORTS, 1515).forEach((data, index) => {
  const { report, format } = validateLoaded(loadFromData(data, `${index}.yaml`));
  writeFileSync(path.join(folder, `${String(index).padStart(4, '0')}.html`), renderHtmlText(composeReport(report, format, { templates })));
});
log(`bench-extract: ${REPORTS} HTML reports generated in ${((performance.now() - generateStart) / 1000).toFixed(1)} s (${folder})`);

const htmlStart = performance.now();
const htmlCpu = process.cpuUsage();
const inputs = readdirSync(folder)
  .sort()
  .map((name) => ({ name, bytes: readFileSync(path.join(folder, name)) }));
const audited = await auditDocuments(inputs);
const htmlSeconds = (performance.now() - htmlStart) / 1000;
const cpu = process.cpuUsage(htmlCpu);
const htmlCpuSeconds = (cpu.user + cpu.system) / 1e6;
const statuses = {};
for (const report of audited.reports) statuses[report.status] = (statuses[report.status] ?? 0) + 1;
const statusNote = Object.entries(statuses)
  .map(([status, count]) => `${status} ${count}`)
  .join('，');
record(`${REPORTS} 份 HTML 报告审查（auditDocuments，一次调用，含读文件）`, htmlSeconds, 's', (TARGETS.htmlSeconds * REPORTS) / 1000, `CPU ${htmlCpuSeconds.toFixed(1)} 秒；${statusNote}`);

const cliStart = performance.now();
const cli = spawnSync(process.execPath, [path.join(root, 'bin', 'xxgk.js'), 'audit', folder, '--xlsx', path.join(work, '问题清单.xlsx')], { stdio: 'ignore' });
record(`${REPORTS} 份 HTML 报告：xxgk audit 文件夹 --xlsx（新进程）`, (performance.now() - cliStart) / 1000, 's', undefined, `退出码 ${cli.status}`);

if (flags.json) console.log(JSON.stringify({ results }));
if (!flags.keep) rmSync(work, { recursive: true, force: true });
else log(`bench-extract: inputs kept in ${work}`);
