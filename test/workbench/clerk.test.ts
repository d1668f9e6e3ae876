/**
 * The clerk's flow in a real browser (issue #14): Debian's Chromium driven by
 * playwright-core against the workbench started in-process on a temporary
 * working folder. Needs `npm run build` (the page's bundle in dist/workbench).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { cellAddress } from '../../src/tables/grid.js';
import type { Workbench } from '../../src/workbench/server/server.js';
import { expectedCells, type ReportData } from '../helpers/arbitrary-reports.js';
import { axeViolations, CHROMIUM_HINT, describeViolations, hasChromium, launchChromium } from '../helpers/browser.js';
import { skipWithout } from '../helpers/requires.js';
import { docxTableGrids, pdfValueRuns, readingOrder } from '../hardening/support/read-back.js';
import { SAMPLE_NAME, startOn, workFolder } from './harness.js';

const SLOW = 180_000;
const ORGANIZATION = '示范县测试局';
const FILE = `${ORGANIZATION}2024年政府信息公开工作年度报告.yaml`;
const requests = v2021Format.tables.find((grid) => grid.definition.id === 't2')!;
const cellOf = (row: string, col: string) => requests.valueCells.find((cell) => cell.content.key[0] === row && cell.content.key[1] === col)!;
const input = (page: Page, row: string, col: string) => page.locator(`#cell-t2-${row}-${col}`);

let browser: Browser;
let folder: string;
let workbench: Workbench;

async function newPage(bench: Workbench): Promise<{ context: BrowserContext; page: Page }> {
  // bypassCSP lets the test inject axe-core; the page itself runs under the server's CSP otherwise.
  const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(bench.url);
  // The secret moved into a cookie: the address bar no longer shows it.
  expect(page.url()).toBe(`http://127.0.0.1:${bench.port}/`);
  return { context, page };
}

async function expectNoAxeViolations(page: Page, screen: string) {
  const violations = await axeViolations(page);
  expect(violations, `${screen}:\n${describeViolations(violations)}`).toEqual([]);
}

async function downloadBytes(page: Page, label: string): Promise<Uint8Array> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByRole('button', { name: label }).click()]);
  return new Uint8Array(await readFile((await download.path())!));
}

describe.skipIf(skipWithout('Chromium', hasChromium(), CHROMIUM_HINT))('the clerk in the workbench', () => {
  let page: Page;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchChromium();
    folder = await workFolder();
    workbench = await startOn(folder);
    ({ page, context } = await newPage(workbench));
  }, SLOW);
  afterAll(async () => {
    await browser?.close();
    await workbench?.close();
  });

  it('starts a new report and types 表二 with a wrong total: the message is on that cell and in the list', async () => {
    await expect(page.getByRole('heading', { name: '新建报告' })).toBeTruthy();
    await page.getByRole('heading', { name: '新建报告' }).waitFor();
    await expectNoAxeViolations(page, 'start screen');
    await page.getByLabel('报告年度').fill('2024');
    await page.getByLabel('机关全称').fill(ORGANIZATION);
    await page.getByLabel('机关层级').selectOption('部门');
    await page.getByRole('button', { name: '新建报告' }).click();
    await page.locator('table.grid').first().waitFor();

    // Every value cell is an input named by its table, row and column.
    expect(await input(page, 'new', 'np').getAttribute('aria-label')).toBe(`${requests.definition.caption}「${cellOf('new', 'np').content.rowLabel}」行「自然人」列`);
    expect(await input(page, 'new', 'np').getAttribute('inputmode')).toBe('numeric');

    await input(page, 'new', 'np').fill('5');
    await input(page, 'new', 'biz').fill('2');
    await input(page, 'granted', 'np').fill('4');
    await input(page, 'granted', 'biz').fill('2');
    await input(page, 'deny_third', 'np').fill('1');
    // The totals left empty are computed as the clerk types.
    expect(await input(page, 'new', 'tot').getAttribute('placeholder')).toBe('7');
    expect(await input(page, 'total', 'tot').getAttribute('placeholder')).toBe('7');
    expect(await page.locator('.problems h2').textContent()).toContain('0 个错误');

    await input(page, 'new', 'tot').fill('8');
    const cell = page.locator('td', { has: page.locator('#cell-t2-new-tot') });
    const message = cell.locator('.cell-message');
    await message.waitFor();
    expect(await message.textContent()).toContain('8');
    expect(await input(page, 'new', 'tot').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.problems h2').textContent()).toMatch(/[1-9]\d* 个错误/);
    await expectNoAxeViolations(page, 'editor with an error');

    // A click on the problem in the list moves focus to the cell.
    await page.locator('#field-organization-name').focus();
    const first = (await message.locator('p').first().textContent())!;
    await page.locator('.problems button', { hasText: first }).first().click();
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe('cell-t2-new-tot');
  }, SLOW);

  it('clears the message when the total is fixed, and the preview shows the pages', async () => {
    await input(page, 'new', 'tot').fill('7');
    await page.locator('.problems h2', { hasText: '0 个错误' }).waitFor();
    expect(await page.locator('#cell-t2-new-tot[aria-invalid]').count()).toBe(0);
    await page.locator('.preview-status', { hasText: /预览已更新，共 \d+ 页/ }).waitFor({ timeout: 90_000 });
    const pages = Number(await page.locator('.preview-status').getAttribute('data-pages'));
    expect(pages).toBeGreaterThan(1);
    expect(await page.locator('.pages canvas').count()).toBe(pages);
    await expectNoAxeViolations(page, 'editor');
  }, SLOW);

  it('a reload, a closed tab and a stopped server lose nothing', async () => {
    await page.reload();
    await page.getByRole('button', { name: new RegExp(`继续编辑 ${FILE}`) }).click();
    expect(await input(page, 'new', 'np').inputValue()).toBe('5');
    expect(await input(page, 'new', 'tot').inputValue()).toBe('7');

    // The draft file beside the data file is written shortly after the last edit.
    await expect.poll(async () => (await readdir(folder)).filter((name) => name.startsWith('.xxgk-draft-')), { timeout: 10_000 }).toEqual([`.xxgk-draft-${FILE}.json`]);
    await context.close();
    await workbench.close();
    // A new server (new port, so this browser's storage is another origin's) offers the draft kept in the folder.
    workbench = await startOn(folder);
    ({ page, context } = await newPage(workbench));
    await page.getByRole('button', { name: new RegExp(`继续编辑 ${FILE}`) }).click();
    expect(await input(page, 'deny_third', 'np').inputValue()).toBe('1');
    expect(await input(page, 'new', 'tot').inputValue()).toBe('7');
  }, SLOW);

  it('downloads DOCX, PDF and XLSX that hold the typed numbers, and saves the data file', async () => {
    await page.locator('.problems h2', { hasText: '0 个错误' }).waitFor();
    const docx = await downloadBytes(page, '下载 Word（DOCX）');
    const pdf = await downloadBytes(page, '下载 PDF');
    const xlsx = await downloadBytes(page, '下载 Excel（XLSX）');

    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('.notice', { hasText: '已保存到工作文件夹' }).waitFor();
    const text = await readFile(path.join(folder, FILE), 'utf8');
    const saved = parse(text) as ReportData & { tables: { requests: Record<string, Record<string, number>> }; organization: { name: string; level: string } };
    expect(saved.organization).toMatchObject({ name: ORGANIZATION, level: '部门' });
    expect(saved.tables.requests.new).toEqual({ np: 5, biz: 2, res: 0, ngo: 0, law: 0, oth: 0, tot: 7 });
    expect(saved.tables.requests.total!.tot).toBe(7);
    // The starter's explanations are still in the saved file.
    expect(text.split('\n').filter((line) => line.trim().startsWith('#')).length).toBeGreaterThan(5);
    // Saved: no draft is offered any more.
    expect((await readdir(folder)).filter((name) => name.startsWith('.xxgk-draft-'))).toEqual([]);

    const expected = expectedCells(saved, v2021Format.tables);
    const t2 = expected.get('t2')!;
    const at = (row: string, col: string) => t2.find((cell) => cell.key.join('.') === `${row}.${col}`)!;
    // DOCX: the numbers in the cells of 表二.
    const zip = await JSZip.loadAsync(docx);
    const grids = docxTableGrids(await zip.file('word/document.xml')!.async('string'));
    const docxT2 = grids[1]!;
    for (const [row, col, value] of [['new', 'np', '5'], ['new', 'biz', '2'], ['new', 'tot', '7'], ['granted', 'np', '4'], ['deny_third', 'np', '1'], ['total', 'tot', '7']] as const) {
      expect(docxT2[at(row, col).row]![at(row, col).col]!.text, `${row}.${col}`).toBe(value);
    }
    // XLSX: the same cells in the 表二 sheet (a total is a formula with its result).
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet(requests.definition.sheetName)!;
    const numberAt = (row: string, col: string) => {
      const value = sheet.getCell(cellAddress(at(row, col).row, at(row, col).col)).value;
      return typeof value === 'object' && value !== null && 'formula' in value ? value.result : value;
    };
    expect([numberAt('new', 'np'), numberAt('new', 'biz'), numberAt('new', 'tot'), numberAt('granted', 'np'), numberAt('total', 'tot')]).toEqual([5, 2, 7, 4, 7]);
    // PDF: every table value, in reading order.
    const runs = await pdfValueRuns(pdf);
    const order = readingOrder(expected, v2021Format.tables);
    expect(runs.slice(-order.length)).toEqual(order);
  }, SLOW);

  it('opens the sample, saves it keeping its comments, and is told when the file changed on disk', async () => {
    await page.getByRole('button', { name: '返回开始页' }).click();
    await page.getByRole('button', { name: `打开 ${SAMPLE_NAME}` }).click();
    await page.locator('table.grid').first().waitFor();
    expect(await page.locator('.problems h2').textContent()).toContain('没有发现问题');
    expect(await input(page, 'new', 'np').inputValue()).toBe('52');
    await page.locator('#cell-t1-nd-issued').fill('7');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('.notice', { hasText: '已保存到工作文件夹' }).waitFor();
    const text = await readFile(path.join(folder, SAMPLE_NAME), 'utf8');
    expect(parse(text).tables.proactive.nd_issued).toBe(7);
    expect(text).toContain('# 五、存在的主要问题及改进情况');
    expect(text).toContain('# rv = 行政复议；lit_direct = 行政诉讼·未经复议直接起诉；lit_after = 行政诉讼·复议后起诉');

    // Another program (or tab) changes the file: the next save here is refused and the file is left as it was.
    await writeFile(path.join(folder, SAMPLE_NAME), text.replace('nd_issued: 7', 'nd_issued: 9'));
    await page.locator('#cell-t1-nd-issued').fill('8');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('.notice', { hasText: '在打开之后已被修改' }).waitFor();
    expect(parse(await readFile(path.join(folder, SAMPLE_NAME), 'utf8')).tables.proactive.nd_issued).toBe(9);
  }, SLOW);
});
