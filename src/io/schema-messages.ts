/**
 * Turns zod issues into Chinese diagnostics for clerks: every message names
 * the field (a table cell exactly as printed, otherwise the data path and the
 * field's description from the schema's .meta()), says what was written and
 * what is expected. zod's English text never appears alone; where an issue is
 * not translated, the original is kept in parentheses after a Chinese lead.
 *
 * Codes: SCHEMA-UNKNOWN-KEY, SCHEMA-MISSING, SCHEMA-TYPE, SCHEMA-VALUE, and the
 * spec §7.1 rules the schema enforces: G-01 (counts are non-negative safe
 * integers), G-02 (no blank numeric cells), G-03 (amounts non-negative, at most
 * 4 decimals in 万元 / 2 in 元).
 */
import { distance } from 'fastest-levenshtein';
import * as z from 'zod';
import { describeCell, describeTable, findCellByPath, findRowByPath, findTableByPath, valueCellOf } from '../tables/describe.js';
import type { TableDefinition } from '../tables/grid.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { nearestRange, type DataPath, type SourceMap, type SourceRange } from './source-map.js';

type Issue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;
type Segment = string | number;

export interface IssueContext {
  /** The schema that produced the issues (walked for valid keys and descriptions). */
  schema: Schema;
  /** The data that was validated. */
  raw: unknown;
  /** Table definitions, to name table cells as printed. */
  tables: readonly TableDefinition[];
  source: Pick<SourceMap, 'rangeOf' | 'keyRangeOf' | 'sourceTextOf'>;
}

// ------------------------------------------------------------------ schema walking

interface LooseDef {
  type: string;
  innerType?: Schema;
  getter?: () => Schema;
  in?: Schema;
  out?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  options?: readonly Schema[];
}

const defOf = (schema: Schema): LooseDef => schema._zod.def as unknown as LooseDef;

/** The schema itself and every wrapper layer below it (optional, default, lazy, pipe …), outermost first. */
function layers(schema: Schema): Schema[] {
  const chain = [schema];
  let current: Schema | undefined = schema;
  for (let depth = 0; depth < 32 && current; depth++) {
    const def = defOf(current);
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        current = def.innerType;
        break;
      case 'lazy':
        current = def.getter?.();
        break;
      case 'pipe':
        // z.preprocess(fn, schema) is a pipe from a transform into the schema: the schema is what describes the data.
        current = def.in && defOf(def.in).type === 'transform' ? def.out : def.in;
        break;
      default:
        current = undefined;
    }
    if (current) chain.push(current);
  }
  return chain;
}

const coreOf = (schema: Schema): Schema => layers(schema).at(-1)!;

function childOf(schema: Schema, segment: Segment): Schema | undefined {
  const core = coreOf(schema);
  const def = defOf(core);
  // Own keys only: a data key named constructor or __proto__ must not find Object.prototype's members.
  if (def.type === 'object' && typeof segment === 'string') return def.shape && Object.hasOwn(def.shape, segment) ? def.shape[segment] : undefined;
  if (def.type === 'array' && typeof segment === 'number') return def.element;
  if (def.type === 'union') {
    for (const option of def.options ?? []) {
      const child = childOf(option, segment);
      if (child) return child;
    }
  }
  return undefined;
}

/** The part of a schema that describes the value at `path`, if the schema has one. */
export function schemaAt(root: Schema, path: DataPath): Schema | undefined {
  let current: Schema | undefined = root;
  for (const segment of path) {
    if (!current) return undefined;
    current = childOf(current, segment);
  }
  return current;
}

function descriptionOf(schema: Schema): string | undefined {
  for (const layer of layers(schema)) {
    const description = z.globalRegistry.get(layer)?.description;
    if (description) return description;
  }
  return undefined;
}

/** Keys an object schema accepts (for a union, those of its object options). */
function keysOf(schema: Schema | undefined): string[] {
  if (!schema) return [];
  const def = defOf(coreOf(schema));
  if (def.type === 'object') return Object.keys(def.shape ?? {});
  if (def.type === 'union') return [...new Set((def.options ?? []).flatMap((option) => keysOf(option)))];
  return [];
}

type NumberKind = 'count' | 'amount';

