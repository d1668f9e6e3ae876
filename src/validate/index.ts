/**
 * Validation end to end: load the data file, pick the format, run its schema
 * and 勾稽 rules, and give every diagnostic a source position. No state is
 * kept between calls.
 *
 *   const { report, format, diagnostics } = await validateReportFile('report.yaml', { previousPath: '2023.yaml' });
 */
import { blankCellsAsZero, isPublishedData } from '../formats/common/published.js';
import { withLayoutFor, type RuleContext } from '../formats/format.js';
import { builtInFormats, type AnyReport } from '../formats/index.js';
import type { AnyFormat, FormatRegistry } from '../formats/registry.js';
import { loadReportFile, loadReportText, nearestRangeOf, parseReport, type LoadResult } from '../io/load.js';
import { dropEmptyOptionalValues, schemaAt } from '../io/schema-messages.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { checkBalances } from './balances.js';
import { placeOfPath, type PlaceSource } from './place.js';

export { STATUTORY_DEADLINES as DEFAULT_DEADLINES, type MonthDay } from '../formats/common/deadlines.js';
export {
  diagnosticToJson,
  formatDiagnostic,
  hasErrors,
  type Diagnostic,
  type Place,
  type PlaceRef,
  type Position,
  type RelatedPlace,
  type Severity,
  type Stage,
} from '../diagnostics/diagnostic.js';
export { placeOfPath, type PlaceSource } from './place.js';
export { createFormatRegistry, describeYears, type AnyFormat, type FormatRegistry } from '../formats/registry.js';
export * from '../formats/index.js';

export interface ValidateOptions {
  /** Last year's data file, which turns on the cross-year rules (V21-T1-02, V21-T1-03, V21-T2-04; V19-T1-05, V19-T2-04). */
  previous?: { text: string; fileName: string };
  /** Publication deadlines per organisation level for rule G-07. */
  deadlines?: RuleContext['deadlines'];
  /** The formats to choose from (default: the built-in ones). */
  formats?: FormatRegistry;
}

export interface ValidateFileOptions {
  previousPath?: string;
  deadlines?: RuleContext['deadlines'];
  formats?: FormatRegistry;
}

export interface ValidateResult {
  /** The report with defaults applied, whenever it passed the schema (rule errors may still be present). */
  report?: AnyReport;
  /** The format the report was validated against (chosen by `format` or by `year`, spec §1). */
  format?: AnyFormat;
  /** Sorted by source line; diagnostics without a line come last. */
  diagnostics: Diagnostic[];
}

/** Whether a diagnostic is about the file `fileName` (one that names no file is about the file at hand). */
const isAbout = (diagnostic: Diagnostic, fileName: string | undefined): boolean =>
  fileName === undefined || diagnostic.file === undefined || diagnostic.file === fileName;

/**
 * Gives every diagnostic of this file with a data path a start and end in the
 * source: the value's, else the key of the nearest written ancestor.
 * Diagnostics about another file are left alone.
 */
export function attachPositions(
  diagnostics: readonly Diagnostic[],
  load: Pick<LoadResult, 'rangeOf' | 'keyRangeOf'> & { fileName?: string },
): Diagnostic[] {
  return diagnostics.map((diagnostic) => {
    if (diagnostic.start !== undefined || diagnostic.path.length === 0 || !isAbout(diagnostic, load.fileName)) return diagnostic;
    const range = nearestRangeOf(load, diagnostic.path);
    return range ? { ...diagnostic, start: range.start, end: range.end } : diagnostic;
  });
}

/** Gives every diagnostic of this file the table cell, row, table or narrative part its data path names. */
export function attachPlaces(diagnostics: readonly Diagnostic[], source: PlaceSource, load?: Pick<LoadResult, 'raw' | 'fileName'>): Diagnostic[] {
  return diagnostics.map((diagnostic) => {
    if (diagnostic.place !== undefined || !isAbout(diagnostic, load?.fileName)) return diagnostic;
    const place = placeOfPath(source, diagnostic.path, load?.raw);
    return place ? { ...diagnostic, place } : diagnostic;
  });
}

/** The file, source range and place of every diagnostic of a loaded file that does not have them yet. */
function locate(diagnostics: readonly Diagnostic[], load: LoadResult, format: AnyFormat | undefined): Diagnostic[] {
  const withFile = diagnostics.map((diagnostic) => (diagnostic.file === undefined ? { ...diagnostic, file: load.fileName } : diagnostic));
  const positioned = attachPositions(withFile, load);
  return format ? attachPlaces(positioned, format, load) : positioned;
}

