/**
 * A set of format versions, and which one a data file uses (spec §1): the
 * `format` it names, or else the one in force for its report year — the
 * format with the latest first year not after it.
 *
 * Validation, composition, `init`, `import`, `aggregate` and the JSON Schema
 * ask a registry; nothing else branches on a format. The built-in list is
 * ./index.ts; a library user may make a registry with formats of their own.
 */
import { suggest } from '../io/schema-messages.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FormatDefinition } from './format.js';

/** Any format of a registry, whatever its report type. */
export type AnyFormat = FormatDefinition<any>;

export interface FormatSelection {
  /** The format to validate against; undefined when `format` names none. */
  format?: AnyFormat;
  /** How it was chosen. */
  by: 'format' | 'year' | 'default';
  /** FORMAT-UNKNOWN (error) or FORMAT-YEAR (warning), with data paths but no positions. */
  diagnostics: Diagnostic[];
}

export interface FormatRegistry {
  /** In the order given: the first is the default for data without a usable year. */
  readonly formats: readonly AnyFormat[];
  /** Formats by first year, oldest first (a format without a first year comes first). */
  readonly byYear: readonly AnyFormat[];
  byId(id: string): AnyFormat | undefined;
  /** The format in force for a report year (spec §1). */
  forYear(year: number): AnyFormat;
  /** The first report year after `format`'s last, when a later format exists. */
  nextFirstYear(format: AnyFormat): number | undefined;
  /** Picks the format of loaded, not yet validated data. */
  select(raw: unknown): FormatSelection;
  /** The formats whose statistics workbooks can be read back. */
  readonly importable: readonly AnyFormat[];
}

/** What a data file wrote, for a message; any value (an object with no usable toString, a cycle) is safe. */
function describeWritten(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? typeof value).slice(0, 80);
  } catch {
    return typeof value;
  }
}

export class FormatRegistryError extends Error {}

export function createFormatRegistry(formats: readonly AnyFormat[]): FormatRegistry {
  if (formats.length === 0) throw new FormatRegistryError('a format registry needs at least one format');
  const ids = new Set<string>();
  for (const format of formats) {
    if (ids.has(format.id)) throw new FormatRegistryError(`format ${format.id} is registered twice`);
    ids.add(format.id);
  }
  const byYear = [...formats].sort((a, b) => (a.firstYear ?? -Infinity) - (b.firstYear ?? -Infinity));
  const firstYears = byYear.map((format) => format.firstYear);
  if (new Set(firstYears).size !== firstYears.length) {
    throw new FormatRegistryError(`two formats serve the same years: ${byYear.map((f) => `${f.id} from ${f.firstYear ?? 'the start'}`).join(', ')}`);
  }

  const byId = (id: string): AnyFormat | undefined => formats.find((format) => format.id === id);
  const forYear = (year: number): AnyFormat => {
    let chosen = byYear[0]!;
    for (const format of byYear) if (format.firstYear === undefined || format.firstYear <= year) chosen = format;
    return chosen;
  };
  const nextFirstYear = (format: AnyFormat): number | undefined => byYear[byYear.indexOf(format) + 1]?.firstYear;
  const idList = formats.map((format) => format.id);

  function select(raw: unknown): FormatSelection {
    const data = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    const year = typeof data.year === 'number' && Number.isInteger(data.year) ? data.year : undefined;
    if (data.format !== undefined && data.format !== null) {
      const format = typeof data.format === 'string' ? byId(data.format) : undefined;
      if (!format) {
        const written = typeof data.format === 'string' ? `"${data.format}"` : describeWritten(data.format);
        const guess = typeof data.format === 'string' ? suggest(data.format, idList) : undefined;
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
                `可以写的格式有：${formats.map((candidate) => candidate.label).join('；')}；不写时按 year 自动选择`,
            },
          ],
        };
      }
      const diagnostics: Diagnostic[] = [];
      if (year !== undefined && forYear(year) !== format) {
        diagnostics.push({
          code: 'FORMAT-YEAR',
          severity: 'warning',
          stage: 'format',
          path: ['format'],
          message: `${year} 年度的报告按规定应使用 ${forYear(year).label}，这里指定了 ${format.id}；按指定的格式检查和生成`,
        });
      }
      return { format, by: 'format', diagnostics };
    }
    if (year !== undefined) return { format: forYear(year), by: 'year', diagnostics: [] };
    return { format: formats[0]!, by: 'default', diagnostics: [] };
  }

  return {
    formats,
    byYear,
    byId,
    forYear,
    nextFirstYear,
    select,
    importable: formats.filter((format) => format.workbook.importable),
  };
}

/**
 * The report years a format serves, as messages print them: “2018 年度及以前”,
 * “2019、2020 年度”, “2021 年度起”.
 */
export function describeYears(registry: FormatRegistry, format: AnyFormat): string {
  const next = registry.nextFirstYear(format);
  const first = format.firstYear;
  if (first === undefined) return next === undefined ? '各年度' : `${next - 1} 年度及以前`;
  if (next === undefined) return `${first} 年度起`;
  if (next - first <= 3) return `${Array.from({ length: next - first }, (_, i) => first + i).join('、')} 年度`;
  return `${first}—${next - 1} 年度`;
}
