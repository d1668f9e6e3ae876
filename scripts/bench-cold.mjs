#!/usr/bin/env node
/**
 * The cold-start figures alone (issue #16), for trying a change quickly:
 * fresh `node bin/xxgk.js …` processes, the cases alternating, medians of
 * wall and CPU time (user + system of the whole process, all threads).
 *
 *   node scripts/bench-cold.mjs [--runs 9] [--only validate,pdf,all,forty] [--env NAME=VALUE …] [--node-flag --x …]
 *
 * --env and --node-flag apply to every xxgk case; `--compare NAME=VALUE` adds
 * the same cases with that variable set, alternating with the plain ones;
 * `--compare-flag=--x` the same cases run with that Node flag;
 * `--compare-args="--jobs 1"` with those arguments added;
 * `--other DIR` adds them run by another built checkout of xxgk (e.g. the
 * commit before a change, `git archive` into DIR and `npm run build` there).
 * Needs `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateReport, generateReports, reportFileName, reportYaml } from './report-generator.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '9' },
    only: { type: 'string', default: 'validate,pdf,all' },
    env: { type: 'string', multiple: true, default: [] },
    compare: { type: 'string', multiple: true, default: [] },
    'node-flag': { type: 'string', multiple: true, default: [] },
    json: { type: 'boolean', default: false },
    other: { type: 'string' },
    'compare-flag': { type: 'string', multiple: true, default: [] },
    'compare-args': { type: 'string', multiple: true, default: [] },
  },
});
const RUNS = Number(flags.runs);
const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const parseEnv = (list) => Object.fromEntries(list.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
const baseEnv = { ...process.env, ...parseEnv(flags.env) };
delete baseEnv.NODE_EXTRA_CA_CERTS;
delete baseEnv.NODE_OPTIONS;
const PROBE = `data:text/javascript,${encodeURIComponent(
  'import{writeSync}from"node:fs";process.on("exit",()=>{const u=process.cpuUsage();try{writeSync(3,JSON.stringify({cpu:(u.user+u.system)/1e3,rss:process.resourceUsage().maxRSS*1024}))}catch{}});',
)}`;

function run(args, env) {
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--import', PROBE, ...flags['node-flag'], ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  const wall = performance.now() - start;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${child.status}\n${child.stderr}`);
  const probe = JSON.parse(child.output[3].toString() || '{"cpu":null}');
  return { wall, cpu: probe.cpu };
}

const work = mkdtempSync(path.join(os.tmpdir(), 'xxgk-bench-cold-'));
const BIN = path.join(root, 'bin', 'xxgk.js');
const SAMPLE = path.join(root, 'samples', '青禾区人民政府2024年报.yaml');
const forty = path.join(work, 'forty');
mkdirSync(forty);
copyFileSync(SAMPLE, path.join(forty, 'sample.yaml'));
writeFileSync(path.join(forty, 'long.yaml'), reportYaml(generateReport(13, { size: 'long', index: 2719 })));
generateReports(38, 2024).forEach((report, index) => writeFileSync(path.join(forty, reportFileName(report, index)), reportYaml(report)));
const out = path.join(work, 'out');
const cases = {
  validate: [BIN, 'validate', SAMPLE],
  pdf: [BIN, 'build', SAMPLE, '--to', 'pdf', '--out', path.join(out, 'sample.pdf')],
  all: [BIN, 'build', SAMPLE, '--to', 'docx,pdf,xlsx', '--out', out],
  forty: [BIN, 'build', forty, '--to', 'pdf', '--out', path.join(out, 'forty'), '--plain-progress'],
  batch: [BIN, 'build', forty, '--to', 'docx,pdf,xlsx', '--out', path.join(out, 'batch'), '--plain-progress'],
};
const variants = [['', baseEnv, BIN, [], []], ...flags.compare.map((pair) => [` ${pair}`, { ...baseEnv, ...parseEnv([pair]) }, BIN, [], []])];
// --compare-flag=--single-threaded-gc: the same cases with that Node flag, on the main process (threads share it).
for (const flag of flags['compare-flag']) variants.push([` ${flag}`, baseEnv, BIN, [flag], []]);
// --compare-args="--jobs 1": the same cases with those arguments added to xxgk's.
for (const extra of flags['compare-args']) variants.push([` ${extra}`, baseEnv, BIN, [], extra.split(' ')]);
if (flags.other) variants.push([' (other)', baseEnv, path.resolve(flags.other, 'bin', 'xxgk.js'), [], []]);
const selected = flags.only.split(',');
const results = {};
mkdirSync(out, { recursive: true });
for (let i = 0; i < RUNS; i++) {
  for (const name of selected) {
    for (const [suffix, env, bin, nodeFlags, extra] of variants) {
      (results[name + suffix] ??= []).push(run([...nodeFlags, bin, ...cases[name].slice(1), ...extra], env));
      if (name === 'forty' || name === 'batch') rmSync(path.join(out, name), { recursive: true, force: true });
    }
  }
}
const summary = Object.fromEntries(Object.entries(results).map(([name, runs]) => [name, { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), n: runs.length }]));
if (flags.json) console.log(JSON.stringify(summary));
else {
  console.log(`load ${os.loadavg().map((v) => v.toFixed(1)).join(' ')}; ${RUNS} runs each, alternating; medians`);
  for (const [name, { wall, cpu }] of Object.entries(summary)) console.log(`${name.padEnd(28)} wall ${wall.toFixed(0).padStart(5)} ms   CPU ${cpu.toFixed(0).padStart(5)} ms`);
}
rmSync(work, { recursive: true, force: true });

