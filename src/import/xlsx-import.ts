/**
 * Reads a statistics workbook of ours — possibly edited and saved by Excel,
 * WPS or LibreOffice — back into report data.
 *
 * The format's grids are the contract: every label and merge of every table
 * sheet must be where the grid puts it, or the workbook is rejected naming
 * the first unexpected cell; each value cell then maps back to its data key.
 * Blank cells read as 0 and numbers typed as text (“12”, “12件”) are read,
 * each with a warning; formulas saved without their results are computed.
 *
 *   const { data, format, diagnostics } = importWorkbook(bytes, { formats: builtInFormats.importable });
 */
import { readFile } from 'node:fs/promises';
import { Document, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { FormatDefinition } from '../formats/format.js';
import { cellAddress, type AnchorCell, type TableDefinition, type TableGrid, type ValueContent } from '../tables/grid.js';
import type { Diagnostic, Place } from '../diagnostics/diagnostic.js';
import { ReportReadError } from '../io/load.js';
import { numberHint } from '../io/schema-messages.js';
import { INFO_LABELS, INFO_SHEET, PUBLISHED_SOURCE } from '../io/xlsx/contract.js';
import { evaluateFormula, FormulaError } from '../io/xlsx/formula.js';
import { readWorkbookFromZip, WorkbookFormatError, type CellRead, type SheetRead, type WorkbookRead } from '../io/xlsx/workbook-reader.js';
import { DEFAULT_ZIP_LIMITS, openZip, ZipReadError, type ZipArchive, type ZipLimits } from '../io/xlsx/zip.js';

export type WorkbookProblem =
  | 'not-xlsx'
  | 'encrypted'
  | 'xls'
  | 'ods'
  | 'other-office'
  | 'corrupt'
  | 'too-large'
  | 'layout'
  | 'format';

/** The workbook cannot be used at all. A ReportReadError, so the CLI prints the message and exits with 2. */
export class WorkbookReadError extends ReportReadError {
  override name = 'WorkbookReadError';
  constructor(
    message: string,
    path: string,
    readonly problem: WorkbookProblem,
    options?: { cause?: unknown },
  ) {
    super(message, path, options);
  }
}

export interface ImportOptions {
  /** The formats the workbook may be in; the one named by 报告信息 › 格式版本 is used. */
  formats: readonly FormatDefinition<unknown>[];
  /** Used in messages. */
  fileName?: string;
  limits?: Partial<ZipLimits>;
}

export interface ImportResult {
  /** Report data in the shape of the data file (format, year, organization, signature, tables, and fee when the workbook holds it). */
  data: Record<string, unknown>;
  format: FormatDefinition<unknown>;
  /** Import problems only (blank cells, numbers as text, unreadable cells); run the validator for the rules. */
  diagnostics: Diagnostic[];
}

// ------------------------------------------------------------------ file recognition

function utf16Contains(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(text, 'utf16le'));
}

function describeNonZip(bytes: Uint8Array, file: string): WorkbookReadError {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 512)).toString('latin1');
  if (bytes.byteLength === 0) return new WorkbookReadError(`"${file}" 是空文件，不是 Excel 工作簿`, file, 'not-xlsx');
  if (/^%PDF/.test(head)) return new WorkbookReadError(`"${file}" 是 PDF 文件，不是 Excel 工作簿（.xlsx）`, file, 'not-xlsx');
  if (/<html|<table|<\?xml/i.test(head)) {
    return new WorkbookReadError(
      `"${file}" 是网页或 XML 文本，不是真正的 Excel 工作簿（有些系统导出的“.xls”其实是网页）。请用 Excel、WPS 或 LibreOffice 打开后另存为“Excel 工作簿（*.xlsx）”再导入`,
      file,
      'not-xlsx',
    );
  }
  return new WorkbookReadError(
    `"${file}" 不是 Excel 工作簿（.xlsx）：文件内容不是 xlsx 格式。请确认选对了文件；如是其他表格文件，请另存为“Excel 工作簿（*.xlsx）”后再导入`,
    file,
    'not-xlsx',
  );
}

