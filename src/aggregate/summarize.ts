/**
 * The summing step shared by `xxgk aggregate` (which writes the files) and
 * the overview (which hands them out in memory): sum the units, check the
 * summed report, lay it out as a document, and render the 汇总 workbook and
 * the summed data file on request.
 */
import { loadFromData } from '../io/load.js';
import type { FormatRegistry } from '../formats/registry.js';
import { reportDataToYaml } from '../import/xlsx-import.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ReportDocument } from '../document/model.js';
import { validateLoaded } from '../validate/index.js';
import { aggregateUnits, type AggregateResult } from './aggregate.js';
import { isOutsideWorkbook, type Unit } from './units.js';
import { aggregateDocument, renderAggregateWorkbook } from './workbook.js';

export const DEFAULT_AGGREGATE_ORGANIZATION = '汇总';

export interface SummarizeOptions {
  organization?: string;
  level?: string;
  signatureDate?: string;
  wanDecimals?: number;
  /** The summed data file's name, for the positions of the summed report's own problems. */
  dataName?: string;
}

/** The units summed, checked and laid out as a document; the workbook and the data file on request, in memory. */
export interface SummedUnits {
  result: AggregateResult;
  /** Problems of the summed report itself (an imbalance inherited from a unit shows up here too). */
  summaryDiagnostics: Diagnostic[];
  /** The summed tables as a document (no narrative). */
  document: ReportDocument;
  /** The 汇总 workbook (summed tables, 明细, 问题清单) as XLSX bytes. */
  workbook(): Promise<Uint8Array>;
  /** The summed report data as YAML text; `workbookName` is named in its header comment. */
  dataText(workbookName: string): string;
}

/** Sums readable units (refusing what cannot be summed, see checkUnits) without touching the file system. */
export async function summarizeUnits(units: readonly Unit[], formats: FormatRegistry, options: SummarizeOptions = {}): Promise<SummedUnits> {
  const result = aggregateUnits(units, formats.importable, {
    organization: options.organization ?? DEFAULT_AGGREGATE_ORGANIZATION,
    ...(options.level ? { level: options.level } : {}),
    ...(options.signatureDate ? { signatureDate: options.signatureDate } : {}),
  });
  const summaryDiagnostics = validateLoaded(loadFromData(result.data, options.dataName ?? '汇总.yaml'), { formats }).diagnostics.filter(
    (d) => !isOutsideWorkbook(d, result.data),
  );
  const parsed = result.format.schema.safeParse(result.data);
  const organization = (result.data.organization as { name: string }).name;
  const title = parsed.success ? result.format.title(parsed.data) : `${organization}${result.year}年政府信息公开工作年度报告`;
  const document = aggregateDocument(result, title, options.wanDecimals ?? 2);
  return {
    result,
    summaryDiagnostics,
    document,
    workbook: () =>
      renderAggregateWorkbook(result, document, {
        summaryDiagnostics,
        ...(options.wanDecimals !== undefined ? { wanDecimals: options.wanDecimals } : {}),
      }),
    dataText: (workbookName) =>
      reportDataToYaml(result.data, {
        comment: [
          `由 xxgk aggregate 汇总 ${units.length} 个单位 ${result.year} 年度的统计表生成（明细见 ${workbookName}）。`,
          '正文（narrative）为空，请补写后再生成报告：xxgk build 本文件',
        ].join('\n'),
      }),
  };
}
