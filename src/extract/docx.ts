/**
 * A Word document (DOCX, as Word, WPS, LibreOffice or xxgk write it) → text
 * blocks. The package's directory is read first and checked before anything
 * is inflated (entry count, every entry's declared size, encryption); a part
 * is inflated by Node's zlib with a hard cap at its declared size (jszip is
 * not used: its inflater cannot be stopped early, and the bundled CLI swaps it
 * for a one-shot zlib call), then checked against size and CRC — a zip bomb
 * is refused, never unpacked. The main part is read with a streaming XML
 * parser (saxes, which expands no entities it was not given): paragraphs in body
 * order (text of `w:t`, `w:tab`, `w:br`; deleted revisions and hidden runs
 * left out, insertions kept; of a field only its shown result; of
 * `mc:AlternateContent` one branch, so a text box is read once, its
 * paragraphs after the paragraph holding it) and tables (`w:gridSpan`,
 * `w:vMerge` and `w:hMerge` expanded like the HTML reader's colspan/rowspan;
 * a table nested in a cell is flattened into the cell's text). A paragraph in
 * a heading style (Heading n, 标题 n, Title) or with an outline level is a
 * heading. Word's automatic list numbers (“一、”, “（一）”, “1.”, from
 * numbering.xml, directly or through the paragraph's style) are counted and
 * printed before the paragraph's text, as Word shows them.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { cleanParagraph, type ExtractBlock, type ParagraphBlock, type TableCellText } from './blocks.js';
import type { DocumentBlocks, UnreadableDocument } from './read-document.js';

/** A Word document has a few dozen parts; a package with more is not one. */
export const MAX_DOCX_ENTRIES = 5000;
/** The main part (word/document.xml) of the longest report is a few MB. */
export const MAX_DOCX_MAIN_PART_BYTES = 50 * 1024 * 1024;
/** Everything the package says it unpacks to. */
export const MAX_DOCX_TOTAL_BYTES = 200 * 1024 * 1024;
/** Other parts read (styles, relationships). */
const MAX_SMALL_PART_BYTES = 10 * 1024 * 1024;

const W_NAMESPACES = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const MC_NAMESPACE = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const OFFICE_DOCUMENT = /\/officeDocument$/;

const CORRUPT = '文件已损坏（不是完整的 ZIP 压缩包，可能只下载了一部分），无法作为 Word 文档（DOCX）读取';
const BOMB = (what: string) => `${what}，不像一份年度报告（可能是“压缩炸弹”），没有解压读取`;
const ENCRYPTED = '这是设有打开密码（加密）的 Word 文档，无法读取；请在 Word 或 WPS 中取消密码后另存为 DOCX 再读取';

interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  localHeader: number;
  encrypted: boolean;
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/**
 * The package's central directory as the archive declares it (names, sizes,
 * encryption, where each entry's data lies), read without inflating anything;
 * a reason when it is no zip.
 */
