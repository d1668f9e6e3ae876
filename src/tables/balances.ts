/**
 * 勾稽 rules as data: each rule says “these cells add up to those cells”.
 * The validator checks them (src/validate/balances.ts) and the XLSX 校验 sheet
 * writes them as formulas, both from this one list. Three sources:
 *
 * 1. Derived from the grids: every value cell with `sumOf` (the 总计 column,
 *    the （七）总计 row, the T3 group totals) gives “total = sum of parts”.
 * 2. Declared by each format (`FormatDefinition.balances`): identities between
 *    rows that the grid cannot express, such as the T2 header note
 *    “第一项加第二项之和，等于第三项加第四项之和”.
 * 3. Advisory sums a format declares as warnings only (a reply may have
 *    several reasons): checked, but not part of the form's 校验 sheet.
 */
import type { TableGrid, ValueContent } from './grid.js';

export interface BalanceTerm {
  tableId: string;
  key: readonly string[];
}

/**
 * How a broken rule is reported: `error`, `warning`, or `generated` — an
 * error in a report being written and a warning in one reproduced as
 * published (spec §7: “ERROR（生成）/ WARN（解析）”).
 */
export type BalanceSeverity = 'error' | 'warning' | 'generated';

/** What a message says about a broken rule, besides the numbers. */
export type BalanceWording =
  /** `<total>为 X，但<parts>之和为 Y<note>`. */
  | { kind: 'sum'; parts: string }
  /** `<column>：<left>之和为 X（a 1 + b 2），<right>之和为 Y（…），二者应相等`. */
  | { kind: 'balance'; left: string; right: string; terms: readonly string[] };

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
  severity: BalanceSeverity;
  /** The cell a problem is reported on. */
  at: BalanceTerm;
  wording: BalanceWording;
  /** Appended to the message, for a report being written or one reproduced as published. */
  note?: { generated?: string; published?: string };
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
  /** The row a problem is reported on (default: the first of `left`). */
  at?: string;
  /**
   * How messages name the sides: with `parts`, `left` is one total row and
   * `right` its parts (“（一）至（六）项”); with `sides`, both sides are named
   * and each row gets a short name (“本年新收”).
   */
  wording: { parts: string } | { left: string; right: string; terms: Readonly<Record<string, string>> };
}

/** “Cell `total` is the sum of cells `parts`” in a one-key table, declared outside the grid. */
export interface SumIdentity {
  code: string;
  tableId: string;
  total: string;
  parts: readonly string[];
  severity: BalanceSeverity;
  note?: { generated?: string; published?: string };
}

export interface FormatBalances {
  /** Rule code for a total cell of a table (derived from `sumOf`). */
  sumCode(tableId: string, key: readonly string[]): string;
  /** Severity of the derived sums by rule code (default error). */
  severities?: Readonly<Record<string, BalanceSeverity>>;
  /** Notes appended to the messages of derived sums, by rule code. */
  notes?: Readonly<Record<string, { generated?: string; published?: string }>>;
  identities: readonly RowIdentity[];
  /** Sums checked as warnings only, outside the form's 校验 sheet. */
  advisories?: readonly SumIdentity[];
}

/** For formats that declare nothing: derived sums only, coded by table. */
export const GENERIC_BALANCES: FormatBalances = { sumCode: (tableId) => `${tableId.toUpperCase()}-合计`, identities: [] };

/**
 * How parts are named when the grid does not say: 「a」、「b」 for up to three,
 * 「a」至「z」共 N 项 for more — by row label when they share a column, else by
 * column label.
 */
function defaultPartsName(total: ValueContent, parts: readonly ValueContent[]): string {
  const sameColumn = parts.every((part) => part.colLabel === total.colLabel);
  const names = parts.map((part) => `「${lastSegment(sameColumn ? part.rowLabel : part.colLabel)}」`);
  return names.length <= 3 ? names.join('、') : `${names[0]}至${names[names.length - 1]}共 ${names.length} 项`;
}

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

/**
 * Every balance rule of a document's tables, in the order of the spec's rule
 * ids within each table: the form's identities, and with `advisories` also
 * the warning-only sums.
 */
export function balanceRules(
  grids: readonly TableGrid[],
  declared: FormatBalances = GENERIC_BALANCES,
  options: { advisories?: boolean } = {},
): BalanceRule[] {
  const rules: BalanceRule[] = [];
  for (const grid of grids) {
    const tableId = grid.definition.id;
    const cells = new Map(grid.valueCells.map((cell) => [cell.content.key.join('\u0000'), cell.content]));
    const tableRules: BalanceRule[] = [];
    for (const { content } of grid.valueCells) {
      if (!content.sumOf) continue;
      const parts = content.sumOf.map((key) => cells.get(key.join('\u0000'))).filter((part): part is ValueContent => !!part);
      if (parts.length !== content.sumOf.length) continue;
      const code = declared.sumCode(tableId, content.key);
      const note = declared.notes?.[code];
      tableRules.push({
        code,
        tableId,
        description: sumDescription(content, parts),
        left: [{ tableId, key: content.key }],
        right: content.sumOf.map((key) => ({ tableId, key })),
        decimals: [content, ...parts].some((cell) => cell.format === 'wan') ? 4 : 0,
        severity: declared.severities?.[code] ?? 'error',
        at: { tableId, key: content.key },
        wording: { kind: 'sum', parts: content.sumName ?? defaultPartsName(content, parts) },
        ...(note ? { note } : {}),
      });
    }
    for (const identity of declared.identities.filter((rule) => rule.tableId === tableId)) {
      const columns =
        identity.columns ?? [...new Set(grid.valueCells.filter((c) => c.content.key.length === 2).map((c) => c.content.key[1]!))];
      for (const column of columns) {
        const keys = [...identity.left, ...identity.right].map((row) => cells.get(`${row}\u0000${column}`));
        if (keys.some((cell) => !cell)) continue;
        const wording = identity.wording;
        tableRules.push({
          code: identity.code,
          tableId,
          description: `「${keys[0]!.colLabel}」列：${identity.description}`,
          left: identity.left.map((row) => ({ tableId, key: [row, column] })),
          right: identity.right.map((row) => ({ tableId, key: [row, column] })),
          decimals: 0,
          severity: 'error',
          at: { tableId, key: [identity.at ?? identity.left[0]!, column] },
          wording:
            'parts' in wording
              ? { kind: 'sum', parts: wording.parts }
              : {
                  kind: 'balance',
                  left: wording.left,
                  right: wording.right,
                  terms: [...identity.left, ...identity.right].map((row) => wording.terms[row] ?? row),
                },
        });
      }
    }
    for (const advisory of options.advisories ? (declared.advisories ?? []).filter((rule) => rule.tableId === tableId) : []) {
      const total = cells.get(advisory.total);
      const parts = advisory.parts.map((key) => cells.get(key));
      if (!total || parts.some((part) => !part)) continue;
      tableRules.push({
        code: advisory.code,
        tableId,
        description: sumDescription(total, parts as ValueContent[]),
        left: [{ tableId, key: [advisory.total] }],
        right: advisory.parts.map((key) => ({ tableId, key: [key] })),
        decimals: 0,
        severity: advisory.severity,
        at: { tableId, key: [advisory.total] },
        wording: { kind: 'sum', parts: defaultPartsName(total, parts as ValueContent[]) },
        ...(advisory.note ? { note: advisory.note } : {}),
      });
    }
    // Stable sort: rule ids in order, reading order within one id.
    tableRules.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    rules.push(...tableRules);
  }
  return rules;
}