/**
 * Stable sort by line then column; diagnostics without a position, and those
 * about another file than `fileName` (last year's), keep their order at the end.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[], fileName?: string): Diagnostic[] {
  const startOf = (diagnostic: Diagnostic) => (isAbout(diagnostic, fileName) ? diagnostic.start : undefined);
  return diagnostics
    .map((diagnostic, index) => ({ diagnostic, index, start: startOf(diagnostic) }))
    .sort((a, b) => {
      const la = a.start?.line ?? Infinity;
      const lb = b.start?.line ?? Infinity;
      if (la !== lb) return la - lb;
      const ca = a.start?.column ?? 0;
      const cb = b.start?.column ?? 0;
      return ca !== cb ? ca - cb : a.index - b.index;
    })
    .map(({ diagnostic }) => diagnostic);
}

interface Parsed {
  load: LoadResult;
  format?: AnyFormat;
  report?: AnyReport;
  /** The data the schema was run on (blank cells of a published report read as 0). */
  prepared?: unknown;
  diagnostics: Diagnostic[];
}

/**
 * Picks the format from the registry (`format`, else `year`), reads blank
 * cells of a published report as 0 (G-02 warnings), and runs the format's
 * schema with its tables, so that cells are named as that format prints them.
 */
function parseLoaded(load: LoadResult, formats: FormatRegistry): Parsed {
  const selection = formats.select(load.raw);
  // The tables as this report prints them (a published report may differ from the format's).
  const format = selection.format ? withLayoutFor(selection.format, load.raw) : undefined;
  if (!format) return { load, diagnostics: locate([...load.diagnostics, ...selection.diagnostics], load, undefined) };
  const blanks = blankCellsAsZero(load.raw, format.tables);
  const prepared: LoadResult = blanks.raw === load.raw ? load : { ...load, raw: blanks.raw };
  const parsed = parseReport<AnyReport>(prepared, format.schema as AnyFormat['schema'], {
    tables: format.tables.map((grid) => grid.definition),
  });
  return {
    load,
    format,
    prepared: prepared.raw,
    ...(parsed.value ? { report: parsed.value } : {}),
    diagnostics: locate([...load.diagnostics, ...selection.diagnostics, ...blanks.diagnostics, ...parsed.diagnostics], load, format),
  };
}

const isPrefix = (prefix: readonly (string | number)[], path: readonly (string | number)[]): boolean =>
  prefix.length <= path.length && prefix.every((segment, i) => String(segment) === String(path[i]));

/**
 * When the report as a whole fails its schema, the tables that pass their own
 * part of the schema are still checked against their balance rules, so one
 * run shows a misspelt key in one part and a wrong 总计 in another. A table
 * with any schema error in it (or above it) is left out: no sum is checked on
 * data the schema did not accept.
 */
function balancesOfParsedTables(prepared: unknown, format: AnyFormat, schemaErrors: readonly Diagnostic[], published: boolean): Diagnostic[] {
  const errors = schemaErrors.filter((d) => d.severity === 'error');
  const partial: Record<string, unknown> = {};
  let any = false;
  for (const grid of format.tables) {
    const dataPath = grid.definition.dataPath;
    if (errors.some((d) => isPrefix(d.path, dataPath) || isPrefix(dataPath, d.path))) continue;
    const schema = schemaAt(format.schema as Parameters<typeof schemaAt>[0], dataPath);
    const data = dataPath.reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), prepared);
    if (!schema || data === undefined || data === null) continue;
    const parsed = (schema as unknown as { safeParse(value: unknown, params?: object): { success: boolean; data?: unknown } }).safeParse(
      dropEmptyOptionalValues(data, schema),
      { reportInput: true },
    );
    if (!parsed.success) continue;
    let node = partial;
    dataPath.slice(0, -1).forEach((part) => (node = (node[part] ??= {}) as Record<string, unknown>));
    node[dataPath.at(-1)!] = parsed.data;
    any = true;
  }
  return any ? checkBalances(partial, format, { published }) : [];
}

/**
 * Problems in last year's file keep that file, their own start, end, data
 * path and place; they are listed with the current file's problems, so the
 * message starts with 上年报告： and names the file and line (printers show
 * no position for a diagnostic about another file).
 */
