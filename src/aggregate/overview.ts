/**
 * The superior office's view of its units (the workbench's 汇总 screen), as
 * plain JSON: one row per unit with its status and located problems, the
 * summed tables laid out from the grids ready to draw, 明细 and 问题清单 as
 * rows — and, for download, the 汇总 workbook and the summed data file in
 * memory. Nothing is written to disk.
 *
 *   const view = await openOverview(['甲.yaml', { name: '乙.xlsx', bytes }], { expected: ['甲局', '乙局', '丙局'] });
 *   view.overview.units   // 甲局 valid, 乙局 errors, 丙局 missing
 *   await view.workbook() // the 汇总 workbook's bytes
 *
 * Unlike `xxgk aggregate`, which refuses to write anything while a unit is
 * unreadable or does not belong, the overview shows every unit: one that
 * cannot be read is `unreadable`; one of another year or format, a second file
 * of the same unit, or one without a name gets an error saying why it is not
 * in the sums, and the others are summed.
 */
import { ReportReadError } from '../io/load.js';
import { builtInFormats } from '../formats/index.js';
import type { FormatRegistry } from '../formats/registry.js';
import { describePlace, type Diagnostic } from '../diagnostics/diagnostic.js';
import { layOutTable } from '../document/table-layout.js';
import type { TableBlock } from '../document/model.js';
import { AggregateRefusal } from './aggregate.js';
import { readUnit, readUnitBytes, type Unit } from './units.js';
import { DETAIL_FIXED_COLUMNS, detailColumnLabel, detailRows, problemRows, type ProblemRow } from './workbook.js';
import { DEFAULT_AGGREGATE_ORGANIZATION, summarizeUnits, type SummedUnits } from './summarize.js';

export type OverviewInput = string | { name: string; bytes: Uint8Array };

export interface OverviewOptions {
  /** The report year to sum; default: the year most readable units have. Units of other years are listed, not summed. */
  year?: number;
  /** The units expected to report (names as in their data): those not found are listed as `missing`. */
  expected?: readonly string[];
  /** The formats units may be in (default: the built-in ones). */
  formats?: FormatRegistry;
  /** The aggregating office (the summed report's organisation); default “汇总”. */
  organization?: string;
  level?: string;
  signatureDate?: string;
  wanDecimals?: number;
}

export type UnitStatus = 'valid' | 'warnings' | 'errors' | 'unreadable' | 'missing';

export interface OverviewDiagnostic {
  code: string;
  severity: Diagnostic['severity'];
  message: string;
  /** The place in the report: 「表」「行」「列」, a narrative part, a sheet cell; null when the problem has none. */
  place: string | null;
  /** Line and column in the unit's data file, when known. */
  line: number | null;
  column: number | null;
}

export interface OverviewUnit {
  /** The file as given (path or name); '' for a missing unit. */
  file: string;
  organization: string;
  year: number | null;
  format: string | null;
  status: UnitStatus;
  /** Whether the unit's numbers are in the summed tables. */
  summed: boolean;
  errors: number;
  warnings: number;
  diagnostics: OverviewDiagnostic[];
}

export interface OverviewCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  /** A header cell (a label that heads a row or column). */
  header: boolean;
  /** The number, for value cells. */
  value?: number;
  /** The value's key within its table's data (`new.np`, `reg_issued`), for value cells. */
  key?: string;
  /** Left for row and group labels, centred otherwise. */
  align: 'left' | 'center';
}

export interface OverviewTable {
  id: string;
  caption: string;
  /** Leading rows that are the table's header. */
  headerRows: number;
  /** One entry per grid row: the cells that start in it, left to right (spans cover the rest). */
  rows: OverviewCell[][];
}

export interface OverviewDetailColumn {
  /** The table's sheet name (表一 …), for table cells; null for the fixed columns. */
  table: string | null;
  label: string;
}

export interface Overview {
  year: number | null;
  format: string | null;
  units: OverviewUnit[];
  summary: {
    /** How many units are in the sums. */
    units: number;
    tables: OverviewTable[];
    /** Problems of the summed report itself (an imbalance inherited from a unit). */
    diagnostics: OverviewDiagnostic[];
    /** Why nothing could be summed, when nothing was. */
    refusal: string | null;
  };
  /** 明细: one row per summed unit, the fixed columns then one per table cell. */
  detail: { columns: OverviewDetailColumn[]; rows: (string | number)[][] };
  /** 问题清单: the summed report's problems, then each summed unit's. */
  problems: ProblemRow[];
}

