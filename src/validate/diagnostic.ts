/**
 * A positioned problem report, in the manner of unified/vfile messages:
 * rule code, severity, where (data path and source line/column) and a Chinese
 * message that names the table, row and column as printed.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Rule identifier from the spec (G-01, V21-T2-03, …) or a loader code (YAML-SYNTAX, SCHEMA-TYPE, …). */
  code: string;
  severity: Severity;
  /** Path into the report data, e.g. ['tables', 'requests', 'total', 'np']; empty for the whole file. */
  path: (string | number)[];
  /** 1-based source position when known. */
  line?: number;
  column?: number;
  message: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '提示' };

/** One line per diagnostic: `report.yaml:12:5 错误 [V21-T2-03] message`. */
export function formatDiagnostic(diagnostic: Diagnostic, fileName?: string): string {
  const position =
    diagnostic.line !== undefined ? `${fileName ?? ''}:${diagnostic.line}:${diagnostic.column ?? 1}` : (fileName ?? '');
  const where = position ? `${position} ` : '';
  return `${where}${SEVERITY_LABEL[diagnostic.severity]} [${diagnostic.code}] ${diagnostic.message}`;
}
