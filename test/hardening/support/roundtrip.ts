/**
 * The round-trip property, for one format: a random valid report, written as
 * a data file (YAML or JSON), validates without errors, composes, and builds
 * to DOCX and XLSX (and, for a seeded subset, PDF) whose every table value
 * reads back in the cell the mandated grid puts it in:
 *
 * - DOCX: the text of the cell at (row, col) of the logical grid rebuilt from
 *   the WordprocessingML is the printed value (e.g. 12, 3.50, 减3);
 * - XLSX: (v2021, v2019) `importWorkbook` — which checks every label and
 *   merge of the layout — gives back the very tables; and, read with exceljs
 *   (every legacy case, every 4th other one), the cell at the grid's address
 *   in the table's sheet holds the exact number;
 * - PDF: the numbers standing alone, in reading order, are the values in the
 *   tables' reading order.
 * Reading back parses the parts that hold the tables, so they are well-formed.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { expect } from 'vitest';
import { composeReport } from '../../../src/compose/compose.js';
import { createTemplateEnvironment } from '../../../src/compose/environment.js';
import { createFontCatalog } from '../../../src/fonts/catalog.js';
import { resolveFonts, type ResolvedFonts } from '../../../src/fonts/resolve.js';
import type { FormatDefinition, FormatId } from '../../../src/formats/format.js';
import { importWorkbook } from '../../../src/import/xlsx-import.js';
import { renderDocx } from '../../../src/render/docx.js';
import { renderPdf } from '../../../src/render/pdf.js';
import { renderXlsx } from '../../../src/render/xlsx.js';
import type { TableGrid } from '../../../src/tables/grid.js';
import { validateReportText } from '../../../src/validate/index.js';
import { arbitraryFor, expectedCells, type ReportData } from '../../helpers/arbitrary-reports.js';
import { docxCellMismatches, pdfValueRuns, readingOrder, xlsxCellMismatches } from './read-back.js';

/** The formats `xxgk import` and `importWorkbook` read back (legacy workbooks are written, not imported). */
const IMPORTABLE: readonly FormatId[] = ['v2021', 'v2019'];

const templates = createTemplateEnvironment();
let fonts: ResolvedFonts | undefined;
/** The bundled open fonts only, resolved once per test file, as on a clean CI machine. */
const pdfFonts = (): ResolvedFonts => (fonts ??= resolveFonts(createFontCatalog({ systemFontDirs: [], fontconfig: false })));

export interface Built {
  data: ReportData;
  format: FormatDefinition<unknown>;
  document: ReturnType<typeof composeReport>;
  /** The tables the document prints, in order. */
  grids: readonly TableGrid[];
  expected: ReturnType<typeof expectedCells>;
}

/** Writes the data as a file would hold it, validates it (no errors allowed) and composes it. */
export function validateAndCompose(data: ReportData, formatId: FormatId, asYaml: boolean): Built {
  const text = asYaml ? stringify(data) : JSON.stringify(data, null, 2);
  const validation = validateReportText(text, asYaml ? 'report.yaml' : 'report.json');
  const errors = validation.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map((diagnostic) => `[${diagnostic.code}] ${diagnostic.message}`);
  expect(errors, 'a generated report must validate without errors').toEqual([]);
  expect(validation.format?.id).toBe(formatId);
  const format = validation.format as FormatDefinition<unknown>;
  const document = composeReport(validation.report, format, { templates });
  const printed = document.blocks.flatMap((block) => (block.kind === 'table' ? [block.grid] : []));
  return { data, format, document, grids: printed, expected: expectedCells(data, printed) };
}

/** Cases read back with exceljs as well as with the importer (v2021, v2019): one in this many. Legacy: every case. */
const EXCELJS_EVERY = 4;
let checked = 0;

export async function checkDocxAndXlsx(built: Built, formatId: FormatId): Promise<void> {
  const { grids } = built;
  // Reading back parses the parts that hold the tables (a malformed one throws); every part of
  // packages with random text is checked by the Unicode property (unicode.property.test.ts).
  const docx = await renderDocx(built.document);
  expect(await docxCellMismatches(docx, built.expected)).toEqual([]);

  const xlsx = await renderXlsx(built.document);
  const importable = IMPORTABLE.includes(formatId);
  if (importable) {
    // The importer checks every label and merge of the mandated layout, then reads each value cell at its address.
    const imported = importWorkbook(xlsx, { formats: [built.format] });
    expect(imported.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    expect(imported.data.tables).toEqual(built.data.tables);
    // The information fee rides in 报告信息 (issue #12).
    expect(imported.data.fee).toEqual(built.data.fee);
  }
  if (!importable || checked++ % EXCELJS_EVERY === 0) {
    expect(await xlsxCellMismatches(xlsx, grids, built.expected)).toEqual([]);
  }
}

export async function checkPdf(built: Built): Promise<void> {
  const { grids } = built;
  const result = await renderPdf(built.document, { fonts: pdfFonts(), creationDate: new Date('2025-01-20T00:00:00Z') });
  expect(result.warnings.filter((warning) => warning.code === 'FONT-MISSING-GLYPHS')).toEqual([]);
  expect(await pdfValueRuns(result.bytes)).toEqual(readingOrder(built.expected, grids));
}

/** Whether a case is written as YAML (else JSON): both loaders are exercised. */
const asYaml = fc.boolean();

export async function roundTripDocxXlsx(formatId: FormatId, runs: number, seed: number): Promise<void> {
  if (runs === 0) return;
  await fc.assert(
    fc.asyncProperty(arbitraryFor(formatId), asYaml, async (data, yaml) => {
      await checkDocxAndXlsx(validateAndCompose(data, formatId, yaml), formatId);
    }),
    // A failure is reported with its seed and path for replay; shrinking hundreds of builds would outlast CI.
    { numRuns: runs, seed, endOnFailure: true },
  );
}

export async function roundTripPdf(formatId: FormatId, runs: number, seed: number): Promise<void> {
  if (runs === 0) return;
  await fc.assert(
    fc.asyncProperty(arbitraryFor(formatId), asYaml, async (data, yaml) => {
      await checkPdf(validateAndCompose(data, formatId, yaml));
    }),
    { numRuns: runs, seed, endOnFailure: true },
  );
}

