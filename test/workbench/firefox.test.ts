/**
 * The clerk's core flow in Firefox (issue #14: current Chromium, Edge and
 * Firefox): Debian's firefox-esr driven by puppeteer-core over WebDriver
 * BiDi, against the workbench started in-process. Open the sample, type a
 * wrong total (real key presses) → its message on the cell → fix it → the
 * preview's pages drawn → the four downloads handed to the browser parse back
 * and hold the typed number; axe-core on the start screen and the editor.
 * Needs `npm run build`.
 *
 * Downloads: the page hands each file to the browser as a blob link with a
 * `download` name; the test takes the blob behind that link (Firefox's save
 * dialog and download folder are the browser's, not the workbench's; the
 * page's CSP does not let a script fetch a blob: address back).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { cellAddress } from '../../src/tables/grid.js';
import type { Workbench } from '../../src/workbench/server/server.js';
import { axeViolations, describeViolations, FIREFOX_HINT, hasFirefox, launchFirefox } from '../helpers/browser.js';
import { skipWithout } from '../helpers/requires.js';
import { docxTableGrids, pdfValueRuns } from '../hardening/support/read-back.js';
import { SAMPLE_NAME, startOn, workFolder } from './harness.js';

const SLOW = 240_000;
const proactive = v2021Format.tables.find((grid) => grid.definition.id === 't1')!;
const ISSUED = proactive.valueCells.find((cell) => cell.content.key.join('.') === 'nd_issued')!;

let browser: Browser | undefined;
let workbench: Workbench | undefined;
let page: Page;

/** The page's own objects, as the functions evaluated in it see them (the tests are typed without the DOM library). */
interface Blob {
  arrayBuffer(): Promise<ArrayBuffer>;
}
interface InPage {
  handed?: { name: string; blob: Blob | undefined }[];
  HTMLAnchorElement: { prototype: { click(this: Anchor): void } };
  URL: { createObjectURL(blob: Blob): string };
  btoa(binary: string): string;
}
interface Anchor {
  download: string;
  href: string;
}
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray } };
}

/** Selects what the input holds and types `text` with real key presses. */
async function typeInto(selector: string, text: string) {
  await page.$eval(selector, (element) => {
    const input = element as unknown as { focus(): void; select(): void };
    input.focus();
    input.select();
  });
  await page.keyboard.type(text);
}

const messageOn = (id: string) => page.$eval(`#${id}`, (element) => element.closest('td')!.querySelector('.cell-message')?.textContent ?? null);

async function expectNoAxeViolations(screen: string) {
  const violations = await axeViolations(page);
  expect(violations, `${screen}:\n${describeViolations(violations)}`).toEqual([]);
}

/**
 * Clicks a download button and returns the file the page handed to the
 * browser. Polled with evaluate: puppeteer's waitForFunction may run in a
 * sandbox that does not see the page's own properties.
 */
