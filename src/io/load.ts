/**
 * Reads a report data file (YAML or JSON) into plain data plus a position map,
 * and turns schema failures into positioned Chinese diagnostics.
 *
 * JSON goes through the same YAML parser (YAML 1.2 is a superset of JSON), so
 * JSON files get line/column positions too. The YAML core schema keeps dates
 * such as 2024-01-20 as strings and treats yes/no as text.
 */
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type YAMLError,
} from 'yaml';
import type * as z from 'zod';
import type { TableDefinition } from '../tables/grid.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { dropEmptyOptionalValues, issuesToDiagnostics } from './schema-messages.js';
import { createSourceMap, nearestPosition, nearestRange, type DataPath, type SourceMap, type SourcePosition, type SourceRange } from './source-map.js';

export type { DataPath, SourcePoint, SourcePosition, SourceRange } from './source-map.js';

/** The file could not be read at all (missing, a folder, no permission, not text). The CLI exits with code 2. */
export class ReportReadError extends Error {
  override name = 'ReportReadError';
  constructor(
    message: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface LoadResult {
  fileName: string;
  /** The parsed data; undefined when the file is empty, not a mapping, or has syntax errors. */
  raw: unknown | undefined;
  /** Syntax and file-shape problems (codes YAML-SYNTAX, YAML-EMPTY, YAML-NOT-MAPPING, YAML-WARNING). */
  diagnostics: Diagnostic[];
  /** Source position of the value at a data path (of its key when the value is empty). */
  positionOf(path: DataPath): SourcePosition | undefined;
  /** Source position of the key naming a data path. */
  keyPositionOf(path: DataPath): SourcePosition | undefined;
  /** Start and end of the value at a data path (of its key when the value is empty). */
  rangeOf(path: DataPath): SourceRange | undefined;
  /** Start and end of the key naming a data path. */
  keyRangeOf(path: DataPath): SourceRange | undefined;
  /** The value at a data path exactly as written in the source. */
  sourceTextOf(path: DataPath): string | undefined;
}

const noPositions: Pick<LoadResult, 'positionOf' | 'keyPositionOf' | 'rangeOf' | 'keyRangeOf' | 'sourceTextOf'> = {
  positionOf: () => undefined,
  keyPositionOf: () => undefined,
  rangeOf: () => undefined,
  keyRangeOf: () => undefined,
  sourceTextOf: () => undefined,
};

/** The position to show for a path that may be absent from the source: see `nearestPosition`. */
export function nearestPositionOf(
  load: Pick<LoadResult, 'positionOf' | 'keyPositionOf'>,
  path: DataPath,
): SourcePosition | undefined {
  return nearestPosition(load, path);
}

/** The range to show for a path that may be absent from the source: see `nearestRange`. */
export function nearestRangeOf(load: Pick<LoadResult, 'rangeOf' | 'keyRangeOf'>, path: DataPath): SourceRange | undefined {
  return nearestRange(load, path);
}

const isJsonName = (fileName: string): boolean => extname(fileName).toLowerCase() === '.json';

// ------------------------------------------------------------------ syntax errors

interface SyntaxContext {
  document: Document;
  map: SourceMap;
  json: boolean;
}

/**
 * Duplicated keys, found in one pass with a set per mapping. (The yaml
 * library's own `uniqueKeys` check compares each key with every earlier one:
 * a mapping of 100 000 keys, which fits in a small file, would take minutes.)
 */
function duplicateKeys(document: Document): { name: string; offset: number; first: number }[] {
  const found: { name: string; offset: number; first: number }[] = [];
  visit(document, {
    Map(_, map) {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key) || !key.range) continue;
        const id = `${typeof key.value}:${String(key.value)}`;
        const first = seen.get(id);
        if (first === undefined) seen.set(id, key.range[0]);
        else found.push({ name: String(key.value), offset: key.range[0], first });
      }
      return undefined;
    },
  });
  return found;
}

