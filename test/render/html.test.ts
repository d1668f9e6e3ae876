/**
 * The HTML output, parsed (node-html-parser): the page's frame, headings in
 * order, every table cell at its grid place with its spans, text and header
 * association, captions, scopes and escaping — for the sample, the seeds
 * (v2019 and legacy formats) and a v2021 report with a long title. The same
 * pages in Chromium with axe-core: html-browser.test.ts (slow project).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { composeReport } from '../../src/compose/compose.js';
import type { Block, ReportDocument, TableBlock } from '../../src/document/model.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { renderHtml, renderHtmlText } from '../../src/render/html.js';
import { cli, tempDir } from '../helpers/cli.js';
import { SAMPLE_PATH, sampleReport } from '../helpers/sample.js';
import { expectTableMatchesGrid, htmlTestReports, LONG_ORGANIZATION } from './html-support.js';

const reports = await htmlTestReports();

const tables = (document: ReportDocument) => document.blocks.filter((block): block is TableBlock => block.kind === 'table');

function expectedHeadings(document: ReportDocument): string[] {
  return document.blocks.flatMap((block: Block) =>
    block.kind === 'title' ? [`h1 ${block.lines.join(' / ')}`] : block.kind === 'heading' ? [`h${block.level + 1} ${block.text}`] : [],
  );
}

describe('the HTML page', () => {
  for (const { name, document } of reports) {
    describe(name, () => {
      const html = renderHtmlText(document);
      const root = parse(html);

      it('is one self-contained zh-CN page titled with the report title', () => {
        expect(html.slice(0, 15).toLowerCase()).toBe('<!doctype html>');
        expect(root.querySelector('html')!.getAttribute('lang')).toBe('zh-CN');
        expect(root.querySelector('meta[charset]')!.getAttribute('charset')).toBe('utf-8');
        expect(root.querySelector('title')!.text).toBe(document.meta.title);
        expect(root.querySelectorAll('script, link, img, iframe, object, embed')).toHaveLength(0);
        for (const element of root.querySelectorAll('[src], [href]')) throw new Error(`external resource: ${element.toString()}`);
        expect(root.querySelectorAll('style')).toHaveLength(1);
        expect(root.querySelector('style')!.text).toContain('@media print');
      });

      it('has the title and the headings, in order, at levels h1–h5', () => {
        // A title's lines are text nodes between <br>s.
        const text = (h: HTMLElement) => (h.tagName === 'H1' ? h.childNodes.filter((node) => node.nodeType === 3).map((node) => node.text).join(' / ') : h.text);
        const headings = root.querySelectorAll('h1, h2, h3, h4, h5, h6').map((h) => `${h.tagName.toLowerCase()} ${text(h)}`);
        expect(headings).toEqual(expectedHeadings(document));
      });

      it('has every paragraph and the signature', () => {
        const paragraphs = document.blocks.flatMap((block) => (block.kind === 'paragraph' ? [block.text] : []));
        expect(root.querySelectorAll('main > p').map((p) => p.text)).toEqual(paragraphs);
        const signatures = document.blocks.flatMap((block) => (block.kind === 'signature' ? [[...block.names, block.date]] : []));
        expect(root.querySelectorAll('.signature').map((s) => s.querySelectorAll('p').map((p) => p.text))).toEqual(signatures);
      });

      it('has every table as a real table: cells at their grid places, spans, printed values, captions, scopes, headers', () => {
        const blocks = tables(document);
        const elements = root.querySelectorAll('table');
        expect(elements).toHaveLength(blocks.length);
        blocks.forEach((block, i) => expectTableMatchesGrid(elements[i]!, block, root));
        // Each table scrolls in a focusable region named by its caption.
        for (const wrap of root.querySelectorAll('.table-wrap')) {
          expect(wrap.getAttribute('role')).toBe('region');
          expect(wrap.getAttribute('tabindex')).toBe('0');
          const caption = root.querySelector(`#${wrap.getAttribute('aria-labelledby')}`);
          expect(caption?.tagName).toBe('CAPTION');
        }
        const ids = root.querySelectorAll('[id]').map((element) => element.id);
        expect(new Set(ids).size).toBe(ids.length);
      });
    });
  }

  it('renders the seeds’ tables (v2019: 表一–表三; legacy: the statistics table) and the long title on two lines', () => {
    const byName = new Map(reports.map((report) => [report.name, report.document]));
    expect(tables(byName.get('seed-001-柳州市城中区2020.yaml')!).map((t) => t.grid.definition.id)).toEqual(['t1', 't2', 't3']);
    expect(tables(byName.get('seed-003-桃源县陬市镇2017.yaml')!).length).toBeGreaterThan(0);
    const long = byName.get('long-title.yaml')!;
    const h1 = parse(renderHtmlText(long)).querySelector('h1')!;
    expect(h1.childNodes.filter((node) => node.nodeType === 3).map((node) => node.text)).toEqual([LONG_ORGANIZATION, '2023年政府信息公开工作年度报告']);
    expect(h1.querySelectorAll('br')).toHaveLength(1);
    expect(parse(renderHtmlText(long)).querySelector('title')!.text).toBe(`${LONG_ORGANIZATION}2023年政府信息公开工作年度报告`);
  });

  it('escapes user text: markup in a paragraph is text, not elements', () => {
    const report = sampleReport();
    const hostile = '<script>alert("x")</script> & <b>粗</b> \'引号\'';
    report.narrative.problems = [hostile];
    report.organization.name = '示范市<i>青禾区</i>人民政府';
    const document = composeReport(report, v2021Format);
    const root = parse(renderHtmlText(document));
    expect(root.querySelectorAll('script, b, i')).toHaveLength(0);
    expect(root.querySelectorAll('main > p').map((p) => p.text)).toContain(hostile);
    expect(root.querySelector('title')!.text).toBe(document.meta.title);
    expect(document.meta.title).toContain('<i>');
  });

  it('is UTF-8 bytes without a byte order mark', () => {
    const { document } = reports[0]!;
    const bytes = renderHtml(document);
    expect([...bytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(renderHtmlText(document));
  });
});

describe('xxgk build --to html', () => {
  it('writes the page next to the other outputs; read back, it is the sample report', async () => {
    const folder = await tempDir();
    const run = await cli(['build', SAMPLE_PATH, '--to', 'html,docx', '--out', folder]);
    expect(run.code, run.stderr).toBe(0);
    const written = run.stdout.split('\n').map((line) => line.replace(/^已生成：/, ''));
    const htmlFile = written.find((file) => path.extname(file) === '.html')!;
    expect(path.basename(htmlFile)).toBe('示范市青禾区人民政府2024年政府信息公开工作年度报告.html');
    const root = parse(await readFile(htmlFile, 'utf8'));
    expect(root.querySelector('title')!.text).toBe('示范市青禾区人民政府2024年政府信息公开工作年度报告');
    const { document } = reports[0]!;
    root.querySelectorAll('table').forEach((table, i) => expectTableMatchesGrid(table, tables(document)[i]!, root));
  });

  it('names html among the kinds --to accepts when it meets an unknown one', async () => {
    const run = await cli(['build', SAMPLE_PATH, '--to', 'htm', '--out', await tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--to 只能是 docx、pdf、xlsx、html');
  });
});
