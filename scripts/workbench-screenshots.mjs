#!/usr/bin/env node
/**
 * Takes the README's workbench screenshots (docs/images/workbench-*.png) from
 * the real workbench, walking the clerk's flow as a clerk would, in headless
 * Debian Chromium: `xxgk serve` on a temporary folder holding the sample and
 * two units' data files; the start screen; a new report with 表二 typed and
 * one wrong total (its message on the cell); the total fixed and the preview
 * drawn; the four downloads, each read back (DOCX and XLSX unzipped, PDF pages
 * counted, HTML tables found); the six parts of the sample; the superior's
 * view over three units (one with an error, one missing). Stops with an error
 * when a step does not show what it should.
 *
 *   npm run build && node scripts/workbench-screenshots.mjs [--out DIR]
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags } = parseArgs({ options: { out: { type: 'string', default: path.join(root, 'docs', 'images') } } });
const SAMPLE = '青禾区人民政府2024年报.yaml';
const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((candidate) => existsSync(candidate));
if (!CHROMIUM) {
  console.error('workbench-screenshots: Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)');
  process.exit(2);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'xxgk-screenshots-'));
const sampleText = readFileSync(path.join(root, 'samples', SAMPLE), 'utf8');
const NAME_LINE = '  name: 示范市青禾区人民政府';
const GRANTED_LINE = '    granted:           { np: 21,';
if (!sampleText.includes(NAME_LINE) || !sampleText.includes(GRANTED_LINE)) throw new Error('the sample changed: update scripts/workbench-screenshots.mjs');
copyFileSync(path.join(root, 'samples', SAMPLE), path.join(work, SAMPLE));
// Two units' files for the superior's view: 教育局 balanced, 民政局 granting one request more than its row total.
writeFileSync(path.join(work, '教育局.yaml'), sampleText.replace(NAME_LINE, '  name: 示范市青禾区教育局'));
writeFileSync(path.join(work, '民政局.yaml'), sampleText.replace(NAME_LINE, '  name: 示范市青禾区民政局').replace(GRANTED_LINE, '    granted:           { np: 22,'));

const child = spawn(process.execPath, [path.join(root, 'bin', 'xxgk.js'), 'serve', work, '--no-open'], { stdio: ['ignore', 'pipe', 'inherit'] });
const address = await new Promise((resolve, reject) => {
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
    const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output);
    if (match) resolve(match[0]);
  });
  child.on('exit', () => reject(new Error(`xxgk serve exited: ${output}`)));
});

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
const page = await context.newPage();
mkdirSync(flags.out, { recursive: true });
const shots = [];
async function shot(name, locator) {
  const file = path.join(flags.out, `workbench-${name}.png`);
  await (locator ?? page).screenshot({ path: file });
  shots.push(file);
}
function expect(condition, what) {
  if (!condition) throw new Error(`workbench-screenshots: ${what}`);
}
const cell = (row, col) => page.locator(`#cell-t2-${row}-${col}`);

try {
  await page.goto(address);
  await page.getByRole('heading', { name: '新建报告' }).waitFor();
  await shot('start');

  // A new report, as a clerk starts one.
  await page.getByLabel('报告年度').fill('2024');
  await page.getByLabel('机关全称').fill('示范市青禾区司法局');
  await page.getByLabel('机关层级').selectOption('部门');
  await page.getByRole('button', { name: '新建报告' }).click();
  await page.locator('table.grid').first().waitFor();
  // 表二: new requests, with the total typed wrong (5 + 2 = 7, typed 8).
  await cell('new', 'np').fill('5');
  await cell('new', 'biz').fill('2');
  await cell('granted', 'np').fill('4');
  await cell('granted', 'biz').fill('2');
  await cell('deny_third', 'np').fill('1');
  await cell('new', 'tot').fill('8');
  const message = page.locator('td', { has: page.locator('#cell-t2-new-tot') }).locator('.cell-message');
  await message.waitFor();
  expect(/为 8，但.*之和为 7/.test(await message.textContent()), `the message on the 总计 cell: ${await message.textContent()}`);
  await page.locator('#caption-t2').scrollIntoViewIfNeeded();
  await page.evaluate(() => document.getElementById('caption-t2').scrollIntoView({ block: 'start' }));
  await cell('new', 'tot').focus();
  await page.evaluate(() => window.scrollBy(0, -170));
  await page.locator('.preview-status', { hasText: /预览已更新/ }).waitFor({ timeout: 120_000 });
  await shot('tables');

  // Fixed: the message goes, the preview shows the pages.
  await cell('new', 'tot').fill('7');
  await message.waitFor({ state: 'detached' });
  await page.locator('.preview-status', { hasText: /预览已更新，共 \d+ 页/ }).waitFor({ timeout: 120_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('.problems h2', { hasText: '没有发现问题' }).waitFor({ timeout: 30_000 }).catch(() => undefined);
  await shot('editor');

  // The four downloads, read back.
  const got = {};
  for (const [kind, label] of [['docx', '下载 Word（DOCX）'], ['pdf', '下载 PDF'], ['xlsx', '下载 Excel（XLSX）'], ['html', '下载 网页（HTML）']]) {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: label }).click()]);
    got[kind] = { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
  }
  const docxXml = await (await JSZip.loadAsync(got.docx.bytes)).file('word/document.xml').async('string');
  expect(docxXml.includes('示范市青禾区司法局'), 'the DOCX names the organisation');
  const sheets = Object.keys((await JSZip.loadAsync(got.xlsx.bytes)).files).filter((name) => name.startsWith('xl/worksheets/sheet'));
  expect(sheets.length >= 3, `the XLSX has the tables' sheets (${sheets.length})`);
  const pdfPages = (got.pdf.bytes.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
  expect(got.pdf.bytes.subarray(0, 5).toString() === '%PDF-' && pdfPages > 1, `the PDF has pages (${pdfPages})`);
  const html = got.html.bytes.toString('utf8');
  expect((html.match(/<table/g) ?? []).length >= 3 && html.includes('示范市青禾区司法局'), 'the HTML has the three tables');
  console.log(`downloads: ${Object.values(got).map((file) => `${file.name} (${Math.round(file.bytes.length / 1024)} KB)`).join(', ')}; PDF ${pdfPages} pages`);

  // The sample's six parts.
  await page.getByRole('button', { name: '返回开始页' }).click();
  await page.getByRole('button', { name: `打开 ${SAMPLE}` }).click();
  await page.locator('#part-overview').waitFor();
  await page.evaluate(() => document.getElementById('narrative-h').scrollIntoView({ block: 'start' }));
  await page.evaluate(() => window.scrollBy(0, -150));
  await page.locator('.preview-status', { hasText: /预览已更新/ }).waitFor({ timeout: 120_000 });
  await shot('narrative');

  // The superior's view: three units expected, two files chosen, one with an error, one missing.
  await page.getByRole('button', { name: '返回开始页' }).click();
  await page.getByRole('button', { name: '汇总各单位' }).click();
  await page.getByRole('checkbox', { name: '教育局.yaml' }).check();
  await page.getByRole('checkbox', { name: '民政局.yaml' }).check();
  await page.getByLabel(/应报单位/).fill(['示范市青禾区教育局', '示范市青禾区民政局', '示范市青禾区财政局'].join('\n'));
  await page.getByRole('button', { name: '开始汇总' }).click();
  await page.locator('table.units').waitFor();
  const statuses = await page.locator('table.units .status').allTextContents();
  expect(statuses.some((s) => s.includes('有效')) && statuses.some((s) => s.includes('错误')) && statuses.some((s) => s.includes('缺报')), `the units' statuses: ${statuses.join(', ')}`);
  await page.locator('#units-h').scrollIntoViewIfNeeded();
  await page.evaluate(() => document.getElementById('units-h').scrollIntoView({ block: 'start' }));
  await shot('superior');
  console.log(`screenshots: ${shots.map((file) => path.relative(root, file)).join(', ')}`);
} finally {
  await browser.close();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
  rmSync(work, { recursive: true, force: true });
}