/** The quoted string left open at the end of the file: where its opening quote is. */
function unclosedQuoteStart(document: Document, errorOffset: number): number | undefined {
  let start: number | undefined;
  visit(document, {
    Scalar(_, scalar) {
      if ((scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') && scalar.range) {
        const [from, , to] = scalar.range;
        if (from <= errorOffset && errorOffset <= to && (start === undefined || from > start)) start = from;
      }
      return undefined;
    },
  });
  return start;
}

function explainSyntaxError(error: YAMLError, context: SyntaxContext): { message: string; offset: number } {
  const offset = error.pos[0];
  const at = context.map.positionAt(offset);
  const where = `第 ${at.line} 行`;
  const original = error.message.split('\n')[0] ?? error.message;
  const kind = context.json ? 'JSON' : 'YAML';
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return { offset, message: `${where}用了制表符（Tab）缩进，YAML 只能用空格缩进` };
    case 'DUPLICATE_KEY':
      return { offset, message: `${where}的键重复出现，同一层里每个键只能写一次` };
    case 'BAD_INDENT':
      if (/^Flow (sequence|map)/.test(original)) return explainFlowEnd(original, offset, context);
      if (/sequence items/.test(original)) {
        return { offset, message: `${where}的缩进不对：同一个列表里的各项（以“- ”开头）必须左对齐` };
      }
      return { offset, message: `${where}的缩进不对：同一层的键必须左对齐，缩进的空格数要相同` };
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BLOCK_IN_FLOW':
      if (context.json) {
        return { offset, message: `${where}附近的 JSON 写法有误：常见原因是这一项末尾少了逗号，或引号没有闭合` };
      }
      return {
        offset,
        message:
          `${where}附近的写法有误：一个值的后面又出现了“键: 值”。常见原因是下一行的缩进比同层的键多，` +
          '或者冒号后面的值里又有“: ”（这时请给值加上引号）',
      };
    case 'MISSING_CHAR': {
      if (/closing ["']quote/.test(original)) {
        const quote = original.includes('"quote') ? '"' : "'";
        const start = unclosedQuoteStart(context.document, offset);
        if (start !== undefined) {
          const open = context.map.positionAt(start);
          return {
            offset: start,
            message: `第 ${open.line} 行第 ${open.column} 列开始的引号没有闭合（缺少结尾的 ${quote}），后面的内容都被当成了这段文字`,
          };
        }
        return { offset, message: `引号没有闭合（缺少结尾的 ${quote}）` };
      }
      if (/^Flow (sequence|map) must end/.test(original)) return explainFlowEnd(original, offset, context);
      if (/Missing , (or : )?between/.test(original)) {
        return { offset, message: `${where}附近少了逗号${original.includes(' or :') ? '或冒号' : ''}：${kind} 花括号或方括号里的各项之间要用逗号分开` };
      }
      if (/Missing space after :/.test(original)) return { offset, message: `${where}的冒号后面少了一个空格` };
      if (/Implicit map keys need to be followed by map values/.test(original)) {
        return { offset, message: `${where}的键后面少了冒号（应写作“键: 值”）` };
      }
      return { offset, message: `${where}的 ${kind} 写法有误（原文：${original}）` };
    }
    case 'BAD_DQ_ESCAPE':
      return {
        offset,
        message: `${where}双引号里的反斜杠 \\ 用法不对（${original.replace('Invalid escape sequence', '无效的转义')}）：要写反斜杠本身请写成 \\\\，或改用单引号`,
      };
    case 'BAD_SCALAR_START': {
      const char = /character (.)/.exec(original)?.[1];
      return { offset, message: `${where}的值不能以 ${char ?? '这个符号'} 开头，请给这个值加上引号` };
    }
    case 'MULTIPLE_DOCS':
      return { offset, message: `${where}出现了第二个文档（--- 分隔线），一个文件只能写一份报告` };
    case 'BAD_ALIAS':
      return { offset, message: `${where}的锚点（&名称）或引用（*名称）写法不对（原文：${original}）` };
    case 'KEY_OVER_1024_CHARS':
      return { offset, message: `${where}的键太长（超过 1024 个字符），可能是少了冒号或换行` };
    case 'UNEXPECTED_TOKEN':
      if (/flow-(map|seq)-end/.test(original)) {
        return { offset, message: `${where}多了一个 ${/flow-map-end/.test(original) ? '}' : ']'}，前面没有与之配对的括号` };
      }
      return { offset, message: `${where}出现了不该出现的内容（原文：${original}）` };
    default:
      if (/call stack/i.test(original)) return { offset, message: TOO_DEEP };
      return { offset, message: `${kind} 语法错误（原文：${original}）` };
  }
}

/** Lists and mappings nested deeper than this are refused (a report needs fewer than 10 levels). */
export const MAX_NESTING_DEPTH = 64;

const TOO_DEEP = `文件中的列表或“键: 值”嵌套层数过多（超过 ${MAX_NESTING_DEPTH} 层），无法读取；年度报告的数据通常不超过 10 层，请检查括号或缩进`;

/** How deep `value` nests arrays and objects, stopping as soon as `limit` is exceeded (iterative: no stack to overflow). */
function nestingExceeds(value: unknown, limit: number): boolean {
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(node as Record<string, unknown>)) stack.push({ node: child, depth: depth + 1 });
  }
  return false;
}

