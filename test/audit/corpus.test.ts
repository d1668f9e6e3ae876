/**
 * `auditDocuments` over the real published reports (test/fixtures/published/*):
 * every source document is audited together with all the others (so the
 * years of one body meet as consecutive years), and
 *   - every problem its problems.yaml lists is found, kind by kind
 *     (balance → the rule on the cell; text-vs-table → V21-TXT-01 against
 *     one of the cells; text-internal → V21-TXT-02 in the paragraph named; label → the extract's label/heading variation or the
 *     one-row （六）其他处理, or the title check; blank → G-02 on the cell, or the extract's
 *     unread row holding it; structure → a missing or misnamed part, a table
 *     printed in an earlier format's layout, or the
 *     refusal of a document without the six parts), except the known misses
 *     listed below with their reason — each must still be missed, so the list
 *     only shrinks;
 *   - no 勾稽 error or cross-year warning is reported that problems.yaml does
 *     not list: where the printed tables balance, the audit says nothing.
 * Folders are found by iterating, so fixtures added later are picked up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { auditDocuments, type AuditedReport, type AuditResult } from '../../src/audit/index.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { builtInFormats } from '../../src/formats/index.js';
import { balanceRules } from '../../src/tables/balances.js';

const ROOT = 'test/fixtures/published';

/** The forms readDocument reads: every fixture's source is one of them (checked below). */
const FORMS_READ = new Set(['.txt', '.html', '.htm', '.pdf', '.docx']);

interface Problem {
  kind: string;
  rule?: string;
  cell?: string;
  cells?: Record<string, number>;
  where?: string;
  printed?: string;
  previous?: string;
}

interface Fixture {
  id: string;
  source: string;
  problems: Problem[];
}

