/**
 * Validation end to end: load the data file, pick the format, run its schema
 * and 勾稽 rules, and give every diagnostic a source position. No state is
 * kept between calls.
 *
 *   const { report, format, diagnostics } = await validateReportFile('report.yaml', { previousPath: '2023.yaml' });
 */
import { blankCellsAsZero, isPublishedData } from '../formats/common/published.js';
import type { RuleContext } from '../formats/format.js';
import { builtInFormats, type AnyReport } from '../formats/index.js';
import type { AnyFormat, FormatRegistry } from '../formats/registry.js';
import type { TableGrid } from '../tables/grid.js';
import { loadReportFile, loadReportText, nearestPositionOf, parseReport, type LoadResult } from '../io/load.js';
import { checkBalances } from './balances.js';
import type { Diagnostic } from './diagnostic.js';

export { STATUTORY_DEADLINES as DEFAULT_DEADLINES, type MonthDay } from '../formats/common/deadlines.js';
export { formatDiagnostic, hasErrors, type Diagnostic, type Severity } from './diagnostic.js';
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

/** Gives every diagnostic with a data path a line/column from the source (the nearest written ancestor when absent). */
export function attachPositions(diagnostics: readonly Diagnostic[], load: Pick<LoadResult, 'positionOf' | 'keyPositionOf'>): Diagnostic[] {
  return diagnostics.map((diagnostic) => {
    if (diagnostic.line !== undefined || diagnostic.path.length === 0) return diagnostic;
    const position = nearestPositionOf(load, diagnostic.path);
    return position ? { ...diagnostic, line: position.line, column: position.column } : diagnostic;
  });
}

/** Stable sort by line then column; diagnostics without a position keep their order at the end. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((diagnostic, index) => ({ diagnostic, index }))
    .sort((a, b) => {
      const la = a.diagnostic.line ?? Infinity;
      const lb = b.diagnostic.line ?? Infinity;
      if (la !== lb) return la - lb;
      const ca = a.diagnostic.column ?? 0;
      const cb = b.diagnostic.column ?? 0;
      return ca !== cb ? ca - cb : a.index - b.index;
    })
    .map(({ diagnostic }) => diagnostic);
}

interface Parsed {
  load: LoadResult;
  format?: AnyFormat;
  report?: AnyReport;
  diagnostics: Diagnostic[];
}

/**
 * Picks the format from the registry (`format`, else `year`), reads blank
 * cells of a published report as 0 (G-02 warnings), and runs the format's
 * schema with its tables, so that cells are named as that format prints them.
 */
function parseLoaded(load: LoadResult, formats: FormatRegistry): Parsed {
  const selection = formats.select(load.raw);
  const selectionDiagnostics = attachPositions(selection.diagnostics, load);
  const format = selection.format;
  if (!format) return { load, diagnostics: [...load.diagnostics, ...selectionDiagnostics] };
  const blanks = blankCellsAsZero(load.raw, format.tables);
  const prepared: LoadResult = blanks.raw === load.raw ? load : { ...load, raw: blanks.raw };
  const parsed = parseReport<AnyReport>(prepared, format.schema as AnyFormat['schema'], {
    tables: format.tables.map((grid: TableGrid) => grid.definition),
  });
  return {
    load,
    format,
    ...(parsed.value ? { report: parsed.value } : {}),
    diagnostics: [...load.diagnostics, ...selectionDiagnostics, ...attachPositions(blanks.diagnostics, load), ...parsed.diagnostics],
  };
}

/**
 * Problems in last year's file are reported against the current file's
 * output, so they carry no line/column of their own (those would point into
 * the wrong file): the message starts with 上年报告： and names the place.
 */
function asPreviousYear(diagnostic: Diagnostic, fileName: string): Diagnostic {
  const where =
    diagnostic.line !== undefined ? `（${fileName} 第 ${diagnostic.line} 行第 ${diagnostic.column ?? 1} 列）` : `（${fileName}）`;
  return { code: diagnostic.code, severity: diagnostic.severity, path: [], message: `上年报告：${diagnostic.message}${where}` };
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
    const previousProblems = attachPositions(previous.diagnostics, options.previous);
    diagnostics.push(...previousProblems.map((d) => asPreviousYear(d, options.previous!.fileName)));
    previousReport = previous.report;
    const rules = current.format ? current.format.crossYearRules.join('、') : '';
    if (previousReport && current.report && previous.format && current.format && previous.format.id !== current.format.id) {
      diagnostics.push({
        code: 'PREVIOUS-FORMAT',
        severity: 'warning',
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
    diagnostics.push(...attachPositions(check(current.report, context), load));
    // The 勾稽 identities the format carries as data.
    diagnostics.push(...attachPositions(checkBalances(current.report, current.format, { published: isPublishedData(load.raw) }), load));
  }

  return {
    ...(current.report && current.format ? { report: current.report, format: current.format } : {}),
    diagnostics: sortDiagnostics(attachPositions(diagnostics, load)),
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