function zipDirectory(bytes: Uint8Array): ZipEntryInfo[] | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = bytes.byteLength - 22; at >= Math.max(0, bytes.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return CORRUPT;
  let count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (count === 0xffff || offset === 0xffffffff) {
    // ZIP64: the end record's locator stands just before it.
    const locator = end - 20;
    if (locator < 0 || view.getUint32(locator, true) !== 0x07064b50) return CORRUPT;
    const record = Number(view.getBigUint64(locator + 8, true));
    if (record + 56 > bytes.byteLength || view.getUint32(record, true) !== 0x06064b50) return CORRUPT;
    count = Number(view.getBigUint64(record + 32, true));
    offset = Number(view.getBigUint64(record + 48, true));
  }
  if (count > MAX_DOCX_ENTRIES) return BOMB(`压缩包里有 ${count} 个文件，远多于一份 Word 文档`);
  const entries: ZipEntryInfo[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== 0x02014b50) return CORRUPT;
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength + extraLength > bytes.byteLength) return CORRUPT;
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // Fields too large for 32 bits stand, in this order, in the ZIP64 extra block.
    const fields = [view.getUint32(at + 24, true), view.getUint32(at + 20, true), view.getUint32(at + 42, true)];
    if (fields.includes(0xffffffff)) {
      let extra = at + 46 + nameLength;
      const extraEnd = extra + extraLength;
      while (extra + 4 <= extraEnd) {
        const id = view.getUint16(extra, true);
        const length = view.getUint16(extra + 2, true);
        if (id === 0x0001) {
          let field = extra + 4;
          for (let f = 0; f < fields.length; f++) {
            if (fields[f] !== 0xffffffff) continue;
            fields[f] = field + 8 <= extra + 4 + length ? Number(view.getBigUint64(field, true)) : Number.POSITIVE_INFINITY;
            field += 8;
          }
        }
        extra += 4 + length;
      }
    }
    entries.push({
      name,
      method: view.getUint16(at + 10, true),
      uncompressedSize: fields[0]!,
      compressedSize: fields[1]!,
      crc32: view.getUint32(at + 16, true),
      localHeader: fields[2]!,
      encrypted: (flags & 1) === 1,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * One part's bytes, inflated by Node's zlib with a hard stop at the size the
 * directory declares (a part that would inflate to more is refused unread),
 * then checked against its declared size and CRC.
 */
function inflatePart(bytes: Uint8Array, entry: ZipEntryInfo): Uint8Array | UnreadableDocument {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = entry.localHeader;
  if (!(header + 30 <= bytes.byteLength) || view.getUint32(header, true) !== 0x04034b50) return { unreadable: CORRUPT };
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  if (!(start + entry.compressedSize <= bytes.byteLength)) return { unreadable: CORRUPT };
  const data = bytes.subarray(start, start + entry.compressedSize);
  let output: Uint8Array;
  if (entry.method === 0) output = data;
  else if (entry.method === 8) {
    try {
      output = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        return { unreadable: BOMB(`其中的 ${entry.name} 解压后比压缩包声明的 ${entry.uncompressedSize} 字节还大`) };
      }
      return { unreadable: CORRUPT };
    }
  } else return { unreadable: `其中的 ${entry.name} 用了不常见的压缩方式（${entry.method}），不是 Word 或 WPS 保存的 DOCX，无法读取` };
  if (output.byteLength !== entry.uncompressedSize || crc32(output) !== entry.crc32) return { unreadable: CORRUPT };
  return output;
}

/** XML text of a part: UTF-8, or UTF-16 with its byte order mark. */
function xmlText(bytes: Uint8Array): string | undefined {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

type Tag = SaxesTagNS;

const attribute = (tag: Tag, local: string): string | undefined => {
  for (const key in tag.attributes) {
    const value = tag.attributes[key]!;
    if (value.local === local && (value.uri === '' || W_NAMESPACES.has(value.uri) || value.prefix === 'w')) return value.value;
  }
  return undefined;
};

/** Word's on/off attribute: absent or anything but false/0/off means on. */
const isOn = (tag: Tag) => {
  const value = attribute(tag, 'val');
  return value === undefined || !['false', '0', 'off'].includes(value);
};

/** The parser's most common complaints in Chinese; others as the parser words them. */
const XML_PROBLEMS: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^undefined entity\.?$/, () => '引用了未定义的实体'],
  [/^unclosed tag: (.+?)\.?$/, (m) => `标签 <${m[1]}> 没有结束`],
  [/^unmatched closing tag: (.+?)\.?$/, (m) => `结束标签 </${m[1]}> 没有对应的开始标签`],
  [/^unexpected close tag\.?$/, () => '结束标签与开始标签不对应'],
  [/^text data outside of root node\.?$/, () => '根元素之外有文字'],
  [/^document must contain a root element\.?$/, () => '没有根元素'],
  [/^documents may contain only one root\.?$/, () => '有不止一个根元素'],
  [/^unexpected end\.?$/, () => '内容意外结束'],
  [/^disallowed character\.?$/, () => '有 XML 不允许的字符'],
  [/^unbound namespace prefix: "(.+?)"\.?$/, (m) => `命名空间前缀 ${m[1]} 没有声明`],
];

function xmlProblem(message: string): string {
  for (const [pattern, say] of XML_PROBLEMS) {
    const match = pattern.exec(message);
    if (match) return say(match);
  }
  return message;
}

/**
 * Runs a part through a namespace-aware parser; a reason when it is not
 * well-formed XML. Positions are tracked only to say where a part is broken
 * (a second run, without handlers): tracking them costs a third of the time.
 */
function parseXml(text: string, handlers: { open(tag: Tag): void; close(tag: Tag): void; text(text: string): void }): string | undefined {
  const run = (position: boolean, live: boolean): string | undefined => {
    const parser = new SaxesParser({ xmlns: true, position });
    let failure: string | undefined;
    parser.on('error', (error) => {
      failure ??= position ? `第 ${parser.line} 行第 ${parser.column + 1} 列：${xmlProblem(error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, ''))}` : error.message;
    });
    if (live) {
      parser.on('opentag', (tag) => {
        if (failure === undefined) handlers.open(tag);
      });
      parser.on('closetag', (tag) => {
        if (failure === undefined) handlers.close(tag);
      });
      parser.on('text', (value) => {
        if (failure === undefined) handlers.text(value);
      });
      parser.on('cdata', (value) => {
        if (failure === undefined) handlers.text(value);
      });
    }
    try {
      parser.write(text).close();
    } catch (error) {
      failure ??= error instanceof Error ? error.message : String(error);
    }
    return failure;
  };
  const failure = run(false, true);
  return failure === undefined ? undefined : (run(true, false) ?? failure);
}

