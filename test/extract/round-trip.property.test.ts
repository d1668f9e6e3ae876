/**
 * The round trip of issue #15 on 1,000 random reports (the bench generator,
 * fixed seed, short/medium/long): each is built into xxgk's own DOCX and HTML
 * in memory and read back with `extractDocument`; both give back the data
 * that built it — the title, every number in its cell, every paragraph and
 * heading (in order, among the drafted sentences) — and the same data as
 * each other, without an error. The PDF round trip is its own file.
 *
 * The time is printed (budget ≈ 3–4 minutes in CI on 2 cores).
 */
import { describe, expect, it } from 'vitest';
import { generateReports } from '../../scripts/report-generator.mjs';
import { composeReport } from '../../src/compose/compose.js';
import { extractDocument } from '../../src/extract/index.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { renderHtmlText } from '../../src/render/html.js';
import { docxOf, errors, paragraphsNotInOrder, wrongCells, type Block } from '../helpers/extract-round-trip.js';

const SEED = 1515;
const COUNT = 1000;

describe('round trip of random reports through DOCX and HTML (issue #15)', () => {
  it(`${COUNT} generated reports, seed ${SEED}: every number in its cell, every paragraph, the same data from both`, async () => {
    const reports = generateReports(COUNT, SEED, { sizes: ['short', 'medium', 'long'] });
    expect(reports).toHaveLength(COUNT);
    const found: string[] = [];
    const time = { compose: 0, docx: 0, html: 0, readDocx: 0, readHtml: 0 };
    const clock = () => performance.now();
    let paragraphs = 0;
    let cells = 0;
    for (const [i, input] of reports.entries()) {
      let at = clock();
      const report = v2021Format.schema.parse(input);
      const document = composeReport(report, v2021Format);
      time.compose += clock() - at;
      at = clock();
      const docx = await docxOf(document);
      time.docx += clock() - at;
      at = clock();
      const html = new TextEncoder().encode(renderHtmlText(document));
      time.html += clock() - at;
      at = clock();
      const fromDocx = await extractDocument(docx, 'report.docx');
      time.readDocx += clock() - at;
      at = clock();
      const fromHtml = await extractDocument(html, 'report.html');
      time.readHtml += clock() - at;

      const tables = report.tables as unknown as Record<string, unknown>;
      const narrative = report.narrative as unknown as Record<string, Block[]>;
      const name = `报告${i}（${document.meta.title}）`;
      for (const [form, result] of [['DOCX', fromDocx], ['HTML', fromHtml]] as const) {
        if (!result.data) {
          found.push(`${name} ${form}：${result.unreadable ?? result.refusal}`);
          continue;
        }
        if (result.data.title !== document.meta.title) found.push(`${name} ${form}：标题读作 ${String(result.data.title)}`);
        if (result.data.year !== report.year) found.push(`${name} ${form}：年度读作 ${String(result.data.year)}`);
        for (const diagnostic of errors(result)) found.push(`${name} ${form}：${diagnostic.message}`);
        const wrong = wrongCells(result, tables);
        for (const pair of wrong) found.push(`${name} ${form}：${pair.cell} 应为 ${pair.expected}，读作 ${pair.got}`);
        for (const missing of paragraphsNotInOrder(result.data.narrative as Record<string, Block[]>, narrative)) found.push(`${name} ${form}：少了段落 ${missing}`);
        if (result.data.fee && JSON.stringify(result.data.fee) !== JSON.stringify(report.fee)) found.push(`${name} ${form}：收费读作 ${JSON.stringify(result.data.fee)}`);
      }
      if (fromDocx.data && fromHtml.data && JSON.stringify(fromDocx.data) !== JSON.stringify(fromHtml.data)) found.push(`${name}：DOCX 与 HTML 读出的数据不同`);
      cells += fromDocx.data ? wrongCells(fromDocx, tables).length === 0 ? v2021Format.tables.reduce((sum, grid) => sum + grid.valueCells.length, 0) : 0 : 0;
      paragraphs += Object.values(narrative).reduce((sum, blocks) => sum + (blocks?.length ?? 0), 0);
      if (found.length > 20) break;
    }
    const total = Object.values(time).reduce((a, b) => a + b, 0);
    console.log(
      `${COUNT} reports, ${cells} table cells and ${paragraphs} narrative blocks checked per form in ${(total / 1000).toFixed(1)} s: ` +
        Object.entries(time)
          .map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s (${(ms / COUNT).toFixed(1)} ms/report)`)
          .join(', '),
    );
    expect(found).toEqual([]);
  }, 900_000);
});
