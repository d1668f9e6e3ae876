/**
 * `audit`: published reports read back (extract) and checked as a whole:
 * every rule of the report's format in published mode (the 勾稽 identities,
 * text against tables, G-02, G-07 on a dated signature), the extract's label
 * and heading variations, the six parts, the fee statement, the title's
 * form, the publication date a page states, and continuity across years
 * where several years of one body are given (the format's cross-year rules,
 * run by validate exactly as `validate --previous` runs them).
 *
 * Cells extract could not read (a flattened row with several splits, a
 * missing row) are left out of every check that needs them, so no 勾稽 error
 * is reported on a number the report did not print: the extract's own
 * diagnostic names the row instead.
 */
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeText, documentForm, extractDocument, isSixPartFormat } from '../extract/index.js';
import type { MonthDay, OrganizationLevel } from '../formats/common/deadlines.js';
import { withLayoutFor } from '../formats/format.js';
import { builtInFormats } from '../formats/index.js';
import type { AnyFormat, FormatRegistry } from '../formats/registry.js';
import { loadFromData, loadReportText } from '../io/load.js';
import { balanceRules } from '../tables/balances.js';
import { readCellValue, type TableGrid } from '../tables/grid.js';
import { attachPlaces, validateLoaded } from '../validate/index.js';
import { placeOfPath } from '../validate/place.js';
import { checkPageDate, checkTitle, inferLevel, missingFee, missingLegacyFee, pageDate, statesFee, statesLegacyFee } from './checks.js';
import { sameBody } from './bodies.js';

/** One input: a published document (HTML, text, PDF, DOCX) or, for `previous`, also a data file (YAML/JSON). */
export interface AuditInput {
  /** How messages name it (a path as the user gave it). */
  name: string;
  bytes: Uint8Array;
  /** Set by a caller that could not read the file at all (missing, too large): the input is listed as unreadable with this reason. */
  unreadable?: string;
}

export interface AuditOptions {
  /** Earlier years (published documents or data files) for the continuity checks; not audited themselves. */
  previous?: readonly AuditInput[];
  /** The formats to choose from by year (default: the built-in ones). */
  formats?: FormatRegistry;
  /** Per-level publication deadlines replacing the statutory ones (G-07). */
  deadlines?: Partial<Record<OrganizationLevel, MonthDay>>;
}

export type AuditStatus = 'passed' | 'warnings' | 'errors' | 'unreadable' | 'refused';

/** 状态 as the 单位 sheet and the summary print it. */
export const AUDIT_STATUS_LABELS: Readonly<Record<AuditStatus, string>> = {
  passed: '通过',
  warnings: '有提示',
  errors: '有错误',
  unreadable: '无法读取',
  refused: '不是年度报告',
};

export interface AuditedReport {
  name: string;
  status: AuditStatus;
  /** The organisation as the title names it. */
  organization?: string;
  year?: number;
  format?: { id: string; label: string };
  /** Why it was not audited (unreadable, refused), in Chinese. */
  reason?: string;
  /** Every problem, each with `file` = name and its place. */
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
  /** The report of the year before that the continuity checks compared with. */
  previous?: string;
}

export interface AuditResult {
  reports: AuditedReport[];
  /**
   * Inputs that could not serve (an unreadable --previous file, a --previous
   * of another body than every audited report): one diagnostic each, naming
   * the file. The CLI exits 2 when there is any, or any report is unreadable.
   */
  inputProblems: Diagnostic[];
}

/** Data file extensions a --previous input may have. */
const DATA_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

interface ReadReport {
  input: AuditInput;
  data?: Record<string, unknown>;
  format?: AnyFormat;
  extractDiagnostics: Diagnostic[];
  /** Data paths (joined with '.') of the cells extract could not read. */
  unread: Set<string>;
  levelKnown: boolean;
  /** The level was taken from the organisation's name (…局 → 部门), not stated by extract. */
  levelInferred?: boolean;
  pageDate?: string;
  unreadable?: string;
  refusal?: string;
}

const pathKey = (p: readonly (string | number)[]) => p.join('.');

function organizationOf(data: Record<string, unknown> | undefined): { name?: string; level?: string } {
  const organization = data?.organization;
  return organization && typeof organization === 'object' ? (organization as { name?: string; level?: string }) : {};
}