interface ParagraphStyle {
  name?: string;
  basedOn?: string;
  outlineLevel?: number;
  numId?: string;
  level?: number;
}

const HEADING_STYLE = /^(?:heading|标题)\s*[1-9]$|^(?:title|标题)$/i;
const TITLE_STYLE = /^(?:title|标题)$/i;

interface StyleKinds {
  /** Paragraph styles that make a heading. */
  headings: Set<string>;
  /** The list numbering a paragraph style carries (a heading style linked to a multilevel list). */
  numbering: Map<string, { numId: string; level: number }>;
  /** The document title's style (Title, 标题): consecutive paragraphs in it are one title, like an <h1> with <br>. */
  titles: Set<string>;
}

/** The paragraph styles that make a heading: by name (Heading n, 标题 n, Title) or by outline level, through `basedOn`. */
function styleKinds(stylesXml: string | undefined): StyleKinds {
  const styles = new Map<string, ParagraphStyle>();
  if (stylesXml !== undefined) {
    let current: ParagraphStyle | undefined;
    let depth = 0;
    let pPrDepth = -1;
    parseXml(stylesXml, {
      open(tag) {
        depth++;
        if (!W_NAMESPACES.has(tag.uri)) return;
        if (tag.local === 'style') {
          current = {};
          if (attribute(tag, 'type') === 'paragraph') styles.set(attribute(tag, 'styleId') ?? '', current);
        } else if (current && tag.local === 'name') current.name = attribute(tag, 'val');
        else if (current && tag.local === 'basedOn') current.basedOn = attribute(tag, 'val');
        else if (current && tag.local === 'pPr') pPrDepth = depth;
        else if (current && tag.local === 'outlineLvl' && pPrDepth === depth - 1) current.outlineLevel = Number(attribute(tag, 'val'));
        else if (current && tag.local === 'numId' && pPrDepth === depth - 2) current.numId = attribute(tag, 'val');
        else if (current && tag.local === 'ilvl' && pPrDepth === depth - 2) current.level = Number(attribute(tag, 'val'));
      },
      close(tag) {
        if (W_NAMESPACES.has(tag.uri) && tag.local === 'style') current = undefined;
        if (depth === pPrDepth) pPrDepth = -1;
        depth--;
      },
      text() {},
    });
  }
  const headings = new Set<string>();
  const titles = new Set<string>();
  const numbering = new Map<string, { numId: string; level: number }>();
  for (const [id, style] of styles) {
    if (style.name && TITLE_STYLE.test(style.name.trim())) titles.add(id);
    for (let at: ParagraphStyle | undefined = style, hops = 0; at && hops < 20; hops++, at = at.basedOn === undefined ? undefined : styles.get(at.basedOn)) {
      if (at.numId !== undefined) {
        numbering.set(id, { numId: at.numId, level: at.level ?? 0 });
        break;
      }
    }
    let at: ParagraphStyle | undefined = style;
    for (let hops = 0; at && hops < 20; hops++) {
      if (at.outlineLevel !== undefined) {
        if (at.outlineLevel >= 0 && at.outlineLevel <= 8) headings.add(id);
        break;
      }
      if (at.name && HEADING_STYLE.test(at.name.trim())) {
        headings.add(id);
        break;
      }
      at = at.basedOn === undefined ? undefined : styles.get(at.basedOn);
    }
  }
  return { headings, titles, numbering };
}

const ZERO_WIDTH = /[\u200b\u2060\ufeff]/g;
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/**
 * The lines of a table cell as one text: Chinese wrapped by hand across lines
 * (“1.本机关不掌握↵相关政府信息”) runs together, other text keeps a space.
 */
function joinCellLines(lines: readonly string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = cleanParagraph(raw);
    if (!line) continue;
    out = out && !CJK.test(out.at(-1)!) && !CJK.test(line[0]!) ? `${out} ${line}` : out + line;
  }
  return out;
}

interface ListLevel {
  start: number;
  format: string;
  text: string;
}

/** The lists of numbering.xml: each w:num's levels (from its w:abstractNum) and where its counters are kept. */
interface Lists {
  nums: Map<string, { abstract: string; levels: Map<number, ListLevel>; starts: Map<number, number> }>;
}

