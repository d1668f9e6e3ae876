/**
 * The exceljs side of our workbooks: loading exceljs on first use, cell
 * styles as shared exceljs style objects, and the sheet settings our sheets
 * have in common (print setup, protection without a password, highlights).
 *
 * exceljs is CommonJS and takes about half a second to load, so it is only
 * ever imported dynamically, from the xlsx paths (`xxgk validate` and
 * `xxgk build --to docx` never load it). Under ESM its `module.exports`
 * arrives as the default export.
 */
import type ExcelJS from 'exceljs';

export type ExcelJs = typeof ExcelJS;
export type Workbook = ExcelJS.Workbook;
export type Worksheet = ExcelJS.Worksheet;
export type DataValidation = ExcelJS.DataValidation;

let loading: Promise<ExcelJs> | undefined;

/** exceljs, loaded once per process on first use. */
export function loadExcelJs(): Promise<ExcelJs> {
  loading ??= import('exceljs').then(
    (module) => module.default,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

// ------------------------------------------------------------------ addresses

const columnNames: string[] = [];

export function columnName(col: number): string {
  const known = columnNames[col];
  if (known !== undefined) return known;
  let name = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  if (col < 16384) columnNames[col] = name;
  return name;
}

/** (0,0) → A1. */
export function address(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/** 'Sheet name'!A1 — sheet names are always quoted, with ' doubled. */
export function sheetRef(sheetName: string, ref: string): string {
  return `'${sheetName.replace(/'/g, "''")}'!${ref}`;
}

// ------------------------------------------------------------------ values

/**
 * What a cell holds: a number, a text (always a string cell, whatever it
 * starts with: exceljs only writes a formula for a `{ formula }` value), or a
 * live formula (without the leading =) with the result it evaluates to,
 * stored so that every viewer shows it without recalculating.
 */
export type CellValue = number | string | { formula: string; result: number | string };

const OOXML_ESCAPE = /_x[0-9A-Fa-f]{4}_|[\u0000-\u0008\u000B\u000C\r\u000E-\u001F\u007F\uFFFE\uFFFF]/g;

/**
 * Text as SpreadsheetML stores it. Readers (Excel, our importer, exceljs
 * itself) decode `_xHHHH_` escapes, but exceljs does not escape them when
 * writing, and it drops control characters; so a literal `_x0041_` becomes
 * `_x005F_x0041_` and a control character (or a CR, which XML would turn
 * into a LF) its `_xHHHH_` escape.
 */
export function ooxmlText(text: string): string {
  if (!text.includes('_x') && !/[\u0000-\u0008\u000B\u000C\r\u000E-\u001F\u007F\uFFFE\uFFFF]/.test(text)) return text;
  return text.replace(OOXML_ESCAPE, (match) =>
    match.length > 1 ? `_x005F${match}` : `_x${match.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
}

// ------------------------------------------------------------------ styles

export interface FontSpec {
  name: string;
  size: number;
  bold?: boolean;
  /** ARGB, e.g. FF9C0006. */
  color?: string;
}

export interface CellStyle {
  font: FontSpec;
  /** Thin border on all four edges. */
  border?: boolean;
  /** Solid background, ARGB. */
  fill?: string;
  /** Number format code. */
  numFmt?: string;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'center' | 'bottom';
  wrap?: boolean;
  /** Locked cells cannot be edited while the sheet is protected (the default, as in Excel). */
  locked?: boolean;
}

/**
 * An exceljs style, shared by every cell that has it and frozen: exceljs's
 * `cell.font = …` and the like write into the cell's style object, which
 * would restyle every cell sharing it; to restyle a cell, assign a new
 * `cell.style`.
 */
export type SheetStyle = Partial<ExcelJS.Style>;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const ALL_EDGES: Partial<ExcelJS.Borders> = deepFreeze({ top: THIN, left: THIN, bottom: THIN, right: THIN });
const styleCache = new Map<string, SheetStyle>();

/**
 * The exceljs style for `spec`, one (frozen) object per distinct style for
 * the whole process: exceljs registers a style object once per workbook and
 * then finds it by identity, so cells sharing the object cost nothing more
 * to write.
 */
export function sheetStyle(spec: CellStyle): SheetStyle {
  const key = JSON.stringify(spec);
  const known = styleCache.get(key);
  if (known) return known;
  const { font } = spec;
  const style: SheetStyle = {
    font: {
      name: font.name,
      size: font.size,
      ...(font.bold ? { bold: true } : {}),
      ...(font.color ? { color: { argb: font.color } } : {}),
      // CJK fonts: GB2312 character set, so Excel on any locale picks the right face.
      ...(/[^\x00-\x7f]/.test(font.name) ? { family: 3, charset: 134 } : { family: 1 }),
    },
  };
  if (spec.border) style.border = ALL_EDGES;
  if (spec.fill) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: spec.fill } };
  if (spec.numFmt) style.numFmt = spec.numFmt;
  if (spec.horizontal || spec.vertical || spec.wrap) {
    style.alignment = {
      ...(spec.horizontal ? { horizontal: spec.horizontal } : {}),
      ...(spec.vertical ? { vertical: spec.vertical === 'center' ? 'middle' : spec.vertical } : {}),
      ...(spec.wrap ? { wrapText: true } : {}),
    };
  }
  if (spec.locked === false) style.protection = { locked: false };
  styleCache.set(key, deepFreeze(style));
  return style;
}

/** Rectangles covering exactly `cells` (0-based): runs down each column, joined across neighbouring columns with the same run. */
export function rectangles(cells: readonly { row: number; col: number }[]): string[] {
  const byColumn = new Map<number, number[]>();
  for (const { row, col } of cells) {
    const rows = byColumn.get(col);
    if (rows) rows.push(row);
    else byColumn.set(col, [row]);
  }
  const found: { top: number; bottom: number; left: number; right: number }[] = [];
  const open = new Map<string, (typeof found)[number]>();
  for (const col of [...byColumn.keys()].sort((a, b) => a - b)) {
    const rows = [...new Set(byColumn.get(col))].sort((a, b) => a - b);
    for (let i = 0; i < rows.length; ) {
      let j = i;
      while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
      const key = `${rows[i]}:${rows[j]}`;
      const rectangle = open.get(key);
      if (rectangle && rectangle.right === col - 1) rectangle.right = col;
      else {
        const fresh = { top: rows[i]!, bottom: rows[j]!, left: col, right: col };
        found.push(fresh);
        open.set(key, fresh);
      }
      i = j + 1;
    }
  }
  return found.map(({ top, bottom, left, right }) =>
    top === bottom && left === right ? address(top, left) : `${address(top, left)}:${address(bottom, right)}`,
  );
}

/**
 * Excel's input check on the unlocked `cells` (0-based). Added per range:
 * exceljs's documented per-cell `cell.dataValidation` makes its writer join
 * cells in string order (D10 before D4), which gives overlapping ranges.
 */
export function validate(sheet: Worksheet, cells: readonly { row: number; col: number }[], validation: DataValidation): void {
  const { dataValidations } = sheet as unknown as { dataValidations: { add(ref: string, validation: DataValidation): void } };
  for (const ref of rectangles(cells)) dataValidations.add(ref, validation);
}

/** Writes a value (or nothing, for the other cells of a merged range) and a style into cell (row, col), 0-based. */
export function put(sheet: Worksheet, row: number, col: number, value: CellValue | undefined, style: SheetStyle): void {
  const cell = sheet.getCell(row + 1, col + 1);
  if (value !== undefined) cell.value = typeof value === 'string' ? ooxmlText(value) : value;
  cell.style = style;
}

export function merge(sheet: Worksheet, row: number, col: number, rowSpan: number, colSpan: number): void {
  if (rowSpan > 1 || colSpan > 1) sheet.mergeCells(row + 1, col + 1, row + rowSpan, col + colSpan);
}

export function setColumnWidths(sheet: Worksheet, widths: readonly (number | undefined)[]): void {
  widths.forEach((width, i) => {
    if (width !== undefined) sheet.getColumn(i + 1).width = Math.round(width * 100) / 100;
  });
}

export function setRowHeight(sheet: Worksheet, row: number, height: number): void {
  sheet.getRow(row + 1).height = Math.round(height * 100) / 100;
}

// ------------------------------------------------------------------ sheets

/** GB/T 9704 margins in cm (spec §6.8). */
export const MARGINS = { top: 3.7, bottom: 3.5, left: 2.8, right: 2.6, header: 1.5, footer: 1.5 } as const;

export interface SheetSetup {
  orientation: 'portrait' | 'landscape';
  /** Shrink to one page wide; as many pages tall as needed. */
  fitToWidth: boolean;
  /** 1-based inclusive rows repeated at the top of every printed page. */
  printTitleRows?: [number, number];
  horizontalCentered?: boolean;
  /** Rows and columns kept in view while scrolling. */
  freeze?: { rows: number; cols: number };
  showGridLines?: boolean;
  /** The sheet shown when the workbook opens. */
  selected?: boolean;
}

const inch = (cm: number) => Math.round((cm / 2.54) * 10_000) / 10_000;

/** A sheet with A4 print setup (spec §6.8: GB/T 9704 margins), views and freeze panes. */
export function addSheet(workbook: Workbook, name: string, setup: SheetSetup): Worksheet {
  const { freeze } = setup;
  const frozen = freeze && (freeze.rows > 0 || freeze.cols > 0);
  const view: Partial<ExcelJS.WorksheetView> = {
    ...(frozen
      ? { state: 'frozen' as const, xSplit: freeze.cols, ySplit: freeze.rows, topLeftCell: address(freeze.rows, freeze.cols), activeCell: address(freeze.rows, freeze.cols) }
      : { state: 'normal' as const }),
    showGridLines: setup.showGridLines ?? true,
    ...(setup.selected ? { tabSelected: true } : {}),
  };
  return workbook.addWorksheet(name, {
    views: [view],
    pageSetup: {
      paperSize: 9,
      orientation: setup.orientation,
      margins: { top: inch(MARGINS.top), bottom: inch(MARGINS.bottom), left: inch(MARGINS.left), right: inch(MARGINS.right), header: inch(MARGINS.header), footer: inch(MARGINS.footer) },
      ...(setup.fitToWidth ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : { fitToPage: false }),
      ...(setup.horizontalCentered ? { horizontalCentered: true } : {}),
      ...(setup.printTitleRows ? { printTitlesRow: `${setup.printTitleRows[0]}:${setup.printTitleRows[1]}` } : {}),
    },
  });
}

/**
 * Protects labels and formulas against slips, not against intent: no
 * password (exceljs then writes no hash, so Excel's 撤销工作表保护 asks for
 * nothing); resizing rows and columns stays allowed.
 */
export async function protect(sheet: Worksheet): Promise<void> {
  await sheet.protect('', { objects: false, scenarios: false, formatColumns: true, formatRows: true });
}

/** Bold red on pink, as Excel's “light red fill with dark red text”. */
const HIGHLIGHT: Partial<ExcelJS.Style> = {
  font: { bold: true, color: { argb: 'FF9C0006' } },
  fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } },
};

const highlights = new WeakMap<Worksheet, number>();

/** Highlights the cells of `ref` whose value compares true with `formula`, e.g. notEqual "通过" or greaterThan 0. */
export function highlight(sheet: Worksheet, ref: string, operator: 'notEqual' | 'greaterThan' | 'equal', formula: string): void {
  const priority = (highlights.get(sheet) ?? 0) + 1;
  highlights.set(sheet, priority);
  sheet.addConditionalFormatting({
    ref,
    rules: [{ type: 'cellIs', operator: operator as ExcelJS.CellIsOperators, formulae: [formula], style: HIGHLIGHT, priority }],
  });
}

export interface WorkbookProperties {
  title?: string;
  subject?: string;
  creator?: string;
  language?: string;
  /** Creation and modification date; fixed, so the same input gives the same workbook. */
  date: Date;
}

export async function newWorkbook(properties: WorkbookProperties): Promise<Workbook> {
  const excel = await loadExcelJs();
  const workbook = new excel.Workbook();
  workbook.creator = properties.creator ?? 'xxgk';
  workbook.lastModifiedBy = 'xxgk';
  if (properties.title) workbook.title = properties.title;
  if (properties.subject) workbook.subject = properties.subject;
  // Written to docProps/core.xml as dc:language; missing from exceljs's typings.
  if (properties.language) (workbook as Workbook & { language?: string }).language = properties.language;
  workbook.created = properties.date;
  workbook.modified = properties.date;
  workbook.calcProperties = { fullCalcOnLoad: true };
  addFilterDatabaseNames(workbook);
  return workbook;
}

/** `'Sheet'!$A$2:$GX$9` for an autoFilter ref `A2:GX9`. */
function absoluteRange(sheetName: string, ref: string): string {
  return sheetRef(sheetName, ref.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2'));
}

/**
 * exceljs writes a sheet's `<autoFilter>` but not the sheet-local
 * `_xlnm._FilterDatabase` name that Excel writes with it; LibreOffice (and
 * so Calc users) drop a filter without that name. exceljs has no public way
 * to write a sheet-local name, so the names are added to the model exceljs
 * serialises (its `model` getter, wrapped on this one workbook).
 */
function addFilterDatabaseNames(workbook: Workbook): void {
  const getter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(workbook), 'model');
  if (!getter?.get || !getter.set) return;
  const { get, set } = getter;
  Object.defineProperty(workbook, 'model', {
    configurable: true,
    get(this: Workbook) {
      const model = get.call(this) as { definedNames?: { name: string; ranges: string[]; localSheetId?: number }[] };
      const names = this.worksheets.flatMap((sheet, index) =>
        typeof sheet.autoFilter === 'string' && sheet.autoFilter
          ? [{ name: '_xlnm._FilterDatabase', ranges: [absoluteRange(sheet.name, sheet.autoFilter)], localSheetId: index }]
          : [],
      );
      if (names.length > 0) model.definedNames = [...(model.definedNames ?? []), ...names];
      return model;
    },
    set(this: Workbook, value: unknown) {
      set.call(this, value);
    },
  });
}

/** The workbook as XLSX bytes; `level` is the deflate level 0–9. */
export async function workbookBytes(workbook: Workbook, level = 6): Promise<Uint8Array> {
  const zip = level <= 0 ? { compression: 'STORE' as const } : { compression: 'DEFLATE' as const, compressionOptions: { level: Math.min(9, Math.round(level)) } };
  const buffer = (await workbook.xlsx.writeBuffer({ zip })) as unknown as Buffer;
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
