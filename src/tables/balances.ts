/**
 * 勾稽 rules as data (for the XLSX 校验 sheet and anything else that checks
 * tables generically): each rule says “these cells add up to those cells”.
 * Two sources:
 *
 * 1. Derived from the grids: every value cell with `sumOf` (the 总计 column,
 *    the （七）总计 row, the T3 group totals) gives “total = sum of parts”.
 * 2. Declared by each format (`FormatDefinition.balances`): identities between
 *    rows that the grid cannot express, such as the T2 header note
 *    “第一项加第二项之和，等于第三项加第四项之和”.
 */
import type { TableGrid, ValueContent } from './grid.js';

export interface BalanceTerm {
  tableId: string;
  key: readonly string[];
}

export interface BalanceRule {
  /** Rule id from the spec, e.g. V21-T2-03. */
  code: string;
  /** The table the rule belongs to (its id). */
  tableId: string;
  /** What is checked, in Chinese, naming rows and columns as printed. */
  description: string;
  left: readonly BalanceTerm[];
  right: readonly BalanceTerm[];
  /** Decimals compared: 0 for counts, 4 for 万元 amounts. */
  decimals: number;
}

/** “Rows `left` add up to rows `right`”, checked in every value column of a two-key table (keys [row, column]). */
export interface RowIdentity {
  code: string;
  tableId: string;
  left: readonly string[];
  right: readonly string[];
  /** Prefixed with the column: 「自然人」列：…. */
  description: string;
  /** Only these columns (default: every value column). */
  columns?: readonly string[];
}

export interface FormatBalances {
  /** Rule code for a total cell of a table (derived from `sumOf`). */
  sumCode(tableId: string, key: readonly string[]): string;
  identities: readonly RowIdentity[];
}

/** For formats that declare nothing: derived sums only, coded by table. */
export const GENERIC_BALANCES: FormatBalances = { sumCode: (tableId) => `${tableId.toUpperCase()}-合计`, identities: [] };

const lastSegment = (label: string) => label.split(' › ').pop() ?? label;

function sumDescription(total: ValueContent, parts: readonly ValueContent[]): string {
  const sameRow = total.rowLabel !== '' && parts.every((part) => part.rowLabel === total.rowLabel);
  const sameColumn = parts.every((part) => part.colLabel === total.colLabel);
  const list = (labels: string[]) =>
    labels.length <= 4 ? labels.join('＋') : `${labels[0]}至${labels[labels.length - 1]}共 ${labels.length} 项之和`;
  if (sameRow) return `「${total.rowLabel}」行：${total.colLabel} ＝ ${list(parts.map((p) => p.colLabel))}`;
  if (sameColumn) return `「${total.colLabel}」列：${lastSegment(total.rowLabel)} ＝ ${list(parts.map((p) => lastSegment(p.rowLabel)))}`;
  return `「${total.colLabel}」＝ ${list(parts.map((p) => lastSegment(p.colLabel)))}`;
}

/** Every balance rule of a document's tables, in the order of the spec's rule ids within each table. */
export function balanceRules(grids: readonly TableGrid[], declared: FormatBalances = GENERIC_BALANCES): BalanceRule[] {
  const rules: BalanceRule[] = [];
  for (const grid of grids) {
    const tableId = grid.definition.id;
    const cells = new Map(grid.valueCells.map((cell) => [cell.content.key.join('\u0000'), cell.content]));
    const tableRules: BalanceRule[] = [];
    for (const { content } of grid.valueCells) {
      if (!content.sumOf) continue;
      const parts = content.sumOf.map((key) => cells.get(key.join('\u0000'))).filter((part): part is ValueContent => !!part);
      if (parts.length !== content.sumOf.length) continue;
      tableRules.push({
        code: declared.sumCode(tableId, content.key),
        tableId,
        description: sumDescription(content, parts),
        left: [{ tableId, key: content.key }],
        right: content.sumOf.map((key) => ({ tableId, key })),
        decimals: [content, ...parts].some((cell) => cell.format === 'wan') ? 4 : 0,
      });
    }
    for (const identity of declared.identities.filter((rule) => rule.tableId === tableId)) {
      const columns =
        identity.columns ?? [...new Set(grid.valueCells.filter((c) => c.content.key.length === 2).map((c) => c.content.key[1]!))];
      for (const column of columns) {
        const keys = [...identity.left, ...identity.right].map((row) => cells.get(`${row}\u0000${column}`));
        if (keys.some((cell) => !cell)) continue;
        tableRules.push({
          code: identity.code,
          tableId,
          description: `「${keys[0]!.colLabel}」列：${identity.description}`,
          left: identity.left.map((row) => ({ tableId, key: [row, column] })),
          right: identity.right.map((row) => ({ tableId, key: [row, column] })),
          decimals: 0,
        });
      }
    }
    // Stable sort: rule ids in order, reading order within one id.
    tableRules.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    rules.push(...tableRules);
  }
  return rules;
}