function listsOf(numberingXml: string | undefined): Lists {
  const abstracts = new Map<string, Map<number, ListLevel>>();
  const nums: Lists['nums'] = new Map();
  if (numberingXml === undefined) return { nums };
  let abstract: Map<number, ListLevel> | undefined;
  let level: ListLevel | undefined;
  let num: { abstract: string; levels: Map<number, ListLevel>; starts: Map<number, number> } | undefined;
  let override: number | undefined;
  parseXml(numberingXml, {
    open(tag) {
      if (!W_NAMESPACES.has(tag.uri)) return;
      const value = attribute(tag, 'val');
      switch (tag.local) {
        case 'abstractNum':
          abstract = new Map();
          abstracts.set(attribute(tag, 'abstractNumId') ?? '', abstract);
          break;
        case 'lvl':
          if (abstract && !num) {
            level = { start: 1, format: 'decimal', text: '' };
            abstract.set(Number(attribute(tag, 'ilvl') ?? 0), level);
          }
          break;
        case 'start':
          if (level) level.start = Number(value ?? 1);
          break;
        case 'numFmt':
          if (level) level.format = value ?? 'decimal';
          break;
        case 'lvlText':
          if (level) level.text = value ?? '';
          break;
        case 'num':
          num = { abstract: '', levels: new Map(), starts: new Map() };
          nums.set(attribute(tag, 'numId') ?? '', num);
          break;
        case 'abstractNumId':
          if (num) num.abstract = value ?? '';
          break;
        case 'lvlOverride':
          override = Number(attribute(tag, 'ilvl') ?? 0);
          break;
        case 'startOverride':
          if (num && override !== undefined) num.starts.set(override, Number(value ?? 1));
          break;
      }
    },
    close(tag) {
      if (!W_NAMESPACES.has(tag.uri)) return;
      if (tag.local === 'abstractNum') abstract = undefined;
      if (tag.local === 'lvl') level = undefined;
      if (tag.local === 'num') num = undefined;
      if (tag.local === 'lvlOverride') override = undefined;
    },
    text() {},
  });
  for (const entry of nums.values()) entry.levels = abstracts.get(entry.abstract) ?? new Map();
  return { nums };
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';

/** 1 → 一, 10 → 十, 21 → 二十一 (list numbers never reach the hundreds in a report). */
function chineseCounting(n: number): string {
  if (n <= 0 || n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return CHINESE_DIGITS[ones]!;
  return `${tens === 1 ? '' : CHINESE_DIGITS[tens]}十${ones === 0 ? '' : CHINESE_DIGITS[ones]}`;
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [value, letters] of table) for (; n >= value; n -= value) out += letters;
  return out;
}

/** A list number in a level's format (w:numFmt). */
function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'chineseLegalSimplified':
      return chineseCounting(n);
    case 'ideographTraditional':
      return HEAVENLY_STEMS[(n - 1) % 10] ?? String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'lowerLetter':
      return String.fromCharCode(97 + ((n - 1) % 26));
    case 'upperLetter':
      return String.fromCharCode(65 + ((n - 1) % 26));
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    default:
      return String(n);
  }
}

/**
 * The numbers Word prints before list paragraphs (“一、”, “（一）”, “1.”),
 * counted in document order per list; bullets print nothing that is text.
 */
class ListCounter {
  private readonly counters = new Map<string, number[]>();
  private readonly started = new Set<string>();

  constructor(private readonly lists: Lists) {}

  next(numId: string, level: number): string {
    const num = this.lists.nums.get(numId);
    if (!num || numId === '0') return '';
    const definition = num.levels.get(level);
    if (!definition || definition.format === 'bullet' || definition.format === 'none') return '';
    // Lists of one abstract definition count together, except where a w:num restarts a level.
    const key = num.starts.size > 0 ? `num:${numId}` : `abstract:${num.abstract}`;
    const counts = this.counters.get(key) ?? [];
    this.counters.set(key, counts);
    const startOf = (l: number) => (this.started.has(`${key}:${l}`) ? undefined : num.starts.get(l)) ?? num.levels.get(l)?.start ?? 1;
    counts[level] = counts[level] === undefined ? startOf(level) : counts[level]! + 1;
    this.started.add(`${key}:${level}`);
    counts.length = level + 1;
    const text = definition.text.replace(/%([1-9])/g, (_, digit: string) => {
      const l = Number(digit) - 1;
      const value = counts[l] ?? startOf(l);
      return formatNumber(value, num.levels.get(l)?.format ?? 'decimal');
    });
    // Word puts a tab (or space) after the number; Chinese numbers end in their own mark (、 . ）) instead.
    return /[\p{L}\p{N}]$/u.test(text) ? `${text} ` : text;
  }
}

interface RawCell {
  texts: string[];
  span: number;
  vMerge?: 'restart' | 'continue';
  hMergeContinue: boolean;
}

interface RawRow {
  gridBefore: number;
  deleted: boolean;
  cells: RawCell[];
}

interface ContainerFrame {
  kind: 'container';
  /** body, a text box, or a table cell (whose paragraphs become the cell's text). */
  cell?: RawCell;
  blocks: ExtractBlock[];
  /** Text boxes met inside the paragraph being read: their blocks follow it. */
  pending: ExtractBlock[];
  /** A paragraph whose mark was deleted (tracked) runs into the next one. */
  carry: string;
  /** The last block added, when it is a paragraph in the Title style. */
  title?: ExtractBlock;
}