/** The cells left null by extract where it reported the row or table unread (a null it did not report is a blank cell: G-02). */
function unreadCells(data: Record<string, unknown>, format: AnyFormat, diagnostics: readonly Diagnostic[]): Set<string> {
  const unread = new Set<string>();
  const failures = diagnostics.filter((d) => d.stage === 'extract' && d.severity === 'error' && d.place?.table);
  if (failures.length === 0) return unread;
  const layout = withLayoutFor(format, data);
  for (const grid of layout.tables) {
    const tableData = grid.definition.dataPath.reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), data);
    for (const { content } of grid.valueCells) {
      if (tableData && typeof tableData === 'object' && readCellValue(tableData, content.key) !== undefined) continue;
      const cellPath = [...grid.definition.dataPath, ...content.key];
      const place = placeOfPath(layout, cellPath);
      const reported = failures.some((d) => d.place!.table!.id === grid.definition.id && (!d.place!.row || d.place!.row.id === place?.row?.id));
      if (reported) unread.add(pathKey(cellPath));
    }
  }
  return unread;
}

/** Where a page states its publication date: the first 256 KB, cut before a UTF-8 continuation byte. */
function head(bytes: Uint8Array, limit = 256 * 1024): Uint8Array {
  if (bytes.byteLength <= limit) return bytes;
  let end = limit;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** The 勾稽 rules of a format's layout, derived once per layout (the grids and balances are values). */
const rulesCache = new WeakMap<object, ReturnType<typeof balanceRules>>();
function rulesOf(format: AnyFormat): ReturnType<typeof balanceRules> {
  let rules = rulesCache.get(format.tables);
  if (!rules) {
    rules = balanceRules(format.tables, format.balances, { advisories: true });
    rulesCache.set(format.tables, rules);
  }
  return rules;
}

function isRefusalOfFormat(refusal: string): boolean {
  // extract's refusal of a report it recognised but whose format it cannot read (spec §1: legacy reports).
  return /暂不支持/.test(refusal);
}

async function readReport(input: AuditInput, formats: FormatRegistry, allowData: boolean): Promise<ReadReport> {
  const base: ReadReport = { input, extractDiagnostics: [], unread: new Set(), levelKnown: false };
  if (input.unreadable !== undefined) return { ...base, unreadable: input.unreadable };
  const extension = path.extname(input.name).toLowerCase();
  if (allowData && DATA_EXTENSIONS.has(extension)) {
    const text = decodeText(input.bytes);
    if (text === undefined) return { ...base, unreadable: '不是 UTF-8 编码的数据文件，无法读取' };
    const load = loadReportText(text, input.name);
    const failure = load.diagnostics.find((d) => d.severity === 'error');
    if (failure || !load.raw || typeof load.raw !== 'object' || Array.isArray(load.raw)) {
      return { ...base, unreadable: `数据文件无法读取：${failure?.message ?? '内容不是一份报告数据'}` };
    }
    const data = load.raw as Record<string, unknown>;
    const format = formats.select(data).format;
    return { ...base, data, ...(format ? { format } : {}), levelKnown: typeof organizationOf(data).level === 'string' };
  }
  let extracted: Awaited<ReturnType<typeof extractDocument>>;
  try {
    extracted = await extractDocument(input.bytes, input.name, { formats });
  } catch (error) {
    // The readers parse recursively: a page nested thousands of tags deep exhausts the stack.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      return { ...base, unreadable: '网页的标签嵌套过深（成千上万层），不像一份年度报告，无法读取' };
    }
    return { ...base, unreadable: `读取时出错（${error instanceof Error ? error.message : String(error)}），无法读取` };
  }
  if (extracted.unreadable) return { ...base, unreadable: extracted.unreadable };
  if (!extracted.data || !extracted.format) {
    const refusal = extracted.refusal ?? '没有读出年度报告';
    return isRefusalOfFormat(refusal) ? { ...base, unreadable: refusal } : { ...base, refusal };
  }
  const data = extracted.data;
  const organization = { ...organizationOf(data) };
  let levelKnown = typeof organization.level === 'string';
  let levelInferred = false;
  if (!levelKnown) {
    const inferred = inferLevel(organization.name ?? '');
    levelKnown = inferred !== undefined;
    levelInferred = levelKnown;
    // The schema needs a level; 其他 is checked against the latest statutory deadline (3 月 31 日).
    organization.level = inferred ?? '其他';
    data.organization = organization;
  }
  const form = documentForm(input.bytes, input.name);
  const text = form === 'textual' ? decodeText(head(input.bytes)) : undefined;
  const date = text !== undefined ? pageDate(text) : undefined;
  return {
    ...base,
    data,
    format: extracted.format,
    extractDiagnostics: extracted.diagnostics,
    unread: unreadCells(data, extracted.format, extracted.diagnostics),
    levelKnown,
    ...(levelInferred ? { levelInferred } : {}),
    ...(date ? { pageDate: date } : {}),
  };
}

