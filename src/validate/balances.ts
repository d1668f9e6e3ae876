/**
 * The 勾稽 checks every format gets from its balance rules (src/tables/balances.ts):
 * each rule the format declares as data — the grids' totals, the identities
 * between rows, the advisory sums — is evaluated on the report and, when it
 * does not hold, reported on its cell with both sides of the equation, naming
 * the table, row and column as printed. The XLSX 校验 sheet is written from
 * the same rules, so the two cannot disagree.
 */
import type { AnyFormat } from '../formats/registry.js';
import { balanceRules, type BalanceRule } from '../tables/balances.js';
import { describeCell, describeColumn } from '../tables/describe.js';
import { readCellValue, type TableGrid } from '../tables/grid.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

function tableData(report: unknown, grid: TableGrid): unknown {
  return grid.definition.dataPath.reduce<unknown>(
    (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
    report,
  );
}

/** A sum as messages show it: whole numbers as they are, amounts without float noise. */
function shown(value: number, decimals: number): string {
  return decimals === 0 ? String(value) : String(Number(value.toFixed(decimals)));
}

function message(rule: BalanceRule, grid: TableGrid, values: (key: readonly string[]) => number, published: boolean): string {
  const left = rule.left.map((term) => values(term.key));
  const right = rule.right.map((term) => values(term.key));
  const total = (list: number[]) => shown(list.reduce((sum, value) => sum + value, 0), rule.decimals);
  const note = (published ? rule.note?.published : rule.note?.generated) ?? '';
  const wording = rule.wording;
  if (wording.kind === 'sum') {
    return `${describeCell(grid.definition, rule.at.key)}为 ${total(left)}，但${wording.parts}之和为 ${total(right)}${note}`;
  }
  const terms = [...left, ...right].map((value, i) => `${wording.terms[i]} ${value}`);
  const leftTerms = terms.slice(0, left.length).join(' + ');
  const rightTerms = terms.slice(left.length).join(' + ');
  return (
    `${describeColumn(grid.definition, rule.at.key)}：${wording.left}之和为 ${total(left)}（${leftTerms}），` +
    `${wording.right}之和为 ${total(right)}（${rightTerms}），二者应相等${note}`
  );
}

/**
 * Checks every balance rule of `format` on a report that passed its schema.
 * `published`: the report reproduces a published one, so rules of severity
 * `generated` are warnings.
 */
export function checkBalances(report: unknown, format: AnyFormat, options: { published: boolean }): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const rules = balanceRules(format.tables, format.balances, { advisories: true });
  // Grids printing the same data (the legacy table in two unit styles) are checked once.
  const checkedPaths = new Set<string>();
  for (const grid of format.tables) {
    const dataPath = grid.definition.dataPath.join('.');
    if (checkedPaths.has(dataPath)) continue;
    checkedPaths.add(dataPath);
    const data = tableData(report, grid);
    if (data === undefined || data === null) continue;
    const values = (key: readonly string[]) => readCellValue(data, key) ?? 0;
    const scale = (decimals: number) => 10 ** decimals;
    for (const rule of rules.filter((candidate) => candidate.tableId === grid.definition.id)) {
      const factor = scale(rule.decimals);
      const side = (terms: BalanceRule['left']) => Math.round(terms.reduce((sum, term) => sum + values(term.key), 0) * factor);
      if (side(rule.left) === side(rule.right)) continue;
      const severity = rule.severity === 'generated' ? (options.published ? 'warning' : 'error') : rule.severity;
      diagnostics.push({
        code: rule.code,
        severity,
        stage: 'rules',
        path: [...grid.definition.dataPath, ...rule.at.key],
        message: message(rule, grid, values, options.published),
      });
    }
  }
  return diagnostics;
}
