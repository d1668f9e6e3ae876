// npm run bench — the project's benchmark: prints a table of the figures the
// issues set targets for. Runs against the compiled library in dist/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const { composeReport, createTemplateEnvironment, renderDocx, v2021Format } = await import(path.join(root, 'dist/index.js'));
const samplePath = path.join(root, 'samples/青禾区人民政府2024年报.yaml');
const sample = v2021Format.schema.parse(parse(readFileSync(samplePath, 'utf8')));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

async function warm(label, fn, { warmup = 3, runs = 15 } = {}) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await fn();
    times.push(performance.now() - start);
  }
  return { label, median: median(times), result };
}

function cold(label, args, runs = 5) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    try {
      execFileSync(process.execPath, [path.join(root, 'bin/xxgk.js'), ...args], { stdio: 'ignore' });
    } catch {
      // exit code 1 (validation errors) still measures the run
    }
    times.push(performance.now() - start);
  }
  return { label, median: median(times) };
}

const templates = createTemplateEnvironment();
const rows = [];
const docx = await warm('DOCX（示例报告，进程内热启动）', async () => renderDocx(composeReport(sample, v2021Format, { templates })));
rows.push([docx.label, `${docx.median.toFixed(1)} ms`, `${(docx.result.length / 1024).toFixed(0)} KB`]);

const out = mkdtempSync(path.join(tmpdir(), 'xxgk-bench-'));
const coldValidate = cold('xxgk validate（新进程，冷启动）', ['validate', samplePath]);
rows.push([coldValidate.label, `${coldValidate.median.toFixed(0)} ms`, '']);
const coldBuild = cold('xxgk build --to docx（新进程，冷启动）', ['build', samplePath, '--out', out]);
rows.push([coldBuild.label, `${coldBuild.median.toFixed(0)} ms`, '']);
rmSync(out, { recursive: true, force: true });

const memory = process.memoryUsage();
rows.push(['本进程内存峰值（RSS）', `${(memory.rss / 1024 / 1024).toFixed(0)} MB`, '']);

console.log(`xxgk 基准测试（${new Date().toISOString().slice(0, 10)}，Node ${process.version}，${os.cpus().length} 核）`);
console.log('| 项目 | 结果 | 备注 |');
console.log('|---|---:|---|');
for (const [label, value, extra] of rows) console.log(`| ${label} | ${value} | ${extra} |`);
