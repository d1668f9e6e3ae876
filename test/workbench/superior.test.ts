/**
 * The superior's view in a real browser (issue #14 item 3): three units in a
 * temporary working folder — 甲 balanced, 乙 with a 勾稽 error, 丙 expected
 * but missing — chosen from the folder; then a fourth unit dropped on the
 * page. Sums are checked against the units' data read here, independently of
 * the overview. Needs `npm run build` (the page's bundle in dist/workbench).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { cellAddress } from '../../src/tables/grid.js';
import type { Workbench } from '../../src/workbench/server/server.js';
import { axeViolations, CHROMIUM_HINT, describeViolations, hasChromium } from '../helpers/browser.js';
import { skipWithout } from '../helpers/requires.js';
import { GRANTED_LINE, unitText } from '../helpers/sample.js';
import { asPage, openInChromium, raw, workFolder } from './harness.js';

const SLOW = 180_000;
const JIA = '示范市青禾区教育局';
const YI = '示范市青禾区民政局';
const BING = '示范市青禾区财政局';
const DING = '示范市青禾区水利局';
const jiaText = unitText(JIA);
// 乙 granted one more request to a natural person than its row total says: a 勾稽 error.
const yiText = unitText(YI, (text) => text.replace(GRANTED_LINE, '    granted:           { np: 22,'));
const dingText = unitText(DING);

/** The sum over units of one table cell, read from the units' data (not through the overview). */
function sumOf(texts: readonly string[], dataPath: readonly string[], key: readonly string[]): number {
  let sum = 0;
  for (const text of texts) {
    const node = [...dataPath, ...key].reduce<unknown>((at, part) => (at as Record<string, unknown>)[part], parse(text));
    if (typeof node !== 'number') throw new Error(`no number at ${key.join('.')}`);
    sum += node;
  }
  return sum;
}

/** A cell's number: a value, a formula's cached result, or (none cached) the formula's SUM of cells worked out here. */
function numberIn(sheet: ExcelJS.Worksheet, address: string, depth = 0): number {
  const raw = sheet.getCell(address).value;
  if (typeof raw === 'number') return raw;
  if (raw === null || raw === undefined) return 0;
  if (typeof raw === 'object' && 'formula' in raw) {
    if (typeof raw.result === 'number') return raw.result;
    const sum = /^SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$/.exec(raw.formula ?? '');
    if (!sum || depth > 4) throw new Error(`${sheet.name}!${address}: formula ${raw.formula} without a result`);
    const [, c1 = '', r1, c2 = '', r2] = sum;
    const column = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    let total = 0;
    for (let r = Number(r1); r <= Number(r2); r++) for (let c = column(c1); c <= column(c2); c++) total += numberIn(sheet, sheet.getCell(r, c).address, depth + 1);
    return total;
  }
  throw new Error(`${sheet.name}!${address}: ${JSON.stringify(raw)} is not a number`);
}

let browser: Browser;
let workbench: Workbench;
let page: Page;