/** count = non-negative integer (件数), amount = non-negative decimal (金额); other numbers are neither. */
function numberKindOf(schema: Schema | undefined): NumberKind | undefined {
  if (!schema) return undefined;
  const core = coreOf(schema);
  if (defOf(core).type !== 'number') return undefined;
  const checks = ((core._zod.def as { checks?: readonly Schema[] }).checks ?? []).map(
    (check) => check._zod.def as unknown as { check: string; format?: string; value?: unknown; inclusive?: boolean },
  );
  const nonNegative = checks.some((c) => c.check === 'greater_than' && c.value === 0 && c.inclusive === true);
  if (!nonNegative) return undefined;
  const integer = checks.some((c) => c.check === 'number_format' && ['safeint', 'int32', 'uint32'].includes(c.format ?? ''));
  return integer ? 'count' : 'amount';
}

/**
 * YAML writes “nothing here” as null: `website:` with no value, or `contact:`
 * whose lines are all commented out. Where the schema accepts the key being
 * absent but not null, such a null is read as “not filled in” and dropped, so
 * a clerk can blank out optional parts. Required fields and table cells keep
 * their null and are reported (SCHEMA-MISSING, G-02). Returns a copy.
 */
export function dropEmptyOptionalValues(raw: unknown, schema: Schema): unknown {
  if (Array.isArray(raw)) {
    const element = childOf(schema, 0);
    return element ? raw.map((item) => dropEmptyOptionalValues(item, element)) : raw;
  }
  if (raw === null || typeof raw !== 'object') return raw;
  const result: Record<string, unknown> = {};
  // defineProperty, not assignment: a key named __proto__ stays an own key (reported as unknown) and never replaces the prototype.
  const set = (key: string, value: unknown) =>
    Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const child = childOf(schema, key);
    if (!child) {
      set(key, value);
    } else if (value === null) {
      const absentIsFine = z.safeParse(child, undefined).success && !z.safeParse(child, null).success;
      if (!absentIsFine) set(key, value);
    } else {
      set(key, dropEmptyOptionalValues(value, child));
    }
  }
  return result;
}

// ------------------------------------------------------------------ naming

/** 'narrative.other[0]' */
export function formatPath(path: DataPath): string {
  return path.reduce<string>(
    (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment),
    '',
  );
}

/** The first phrase of a description: “机关全称，如……” → “机关全称”. */
function shortLabel(description: string): string {
  return (description.split(/[，,：:（(；;]/)[0] ?? description).trim();
}

/** The short label a schema gives the value at `path` (the start of its description): 一、总体情况, 导语. */
export function schemaLabel(schema: Schema, path: DataPath): string | undefined {
  const node = schemaAt(schema, path);
  const description = node && descriptionOf(node);
  return description ? shortLabel(description) : undefined;
}

const hasChinese = (text: string): boolean => /[\u3400-\u9fff]/u.test(text);

function valueAt(raw: unknown, path: DataPath): { present: boolean; value: unknown } {
  let node: unknown = raw;
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, segment)) {
      return { present: false, value: undefined };
    }
    node = (node as Record<string, unknown>)[segment as string];
  }
  return { present: true, value: node };
}

