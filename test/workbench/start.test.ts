/**
 * The start screen's other ways in, in Chromium: a statistics workbook
 * imported, last year's data file (上年结转 pre-filled, a cross-year problem
 * shown on its cell), and broken or foreign files refused with the reason.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportFile } from '../../src/build.js';
import type { Workbench } from '../../src/workbench/server/server.js';
import { axeViolations, CHROMIUM_HINT, describeViolations, hasChromium } from '../helpers/browser.js';
import { skipWithout } from '../helpers/requires.js';
import { openInChromium, SAMPLE_NAME, workFolder } from './harness.js';

const SLOW = 120_000;
const input = (page: Page, id: string) => page.locator(`#cell-${id}`);

describe.skipIf(skipWithout('Chromium', hasChromium(), CHROMIUM_HINT))('the start screen', () => {
  let browser: Browser;
  let workbench: Workbench;
  let folder: string;
  let page: Page;

  beforeAll(async () => {
    folder = await workFolder();
    const sample = await readFile(path.join(folder, SAMPLE_NAME), 'utf8');
    // The statistics workbook xxgk writes for the sample, and the sample as last year's report.
    const built = await buildReportFile(path.join(folder, SAMPLE_NAME), { outputs: ['xlsx'], out: path.join(folder, '青禾区统计表.xlsx') });
    expect(built.written).toHaveLength(1);
    await writeFile(path.join(folder, '上年2023.yaml'), sample.replace('year: 2024', 'year: 2023').replace('date: 2025-01-20', 'date: 2024-01-20'));
    await writeFile(path.join(folder, 'broken.yaml'), 'year: 2024\norganization: [\n');
    await writeFile(path.join(folder, 'foreign.yaml'), 'name: 不是年报\nitems: [1, 2]\n');
    ({ browser, workbench, page } = await openInChromium(folder));
  }, SLOW);
  afterAll(async () => {
    await browser?.close();
    await workbench?.close();
  });

  it('imports a workbook: its numbers are in the tables and nothing is written', async () => {
    await page.getByRole('button', { name: '导入 青禾区统计表.xlsx' }).click();
    await page.locator('table.grid').first().waitFor();
    expect(await input(page, 't2-new-np').inputValue()).toBe('52');
    expect(await input(page, 't1-nd-issued').inputValue()).toBe('6');
    expect(await input(page, 't3-rv-keep').inputValue()).toBe('2');
    expect(await page.locator('.problems h2').textContent()).toContain('0 个错误');
    expect(await page.locator('#file-name').inputValue()).toBe('青禾区统计表.yaml');
    expect(await readdir(folder)).not.toContain('青禾区统计表.yaml');
    await page.getByRole('button', { name: '返回开始页' }).click();
  }, SLOW);

  it("with last year's file: 上年结转 is pre-filled, and a different value is a cross-year problem on its cell", async () => {
    await page.getByLabel(/上年的报告数据文件/).selectOption('上年2023.yaml');
    await page.getByLabel('报告年度').fill('2024');
    await page.getByLabel('机关全称').fill('示范市青禾区人民政府');
    await page.getByRole('button', { name: '新建报告' }).click();
    await page.locator('table.grid').first().waitFor();
    // Last year's 结转下年度 row of the sample: 2, 2, 0, 0, 0, 0, 4.
    expect(await input(page, 't2-carry_in-np').inputValue()).toBe('2');
    expect(await input(page, 't2-carry_in-biz').inputValue()).toBe('2');
    expect(await input(page, 't2-carry_in-tot').inputValue()).toBe('4');
    expect(await page.locator('.problems').textContent()).toContain('已使用上年报告 上年2023.yaml');
    // Carried in and not yet handled: carried out again, so 一 + 二 = 三 + 四 holds.
    await input(page, 't2-carry_out-np').fill('2');
    await input(page, 't2-carry_out-biz').fill('2');
    expect(await page.locator('.problems li.error').allTextContents()).toEqual([]);

    await input(page, 't2-carry_in-np').fill('3');
    await input(page, 't2-carry_in-tot').fill('5');
    const message = page.locator('td', { has: page.locator('#cell-t2-carry_in-np') }).locator('.cell-message');
    await message.waitFor();
    expect(await message.textContent()).toContain('上年');
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.getByRole('button', { name: '返回开始页' }).click();
  }, SLOW);

  it.each([
    ['broken.yaml', /broken\.yaml 无法作为报告数据文件打开：第 \d+ 行/],
    ['foreign.yaml', /foreign\.yaml 无法作为报告数据文件打开/],
  ])('refuses to open %s with the reason, and stays on the start screen', async (name, pattern) => {
    await page.getByRole('button', { name: `打开 ${name}` }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(pattern);
    expect(await page.locator('table.grid').count()).toBe(0);
  }, SLOW);
});