/** What the audit shows of extract's diagnostics: the data-file instructions it replaces go, an unsplittable flattened row is a warning. */
function auditExtractDiagnostics(report: ReadReport): Diagnostic[] {
  const shown: Diagnostic[] = [];
  for (const diagnostic of report.extractDiagnostics) {
    if (diagnostic.code === 'EXTRACT-LEVEL' || diagnostic.code === 'EXTRACT-FEE') continue;
    if (diagnostic.code === 'EXTRACT-SPLIT' && diagnostic.severity === 'error') {
      // The printed report may well be right: its text form lost the separators between cells.
      shown.push({ ...diagnostic, severity: 'warning', message: `${diagnostic.message}；审查时这些格不参与勾稽检查` });
    } else shown.push(diagnostic);
  }
  // A format whose regulation gives every body one date (the 2007 regulation: 3 月 31 日): the level does not change the deadline.
  const statutory = report.format?.deadlines;
  const uniform = statutory && new Set(Object.values(statutory).map((d) => `${d.month}-${d.day}`)).size === 1 ? statutory.其他 : undefined;
  if (uniform && (report.levelInferred || !report.levelKnown)) {
    shown.push({
      code: 'AUDIT-LEVEL',
      severity: 'info',
      stage: 'audit',
      path: ['organization', 'level'],
      message: `${report.levelInferred ? `按机关名称“${organizationOf(report.data).name}”推定为部门；` : ''}发布时限不分机关类别，按次年 ${uniform.month} 月 ${uniform.day} 日检查（${uniform.reason}）`,
    });
  } else if (report.levelInferred) {
    shown.push({
      code: 'AUDIT-LEVEL',
      severity: 'info',
      stage: 'audit',
      path: ['organization', 'level'],
      message: `按机关名称“${organizationOf(report.data).name}”推定为部门，发布时限按次年 1 月 31 日检查（条例第四十九条）`,
    });
  } else if (!report.levelKnown) {
    shown.push({
      code: 'AUDIT-LEVEL',
      severity: 'info',
      stage: 'audit',
      path: ['organization', 'level'],
      message: `从机关名称“${organizationOf(report.data).name || '（无）'}”看不出机关类别（人民政府、部门、乡镇街道），发布时限按最晚的 3 月 31 日检查`,
    });
  }
  return shown;
}

/** The tables (by data path) holding a cell that was not read. */
function tablesWithUnread(report: ReadReport | undefined, grids: readonly TableGrid[]): Set<string> {
  const tables = new Set<string>();
  if (!report) return tables;
  for (const grid of grids) {
    const prefix = `${pathKey(grid.definition.dataPath)}.`;
    for (const cell of report.unread) if (cell.startsWith(prefix)) tables.add(pathKey(grid.definition.dataPath));
  }
  return tables;
}

/**
 * Validation's diagnostics without those that rest on unread cells: G-02 on
 * a cell extract could not read (it was not blank), a sum with an unread
 * term, a cross-year rule on a table with unread cells this year or last, a
 * sentence compared with an unread cell. Problems of last year's report stay
 * with that report (it is audited on its own when it is one of the inputs).
 */