function asPreviousYear(diagnostic: Diagnostic, fileName: string): Diagnostic {
  const start = diagnostic.file === fileName ? diagnostic.start : undefined;
  const where = start !== undefined ? `（${fileName} 第 ${start.line} 行第 ${start.column} 列）` : `（${fileName}）`;
  return { ...diagnostic, file: fileName, message: `上年报告：${diagnostic.message}${where}` };
}

/** Validates already-loaded data; `previous` is last year's loaded file. */
export function validateLoaded(
  load: LoadResult,
  options: { previous?: LoadResult; deadlines?: RuleContext['deadlines']; formats?: FormatRegistry } = {},
): ValidateResult {
  const formats = options.formats ?? builtInFormats;
  const current = parseLoaded(load, formats);
  const diagnostics = [...current.diagnostics];

  let previousReport: AnyReport | undefined;
  if (options.previous) {
    const previous = parseLoaded(options.previous, formats);
    diagnostics.push(...previous.diagnostics.map((d) => asPreviousYear(d, options.previous!.fileName)));
    previousReport = previous.report;
    const rules = current.format ? current.format.crossYearRules.join('、') : '';
    if (previousReport && current.report && previous.format && current.format && previous.format.id !== current.format.id) {
      diagnostics.push({
        code: 'PREVIOUS-FORMAT',
        severity: 'warning',
        stage: 'rules',
        file: options.previous.fileName,
        path: [],
        message:
          `上年报告：所给文件是 ${previous.format.id} 格式的报告，本报告是 ${current.format.id} 格式，两种格式的表格不同，` +
          `跨年勾稽检查${rules ? `（${rules}）` : ''}未执行（${options.previous.fileName}）`,
      });
      previousReport = undefined;
    } else if (previousReport && current.report && previousReport.year !== current.report.year - 1) {
      diagnostics.push({
        code: 'PREVIOUS-YEAR',
        severity: 'warning',
        stage: 'rules',
        file: options.previous.fileName,
        path: [],
        message:
          `上年报告：所给文件是 ${previousReport.year} 年度的报告，不是 ${current.report.year - 1} 年度的，` +
          `跨年勾稽检查${rules ? `（${rules}）` : ''}未执行（${options.previous.fileName}）`,
      });
      previousReport = undefined;
    }
  }

  if (current.report && current.format) {
    const context = {
      ...(previousReport ? { previous: previousReport } : {}),
      ...(options.deadlines ? { deadlines: options.deadlines } : {}),
    };
    // The report was parsed by this very format's schema, so it is this format's report type.
    const check = current.format.check as (report: AnyReport, context: object) => Diagnostic[];
    diagnostics.push(...locate(check(current.report, context), load, current.format));
    // The 勾稽 identities the format carries as data.
    diagnostics.push(...locate(checkBalances(current.report, current.format, { published: isPublishedData(load.raw) }), load, current.format));
  }

  if (!current.report && current.format && current.prepared !== undefined) {
    diagnostics.push(
      ...locate(balancesOfParsedTables(current.prepared, current.format, current.diagnostics, isPublishedData(load.raw)), load, current.format),
    );
  }

  return {
    ...(current.report && current.format ? { report: current.report, format: current.format } : {}),
    diagnostics: sortDiagnostics(diagnostics, load.fileName),
  };
}

/** Validates a report given as text; `fileName` decides YAML vs JSON wording. */
export function validateReportText(text: string, fileName: string, options: ValidateOptions = {}): ValidateResult {
  const load = loadReportText(text, fileName);
  const previous = options.previous ? loadReportText(options.previous.text, options.previous.fileName) : undefined;
  return validateLoaded(load, {
    ...(previous ? { previous } : {}),
    ...(options.deadlines ? { deadlines: options.deadlines } : {}),
    ...(options.formats ? { formats: options.formats } : {}),
  });
}

/** Validates a report file. Throws ReportReadError when a file cannot be read (the CLI exits with 2). */
export async function validateReportFile(path: string, options: ValidateFileOptions = {}): Promise<ValidateResult> {
  const load = await loadReportFile(path);
  const previous = options.previousPath ? await loadReportFile(options.previousPath) : undefined;
  return validateLoaded(load, {
    ...(previous ? { previous } : {}),
    ...(options.deadlines ? { deadlines: options.deadlines } : {}),
    ...(options.formats ? { formats: options.formats } : {}),
  });
}