// ------------------------------------------------------------------ invisible characters

/**
 * Zero-width characters (U+200B 零宽空格, U+2060 连接符, U+FEFF 零宽不换行空格)
 * come along when text is copied from web pages and WPS. They are invisible,
 * break searching and file names, and mean nothing in a report: they are
 * removed from the loaded data (never from the file) with a warning.
 */
const ZERO_WIDTH = /[\u200B\u2060\uFEFF]/gu;
const ZERO_WIDTH_NAMES: Record<string, string> = { '\u200B': '零宽空格 U+200B', '\u2060': '零宽连接符 U+2060', '\uFEFF': '零宽不换行空格 U+FEFF' };
/** At most this many TEXT-INVISIBLE warnings, then one that counts the rest. */
const MAX_INVISIBLE_WARNINGS = 10;

function stripZeroWidth(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(ZERO_WIDTH, '');
  if (Array.isArray(value)) return value.map(stripZeroWidth);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    // defineProperty: a key named __proto__ stays an ordinary key (and is then reported as unknown).
    Object.defineProperty(result, key.replace(ZERO_WIDTH, ''), { value: stripZeroWidth(child), enumerable: true, writable: true, configurable: true });
  }
  return result;
}

function invisibleCharacterWarnings(document: Document, map: SourceMap): Diagnostic[] {
  const found: { offset: number; names: Set<string>; count: number }[] = [];
  visit(document, {
    Scalar(_, scalar) {
      if (typeof scalar.value !== 'string' || !scalar.range) return undefined;
      const matches = scalar.value.match(ZERO_WIDTH);
      if (matches) found.push({ offset: scalar.range[0], names: new Set(matches.map((m) => ZERO_WIDTH_NAMES[m]!)), count: matches.length });
      return undefined;
    },
  });
  const diagnostics: Diagnostic[] = found.slice(0, MAX_INVISIBLE_WARNINGS).map(({ offset, names, count }) => {
    const position = map.positionAt(offset);
    return {
      code: 'TEXT-INVISIBLE',
      severity: 'warning' as const,
      stage: 'load' as const,
      path: [],
      start: { ...position, offset },
      message: `第 ${position.line} 行的文字中有 ${count} 个看不见的字符（${[...names].join('、')}，常见于从网页复制的文字），生成时已去掉；数据文件没有改动，可在编辑器中删除`,
    };
  });
  if (found.length > MAX_INVISIBLE_WARNINGS) {
    diagnostics.push({
      code: 'TEXT-INVISIBLE',
      severity: 'warning',
      stage: 'load',
      path: [],
      message: `另有 ${found.length - MAX_INVISIBLE_WARNINGS} 处文字中有看不见的零宽字符，生成时均已去掉`,
    });
  }
  return diagnostics;
}

function explainFlowEnd(original: string, offset: number, context: SyntaxContext): { message: string; offset: number } {
  const bracket = original.includes('Flow map') ? ['{', '}'] : ['[', ']'];
  const at = context.map.positionAt(offset);
  return {
    offset,
    message: `第 ${at.line} 行附近缺少 ${bracket[1]}：前面的 ${bracket[0]} 没有配对的 ${bracket[1]}，或其中某项末尾少了逗号`,
  };
}

