/**
 * Validation end to end: load the data file, pick the format, run its schema
 * and 勾稽 rules, and give every diagnostic a source position. No state is
 * kept between calls.
 *
 *   const { report, format, diagnostics } = await validateReportFile('report.yaml', { previousPath: '2023.yaml' });
 */
import type { FormatDefinition } from '../formats/format.js';
import { v2021Format } from '../formats/v2021/index.js';
import { checkV2021, type V2021RuleContext } from '../formats/v2021/rules.js';
import type { ReportV2021 } from '../formats/v2021/schema.js';
import { v2021TableDefinitions } from '../formats/v2021/tables.js';
import { loadReportFile, loadReportText, nearestPositionOf, parseReport, type LoadResult } from '../io/load.js';
import type { Diagnostic } from './diagnostic.js';

export { checkV2021, DEFAULT_DEADLINES, type MonthDay, type V2021RuleContext } from '../formats/v2021/rules.js';
export { formatDiagnostic, hasErrors, type Diagnostic, type Severity } from './diagnostic.js';

/** The format a data file selects: `format` if written, else by `year` (spec §1). Only v2021 exists so far. */
const SUPPORTED_FORMAT = 'v2021';
const FIRST_V2021_YEAR = 2021;

export interface ValidateOptions {
  /** Last year's data file, which turns on the cross-year rules (V21-T1-02, V21-T1-03, V21-T2-04). */
  previous?: { text: string; fileName: string };
  /** Publication deadlines per organisation level for rule G-07. */
  deadlines?: V2021RuleContext['deadlines'];
}

export interface ValidateFileOptions {
  previousPath?: string;
  deadlines?: V2021RuleContext['deadlines'];
}

export interface ValidateResult {
  /** The report with defaults applied, whenever it passed the schema (rule errors may still be present). */
  report?: ReportV2021;
  /** The format the report was validated against, when it is supported. */
  format?: FormatDefinition<ReportV2021>;
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

/**
 * Refuses formats that are not implemented yet (code FORMAT-UNSUPPORTED):
 * an explicit `format` other than v2021, or a report year before 2021
 * (v2019 for 2019–2020, legacy before that).
 */
export function checkFormatSupported(load: LoadResult): Diagnostic[] {
  const raw = load.raw;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return [];
  const data = raw as Record<string, unknown>;
  const unsupported = (path: string[], message: string): Diagnostic[] => {
    const position = load.positionOf(path);
    return [{ code: 'FORMAT-UNSUPPORTED', severity: 'error', path, ...(position ?? {}), message }];
  };
  if (data.format !== undefined && data.format !== SUPPORTED_FORMAT) {
    return unsupported(
      ['format'],
      `暂不支持格式 "${String(data.format)}"：目前只支持 2021 年度起使用的 v2021 格式（国办公开办函〔2021〕30号）`,
    );
  }
  if (typeof data.year === 'number' && Number.isInteger(data.year) && data.year < FIRST_V2021_YEAR) {
    const needed =
      data.year >= 2019 ? '2019 年试行格式（v2019，国办公开办函〔2019〕60号）' : '旧条例时期的统计表格式（legacy）';
    return unsupported(
      ['year'],
      `${data.year} 年度的报告应使用${needed}，该格式暂不支持；目前只支持 2021 年度起使用的 v2021 格式`,
    );
  }
  return [];
}

interface Parsed {
  load: LoadResult;
  report?: ReportV2021;
  diagnostics: Diagnostic[];
}

function parseLoaded(load: LoadResult): Parsed {
  const unsupported = checkFormatSupported(load);
  if (unsupported.length > 0) return { load, diagnostics: [...load.diagnostics, ...unsupported] };
  const parsed = parseReport(load, v2021Format.schema, { tables: v2021TableDefinitions });
  return {
    load,
    ...(parsed.value ? { report: parsed.value } : {}),
    diagnostics: [...load.diagnostics, ...parsed.diagnostics],
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
  options: { previous?: LoadResult; deadlines?: V2021RuleContext['deadlines'] } = {},
): ValidateResult {
  const current = parseLoaded(load);
  const diagnostics = [...current.diagnostics];

  let previousReport: ReportV2021 | undefined;
  if (options.previous) {
    const previous = parseLoaded(options.previous);
    const previousProblems = attachPositions(previous.diagnostics, options.previous);
    diagnostics.push(...previousProblems.map((d) => asPreviousYear(d, options.previous!.fileName)));
    previousReport = previous.report;
    if (previousReport && current.report && previousReport.year !== current.report.year - 1) {
      diagnostics.push({
        code: 'PREVIOUS-YEAR',
        severity: 'warning',
        path: [],
        message:
          `上年报告：所给文件是 ${previousReport.year} 年度的报告，不是 ${current.report.year - 1} 年度的，` +
          `跨年勾稽检查（V21-T1-02、V21-T1-03、V21-T2-04）未执行（${options.previous.fileName}）`,
      });
      previousReport = undefined;
    }
  }

  if (current.report) {
    const context: V2021RuleContext = {
      ...(previousReport ? { previous: previousReport } : {}),
      ...(options.deadlines ? { deadlines: options.deadlines } : {}),
    };
    diagnostics.push(...attachPositions(checkV2021(current.report, context), load));
  }

  return {
    ...(current.report ? { report: current.report, format: v2021Format } : {}),
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
  });
}

/** Validates a report file. Throws ReportReadError when a file cannot be read (the CLI exits with 2). */
export async function validateReportFile(path: string, options: ValidateFileOptions = {}): Promise<ValidateResult> {
  const load = await loadReportFile(path);
  const previous = options.previousPath ? await loadReportFile(options.previousPath) : undefined;
  return validateLoaded(load, {
    ...(previous ? { previous } : {}),
    ...(options.deadlines ? { deadlines: options.deadlines } : {}),
  });
}
