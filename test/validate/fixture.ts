/**
 * Test helpers around the hand-written fixtures in test/fixtures/reports/:
 * a builder that copies the valid report and changes single values in the
 * YAML source itself (so every other line and column stays exactly as in the
 * fixture), and `locate`, which finds where a value is written by plain text
 * search, independently of the yaml library.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isScalar, parseDocument } from 'yaml';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/reports/', import.meta.url));
export const VALID = `${FIXTURES}valid-v2021.yaml`;
export const PREVIOUS = `${FIXTURES}previous-v2021.yaml`;

export function fixtureText(name = 'valid-v2021.yaml'): string {
  return readFileSync(`${FIXTURES}${name}`, 'utf8');
}

type Path = readonly (string | number)[];

export class ReportBuilder {
  private source: string;

  constructor(text: string = fixtureText()) {
    this.source = text;
  }

  static valid(): ReportBuilder {
    return new ReportBuilder(fixtureText('valid-v2021.yaml'));
  }

  static previous(): ReportBuilder {
    return new ReportBuilder(fixtureText('previous-v2021.yaml'));
  }

  /**
   * Replaces the value at `path` by `yaml` written verbatim into the source
   * (`'"184项"'`, `'-3'`, `'十二'`); numbers are written as they print.
   */
  set(path: Path, yaml: string | number): this {
    const document = parseDocument(this.source);
    const node = document.getIn(path, true);
    if (!isScalar(node) || !node.range) throw new Error(`fixture has no scalar at ${path.join('.')}`);
    const [start, end] = node.range;
    this.source = this.source.slice(0, start) + String(yaml) + this.source.slice(end);
    return this;
  }

  /** Removes the block-mapping line that holds `path` (and, for a mapping or list, the lines under it). */
  remove(path: Path): this {
    const document = parseDocument(this.source);
    const parent = document.getIn(path.slice(0, -1), true) as { items?: { key: unknown; value: unknown }[] } | undefined;
    const pair = parent?.items?.find((item) => isScalar(item.key) && String(item.key.value) === String(path.at(-1)));
    if (!pair || !isScalar(pair.key) || !pair.key.range) throw new Error(`fixture has no key at ${path.join('.')}`);
    const lineStart = this.source.lastIndexOf('\n', pair.key.range[0]) + 1;
    const value = pair.value as { range?: [number, number, number] } | null;
    const end = value?.range ? value.range[2] : pair.key.range[2];
    const lineEnd = this.source.indexOf('\n', Math.max(end - 1, lineStart));
    this.source = this.source.slice(0, lineStart) + this.source.slice(lineEnd === -1 ? this.source.length : lineEnd + 1);
    return this;
  }

  /** Replaces one literal piece of source text (must occur exactly once). */
  replace(from: string, to: string): this {
    const first = this.source.indexOf(from);
    if (first < 0 || this.source.indexOf(from, first + 1) >= 0) throw new Error(`"${from}" must occur exactly once`);
    this.source = this.source.slice(0, first) + to + this.source.slice(first + from.length);
    return this;
  }

  text(): string {
    return this.source;
  }

  /** A deep copy of the data, for JSON tests and direct rule calls. */
  data(): Record<string, unknown> {
    return parseDocument(this.source).toJS() as Record<string, unknown>;
  }
}

/**
 * 1-based position of `needle` in the first line containing `lineNeedle`
 * (of `lineNeedle` itself when `needle` is omitted). Columns count characters.
 */
export function locate(text: string, lineNeedle: string, needle?: string): { line: number; column: number } {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.includes(lineNeedle));
  if (index < 0) throw new Error(`no line contains "${lineNeedle}"`);
  const line = lines[index]!;
  const at = line.indexOf(needle ?? lineNeedle);
  if (at < 0) throw new Error(`line ${index + 1} does not contain "${needle}"`);
  return { line: index + 1, column: [...line.slice(0, at)].length + 1 };
}

/** 1-based position of what follows `prefix` in the first line containing `lineNeedle` (where a value starts). */
export function locateAfter(text: string, lineNeedle: string, prefix: string): { line: number; column: number } {
  const { line, column } = locate(text, lineNeedle, prefix);
  return { line, column: column + [...prefix].length };
}

/**
 * A diagnostic as the tests written before `start`, `end`, `stage`, `file`
 * and `place` existed compare it: code, severity, path, line and column of
 * the start, message (test/validate/places.test.ts checks the other fields).
 */
export function classic(diagnostic: Diagnostic): { code: string; severity: string; path: (string | number)[]; line?: number; column?: number; message: string } {
  const { code, severity, path, start, message } = diagnostic;
  return { code, severity, path, ...(start ? { line: start.line, column: start.column } : {}), message };
}