interface ParagraphFrame {
  kind: 'paragraph';
  text: string;
  style?: string;
  outlineLevel?: number;
  /** Direct list numbering (w:numPr); numId 0 switches a style's numbering off. */
  numId?: string;
  listLevel?: number;
  markDeleted: boolean;
}

interface TableFrame {
  kind: 'table';
  rows: RawRow[];
}

type Frame = ContainerFrame | ParagraphFrame | TableFrame;

/**
 * Elements whose content is not the text: deletions, moved-away text, earlier
 * formatting of tracked changes, field instructions, ruby (phonetic) annotations.
 */
const SKIPPED = new Set(['del', 'moveFrom', 'pPrChange', 'rPrChange', 'tblPrChange', 'tcPrChange', 'trPrChange', 'sectPrChange', 'tblPrExChange', 'numberingChange', 'instrText', 'delInstrText', 'delText', 'rt']);

interface SharedCell {
  text: string;
  origin: number;
  startRow: number;
}

/** A Word table's rows with horizontal (gridSpan, hMerge) and vertical (vMerge) merges expanded. */
function tableRows(rows: readonly RawRow[], nextOrigin: () => number): TableCellText[][] {
  const grid: SharedCell[][] = [];
  for (const row of rows) {
    if (row.deleted) continue;
    const rowIndex = grid.length;
    const above = grid[rowIndex - 1];
    const out: SharedCell[] = [];
    let column = 0;
    for (let i = 0; i < Math.min(row.gridBefore, 100); i++) out[column++] = { text: '', origin: nextOrigin(), startRow: rowIndex };
    for (const cell of row.cells) {
      // Spans beyond any real statistics table (malformed or hostile files) are cut to keep the expansion small.
      const span = Math.max(1, Math.min(100, cell.span));
      const text = joinCellLines(cell.texts.flatMap((text) => text.split('\n')));
      const continued = cell.vMerge === 'continue' ? above?.[column] : cell.hMergeContinue ? out[column - 1] : undefined;
      if (continued) {
        if (text) continued.text = joinCellLines([continued.text, text]);
        for (let c = 0; c < span; c++) out[column + c] = continued;
      } else {
        const shared = { text, origin: nextOrigin(), startRow: rowIndex };
        for (let c = 0; c < span; c++) out[column + c] = shared;
      }
      column += span;
    }
    grid.push(out);
  }
  return grid.map((row) => Array.from({ length: row.length }, (_, c) => (row[c] ? { ...row[c]! } : { text: '', origin: nextOrigin(), startRow: -1 })));
}

/** The texts of a nested table's printed cells, in reading order, each once. */
function flattenTable(rows: readonly TableCellText[][]): string[] {
  const seen = new Set<number>();
  const texts: string[] = [];
  for (const row of rows) {
    for (const cell of row) {
      if (seen.has(cell.origin)) continue;
      seen.add(cell.origin);
      if (cell.text) texts.push(cell.text);
    }
  }
  return texts;
}