async function rows(): Promise<string[][]> {
  return page.locator('table.units tbody tr').evaluateAll((trs) =>
    trs.map((tr) => Array.from((tr as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells, (cell) => (cell.textContent ?? '').trim())),
  );
}

/** Every value cell of the drawn 汇总 tables equals the sum of `texts`' values. */
async function expectSums(texts: readonly string[]) {
  for (const grid of v2021Format.tables) {
    const drawn = await page.locator(`#sum-${grid.definition.id} td[data-key]`).evaluateAll((tds) =>
      tds.map((td) => [(td as unknown as { dataset: { key: string } }).dataset.key, (td.textContent ?? '').trim()] as const),
    );
    expect(drawn).toHaveLength(grid.valueCells.length);
    for (const [key, text] of drawn) {
      expect(Number(text), `${grid.definition.id} ${key}`).toBeCloseTo(sumOf(texts, grid.definition.dataPath, key.split('.')), 2);
    }
  }
}

describe.skipIf(skipWithout('Chromium', hasChromium(), CHROMIUM_HINT))('the superior office in the workbench', () => {
  beforeAll(async () => {
    const folder = await workFolder();
    await writeFile(path.join(folder, '甲.yaml'), jiaText);
    await writeFile(path.join(folder, '乙.yaml'), yiText);
    ({ browser, workbench, page } = await openInChromium(folder));
  }, SLOW);
  afterAll(async () => {
    await browser?.close();
    await workbench?.close();
  });

  it('sums the chosen units: one row per unit with its status, the error unit’s problem, the summed tables', async () => {
    await page.getByRole('button', { name: '汇总各单位' }).click();
    await page.getByRole('heading', { level: 1, name: '汇总各单位' }).waitFor();
    const before = await axeViolations(page);
    expect(before, describeViolations(before)).toEqual([]);
    await page.getByRole('checkbox', { name: '甲.yaml' }).check();
    await page.getByRole('checkbox', { name: '乙.yaml' }).check();
    await page.getByLabel(/应报单位/).fill([JIA, YI, BING].join('\n'));
    await page.getByRole('button', { name: '开始汇总' }).click();
    await page.locator('table.units').waitFor();

    expect((await rows()).map((cells) => cells.slice(0, 6))).toEqual([
      [`${JIA}：查看问题`, '甲.yaml', '✓ 有效', '0', '0', '是'],
      [`${YI}：查看问题`, '乙.yaml', expect.stringContaining('有错误'), expect.stringMatching(/^[1-9]\d*$/), expect.any(String), '是'],
      [`${BING}：查看问题`, '—', '— 缺报', '0', '0', '否'],
    ]);
    // Status is colour and text: each row's mark has its own colour.
    const colours = await page.locator('table.units .status').evaluateAll((spans) =>
      spans.map((span) => (globalThis as unknown as { getComputedStyle(element: unknown): { color: string } }).getComputedStyle(span).color),
    );
    expect(new Set(colours).size).toBe(3);
    expect(await page.locator('#units-summary').textContent()).toContain('有效 1 个，有提示 0 个，有错误 1 个，无法读取 0 个，缺报 1 个；2 个计入汇总');

    // A click on 乙 lists its problems with their places.
    await page.getByRole('button', { name: new RegExp(YI) }).click();
    const problems = page.locator('.unit-problems');
    await problems.waitFor();
    expect(await problems.locator('h3').textContent()).toBe(`${YI} 的问题`);
    const granted = problems.locator('li.error', { hasText: '「（一）予以公开」行' });
    expect(await granted.count()).toBeGreaterThan(0);
    const yiGrantedLine = yiText.split('\n').findIndex((line) => line.startsWith('    granted:')) + 1;
    expect(await granted.first().textContent()).toContain(`第 ${yiGrantedLine} 行`);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe('unit-problems-h');

    // The 汇总 tables: real tables with captions and header scopes, every value the units' sum.
    const t2 = page.locator('#sum-t2');
    expect(await t2.locator('caption').textContent()).toBe(`${v2021Format.tables[1]!.definition.caption}（汇总）`);
    expect(await t2.locator('th[scope="colgroup"]', { hasText: '申请人情况' }).count()).toBe(1);
    expect(await t2.locator('td[data-key="granted.np"]').textContent()).toBe('43');
    await expectSums([jiaText, yiText]);

    // 明细: one row per summed unit; 问题清单: 乙's problems are listed, 甲 has none.
    expect(await page.locator('table.detail tbody tr').count()).toBe(2);
    expect(await page.locator('table.detail tbody th').allTextContents()).toEqual([JIA, YI]);
    expect(await page.locator('table.problem-list tbody th', { hasText: YI }).count()).toBeGreaterThan(0);
    expect(await page.locator('table.problem-list tbody th', { hasText: JIA }).count()).toBe(0);

    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  }, SLOW);

  it('downloads the 汇总 workbook and data file, holding the sums', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByRole('button', { name: '下载汇总工作簿（XLSX）' }).click()]);
    expect(download.suggestedFilename()).toMatch(/汇总\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(expect.arrayContaining(['明细', '问题清单']));
    for (const grid of v2021Format.tables) {
      const sheet = workbook.getWorksheet(grid.definition.sheetName);
      expect(sheet, grid.definition.sheetName).toBeDefined();
      for (const cell of grid.valueCells) {
        const raw = sheet!.getCell(cellAddress(cell.row, cell.col)).value;
        const value = numberIn(sheet!, cellAddress(cell.row, cell.col));
        const expected = sumOf([jiaText, yiText], grid.definition.dataPath, cell.content.key);
        // 万元 cells hold the rounded sum.
        expect(Number(value), `${grid.definition.sheetName} ${cell.content.key.join('.')}`).toBeCloseTo(expected, 2);
      }
    }
    const detail = workbook.getWorksheet('明细')!;
    expect([detail.getCell('B3').value, detail.getCell('B4').value]).toEqual([JIA, YI]);

    const [yaml] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByRole('button', { name: '下载汇总数据文件（YAML）' }).click()]);
    expect(yaml.suggestedFilename()).toMatch(/汇总\.yaml$/);
    const data = parse(await readFile((await yaml.path())!, 'utf8'));
    expect(data.year).toBe(2024);
    expect(data.tables.requests.granted.np).toBe(43);
  }, SLOW);

  it('takes a unit dropped on the page', async () => {
    const dataTransfer = await page.evaluateHandle((text) => {
      const scope = globalThis as unknown as { DataTransfer: new () => { items: { add(file: unknown): void } } };
      const transfer = new scope.DataTransfer();
      transfer.items.add(new File([text], '丁.yaml', { type: 'application/yaml' }));
      transfer.items.add(new File(['year: [2024\n'], '坏.yaml', { type: 'application/yaml' }));
      return transfer;
    }, dingText);
    await page.locator('main.superior').dispatchEvent('drop', { dataTransfer });
    await page.locator('.notice', { hasText: '已加入 丁.yaml、坏.yaml' }).waitFor();
    await page.getByRole('button', { name: '开始汇总' }).click();
    await page.locator('table.units tbody tr', { hasText: DING }).waitFor();
    const byName = new Map((await rows()).map((cells) => [cells[0]!.replace('：查看问题', ''), cells]));
    expect(byName.get(DING)!.slice(1, 3)).toEqual(['丁.yaml', '✓ 有效']);
    expect(byName.get(BING)![2]).toBe('— 缺报');
    // A file that cannot be read is listed by its name, with why.
    expect(byName.get('坏.yaml')!.slice(1, 6)).toEqual(['坏.yaml', '✗ 无法读取', '1', '0', '否']);
    await page.getByRole('button', { name: /^坏\.yaml/ }).click();
    expect(await page.locator('.unit-problems li.error').textContent()).toContain('坏.yaml');
    expect(await page.locator('#units-summary').textContent()).toContain('3 个计入汇总');
    expect(await page.locator('#sum-t2 td[data-key="granted.np"]').textContent()).toBe('64');
    await expectSums([jiaText, yiText, dingText]);
  }, SLOW);

  it('keeps the guards: no secret, a name leading out of the folder, a foreign Origin are refused', async () => {
    const body = (files: string[]) => JSON.stringify({ files, kind: 'xlsx' });
    const noSecret = await raw(workbench.port, { method: 'POST', path: '/api/overview', headers: { origin: `http://127.0.0.1:${workbench.port}`, 'content-type': 'application/json' }, body: body(['甲.yaml']) });
    expect(noSecret.status).toBe(403);
    const outside = await raw(workbench.port, { method: 'POST', path: '/api/overview', headers: asPage(workbench, true), body: body(['../甲.yaml']) });
    expect(outside.status).toBe(403);
    expect(JSON.parse(outside.body).message).toContain('..');
    const foreign = await raw(workbench.port, { method: 'POST', path: '/api/overview/download', headers: { ...asPage(workbench, true), origin: 'http://evil.example' }, body: body(['甲.yaml']) });
    expect(foreign.status).toBe(403);
    const wrongKind = await raw(workbench.port, { method: 'POST', path: '/api/overview', headers: asPage(workbench, true), body: body(['甲.docx']) });
    expect(wrongKind.status).toBe(422);
    const ok = await raw(workbench.port, { method: 'POST', path: '/api/overview', headers: asPage(workbench, true), body: body(['甲.yaml']) });
    expect(JSON.parse(ok.body).units.map((unit: { organization: string; status: string }) => [unit.organization, unit.status])).toEqual([[JIA, 'valid']]);
  });
});