async function download(label: string): Promise<{ name: string; bytes: Uint8Array }> {
  const before = await page.evaluate(() => {
    const w = globalThis as unknown as InPage;
    if (!w.handed) {
      const handed: { name: string; blob: Blob | undefined }[] = (w.handed = []);
      const blobs = new Map<string, Blob>();
      const create = w.URL.createObjectURL;
      w.URL.createObjectURL = (blob: Blob) => {
        const address = create(blob);
        blobs.set(address, blob);
        return address;
      };
      const click = w.HTMLAnchorElement.prototype.click;
      w.HTMLAnchorElement.prototype.click = function (this: Anchor) {
        if (this.download && blobs.has(this.href)) handed.push({ name: this.download, blob: blobs.get(this.href) });
        else click.call(this);
      };
    }
    return w.handed.length;
  });
  const [button] = await page.$$(`xpath/.//button[normalize-space(.)="${label}"]`);
  expect(button, label).toBeDefined();
  await button!.click();
  const deadline = Date.now() + 120_000;
  while ((await page.evaluate(() => (globalThis as unknown as InPage).handed!.length)) <= before) {
    if (Date.now() > deadline) throw new Error(`${label}: no file handed to the browser in 120 s (${await page.$eval('.notice', (element) => element.textContent)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const handed = await page.evaluate(async (index: number) => {
    const w = globalThis as unknown as InPage;
    const file = w.handed![index]!;
    const bytes = new Uint8Array(await file.blob!.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { name: file.name, base64: w.btoa(binary) };
  }, before);
  return { name: handed.name, bytes: new Uint8Array(Buffer.from(handed.base64, 'base64')) };
}

describe.skipIf(skipWithout('Firefox', hasFirefox(), FIREFOX_HINT))('the clerk in Firefox', () => {
  beforeAll(async () => {
    browser = await launchFirefox();
    workbench = await startOn(await workFolder());
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(workbench.url);
    await page.waitForSelector('xpath/.//h2[normalize-space(.)="新建报告"]');
    expect(errors).toEqual([]);
  }, SLOW);
  afterAll(async () => {
    await browser?.close();
    await workbench?.close();
  });

  it('opens the sample; a wrong total typed shows its message on the cell, and goes when fixed', async () => {
    // The secret moved into a cookie: the address bar no longer shows it.
    expect(page.url()).toBe(`http://127.0.0.1:${workbench!.port}/`);
    await expectNoAxeViolations('start screen');
    const [open] = await page.$$(`xpath/.//button[normalize-space(.)="打开 ${SAMPLE_NAME}"]`);
    await open!.click();
    await page.waitForSelector('#cell-t2-new-tot');
    expect(await page.$eval('#cell-t2-new-tot', (element) => (element as unknown as { value: string }).value)).toBe('63');
    expect(await page.$eval('.problems h2', (element) => element.textContent)).toContain('没有发现问题');

    await typeInto('#cell-t2-new-tot', '65');
    await page.waitForSelector('td:has(> #cell-t2-new-tot) .cell-message');
    expect(await messageOn('cell-t2-new-tot')).toMatch(/为 65，但.*之和为 63/);
    expect(await page.$eval('#cell-t2-new-tot', (element) => element.getAttribute('aria-invalid'))).toBe('true');
    // The 总计 cell and the （七）总计 row it feeds are both wrong now.
    expect(await page.$eval('.problems h2', (element) => element.textContent)).toMatch(/[1-9] 个错误/);
    await expectNoAxeViolations('editor with an error');

    await typeInto('#cell-t2-new-tot', '63');
    await page.waitForSelector('td:has(> #cell-t2-new-tot) .cell-message', { hidden: true });
    expect(await page.$eval('#cell-t2-new-tot', (element) => element.getAttribute('aria-invalid'))).toBeNull();
    await page.waitForSelector('xpath/.//h2[contains(., "没有发现问题")]');
  }, SLOW);

  it('draws the preview’s pages after an edit', async () => {
    const status = () => page.$eval('.preview-status', (element) => `${element.getAttribute('data-stamp')} ${element.textContent}`);
    const before = (await status()).split(' ')[0];
    await typeInto('#cell-t1-nd-issued', '17');
    // The status carries a stamp per refresh drawn: wait for the one after this edit.
    const deadline = Date.now() + 120_000;
    for (let now = await status(); now.split(' ')[0] === before || !now.includes('预览已更新'); now = await status()) {
      if (Date.now() > deadline) throw new Error(`the preview did not refresh in 120 s: ${now}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const pages = Number(await page.$eval('.preview-status', (element) => element.getAttribute('data-pages')));
    expect(pages).toBeGreaterThan(1);
    expect(await page.$$eval('.pages canvas.page', (canvases) => canvases.length)).toBe(pages);
    // The first page is drawn: dark pixels (text) on the white page.
    const dark = await page.$eval('.pages canvas.page', (element) => {
      const canvas = element as unknown as Canvas;
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 100 && data[i + 1]! < 100 && data[i + 2]! < 100) count++;
      return count;
    });
    expect(dark).toBeGreaterThan(1000);
    await expectNoAxeViolations('editor');
  }, SLOW);

  it('the four downloads parse back and hold the typed number', async () => {
    const at = cellAddress(ISSUED.row, ISSUED.col);

    const docx = await download('下载 Word（DOCX）');
    expect(docx.name).toMatch(/\.docx$/);
    const xml = await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')!.async('string');
    expect(docxTableGrids(xml)[0]![ISSUED.row]![ISSUED.col]!.text).toBe('17');

    const pdf = await download('下载 PDF');
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(await pdfValueRuns(pdf.bytes)).toContain('17');

    const xlsx = await download('下载 Excel（XLSX）');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet(proactive.definition.sheetName)!.getCell(at).value).toBe(17);

    const html = await download('下载 网页（HTML）');
    expect(html.name).toMatch(/\.html$/);
    const text = Buffer.from(html.bytes).toString('utf8');
    expect(text).toMatch(new RegExp(`<caption[^>]*>${proactive.definition.caption}</caption>`));
    expect(text).toMatch(/>17</);
  }, SLOW);
});