/** The main part's blocks; a reason when it is not well-formed XML; `notWord` when its root is no <w:document> (an Excel or PowerPoint package). */
function documentBlocks(xml: string, styles: StyleKinds, lists: Lists): ExtractBlock[] | string | { notWord: true } {
  const body: ContainerFrame = { kind: 'container', blocks: [], pending: [], carry: '' };
  const frames: Frame[] = [body];
  /** Local names of the open elements (prefixed “other:” outside WordprocessingML). */
  const names: string[] = [];
  let skip = 0;
  let inText = false;
  let hiddenRun = false;
  let fieldCode = 0;
  const fields: boolean[] = [];
  /** Per open mc:AlternateContent: whether one branch has been read. */
  const alternatives: boolean[] = [];
  let origin = 0;
  const nextOrigin = () => origin++;
  const counter = new ListCounter(lists);

  const top = () => frames[frames.length - 1]!;
  const container = (): ContainerFrame => {
    for (let i = frames.length - 1; i >= 0; i--) if (frames[i]!.kind === 'container') return frames[i] as ContainerFrame;
    return body;
  };
  const paragraph = (): ParagraphFrame | undefined => {
    const frame = top();
    return frame.kind === 'paragraph' ? frame : undefined;
  };
  const append = (text: string) => {
    if (skip > 0 || hiddenRun || fieldCode > 0) return;
    const frame = paragraph();
    if (frame) frame.text += text;
  };
  const parent = () => names[names.length - 1];
  const addBlocks = (target: ContainerFrame, blocks: readonly ExtractBlock[]) => {
    if (target.cell) {
      for (const block of blocks) target.cell.texts.push(...(block.kind === 'paragraph' ? [block.text] : flattenTable(block.rows)));
    } else target.blocks.push(...blocks);
  };

  let root = true;
  let notWord = false;
  const failure = parseXml(xml, {
    open(tag) {
      const isW = W_NAMESPACES.has(tag.uri);
      const local = tag.local;
      if (root) {
        root = false;
        notWord = !isW || local !== 'document';
      }
      if (notWord) return;
      if (skip > 0) {
        skip++;
        names.push('');
        return;
      }
      if (tag.uri === MC_NAMESPACE && (local === 'Choice' || local === 'Fallback')) {
        const taken = alternatives[alternatives.length - 1];
        if (taken) {
          skip = 1;
          names.push('');
          return;
        }
        if (alternatives.length > 0) alternatives[alternatives.length - 1] = true;
      }
      if (tag.uri === MC_NAMESPACE && local === 'AlternateContent') alternatives.push(false);
      if (isW && SKIPPED.has(local) && !(local === 'del' && (parent() === 'rPr' || parent() === 'trPr'))) {
        skip = 1;
        names.push('');
        return;
      }
      const within = parent();
      names.push(isW ? local : `other:${local}`);
      if (!isW) return;
      switch (local) {
        case 'p':
          frames.push({ kind: 'paragraph', text: '', markDeleted: false });
          break;
        case 'pStyle': {
          const frame = paragraph();
          if (frame && within === 'pPr') frame.style = attribute(tag, 'val');
          break;
        }
        case 'outlineLvl': {
          const frame = paragraph();
          if (frame && within === 'pPr') frame.outlineLevel = Number(attribute(tag, 'val'));
          break;
        }
        case 'numId':
        case 'ilvl': {
          const frame = paragraph();
          if (frame && within === 'numPr' && names[names.length - 3] === 'pPr') {
            if (local === 'numId') frame.numId = attribute(tag, 'val');
            else frame.listLevel = Number(attribute(tag, 'val') ?? 0);
          }
          break;
        }
        case 'del': {
          // Inside rPr/trPr: a deleted paragraph mark or row (the content itself is skipped above).
          const frame = top();
          if (within === 'rPr' && names[names.length - 3] === 'pPr' && frame.kind === 'paragraph') frame.markDeleted = true;
          if (within === 'trPr' && frame.kind === 'table') frame.rows.at(-1)!.deleted = true;
          break;
        }
        case 'r':
          hiddenRun = false;
          break;
        case 'vanish':
          if (within === 'rPr' && names[names.length - 3] === 'r' && isOn(tag)) hiddenRun = true;
          break;
        case 't':
          inText = true;
          break;
        case 'tab':
        case 'ptab':
          if (within === 'r') append('\t');
          break;
        case 'br':
        case 'cr': {
          const type = attribute(tag, 'type');
          if (within === 'r' && (type === undefined || type === 'textWrapping')) append('\n');
          break;
        }
        case 'noBreakHyphen':
          if (within === 'r') append('-');
          break;
        case 'fldChar': {
          const type = attribute(tag, 'fldCharType');
          if (type === 'begin') {
            fields.push(true);
            fieldCode++;
          } else if (type === 'separate' && fields.at(-1) === true) {
            fields[fields.length - 1] = false;
            fieldCode--;
          } else if (type === 'end' && fields.length > 0) {
            if (fields.pop()) fieldCode--;
          }
          break;
        }
        case 'tbl':
          frames.push({ kind: 'table', rows: [] });
          break;
        case 'tr': {
          const frame = top();
          if (frame.kind === 'table') frame.rows.push({ gridBefore: 0, deleted: false, cells: [] });
          break;
        }
        case 'gridBefore': {
          const frame = top();
          if (frame.kind === 'table' && within === 'trPr' && frame.rows.length > 0) frame.rows.at(-1)!.gridBefore = Number.parseInt(attribute(tag, 'val') ?? '0', 10) || 0;
          break;
        }
        case 'tc': {
          const frame = top();
          const cell: RawCell = { texts: [], span: 1, hMergeContinue: false };
          if (frame.kind === 'table') {
            if (frame.rows.length === 0) frame.rows.push({ gridBefore: 0, deleted: false, cells: [] });
            frame.rows.at(-1)!.cells.push(cell);
          }
          frames.push({ kind: 'container', cell, blocks: [], pending: [], carry: '' });
          break;
        }
        case 'gridSpan': {
          const frame = top();
          if (within === 'tcPr' && frame.kind === 'container' && frame.cell) frame.cell.span = Number.parseInt(attribute(tag, 'val') ?? '1', 10) || 1;
          break;
        }
        case 'vMerge': {
          const frame = top();
          if (within === 'tcPr' && frame.kind === 'container' && frame.cell) frame.cell.vMerge = attribute(tag, 'val') === 'restart' ? 'restart' : 'continue';
          break;
        }
        case 'hMerge': {
          const frame = top();
          if (within === 'tcPr' && frame.kind === 'container' && frame.cell) frame.cell.hMergeContinue = attribute(tag, 'val') !== 'restart';
          break;
        }
        case 'txbxContent':
          frames.push({ kind: 'container', blocks: [], pending: [], carry: '' });
          break;
      }
    },
    close(tag) {
      if (notWord) return;
      names.pop();
      if (skip > 0) {
        skip--;
        return;
      }
      if (tag.uri === MC_NAMESPACE && tag.local === 'AlternateContent') alternatives.pop();
      if (!W_NAMESPACES.has(tag.uri)) return;
      switch (tag.local) {
        case 't':
          inText = false;
          break;
        case 'r':
          hiddenRun = false;
          break;
        case 'p': {
          const frame = frames.pop();
          if (frame?.kind !== 'paragraph') break;
          const target = container();
          const list = frame.numId !== undefined ? { numId: frame.numId, level: frame.listLevel ?? 0 } : frame.style !== undefined ? styles.numbering.get(frame.style) : undefined;
          const number = list && !frame.markDeleted && frame.text.trim() !== '' ? counter.next(list.numId, frame.listLevel ?? list.level) : '';
          const text = target.carry + number + frame.text;
          target.carry = '';
          if (frame.markDeleted) {
            target.carry = text;
          } else {
            const heading = (frame.outlineLevel !== undefined ? frame.outlineLevel >= 0 && frame.outlineLevel <= 8 : false) ||
              (frame.outlineLevel === undefined && frame.style !== undefined && styles.headings.has(frame.style));
            // A heading's lines belong together; other paragraphs are split at line breaks (as the HTML reader splits at <br>).
            const lines = heading ? [text.replace(/\n/g, '')] : text.split('\n');
            const blocks: ExtractBlock[] = [];
            for (const line of lines) {
              const clean = cleanParagraph(line);
              if (clean) blocks.push({ kind: 'paragraph', text: clean, ...(heading ? { heading: true } : {}) });
            }
            const title = frame.style !== undefined && styles.titles.has(frame.style) && !target.cell;
            const previous = target.blocks.at(-1);
            if (title && blocks.length === 1 && previous && previous === target.title && previous.kind === 'paragraph') {
              // The title set in two paragraphs of the Title style (organisation, then year and 年度报告) is one title.
              previous.text = joinCellLines([previous.text, (blocks[0] as ParagraphBlock).text]);
            } else {
              addBlocks(target, blocks);
              target.title = title ? target.blocks.at(-1) : undefined;
            }
          }
          addBlocks(target, target.pending.splice(0));
          break;
        }
        case 'tbl': {
          const frame = frames.pop();
          if (frame?.kind !== 'table') break;
          addBlocks(container(), [{ kind: 'table', rows: tableRows(frame.rows, nextOrigin) }]);
          break;
        }
        case 'tc': {
          const frame = frames.pop();
          if (frame?.kind === 'container' && frame.carry) frame.cell?.texts.push(frame.carry);
          break;
        }
        case 'txbxContent': {
          const frame = frames.pop();
          if (frame?.kind !== 'container') break;
          const target = container();
          const blocks = [...frame.blocks, ...(frame.carry ? [{ kind: 'paragraph' as const, text: cleanParagraph(frame.carry) }] : [])];
          // Inside a paragraph: after it; elsewhere (a malformed file): where it stands.
          if (frames.some((f) => f.kind === 'paragraph')) target.pending.push(...blocks);
          else addBlocks(target, blocks);
          break;
        }
      }
    },
    text(value) {
      if (notWord) return;
      // Zero-width spaces are break opportunities a writer put in URLs and numbers (xxgk does), not text.
      if (inText) append(value.replace(ZERO_WIDTH, ''));
    },
  });
  if (failure !== undefined) return failure;
  if (notWord) return { notWord: true };
  if (body.carry) body.blocks.push({ kind: 'paragraph', text: cleanParagraph(body.carry) });
  body.blocks.push(...body.pending);
  return body.blocks;
}

