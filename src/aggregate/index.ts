/**
 * `xxgk aggregate`: read many units' data files or workbooks for one year,
 * sum their tables, and write the 汇总 workbook plus the summed report data
 * (YAML), from which the summary report itself can be built.
 *
 *   const { written } = await aggregateFiles(['各单位/'], { out: '汇总.xlsx', organization: '示范市青禾区人民政府' });
 */
import path from 'node:path';
import { builtInFormats } from '../formats/index.js';
import type { FormatRegistry } from '../formats/registry.js';
import { writeFilesAtomic } from '../io/output-file.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { AggregateRefusal, type AggregateResult } from './aggregate.js';
import { expandInputs, readUnits, type UnitFailure } from './units.js';
import { summarizeUnits } from './summarize.js';

export { aggregateUnits, checkUnits, AggregateRefusal, type AggregateOptions, type AggregateResult, type DetailColumn } from './aggregate.js';
export { expandInputs, isOutsideWorkbook, readUnit, readUnitBytes, readUnits, type Unit, type UnitFailure } from './units.js';
export { DEFAULT_AGGREGATE_ORGANIZATION, summarizeUnits, type SummarizeOptions, type SummedUnits } from './summarize.js';
export {
  openOverview,
  overviewUnits,
  type OpenedOverview,
  type Overview,
  type OverviewCell,
  type OverviewDetailColumn,
  type OverviewDiagnostic,
  type OverviewInput,
  type OverviewOptions,
  type OverviewTable,
  type OverviewUnit,
  type UnitStatus,
} from './overview.js';
export {
  aggregateDocument,
  renderAggregateWorkbook,
  detailRows,
  detailColumnLabel,
  problemRows,
  problemPlace,
  unitStatusLabel,
  DETAIL_FIXED_COLUMNS,
  type AggregateWorkbookOptions,
  type ProblemRow,
} from './workbook.js';

/** Some inputs could not be read at all; nothing was written. */
export class AggregateInputError extends AggregateRefusal {
  override name = 'AggregateInputError';
  constructor(
    message: string,
    readonly failures: readonly UnitFailure[],
  ) {
    super(message);
  }
}

export interface AggregateFilesOptions {
  /** The 汇总 workbook to write. */
  out: string;
  /** The summed report data (YAML); default: `out` with .yaml. */
  dataOut?: string;
  /** The aggregating office; default “汇总”. */
  organization?: string;
  level?: string;
  signatureDate?: string;
  /** The formats units may be in (default: the built-in ones); those whose workbooks can be read back are summed. */
  formats?: FormatRegistry;
  concurrency?: number;
  wanDecimals?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface AggregateFilesResult {
  result: AggregateResult;
  /** Problems of the summed report itself (an imbalance inherited from a unit shows up here too). */
  summaryDiagnostics: Diagnostic[];
  written: string[];
}

export async function aggregateFiles(inputs: readonly string[], options: AggregateFilesOptions): Promise<AggregateFilesResult> {
  const formats = options.formats ?? builtInFormats;
  const { files, missing } = await expandInputs(inputs);
  if (missing.length > 0) {
    throw new AggregateInputError(`找不到以下输入：${missing.join('、')}；没有生成任何文件`, missing.map((file) => ({ file, message: '找不到' })));
  }
  if (files.length === 0) throw new AggregateRefusal('没有找到可汇总的文件（支持 .xlsx、.yaml、.yml、.json）');

  const out = path.resolve(options.out);
  const dataOut = path.resolve(options.dataOut ?? out.replace(/\.xlsx$/i, '') + '.yaml');
  const collision = files.find((file) => [out, dataOut].includes(path.resolve(file)));
  if (collision) throw new AggregateRefusal(`输出文件 ${collision} 同时也是输入文件，请换一个输出文件名`);

  const { units, failures } = await readUnits(files, formats, {
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  if (failures.length > 0) {
    const lines = failures.slice(0, 20).map((failure) => `  ${failure.message}`);
    const more = failures.length > 20 ? `\n  ……另有 ${failures.length - 20} 个` : '';
    throw new AggregateInputError(`${failures.length} 个文件无法读取，没有生成汇总（请改正或去掉这些文件后重试）：\n${lines.join('\n')}${more}`, failures);
  }

  const summed = await summarizeUnits(units, formats, { ...options, dataName: path.basename(dataOut) });
  const { result, summaryDiagnostics } = summed;
  // Render both before writing either: a failure leaves nothing behind.
  const workbook = await summed.workbook();
  const yaml = summed.dataText(path.basename(out));
  // Both or neither: a failure while writing leaves no data file without its workbook.
  await writeFilesAtomic([
    { target: out, data: workbook },
    { target: dataOut, data: yaml },
  ]);
  return { result, summaryDiagnostics, written: [out, dataOut] };
}