/** What the top level is, in words, when it is not a mapping. */
function describeTopLevel(document: Document): string {
  const contents = document.contents;
  if (isSeq(contents)) return '一个列表';
  if (isScalar(contents)) {
    if (typeof contents.value === 'string') {
      if (/^[^\s:]+:\S/.test(contents.value)) return '一段文字（冒号后面要加一个空格，应写作“year: 2023”而不是“year:2023”）';
      return '一段文字';
    }
    if (typeof contents.value === 'number') return '一个数字';
  }
  return '不是“键: 值”的形式';
}

// ------------------------------------------------------------------ layout mistakes

/**
 * Mistakes of layout that the YAML parser reports as something else, or as a
 * cascade of errors: a tab or a full-width space in a line's indentation, a
 * full-width colon after a key. Found line by line before the parser's own
 * errors are explained; each is reported once, by what it is.
 */
interface LayoutProblem {
  code: 'YAML-TAB' | 'YAML-FULLWIDTH-SPACE' | 'YAML-FULLWIDTH-COLON';
  line: number;
  offset: number;
  message: string;
}

/** Tab lines listed one message each up to this many; more make one message for the file. */
const MAX_TAB_LINES = 5;

/**
 * Lines inside block scalars (| and >) and quoted texts that span lines: their
 * text is content, not layout. And where each plain scalar starts: a key
 * written with a full-width colon or indented with a full-width space is read
 * as a plain text starting there, while the same characters on the second
 * line of a paragraph are the paragraph's own.
 */
function contentLines(document: Document, map: SourceMap): { lines: Set<number>; plainStarts: Set<number> } {
  const lines = new Set<number>();
  const plainStarts = new Set<number>();
  visit(document, {
    Scalar(_, scalar) {
      if (!scalar.range) return undefined;
      if (scalar.type === 'PLAIN') {
        plainStarts.add(scalar.range[0]);
        return undefined;
      }
      const first = map.positionAt(scalar.range[0]).line;
      const last = map.positionAt(Math.max(scalar.range[0], scalar.range[1] - 1)).line;
      for (let line = first + 1; line <= last; line++) lines.add(line);
      return undefined;
    },
  });
  return { lines, plainStarts };
}

/** The data keys are lower-case ASCII (year, nd_issued); a list item's text (“- A：……”) is a key only when the file does not parse. */
const KEY_WITH_FULLWIDTH_COLON = /^([ \t\u3000]*)([a-z][a-z0-9_]*)[ \t]*：/u;
const ITEM_KEY_WITH_FULLWIDTH_COLON = /^([ \t\u3000]*-[ \t]+)([a-z][a-z0-9_]*)[ \t]*：/u;
const KEY_OR_ITEM = /^(?:-[ \t]|[A-Za-z_][A-Za-z0-9_]*[ \t]*[:：])/u;