/**
 * A table's caption that repeats the heading just above it (“二、主动公开政府
 *信息情况” as heading, then again centred over the table — how LibreOffice
 * saves an HTML <caption>, and how many offices lay a table out) is the
 * table's title, not a paragraph of the part: the HTML reader skips <caption> likewise.
 */
function withoutRepeatedCaptions(blocks: ExtractBlock[]): ExtractBlock[] {
  const compact = (text: string) => text.replace(/\s+/g, '');
  return blocks.filter((block, i) => {
    const before = blocks[i - 1];
    const after = blocks[i + 1];
    return !(
      block.kind === 'paragraph' &&
      !block.heading &&
      after?.kind === 'table' &&
      before?.kind === 'paragraph' &&
      before.heading &&
      compact(before.text) === compact(block.text)
    );
  });
}

/** The main part's path: from the package relationships, else word/document.xml. */
function mainPartName(bytes: Uint8Array, entries: ReadonlyMap<string, ZipEntryInfo>): string | UnreadableDocument {
  const rels = entries.get('_rels/.rels');
  if (rels && rels.uncompressedSize <= MAX_SMALL_PART_BYTES) {
    const part = inflatePart(bytes, rels);
    if (!(part instanceof Uint8Array)) return part;
    const text = xmlText(part);
    let target: string | undefined;
    if (text !== undefined) {
      parseXml(text, {
        open(tag) {
          if (tag.local !== 'Relationship' || target !== undefined) return;
          const type = tag.attributes.Type;
          const value = tag.attributes.Target;
          if (type && value && typeof type !== 'string' && typeof value !== 'string' && OFFICE_DOCUMENT.test(type.value)) target = value.value;
        },
        close() {},
        text() {},
      });
    }
    if (target !== undefined) {
      const name = target.replace(/^\//, '');
      if (entries.has(name)) return name;
    }
  }
  return 'word/document.xml';
}

/** What a zip without a Word document is, for the message. */
function notWord(entries: ReadonlyMap<string, ZipEntryInfo>): string {
  if (entries.has('xl/workbook.xml')) return '这是 Excel 工作簿（XLSX），不是 Word 文档；年度报告请用 Word 文档（DOCX）、PDF、网页（HTML）或纯文本（.txt）';
  if (entries.has('ppt/presentation.xml')) return '这是 PowerPoint 演示文稿（PPTX），不是 Word 文档；年度报告请用 Word 文档（DOCX）、PDF、网页（HTML）或纯文本（.txt）';
  return '这是一个 ZIP 压缩包，但其中没有 Word 文档的正文（word/document.xml），不是 Word 文档（DOCX）；请解压后选择其中的年度报告文件';
}

/** Whether an OLE compound file (what `documentForm` calls 'doc') is an encrypted Office document: it holds an EncryptedPackage stream. */
export function isEncryptedOffice(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from('EncryptedPackage', 'utf16le'));
}