class IssueTranslator {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly context: IssueContext) {}

  private label(path: DataPath): string | undefined {
    const schema = schemaAt(this.context.schema, path);
    const description = schema && descriptionOf(schema);
    if (description) return shortLabel(description);
    const last = path.at(-1);
    if (typeof last === 'number') {
      const parent = this.label(path.slice(0, -1));
      return parent ? `${parent} 第 ${last + 1} 项` : `第 ${last + 1} 项`;
    }
    return undefined;
  }

  /**
   * A field named for a clerk: a table, row or cell as printed (never by its
   * key path); else "path"（the schema's description）.
   */
  name(path: DataPath): string {
    const cell = findCellByPath(this.context.tables, path);
    if (cell) return describeCell(cell.definition, cell.key);
    const row = findRowByPath(this.context.tables, path);
    if (row) return row.name;
    const table = findTableByPath(this.context.tables, path);
    if (table && table.rest.length === 0) return describeTable(table.definition);
    const label = this.label(path);
    return `"${formatPath(path)}"${label ? `（${label}）` : ''}`;
  }

  /** What was written, in words: 文字 "184项", 数字 12, 列表 …  */
  written(path: DataPath, value: unknown): string {
    const source = this.context.source.sourceTextOf(path);
    if (typeof value === 'string') return `文字 "${value}"`;
    if (typeof value === 'number') return Number.isFinite(value) ? `数字 ${source ?? value}` : ` ${source ?? String(value)}`;
    if (typeof value === 'boolean') return `是/否值 ${source ?? value}`;
    if (value === null) return '空值';
    if (Array.isArray(value)) return '一个列表';
    if (typeof value === 'object') return '一组“键: 值”';
    return String(value);
  }

  private numberKind(path: DataPath): NumberKind | undefined {
    const cell = findCellByPath(this.context.tables, path);
    if (cell) return cell.cell.format === 'wan' ? 'amount' : 'count';
    return numberKindOf(schemaAt(this.context.schema, path));
  }

  /** Paths already reported: zod may report several checks of one value (a date's pattern and its validity). */
  private readonly reported = new Set<string>();
  /** Missing keys that an unknown key nearby is probably a misspelling of (reported once, as the unknown key). */
  private readonly misspelt = new Set<string>();

  private push(code: string, path: DataPath, message: string, range: SourceRange | undefined = nearestRange(this.context.source, path)): void {
    const id = JSON.stringify(path);
    if (this.reported.has(id)) return;
    this.reported.add(id);
    this.diagnostics.push({ code, severity: 'error', stage: 'schema', path: [...path], ...(range ? { start: range.start, end: range.end } : {}), message });
  }

  /** First pass: remember which missing keys have a misspelt twin among the unknown keys. */
  noteMisspellings(issue: Issue, prefix: DataPath = []): void {
    const path: DataPath = [...prefix, ...(issue.path as Segment[])];
    if (issue.code !== 'unrecognized_keys') return;
    const valid = keysOf(schemaAt(this.context.schema, path));
    for (const key of issue.keys) {
      const suggestion = suggest(key, valid);
      if (suggestion && !valueAt(this.context.raw, [...path, suggestion]).present) {
        this.misspelt.add(JSON.stringify([...path, suggestion]));
      }
    }
  }

  translate(issue: Issue, prefix: DataPath = []): void {
    const path: DataPath = [...prefix, ...(issue.path as Segment[])];
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) this.unknownKey(path, key);
        return;
      case 'invalid_type':
        this.invalidType(path, issue.expected);
        return;
      case 'too_small':
      case 'too_big':
        this.outOfRange(path, issue);
        return;
      case 'invalid_union':
        this.union(path, issue);
        return;
      case 'invalid_value': {
        const { value } = valueAt(this.context.raw, path);
        const allowed = issue.values.map((v) => `"${String(v)}"`);
        const suggestion =
          typeof value === 'string' ? suggest(value, issue.values.map(String)) : undefined;
        this.push(
          'SCHEMA-VALUE',
          path,
          `${this.name(path)}${allowed.length === 1 ? `只能是 ${allowed[0]}` : `只能是 ${allowed.join('、')} 之一`}，写成了${this.written(path, value)}` +
            (suggestion ? `，是不是想写 "${suggestion}"？` : ''),
        );
        return;
      }
      case 'invalid_format':
      case 'custom': {
        const { value } = valueAt(this.context.raw, path);
        const kind = this.numberKind(path);
        if (issue.code === 'custom' && kind === 'amount' && typeof value === 'number') {
          this.push('G-03', path, `${this.name(path)}为 ${this.context.source.sourceTextOf(path) ?? value}：${issue.message}`);
          return;
        }
        const explained = hasChinese(issue.message) ? issue.message : `不符合要求（原文：${issue.message}）`;
        const shown = issue.code === 'invalid_format' ? `写成了${this.written(path, value)}：` : '';
        this.push('SCHEMA-VALUE', path, `${this.name(path)}${shown}${explained}`);
        return;
      }
      default:
        this.push('SCHEMA-VALUE', path, `${this.name(path)}不符合要求（原文：${issue.message}）`);
    }
  }

  private unknownKey(parent: DataPath, key: string): void {
    const path = [...parent, key];
    const valid = keysOf(schemaAt(this.context.schema, parent));
    const suggestion = suggest(key, valid);
    const where = parent.length > 0 ? `${this.name(parent)}中有未知的键` : '未知的键';
    // Inside a table, the suggested key is named with its printed row and column.
    const printed = suggestion !== undefined ? this.printedKey([...parent, suggestion]) : undefined;
    const hint = suggestion
      ? `，是不是想写 "${suggestion}"${printed ? `（${printed}）` : ''}？`
      : valid.length > 0
        ? `。这里可以写的键有：${valid.join('、')}`
        : '';
    const range = this.context.source.keyRangeOf(path) ?? nearestRange(this.context.source, path);
    this.push('SCHEMA-UNKNOWN-KEY', path, `${where} "${key}"${hint}`, range);
  }

  /** A key inside a table as printed: 「行政规范性文件」行「本年制发件数」列, or a row's label. */
  private printedKey(path: DataPath): string | undefined {
    const table = findTableByPath(this.context.tables, path);
    if (!table) return undefined;
    if (table.rest.length === 0) return describeTable(table.definition);
    const cell = valueCellOf(table.definition, table.rest);
    if (cell) return `${cell.rowLabel ? `「${cell.rowLabel}」行` : ''}「${cell.colLabel}」列`;
    const row = findRowByPath(this.context.tables, path);
    return row ? row.name.replace(describeTable(table.definition), '') : undefined;
  }

  private missing(path: DataPath): void {
    if (this.misspelt.has(JSON.stringify(path))) return;
    const parent = path.slice(0, -1);
    const range =
      (parent.length > 0 ? this.context.source.keyRangeOf(parent) : undefined) ??
      nearestRange(this.context.source, parent) ??
      this.context.source.rangeOf([]);
    const cell = findCellByPath(this.context.tables, path);
    const row = findRowByPath(this.context.tables, path);
    const message = cell
      ? `缺少${describeCell(cell.definition, cell.key)}的数字（没有数据请填 0）`
      : row
        ? `缺少${row.name}（该行每一列都要填，没有数据填 0）`
        : `缺少必填项 ${this.name(path)}`;
    this.push('SCHEMA-MISSING', path, message, range);
  }

  private invalidType(path: DataPath, expected: string): void {
    const { present, value } = valueAt(this.context.raw, path);
    if (!present) {
      this.missing(path);
      return;
    }
    const name = this.name(path);
    const cell = findCellByPath(this.context.tables, path);
    if (value === null) {
      if (cell) this.push('G-02', path, `${name}是空的，没有数据请填 0`);
      else this.push('SCHEMA-MISSING', path, `${name}没有填写`);
      return;
    }
    const kind = this.numberKind(path);
    if (expected === 'int' && typeof value === 'number') {
      const shown = this.context.source.sourceTextOf(path) ?? String(value);
      if (kind === 'count') this.push('G-01', path, `${name}为 ${shown}，件数应为整数，不能有小数`);
      else this.push('SCHEMA-TYPE', path, `${name}应为整数，写成了 ${shown}`);
      return;
    }
    if (expected === 'number' || expected === 'int') {
      if (typeof value === 'number') {
        this.push('SCHEMA-TYPE', path, `${name}应为一个具体的数字，写成了${this.written(path, value)}`);
        return;
      }
      if (typeof value === 'string') {
        const hint = numberHint(value, cell?.cell.format === 'wan');
        const advice = hint.chinese
          ? '；请用阿拉伯数字书写（如 12）'
          : hint.value !== undefined
            ? `；请只写数字 ${hint.value}${hint.converted ? '（已换算成万元）' : ''}`
            : '';
        this.push('SCHEMA-TYPE', path, `${name}应为数字，写成了文字 "${value}"${advice}`);
        return;
      }
      this.push('SCHEMA-TYPE', path, `${name}应为数字，写成了${this.written(path, value)}`);
      return;
    }
    if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
      const source = this.context.source.sourceTextOf(path) ?? String(value);
      this.push('SCHEMA-TYPE', path, `${name}应为文字，写成了${this.written(path, value)}；请加上引号，写成 "${source}"`);
      return;
    }
    this.push('SCHEMA-TYPE', path, `${name}应为${expectedName(expected)}，写成了${this.written(path, value)}`);
  }

  private outOfRange(
    path: DataPath,
    issue: Extract<Issue, { code: 'too_small' | 'too_big' }>,
  ): void {
    const { value } = valueAt(this.context.raw, path);
    const name = this.name(path);
    const shown = this.context.source.sourceTextOf(path) ?? String(value);
    const kind = this.numberKind(path);
    const numeric = issue.origin === 'number' || issue.origin === 'int';
    if (numeric && issue.code === 'too_small' && Number(issue.minimum) === 0 && kind) {
      this.push(kind === 'count' ? 'G-01' : 'G-03', path, `${name}为 ${shown}，${kind === 'count' ? '件数' : '金额'}不能为负数`);
      return;
    }
    if (numeric && issue.code === 'too_big' && Number(issue.maximum) === Number.MAX_SAFE_INTEGER) {
      this.push(
        kind === 'count' ? 'G-01' : 'SCHEMA-VALUE',
        path,
        `${name}为 ${shown}，数字太大，超出了能精确计算的整数范围（最大 ${Number.MAX_SAFE_INTEGER}）`,
      );
      return;
    }
    if (numeric) {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const relation =
        issue.code === 'too_small' ? (issue.inclusive ? '不小于' : '大于') : issue.inclusive ? '不大于' : '小于';
      this.push('SCHEMA-VALUE', path, `${name}应${relation} ${String(bound)}，写成了 ${shown}`);
      return;
    }
    if (issue.code === 'too_small' && Number(issue.minimum) === 1) {
      this.push('SCHEMA-VALUE', path, `${name}不能为空`);
      return;
    }
    this.push('SCHEMA-VALUE', path, `${name}的长度或数量不符合要求（原文：${issue.message}）`);
  }

  /**
   * A union (a narrative block is text or a heading object) failed. When the
   * value has the shape of exactly one option, report that option's problems;
   * otherwise say which shapes are allowed.
   */
  private union(path: DataPath, issue: Extract<Issue, { code: 'invalid_union' }>): void {
    const branches = issue.errors;
    const isShapeMismatch = (issues: readonly Issue[]): boolean =>
      issues.length === 1 && issues[0]!.code === 'invalid_type' && issues[0]!.path.length === 0;
    const viable = branches.filter((issues) => !isShapeMismatch(issues));
    if (viable.length === 1) {
      for (const inner of viable[0]!) this.translate(inner, path);
      return;
    }
    const expected = [
      ...new Set(
        branches.flatMap((issues) =>
          issues.length === 1 && issues[0]!.code === 'invalid_type' ? [expectedName(issues[0]!.expected)] : [],
        ),
      ),
    ];
    const { value } = valueAt(this.context.raw, path);
    const wanted = expected.length > 0 ? expected.join('或') : '另一种写法';
    this.push('SCHEMA-TYPE', path, `${this.name(path)}应为${wanted}，写成了${this.written(path, value)}`);
  }
}