function layoutProblems(source: string, document: Document, map: SourceMap): LayoutProblem[] {
  const { lines: skip, plainStarts } = contentLines(document, map);
  const tabSyntaxError = document.errors.some((error) => error.code === 'TAB_AS_INDENT');
  const problems: LayoutProblem[] = [];
  const tabs: { line: number; offset: number; column: number }[] = [];
  let offset = 0;
  const lines = source.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index]!.replace(/\r$/u, '');
    const line = index + 1;
    const lineOffset = offset;
    offset += lines[index]!.length + 1;
    if (skip.has(line)) continue;
    const indent = /^[ \t\u3000]*/u.exec(text)![0];
    const rest = text.slice(indent.length);
    if (rest === '' || rest.startsWith('#')) continue;
    if (tabSyntaxError && indent.includes('\t')) {
      tabs.push({ line, offset: lineOffset + indent.indexOf('\t'), column: indent.indexOf('\t') + 1 });
      continue;
    }
    if (indent.includes('\u3000') && KEY_OR_ITEM.test(rest) && plainStarts.has(lineOffset + indent.search(/[^ \t]/u))) {
      problems.push({
        code: 'YAML-FULLWIDTH-SPACE',
        line,
        offset: lineOffset + indent.indexOf('\u3000'),
        message: `第 ${line} 行开头的缩进用了全角空格“　”，YAML 只能用半角空格缩进，请把它改为半角空格`,
      });
      continue;
    }
    const colon = KEY_WITH_FULLWIDTH_COLON.exec(text) ?? (document.errors.length > 0 ? ITEM_KEY_WITH_FULLWIDTH_COLON.exec(text) : null);
    if (colon && plainStarts.has(lineOffset + colon[1]!.length)) {
      const key = colon[2]!;
      problems.push({
        code: 'YAML-FULLWIDTH-COLON',
        line,
        offset: lineOffset + colon[0].length - 1,
        message: `第 ${line} 行“${key}”后面的冒号是全角“：”，请改为半角“:”后加一个空格（写作“${key}: 值”）`,
      });
    }
  }
  if (tabs.length > MAX_TAB_LINES) {
    const listed = tabs.slice(0, MAX_TAB_LINES).map((tab) => tab.line).join('、');
    problems.push({
      code: 'YAML-TAB',
      line: tabs[0]!.line,
      offset: tabs[0]!.offset,
      message:
        `文件中有 ${tabs.length} 行用了制表符（Tab）缩进（第 ${listed} 行等），YAML 只能用空格缩进：` +
        '请在编辑器中把行首的制表符全部替换为空格（同一层的键左对齐）',
    });
  } else {
    for (const tab of tabs) {
      problems.push({
        code: 'YAML-TAB',
        line: tab.line,
        offset: tab.offset,
        message: `第 ${tab.line} 行第 ${tab.column} 列用了制表符（Tab）缩进，YAML 只能用空格缩进，请改为空格（与同一层的键左对齐）`,
      });
    }
  }
  return problems.sort((a, b) => a.offset - b.offset);
}

// ------------------------------------------------------------------ loading