/** The message for an encrypted Word file. */
export const ENCRYPTED_DOCX = ENCRYPTED;

/** A DOCX's text blocks, or why it cannot be read. */
export function readDocxBlocks(bytes: Uint8Array): DocumentBlocks | UnreadableDocument {
  const directory = zipDirectory(bytes);
  if (typeof directory === 'string') return { unreadable: directory };
  const entries = new Map(directory.map((entry) => [entry.name, entry]));
  const total = directory.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (total > MAX_DOCX_TOTAL_BYTES) return { unreadable: BOMB(`压缩包声明解压后共有 ${Number.isFinite(total) ? megabytes(total) : '超过 4 GB'}，超过 ${megabytes(MAX_DOCX_TOTAL_BYTES)}`) };
  const mainName = mainPartName(bytes, entries);
  if (typeof mainName !== 'string') return mainName;
  const main = entries.get(mainName);
  if (!main) return { unreadable: notWord(entries) };
  if (main.encrypted) return { unreadable: ENCRYPTED };
  if (main.uncompressedSize > MAX_DOCX_MAIN_PART_BYTES) {
    return { unreadable: BOMB(`正文（${mainName}）解压后有 ${megabytes(main.uncompressedSize)}，超过 ${megabytes(MAX_DOCX_MAIN_PART_BYTES)}`) };
  }
  const mainBytes = inflatePart(bytes, main);
  if (!(mainBytes instanceof Uint8Array)) return mainBytes;
  const stylesName = `${mainName.replace(/[^/]*$/, '')}styles.xml`;
  const stylesEntry = entries.get(stylesName);
  let stylesXml: string | undefined;
  if (stylesEntry && !stylesEntry.encrypted && stylesEntry.uncompressedSize <= MAX_SMALL_PART_BYTES) {
    const stylesBytes = inflatePart(bytes, stylesEntry);
    if (!(stylesBytes instanceof Uint8Array)) return stylesBytes;
    stylesXml = xmlText(stylesBytes);
  }
  const numberingEntry = entries.get(`${mainName.replace(/[^/]*$/, '')}numbering.xml`);
  let numberingXml: string | undefined;
  if (numberingEntry && !numberingEntry.encrypted && numberingEntry.uncompressedSize <= MAX_SMALL_PART_BYTES) {
    const numberingBytes = inflatePart(bytes, numberingEntry);
    if (!(numberingBytes instanceof Uint8Array)) return numberingBytes;
    numberingXml = xmlText(numberingBytes);
  }
  const text = xmlText(mainBytes);
  if (text === undefined) return { unreadable: `Word 文档的正文（${mainName}）不是有效的 UTF-8/UTF-16 文本，文件已损坏，无法读取` };
  const blocks = documentBlocks(text, styleKinds(stylesXml), listsOf(numberingXml));
  if (typeof blocks === 'string') return { unreadable: `Word 文档的正文（${mainName}）不是有效的 XML（${blocks}），文件已损坏，无法读取` };
  if ('notWord' in blocks) return { unreadable: notWord(entries) };
  return { blocks: withoutRepeatedCaptions(blocks), kind: 'docx' };
}