const fixtures: Fixture[] = readdirSync(ROOT, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .flatMap((id) => {
    // A fixture with both its page (source.html) and a copied text (source.txt) is audited once, from the
    // page: the text may have flattened the tables (see the fixture README), the page has them cell by cell.
    const files = readdirSync(path.join(ROOT, id)).filter((file) => file.startsWith('source.')).sort();
    const source = files.find((file) => file === 'source.html') ?? files[0];
    if (!source) return [];
    const problems = (parse(readFileSync(path.join(ROOT, id, 'problems.yaml'), 'utf8')) as { problems: Problem[] }).problems ?? [];
    return [{ id, source: path.join(id, source), problems }];
  });

const readable = fixtures.filter((fixture) => FORMS_READ.has(path.extname(fixture.source)));
const unreadForms = fixtures.filter((fixture) => !FORMS_READ.has(path.extname(fixture.source)));

/**
 * Problems the audit does not find today, by `<fixture>#<index in problems.yaml>`, and why.
 * Each is checked to be still missed: remove an entry when it is found.
 */
const KNOWN_MISSES: Record<string, string> = {
};

const joined = (p: readonly (string | number)[]) => p.join('.');
const LABEL_CODES = new Set(['EXTRACT-LABEL', 'EXTRACT-HEADING', 'V21-T2-OTHER', 'AUDIT-TITLE']);
const UNREAD_ROW_CODES = new Set(['EXTRACT-SPLIT', 'EXTRACT-ROW', 'EXTRACT-CELLS', 'EXTRACT-NUMBER']);

/** The printed fragments a label problem quotes (“a / b”, “… as a single data row”). */
function printedFragments(printed: string): string[] {
  return printed
    .split(' / ')
    .map((part) => part.replace(/ as a single data row.*$/, '').replace(/…+$/, '').trim())
    .filter(Boolean);
}

function found(problem: Problem, report: AuditedReport): boolean {
  const diagnostics = report.diagnostics;
  switch (problem.kind) {
    case 'balance': {
      const rule = problem.rule!.split(/\s/)[0]!;
      return diagnostics.some((d) => d.code === rule && joined(d.path) === problem.cell);
    }
    case 'text-vs-table': {
      const cells = Object.keys(problem.cells ?? {});
      return diagnostics.some((d) => d.code === 'V21-TXT-01' && d.related !== undefined && cells.includes(joined(d.related.path)));
    }
    case 'label': {
      const fragments = printedFragments(problem.printed ?? '');
      return diagnostics.some((d) => LABEL_CODES.has(d.code) && fragments.some((fragment) => d.message.includes(fragment)));
    }
    case 'blank': {
      const cell = problem.cell!;
      return diagnostics.some(
        (d) => (d.code === 'G-02' && joined(d.path) === cell) || (UNREAD_ROW_CODES.has(d.code) && cell.startsWith(`${joined(d.path)}.`)),
      );
    }
    case 'text-internal':
      // The narrative contradicting itself where a table decides: “all completed” while 结转下年度 > 0 (V21-TXT-02).
      return diagnostics.some((d) => /^V(?:21|19)-TXT-02$/.test(d.code) && (problem.where === undefined || d.message.includes(problem.where.replace(/^[一二三四五六七八九十]+、/, ''))));
    case 'structure':
      return (
        (report.status === 'refused' && /部分的标题/.test(report.reason ?? '')) ||
        diagnostics.some((d) => d.code === 'EXTRACT-PART' || d.code === 'EXTRACT-HEADING' || d.code === 'EXTRACT-LAYOUT')
      );
    default:
      return false;
  }
}

/** Rule codes of the 勾稽 identities and cross-year rules of every built-in format. */
const SUM_CODES = new Set(
  builtInFormats.formats.flatMap((format) => [
    ...balanceRules(format.tables, format.balances, { advisories: true }).map((rule) => rule.code),
    ...format.crossYearRules,
  ]),
);

describe('audit of the published corpus', () => {
  let result: AuditResult;
  const reportOf = (fixture: Fixture) => result.reports.find((report) => report.name === fixture.source)!;

  beforeAll(async () => {
    result = await auditDocuments(readable.map((fixture) => ({ name: fixture.source, bytes: readFileSync(path.join(ROOT, fixture.source)) })));
  }, 120_000);

  it('reads the corpus: at least the ten reports of the first collection, one audited report each', () => {
    expect(readable.length).toBeGreaterThanOrEqual(7);
    expect(result.reports.map((report) => report.name)).toEqual(readable.map((fixture) => fixture.source));
    expect(result.inputProblems).toEqual([]);
    for (const report of result.reports) expect(report.status, `${report.name}: ${report.reason ?? ''}`).not.toBe('unreadable');
  });

  it('gives each year of one body the year before for the continuity checks', () => {
    const pingtan2023 = result.reports.find((report) => report.name.startsWith('cn-fujian-pingtan-2023/'))!;
    expect(pingtan2023.previous).toMatch(/^cn-fujian-pingtan-2022\//);
    const pingtan2021 = result.reports.find((report) => report.name.startsWith('cn-fujian-pingtan-2021/'))!;
    expect(pingtan2021.previous).toBeUndefined();
    // Another body of the same place (a 片区管理局 of 平潭) is not taken as the zone's.
    const jinjing = result.reports.find((report) => report.name.startsWith('cn-fujian-pingtan-jinjing-2023/'))!;
    expect(jinjing.previous).toBeUndefined();
  });

  for (const fixture of readable) {
    describe(fixture.id, () => {
      fixture.problems.forEach((problem, index) => {
        const key = `${fixture.id}#${index}`;
        const miss = KNOWN_MISSES[key];
        it(`${miss ? 'still misses (known)' : 'finds'} problem ${index} (${problem.kind}${problem.rule ? ` ${problem.rule}` : ''}${problem.where ? `, ${problem.where}` : ''})`, () => {
          expect(found(problem, reportOf(fixture)), miss ?? JSON.stringify(reportOf(fixture).diagnostics.map((d: Diagnostic) => `${d.code} ${joined(d.path)}`))).toBe(!miss);
        });
      });

      it('reports no 勾稽 or cross-year problem that problems.yaml does not list', () => {
        const listed = fixture.problems.filter((problem) => problem.kind === 'balance').map((problem) => `${problem.rule!.split(/\s/)[0]} ${problem.cell}`);
        const reported = reportOf(fixture)
          .diagnostics.filter((d) => SUM_CODES.has(d.code))
          .map((d) => `${d.code} ${joined(d.path)}`);
        expect(reported.filter((entry) => !listed.includes(entry))).toEqual([]);
      });
    });
  }

  it('every known miss names a problem of the corpus', () => {
    const keys = readable.flatMap((fixture) => fixture.problems.map((_, index) => `${fixture.id}#${index}`));
    expect(Object.keys(KNOWN_MISSES).filter((key) => !keys.includes(key))).toEqual([]);
  });

  it('has a reader for the form of every fixture', () => {
    expect(unreadForms.map((fixture) => fixture.source)).toEqual([]);
  });
});
