/**
 * Numbers stated in the narrative against the tables (issue #12 item 4).
 *
 * A format carries its vocabulary as data (`FormatDefinition.narrativeFacts`):
 * each quantity the narrative may state about the report year (新收申请、
 * 现行有效行政规范性文件、…), the phrases that bind a number to it (parsed by
 * src/text/quantities.ts) and the cells whose sum it must equal. This module
 * walks a report's narrative parts, finds those numbers and returns one
 * warning per number that differs from its cells, naming both places:
 *
 *   「一、总体情况」第 2 段写“现行有效行政规范性文件393件”，
 *   但「二、主动公开政府信息情况」表「行政规范性文件」行「现行有效件数」列为 470
 *
 * The diagnostic's path is the paragraph (the validator turns it into a file
 * position and a place); `related` is the table cell.
 */
import type { Diagnostic, Place } from '../../diagnostics/diagnostic.js';
import { describeTable, findCellByPath } from '../../tables/describe.js';
import type { TableDefinition } from '../../tables/grid.js';
import { findQuantities, type QuantityDefinition, type QuantityMention, type QuantityVocabulary } from '../../text/quantities.js';

export type FactPath = readonly string[];

/** One quantity the narrative may state, and what it must equal. */
export interface NarrativeFact extends QuantityDefinition {
  /** The data cells (table cells, or other data such as fee.count) whose sum the stated number must equal. */
  cells?: readonly FactPath[];
  /** For a quantity stated after an anchor (其中自然人…, 其中结果纠正…): the cells for each anchor's id. */
  cellsByAnchor?: Readonly<Record<string, readonly FactPath[]>>;
  /** How a message names the rows of a sum over a group (（三）不予公开 for its eight rows). */
  rowsLabel?: string;
  /** How a message names data that is not a table cell (信息处理费的收费金额). */
  name?: string;
  /** For money: the unit the cells hold. */
  cellUnit?: 'wan' | 'yuan';
}

/** A format's vocabulary of narrative quantities. */
export interface NarrativeFacts {
  /** The rule code of the warnings. */
  code: string;
  subjects?: QuantityVocabulary['subjects'];
  facts: readonly NarrativeFact[];
}

/** A narrative block as data files write it: a paragraph, or a sub-part with a heading, a run-in paragraph and a body. */
type Block = string | { heading?: unknown; text?: unknown; body?: unknown };

interface Paragraph {
  path: (string | number)[];
  text: string;
  /** 「一、总体情况」第 2 段, or with the sub-headings: 「一、总体情况」第 2 段（小标题「主动公开」下第 1 段）. */
  where: string;
}

