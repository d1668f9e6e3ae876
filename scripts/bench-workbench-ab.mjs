#!/usr/bin/env node
/**
 * A/B of the workbench's keystroke figure (issue #14): the time from a
 * keystroke in 表二's 总计 cell to its message on the cell, measured as
 * scripts/bench-workbench.mjs does, on two built copies of xxgk at once,
 * one keystroke on each in turn, so that both see the same load (on a shared
 * machine the load swings the figure more than any change does).
 *
 *   node scripts/bench-workbench-ab.mjs /path/to/old-checkout /path/to/this-checkout   (each built; N=60 keystrokes each)
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
const SAMPLE = '青禾区人民政府2024年报.yaml';
const roots = process.argv.slice(2);
const N = Number(process.env.N ?? 60);
async function open(root) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'wbab-'));
  copyFileSync(path.join(root, 'samples', SAMPLE), path.join(work, SAMPLE));
  const child = spawn(process.execPath, [path.join(root, 'bin', 'xxgk.js'), 'serve', work, '--no-open'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((res) => { let out=''; child.stdout.on('data', (c) => { out += c; const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out); if (m) res(m[0]); }); });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(url);
  await page.getByRole('button', { name: `打开 ${SAMPLE}` }).click();
  await page.locator('table.grid').first().waitFor();
  await page.locator('.preview-status', { hasText: /预览已更新/ }).waitFor({ timeout: 120_000 });
  await page.locator('#cell-t2-new-tot').focus();
  return { root, child, browser, page, ms: [] };
}
const sides = [];
for (const r of roots) sides.push(await open(r));
for (let i = 0; i < N * 2; i++) {
  const value = i % 2 === 0 ? '64' : '63';
  for (const side of sides) {
    const elapsed = await side.page.evaluate(async (typed) => {
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
    if (value === '64') side.ms.push(elapsed);
  }
}
const pct = (l, p) => { const s = [...l].sort((a, b) => a - b); return Math.round(s[Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1)]); };
for (const side of sides) {
  console.log(side.root.padEnd(14), 'median', pct(side.ms, 50), 'p95', pct(side.ms, 95), 'max', pct(side.ms, 100), 'n', side.ms.length, 'load', os.loadavg()[0].toFixed(1));
  await side.browser.close(); side.child.kill('SIGINT');
}
