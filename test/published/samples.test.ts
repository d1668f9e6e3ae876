/**
 * Real published reports as data files (issue #12): every samples/published/<id>.yaml
 * is the report of test/fixtures/published/<id>/ (same id, both ways) typed as a
 * `source: published` data file.
 *
 * Checked against the fixture, independently of the code under test:
 * - the file has the published-mode shape (source, year, organization, title,
 *   preamble, the six narrative parts, the three tables, optional fee/signature);
 * - its tables are the fixture's tables.yaml cell for cell (a report printing
 *   （六）其他处理 as one row writes `other` instead of its three sub-rows, whose
 *   tables.yaml cells are then null: not printed);
 * - its title, preamble, headings and paragraphs occur in the fixture's source
 *   (the archived page text, or the text of the PDF read with pdfjs), in order.
 *
 * Built with the library (prepareBuild, as `xxgk build --force` does for the
 * reports with 勾稽 errors) to DOCX and PDF:
 * - both hold the title as printed, the preamble, every heading and paragraph
 *   and every table number, in order (DOCX: word/document.xml; PDF: the text
 *   pdfjs extracts, pages joined without their page numbers);
 * - the fixture's `balance` problems are reported as errors on their cells and
 *   nothing else is an error. Cross-year problems (V21-T1-02, a WARN that needs
 *   last year's file) are not errors of a single report: validated with the
 *   same body's sample of the year before, exactly those are reported, as
 *   warnings on their cells.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { prepareBuild } from '../../src/build.js';
import { validateReportFile } from '../../src/validate/index.js';
import { createFontCatalog } from '../../src/fonts/catalog.js';
import { resolveFonts, type ResolvedFonts } from '../../src/fonts/resolve.js';
import { normalize } from '../fixtures/seeds/seeds.js';
import { blocksText, docxBlocks, expectInOrder, missingInOrder } from '../seeds/extract.js';

const SAMPLES_DIR = path.resolve('samples/published');
const FIXTURES_DIR = path.resolve('test/fixtures/published');

const sampleIds = readdirSync(SAMPLES_DIR).filter((name) => name.endsWith('.yaml')).map((name) => name.slice(0, -'.yaml'.length)).sort();
const fixtureIds = readdirSync(FIXTURES_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

type Block = string | { heading: string; text?: string; body?: Block[] };
type Row = Record<(typeof COLUMNS)[number], number | null>;
interface Sample {
  source: string;
  year: number;
  organization: { name: string; level: string };
  title: string | string[];
  preamble: string[];
  narrative: Record<(typeof PARTS)[number], Block[]>;
  signature?: { name?: string; date: string };
  tables: {
    proactive: Record<string, number | null>;
    requests: Record<string, Row>;
    review_litigation: Record<string, number | null>;
  };
  fee?: { count: number; amount_yuan: number };
}
interface Problem {
  kind: string;
  rule?: string;
  cell?: string;
  /** For a text-vs-table problem: the table cells the text disagrees with, and their printed values. */
  cells?: Record<string, number>;
  /** For a cross-year problem: the fixture of the year before. */
  previous?: string;
}

const PARTS = ['overview', 'proactive', 'requests', 'review_litigation', 'problems', 'other'] as const;
const COLUMNS = ['np', 'biz', 'res', 'ngo', 'law', 'oth', 'tot'] as const;
const OTHER_ROWS = ['other_nocorrect', 'other_nofee', 'other_other'];
/** 表二 rows in printed order (spec §3.4); the three （六） sub-rows or the single `other` row. */
const REQUEST_ROWS = [
  'new', 'carry_in', 'granted', 'partial',
  'deny_secret', 'deny_law', 'deny_safety', 'deny_third', 'deny_internal', 'deny_process', 'deny_enforce', 'deny_query',
  'unable_nohold', 'unable_create', 'unable_unclear',
  'nproc_petition', 'nproc_repeat', 'nproc_publication', 'nproc_massive', 'nproc_confirm',
  ...OTHER_ROWS, 'total', 'carry_out',
];
const PROACTIVE_KEYS = [
  'reg_issued', 'reg_repealed', 'reg_in_force', 'nd_issued', 'nd_repealed', 'nd_in_force',
  'license_decisions', 'penalty_decisions', 'coercion_decisions', 'fee_amount_wan',
];
const REVIEW_KEYS = ['rv', 'lit_direct', 'lit_after'].flatMap((group) => ['keep', 'correct', 'other', 'pending', 'total'].map((result) => `${group}_${result}`));

