/** Printing diagnostics for people (one line each) or for programs (--json). */
import { formatDiagnostic, type Diagnostic } from '../validate/diagnostic.js';

export interface Printer {
  out(text: string): void;
  err(text: string): void;
}

export const processPrinter: Printer = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

export function printDiagnostics(printer: Printer, diagnostics: readonly Diagnostic[], fileName: string): void {
  for (const diagnostic of diagnostics) printer.err(formatDiagnostic(diagnostic, fileName));
}

export function summarize(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (diagnostics.length === 0) return '校验通过：没有发现问题。';
  return `共 ${errors} 个错误、${warnings} 个提示。`;
}