export interface OpenedOverview {
  overview: Overview;
  /** The 汇总 workbook's bytes (summed tables, 明细, 问题清单); null when nothing could be summed. */
  workbook(): Promise<Uint8Array> | null;
  /** The summed report data (YAML); null when nothing could be summed. `workbookName` is named in its header comment. */
  dataText(workbookName?: string): string | null;
}

const READ_CONCURRENCY = 8;

const normalizeName = (name: string) => name.normalize('NFKC').replace(/\s+/g, '');

function overviewDiagnostic(diagnostic: Diagnostic): OverviewDiagnostic {
  return {
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    place: describePlace(diagnostic.place) ?? null,
    line: diagnostic.start?.line ?? null,
    column: diagnostic.start?.column ?? null,
  };
}

function statusOf(diagnostics: readonly Diagnostic[]): UnitStatus {
  if (diagnostics.some((d) => d.severity === 'error')) return 'errors';
  return diagnostics.length > 0 ? 'warnings' : 'valid';
}

function unitRow(unit: Unit, diagnostics: readonly Diagnostic[], summed: boolean): OverviewUnit {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return {
    file: unit.file,
    organization: unit.organization,
    year: unit.year ?? null,
    format: unit.formatId ?? null,
    status: statusOf(diagnostics),
    summed,
    errors,
    warnings: diagnostics.length - errors,
    diagnostics: diagnostics.map(overviewDiagnostic),
  };
}

function exclusion(code: string, message: string): Diagnostic {
  return { code, severity: 'error', stage: 'aggregate', path: [], message };
}

function mostCommon<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: T | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/** A table block laid out for drawing (see document/table-layout.ts). */
function overviewTable(block: TableBlock): OverviewTable {
  const layout = layOutTable(block);
  return {
    id: layout.id,
    caption: layout.caption,
    headerRows: layout.headerRows,
    rows: layout.rows.map((row) =>
      row.map((cell) => ({
        text: cell.text,
        rowSpan: cell.rowSpan,
        colSpan: cell.colSpan,
        header: cell.header,
        ...(cell.value !== undefined ? { value: cell.value } : {}),
        ...(cell.key !== undefined ? { key: cell.key } : {}),
        align: cell.align,
      })),
    ),
  };
}

async function readOne(input: OverviewInput, formats: FormatRegistry): Promise<Unit | { file: string; message: string }> {
  const file = typeof input === 'string' ? input : input.name;
  try {
    return typeof input === 'string' ? await readUnit(input, formats) : readUnitBytes(input.name, input.bytes, formats);
  } catch (error) {
    if (error instanceof ReportReadError) return { file, message: error.message };
    throw error;
  }
}