const readSample = (id: string): Sample => parse(readFileSync(path.join(SAMPLES_DIR, `${id}.yaml`), 'utf8')) as Sample;
const readFixture = <T>(id: string, file: string): T => parse(readFileSync(path.join(FIXTURES_DIR, id, file), 'utf8')) as T;

/** Title lines, preamble, then each part's headings, run-in texts and paragraphs, in printed order (tables not included). */
function textLines(sample: Sample): { head: string[]; parts: Record<(typeof PARTS)[number], string[]> } {
  const walk = (blocks: Block[]): string[] =>
    blocks.flatMap((block) => (typeof block === 'string' ? [block] : [block.heading, ...(block.text !== undefined ? [block.text] : []), ...walk(block.body ?? [])]));
  const title = typeof sample.title === 'string' ? [sample.title] : sample.title;
  return {
    head: [...title, ...sample.preamble],
    parts: Object.fromEntries(PARTS.map((part) => [part, walk(sample.narrative[part])])) as Record<(typeof PARTS)[number], string[]>,
  };
}

/** The numbers of the three tables in printed order, as written (a null cell is printed as 0). */
function tableNumbers(sample: Sample): { t1: string[]; t2: string[]; t3: string[] } {
  const show = (value: number | null | undefined) => String(value ?? 0);
  const { proactive, requests, review_litigation: review } = sample.tables;
  const rows = REQUEST_ROWS.flatMap((row) => (OTHER_ROWS.includes(row) && requests.other ? (row === OTHER_ROWS[0] ? ['other'] : []) : [row]));
  return {
    t1: PROACTIVE_KEYS.map((key) => show(proactive[key])),
    t2: rows.flatMap((row) => COLUMNS.map((column) => show(requests[row]![column]))),
    t3: REVIEW_KEYS.map((key) => show(review[key])),
  };
}

/** What the built report must contain, in order: text, then each part with its table after its text. */
function expectedLines(sample: Sample): string[] {
  const { head, parts } = textLines(sample);
  const numbers = tableNumbers(sample);
  return [
    ...head,
    ...parts.overview,
    ...parts.proactive, ...numbers.t1,
    ...parts.requests, ...numbers.t2,
    ...parts.review_litigation, ...numbers.t3,
    ...parts.problems,
    ...parts.other,
  ];
}

/** The fixture's source as text: the archived page, or what pdfjs reads from the PDF without its “-1-” page numbers. */
async function sourceText(id: string): Promise<string> {
  const folder = path.join(FIXTURES_DIR, id);
  const files = readdirSync(folder);
  if (files.includes('source.pdf')) {
    return pdfText(new Uint8Array(await readFile(path.join(folder, 'source.pdf'))));
  }
  return readFile(path.join(folder, 'source.txt'), 'utf8');
}

/**
 * The text pdfjs extracts from a PDF (for copy and search), page by page, each
 * page without its printed page number (“— 2 —”, at the start or the end of the
 * page's text), the pages joined.
 */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: Uint8Array.from(bytes), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    // Items joined with a space: adjacent table cells stay separate numbers (whitespace is ignored when comparing text).
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
    pages.push(text.replace(/^\s*[—-]\s*\d+\s*[—-]\s*/u, '').replace(/\s*[—-]\s*\d+\s*[—-]\s*$/u, ''));
  }
  await document.destroy();
  return pages.join('');
}

/** The same body's report of the year before, when the corpus has it: cn-fujian-pingtan-2023 → cn-fujian-pingtan-2022. */
function previousOf(id: string): string | undefined {
  const match = /^(.*)-(\d{4})$/.exec(id);
  const previous = match ? `${match[1]}-${Number(match[2]) - 1}` : undefined;
  return previous !== undefined && sampleIds.includes(previous) ? previous : undefined;
}

const CROSS_YEAR_CODES = ['V21-T1-02', 'V21-T1-03', 'V21-T2-04'];

const balanceErrors = (problems: Problem[]): string[] =>
  problems.filter((problem) => problem.kind === 'balance' && !/cross-year/.test(problem.rule ?? '')).map((problem) => problem.cell!).sort();

