/**
 * Reading the units to aggregate: report data files (YAML/JSON) and
 * statistics workbooks, each validated so that its problems can be listed.
 * A file that cannot be read at all is a failure; one whose numbers break
 * rules is a unit with diagnostics (included and flagged).
 */
import { readInputFile } from '../io/load.js';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FormatRegistry } from '../formats/registry.js';
import { loadFromData, loadReportText, ReportReadError, type LoadResult } from '../io/load.js';
import { importWorkbook } from '../import/xlsx-import.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { validateLoaded } from '../validate/index.js';
import { completeReportTotals } from '../tables/totals.js';

export interface Unit {
  file: string;
  source: 'xlsx' | 'data';
  organization: string;
  year: number | undefined;
  formatId: string | undefined;
  /** The unit's data as read (data-file shape); tables are summed from here. */
  data: Record<string, unknown>;
  /** Import problems (workbooks), schema problems and 勾稽 rule results. */
  diagnostics: Diagnostic[];
}

export interface UnitFailure {
  file: string;
  message: string;
}

export const WORKBOOK_EXTENSIONS = ['.xlsx', '.xlsm'];
export const DATA_EXTENSIONS = ['.yaml', '.yml', '.json'];
const KNOWN = [...WORKBOOK_EXTENSIONS, ...DATA_EXTENSIONS];

/**
 * Diagnostics about what a statistics workbook does not hold — the narrative,
 * the organisation level, and the information fee when the data has none (a
 * workbook written before the fee rows) — are noise for units read from
 * workbooks (and for the summed data), so they are left out of 问题清单.
 * Pass the data to keep the fee's diagnostics when it does hold a fee.
 */
export function isOutsideWorkbook(diagnostic: Diagnostic, data?: Record<string, unknown>): boolean {
  const head = diagnostic.path[0];
  return (
    head === 'narrative' ||
    (head === 'fee' && data?.fee === undefined) ||
    (diagnostic.code === 'XLSX-INFO' && diagnostic.path.join('.') === 'organization.level')
  );
}

/** The format a data file selects (spec §1): `format` if written, else by year. */
export function formatIdOf(data: Record<string, unknown>, formats: FormatRegistry): string | undefined {
  if (typeof data.format === 'string') return data.format;
  const year = data.year;
  if (typeof year !== 'number' || !Number.isInteger(year)) return undefined;
  return formats.forYear(year).id;
}

function describe(file: string, source: Unit['source'], data: Record<string, unknown>, diagnostics: Diagnostic[], formats: FormatRegistry): Unit {
  const organization = data.organization && typeof data.organization === 'object' ? (data.organization as Record<string, unknown>).name : undefined;
  return {
    file,
    source,
    organization: typeof organization === 'string' ? organization : '',
    year: typeof data.year === 'number' && Number.isInteger(data.year) ? data.year : undefined,
    formatId: formatIdOf(data, formats),
    data,
    diagnostics,
  };
}

function decode(bytes: Uint8Array, file: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new ReportReadError(`文件 "${file}" 不是 UTF-8 编码（可能是 GBK 等编码），请在编辑器中另存为 UTF-8 后重试`, file, { cause });
  }
}

/** Reads and validates one unit from its bytes. Throws ReportReadError when the file is unusable. */
export function readUnitBytes(file: string, bytes: Uint8Array, formats: FormatRegistry): Unit {
  const extension = path.extname(file).toLowerCase();
  if (WORKBOOK_EXTENSIONS.includes(extension) || (!DATA_EXTENSIONS.includes(extension) && bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    const imported = importWorkbook(bytes, { formats: formats.importable, fileName: file });
    const validation = validateLoaded(loadFromData(imported.data, file), { formats });
    const diagnostics = [...imported.diagnostics, ...validation.diagnostics].filter((d) => !isOutsideWorkbook(d, imported.data));
    return describe(file, 'xlsx', imported.data, diagnostics, formats);
  }
  const load: LoadResult = loadReportText(decode(bytes, file), file);
  const raw = load.raw;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const first = load.diagnostics[0];
    const where = first?.start !== undefined ? `第 ${first.start.line} 行：` : '';
    throw new ReportReadError(`"${file}" 无法读取：${where}${first?.message ?? '文件是空的或不是报告数据'}`, file);
  }
  const validation = validateLoaded(load, { formats });
  // Totals the data file leaves out are summed as xxgk computes them.
  const format = formats.select(raw).format;
  const data = format ? completeReportTotals(raw as Record<string, unknown>, format.tables.map((grid) => grid.definition)) : raw;
  return describe(file, 'data', data as Record<string, unknown>, validation.diagnostics, formats);
}