/** Reads, checks and sums the units; see the module comment. */
export async function openOverview(inputs: readonly OverviewInput[], options: OverviewOptions = {}): Promise<OpenedOverview> {
  const formats = options.formats ?? builtInFormats;
  // A few files at a time, as readUnits does: a thousand units must not open a thousand files at once.
  const read: (Unit | { file: string; message: string })[] = new Array(inputs.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < inputs.length; i = next++) read[i] = await readOne(inputs[i]!, formats);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(READ_CONCURRENCY, inputs.length)) }, worker));
  const readable = read.filter((entry): entry is Unit => 'diagnostics' in entry);

  // Which units can be summed together: the year asked for (or most units'), then the format most of those have.
  const year = options.year ?? mostCommon(readable.flatMap((unit) => (unit.year !== undefined ? [unit.year] : [])));
  const format = mostCommon(readable.filter((unit) => unit.year === year).flatMap((unit) => (unit.formatId !== undefined ? [unit.formatId] : [])));
  const excluded = new Map<Unit, Diagnostic>();
  const seen = new Map<string, Unit>();
  for (const unit of readable) {
    const name = normalizeName(unit.organization);
    if (unit.year === undefined) excluded.set(unit, exclusion('AGG-YEAR', '没有有效的报告年度（year），未计入汇总'));
    else if (unit.year !== year) excluded.set(unit, exclusion('AGG-YEAR', `报告年度是 ${unit.year} 年，不是汇总的 ${year} 年，未计入汇总`));
    else if (unit.formatId !== format) excluded.set(unit, exclusion('AGG-FORMAT', `格式版本是 ${unit.formatId ?? '未知'}，与其他单位（${format}）不同，未计入汇总`));
    else if (name === '') excluded.set(unit, exclusion('AGG-NAME', '没有机关名称，无法区分单位，未计入汇总'));
    else if (seen.has(name)) excluded.set(unit, exclusion('AGG-DUPLICATE', `与 ${seen.get(name)!.file} 是同一单位同一年度的数据，未计入汇总`));
    else seen.set(name, unit);
  }
  const toSum = readable.filter((unit) => !excluded.has(unit));

  let summed: SummedUnits | undefined;
  let refusal: string | null = null;
  if (toSum.length === 0) {
    refusal = '没有可汇总的单位';
  } else {
    try {
      summed = await summarizeUnits(toSum, formats, {
        organization: options.organization ?? DEFAULT_AGGREGATE_ORGANIZATION,
        ...(options.level ? { level: options.level } : {}),
        ...(options.signatureDate ? { signatureDate: options.signatureDate } : {}),
        ...(options.wanDecimals !== undefined ? { wanDecimals: options.wanDecimals } : {}),
      });
    } catch (error) {
      if (!(error instanceof AggregateRefusal)) throw error;
      refusal = error.message;
    }
  }

  // Each unit with the diagnostics the sum gave it (a missing cell counted as 0), in input order.
  const summedDiagnostics = new Map(summed?.result.units.map((row) => [row.unit, row.diagnostics]) ?? []);
  const units: OverviewUnit[] = read.map((entry) => {
    if (!('diagnostics' in entry)) {
      return {
        file: entry.file,
        organization: '',
        year: null,
        format: null,
        status: 'unreadable',
        summed: false,
        errors: 1,
        warnings: 0,
        diagnostics: [{ code: 'AGG-UNREADABLE', severity: 'error', message: entry.message, place: null, line: null, column: null }],
      };
    }
    const out = excluded.get(entry);
    if (out) return unitRow(entry, [out, ...entry.diagnostics], false);
    const diagnostics = summedDiagnostics.get(entry);
    return unitRow(entry, diagnostics ?? entry.diagnostics, diagnostics !== undefined);
  });
  const present = new Set(readable.map((unit) => normalizeName(unit.organization)));
  for (const name of options.expected ?? []) {
    if (present.has(normalizeName(name))) continue;
    units.push({ file: '', organization: name, year: year ?? null, format: format ?? null, status: 'missing', summed: false, errors: 0, warnings: 0, diagnostics: [] });
  }

  const result = summed?.result;
  const overview: Overview = {
    year: result?.year ?? year ?? null,
    format: result?.format.id ?? format ?? null,
    units,
    summary: {
      units: result?.units.length ?? 0,
      tables: summed ? summed.document.blocks.filter((block): block is TableBlock => block.kind === 'table').map(overviewTable) : [],
      diagnostics: summed?.summaryDiagnostics.map(overviewDiagnostic) ?? [],
      refusal,
    },
    detail: {
      columns: [
        ...DETAIL_FIXED_COLUMNS.map((label) => ({ table: null, label })),
        ...(result?.columns.map((column) => ({ table: column.grid.definition.sheetName, label: detailColumnLabel(column) })) ?? []),
      ],
      rows: result ? detailRows(result) : [],
    },
    problems: result && summed ? problemRows(result, summed.summaryDiagnostics) : [],
  };
  return {
    overview,
    workbook: () => summed?.workbook() ?? null,
    dataText: (workbookName = '汇总.xlsx') => summed?.dataText(workbookName) ?? null,
  };
}

/** The overview alone (JSON-serialisable); `openOverview` also gives the downloads. */
export async function overviewUnits(inputs: readonly OverviewInput[], options: OverviewOptions = {}): Promise<Overview> {
  return (await openOverview(inputs, options)).overview;
}
