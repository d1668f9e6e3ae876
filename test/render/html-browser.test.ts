/**
 * The HTML output in a real browser (Debian chromium via playwright-core):
 * axe-core finds no WCAG 2.1 AA violation in any report's page; on a narrow
 * screen the page itself does not scroll sideways while a wide table scrolls
 * in its focusable region; in print, header rows repeat and rows do not break.
 * And a batch through the real command (`node bin/xxgk.js build 文件夹 --to html`).
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ReportDocument } from '../../src/document/model.js';
import { renderHtmlText } from '../../src/render/html.js';
import { axeViolations, CHROMIUM_HINT, describeViolations, hasChromium, launchChromium } from '../helpers/browser.js';
import { tempDir, xxgkProcess } from '../helpers/cli.js';
import { BUILD_HINT, skipWithout } from '../helpers/requires.js';
import { SAMPLE_PATH } from '../helpers/sample.js';
import { composeFile, expectTableMatchesGrid, htmlTestReports, SEED_FILES } from './html-support.js';

const reports = await htmlTestReports();

describe.skipIf(skipWithout('Chromium', hasChromium(), CHROMIUM_HINT))('the HTML page in Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  const show = async (document: ReportDocument, width: number) => {
    await page.setViewportSize({ width, height: 900 });
    await page.setContent(renderHtmlText(document), { waitUntil: 'load' });
  };

  for (const { name, document } of reports) {
    it(`${name}: no WCAG 2.1 AA violation (axe-core)`, async () => {
      await show(document, 1280);
      expect(await page.title()).toBe(document.meta.title);
      const violations = await axeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
    });
  }

  it('on a 360 px screen the page does not scroll sideways; the 表二 region does, and takes the keyboard focus', async () => {
    const { document } = reports[0]!;
    await show(document, 360);
    const measured = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number }; querySelectorAll(s: string): ArrayLike<{ scrollWidth: number; clientWidth: number; getAttribute(n: string): string | null; focus(): void }>; activeElement: unknown } }).document;
      const regions = Array.from(doc.querySelectorAll('.table-wrap'));
      const wide = regions[1]!;
      wide.focus();
      return {
        page: { scroll: doc.documentElement.scrollWidth, client: doc.documentElement.clientWidth },
        region: { scroll: wide.scrollWidth, client: wide.clientWidth, role: wide.getAttribute('role') },
        focused: doc.activeElement === wide,
      };
    });
    expect(measured.page.scroll).toBeLessThanOrEqual(measured.page.client);
    expect(measured.region.scroll).toBeGreaterThan(measured.region.client);
    expect(measured.region.role).toBe('region');
    expect(measured.focused).toBe(true);
    const violations = await axeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('in print, the header rows repeat and rows are kept whole', async () => {
    const { document } = reports[0]!;
    await show(document, 1280);
    await page.emulateMedia({ media: 'print' });
    const styles = await page.evaluate(() => {
      const g = globalThis as unknown as { document: { querySelector(s: string): unknown }; getComputedStyle(e: unknown): { display: string; breakInside: string } };
      return { thead: g.getComputedStyle(g.document.querySelector('thead')).display, row: g.getComputedStyle(g.document.querySelector('tbody tr')).breakInside };
    });
    await page.emulateMedia({ media: 'screen' });
    expect(styles).toEqual({ thead: 'table-header-group', row: 'avoid' });
  });
});

describe.skipIf(skipWithout('the compiled CLI (dist/cli/main.js)', existsSync(path.resolve('dist/cli/main.js')), BUILD_HINT))('xxgk build 文件夹 --to html (batch, worker threads)', () => {
  it('writes one page per report, each holding its report’s tables', async () => {
    const folder = await tempDir();
    const inputs = path.join(folder, 'in');
    const out = path.join(folder, 'out');
    await mkdir(inputs);
    const files = [SAMPLE_PATH, SEED_FILES[1]!, SEED_FILES[3]!];
    for (const file of files) await copyFile(file, path.join(inputs, path.basename(file)));
    const run = await xxgkProcess(['build', inputs, '--to', 'html', '--out', out, '--jobs', '2', '--plain-progress']);
    expect(run.code, run.stderr).toBe(0);
    const written = (await readdir(out)).sort();
    expect(written).toHaveLength(files.length);
    for (const file of files) {
      const document = await composeFile(file);
      const name = written.find((candidate) => candidate === `${document.meta.title}.html`);
      expect(name, `${document.meta.title}.html among ${written.join(', ')}`).toBeDefined();
      const root = parse(await readFile(path.join(out, name!), 'utf8'));
      expect(root.querySelector('title')!.text).toBe(document.meta.title);
      const tables = document.blocks.filter((block) => block.kind === 'table');
      const elements = root.querySelectorAll('table');
      expect(elements).toHaveLength(tables.length);
      tables.forEach((block, i) => expectTableMatchesGrid(elements[i]!, block, root));
    }
  }, 120_000);
});
