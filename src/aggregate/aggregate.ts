/**
 * Summing the tables of many units into one report (the superior office's
 * 汇总). Pure: units in, summed data and per-unit details out. Walks the
 * format's grids, so every value cell of every table is summed and nothing
 * is hard-coded per format.
 */
import type { FormatDefinition } from '../formats/format.js';
import { readCellValue, type TableGrid, type ValueContent } from '../tables/grid.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Unit } from './units.js';

export class AggregateRefusal extends Error {
  override name = 'AggregateRefusal';
}

/** One column of the 明细 sheet: a value cell of a table. */
export interface DetailColumn {
  grid: TableGrid;
  cell: ValueContent;
  /** Full data path, e.g. ['tables', 'requests', 'new', 'np']. */
  path: string[];
}

export interface AggregateOptions {
  /** Name of the aggregating office (the summary report's organisation). */
  organization: string;
  /** Its level (人民政府 by default: a region sums its units). */
  level?: string;
  /** 成文日期 of the summary; default the latest of the units'. */
  signatureDate?: string;
}

export interface AggregateResult {
  format: FormatDefinition<unknown>;
  year: number;
  /** The summed report data, in data-file shape (narrative empty). */
  data: Record<string, unknown>;
  columns: DetailColumn[];
  /** Units in input order, each with its value per column and its diagnostics (aggregation problems added). */
  units: { unit: Unit; values: number[]; diagnostics: Diagnostic[] }[];
}

const normalizeName = (name: string) => name.normalize('NFKC').replace(/\s+/g, '');

/** Refuses what cannot be summed: mixed years or formats, the same unit twice. */
export function checkUnits(units: readonly Unit[], formats: readonly FormatDefinition<unknown>[]): { year: number; format: FormatDefinition<unknown> } {
  if (units.length === 0) throw new AggregateRefusal('没有可汇总的单位');
  const list = (files: string[]) => (files.length <= 3 ? files.join('、') : `${files.slice(0, 3).join('、')} 等 ${files.length} 个文件`);

  const noYear = units.filter((unit) => unit.year === undefined);
  if (noYear.length > 0) throw new AggregateRefusal(`以下文件没有有效的报告年度（year），无法汇总：${list(noYear.map((u) => u.file))}`);
  const byYear = groupBy(units, (unit) => String(unit.year));
  if (byYear.size > 1) {
    const parts = [...byYear].map(([year, group]) => `${year} 年 ${group.length} 个（${list(group.map((u) => u.file))}）`);
    throw new AggregateRefusal(`输入文件的报告年度不一致：${parts.join('；')}。汇总只能针对同一年度，请分年度分别汇总`);
  }
  const byFormat = groupBy(units, (unit) => unit.formatId ?? '未知');
  if (byFormat.size > 1) {
    const parts = [...byFormat].map(([id, group]) => `${id} ${group.length} 个（${list(group.map((u) => u.file))}）`);
    throw new AggregateRefusal(`输入文件的格式版本不一致：${parts.join('；')}。只能汇总同一格式版本的报告`);
  }
  const formatId = units[0]!.formatId;
  const format = formats.find((candidate) => candidate.id === formatId);
  if (!format) throw new AggregateRefusal(`格式版本“${formatId ?? '未知'}”暂不支持汇总（支持：${formats.map((f) => f.id).join('、')}）`);

  const unnamed = units.filter((unit) => normalizeName(unit.organization) === '');
  if (unnamed.length > 0) throw new AggregateRefusal(`以下文件没有机关名称，无法区分单位：${list(unnamed.map((u) => u.file))}`);
  const byName = groupBy(units, (unit) => normalizeName(unit.organization));
  const duplicates = [...byName.values()].filter((group) => group.length > 1);
  if (duplicates.length > 0) {
    const parts = duplicates.map((group) => `“${group[0]!.organization}”出现 ${group.length} 次（${group.map((u) => u.file).join('、')}）`);
    throw new AggregateRefusal(`同一单位同一年度的数据重复，未汇总：${parts.join('；')}。请去掉重复的文件后重试`);
  }
  return { year: units[0]!.year!, format };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function dataAt(data: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), data);
}

function setIn(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.forEach((part, i) => {
    if (i === path.length - 1) node[part] = value;
    else node = (node[part] ??= {}) as Record<string, unknown>;
  });
}

/** Amounts in 万元 are summed as whole 元 (1 元 = 0.0001 万元), so 1,000 units add up exactly. */
const SCALE: Record<ValueContent['format'], number> = { count: 1, signed: 1, wan: 10_000 };

