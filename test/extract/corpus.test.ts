/**
 * The real-report corpus (test/fixtures/published/, issue #15): every
 * `source.*` of every fixture that the document reader takes today is
 * extracted with `extractDocument`, and every cell of the fixture's
 * hand-typed tables.yaml must come back exactly — a number as printed, a
 * cell printed blank (or not printed: a row the report leaves out, the three
 * sub-rows of a one-row （六）其他处理) as blank. The target is 100 %.
 *
 * The cells extract does not recover yet are listed, each with what it gives,
 * in KNOWN_MISSES: the test fails when one of them is recovered (so the list
 * shrinks as extract improves) and when any other cell is missed.
 *
 * Every form of source is read: HTML pages, copied text, PDFs, DOCX.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { extractDocument, isUnreadable, readDocument } from '../../src/extract/index.js';

const FIXTURES_DIR = path.resolve('test/fixtures/published');


/**
 * Cells extract does not recover today, by `<fixture>/<source file>`: cell → what extract gives.
 * Measured on the corpus as committed; see the fixture README for why each is hard.
 */
const KNOWN_MISSES: Record<string, Record<string, number | null>> = {
  // Flattened text: the 行政规范性文件 row prints its three numbers as one run of digits (2021 “693665” for
  // 69 / 3 / 665; 2022 88 / 55 / 698; 2023 77 / 132 / 470; 2024 62 / 33 / 440; 2025 58 / 45 / 546) and
  // 表一 has no sum to decide the split: reported and left blank. The page of the same fixture
  // (source.html, the archived page.html) has the row cell by cell and gives back every cell.
  ...Object.fromEntries(
    ['cn-fujian-pingtan-2021', 'cn-fujian-pingtan-2022', 'cn-fujian-pingtan-2023', 'cn-fujian-pingtan-2024', 'cn-fujian-pingtan-2025'].map((id) => [
      `${id}/source.txt`,
      { 'proactive.nd_issued': null, 'proactive.nd_repealed': null, 'proactive.nd_in_force': null },
    ]),
  ),
  // Flattened text: 结转下年度 prints six digits for seven cells (商业企业 blank in page.html); any
  // of the seven may be the blank one, so the whole row is left blank (only 商业企业 is right). The page of
  // the same fixture (source.html) has the blank <td> and gives back every cell.
  ...Object.fromEntries(
    ['cn-fujian-pingtan-jinjing-2023', 'cn-fujian-pingtan-jinjing-2024'].map((id) => [
      `${id}/source.txt`,
      { 'requests.carry_out.np': null, 'requests.carry_out.res': null, 'requests.carry_out.ngo': null, 'requests.carry_out.law': null, 'requests.carry_out.oth': null, 'requests.carry_out.tot': null },
    ]),
  ),
};

/**
 * Documents extract refuses today (every cell counts as missed), by `<fixture>/<source file>`: a part of
 * the refusal message. None today: 上海市科委 2024, not laid out in the six mandated parts (see its
 * problems.yaml), is read loosely with G-05.
 */
const KNOWN_REFUSALS: Record<string, string> = {};

type Row = Record<string, number | null>;
interface Tables {
  proactive: Record<string, number | null>;
  requests: Record<string, Row>;
  review_litigation: Record<string, number | null>;
}

/** Every cell of tables.yaml as `table.row.column` (表二) or `table.key`, with its printed value. */
function cellsOf(tables: Tables): [string, number | null][] {
  return [
    ...Object.entries(tables.proactive).map(([key, value]) => [`proactive.${key}`, value] as [string, number | null]),
    ...Object.entries(tables.requests).flatMap(([row, cells]) => Object.entries(cells).map(([column, value]) => [`requests.${row}.${column}`, value] as [string, number | null])),
    ...Object.entries(tables.review_litigation).map(([key, value]) => [`review_litigation.${key}`, value] as [string, number | null]),
  ];
}

/** A cell of the extracted data (absent = blank). */
function valueAt(tables: unknown, cell: string): number | null {
  let node: unknown = tables;
  for (const key of cell.split('.')) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'number' ? node : null;
}

const fixtureIds = readdirSync(FIXTURES_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
const sources = fixtureIds.flatMap((id) =>
  readdirSync(path.join(FIXTURES_DIR, id)).filter((name) => /^source\.[a-z]+$/.test(name)).sort().map((file) => ({ id, file, extension: path.extname(file) })),
);
const readable = sources;

const tally = { documents: 0, cells: 0, recovered: 0 };
afterAll(() => {
  // The figure the target is measured by (printed for the report; asserted per document below).
  console.info(`corpus: ${tally.documents} documents, ${tally.recovered} of ${tally.cells} cells recovered exactly`);
});

describe('the real-report corpus', () => {
  it('has at least 15 reports, each with a source and its hand-typed tables', () => {
    expect(fixtureIds.length).toBeGreaterThanOrEqual(15);
    for (const id of fixtureIds) {
      expect(sources.filter((source) => source.id === id).length, id).toBeGreaterThan(0);
      const { tables } = parse(readFileSync(path.join(FIXTURES_DIR, id, 'tables.yaml'), 'utf8')) as { tables: Tables };
      expect(cellsOf(tables).length, id).toBeGreaterThanOrEqual(200);
    }
    // The known misses name documents of the corpus.
    for (const key of [...Object.keys(KNOWN_MISSES), ...Object.keys(KNOWN_REFUSALS)]) expect(readable.map((source) => `${source.id}/${source.file}`)).toContain(key);
  });

  it.each(readable.map((source) => [`${source.id}/${source.file}`, source] as const))('%s: every cell of tables.yaml comes back exactly', async (key, { id, file }) => {
    const folder = path.join(FIXTURES_DIR, id);
    const { tables } = parse(readFileSync(path.join(folder, 'tables.yaml'), 'utf8')) as { tables: Tables };
    const meta = parse(readFileSync(path.join(folder, 'meta.yaml'), 'utf8')) as { year: number; title: string };
    const result = await extractDocument(new Uint8Array(readFileSync(path.join(folder, file))), file);
    expect(result.unreadable).toBeUndefined();
    const cells = cellsOf(tables);
    tally.documents += 1;
    tally.cells += cells.length;
    if (key in KNOWN_REFUSALS) {
      expect(result.refusal).toContain(KNOWN_REFUSALS[key]);
      return;
    }
    expect(result.refusal).toBeUndefined();
    expect(result.data!.year).toBe(meta.year);
    // The report's own title, not a document name the preamble quotes (《…关于编制公布2021年政府信息公开工作年度报告有关事项的通知》).
    const compact = (title: unknown) => [title].flat().join('').replace(/\s+/g, '');
    expect(compact(result.data!.title)).toBe(compact(meta.title));
    const extracted = result.data!.tables;
    const misses = Object.fromEntries(cells.filter(([cell, value]) => valueAt(extracted, cell) !== value).map(([cell]) => [cell, valueAt(extracted, cell)]));
    tally.recovered += cells.length - Object.keys(misses).length;
    expect(misses).toEqual(KNOWN_MISSES[key] ?? {});
  });

});
