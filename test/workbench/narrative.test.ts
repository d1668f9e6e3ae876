/**
 * The six parts edited without markup, in Chromium: paragraphs and
 * sub-headings added, edited, moved and removed with buttons and text boxes,
 * the organisation's details typed into fields, and the saved data file
 * holding exactly that, with the file's comments kept.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Workbench } from '../../src/workbench/server/server.js';
import { CHROMIUM_HINT, hasChromium } from '../helpers/browser.js';
import { skipWithout } from '../helpers/requires.js';
import { openInChromium, SAMPLE_NAME, workFolder } from './harness.js';

const SLOW = 120_000;

describe.skipIf(skipWithout('Chromium', hasChromium(), CHROMIUM_HINT))('the six parts in the workbench', () => {
  let browser: Browser;
  let workbench: Workbench;
  let folder: string;
  let page: Page;

  beforeAll(async () => {
    folder = await workFolder();
    ({ browser, workbench, page } = await openInChromium(folder));
  }, SLOW);
  afterAll(async () => {
    await browser?.close();
    await workbench?.close();
  });

  it('adds, edits, moves and removes paragraphs and sub-headings, and saves them with the details', async () => {
    const before = parse(await readFile(path.join(folder, SAMPLE_NAME), 'utf8'));
    await page.getByRole('button', { name: `打开 ${SAMPLE_NAME}` }).click();
    await page.locator('#part-overview').waitFor();

    // The opening paragraph moves below the first sub-heading, and is rewritten.
    await page.getByRole('button', { name: '下移 一、总体情况第 1 项', exact: true }).click();
    await page.getByLabel('一、总体情况第 2 段', { exact: true }).fill('改写后的总体情况段落。');
    // The 依申请公开 sub-heading (now the third item) goes, a paragraph is added at the end.
    expect(await page.getByLabel('一、总体情况第 3 项：小标题').inputValue()).toBe('依申请公开');
    await page.getByRole('button', { name: '删除 一、总体情况第 3 项', exact: true }).click();
    await page.getByRole('button', { name: /^添加段落\s*（一、总体情况）$/ }).click();
    const count = before.narrative.overview.length; // one removed, one added
    await page.getByLabel(`一、总体情况第 ${count} 段`, { exact: true }).fill('新增的一段。');
    // A sub-heading with its paragraph under 五.
    await page.getByRole('button', { name: /^添加小标题\s*（五、存在的主要问题及改进情况）$/ }).click();
    const problems = before.narrative.problems.length + 1;
    await page.getByLabel(`五、存在的主要问题及改进情况第 ${problems} 项：小标题`).fill('下一步打算');
    await page.getByLabel('「下一步打算」下第 1 段').fill('继续做好政务公开工作。');
    await page.getByLabel('联系电话').fill('0871-65550888');

    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('.notice', { hasText: '已保存到工作文件夹' }).waitFor();
    const text = await readFile(path.join(folder, SAMPLE_NAME), 'utf8');
    const saved = parse(text);
    const overview = saved.narrative.overview;
    expect(overview[0].heading).toBe('主动公开');
    expect(overview[1]).toBe('改写后的总体情况段落。');
    expect(overview.map((block: { heading?: string }) => block.heading).filter(Boolean)).toEqual(['主动公开', '政府信息管理', '平台建设', '监督保障']);
    expect(overview.at(-1)).toBe('新增的一段。');
    expect(saved.narrative.problems.at(-1)).toEqual({ heading: '下一步打算', body: ['继续做好政务公开工作。'] });
    expect(saved.narrative.problems.slice(0, -1)).toEqual(before.narrative.problems);
    expect(saved.organization.contact.phone).toBe('0871-65550888');
    expect(saved.tables).toEqual(before.tables);
    // The file's own comments are still there.
    expect(text).toContain('# 五、存在的主要问题及改进情况');
    expect(text).toContain('# 六、其他需要报告的事项（信息处理费的说明按下面的 fee 自动生成）');
  }, SLOW);
});