function usableValidation(current: ReadReport, previous: ReadReport | undefined, previousName: string | undefined, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const format = withLayoutFor(current.format!, current.data);
  const dataPathOf = (tableId: string) => format.tables.find((grid) => grid.definition.id === tableId)?.definition.dataPath ?? [];
  const tainted = new Set<string>();
  for (const rule of rulesOf(format)) {
    const terms = [...rule.left, ...rule.right, rule.at];
    if (terms.some((term) => current.unread.has(pathKey([...dataPathOf(term.tableId), ...term.key])))) {
      tainted.add(`${rule.code}|${pathKey([...dataPathOf(rule.at.tableId), ...rule.at.key])}`);
    }
  }
  const crossYear = new Set(format.crossYearRules);
  const unreadTables = new Set([...tablesWithUnread(current, format.tables), ...tablesWithUnread(previous, format.tables)]);
  const skipped = new Map<string, Diagnostic>();
  // The cross-year rules of one table, by the table in their code (V21-T1-02 → t1); all of them when none names it.
  const rulesOfTable = (grid: TableGrid) => {
    const own = format.crossYearRules.filter((code) => code.includes(`-${grid.definition.id.toUpperCase()}-`));
    return (own.length > 0 ? own : format.crossYearRules).join('、');
  };
  const skipNote = (grid: TableGrid): Diagnostic => ({
    code: 'AUDIT-CONTINUITY-SKIPPED',
    severity: 'info',
    stage: 'audit',
    path: [...grid.definition.dataPath],
    place: { table: { id: grid.definition.id, label: grid.definition.caption } },
    message: `「${grid.definition.caption}」在本报告或上年报告（${previousName ?? ''}）中有格未能读出，这张表的跨年勾稽检查（${rulesOfTable(grid)}）未核对这些格`,
  });
  const kept: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    if (previousName !== undefined && diagnostic.file === previousName && !diagnostic.code.startsWith('PREVIOUS-')) continue;
    const key = pathKey(diagnostic.path);
    if (diagnostic.code === 'G-02' && current.unread.has(key)) continue;
    if (tainted.has(`${diagnostic.code}|${key}`)) continue;
    if (diagnostic.related && current.unread.has(pathKey(diagnostic.related.path))) continue;
    if (crossYear.has(diagnostic.code)) {
      const table = format.tables.find((grid) => key.startsWith(`${pathKey(grid.definition.dataPath)}.`));
      const tableKey = table ? pathKey(table.definition.dataPath) : '';
      // This year's row of the cell, or anything of the table last year (the rule may compare another row: 上年结转 with 结转下年度).
      const row = table ? placeOfPath(format, diagnostic.path)?.row?.id : undefined;
      const rowUnread = table !== undefined && [...current.unread].some((cell) => cell.startsWith(`${tableKey}.`) && placeOfPath(format, cell.split('.'))?.row?.id === row);
      const previousUnread = table !== undefined && tablesWithUnread(previous, format.tables).has(tableKey);
      if (table && (rowUnread || previousUnread)) {
        if (!skipped.has(tableKey)) skipped.set(tableKey, skipNote(table));
        continue;
      }
    }
    if (diagnostic.code === 'V21-S6-01' && !statesFee(current.data!)) continue;
    kept.push(diagnostic);
  }
  if (previous) {
    for (const grid of format.tables) {
      const tableKey = pathKey(grid.definition.dataPath);
      if (!unreadTables.has(tableKey) || skipped.has(tableKey)) continue;
      skipped.set(tableKey, skipNote(grid));
    }
  }
  return [...kept, ...skipped.values()];
}

