/** Printing diagnostics for people (one line each) or for programs (--json). */
import { formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

export interface Printer {
  out(text: string): void;
  err(text: string): void;
}

export const processPrinter: Printer = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/**
 * At most this many diagnostics are printed one per line; a file that yields
 * thousands (a wrong file, a generated one) gets a count of the rest instead
 * of a screen that scrolls for minutes. `--json` always lists them all.
 */
export const MAX_PRINTED_DIAGNOSTICS = 200;

/** Longest diagnostic line printed; a message quoting a huge value is shortened in the middle. */
export const MAX_PRINTED_LINE = 1000;

/** Controls (terminal escape sequences among them) and bidi controls a message may quote from the data file. */
const UNPRINTABLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * A line safe for a terminal: characters quoted from a hostile data file
 * cannot move the cursor, clear the screen or reorder the text (they are
 * shown as \u{1B}), and a value of a million characters is not printed whole.
 */
export function printable(text: string): string {
  const visible = text.replace(UNPRINTABLE, (character) => `\\u{${character.codePointAt(0)!.toString(16).toUpperCase()}}`);
  if (visible.length <= MAX_PRINTED_LINE) return visible;
  const keep = Math.floor((MAX_PRINTED_LINE - 20) / 2);
  // Cut between characters, never inside a surrogate pair (an emoji, a rare CJK character).
  const isLow = (index: number) => /[\uDC00-\uDFFF]/u.test(visible[index] ?? '');
  const head = isLow(keep) ? keep + 1 : keep;
  const tail = isLow(visible.length - keep) ? visible.length - keep + 1 : visible.length - keep;
  return `${visible.slice(0, head)}……（省略 ${tail - head} 个字符）……${visible.slice(tail)}`;
}

export function printDiagnostics(printer: Printer, diagnostics: readonly Diagnostic[], fileName: string): void {
  for (const diagnostic of diagnostics.slice(0, MAX_PRINTED_DIAGNOSTICS)) printer.err(printable(formatDiagnostic(diagnostic, fileName)));
  if (diagnostics.length > MAX_PRINTED_DIAGNOSTICS) {
    printer.err(`……另有 ${diagnostics.length - MAX_PRINTED_DIAGNOSTICS} 个问题未列出（可用 xxgk validate ${fileName} --json 查看全部）`);
  }
}

/**
 * The closing line: counts every notice printed above it, by severity
 * (错误, 提示 for warnings, 说明 for info notices such as a character set in
 * a fallback font). 说明 is named only when there is one.
 */
export function summarize(diagnostics: readonly Pick<Diagnostic, 'severity'>[]): string {
  if (diagnostics.length === 0) return '校验通过：没有发现问题。';
  const count = (severity: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length;
  const info = count('info');
  return `共 ${count('error')} 个错误、${count('warning')} 个提示${info > 0 ? `、${info} 个说明` : ''}。`;
}

/** The label a printed notice line starts with: 提示：, or 说明： for an info notice. */
export function noticeLabel(diagnostic: Pick<Diagnostic, 'severity'>): string {
  return diagnostic.severity === 'info' ? '说明' : diagnostic.severity === 'error' ? '错误' : '提示';
}
