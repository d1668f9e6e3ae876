/**
 * Reads the cells of an XLSX workbook directly from its XML: workbook and
 * relationship parts, shared strings (plain and rich text, phonetic runs
 * dropped), inline strings, numbers, booleans, errors, formulas with or
 * without a stored result (shared formulas included) and merged ranges.
 *
 * It reads what Excel, WPS, LibreOffice and xxgk write, with any namespace
 * prefix, and only as many rows as the caller needs, so a workbook of ours is
 * read in about a millisecond and a huge sheet costs no more than its limit.
 */
import { openZip, type ZipArchive, type ZipLimits } from './zip.js';

export type CellContent =
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'error'; value: string }
  | { kind: 'empty' };

export interface CellRead {
  row: number;
  col: number;
  /** Formula text without the leading =, when the cell holds one. */
  formula?: string;
  /** For a shared-formula follower: the master's formula and the offset from the master cell. */
  shared?: { formula: string; rowOffset: number; colOffset: number };
  /** The stored value (the formula's cached result, if any). `empty` when a formula has no stored result. */
  content: CellContent;
}

export interface SheetRead {
  name: string;
  /** Cells by `row:col` (0-based). */
  cells: Map<string, CellRead>;
  /** Merged ranges as 0-based [row, col, rowSpan, colSpan]. */
  merges: { row: number; col: number; rowSpan: number; colSpan: number; ref: string }[];
  get(row: number, col: number): CellRead | undefined;
}

export interface WorkbookRead {
  sheetNames: string[];
  /** Dates count from 1904-01-01 (old Mac Excel) instead of 1899-12-30. */
  date1904: boolean;
  /** Reads a sheet's first `maxRows` rows (all when omitted); undefined when there is no such sheet. */
  sheet(name: string, maxRows?: number): SheetRead | undefined;
}

export class WorkbookFormatError extends Error {
  override name = 'WorkbookFormatError';
}

// ------------------------------------------------------------------ XML helpers

const ENTITY = /&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g;
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

export function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_, entity: string) => {
    switch (entity) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const code = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
      }
    }
  });
}

/** Text of a string item: OOXML `_xHHHH_` escapes decoded after XML entities. */
export function decodeOoxmlText(text: string): string {
  const xml = decodeXml(text);
  return xml.includes('_x') ? xml.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : xml;
}

const attributePatterns = new Map<string, RegExp>();

function attribute(attributes: string, name: string): string | undefined {
  let pattern = attributePatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attributePatterns.set(name, pattern);
  }
  const match = pattern.exec(attributes);
  return match ? decodeXml(match[1] ?? match[2] ?? '') : undefined;
}

export interface XmlElement {
  attributes: string;
  /** Content between the tags; undefined for an empty element <x/>. */
  inner: string | undefined;
}

const openPatterns = new Map<string, RegExp>();

/**
 * The `tag` elements of `xml` (any namespace prefix), found with indexOf
 * rather than one backtracking regular expression, so the time is linear in
 * the size of the XML even when it is malformed on purpose. Nested elements
 * of the same name are not supported (SpreadsheetML has none where we look).
 */
export function* elements(xml: string, tag: string): Generator<XmlElement> {
  let pattern = openPatterns.get(tag);
  if (!pattern) {
    pattern = new RegExp(`<(\\w+:)?${tag}(?=[\\s/>])`, 'g');
    openPatterns.set(tag, pattern);
  }
  const open = new RegExp(pattern.source, 'g');
  for (let match = open.exec(xml); match; match = open.exec(xml)) {
    const tagEnd = xml.indexOf('>', open.lastIndex);
    if (tagEnd < 0) throw new WorkbookFormatError(`XML 不完整：<${tag}> 没有结束`);
    if (xml.charCodeAt(tagEnd - 1) === 0x2f /* / */) {
      yield { attributes: xml.slice(open.lastIndex, tagEnd - 1), inner: undefined };
      open.lastIndex = tagEnd + 1;
      continue;
    }
    const close = `</${match[1] ?? ''}${tag}>`;
    const closeAt = xml.indexOf(close, tagEnd + 1);
    if (closeAt < 0) throw new WorkbookFormatError(`XML 不完整：<${tag}> 没有对应的 ${close}`);
    yield { attributes: xml.slice(open.lastIndex, tagEnd), inner: xml.slice(tagEnd + 1, closeAt) };
    open.lastIndex = closeAt + close.length;
  }
}

