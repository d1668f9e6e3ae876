/**
 * A small SpreadsheetML (XLSX) writer: exactly the parts our workbooks use —
 * shared strings, numbers, formulas with stored results, styles (fonts,
 * borders, fills, number formats, alignment, protection), merges, column
 * widths and row heights, data validation, conditional formatting, frozen
 * panes, auto filter, sheet protection without a password and print setup.
 *
 * Why not exceljs: building the report workbook with exceljs took 27–50 ms
 * warm on the 2-core target machine (target ≤ 30 ms) and loading it costs
 * ~0.5 s; this writer does the same in a few milliseconds and gives the same
 * bytes for the same input. Text is always written as a string cell, never as
 * a formula, whatever it starts with.
 */
import { writeZip } from '../../io/xlsx/zip.js';

// ------------------------------------------------------------------ escaping

/** Characters XML 1.0 cannot carry are written as OOXML `_xHHHH_` escapes; a literal `_xHHHH_` is protected as `_x005F_xHHHH_`. */
const NEEDS_ESCAPE = /[&<>_\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(/[\u0000-\u0008\u000B\u000C\r\u000E-\u001F\uFFFE\uFFFF]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** 'Sheet name'!A1 — sheet names are always quoted, with ' doubled. */
export function sheetRef(sheetName: string, address: string): string {
  return `'${sheetName.replace(/'/g, "''")}'!${address}`;
}

const columnNames: string[] = [];

export function columnName(col: number): string {
  const known = columnNames[col];
  if (known !== undefined) return known;
  let name = '';
  let n = col + 1;
  while (n > 0) {
    const rem = (n - 1) % 26;
    name = String.fromCharCode(65 + rem) + name;
    n = Math.floor((n - 1) / 26);
  }
  if (col < 16384) columnNames[col] = name;
  return name;
}

/** (0,0) → A1; with `absolute`, $A$1. */
export function address(row: number, col: number, absolute = false): string {
  return absolute ? `$${columnName(col)}$${row + 1}` : `${columnName(col)}${row + 1}`;
}

export function rangeAddress(row: number, col: number, rowSpan: number, colSpan: number): string {
  const first = address(row, col);
  return rowSpan === 1 && colSpan === 1 ? first : `${first}:${address(row + rowSpan - 1, col + colSpan - 1)}`;
}

/** Shortest decimal that reads back as the same double. */
function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return Object.is(value, -0) ? '0' : String(value);
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
  /** Number format code; '0', '0.00' and 'General' use Excel's built-in ids. */
  numFmt?: string;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'center' | 'bottom';
  wrap?: boolean;
  indent?: number;
  /** Locked cells cannot be edited while the sheet is protected (the default, as in Excel). */
  locked?: boolean;
  /** Excel keeps such cells as text when they are edited (=, +, -, @ at the start). */
  quotePrefix?: boolean;
}

const BUILTIN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '@': 49 };

class StyleTable {
  private fonts: string[] = [];
  private fills: string[] = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private borders: string[] = ['<border><left/><right/><top/><bottom/><diagonal/></border>'];
  private numFmts = new Map<string, number>();
  private xfs: string[] = [];
  private byKey = new Map<string, number>();
  private fontIds = new Map<string, number>();
  private fillIds = new Map<string, number>();

