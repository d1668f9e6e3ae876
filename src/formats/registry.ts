/**
 * The format versions xxgk knows, and which one a data file uses (spec §1):
 * the `format` it names, or else the one in force for its report year —
 * ≤ 2018 legacy, 2019–2020 v2019, ≥ 2021 v2021.
 *
 * Validation, composition and `xxgk init` ask this module; nothing else
 * branches on a format id.
 */
import { suggest } from '../io/schema-messages.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FormatDefinition, FormatId } from './format.js';
import { legacyFormat } from './legacy/index.js';
import type { ReportLegacy } from './legacy/schema.js';
import { v2019Format } from './v2019/index.js';
import type { ReportV2019 } from './v2019/schema.js';
import { v2021Format } from './v2021/index.js';
import type { ReportV2021 } from './v2021/schema.js';

export type AnyReport = ReportV2021 | ReportV2019 | ReportLegacy;
export type AnyFormat = FormatDefinition<ReportV2021> | FormatDefinition<ReportV2019> | FormatDefinition<ReportLegacy>;

/** Newest first. */
/** What a data file wrote, for a message; any value (an object with no usable toString, a cycle) is safe. */
function describeWritten(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? typeof value).slice(0, 80);
  } catch {
    return typeof value;
  }
}

export const FORMATS: readonly AnyFormat[] = [v2021Format, v2019Format, legacyFormat];

export const FORMAT_IDS: readonly FormatId[] = FORMATS.map((format) => format.id);

/** The first report year of each format (spec §1). */
export const FIRST_YEAR: Readonly<Record<Exclude<FormatId, 'legacy'>, number>> = { v2021: 2021, v2019: 2019 };

/** What each format is called in messages. */
export const FORMAT_NAMES: Readonly<Record<FormatId, string>> = {
  v2021: 'v2021（2021 年度起，国办公开办函〔2021〕30号）',
  v2019: 'v2019（2019、2020 年度，国办公开办函〔2019〕60号 试行格式）',
  legacy: 'legacy（2018 年度及以前，旧条例时期的报告和统计表）',
};

/** The cross-year rules each format runs when last year's report is given. */
export const CROSS_YEAR_RULES: Readonly<Record<FormatId, readonly string[]>> = {
  v2021: ['V21-T1-02', 'V21-T1-03', 'V21-T2-04'],
  v2019: ['V19-T1-05', 'V19-T2-04'],
  legacy: [],
};

export function formatById(id: string): AnyFormat | undefined {
  return FORMATS.find((format) => format.id === id);
}

/** The format in force for a report year (spec §1). */
export function formatIdForYear(year: number): FormatId {
  if (year >= FIRST_YEAR.v2021) return 'v2021';
  if (year >= FIRST_YEAR.v2019) return 'v2019';
  return 'legacy';
}

export function formatForYear(year: number): AnyFormat {
  return formatById(formatIdForYear(year))!;
}

export interface FormatSelection {
  /** The format to validate against; undefined when `format` names none. */
  format?: AnyFormat;
  /** How it was chosen. */
  by: 'format' | 'year' | 'default';
  /** FORMAT-UNKNOWN (error) or FORMAT-YEAR (warning), with data paths but no positions. */
  diagnostics: Diagnostic[];
}

/**
 * Picks the format of loaded, not yet validated data: `format` when written
 * (FORMAT-UNKNOWN when it names none; FORMAT-YEAR, a warning, when the year
 * calls for another), else by `year`. Data without a usable year gets v2021,
 * whose schema then reports the year.
 */
export function selectFormat(raw: unknown): FormatSelection {
  const data = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const year = typeof data.year === 'number' && Number.isInteger(data.year) ? data.year : undefined;
  if (data.format !== undefined && data.format !== null) {
    const format = typeof data.format === 'string' ? formatById(data.format) : undefined;
    if (!format) {
      const written = typeof data.format === 'string' ? `"${data.format}"` : describeWritten(data.format);
      const guess = typeof data.format === 'string' ? suggest(data.format, FORMAT_IDS) : undefined;
      return {
        by: 'format',
        diagnostics: [
          {
            code: 'FORMAT-UNKNOWN',
            severity: 'error',
            stage: 'format',
            path: ['format'],
            message:
              `不认识的报告格式 ${written}${guess ? `，是不是想写 "${guess}"？` : ''}` +
              `可以写的格式有：${FORMAT_IDS.map((id) => FORMAT_NAMES[id]).join('；')}；不写时按 year 自动选择`,
          },
        ],
      };
    }
    const diagnostics: Diagnostic[] = [];
    if (year !== undefined && formatIdForYear(year) !== format.id) {
      diagnostics.push({
        code: 'FORMAT-YEAR',
        severity: 'warning',
        stage: 'format',
        path: ['format'],
        message: `${year} 年度的报告按规定应使用 ${FORMAT_NAMES[formatIdForYear(year)]}，这里指定了 ${format.id}；按指定的格式检查和生成`,
      });
    }
    return { format, by: 'format', diagnostics };
  }
  if (year !== undefined) return { format: formatForYear(year), by: 'year', diagnostics: [] };
  return { format: v2021Format, by: 'default', diagnostics: [] };
}