let fonts: ResolvedFonts;
beforeAll(() => {
  fonts = resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false }));
});

describe('samples/published ↔ test/fixtures/published', () => {
  it('has one data file per fixture report and nothing else, with the same id', () => {
    expect(sampleIds.length).toBeGreaterThanOrEqual(9);
    expect(sampleIds).toEqual(fixtureIds);
  });

  it('has four series of consecutive years (平潭 2021–2025, 海坛片区 2021–2025, 金井片区 2023–2024, 洪泽区 2023–2024)', () => {
    expect(SERIES.map(([id]) => id)).toEqual([
      'cn-fujian-pingtan-2022', 'cn-fujian-pingtan-2023', 'cn-fujian-pingtan-2024', 'cn-fujian-pingtan-2025',
      'cn-fujian-pingtan-haitan-2022', 'cn-fujian-pingtan-haitan-2023', 'cn-fujian-pingtan-haitan-2024', 'cn-fujian-pingtan-haitan-2025',
      'cn-fujian-pingtan-jinjing-2024', 'cn-jiangsu-hongze-district-2024',
    ]);
  });
});

describe.each(sampleIds)('published sample %s', (id) => {
  const sample = readSample(id);
  const meta = readFixture<{ year: number; level: string }>(id, 'meta.yaml');
  const { tables: fixtureTables } = readFixture<{ tables: Sample['tables'] }>(id, 'tables.yaml');
  const { problems } = readFixture<{ problems: Problem[] }>(id, 'problems.yaml');

  it('has the published-mode shape and the fixture’s year and kind of body', () => {
    expect(Object.keys(sample).filter((key) => !['source', 'year', 'organization', 'title', 'preamble', 'narrative', 'signature', 'tables', 'fee'].includes(key))).toEqual([]);
    expect(sample.source).toBe('published');
    expect(sample.year).toBe(meta.year);
    expect(sample.organization.level).toBe(meta.level);
    expect(['人民政府', '部门', '乡镇街道', '其他']).toContain(sample.organization.level);
    expect(sample.organization.name.length).toBeGreaterThan(0);
    const title = typeof sample.title === 'string' ? [sample.title] : sample.title;
    expect(title.every((line) => typeof line === 'string' && line.length > 0)).toBe(true);
    expect(sample.preamble.length).toBeGreaterThan(0);
    expect(Object.keys(sample.narrative)).toEqual([...PARTS]);
    const checkBlock = (block: Block): void => {
      if (typeof block === 'string') return void expect(block.length).toBeGreaterThan(0);
      expect(Object.keys(block).every((key) => ['heading', 'text', 'body'].includes(key))).toBe(true);
      // A sub-heading is written without its number (（一）/1./（1） are generated).
      expect(block.heading).not.toMatch(/^\s*(（[一二三四五六七八九十]+）|\d+[.．、]|（\d+）)/u);
      (block.body ?? []).forEach(checkBlock);
    };
    for (const part of PARTS) sample.narrative[part].forEach(checkBlock);
    if (sample.fee) expect(Object.keys(sample.fee).sort()).toEqual(['amount_yuan', 'count']);
  });

  it('has the fixture’s tables cell for cell', () => {
    expect(sample.tables.proactive).toEqual(fixtureTables.proactive);
    expect(sample.tables.review_litigation).toEqual(fixtureTables.review_litigation);
    const { other, ...rows } = sample.tables.requests;
    // tables.yaml may hold the one printed （六）其他处理 row as `other` too (the newer fixtures do).
    const { other: fixtureOther, ...expected } = fixtureTables.requests;
    if (fixtureOther) expect(other).toEqual(fixtureOther);
    if (other) {
      // The three sub-rows were not printed: tables.yaml has them as null.
      for (const row of OTHER_ROWS) expect(Object.values(expected[row]!).every((value) => value === null), row).toBe(true);
      for (const row of OTHER_ROWS) delete expected[row];
      expect(Object.values(other).every((value) => typeof value === 'number')).toBe(true);
      // The single row takes the place of the three in the column sums (V21-T2-02 holds in the reports that print
      // it so, except in the columns whose （七）总计 the fixture lists as a V21-T2-02 fault).
      const outcomes = REQUEST_ROWS.filter((row) => !['new', 'carry_in', 'total', 'carry_out', ...OTHER_ROWS].includes(row));
      const misprinted = problems.filter((problem) => problem.kind === 'balance' && problem.rule === 'V21-T2-02').map((problem) => problem.cell);
      for (const column of COLUMNS.filter((column) => !misprinted.includes(`tables.requests.total.${column}`))) {
        const sum = outcomes.reduce((total, row) => total + (rows[row]![column] ?? 0), 0) + (other[column] ?? 0);
        expect(sum, column).toBe(rows.total![column]);
      }
    }
    expect(rows).toEqual(expected);
  });

  it('copies its text from the fixture’s source, in order', async () => {
    const { head, parts } = textLines(sample);
    const lines = [...head, ...PARTS.flatMap((part) => parts[part])];
    const source = await sourceText(id);
    expect(missingInOrder(lines, source)).toEqual([]);
    // Guard: the comparison is not vacuous.
    expect(missingInOrder(['这一行不在任何报告中'], source)).toHaveLength(1);
    expect(normalize(lines.join('')).length).toBeGreaterThan(1000);
  });

  describe('built to DOCX and PDF', () => {
    const expectedErrors = balanceErrors(problems);
    let built: Awaited<ReturnType<typeof prepareBuild>>;
    beforeAll(async () => {
      built = await prepareBuild(path.join(SAMPLES_DIR, `${id}.yaml`), {
        outputs: ['docx', 'pdf'],
        pdf: { fonts, creationDate: new Date('2025-01-20T00:00:00Z') },
        force: expectedErrors.length > 0,
      });
    }, 120_000);

    it('reports the fixture’s 勾稽 errors on their cells, and no other error', () => {
      const errors = built.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
      expect(errors.map((error) => error.path.join('.')).sort(), errors.map((error) => error.message).join('\n')).toEqual(expectedErrors);
      expect(built.refused).toBeUndefined();
      expect(built.outputs).toHaveLength(2);
    });

    it('warns where the text disagrees with the tables (V21-TXT-01), on a cell the fixture lists, and nowhere else', () => {
      const listed = problems.filter((problem) => problem.kind === 'text-vs-table').flatMap((problem) => Object.keys(problem.cells ?? {}));
      const warnings = built.diagnostics.filter((diagnostic) => diagnostic.code === 'V21-TXT-01');
      if (listed.length === 0) {
        expect(warnings.map((warning) => warning.message)).toEqual([]);
        return;
      }
      expect(warnings.length).toBeGreaterThan(0);
      for (const warning of warnings) {
        expect(warning.severity).toBe('warning');
        expect(warning.place?.part, warning.message).toBeDefined();
        expect(listed, warning.message).toContain(warning.related?.path.join('.'));
      }
    });

    it('DOCX holds the title, preamble, every heading, paragraph and table number, in order', async () => {
      const text = blocksText(await docxBlocks(built.outputs[0]!.bytes));
      expectInOrder(expectedLines(sample), text);
    });

    it('PDF holds the title, preamble, every heading, paragraph and table number, in order', async () => {
      const text = await pdfText(built.outputs[1]!.bytes);
      expectInOrder(expectedLines(sample), text);
    });
  });
});

/** Samples whose body's report of the year before is in the corpus, with that report. */
const SERIES = sampleIds.flatMap((id) => {
  const previous = previousOf(id);
  return previous === undefined ? [] : [[id, previous] as const];
});

describe.each(SERIES)('published sample %s after %s', (id, previous) => {
  const { problems } = readFixture<{ problems: Problem[] }>(id, 'problems.yaml');

  it('with last year’s sample, reports the fixture’s cross-year problems as warnings on their cells, and no other', async () => {
    const crossYear = problems.filter((problem) => /cross-year/.test(problem.rule ?? ''));
    for (const problem of crossYear) expect(problem.previous).toBe(previous);
    const validation = await validateReportFile(path.join(SAMPLES_DIR, `${id}.yaml`), { previousPath: path.join(SAMPLES_DIR, `${previous}.yaml`) });
    const found = validation.diagnostics.filter((diagnostic) => CROSS_YEAR_CODES.includes(diagnostic.code));
    expect(found.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    expect(found.map((diagnostic) => `${diagnostic.code} ${diagnostic.path.join('.')}`).sort()).toEqual(
      crossYear.map((problem) => `${problem.rule!.split(' ')[0]} ${problem.cell}`).sort(),
    );
  });
});