/** A unit's workbook: ours are a few dozen KB; anything this large is not one. Data files keep the loader's limit. */
const MAX_UNIT_WORKBOOK_BYTES = 20 * 1024 * 1024;

export async function readUnit(file: string, formats: FormatRegistry): Promise<Unit> {
  let bytes: Uint8Array;
  try {
    // Bounded like every other input: a huge or special file is refused, not read whole.
    bytes = await readInputFile(file, /\.xlsx$/i.test(file) ? { maxBytes: MAX_UNIT_WORKBOOK_BYTES, what: '工作簿' } : {});
  } catch (cause) {
    if (cause instanceof ReportReadError) throw cause;
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    const reason =
      code === 'ENOENT'
        ? `找不到文件 "${file}"`
        : code === 'EISDIR'
          ? `"${file}" 是一个文件夹`
          : code === 'EACCES' || code === 'EPERM'
            ? `没有权限读取文件 "${file}"`
            : `读取文件 "${file}" 失败：${cause instanceof Error ? cause.message : String(cause)}`;
    throw new ReportReadError(reason, file, { cause });
  }
  return readUnitBytes(file, bytes, formats);
}

/**
 * Reads every file, a few at a time (reading overlaps parsing). Failures are
 * collected rather than thrown, so the user sees every unreadable file at once.
 */
export async function readUnits(
  files: readonly string[],
  formats: FormatRegistry,
  options: { concurrency?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ units: Unit[]; failures: UnitFailure[] }> {
  const results: (Unit | UnitFailure)[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const file = files[i]!;
      try {
        results[i] = await readUnit(file, formats);
      } catch (error) {
        if (!(error instanceof ReportReadError)) throw error;
        results[i] = { file, message: error.message };
      }
      options.onProgress?.(++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 8, files.length)) }, worker));
  const units: Unit[] = [];
  const failures: UnitFailure[] = [];
  for (const result of results) {
    if ('diagnostics' in result) units.push(result);
    else failures.push(result);
  }
  return { units, failures };
}

/**
 * Expands the command-line inputs: a folder gives its report files (not
 * recursively; Excel lock files ~$… and hidden files skipped); a name with *
 * or ? is matched in its folder (Windows shells do not expand wildcards).
 */
export async function expandInputs(inputs: readonly string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  const listFolder = async (folder: string, accept: (name: string) => boolean) =>
    (await readdir(folder))
      .filter((name) => !name.startsWith('~$') && !name.startsWith('.') && accept(name))
      .sort((a, b) => a.localeCompare(b, 'zh-CN'))
      .map((name) => path.join(folder, name));
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (info?.isDirectory()) {
      files.push(...(await listFolder(input, (name) => KNOWN.includes(path.extname(name).toLowerCase()))));
    } else if (info) {
      files.push(input);
    } else if (/[*?]/.test(path.basename(input))) {
      const folder = path.dirname(input);
      const pattern = new RegExp(
        `^${path
          .basename(input)
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
        'i',
      );
      const matched = await listFolder(folder, (name) => pattern.test(name)).catch(() => []);
      if (matched.length === 0) missing.push(input);
      files.push(...matched);
    } else {
      missing.push(input);
    }
  }
  return { files: [...new Set(files.map((file) => path.normalize(file)))], missing };
}