function openArchive(bytes: Uint8Array, file: string, limits: ZipLimits): ZipArchive {
  try {
    return openZip(bytes, limits);
  } catch (error) {
    if (!(error instanceof ZipReadError)) throw error;
    switch (error.problem) {
      case 'ole':
        if (utf16Contains(bytes, 'EncryptionInfo') || utf16Contains(bytes, 'EncryptedPackage')) {
          return fail(
            `"${file}" 设置了打开密码（文件已加密），无法读取。请在 Excel 或 WPS 中打开，取消“用密码进行加密”后另存，再导入`,
            'encrypted',
            error,
          );
        }
        return fail(`"${file}" 是旧版 Excel 97-2003 工作簿（.xls）或其他 Office 旧格式文件，请另存为“Excel 工作簿（*.xlsx）”后再导入`, 'xls', error);
      case 'not-zip':
        throw describeNonZip(bytes, file);
      case 'too-large':
      case 'too-many-entries':
      case 'bomb':
        return fail(`"${file}" 过大或结构异常（${error.message}），疑似“压缩炸弹”或异常巨大的工作表，已拒绝读取`, 'too-large', error);
      case 'encrypted-entry':
        return fail(`"${file}" 中的内容已加密，无法读取；请去掉密码后另存再导入`, 'encrypted', error);
      default:
        return fail(`"${file}" 已损坏，无法读取（${error.message}）。请用 Excel、WPS 或 LibreOffice 打开后重新保存`, 'corrupt', error);
    }
  }
  function fail(message: string, problem: WorkbookProblem, cause: unknown): never {
    throw new WorkbookReadError(message, file, problem, { cause });
  }
}

function openWorkbookRead(bytes: Uint8Array, file: string, limits: ZipLimits): WorkbookRead {
  const zip = openArchive(bytes, file, limits);
  const guard = <T>(read: () => T): T => {
    try {
      return read();
    } catch (error) {
      if (error instanceof ZipReadError) {
        const problem: WorkbookProblem = error.problem === 'bomb' || error.problem === 'too-large' ? 'too-large' : error.problem === 'encrypted-entry' ? 'encrypted' : 'corrupt';
        const message =
          problem === 'too-large'
            ? `"${file}" 解压后过大（${error.message}），疑似“压缩炸弹”或异常巨大的工作表，已拒绝读取`
            : `"${file}" 已损坏，无法读取（${error.message}）。请用 Excel、WPS 或 LibreOffice 打开后重新保存`;
        throw new WorkbookReadError(message, file, problem, { cause: error });
      }
      if (error instanceof WorkbookFormatError) throw new WorkbookReadError(`"${file}" 不是可用的 Excel 工作簿：${error.message}`, file, 'corrupt', { cause: error });
      throw error;
    }
  };
  if (!zip.has('xl/workbook.xml') && !zip.has('[Content_Types].xml')) {
    if (zip.has('mimetype') && /opendocument\.spreadsheet/.test(guard(() => zip.text('mimetype')) ?? '')) {
      throw new WorkbookReadError(`"${file}" 是 OpenDocument 电子表格（.ods），请在 LibreOffice 或 WPS 中另存为“Excel 2007-365 (.xlsx)”后再导入`, file, 'ods');
    }
  }
  if (zip.has('word/document.xml')) throw new WorkbookReadError(`"${file}" 是 Word 文档，不是 Excel 工作簿`, file, 'other-office');
  if (zip.has('ppt/presentation.xml')) throw new WorkbookReadError(`"${file}" 是 PowerPoint 演示文稿，不是 Excel 工作簿`, file, 'other-office');
  const workbook = guard(() => readWorkbookFromZip(zip));
  return {
    sheetNames: workbook.sheetNames,
    date1904: workbook.date1904,
    sheet: (name, maxRows) => guard(() => workbook.sheet(name, maxRows)),
  };
}

// ------------------------------------------------------------------ cells

const squeeze = (text: string) => text.replace(/\s+/g, '');

function cellText(cell: CellRead | undefined): string {
  if (!cell) return '';
  switch (cell.content.kind) {
    case 'text':
      return cell.content.value;
    case 'number':
      return String(cell.content.value);
    case 'boolean':
      return cell.content.value ? 'TRUE' : 'FALSE';
    case 'error':
      return cell.content.value;
    case 'empty':
      return '';
  }
}

