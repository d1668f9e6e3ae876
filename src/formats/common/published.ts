/**
 * Reports reproduced as they were published (`source: published`).
 *
 * Spec §7 marks some rules “ERROR（生成）/ WARN（解析）”: a report this tool
 * writes must satisfy them, but a historical report that broke them is still a
 * fact to be reproduced. A data file says which of the two it is:
 *
 *   source: published   # 按已发布的原文重现（历史报告）
 *
 * With it, and only with it:
 * - G-02: a table cell left blank in the published report may be written as
 *   `null` (or left empty after the colon); it is read as 0, printed as 0
 *   (spec §3.7: no blank numeric cells in any output) and reported as a
 *   warning naming the cell. Without it a blank cell is an error.
 * - LG-11 and other “ERROR（生成）/ WARN（解析）” rules are warnings.
 * - Nothing is drafted: a part the published report left without text stays
 *   without text (a new report gets a sentence drafted from its numbers).
 *
 * Rules that are plain ERROR in the spec stay errors; `build --force` then
 * reproduces the report as published, with the errors listed.
 */
import * as z from 'zod';
import { describeCell } from '../../tables/describe.js';
import type { TableGrid } from '../../tables/grid.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';

export const reportSource = z
  .enum(['published'])
  .optional()
  .meta({
    description:
      '写 published 表示按已发布的原文重现历史报告：原表空白的格可写 null（按 0 输出并提示 G-02），“生成时为错误、解析时为提示”的规则只作提示，不自动补写说明文字',
  });

export type ReportSource = z.infer<typeof reportSource>;

/** Whether loaded (not yet validated) data declares `source: published`. */
export function isPublishedData(raw: unknown): boolean {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) && (raw as Record<string, unknown>).source === 'published';
}

function nodeAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * For a published report: every table value cell written as `null` becomes 0
 * in a copy of the data, with a G-02 warning naming the cell as printed.
 * Returns the data unchanged (same object) when there is nothing to do.
 */
export function blankCellsAsZero(raw: unknown, tables: readonly TableGrid[]): { raw: unknown; diagnostics: Diagnostic[] } {
  if (!isPublishedData(raw)) return { raw, diagnostics: [] };
  const copy = structuredClone(raw) as Record<string, unknown>;
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const grid of tables) {
    const { definition } = grid;
    const tableData = nodeAt(copy, definition.dataPath);
    if (tableData === null || typeof tableData !== 'object') continue;
    for (const cell of grid.valueCells) {
      const key = cell.content.key;
      const path = [...definition.dataPath, ...key];
      const id = path.join('\u0000');
      if (seen.has(id)) continue;
      seen.add(id);
      const parent = nodeAt(tableData, key.slice(0, -1));
      const last = key[key.length - 1]!;
      if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) continue;
      const holder = parent as Record<string, unknown>;
      if (!Object.prototype.hasOwnProperty.call(holder, last) || holder[last] !== null) continue;
      holder[last] = 0;
      diagnostics.push({
        code: 'G-02',
        severity: 'warning',
        stage: 'rules',
        path,
        message: `${describeCell(definition, key)}在已发布的原报告中是空白，按 0 读入，生成的报告中输出 0（数值格不得留空）`,
      });
    }
  }
  return diagnostics.length > 0 ? { raw: copy, diagnostics } : { raw, diagnostics: [] };
}

/** ERROR for a report being written, WARN for one reproduced as published (spec §7: “ERROR（生成）/ WARN（解析）”). */
export function generationSeverity(source: ReportSource): Diagnostic['severity'] {
  return source === 'published' ? 'warning' : 'error';
}
