/**
 * Reads a report data file (YAML or JSON) into plain data plus a position map,
 * and turns schema failures into positioned Chinese diagnostics.
 *
 * JSON goes through the same YAML parser (YAML 1.2 is a superset of JSON), so
 * JSON files get line/column positions too. The YAML core schema keeps dates
 * such as 2024-01-20 as strings and treats yes/no as text.
 */
import { readFile } from 'node:fs/promises';
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
import type { z } from 'zod';
import type { TableDefinition } from '../tables/grid.js';
import type { Diagnostic } from '../validate/diagnostic.js';
import { dropEmptyOptionalValues, issuesToDiagnostics } from './schema-messages.js';
import { createSourceMap, nearestPosition, type DataPath, type SourceMap, type SourcePosition } from './source-map.js';

export type { DataPath, SourcePosition } from './source-map.js';

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
  /** The value at a data path exactly as written in the source. */
  sourceTextOf(path: DataPath): string | undefined;
}

const noPositions: Pick<LoadResult, 'positionOf' | 'keyPositionOf' | 'sourceTextOf'> = {
  positionOf: () => undefined,
  keyPositionOf: () => undefined,
  sourceTextOf: () => undefined,
};

/** The position to show for a path that may be absent from the source: see `nearestPosition`. */
export function nearestPositionOf(
  load: Pick<LoadResult, 'positionOf' | 'keyPositionOf'>,
  path: DataPath,
): SourcePosition | undefined {
  return nearestPosition(load, path);
}

const isJsonName = (fileName: string): boolean => extname(fileName).toLowerCase() === '.json';

// ------------------------------------------------------------------ syntax errors

interface SyntaxContext {
  document: Document;
  map: SourceMap;
  json: boolean;
}

/** Finds the duplicated key at `offset` and where it was first written. */
function duplicateKeyAt(document: Document, offset: number): { name: string; first?: number } | undefined {
  let found: { name: string; first?: number } | undefined;
  visit(document, {
    Map(_, map) {
      const index = map.items.findIndex((pair) => isScalar(pair.key) && pair.key.range?.[0] === offset);
      if (index < 0) return undefined;
      const key = map.items[index]!.key;
      if (!isScalar(key)) return undefined;
      const name = String(key.value);
      const first = map.items.find((pair, i) => i < index && isScalar(pair.key) && String(pair.key.value) === name);
      const firstKey = first?.key;
      found = { name, ...(isScalar(firstKey) && firstKey.range ? { first: firstKey.range[0] } : {}) };
      return visit.BREAK;
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
    case 'DUPLICATE_KEY': {
      const duplicate = duplicateKeyAt(context.document, offset);
      if (!duplicate) return { offset, message: `${where}的键重复出现，同一层里每个键只能写一次` };
      const first =
        duplicate.first !== undefined ? `，第 ${context.map.positionAt(duplicate.first).line} 行已经写过` : '';
      return { offset, message: `键 "${duplicate.name}" 重复出现（同一层里每个键只能写一次${first}）` };
    }
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
      return { offset, message: `${kind} 语法错误（原文：${original}）` };
  }
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

// ------------------------------------------------------------------ loading

/** Parses report data from text. `fileName` decides JSON vs YAML wording and is used in messages. */
export function loadReportText(text: string, fileName: string): LoadResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const json = isJsonName(fileName);
  const lineCounter = new LineCounter();
  const document = parseDocument(source, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    version: '1.2',
    schema: 'core',
  });
  const map = createSourceMap(source, document, lineCounter);
  const positions = {
    positionOf: map.positionOf,
    keyPositionOf: map.keyPositionOf,
    sourceTextOf: map.sourceTextOf,
  };
  const diagnostics: Diagnostic[] = [];
  const result = (raw: unknown): LoadResult => ({ fileName, raw, diagnostics, ...positions });

  const seenLines = new Set<number>();
  for (const error of document.errors) {
    const { message, offset } = explainSyntaxError(error, { document, map, json });
    const position = map.positionAt(offset);
    // One parse error often drags follow-up errors along on the same line; the first is the useful one.
    if (seenLines.has(position.line)) continue;
    seenLines.add(position.line);
    diagnostics.push({ code: 'YAML-SYNTAX', severity: 'error', path: [], ...position, message });
  }
  for (const warning of document.warnings) {
    const position = map.positionAt(warning.pos[0]);
    diagnostics.push({
      code: 'YAML-WARNING',
      severity: 'warning',
      path: [],
      ...position,
      message: `第 ${position.line} 行的写法可能不对，已忽略（原文：${warning.message.split('\n')[0]}）`,
    });
  }
  if (document.errors.length > 0) return result(undefined);

  if (document.contents === null || (isScalar(document.contents) && document.contents.value === null)) {
    diagnostics.push({
      code: 'YAML-EMPTY',
      severity: 'error',
      path: [],
      message: `文件 "${basename(fileName)}" 是空的，没有任何报告数据（至少要有 year、organization、signature、tables 等项）`,
    });
    return result(undefined);
  }
  if (!isMap(document.contents)) {
    diagnostics.push({
      code: 'YAML-NOT-MAPPING',
      severity: 'error',
      path: [],
      ...map.positionAt(document.contents.range?.[0] ?? 0),
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
      path: [],
      message: /alias/i.test(message)
        ? `引用（*名称）找不到对应的锚点（&名称），或引用过多（原文：${message}）`
        : `无法读取文件内容（原文：${message}）`,
    });
    return result(undefined);
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

/** Reads and parses a data file. Throws ReportReadError when the file cannot be read. */
export async function loadReportFile(path: string): Promise<LoadResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    const reason =
      code === 'ENOENT'
        ? `找不到文件 "${path}"，请检查文件名和路径`
        : code === 'EISDIR'
          ? `"${path}" 是一个文件夹，请给出数据文件的路径`
          : code === 'EACCES' || code === 'EPERM'
            ? `没有权限读取文件 "${path}"`
            : `读取文件 "${path}" 失败：${cause instanceof Error ? cause.message : String(cause)}`;
    throw new ReportReadError(reason, path, { cause });
  }
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
  /** Table definitions used to name table cells as printed (e.g. v2021TableDefinitions). */
  tables?: readonly TableDefinition[];
}

/**
 * Runs a format's zod schema on loaded data and maps every issue to a Chinese
 * diagnostic with its source position. Does nothing when the file did not load.
 */
export function parseReport<T>(load: LoadResult, schema: z.ZodType<T>, options: ParseOptions = {}): ParseResult<T> {
  if (load.raw === undefined) return { diagnostics: [] };
  const raw = dropEmptyOptionalValues(load.raw, schema);
  const parsed = schema.safeParse(raw, { reportInput: true });
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