/** Parses report data from text. `fileName` decides JSON vs YAML wording and is used in messages. */
export function loadReportText(text: string, fileName: string): LoadResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const json = isJsonName(fileName);
  const lineCounter = new LineCounter();
  const document = parseDocument(source, {
    lineCounter,
    prettyErrors: false,
    // Checked below in linear time (duplicateKeys); the library's check is quadratic.
    uniqueKeys: false,
    version: '1.2',
    schema: 'core',
  });
  const map = createSourceMap(source, document, lineCounter);
  const positions = {
    positionOf: map.positionOf,
    keyPositionOf: map.keyPositionOf,
    rangeOf: map.rangeOf,
    keyRangeOf: map.keyRangeOf,
    sourceTextOf: map.sourceTextOf,
  };
  const diagnostics: Diagnostic[] = [];
  const result = (raw: unknown): LoadResult => ({ fileName, raw, diagnostics, ...positions });

  // Tabs and full-width characters in the layout are reported as what they are; the parser's errors they cause are not.
  const layout = layoutProblems(source, document, map);
  // A wrong indentation makes everything after it misread; a wrong colon, its own line and the next.
  const firstTabLine = layout.find((problem) => problem.code !== 'YAML-FULLWIDTH-COLON')?.line ?? Infinity;
  const layoutLines = new Set(layout.flatMap((problem) => [problem.line, problem.line + 1]));
  const isCascade = (offset: number): boolean => {
    const line = map.positionAt(offset).line;
    return line >= firstTabLine || layoutLines.has(line);
  };
  for (const problem of layout) {
    diagnostics.push({
      code: problem.code,
      severity: 'error',
      stage: 'load',
      path: [],
      start: { ...map.positionAt(problem.offset), offset: problem.offset },
      message: problem.message,
    });
  }

  const seenLines = new Set<number>();
  const syntaxErrors = [
    ...document.errors.map((error) => explainSyntaxError(error, { document, map, json })),
    ...duplicateKeys(document).map(({ name, offset, first }) => ({
      offset,
      message: `键 "${name}" 重复出现（同一层里每个键只能写一次，第 ${map.positionAt(first).line} 行已经写过）`,
    })),
  ]
    .filter(({ offset }) => layout.length === 0 || !isCascade(offset))
    .sort((a, b) => a.offset - b.offset);
  for (const { message, offset } of syntaxErrors) {
    const position = map.positionAt(offset);
    // One parse error often drags follow-up errors along on the same line; the first is the useful one.
    if (seenLines.has(position.line)) continue;
    seenLines.add(position.line);
    diagnostics.push({ code: 'YAML-SYNTAX', severity: 'error', stage: 'load', path: [], start: { ...position, offset }, message });
  }
  for (const warning of document.warnings) {
    const position = map.positionAt(warning.pos[0]);
    diagnostics.push({
      code: 'YAML-WARNING',
      severity: 'warning',
      stage: 'load',
      path: [],
      start: { ...position, offset: warning.pos[0] },
      message: `第 ${position.line} 行的写法可能不对，已忽略（原文：${warning.message.split('\n')[0]}）`,
    });
  }
  if (syntaxErrors.length > 0 || layout.length > 0) return result(undefined);

  if (document.contents === null || (isScalar(document.contents) && document.contents.value === null)) {
    diagnostics.push({
      code: 'YAML-EMPTY',
      severity: 'error',
      stage: 'load',
      path: [],
      message: `文件 "${basename(fileName)}" 是空的，没有任何报告数据（至少要有 year、organization、signature、tables 等项）`,
    });
    return result(undefined);
  }
  if (!isMap(document.contents)) {
    diagnostics.push({
      code: 'YAML-NOT-MAPPING',
      severity: 'error',
      stage: 'load',
      path: [],
      start: { ...map.positionAt(document.contents.range?.[0] ?? 0), offset: document.contents.range?.[0] ?? 0 },
      message: `文件最外层应为“键: 值”的形式（如 year: 2023），现在是${describeTopLevel(document)}`,
    });
    return result(undefined);
  }

  let raw: unknown;
  try {
    raw = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    diagnostics.push({
      code: 'YAML-SYNTAX',
      severity: 'error',
      stage: 'load',
      path: [],
      message: /alias/i.test(message)
        ? `引用（*名称）找不到对应的锚点（&名称），或引用过多（原文：${message}）`
        : /call stack/i.test(message)
          ? TOO_DEEP
          : `无法读取文件内容（原文：${message}）`,
    });
    return result(undefined);
  }
  if (nestingExceeds(raw, MAX_NESTING_DEPTH)) {
    diagnostics.push({ code: 'YAML-DEPTH', severity: 'error', stage: 'load', path: [], message: TOO_DEEP });
    return result(undefined);
  }
  const invisible = invisibleCharacterWarnings(document, map);
  if (invisible.length > 0) {
    diagnostics.push(...invisible);
    raw = stripZeroWidth(raw);
  }
  return result(raw);
}

/** Decodes file bytes: UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is a read error. */
function decode(bytes: Uint8Array, path: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new ReportReadError(
      `文件 "${path}" 不是 UTF-8 编码（可能是 GBK 等编码），请在编辑器中另存为 UTF-8 后重试`,
      path,
      { cause },
    );
  }
}

/**
 * Data files larger than this are refused before they are parsed. A year's
 * report data is 10–100 KB; 2 MB holds some 700 000 Chinese characters, far
 * beyond any report, and keeps parsing and every output within seconds.
 */
export const MAX_DATA_FILE_BYTES = 2 * 1024 * 1024;

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The Chinese reason a file could not be opened or read. */
export function describeReadFailure(cause: unknown, path: string): string {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `找不到文件 "${path}"，请检查文件名和路径`;
    case 'EISDIR':
      return `"${path}" 是一个文件夹，请给出数据文件的路径`;
    case 'ENOTDIR':
      return `找不到文件 "${path}"：路径中有一级不是文件夹`;
    case 'EACCES':
    case 'EPERM':
      return `没有权限读取文件 "${path}"`;
    case 'ENAMETOOLONG':
      return `文件路径 "${path}" 太长，请把文件移到路径较短的文件夹中`;
    case 'ELOOP':
      return `"${path}" 是循环的快捷方式（符号链接），无法读取`;
    case 'EIO':
      return `读取文件 "${path}" 时磁盘出错，请把文件复制到本机硬盘后重试`;
    default:
      return `读取文件 "${path}" 失败：${cause instanceof Error ? cause.message : String(cause)}`;
  }
}

