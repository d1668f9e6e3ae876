#!/usr/bin/env node
/**
 * The workbench's figures (issue #14, “Speed”), measured in Debian's Chromium
 * against `xxgk serve` started as a real process on a copy of the sample:
 *   - server ready: from spawning `xxgk serve` to the first page served;
 *   - a 勾稽 message on its cell after the keystroke (p95, in the page);
 *   - the sample's preview (its page count printed) refreshed after the last edit (median);
 *   - the server's resident memory after N preview refreshes.
 * Prints each figure with its target and ✓/✗, and the load average (other
 * work on the machine shares its cores: run it several times and compare
 * medians). `--json` prints one JSON object (scripts/bench.mjs runs it so);
 * `--quick` fewer runs. Needs `npm run build` and /usr/bin/chromium (or CHROMIUM_PATH).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags } = parseArgs({ options: { json: { type: 'boolean', default: false }, quick: { type: 'boolean', default: false } } });
const QUICK = flags.quick;
const SAMPLE = '青禾区人民政府2024年报.yaml';
const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((candidate) => existsSync(candidate));
if (!CHROMIUM) {
  console.error('bench-workbench: Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)');
  process.exit(2);
}
const work = mkdtempSync(path.join(os.tmpdir(), 'xxgk-bench-workbench-'));
copyFileSync(path.join(root, 'samples', SAMPLE), path.join(work, SAMPLE));

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const percentile = (list, p) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.ceil((p / 100) * list.length) - 1)];
const round = (value) => Math.round(value * 10) / 10;

function get(port, target, cookie) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: target, agent: false, headers: cookie ? { cookie } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Spawns `xxgk serve`, resolves when its page is served: the wall time, the child and its address. */
async function startServer() {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'bin', 'xxgk.js'), 'serve', work, '--no-open'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output);
      if (match) resolve(new URL(match[0]));
    });
    child.on('exit', () => reject(new Error(`xxgk serve exited: ${output}`)));
  });
  const first = await get(Number(url.port), url.pathname + url.search);
  const cookie = String(first.headers['set-cookie']).split(';')[0];
  const page = await get(Number(url.port), '/', cookie);
  if (page.statusCode !== 200) throw new Error(`page: ${page.statusCode}`);
  return { ms: performance.now() - started, child, url };
}

async function stop(child) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
}

const rssMB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

const loadBefore = os.loadavg().map((value) => value.toFixed(2)).join(' ');
const readyRuns = [];
for (let i = 0; i < (QUICK ? 3 : 7); i++) {
  const server = await startServer();
  readyRuns.push(server.ms);
  await stop(server.child);
}

const server = await startServer();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
await page.goto(server.url.href);
await page.getByRole('button', { name: `打开 ${SAMPLE}` }).click();
await page.locator('table.grid').first().waitFor();
await page.locator('.preview-status', { hasText: /预览已更新/ }).waitFor({ timeout: 120_000 });

// A wrong total typed into 表二's 总计 cell, and the time until its message is on that cell (the page's own clock).
// The cell has the focus, as when a clerk types into it (focusing scrolls it into sight: the table is laid out and drawn).
await page.locator('#cell-t2-new-tot').focus();
await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
const messageMs = [];
for (let i = 0; i < (QUICK ? 20 : 60); i++) {
  const value = i % 2 === 0 ? '64' : '63';
  const elapsed = await page.evaluate(async (typed) => {
    const input = document.getElementById('cell-t2-new-tot');
    const cell = input.closest('td');
    const wanted = typed === '64';
    const start = performance.now();
    input.value = typed;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    for (;;) {
      if ((cell.querySelector('.cell-message') !== null) === wanted) return performance.now() - start;
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
  }, value);
  if (value === '64') messageMs.push(elapsed);
}

// The preview: an edit, and the time until the new pages are drawn.
async function refresh(value) {
  const before = await page.locator('.preview-status').getAttribute('data-stamp');
  const start = Date.now();
  await page.locator('#cell-t1-nd-issued').fill(value);
  await page.waitForFunction(
    (previous) => {
      const status = document.querySelector('.preview-status');
      return status && /预览已更新/.test(status.textContent) && status.dataset.stamp !== previous;
    },
    before,
    { timeout: 60_000, polling: 10 },
  ).catch(() => undefined);
  return Date.now() - start;
}
// The status line carries a stamp per refresh (see preview.tsx), so each wait sees its own refresh.
const previewMs = [];
const REFRESHES = QUICK ? 20 : 100;
for (let i = 0; i < REFRESHES; i++) previewMs.push(await refresh(String(6 + (i % 5))));
const memory = rssMB(server.child.pid);
const previewPages = Number(await page.locator('.preview-status').getAttribute('data-pages'));

await browser.close();
await stop(server.child);
rmSync(work, { recursive: true, force: true });

const loadAverage = () => os.loadavg().map((value) => value.toFixed(2)).join(' ');
const result = {
  loadBefore,
  loadAfter: loadAverage(),
  readyMs: round(median(readyRuns)),
  messageP95Ms: round(percentile(messageMs, 95)),
  messageMedianMs: round(median(messageMs)),
  previewMedianMs: round(median(previewMs)),
  previewP95Ms: round(percentile(previewMs, 95)),
  refreshes: REFRESHES,
  previewPages,
  serverRssMB: Math.round(memory),
};
/** Issue #14's targets, each figure printed against its own. */
const TARGETS = [
  { label: 'server ready after start (median)', value: result.readyMs, unit: 'ms', target: 1000, extra: `${readyRuns.length} starts` },
  { label: '勾稽 message on its cell after the keystroke (p95)', value: result.messageP95Ms, unit: 'ms', target: 50, extra: `median ${result.messageMedianMs} ms, ${messageMs.length} keystrokes` },
  { label: `${previewPages}-page preview refreshed after the last edit (median)`, value: result.previewMedianMs, unit: 'ms', target: 600, extra: `p95 ${result.previewP95Ms} ms, ${REFRESHES} refreshes` },
  { label: `server memory after ${REFRESHES} preview refreshes`, value: result.serverRssMB, unit: 'MB', target: 300, extra: 'resident' },
];
result.met = Object.fromEntries(TARGETS.map((figure, index) => [['ready', 'message', 'preview', 'memory'][index], figure.value <= figure.target]));
if (flags.json) console.log(JSON.stringify(result));
else {
  console.log(`workbench bench${QUICK ? ' (--quick: fewer runs)' : ''}; load average (1/5/15 min) before ${result.loadBefore}, after ${result.loadAfter}, ${os.cpus().length} cores`);
  for (const figure of TARGETS) {
    console.log(`  ${figure.value <= figure.target ? '✓' : '✗'} ${figure.label}: ${figure.value} ${figure.unit} (target ≤ ${figure.target} ${figure.unit}; ${figure.extra})`);
  }
}