  constructor(defaultFont: FontSpec) {
    this.font(defaultFont);
    this.xfs.push('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
  }

  private font(spec: FontSpec): number {
    const xml =
      `<font>${spec.bold ? '<b/>' : ''}<sz val="${spec.size}"/>` +
      `${spec.color ? `<color rgb="${spec.color}"/>` : ''}<name val="${escapeAttribute(spec.name)}"/>` +
      `${/[^\x00-\x7f]/.test(spec.name) ? '<family val="3"/><charset val="134"/>' : '<family val="1"/>'}</font>`;
    let id = this.fontIds.get(xml);
    if (id === undefined) {
      id = this.fonts.length;
      this.fonts.push(xml);
      this.fontIds.set(xml, id);
    }
    return id;
  }

  private fill(argb: string): number {
    let id = this.fillIds.get(argb);
    if (id === undefined) {
      id = this.fills.length;
      this.fills.push(`<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor indexed="64"/></patternFill></fill>`);
      this.fillIds.set(argb, id);
    }
    return id;
  }

  private numFmt(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = 164 + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  id(style: CellStyle): number {
    const key = JSON.stringify(style);
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const fontId = this.font(style.font);
    const fillId = style.fill ? this.fill(style.fill) : 0;
    let borderId = 0;
    if (style.border) {
      if (this.borders.length === 1) {
        const edge = (side: string) => `<${side} style="thin"><color indexed="64"/></${side}>`;
        this.borders.push(`<border>${edge('left')}${edge('right')}${edge('top')}${edge('bottom')}<diagonal/></border>`);
      }
      borderId = 1;
    }
    const numFmtId = this.numFmt(style.numFmt ?? 'General');
    const alignment =
      style.horizontal || style.vertical || style.wrap || style.indent
        ? `<alignment${style.horizontal ? ` horizontal="${style.horizontal}"` : ''}${style.vertical ? ` vertical="${style.vertical}"` : ''}` +
          `${style.wrap ? ' wrapText="1"' : ''}${style.indent ? ` indent="${style.indent}"` : ''}/>`
        : '';
    const unlocked = style.locked === false;
    const xml =
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
      `${numFmtId ? ' applyNumberFormat="1"' : ''} applyFont="1"${fillId ? ' applyFill="1"' : ''}${borderId ? ' applyBorder="1"' : ''}` +
      `${alignment ? ' applyAlignment="1"' : ''}${unlocked ? ' applyProtection="1"' : ''}${style.quotePrefix ? ' quotePrefix="1"' : ''}>` +
      `${alignment}${unlocked ? '<protection locked="0"/>' : ''}</xf>`;
    const id = this.xfs.length;
    this.xfs.push(xml);
    this.byKey.set(key, id);
    return id;
  }

  xml(): string {
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttribute(code)}"/>`);
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '') +
      `<fonts count="${this.fonts.length}">${this.fonts.join('')}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join('')}</fills>` +
      `<borders count="${this.borders.length}">${this.borders.join('')}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      // dxf 0: the red “does not balance” highlight of conditional formatting.
      '<dxfs count="1"><dxf><font><b/><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>' +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}

// ------------------------------------------------------------------ sheets

export type CellValue =
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  /** A live formula (without the leading =) and the result it evaluates to, stored so every viewer shows it. */
  | { kind: 'formula'; formula: string; result: number | string };

interface CellEntry {
  value?: CellValue;
  style: number;
}

export interface DataValidationSpec {
  type: 'whole' | 'decimal';
  operator: 'greaterThanOrEqual' | 'between';
  formula1: string;
  formula2?: string;
  ranges: string[];
  promptTitle?: string;
  prompt?: string;
  errorTitle?: string;
  error?: string;
}

export interface PageSpec {
  orientation: 'portrait' | 'landscape';
  /** Margins in centimetres. */
  margins: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
  /** Shrink to one page wide; as many pages tall as needed. */
  fitToWidth: boolean;
  /** 1-based inclusive rows repeated at the top of every printed page. */
  printTitleRows?: [number, number];
  horizontalCentered?: boolean;
  /** Footer text in Excel's header/footer codes, e.g. `&C— &P —`. */
  footer?: string;
}

export class SheetBuilder {
  readonly rows = new Map<number, Map<number, CellEntry>>();
  readonly colWidths: (number | undefined)[] = [];
  readonly rowHeights = new Map<number, number>();
  readonly merges: string[] = [];
  readonly validations: DataValidationSpec[] = [];
  /** Highlights (red) cells of `range` whose value compares true with `formula`, e.g. notEqual "通过" or greaterThan 0. */
  readonly conditional: { range: string; operator: 'notEqual' | 'greaterThan' | 'equal'; formula: string }[] = [];
  protect = false;
  /** Rows and columns kept in view while scrolling. */
  freeze?: { rows: number; cols: number };
  autoFilter?: string;
  showGridLines = true;
  page?: PageSpec;
  /** Highest row and column written, for the dimension element. */
  private maxRow = 0;
  private maxCol = 0;

  constructor(
    readonly name: string,
    private readonly workbook: WorkbookBuilder,
  ) {}

  /** Registers a style once; pass the id to `set` in loops. */
  styleId(style: CellStyle): number {
    return this.workbook.style(style);
  }

  set(row: number, col: number, value: CellValue | undefined, style: CellStyle | number): void {
    let cells = this.rows.get(row);
    if (!cells) {
      cells = new Map();
      this.rows.set(row, cells);
    }
    const styleId = typeof style === 'number' ? style : this.workbook.style(style);
    cells.set(col, value ? { value, style: styleId } : { style: styleId });
    if (row > this.maxRow) this.maxRow = row;
    if (col > this.maxCol) this.maxCol = col;
  }

  merge(row: number, col: number, rowSpan: number, colSpan: number): void {
    if (rowSpan > 1 || colSpan > 1) this.merges.push(rangeAddress(row, col, rowSpan, colSpan));
  }

  xml(sharedStrings: SharedStrings, tabSelected: boolean): string {
    const out: string[] = [];
    out.push(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
    );
    if (this.page?.fitToWidth) out.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
    out.push(`<dimension ref="${rangeAddress(0, 0, this.maxRow + 1, this.maxCol + 1)}"/>`);
    let pane = '';
    if (this.freeze && (this.freeze.rows > 0 || this.freeze.cols > 0)) {
      const { rows, cols } = this.freeze;
      const activePane = rows > 0 && cols > 0 ? 'bottomRight' : rows > 0 ? 'bottomLeft' : 'topRight';
      pane =
        `<pane${cols ? ` xSplit="${cols}"` : ''}${rows ? ` ySplit="${rows}"` : ''} topLeftCell="${address(rows, cols)}" activePane="${activePane}" state="frozen"/>` +
        `<selection pane="${activePane}" activeCell="${address(rows, cols)}" sqref="${address(rows, cols)}"/>`;
    }
    out.push(
      `<sheetViews><sheetView${this.showGridLines ? '' : ' showGridLines="0"'}${tabSelected ? ' tabSelected="1"' : ''} workbookViewId="0">${pane}</sheetView></sheetViews>`,
    );
    out.push('<sheetFormatPr defaultRowHeight="14.25"/>');
    if (this.colWidths.some((w) => w !== undefined)) {
      out.push('<cols>');
      this.colWidths.forEach((width, i) => {
        if (width !== undefined) out.push(`<col min="${i + 1}" max="${i + 1}" width="${round2(width)}" customWidth="1"/>`);
      });
      out.push('</cols>');
    }
    out.push('<sheetData>');
    const rowNumbers = [...new Set([...this.rows.keys(), ...this.rowHeights.keys()])].sort((a, b) => a - b);
    for (const r of rowNumbers) {
      const height = this.rowHeights.get(r);
      const cells = this.rows.get(r);
      out.push(`<row r="${r + 1}"${height !== undefined ? ` ht="${round2(height)}" customHeight="1"` : ''}>`);
      if (cells) {
        for (const c of [...cells.keys()].sort((a, b) => a - b)) {
          const cell = cells.get(c)!;
          const ref = address(r, c);
          const s = cell.style ? ` s="${cell.style}"` : '';
          const value = cell.value;
          if (!value) out.push(`<c r="${ref}"${s}/>`);
          else if (value.kind === 'number') out.push(`<c r="${ref}"${s}><v>${numberText(value.value)}</v></c>`);
          else if (value.kind === 'text') out.push(`<c r="${ref}"${s} t="s"><v>${sharedStrings.index(value.value)}</v></c>`);
          else if (typeof value.result === 'number') {
            out.push(`<c r="${ref}"${s}><f>${escapeText(value.formula)}</f><v>${numberText(value.result)}</v></c>`);
          } else {
            out.push(`<c r="${ref}"${s} t="str"><f>${escapeText(value.formula)}</f><v>${escapeText(value.result)}</v></c>`);
          }
        }
      }
      out.push('</row>');
    }
    out.push('</sheetData>');
    if (this.protect) {
      // No password: guards against slips, not against intent. Resizing and (on unprotected sheets) filtering stay allowed.
      out.push('<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0"/>');
    }
    if (this.autoFilter) out.push(`<autoFilter ref="${this.autoFilter}"/>`);
    if (this.merges.length) out.push(`<mergeCells count="${this.merges.length}">${this.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`);
    this.conditional.forEach((rule, i) => {
      out.push(
        `<conditionalFormatting sqref="${rule.range}"><cfRule type="cellIs" dxfId="0" priority="${i + 1}" operator="${rule.operator}">` +
          `<formula>${escapeText(rule.formula)}</formula></cfRule></conditionalFormatting>`,
      );
    });
    if (this.validations.length) {
      out.push(`<dataValidations count="${this.validations.length}">`);
      for (const v of this.validations) {
        const attrs = [
          `type="${v.type}"`,
          v.operator === 'between' ? '' : `operator="${v.operator}"`,
          'allowBlank="0"',
          'showInputMessage="1"',
          'showErrorMessage="1"',
          v.errorTitle ? `errorTitle="${escapeAttribute(v.errorTitle)}"` : '',
          v.error ? `error="${escapeAttribute(v.error)}"` : '',
          v.promptTitle ? `promptTitle="${escapeAttribute(v.promptTitle)}"` : '',
          v.prompt ? `prompt="${escapeAttribute(v.prompt)}"` : '',
          `sqref="${v.ranges.join(' ')}"`,
        ].filter(Boolean);
        out.push(
          `<dataValidation ${attrs.join(' ')}><formula1>${escapeText(v.formula1)}</formula1>` +
            `${v.formula2 !== undefined ? `<formula2>${escapeText(v.formula2)}</formula2>` : ''}</dataValidation>`,
        );
      }
      out.push('</dataValidations>');
    }
    if (this.page) {
      const { margins } = this.page;
      const inch = (cm: number) => round4(cm / 2.54);
      if (this.page.horizontalCentered) out.push('<printOptions horizontalCentered="1"/>');
      out.push(
        `<pageMargins left="${inch(margins.left)}" right="${inch(margins.right)}" top="${inch(margins.top)}" bottom="${inch(margins.bottom)}" ` +
          `header="${inch(margins.header)}" footer="${inch(margins.footer)}"/>`,
      );
      out.push(
        `<pageSetup paperSize="9" orientation="${this.page.orientation}"${this.page.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ''}/>`,
      );
      if (this.page.footer) out.push(`<headerFooter><oddFooter>${escapeText(this.page.footer)}</oddFooter></headerFooter>`);
    }
    out.push('</worksheet>');
    return out.join('');
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const round4 = (n: number) => Math.round(n * 10000) / 10000;

class SharedStrings {
  private readonly strings: string[] = [];
  private readonly indices = new Map<string, number>();
  private references = 0;

  index(text: string): number {
    this.references++;
    let i = this.indices.get(text);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(text);
      this.indices.set(text, i);
    }
    return i;
  }

  xml(): string {
    const items = this.strings.map((text) => {
      const preserve = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
      return `<si><t${preserve}>${escapeText(text)}</t></si>`;
    });
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.references}" uniqueCount="${this.strings.length}">` +
      `${items.join('')}</sst>`
    );
  }
}