/**
 * Reads an input file of at most `maxBytes`. Refuses, with a Chinese message,
 * what is not a regular file (a folder, a device such as /dev/zero, a pipe)
 * and what is too large, without reading more than `maxBytes + 1` bytes.
 */
export async function readInputFile(path: string, options: { maxBytes?: number; what?: string } = {}): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? MAX_DATA_FILE_BYTES;
  const what = options.what ?? '数据文件';
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (!info.isFile()) throw new ReportReadError(`"${path}" 不是普通文件（可能是设备、管道或套接字），请给出${what}的路径`, path);
    if (info.size > maxBytes) {
      throw new ReportReadError(
        `文件 "${path}" 有 ${megabytes(info.size)}，超过${what}的上限 ${megabytes(maxBytes)}，没有读取（一份年度报告的${what}通常只有几十 KB）。` +
          '请检查是否选错了文件，或正文中是否误粘贴了大量内容',
        path,
      );
    }
    const handle = await open(path, 'r');
    try {
      // Read in chunks and stop one byte past the limit: the size may change between stat and read.
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const chunk = Buffer.alloc(Math.min(1024 * 1024, maxBytes + 1 - total));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
        if (bytesRead === 0) break;
        chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
        total += bytesRead;
        if (total > maxBytes) throw new ReportReadError(`文件 "${path}" 超过${what}的上限 ${megabytes(maxBytes)}，没有读取`, path);
      }
      return Buffer.concat(chunks, total);
    } finally {
      await handle.close();
    }
  } catch (cause) {
    if (cause instanceof ReportReadError) throw cause;
    throw new ReportReadError(describeReadFailure(cause, path), path, { cause });
  }
}

/** Reads and parses a data file. Throws ReportReadError when the file cannot be read or is too large. */
export async function loadReportFile(path: string): Promise<LoadResult> {
  const bytes = await readInputFile(path);
  return loadReportText(decode(bytes, path), path);
}

// ------------------------------------------------------------------ schema

export interface ParseResult<T> {
  /** The validated data with defaults applied; undefined when the schema rejected it. */
  value?: T;
  /** Schema problems only (the load diagnostics stay in `load.diagnostics`). */
  diagnostics: Diagnostic[];
}

export interface ParseOptions {
  /** Table definitions used to name table cells as printed (a format's `tables`). */
  tables?: readonly TableDefinition[];
}

/**
 * Runs a format's zod schema on loaded data and maps every issue to a Chinese
 * diagnostic with its source position. Does nothing when the file did not load.
 */
export function parseReport<T>(load: LoadResult, schema: z.ZodType<T>, options: ParseOptions = {}): ParseResult<T> {
  if (load.raw === undefined) return { diagnostics: [] };
  const raw = dropEmptyOptionalValues(load.raw, schema);
  let parsed: ReturnType<typeof schema.safeParse>;
  try {
    parsed = schema.safeParse(raw, { reportInput: true });
  } catch (error) {
    // Only a pathological input (nesting within the limit but still too deep for zod) gets here.
    const message = error instanceof Error ? error.message : String(error);
    return { diagnostics: [{ code: 'SCHEMA-VALUE', severity: 'error', stage: 'schema', path: [], message: /call stack/i.test(message) ? TOO_DEEP : `无法检查数据（原文：${message}）` }] };
  }
  if (parsed.success) return { value: parsed.data, diagnostics: [] };
  const diagnostics = issuesToDiagnostics(parsed.error.issues, {
    schema,
    raw,
    tables: options.tables ?? [],
    source: load,
  });
  return { diagnostics };
}

/** For callers that have no source (data built in code): positions are simply absent. */
export function loadFromData(raw: unknown, fileName = '<data>'): LoadResult {
  return { fileName, raw, diagnostics: [], ...noPositions };
}