/**
 * The information-processing fee (the data file's `fee`) summed over the units that
 * state it — count, and amount in whole 分 so the sum is exact. None states
 * it: no fee (older workbooks). Some do: a unit without one counts as 0 and
 * gets a warning, so the sum is never silently short.
 */
function sumFees(rows: readonly { unit: Unit; diagnostics: Diagnostic[] }[]): { count: number; amount_yuan: number } | undefined {
  const fees = rows.map(({ unit }) => {
    const fee = dataAt(unit.data, ['fee']) as { count?: unknown; amount_yuan?: unknown } | undefined;
    return fee && typeof fee === 'object' && typeof fee.count === 'number' && Number.isFinite(fee.count) && typeof fee.amount_yuan === 'number' && Number.isFinite(fee.amount_yuan)
      ? { count: fee.count, amount_yuan: fee.amount_yuan }
      : undefined;
  });
  if (fees.every((fee) => fee === undefined)) return undefined;
  let count = 0;
  let fen = 0;
  fees.forEach((fee, i) => {
    if (fee) {
      count += fee.count;
      fen += Math.round(fee.amount_yuan * 100);
      return;
    }
    rows[i]!.diagnostics.push({
      code: 'AGG-FEE-MISSING',
      severity: 'warning',
      stage: 'aggregate',
      path: ['fee'],
      message: '没有信息处理费（fee）的收费件数和金额，汇总时按 0 计；其他单位填写了信息处理费',
    });
  });
  if (!Number.isSafeInteger(count) || !Number.isSafeInteger(fen)) throw new AggregateRefusal('信息处理费的合计超出了可精确计算的范围');
  return { count, amount_yuan: fen / 100 };
}

export function aggregateUnits(units: readonly Unit[], formats: readonly FormatDefinition<unknown>[], options: AggregateOptions): AggregateResult {
  const { year, format } = checkUnits(units, formats);
  const columns: DetailColumn[] = [];
  for (const grid of format.tables) {
    for (const anchor of grid.valueCells) {
      columns.push({ grid, cell: anchor.content, path: [...grid.definition.dataPath, ...anchor.content.key] });
    }
  }
  const totals = new Array<number>(columns.length).fill(0);
  const rows = units.map((unit) => {
    const diagnostics = [...unit.diagnostics];
    // A published report printed in its own layout (e.g. （六）其他处理 as one row) has cells the summary lacks.
    if (format.layoutFor?.(unit.data)) {
      diagnostics.push({
        code: 'AGG-LAYOUT',
        severity: 'error',
        stage: 'aggregate',
        path: ['tables'],
        message:
          '该单位的统计表按已发布的原表印法写成（如“（六）其他处理”只有一行 other），与法定格式的汇总表不能逐格相加；' +
          '汇总表中没有的格不计入、法定格式中它没有的格按 0 汇总。请把数据改写为法定格式的各行后再汇总',
      });
    }
    const values = columns.map((column, i) => {
      const tableData = dataAt(unit.data, column.grid.definition.dataPath);
      const value = readCellValue(tableData, column.cell.key);
      if (value === undefined || !Number.isFinite(value)) {
        diagnostics.push({
          code: 'AGG-MISSING',
          severity: 'error',
          stage: 'aggregate',
          path: column.path,
          message: `「${column.grid.definition.caption}」表${column.cell.rowLabel ? `「${column.cell.rowLabel}」行` : ''}「${column.cell.colLabel}」列没有数字，按 0 汇总`,
        });
        return 0;
      }
      totals[i]! += Math.round(value * SCALE[column.cell.format]);
      return value;
    });
    return { unit, values, diagnostics };
  });

  const latest = units
    .map((unit) => dataAt(unit.data, ['signature', 'date']))
    .filter((date): date is string => typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date))
    .sort()
    .pop();
  const signatureDate = options.signatureDate ?? latest ?? new Date().toISOString().slice(0, 10);

  const data: Record<string, unknown> = {
    format: format.id,
    year,
    organization: { name: options.organization, level: options.level ?? '人民政府' },
    signature: { date: signatureDate },
  };
  columns.forEach((column, i) => {
    const total = totals[i]!;
    if (!Number.isSafeInteger(total)) throw new AggregateRefusal(`「${column.grid.definition.caption}」表的合计超出了可精确计算的范围`);
    setIn(data, column.path, total / SCALE[column.cell.format]);
  });
  const fee = sumFees(rows);
  if (fee) data.fee = fee;
  return { format, year, data, columns, units: rows };
}