export interface WorkbookProperties {
  title?: string;
  subject?: string;
  creator?: string;
  language?: string;
}

export class WorkbookBuilder {
  readonly sheets: SheetBuilder[] = [];
  private readonly styles: StyleTable;

  constructor(
    defaultFont: FontSpec,
    readonly properties: WorkbookProperties = {},
  ) {
    this.styles = new StyleTable(defaultFont);
  }

  style(style: CellStyle): number {
    return this.styles.id(style);
  }

  addSheet(name: string): SheetBuilder {
    if (this.sheets.some((sheet) => sheet.name === name)) throw new Error(`duplicate sheet name ${name}`);
    if (name.length > 31 || /[\\/?*[\]:]/.test(name)) throw new Error(`invalid sheet name ${name}`);
    const sheet = new SheetBuilder(name, this);
    this.sheets.push(sheet);
    return sheet;
  }

  toBytes(level = 6): Uint8Array {
    const sharedStrings = new SharedStrings();
    const sheetXml = this.sheets.map((sheet, i) => sheet.xml(sharedStrings, i === 0));
    const definedNames = this.sheets
      .map((sheet, i) => {
        const rows = sheet.page?.printTitleRows;
        const names: string[] = [];
        if (sheet.autoFilter) {
          const [from, to] = sheet.autoFilter.split(':') as [string, string];
          const abs = (ref: string) => ref.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
          names.push(`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeText(`'${sheet.name.replace(/'/g, "''")}'!${abs(from)}:${abs(to)}`)}</definedName>`);
        }
        if (rows) {
          names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeText(`'${sheet.name.replace(/'/g, "''")}'!$${rows[0]}:$${rows[1]}`)}</definedName>`);
        }
        return names.join('');
      })
      .join('');
    const workbook =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>' +
      this.sheets.map((sheet, i) => `<sheet name="${escapeAttribute(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets>' +
      (definedNames ? `<definedNames>${definedNames}</definedNames>` : '') +
      '<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>';
    const n = this.sheets.length;
    const workbookRels =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      this.sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('') +
      `<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
      '</Relationships>';
    const contentTypes =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      this.sheets
        .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
        .join('') +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      '</Types>';
    const rootRels =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
      '</Relationships>';
    const { title, subject, creator, language } = this.properties;
    const core =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      (title ? `<dc:title>${escapeText(title)}</dc:title>` : '') +
      (subject ? `<dc:subject>${escapeText(subject)}</dc:subject>` : '') +
      (creator ? `<dc:creator>${escapeText(creator)}</dc:creator>` : '') +
      (language ? `<dc:language>${escapeText(language)}</dc:language>` : '') +
      '</cp:coreProperties>';
    const app =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>xxgk</Application></Properties>';
    // Shared strings are collected while the sheets are serialised, so they come last.
    return writeZip(
      [
        { name: '[Content_Types].xml', data: contentTypes },
        { name: '_rels/.rels', data: rootRels },
        { name: 'docProps/core.xml', data: core },
        { name: 'docProps/app.xml', data: app },
        { name: 'xl/workbook.xml', data: workbook },
        { name: 'xl/_rels/workbook.xml.rels', data: workbookRels },
        { name: 'xl/styles.xml', data: this.styles.xml() },
        ...sheetXml.map((data, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data })),
        { name: 'xl/sharedStrings.xml', data: sharedStrings.xml() },
      ],
      level,
    );
  }
}