function shown(text: string): string {
  return text.trim() === '' ? '空白' : `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;
}

/** Plain numbers, signed numbers, and what numberHint understands (12件, １２, 1,234, 3200元 in a 万元 cell). */
function numberFromText(text: string, wan: boolean): number | undefined {
  const trimmed = text.trim().replace(/^'/, '');
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return Number(trimmed);
  const negative = /^[-−－]/.test(trimmed);
  const hint = numberHint(negative ? trimmed.slice(1) : trimmed, wan);
  return hint.value === undefined ? undefined : negative ? -hint.value : hint.value;
}

/** Removes binary floating-point noise a spreadsheet may have added (0.30000000000000004). */
function clean(value: number, format: ValueContent['format']): number {
  const decimals = format === 'wan' ? 4 : 0;
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return Math.abs(rounded - value) < 1e-9 * Math.max(1, Math.abs(value)) ? rounded : value;
}

function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function setIn(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.forEach((part, i) => {
    if (i === path.length - 1) {
      node[part] = value;
      return;
    }
    if (!node[part] || typeof node[part] !== 'object') node[part] = {};
    node = node[part] as Record<string, unknown>;
  });
}

// ------------------------------------------------------------------ layout

function checkLayout(grid: TableGrid, sheet: SheetRead, file: string): void {
  const { definition } = grid;
  const where = (row: number, col: number) => `工作表「${sheet.name}」单元格 ${cellAddress(row, col)}`;
  const reject = (message: string): never => {
    throw new WorkbookReadError(
      `"${file}" 的表格与法定格式不一致：${message}。请使用 xxgk 生成的工作簿填写，不要插入、删除、移动行列或拆分合并单元格`,
      file,
      'layout',
    );
  };
  const mergeAt = new Map(sheet.merges.map((merge) => [`${merge.row}:${merge.col}`, merge]));
  const range = (a: AnchorCell) => `${cellAddress(a.row, a.col)}:${cellAddress(a.row + a.rowSpan - 1, a.col + a.colSpan - 1)}`;
  for (const anchor of grid.anchors) {
    const { content } = anchor;
    if (content.kind === 'label') {
      const actual = cellText(sheet.get(anchor.row, anchor.col));
      if (squeeze(actual) !== squeeze(content.text)) {
        reject(`${where(anchor.row, anchor.col)} 应为“${content.text}”，实际为${shown(actual)}`);
      }
    }
    const merge = mergeAt.get(`${anchor.row}:${anchor.col}`);
    const spans = anchor.rowSpan > 1 || anchor.colSpan > 1;
    if (spans && (!merge || merge.rowSpan !== anchor.rowSpan || merge.colSpan !== anchor.colSpan)) {
      const what = content.kind === 'label' ? `“${content.text}”` : `「${content.rowLabel ? `${content.rowLabel}」行「` : ''}${content.colLabel}」的数字`;
      reject(`${where(anchor.row, anchor.col)} 应为合并单元格 ${range(anchor)}（${what}），实际${merge ? `合并为 ${merge.ref}` : '没有合并'}`);
    }
    if (!spans && merge) reject(`${where(anchor.row, anchor.col)} 不应合并，实际合并为 ${merge.ref}`);
  }
  for (const merge of sheet.merges) {
    if (merge.row >= definition.rows || merge.col >= definition.cols) continue;
    const position = grid.at(merge.row, merge.col);
    if (position.kind !== 'anchor' || position.cell.rowSpan !== merge.rowSpan || position.cell.colSpan !== merge.colSpan) {
      reject(`${where(merge.row, merge.col)} 处多了合并单元格 ${merge.ref}`);
    }
  }
}

/** Each table's sheet, checked against the grid's labels and merges (throws the first mismatch). */
function layoutSheets(tables: readonly TableGrid[], workbook: WorkbookRead, context: ReadContext, file: string): { grid: TableGrid; sheet: SheetRead }[] {
  const tableSheets: { grid: TableGrid; sheet: SheetRead }[] = [];
  for (const grid of tables) {
    const { definition } = grid;
    const sheet = workbook.sheet(definition.sheetName, definition.rows);
    if (!sheet) {
      throw new WorkbookReadError(
        `"${file}" 中没有「${definition.sheetName}」工作表（${definition.caption}）；工作簿中的工作表：${workbook.sheetNames.join('、')}`,
        file,
        'layout',
      );
    }
    checkLayout(grid, sheet, file);
    tableSheets.push({ grid, sheet });
  }
  for (const { grid, sheet } of tableSheets) context.sheets.set(grid.definition.sheetName, sheet);
  return tableSheets;
}

// ------------------------------------------------------------------ values

interface ReadContext {
  workbook: WorkbookRead;
  sheets: Map<string, SheetRead>;
  file: string;
  /** The workbook's path for the diagnostics' `file` (when the caller gave one). */
  diagnosticFile?: string;
}

/** An import notice about the workbook: stage 'import', the workbook as `file`, the place where known. */
function importNotice(
  context: Pick<ReadContext, 'diagnosticFile'>,
  code: string,
  severity: Diagnostic['severity'],
  path: string[],
  message: string,
  place?: Place,
): Diagnostic {
  return {
    code,
    severity,
    stage: 'import',
    ...(context.diagnosticFile !== undefined ? { file: context.diagnosticFile } : {}),
    path,
    ...(place ? { place } : {}),
    message,
  };
}

function sheetOf(context: ReadContext, name: string): SheetRead | undefined {
  let sheet = context.sheets.get(name);
  if (!sheet) {
    sheet = context.workbook.sheet(name);
    if (sheet) context.sheets.set(name, sheet);
  }
  return sheet;
}

/** Number a formula cell evaluates to, following references; throws FormulaError. */
function computeCell(context: ReadContext, sheet: SheetRead, cell: CellRead, visiting: Set<string>): number {
  const key = `${sheet.name}!${cell.row}:${cell.col}`;
  if (visiting.has(key)) throw new FormulaError('公式循环引用了自己');
  visiting.add(key);
  try {
    const formula = cell.formula ?? cell.shared?.formula;
    if (formula === undefined) throw new FormulaError('公式缺失');
    const offset = cell.shared && !cell.formula ? { rows: cell.shared.rowOffset, cols: cell.shared.colOffset } : { rows: 0, cols: 0 };
    return evaluateFormula(
      formula,
      (sheetName, row, col) => {
        const target = sheetName === undefined ? sheet : sheetOf(context, sheetName);
        if (!target) throw new FormulaError(`公式引用了不存在的工作表「${sheetName}」`);
        const referenced = target.get(row, col);
        if (!referenced) return 0;
        const { content } = referenced;
        const isFormula = referenced.formula !== undefined || referenced.shared !== undefined;
        // A referenced formula is recomputed too, so a stale total does not hide behind another.
        if (isFormula && content.kind === 'number') {
          try {
            return computeCell(context, target, referenced, visiting);
          } catch (error) {
            if (!(error instanceof FormulaError)) throw error;
            return content.value;
          }
        }
        if (content.kind === 'number') return content.value;
        if (content.kind === 'empty') return isFormula ? computeCell(context, target, referenced, visiting) : 0;
        if (content.kind === 'text') {
          const value = numberFromText(content.value, false);
          if (value === undefined) throw new FormulaError(`公式引用的 ${cellAddress(row, col)} 是文字“${content.value}”`);
          return value;
        }
        throw new FormulaError(`公式引用的 ${cellAddress(row, col)} 不是数字`);
      },
      offset,
    );
  } finally {
    visiting.delete(key);
  }
}

function readValue(
  context: ReadContext,
  sheet: SheetRead,
  anchor: AnchorCell & { content: ValueContent },
  definition: TableDefinition,
  diagnostics: Diagnostic[],
): number {
  const { content } = anchor;
  const { dataPath, caption } = definition;
  const path = [...dataPath, ...content.key];
  const name = `工作表「${sheet.name}」${cellAddress(anchor.row, anchor.col)}（「${caption}」表${content.rowLabel ? `「${content.rowLabel}」行` : ''}「${content.colLabel}」列）`;
  const cell = sheet.get(anchor.row, anchor.col);
  const place: Place = {
    table: { id: definition.id, label: caption },
    row: { id: content.rowId, label: content.rowLabel },
    column: { id: content.colId, label: content.colLabel },
    sheet: { name: sheet.name, cell: cellAddress(anchor.row, anchor.col) },
  };
  const problem = (code: string, severity: Diagnostic['severity'], message: string) =>
    diagnostics.push(importNotice(context, code, severity, path, message, place));
  if (!cell || (cell.content.kind === 'empty' && !cell.formula && !cell.shared)) {
    problem('XLSX-BLANK', 'warning', `${name}是空白，按 0 读入`);
    return 0;
  }
  const { content: stored } = cell;
  const formula = cell.formula ?? cell.shared?.formula;
  if (formula !== undefined && stored.kind === 'number') {
    // The result a program saved may be stale (saved without recalculation, or the XML edited): recompute it from its inputs.
    const cached = clean(stored.value, content.format);
    let computed: number;
    try {
      computed = clean(computeCell(context, sheet, cell, new Set()), content.format);
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      problem('XLSX-FORMULA-UNCHECKED', 'warning', `${name}的公式“=${formula}”无法重新计算（${error.message}），按保存的结果 ${cached} 读入`);
      return cached;
    }
    if (!sameNumber(cached, computed)) {
      problem(
        'XLSX-FORMULA-STALE',
        'warning',
        `${name}的公式“=${formula}”保存的结果是 ${cached}，按它引用的单元格重新计算为 ${computed}，已按 ${computed} 读入（保存结果与单元格不一致，可能是表格软件没有重新计算或文件被改动过）`,
      );
    }
    return computed;
  }
  switch (stored.kind) {
    case 'number':
      return clean(stored.value, content.format);
    case 'empty':
      try {
        return clean(computeCell(context, sheet, cell, new Set()), content.format);
      } catch (error) {
        if (!(error instanceof FormulaError)) throw error;
        problem('XLSX-FORMULA', 'error', `${name}的公式“=${cell.formula ?? cell.shared?.formula}”没有保存计算结果，也无法计算：${error.message}`);
        return 0;
      }
    case 'text': {
      if (stored.value.trim() === '') {
        problem('XLSX-BLANK', 'warning', `${name}是空白，按 0 读入`);
        return 0;
      }
      const value = numberFromText(stored.value, content.format === 'wan');
      if (value === undefined) {
        problem('XLSX-NOT-NUMBER', 'error', `${name}应填数字，实际为文字“${stored.value}”`);
        return 0;
      }
      problem('XLSX-TEXT-NUMBER', 'warning', `${name}的数字是以文本形式保存的“${stored.value}”，按 ${value} 读入`);
      return clean(value, content.format);
    }
    case 'boolean':
      problem('XLSX-NOT-NUMBER', 'error', `${name}应填数字，实际为逻辑值 ${stored.value ? 'TRUE' : 'FALSE'}`);
      return 0;
    case 'error':
      problem('XLSX-FORMULA', 'error', `${name}的公式出错（${stored.value}）`);
      return 0;
  }
}

// ------------------------------------------------------------------ 报告信息

const EXCEL_EPOCH_1900 = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_1904 = Date.UTC(1904, 0, 1);

function isoDate(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 2025-01-20, 2025/1/20, 2025.1.20, 2025年1月20日, or an Excel date serial. */
export function parseDateCell(cell: CellRead | undefined, date1904: boolean): string | undefined {
  if (!cell) return undefined;
  if (cell.content.kind === 'number') {
    const serial = Math.floor(cell.content.value);
    if (serial < 1 || serial > 2_958_465) return undefined;
    const date = new Date((date1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH_1900) + serial * 86_400_000);
    return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
  }
  if (cell.content.kind !== 'text') return undefined;
  const match = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/.exec(cell.content.value);
  return match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
}

interface Info {
  values: Map<string, CellRead>;
}

function readInfo(context: ReadContext): Info {
  const sheet = context.workbook.sheet(INFO_SHEET, 200);
  if (!sheet) {
    throw new WorkbookReadError(
      `"${context.file}" 中没有「${INFO_SHEET}」工作表，不是 xxgk 生成的统计工作簿（工作簿中的工作表：${context.workbook.sheetNames.join('、') || '无'}）`,
      context.file,
      'layout',
    );
  }
  const labels = new Set<string>(Object.values(INFO_LABELS));
  const values = new Map<string, CellRead>();
  for (const cell of sheet.cells.values()) {
    if (cell.col !== 0 || cell.content.kind !== 'text') continue;
    const label = squeeze(cell.content.value);
    if (!labels.has(label) || values.has(label)) continue;
    const value = sheet.get(cell.row, 1);
    if (value) values.set(label, value);
  }
  return { values };
}

/**
 * The information-processing fee from its two 报告信息 rows (written when the
 * report states it). A workbook without the rows, or with both left blank,
 * has no fee, as before the rows existed.
 */
function readFee(context: ReadContext, info: Info, diagnostics: Diagnostic[], infoPlace: (label: string) => Place): { count: number; amount_yuan: number } | undefined {
  const fields = [
    { label: INFO_LABELS.feeCount, key: 'count', decimals: 0 },
    { label: INFO_LABELS.feeAmountYuan, key: 'amount_yuan', decimals: 2 },
  ] as const;
  const cells = fields.map((field) => info.values.get(field.label));
  const blank = (cell: CellRead | undefined) => !cell || (cell.content.kind === 'empty' && !cell.formula && !cell.shared) || (cell.content.kind === 'text' && cell.content.value.trim() === '');
  if (cells.every(blank)) return undefined;
  const fee: Record<string, number> = {};
  fields.forEach((field, i) => {
    const cell = cells[i];
    const path = ['fee', field.key];
    const notice = (code: string, severity: Diagnostic['severity'], message: string) =>
      diagnostics.push(importNotice(context, code, severity, path, message, infoPlace(field.label)));
    const tidy = (value: number) => {
      const factor = 10 ** field.decimals;
      const rounded = Math.round(value * factor) / factor;
      return sameNumber(rounded, value) ? rounded : value;
    };
    let value = 0;
    if (!cell || blank(cell)) {
      notice('XLSX-BLANK', 'warning', `「${INFO_SHEET}」中的${field.label}是空白，按 0 读入`);
    } else if (cell.content.kind === 'number') {
      value = tidy(cell.content.value);
    } else if (cell.content.kind === 'text') {
      const read = numberFromText(cell.content.value, false);
      if (read === undefined) notice('XLSX-NOT-NUMBER', 'error', `「${INFO_SHEET}」中的${field.label}应填数字，实际为文字“${cell.content.value}”`);
      else {
        notice('XLSX-TEXT-NUMBER', 'warning', `「${INFO_SHEET}」中的${field.label}是以文本形式保存的“${cell.content.value}”，按 ${read} 读入`);
        value = tidy(read);
      }
    } else if (cell.content.kind === 'empty') {
      const sheet = sheetOf(context, INFO_SHEET);
      try {
        value = tidy(computeCell(context, sheet!, cell, new Set()));
      } catch (error) {
        if (!(error instanceof FormulaError)) throw error;
        notice('XLSX-FORMULA', 'error', `「${INFO_SHEET}」中的${field.label}的公式没有保存计算结果，也无法计算：${error.message}`);
      }
    } else {
      notice('XLSX-NOT-NUMBER', 'error', `「${INFO_SHEET}」中的${field.label}应填数字，实际为${cellText(cell) || '空白'}`);
    }
    fee[field.key] = value;
  });
  return fee as { count: number; amount_yuan: number };
}

// ------------------------------------------------------------------ import

export function importWorkbook(bytes: Uint8Array, options: ImportOptions): ImportResult {
  const file = options.fileName ?? '工作簿';
  const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
  const workbook = openWorkbookRead(bytes, file, limits);
  const context: ReadContext = { workbook, sheets: new Map(), file, ...(options.fileName !== undefined ? { diagnosticFile: options.fileName } : {}) };
  const infoPlace = (label: string): Place => {
    const cell = info.values.get(label);
    return { sheet: { name: INFO_SHEET, ...(cell ? { cell: cellAddress(cell.row, cell.col) } : {}) } };
  };
  const info = readInfo(context);
  const diagnostics: Diagnostic[] = [];
  const infoText = (label: string): string | undefined => {
    const cell = info.values.get(label);
    if (!cell) return undefined;
    const text = cellText(cell).trim();
    return text === '' ? undefined : text;
  };

  const infoRaw = (label: string): string | undefined => {
    const text = cellText(info.values.get(label));
    return text.trim() === '' ? undefined : text;
  };

  const formatId = infoText(INFO_LABELS.formatId);
  let format = options.formats.find((candidate) => candidate.id === formatId);
  if (!format) {
    const known = options.formats.map((candidate) => candidate.id).join('、');
    throw new WorkbookReadError(
      formatId
        ? `"${file}" 的「${INFO_SHEET}」中格式版本为“${formatId}”，暂不支持（支持：${known}）`
        : `"${file}" 的「${INFO_SHEET}」中没有“${INFO_LABELS.formatId}”，无法确定表格格式（支持：${known}）`,
      file,
      'format',
    );
  }

  // Layout first, for every table, so a misplaced row is reported before any number. A workbook of a
  // report that prints a table otherwise (a published one-row （六）其他处理) matches one of the format's
  // alternative layouts; when none matches, the message is about the format's own layout.
  const layouts = [{ tables: format.tables, balances: format.balances }, ...(format.alternativeLayouts ?? [])];
  let tableSheets: { grid: TableGrid; sheet: SheetRead }[] | undefined;
  let firstMismatch: unknown;
  for (const layout of layouts) {
    try {
      tableSheets = layoutSheets(layout.tables, workbook, context, file);
      if (layout.tables !== format.tables) format = { ...format, tables: layout.tables, balances: layout.balances };
      break;
    } catch (error) {
      if (!(error instanceof WorkbookReadError) || error.problem !== 'layout') throw error;
      firstMismatch ??= error;
    }
  }
  if (!tableSheets) throw firstMismatch;

  const data: Record<string, unknown> = { format: format.id };
  const yearCell = info.values.get(INFO_LABELS.year);
  const yearText = cellText(yearCell).trim();
  const year = /^\d{4}(\.0+)?$/.test(yearText.replace(/年$/, '')) ? Math.trunc(Number(yearText.replace(/年$/, ''))) : undefined;
  data.year = year ?? yearText;
  if (year === undefined) {
    diagnostics.push(importNotice(context, 'XLSX-INFO', 'error', ['year'], `「${INFO_SHEET}」中的${INFO_LABELS.year}${shown(yearText)}不是四位年份`, infoPlace(INFO_LABELS.year)));
  }
  // Names are kept exactly as written (only an all-blank cell counts as missing).
  const organization = infoRaw(INFO_LABELS.organization) ?? '';
  const level = infoText(INFO_LABELS.level);
  if (!level) {
    diagnostics.push(
      importNotice(
        context,
        'XLSX-INFO',
        'warning',
        ['organization', 'level'],
        `「${INFO_SHEET}」中没有${INFO_LABELS.level}，已按“其他”填写；请在数据文件中改为人民政府、部门、乡镇街道或其他`,
        infoPlace(INFO_LABELS.level),
      ),
    );
  }
  data.organization = { name: organization, level: level ?? '其他' };
  // A report reproduced as published keeps that, and may have no signature or no date.
  const published = infoText(INFO_LABELS.source) === PUBLISHED_SOURCE;
  if (published) data.source = 'published';
  const dateCell = info.values.get(INFO_LABELS.signatureDate);
  const date = parseDateCell(dateCell, workbook.date1904);
  const noDate = published && cellText(dateCell).trim() === '';
  if (!date && !noDate) {
    diagnostics.push(
      importNotice(
        context,
        'XLSX-INFO',
        'error',
        ['signature', 'date'],
        `「${INFO_SHEET}」中的${INFO_LABELS.signatureDate}${shown(cellText(dateCell))}不是有效日期（应写作 2025-01-20 或 2025年1月20日）`,
        infoPlace(INFO_LABELS.signatureDate),
      ),
    );
  }
  const signatureName = infoRaw(INFO_LABELS.signatureName);
  if (noDate) {
    // Published without a date: the name alone when the report printed one, else no signature.
    if (signatureName) data.signature = signatureName !== organization ? { name: signatureName } : {};
  } else {
    data.signature = {
      date: date ?? cellText(dateCell).trim(),
      ...(signatureName && signatureName !== organization ? { name: signatureName } : {}),
    };
  }

  const fee = readFee(context, info, diagnostics, infoPlace);
  if (fee) data.fee = fee;

  for (const { grid, sheet } of tableSheets) {
    const { definition } = grid;
    for (const anchor of grid.valueCells) {
      const value = readValue(context, sheet, anchor, definition, diagnostics);
      setIn(data, [...definition.dataPath, ...anchor.content.key], value);
    }
  }
  return { data, format, diagnostics };
}

export async function importWorkbookFile(path: string, options: Omit<ImportOptions, 'fileName'> & { fileName?: string }): Promise<ImportResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    const reason =
      code === 'ENOENT'
        ? `找不到文件 "${path}"，请检查文件名和路径`
        : code === 'EISDIR'
          ? `"${path}" 是一个文件夹，请给出工作簿文件的路径`
          : code === 'EACCES' || code === 'EPERM'
            ? `没有权限读取文件 "${path}"`
            : `读取文件 "${path}" 失败：${cause instanceof Error ? cause.message : String(cause)}`;
    throw new ReportReadError(reason, path, { cause });
  }
  return importWorkbook(bytes, { ...options, fileName: options.fileName ?? path });
}

// ------------------------------------------------------------------ YAML

/**
 * Report data as a YAML data file: rows of multi-column tables on one line
 * each (as in the sample), a header comment saying where the data came from.
 */
export function reportDataToYaml(data: Record<string, unknown>, options: { comment?: string } = {}): string {
  const document = new Document(data);
  const tables = document.get('tables', true);
  if (isMap(tables)) {
    for (const table of tables.items) {
      if (!isMap(table.value)) continue;
      for (const row of table.value.items) {
        if (isMap(row.value)) row.value.flow = true;
      }
    }
  }
  visit(document, {
    Seq(_, node) {
      if (isSeq(node) && node.items.length === 0) node.flow = true;
    },
  });
  if (options.comment) document.commentBefore = options.comment.split('\n').map((line) => ` ${line}`).join('\n');
  return document.toString({ lineWidth: 0, flowCollectionPadding: true });
}

export interface TableChange {
  path: (string | number)[];
  /** 「…」表「…」行「…」列, as printed. */
  where: string;
  before: unknown;
  after: number;
}

/**
 * Writes the imported table values and the information-processing fee into an
 * existing data file, keeping everything else — organisation details, title
 * order, signature, preamble, the narrative, comments, layout — as it is.
 * Returns the new text and the numbers that changed.
 */
export function mergeTablesIntoYaml(text: string, imported: ImportResult): { text: string; changes: TableChange[] } {
  const document = parseDocument(text);
  if (document.errors.length > 0) throw new Error(document.errors[0]!.message);
  const changes: TableChange[] = [];
  // Numbers already in the file are replaced where they stand, so alignment and comments survive byte for byte;
  // only a missing cell makes us re-serialise the document.
  const edits: { start: number; end: number; text: string }[] = [];
  let missing = false;
  for (const grid of imported.format.tables) {
    const { definition } = grid;
    for (const anchor of grid.valueCells) {
      const path = [...definition.dataPath, ...anchor.content.key];
      const after = path.reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], imported.data) as number;
      const node = document.getIn(path, true);
      // A total the file leaves out stays out: xxgk computes it from the cells written here.
      if (anchor.content.sumOf && node === undefined) continue;
      const before = isScalar(node) ? node.value : node;
      if (before === after) continue;
      const { rowLabel, colLabel } = anchor.content;
      changes.push({ path, where: `「${definition.caption}」表${rowLabel ? `「${rowLabel}」行` : ''}「${colLabel}」列`, before, after });
      if (isScalar(node) && node.range) edits.push({ start: node.range[0], end: node.range[1], text: String(after) });
      else missing = true;
      document.setIn(path, after);
    }
  }
  // The fee, when the workbook holds it (a workbook without its rows leaves the file's fee as it is).
  const fee = imported.data.fee as { count: number; amount_yuan: number } | undefined;
  let appended = '';
  if (fee) {
    const feeNode = document.get('fee', true);
    if (feeNode === undefined && !document.has('fee')) {
      changes.push({ path: ['fee', 'count'], where: `「${INFO_LABELS.feeCount}」`, before: undefined, after: fee.count });
      changes.push({ path: ['fee', 'amount_yuan'], where: `「${INFO_LABELS.feeAmountYuan}」`, before: undefined, after: fee.amount_yuan });
      appended = `fee:\n  count: ${fee.count}\n  amount_yuan: ${fee.amount_yuan}\n`;
      document.set('fee', { count: fee.count, amount_yuan: fee.amount_yuan });
    } else {
      if (!isMap(feeNode)) {
        missing = true;
        document.set('fee', {});
      }
      for (const [key, label] of [
        ['count', INFO_LABELS.feeCount],
        ['amount_yuan', INFO_LABELS.feeAmountYuan],
      ] as const) {
        const path = ['fee', key];
        const after = fee[key];
        const node = document.getIn(path, true);
        const before = isScalar(node) ? node.value : node;
        if (before === after) continue;
        changes.push({ path, where: `「${label}」`, before, after });
        if (isScalar(node) && node.range) edits.push({ start: node.range[0], end: node.range[1], text: String(after) });
        else missing = true;
        document.setIn(path, after);
      }
    }
  }
  if (missing) return { text: document.toString({ lineWidth: 0 }), changes };
  let result = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  if (appended) result = `${result}${result === '' || result.endsWith('\n') ? '' : '\n'}${appended}`;
  return { text: result, changes };
}
