/**
 * The six parts in the clerk's editor (issue #14 item 2) in a real browser:
 * the sentences xxgk drafts for an empty part shown as drafts with 采用 and
 * 不要这句, a text-versus-table warning (V21-TXT-01) beside its paragraph with
 * a link to the table cell, and the HTML download read back. One server and
 * one page for the file. Needs `npm run build` (dist/workbench).
 */
import { readFile } from 'node:fs/promises';
import { parse as parseHtml } from 'node-html-parser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workbench } from '../../src/workbench/server/server.js';
import { axeViolations, CHROMIUM_HINT, describeViolations, hasChromium } from '../helpers/browser.js';
import { skipWithout } from '../helpers/requires.js';
import { openInChromium, workFolder } from './harness.js';

const SLOW = 180_000;
const ORGANIZATION = '示范县草稿测试局';

let browser: Browser;
let workbench: Workbench;
let page: Page;
/** 二's drafted sentence, neither accepted nor rejected. */
let proactiveSentence: string;

const activeId = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id);

describe.skipIf(skipWithout('Chromium', hasChromium(), CHROMIUM_HINT))('drafted sentences, warnings at the sentence and the HTML download', () => {
  beforeAll(async () => {
    ({ browser, workbench, page } = await openInChromium(await workFolder()));
    await page.getByLabel('报告年度').fill('2024');
    await page.getByLabel('机关全称').fill(ORGANIZATION);
    await page.getByRole('button', { name: '新建报告' }).click();
    await page.locator('table.grid').first().waitFor();
    await page.locator('#cell-t2-new-np').fill('5');
    await page.locator('#cell-t2-new-biz').fill('2');
    await page.locator('#cell-t2-granted-np').fill('5');
    await page.locator('#cell-t2-granted-biz').fill('2');
  }, SLOW);
  afterAll(async () => {
    await browser?.close();
    await workbench?.close();
  });

  it('shows the drafted sentences of the empty parts as drafts; 采用 makes one the part’s paragraph', async () => {
    const requests = page.locator('#draft-requests');
    await requests.locator('.draft-text', { hasText: '予以公开7件' }).waitFor();
    const sentence = (await requests.locator('.draft-text').textContent())!;
    // The sentence as xxgk prints it, from the typed numbers.
    expect(sentence).toContain('2024年，本机关新收政府信息公开申请7件。新收申请中，自然人提出5件，法人或其他组织提出2件。');
    expect(sentence).toContain('予以公开7件');
    expect(await page.locator('#part-requests .draft').getAttribute('role')).toBe('group');
    // The other drafted parts: 二, 四, and the information fee in 六 (the starter's fee is 0).
    expect(await page.locator('.draft').evaluateAll((boxes) => boxes.map((box) => (box as unknown as { id: string }).id))).toEqual([
      'draft-proactive',
      'draft-requests',
      'draft-review_litigation',
      'draft-fee',
    ]);
    expect(await page.locator('#part-other #draft-fee .draft-text').textContent()).toBe('2024年，本机关未收取信息处理费。');
    proactiveSentence = (await page.locator('#draft-proactive .draft-text').textContent())!;
    expect(proactiveSentence).toMatch(/^2024年/);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);

    await requests.getByRole('button', { name: /^采用/ }).click();
    expect(await page.locator('#part-requests-b-0').inputValue()).toBe(sentence);
    await expect.poll(() => page.locator('#draft-requests').count()).toBe(0);
  }, SLOW);

  it('不要这句 switches the part’s draft off, and 恢复 brings it back', async () => {
    const review = page.locator('#draft-review_litigation');
    const sentence = (await review.locator('.draft-text').textContent())!;
    expect(sentence).toBe('2024年，本机关未发生因政府信息公开工作被申请行政复议或提起行政诉讼的情况。');
    await review.getByRole('button', { name: /^不要这句/ }).click();
    await expect.poll(() => page.locator('#draft-review_litigation').count()).toBe(0);
    const restore = page.locator('#part-review_litigation').getByRole('button', { name: /^恢复自动生成的说明/ });
    await restore.waitFor();
    await restore.click();
    await page.locator('#draft-review_litigation').waitFor();
    await page.locator('#draft-review_litigation').getByRole('button', { name: /^不要这句/ }).click();
    await restore.waitFor();
  }, SLOW);

  it('shows a text-versus-table warning beside its paragraph, with a link to the table cell', async () => {
    const paragraph = page.locator('#part-requests-b-0');
    await paragraph.fill('2024年，本机关新收政府信息公开申请9件。');
    const block = page.locator('#part-requests .block', { has: paragraph });
    const message = block.locator('.paragraph-message');
    await message.waitFor();
    expect(await message.textContent()).toContain('新收政府信息公开申请9件');
    expect(await paragraph.getAttribute('aria-describedby')).toBe(await message.getAttribute('id'));
    // At the sentence, not only at the part.
    expect(await page.locator('#part-requests > .cell-message').count()).toBe(0);
    const link = message.getByRole('button', { name: /^转到表格中的/ });
    expect(await link.textContent()).toContain('列');
    await link.click();
    expect(await activeId()).toBe('cell-t2-new-tot');
    // The problems list moves to the paragraph.
    await page.locator('.problems button', { hasText: '新收政府信息公开申请9件' }).click();
    expect(await activeId()).toBe('part-requests-b-0');

    await paragraph.fill('2024年，本机关新收政府信息公开申请7件。');
    await expect.poll(() => block.locator('.paragraph-message').count()).toBe(0);
  }, SLOW);

  it('downloads the report as one HTML page holding the typed numbers and the accepted sentence, not the rejected one', async () => {
    await page.locator('.problems h2', { hasText: '0 个错误' }).waitFor();
    const button = page.getByRole('button', { name: '下载 网页（HTML）' });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), button.click()]);
    expect(download.suggestedFilename()).toMatch(/\.html$/);
    const root = parseHtml(await readFile((await download.path())!, 'utf8'));
    expect(root.querySelector('h1')?.textContent).toContain(ORGANIZATION);
    const tables = root.querySelectorAll('table');
    expect(tables.map((table) => table.querySelector('caption')?.textContent.trim())).toHaveLength(3);
    // 表二's 本年新收 row: 自然人 5, 商业企业 2, the rest 0, 总计 7.
    const newRow = tables[1]!.querySelectorAll('tr').find((tr) => tr.textContent.includes('本年新收政府信息公开申请数量'))!;
    expect(newRow.querySelectorAll('td').map((td) => td.textContent.trim())).toEqual(['5', '2', '0', '0', '0', '0', '7']);
    const paragraphs = root.querySelectorAll('p').map((p) => p.textContent.trim());
    expect(paragraphs).toContain('2024年，本机关新收政府信息公开申请7件。');
    expect(paragraphs.some((text) => text.includes('行政复议或提起行政诉讼的情况'))).toBe(false);
    // 二 was neither accepted nor rejected: its drafted sentence is printed.
    expect(paragraphs).toContain(proactiveSentence);
    expect(paragraphs).toContain('2024年，本机关未收取信息处理费。');
  }, SLOW);
});
