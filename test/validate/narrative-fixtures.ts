/**
 * The narrative of a published fixture (test/fixtures/published/<id>/) as
 * v2021 narrative parts: from `narrative.txt` (extracted from source.pdf with
 * pdftotext and cleaned of the table text by hand: part headings and
 * paragraphs, one per line) or from the flattened web text `source.txt`
 * (body after the 正文 line, parts cut at their headings, paragraphs split at
 * whitespace). Parts 二、三、四 hold only their tables there, so they are left out.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const PUBLISHED = path.resolve(import.meta.dirname, '../fixtures/published');

const PART_HEADINGS: readonly [string, RegExp][] = [
  ['overview', /一、总体情况/u],
  ['proactive', /二、主动公开政府信息情况/u],
  ['requests', /三、收到和处理政府信息公开申请情况/u],
  ['review_litigation', /四、政府信息公开行政(?:法)?复议、行政诉讼情况/u],
  ['problems', /五、存在的主要问题及改进情况/u],
  ['other', /六、其他需要报告的事项/u],
];

const TABLE_PARTS = new Set(['proactive', 'requests', 'review_litigation']);

export interface FixtureReport {
  year: number;
  narrative: Record<string, string[]>;
  tables: unknown;
}

function partsOf(body: string, separator: RegExp): Record<string, string[]> {
  const starts = PART_HEADINGS.map(([part, heading]) => {
    const match = heading.exec(body);
    return match ? { part, start: match.index, textStart: match.index + match[0].length } : undefined;
  }).filter((found) => found !== undefined);
  const narrative: Record<string, string[]> = {};
  starts.forEach((found, i) => {
    const end = starts.slice(i + 1).find((next) => next.start > found.start)?.start ?? body.length;
    if (TABLE_PARTS.has(found.part)) return;
    narrative[found.part] = body
      .slice(found.textStart, end)
      .replace(/附件下载\s*$/u, '')
      .split(separator)
      .map((paragraph) => paragraph.trim())
      .filter((paragraph) => paragraph.length > 0);
  });
  return narrative;
}

export function fixtureReport(id: string): FixtureReport {
  const dir = path.join(PUBLISHED, id);
  const meta = parse(readFileSync(path.join(dir, 'meta.yaml'), 'utf8')) as { year: number };
  const tables = (parse(readFileSync(path.join(dir, 'tables.yaml'), 'utf8')) as { tables: unknown }).tables;
  const narrativeFile = path.join(dir, 'narrative.txt');
  if (existsSync(narrativeFile)) {
    // One paragraph a line; spaces inside a line are the PDF's (申请 17 件).
    return { year: meta.year, narrative: partsOf(readFileSync(narrativeFile, 'utf8'), /\n/u), tables };
  }
  const source = readFileSync(path.join(dir, 'source.txt'), 'utf8');
  const body = source.slice(source.indexOf('\n', source.indexOf('==== 正文 ====')) + 1);
  // The web text runs paragraphs together with a space between them.
  return { year: meta.year, narrative: partsOf(body, /\s+/u), tables };
}

export interface TextProblem {
  kind: string;
  quote?: string;
  cells?: Record<string, number>;
}

export function fixtureProblems(id: string): TextProblem[] {
  const problems = (parse(readFileSync(path.join(PUBLISHED, id, 'problems.yaml'), 'utf8')) as { problems: TextProblem[] }).problems;
  return problems.filter((problem) => problem.kind === 'text-vs-table');
}
