/**
 * The one message type of xxgk, in the manner of unified/vfile messages:
 * validation problems, the emitters' font warnings and XLSX import notices
 * are all Diagnostics. Each carries a rule code, a severity, the stage that
 * produced it, the Chinese message as printed and, where known, the file it
 * is about, its start and end in that file, the data path and a structured
 * place in the report (a table cell, a narrative part).
 *
 * This module is the bottom layer: it imports nothing from the rest of src.
 */
export type Severity = 'error' | 'warning' | 'info';

/** Which stage of xxgk produced a diagnostic. */
export type Stage =
  /** Reading the data file: syntax, empty file, invisible characters. */
  | 'load'
  /** The format's schema: missing keys, wrong types, unknown keys. */
  | 'schema'
  /** Choosing the format version (FORMAT-UNKNOWN, FORMAT-YEAR). */
  | 'format'
  /** The format's 勾稽 rules (G-xx, V21-…, V19-…, L-…) and the cross-year checks. */
  | 'rules'
  /** Composing the document from the templates. */
  | 'compose'
  /** Rendering an output (characters set in a fallback font or in no font). */
  | 'render'
  /** Resolving the fonts of the printed roles (a substituted font). */
  | 'fonts'
  /** Reading a statistics workbook back (xxgk import, units of xxgk aggregate). */
  | 'import'
  /** Summing units (xxgk aggregate). */
  | 'aggregate'
  /** Reading a published report back (xxgk extract). */
  | 'extract'
  /** Checking published reports (xxgk audit): title, fee statement, publication date, continuity across years. */
  | 'audit';

/** A point in a source file: 1-based line and column (columns count code points). */
export interface Position {
  line: number;
  column: number;
  /** 0-based offset in the decoded text (after any byte-order mark), in UTF-16 code units. */
  offset?: number;
}

/** Something in the report with a stable id (never printed) and its label exactly as printed. */
export interface PlaceRef {
  id: string;
  label: string;
}

/**
 * Where in the report a diagnostic is, when it is about a table or a
 * narrative part. For a table cell all of table, row and column are set; for
 * a whole row only table and row; for a whole table only table. For a
 * narrative part, `part` and, when the problem is in one of its blocks,
 * `paragraph`.
 */
export interface Place {
  /** A mandated table: its id ('t1', 't2', 't3', 'stats') and caption. */
  table?: PlaceRef;
  /** The printed row of a table cell: e.g. { id: 'total', label: '（七）总计' }. */
  row?: PlaceRef;
  /** The printed column of a table cell: e.g. { id: 'np', label: '自然人' }. */
  column?: PlaceRef;
  /** A worksheet and, where known, the cell address (A1) in it (XLSX import). */
  sheet?: { name: string; cell?: string };
  /** A narrative part: e.g. { id: 'overview', label: '一、总体情况' }, { id: 'preamble', label: '导语' }. */
  part?: PlaceRef;
  /** 1-based number of the block (paragraph or sub-heading) of `part`, as listed in the data file. */
  paragraph?: number;
}

export interface Diagnostic {
  /** Rule identifier from the spec (G-01, V21-T2-03, …) or a stage's code (YAML-SYNTAX, SCHEMA-TYPE, FONT-SUBSTITUTED, XLSX-BLANK, …). */
  code: string;
  severity: Severity;
  /** Which stage produced it. */
  stage: Stage;
  /** The file it is about (the data file, last year's data file, the workbook), when known. */
  file?: string;
  /** Where it starts and ends in `file` (end is the point just after the value), when known. */
  start?: Position;
  end?: Position;
  /** Path into the report data, e.g. ['tables', 'requests', 'total', 'np']; empty for the whole file. */
  path: (string | number)[];
  /** The table cell or narrative part it is about, when there is one. */
  place?: Place;
  /** The Chinese message, naming the table, row and column as printed. */
  message: string;
  /**
   * A second place the problem is about, when it sets two places against each
   * other: a narrative sentence (path, start, end, place above) and the table
   * cell it contradicts (here: its data path and printed place).
   */
  related?: RelatedPlace;
}

/** The other side of a two-place diagnostic: a data path and the place it names in the report. */
export interface RelatedPlace {
  path: (string | number)[];
  place?: Place;
}

/**
 * A place as printed, for lists that show no file position (the aggregate's
 * 问题清单): 「二、主动公开政府信息情况」表「行政规范性文件」行「本年制发件数」列,
 * 「一、总体情况」第 2 段; undefined when the place names nothing.
 */
export function describePlace(place: Place | undefined): string | undefined {
  if (!place) return undefined;
  if (place.table) {
    return `「${place.table.label}」表${place.row?.label ? `「${place.row.label}」行` : ''}${place.column ? `「${place.column.label}」列` : ''}`;
  }
  if (place.part) return `「${place.part.label}」${place.paragraph !== undefined ? `第 ${place.paragraph} 段` : ''}`;
  if (place.sheet) return `工作表「${place.sheet.name}」${place.sheet.cell ? ` ${place.sheet.cell} 格` : ''}`;
  return undefined;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '提示', info: '说明' };

/**
 * One line per diagnostic: `report.yaml:12:5 错误 [V21-T2-03] message`.
 * `fileName` is the name printed at the start of the line; `about` is the
 * file the printed lines are about (default `fileName`). A diagnostic whose
 * `file` is another one (last year's data file) is printed without a
 * position: its message names its own file and line.
 */
export function formatDiagnostic(diagnostic: Diagnostic, fileName?: string, about: string | undefined = fileName): string {
  const own = diagnostic.file === undefined || about === undefined || diagnostic.file === about;
  const start = own ? diagnostic.start : undefined;
  const position = start !== undefined ? `${fileName ?? ''}:${start.line}:${start.column}` : (fileName ?? '');
  const where = position ? `${position} ` : '';
  return `${where}${SEVERITY_LABEL[diagnostic.severity]} [${diagnostic.code}] ${diagnostic.message}`;
}

/**
 * A diagnostic as `--json` prints it: every field, plus `line` and `column`
 * (the start, as before `start` existed) for programs written against the
 * earlier output. Those two keep their meaning, a place in the file the
 * output is `about`: a diagnostic of another file (last year's) has `file`,
 * `start` and `end` but no `line` and `column`.
 */
export function diagnosticToJson(diagnostic: Diagnostic, about?: string): Record<string, unknown> {
  const { code, severity, path, message, stage, file, start, end, place, related } = diagnostic;
  const own = file === undefined || about === undefined || file === about;
  return {
    code,
    severity,
    path,
    ...(start && own ? { line: start.line, column: start.column } : {}),
    message,
    stage,
    ...(file !== undefined ? { file } : {}),
    ...(start ? { start } : {}),
    ...(end ? { end } : {}),
    ...(place ? { place } : {}),
    ...(related ? { related } : {}),
  };
}