function expectedName(expected: string): string {
  switch (expected) {
    case 'number':
      return '数字';
    case 'int':
      return '整数';
    case 'string':
      return '文字';
    case 'object':
      return '一组“键: 值”';
    case 'array':
      return '列表（每项以“- ”开头）';
    case 'boolean':
      return 'true 或 false';
    default:
      return expected;
  }
}

/** The closest valid name, if it is close enough to be a likely typo. */
export function suggest(written: string, candidates: readonly string[]): string | undefined {
  const lower = written.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) {
      tie = true;
    }
  }
  const limit = Math.max(2, Math.floor(written.length / 3));
  return best !== undefined && bestDistance <= limit && !tie ? best : undefined;
}

const UNIT = /(人次|万元|项|件|个|条|次|人|份|篇|元)$/u;

/**
 * Reads the number a clerk meant when they wrote text: “184项” → 184,
 * “1,234” → 1234, “１８４” → 184, “3200元” in a 万元 cell → 0.32.
 * Chinese numerals (十二) are recognised but not converted.
 */
export function numberHint(text: string, wanCell = false): { value?: number; chinese?: boolean; converted?: boolean } {
  let s = text
    .trim()
    .replace(/[０-９]/gu, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/．/gu, '.')
    .replace(/，/gu, ',');
  const unit = UNIT.exec(s)?.[1];
  if (unit) s = s.slice(0, -unit.length).trim();
  let value: number | undefined;
  if (/^\d+(\.\d+)?$/.test(s)) value = Number(s);
  else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) value = Number(s.replace(/,/g, ''));
  else if (/^[零〇一二两三四五六七八九十百千万亿]+$/u.test(s)) return { chinese: true };
  if (value === undefined || !Number.isFinite(value)) return {};
  if (wanCell && unit === '元') return { value: Number((value / 10000).toFixed(4)), converted: true };
  return { value };
}

/** Maps zod issues to positioned Chinese diagnostics (all severity error). */
export function issuesToDiagnostics(issues: readonly Issue[], context: IssueContext): Diagnostic[] {
  const translator = new IssueTranslator(context);
  for (const issue of issues) translator.noteMisspellings(issue);
  for (const issue of issues) translator.translate(issue);
  return translator.diagnostics;
}