function firstElement(xml: string, tag: string): XmlElement | undefined {
  for (const element of elements(xml, tag)) return element;
  return undefined;
}

/** Concatenated text of the <t> elements of a string item, without phonetic (rPh) runs. */
function stringItemText(xml: string): string {
  let body = xml;
  if (body.includes('rPh')) {
    let kept = '';
    let rest = body;
    for (;;) {
      const start = rest.search(/<(?:\w+:)?rPh(?=[\s/>])/);
      if (start < 0) break;
      const close = rest.indexOf('rPh>', start + 4);
      const selfClose = rest.indexOf('/>', start);
      const end = close >= 0 ? close + 4 : selfClose >= 0 ? selfClose + 2 : rest.length;
      kept += rest.slice(0, start);
      rest = rest.slice(end);
    }
    body = kept + rest;
  }
  let text = '';
  for (const t of elements(body, 't')) text += decodeOoxmlText(t.inner ?? '');
  return text;
}

/** A1 → [row, col], 0-based; undefined for anything else. */
export function parseAddress(ref: string): [number, number] | undefined {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!match) return undefined;
  let col = 0;
  for (const ch of match[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(match[2]) - 1, col - 1];
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}

// ------------------------------------------------------------------ workbook

export function readWorkbook(bytes: Uint8Array, limits?: ZipLimits): WorkbookRead {
  const zip = openZip(bytes, limits);
  return readWorkbookFromZip(zip);
}

export function readWorkbookFromZip(zip: ZipArchive): WorkbookRead {
  const rootRels = zip.text('_rels/.rels');
  let workbookPath = 'xl/workbook.xml';
  if (rootRels) {
    for (const relationship of elements(rootRels, 'Relationship')) {
      const target = attribute(relationship.attributes, 'Target');
      if (target && (attribute(relationship.attributes, 'Type') ?? '').endsWith('/officeDocument')) workbookPath = resolveTarget('', target);
    }
  }
  const workbookXml = zip.text(workbookPath);
  if (workbookXml === undefined) throw new WorkbookFormatError('压缩包中没有工作簿（xl/workbook.xml）');
  const relsPath = `${workbookPath.split('/').slice(0, -1).join('/')}/_rels/${workbookPath.split('/').pop()}.rels`;
  const relsXml = zip.text(relsPath) ?? '';
  const targets = new Map<string, { type: string; target: string }>();
  for (const relationship of elements(relsXml, 'Relationship')) {
    const id = attribute(relationship.attributes, 'Id');
    const target = attribute(relationship.attributes, 'Target');
    const type = attribute(relationship.attributes, 'Type') ?? '';
    if (id && target) targets.set(id, { type, target: resolveTarget(workbookPath, target) });
  }

  const sheets = new Map<string, string>();
  for (const sheet of elements(workbookXml, 'sheet')) {
    const name = attribute(sheet.attributes, 'name');
    const id = /\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(sheet.attributes)?.[1];
    const target = id ? targets.get(id)?.target : undefined;
    if (name !== undefined && target) sheets.set(name, target);
  }
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*"(?:1|true)"/.test(workbookXml);

  let shared: string[] | undefined;
  const sharedStrings = (): string[] => {
    if (shared) return shared;
    const entry = [...targets.values()].find((t) => t.type.endsWith('/sharedStrings'));
    const xml = zip.text(entry?.target ?? 'xl/sharedStrings.xml') ?? '';
    const strings: string[] = [];
    for (const item of elements(xml, 'si')) strings.push(stringItemText(item.inner ?? ''));
    shared = strings;
    return strings;
  };

  return {
    sheetNames: [...sheets.keys()],
    date1904,
    sheet(name, maxRows) {
      const path = sheets.get(name);
      if (!path) return undefined;
      const xml = zip.text(path);
      if (xml === undefined) throw new WorkbookFormatError(`工作表「${name}」的内容缺失（${path}）`);
      return parseSheet(name, xml, sharedStrings, maxRows ?? Infinity);
    },
  };
}

// ------------------------------------------------------------------ sheets

