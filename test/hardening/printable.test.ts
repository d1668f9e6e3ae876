/**
 * What the CLI prints of a hostile file is safe for a terminal and bounded:
 * control and bidi characters shown as \u{…}, a huge value shortened in the
 * middle (never inside a surrogate pair), at most 200 diagnostics listed.
 */
import { describe, expect, it } from 'vitest';
import { MAX_PRINTED_DIAGNOSTICS, MAX_PRINTED_LINE, printable, printDiagnostics } from '../../src/cli/output.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

describe('printable', () => {
  it('shows controls and bidi controls instead of obeying them', () => {
    expect(printable('a\u001b[2Jb\u0007c\u202Ed\u0085e')).toBe('a\\u{1B}[2Jb\\u{7}c\\u{202E}d\\u{85}e');
    expect(printable('制表\t与换行\n不变')).toBe('制表\t与换行\n不变');
  });

  it('shortens a huge value in the middle, never splitting a character', () => {
    for (const filler of ['字', '𠀀', 'a😀']) {
      const text = printable(filler.repeat(100_000));
      expect(text.length).toBeLessThan(MAX_PRINTED_LINE + 40);
      expect(text).toMatch(/……（省略 \d+ 个字符）……/);
      expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u);
    }
  });

  it('lists at most 200 diagnostics, then counts the rest', () => {
    const lines: string[] = [];
    const diagnostics: Diagnostic[] = Array.from({ length: 1000 }, (_, i) => ({ code: 'X', severity: 'error', stage: 'rules', path: [], message: `问题 ${i}` }));
    printDiagnostics({ out: () => {}, err: (text) => lines.push(text) }, diagnostics, 'a.yaml');
    expect(lines).toHaveLength(MAX_PRINTED_DIAGNOSTICS + 1);
    expect(lines.at(-1)).toBe('……另有 800 个问题未列出（可用 xxgk validate a.yaml --json 查看全部）');
  });
});