/** One report audited, with last year's when one of the same body is given. */
function auditReport(current: ReadReport, previous: ReadReport | undefined, options: AuditOptions, formats: FormatRegistry): AuditedReport {
  const name = current.input.name;
  const organization = organizationOf(current.data).name;
  const year = typeof current.data?.year === 'number' ? current.data.year : undefined;
  if (!current.data || !current.format) {
    const unreadable = current.unreadable !== undefined;
    return {
      name,
      status: unreadable ? 'unreadable' : 'refused',
      reason: current.unreadable ?? current.refusal ?? '',
      diagnostics: [],
      errors: 0,
      warnings: 0,
    };
  }
  // Last year's report under its own name; the same name twice (two folders' source.txt) gets a mark.
  const previousName = previous ? (previous.input.name === name ? `${previous.input.name}（上年）` : previous.input.name) : undefined;
  const validated = validateLoaded(loadFromData(current.data, name), {
    ...(previous?.data ? { previous: loadFromData(previous.data, previousName) } : {}),
    ...(options.deadlines ? { deadlines: options.deadlines } : {}),
    formats,
  });
  const format = withLayoutFor(current.format, current.data);
  const own: Diagnostic[] = [];
  if (typeof current.data.title === 'string' && year !== undefined) own.push(...checkTitle(current.data.title, year));
  // The six-part checks apply to the six-part formats; a report under the 2007 regulation has its own (legacy rules, 收费及减免).
  if (isSixPartFormat(current.format)) {
    if (!statesFee(current.data)) own.push(missingFee());
  } else if (!statesLegacyFee(current.data)) own.push(missingLegacyFee());
  if (current.pageDate && year !== undefined) {
    const level = (organizationOf(current.data).level ?? '其他') as OrganizationLevel;
    own.push(
      ...checkPageDate(current.pageDate, year, level, {
        levelKnown: current.levelKnown,
        ...(options.deadlines ? { deadlines: options.deadlines } : {}),
        ...(current.format.deadlines ? { statutory: current.format.deadlines } : {}),
      }),
    );
  }
  const diagnostics = attachPlaces(
    [...auditExtractDiagnostics(current), ...usableValidation(current, previous, previousName, validated.diagnostics), ...own],
    format,
  ).map((diagnostic) => ({ ...diagnostic, file: name }));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return {
    name,
    status: errors > 0 ? 'errors' : warnings > 0 ? 'warnings' : 'passed',
    ...(organization ? { organization } : {}),
    ...(year !== undefined ? { year } : {}),
    format: { id: current.format.id, label: current.format.label },
    diagnostics,
    errors,
    warnings,
    ...(previous ? { previous: previous.input.name } : {}),
  };
}

const yearOf = (report: ReadReport) => (typeof report.data?.year === 'number' ? report.data.year : undefined);
const bodyOf = (report: ReadReport) => organizationOf(report.data).name ?? '';

/**
 * Audits each document; the documents of one body (and the `previous`
 * inputs) give each report last year's for the continuity checks.
 */
export async function auditDocuments(documents: readonly AuditInput[], options: AuditOptions = {}): Promise<AuditResult> {
  const formats = options.formats ?? builtInFormats;
  const audited: ReadReport[] = [];
  for (const document of documents) audited.push(await readReport(document, formats, false));
  const previous: ReadReport[] = [];
  for (const input of options.previous ?? []) previous.push(await readReport(input, formats, true));

  const inputProblems: Diagnostic[] = [];
  const inputProblem = (input: AuditInput, code: string, message: string) =>
    inputProblems.push({ code, severity: 'error', stage: 'audit', file: input.name, path: [], message });
  for (const earlier of previous) {
    if (!earlier.data) {
      inputProblem(earlier.input, 'AUDIT-PREVIOUS-UNREADABLE', `上年报告 ${earlier.input.name}：${earlier.unreadable ?? earlier.refusal ?? '无法读取'}；跨年检查未执行`);
      continue;
    }
    const readable = audited.filter((report) => report.data);
    if (readable.length > 0 && !readable.some((report) => sameBody(bodyOf(report), bodyOf(earlier)))) {
      const year = yearOf(earlier);
      const next = readable.filter((report) => year === undefined || yearOf(report) === year + 1);
      const others = (next.length > 0 ? next : readable).map((report) => `${report.input.name}（${bodyOf(report) || '机关名称不明'}）`);
      inputProblem(
        earlier.input,
        'AUDIT-PREVIOUS-BODY',
        `上年报告 ${earlier.input.name} 是「${bodyOf(earlier) || '机关名称不明'}」${year !== undefined ? `${year} 年度` : ''}的报告，` +
          `与所审报告 ${others.join('、')} 不是同一机关，不能作为其上年报告；跨年检查未执行`,
      );
    }
  }

  const pool = [...audited, ...previous].filter((report) => report.data);
  const reports = audited.map((report) => {
    const year = yearOf(report);
    const last =
      year === undefined || !report.data
        ? undefined
        : pool.find((candidate) => candidate !== report && yearOf(candidate) === year - 1 && sameBody(bodyOf(candidate), bodyOf(report)));
    return auditReport(report, last, options, formats);
  });
  return { reports, inputProblems };
}
