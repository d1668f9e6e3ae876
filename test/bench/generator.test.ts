/**
 * The benchmark's report generator (scripts/report-generator.mjs): the same
 * seed gives the same report, every report it makes passes validation without
 * a single diagnostic, a batch has distinct organisations (distinct output
 * files), and the long variant really is a long report: ≥ 12 PDF pages.
 */
import { describe, expect, it } from 'vitest';
import { generateReport, generateReports, reportYaml, type ReportSize } from '../../scripts/report-generator.mjs';
import { composeReport } from '../../src/compose/compose.js';
import { v2021Format } from '../../src/formats/v2021/index.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { resolveFonts } from '../../src/fonts/resolve.js';
import { renderPdf } from '../../src/render/pdf.js';
import { validateReportText } from '../../src/validate/index.js';
import { sampleReport } from '../helpers/sample.js';

const SIZES: ReportSize[] = ['short', 'medium', 'long'];

describe('report generator', () => {
  it('is deterministic: one seed, one report; another seed, another report', () => {
    for (const size of SIZES) {
      expect(reportYaml(generateReport(42, { size }))).toBe(reportYaml(generateReport(42, { size })));
      expect(generateReport(42, { size })).not.toEqual(generateReport(43, { size }));
    }
    expect(generateReports(20, 7)).toEqual(generateReports(20, 7));
  });

  it('writes realistic narrative: sub-parts, numbered sub-headings in the long variant, Chinese paragraphs', () => {
    const long = v2021Format.schema.parse(generateReport(1, { size: 'long' }));
    const overview = long.narrative.overview;
    const subParts = overview.filter((block) => typeof block !== 'string');
    expect(subParts.map((block) => (block as { heading: string }).heading)).toEqual(['主动公开', '依申请公开', '政府信息管理', '平台建设', '监督保障']);
    const nested = (subParts[0] as { body: unknown[] }).body[0] as { heading: string; body: string[] };
    expect(nested.heading).toBe('重点领域信息公开');
    for (const text of nested.body) {
      expect(text.length).toBeGreaterThan(80);
      expect(text).toMatch(/^[\u4e00-\u9fff0-9“（]/);
      expect(text).not.toMatch(/[{}]/); // every slot filled
    }
    expect(long.narrative.problems.length).toBeGreaterThanOrEqual(3);
  });

  it('makes valid reports: no errors and no warnings, for every size and a mixed batch', () => {
    const batch = generateReports(200, 2024);
    // Every level of organisation (部门, 乡镇街道, 其他, 人民政府) occurs within the first 44 units.
    const reports = [...SIZES.map((size, i) => generateReport(100 + i, { size })), ...batch.slice(0, 50)];
    for (const report of reports) {
      const result = validateReportText(reportYaml(report), `${report.organization.name}.yaml`);
      expect(result.diagnostics, report.organization.name).toEqual([]);
    }
    expect(new Set(batch.map((report) => report.organization.level)).size).toBe(4);
    const names = new Set(batch.map((report) => report.organization.name));
    expect(names.size).toBe(200);
    // The bench builds the bundled sample alongside a batch: no unit may share its name (and output file).
    expect(names.has(sampleReport().organization.name)).toBe(false);
  });

  it('the long report renders to at least 12 PDF pages, the short one to fewer than the long', async () => {
    const fonts = resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));
    const pages: Record<string, number> = {};
    for (const size of ['short', 'long'] as const) {
      const report = v2021Format.schema.parse(generateReport(1, { size }));
      pages[size] = (await renderPdf(composeReport(report, v2021Format), { fonts })).pages;
    }
    expect(pages.long).toBeGreaterThanOrEqual(12);
    expect(pages.long).toBeLessThanOrEqual(15);
    expect(pages.short).toBeLessThan(pages.long!);
  }, 30_000);
});