function paragraphsOf(part: string, partLabel: string, blocks: readonly Block[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const walk = (list: readonly Block[], path: (string | number)[], top: number | undefined, headings: string[]) => {
    list.forEach((block, index) => {
      const topIndex = top ?? index;
      const base = `「${partLabel}」第 ${topIndex + 1} 段`;
      const inner = headings.length > 0 ? `${base}（小标题「${headings.join('」下「')}」下第 ${index + 1} 段）` : base;
      if (typeof block === 'string') {
        paragraphs.push({ path: [...path, index], text: block, where: inner });
        return;
      }
      if (block === null || typeof block !== 'object') return;
      const heading = typeof block.heading === 'string' ? block.heading : '';
      if (typeof block.text === 'string') {
        paragraphs.push({ path: [...path, index, 'text'], text: block.text, where: headings.length > 0 ? inner : base });
      }
      if (Array.isArray(block.body)) walk(block.body as Block[], [...path, index, 'body'], topIndex, [...headings, heading]);
    });
  };
  walk(blocks, ['narrative', part], undefined, []);
  return paragraphs;
}

function valueAt(data: unknown, path: FactPath): number | undefined {
  let node = data;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'number' && Number.isFinite(node) ? node : undefined;
}

/** The sum of the cells at `paths`, or undefined when one of them is not a number. */
function sumAt(data: unknown, paths: readonly FactPath[]): number | undefined {
  let sum = 0;
  for (const path of paths) {
    const value = valueAt(data, path);
    if (value === undefined) return undefined;
    sum += value;
  }
  return sum;
}

const unique = (values: readonly string[]): string[] => [...new Set(values)];

/** The cells named as printed: one cell, or the sum of a block of cells of one table. */
function describeCells(tables: readonly TableDefinition[], fact: NarrativeFact, paths: readonly FactPath[]): { text: string; place?: Place } | undefined {
  const located = paths.map((path) => findCellByPath(tables, path));
  if (located.some((cell) => cell === undefined)) {
    return fact.name !== undefined ? { text: fact.name } : undefined;
  }
  const cells = located.map((cell) => cell!);
  const definition = cells[0]!.definition;
  if (cells.some((cell) => cell.definition !== definition)) return undefined;
  const rows = unique(cells.map((cell) => cell.cell.rowLabel).filter((label) => label !== ''));
  const cols = unique(cells.map((cell) => cell.cell.colLabel));
  const rowIds = unique(cells.map((cell) => cell.cell.rowId));
  const colIds = unique(cells.map((cell) => cell.cell.colId));
  const rowsPart = fact.rowsLabel !== undefined && rows.length > 1 ? `「${fact.rowsLabel}」各行` : rows.length > 0 ? `${rows.map((row) => `「${row}」`).join('、')}行` : '';
  const colsPart = `${cols.map((col) => `「${col}」`).join('、')}列`;
  const text = `${describeTable(definition)}${rowsPart}${colsPart}${cells.length > 1 ? '之和' : ''}`;
  const first = cells[0]!.cell;
  const place: Place = {
    table: { id: definition.id, label: definition.caption },
    ...(rowIds.length === 1 && first.rowLabel !== '' ? { row: { id: first.rowId, label: first.rowLabel } } : {}),
    ...(colIds.length === 1 ? { column: { id: first.colId, label: first.colLabel } } : {}),
  };
  return { text, place };
}

/**
 * Whether a stated amount agrees with the cells: the cells, in the unit the
 * text writes (元 or 万元), are within half a unit of the text's last decimal
 * (5949.088667 万元 written 5949.09万元; 12.35 万元 written 123500元).
 */
function amountAgrees(mention: QuantityMention, expected: number, cellUnit: 'wan' | 'yuan'): boolean {
  const textInWan = mention.moneyUnit === '万元';
  const inTextUnit = cellUnit === 'wan' ? (textInWan ? expected : expected * 10000) : textInWan ? expected / 10000 : expected;
  return Math.abs(inTextUnit - mention.value) <= 0.5 * 10 ** -mention.decimals + 1e-9;
}

const formatExpected = (value: number): string => String(Number(value.toFixed(6)));

export interface NarrativeCheckOptions {
  /** The report year: numbers are read as this year's quantities; sentences about another year are left out. */
  year: number;
  /** The report's narrative parts by id. */
  narrative: Readonly<Record<string, unknown>>;
  /** How each narrative part is printed (一、总体情况). */
  partLabel(part: string): string;
  /** The report data the cells are read from. */
  data: unknown;
  tables: readonly TableDefinition[];
}

/** One vocabulary object per format's facts, so that the finder's compiled phrases are kept between reports. */
const vocabularies = new WeakMap<NarrativeFacts, QuantityVocabulary>();

/**
 * The mentions found in a paragraph, by vocabulary, year and text: finding
 * them is a pure function, and the workbench checks the whole report on every
 * keystroke while the narrative rarely changes. Bounded: emptied when full.
 */
const mentionCache = new WeakMap<QuantityVocabulary, Map<string, readonly QuantityMention[]>>();
const MENTION_CACHE_SIZE = 2000;
function mentionsIn(text: string, vocabulary: QuantityVocabulary, year: number): readonly QuantityMention[] {
  let cache = mentionCache.get(vocabulary);
  if (!cache) mentionCache.set(vocabulary, (cache = new Map()));
  const key = `${year}\u0000${text}`;
  let mentions = cache.get(key);
  if (!mentions) {
    if (cache.size >= MENTION_CACHE_SIZE) cache.clear();
    mentions = findQuantities(text, vocabulary, { year });
    cache.set(key, mentions);
  }
  return mentions;
}

/** One warning per number the narrative states that differs from the table cells it names. */
export function checkNarrativeFacts(facts: NarrativeFacts, options: NarrativeCheckOptions): Diagnostic[] {
  let vocabulary = vocabularies.get(facts);
  if (!vocabulary) vocabularies.set(facts, (vocabulary = { ...(facts.subjects ? { subjects: facts.subjects } : {}), quantities: facts.facts }));
  const byId = new Map(facts.facts.map((fact) => [fact.id, fact]));
  const diagnostics: Diagnostic[] = [];
  for (const [part, blocks] of Object.entries(options.narrative)) {
    if (!Array.isArray(blocks)) continue;
    for (const paragraph of paragraphsOf(part, options.partLabel(part), blocks as Block[])) {
      for (const mention of mentionsIn(paragraph.text, vocabulary, options.year)) {
        const fact = byId.get(mention.id);
        if (!fact) continue;
        // The cells the number is compared with, and other readings the sentence leaves open.
        const readings =
          mention.anchor !== undefined
            ? [mention.anchor, ...(mention.anchorAlternatives ?? [])].map((anchor) => fact.cellsByAnchor?.[anchor])
            : [fact.cells, ...(mention.alternatives ?? []).map((id) => byId.get(id)?.cells)];
        const paths = readings[0];
        if (!paths || paths.length === 0) continue;
        const sums = readings.map((candidate) => (candidate && candidate.length > 0 ? sumAt(options.data, candidate) : undefined));
        // A cell left blank (a published report) or data not given (no fee): nothing to compare with.
        if (sums[0] === undefined) continue;
        const agrees = (sum: number | undefined) =>
          sum !== undefined && (fact.unit === 'money' ? amountAgrees(mention, sum, fact.cellUnit ?? 'yuan') : mention.value === sum);
        if (sums.some(agrees)) continue;
        const expected = sums[0];
        const cells = describeCells(options.tables, fact, paths);
        if (!cells) continue;
        const unit = fact.unit === 'money' && fact.cellUnit === 'yuan' && !cells.place ? ' 元' : '';
        diagnostics.push({
          code: facts.code,
          severity: 'warning',
          stage: 'rules',
          path: paragraph.path,
          message: `${paragraph.where}写“${mention.quote}”，但${cells.text}为 ${formatExpected(expected)}${unit}`,
          related: { path: [...paths[0]!], ...(cells.place ? { place: cells.place } : {}) },
        });
      }
    }
  }
  return diagnostics;
}

// ------------------------------------------------------------------ “all completed” against 结转下年度

/**
 * A sentence saying every application of the year was completed or
 * answered: 所有申请均已按要求办理完成, 收到依申请公开8件，均已按期答复办结,
 * 申请……已全部办结, 申请……办结率100%. Not a sentence about a subset
 * (所有办结的申请中…), about timeliness alone (均在法定期限内答复), about
 * other matters (建议、提案), or one that itself names cases carried over
 * or excepted (结转下年度, 其余, 除……外).
 */
const DONE = '(?:办结|办理完成|办理完毕|答复完毕|处理完毕)(?![的率])';
const ALL_COMPLETED = [
  new RegExp(`(?:所有|全部)[^。；！？，,;]{0,12}申请[^。；！？;]{0,20}?${DONE}`),
  new RegExp(`申请[^。；！？;]{0,40}?(?:所有|全部|均|都|一律)[^。；！？，,;]{0,12}?${DONE}`),
  /申请[^。；！？;]{0,40}?办结率(?:达到?|为|是)?100(?:\.0+)?[%％]/,
];
const NOT_ALL = /(?:结转|转)(?:至|到|入)?(?:下一?年|\d{4}年)|其余|其他申请|未办结|尚未|未办理完|正在办理|仍在办理|除[^。；]{0,30}外|建议|提案|信访/;

/** The sentence of a paragraph that says every application was completed: its clause that says so (with the clause before when that one names the applications). */
export function allCompletedClaim(text: string): string | undefined {
  for (const sentence of text.split(/(?<=[。；！？!?;])/)) {
    const compact = sentence.replace(/\s+/g, '');
    if (NOT_ALL.test(compact)) continue;
    for (const pattern of ALL_COMPLETED) {
      const match = pattern.exec(compact);
      if (!match) continue;
      const end = match.index + match[0].length;
      const clauseStart = (to: number) => Math.max(compact.slice(0, to).search(/[，,][^，,]*$/) + 1, 0);
      let start = clauseStart(end);
      if (!compact.slice(start, end).includes('申请') && start > 0) start = clauseStart(start - 1);
      return compact.slice(Math.max(start, match.index), end);
    }
  }
  return undefined;
}

export interface AllCompletedOptions extends Omit<NarrativeCheckOptions, 'year'> {
  /** The rule code (V21-TXT-02, V19-TXT-02). */
  code: string;
  /** The 结转下年度继续办理 总计 cell. */
  carriedOver: FactPath;
}

/**
 * V21-TXT-02 / V19-TXT-02: the narrative says every application was
 * completed (办结、办理完成、答复完毕) while 表二 shows applications carried
 * over to next year (结转下年度继续办理 总计 > 0). One warning per
 * paragraph that says so, naming the paragraph and the cell; the converse
 * (carry-over stated, none in the table) is V21-TXT-01's.
 */
export function checkAllCompleted(options: AllCompletedOptions): Diagnostic[] {
  const carried = valueAt(options.data, options.carriedOver);
  if (carried === undefined || carried <= 0) return [];
  const cell = describeCells(options.tables, { id: 'carried-over' } as NarrativeFact, [options.carriedOver]);
  if (!cell) return [];
  const diagnostics: Diagnostic[] = [];
  for (const [part, blocks] of Object.entries(options.narrative)) {
    if (!Array.isArray(blocks)) continue;
    for (const paragraph of paragraphsOf(part, options.partLabel(part), blocks as Block[])) {
      const claim = allCompletedClaim(paragraph.text);
      if (claim === undefined) continue;
      diagnostics.push({
        code: options.code,
        severity: 'warning',
        stage: 'rules',
        path: paragraph.path,
        message: `${paragraph.where}写“${claim}”，但${cell.text}为 ${formatExpected(carried)}：仍有申请结转下年度继续办理，并非全部办结`,
        related: { path: [...options.carriedOver], ...(cell.place ? { place: cell.place } : {}) },
      });
    }
  }
  return diagnostics;
}