function parseSheet(name: string, xml: string, sharedStrings: () => string[], maxRows: number): SheetRead {
  const cells = new Map<string, CellRead>();
  const dataStart = xml.search(/<(?:\w+:)?sheetData(?=[\s/>])/);
  const dataEnd = xml.search(/<\/(?:\w+:)?sheetData>/);
  const masters = new Map<string, { formula: string; row: number; col: number }>();
  const followers: { cell: CellRead; si: string }[] = [];

  if (dataStart >= 0) {
    const data = xml.slice(dataStart, dataEnd >= 0 ? dataEnd : undefined);
    let rowIndex = -1;
    for (const rowElement of elements(data, 'row')) {
      const r = attribute(rowElement.attributes, 'r');
      rowIndex = r ? Number(r) - 1 : rowIndex + 1;
      if (rowIndex >= maxRows) break;
      if (!rowElement.inner) continue;
      let colIndex = -1;
      for (const cellElement of elements(rowElement.inner, 'c')) {
        const { attributes } = cellElement;
        const ref = attribute(attributes, 'r');
        const position = ref ? parseAddress(ref) : undefined;
        const row = position ? position[0] : rowIndex;
        const col = position ? position[1] : colIndex + 1;
        colIndex = col;
        const inner = cellElement.inner ?? '';
        const type = attribute(attributes, 't') ?? 'n';
        const cell: CellRead = { row, col, content: { kind: 'empty' } };
        const formula = inner.includes('<') ? firstElement(inner, 'f') : undefined;
        if (formula) {
          const text = decodeXml(formula.inner ?? '');
          const formulaType = attribute(formula.attributes, 't');
          const si = attribute(formula.attributes, 'si');
          if (text) cell.formula = text;
          if (formulaType === 'shared' && si !== undefined) {
            if (text) masters.set(si, { formula: text, row, col });
            else followers.push({ cell, si });
          }
        }
        const v = inner.includes('<') ? firstElement(inner, 'v') : undefined;
        const raw = v ? (v.inner ?? '') : undefined;
        switch (type) {
          case 's': {
            const index = raw === undefined ? NaN : Number(raw);
            const strings = sharedStrings();
            if (Number.isInteger(index) && index >= 0 && index < strings.length) cell.content = { kind: 'text', value: strings[index]! };
            break;
          }
          case 'inlineStr': {
            const is = firstElement(inner, 'is');
            cell.content = { kind: 'text', value: is?.inner ? stringItemText(is.inner) : '' };
            break;
          }
          case 'str':
            if (raw !== undefined) cell.content = { kind: 'text', value: decodeOoxmlText(raw) };
            break;
          case 'b':
            if (raw !== undefined) cell.content = { kind: 'boolean', value: raw.trim() === '1' || raw.trim() === 'true' };
            break;
          case 'e':
            if (raw !== undefined) cell.content = { kind: 'error', value: decodeXml(raw) };
            break;
          case 'd':
            if (raw !== undefined) cell.content = { kind: 'text', value: decodeXml(raw) };
            break;
          default:
            if (raw !== undefined && raw.trim() !== '') {
              const value = Number(raw);
              cell.content = Number.isFinite(value) ? { kind: 'number', value } : { kind: 'text', value: decodeXml(raw) };
            }
        }
        cells.set(`${row}:${col}`, cell);
      }
    }
  }
  for (const { cell, si } of followers) {
    const master = masters.get(si);
    if (master) cell.shared = { formula: master.formula, rowOffset: cell.row - master.row, colOffset: cell.col - master.col };
  }

  const merges: SheetRead['merges'] = [];
  const tail = dataEnd >= 0 ? xml.slice(dataEnd) : xml;
  for (const mergeCell of elements(tail, 'mergeCell')) {
    const ref = attribute(mergeCell.attributes, 'ref');
    if (!ref) continue;
    const [from, to = from] = ref.split(':') as [string, string?];
    const a = parseAddress(from);
    const b = parseAddress(to);
    if (!a || !b) continue;
    const row = Math.min(a[0], b[0]);
    const col = Math.min(a[1], b[1]);
    merges.push({ row, col, rowSpan: Math.abs(b[0] - a[0]) + 1, colSpan: Math.abs(b[1] - a[1]) + 1, ref });
  }
  return { name, cells, merges, get: (row, col) => cells.get(`${row}:${col}`) };
}
