/**
 * Finds the numbers a narrative paragraph states about named quantities:
 * “全年新收政府信息公开申请63件” → { id: 'new', value: 63, quote: '新收政府信息公开申请63件' }.
 *
 * Knows no format: the quantities and their phrases are a vocabulary given by
 * the caller (each format carries its own). Conservative by design: a number
 * is reported only when a phrase of the vocabulary binds it, and whole
 * clauses or sentences are left out when they speak of something related but
 * different (growth, shares, running totals, other years).
 *
 * A phrase is a regular expression source with `{N}` where the number and its
 * unit stand, and optionally `{NEXT_YEAR}` (the year after the report year,
 * as in “结转至2026年6件”).
 */
import { CHINESE_NUMERAL_CHARS, normalizeNumerals, parseNumber, writtenDecimals } from './numbers.js';

export type QuantityUnit = 'count' | 'money';

export interface QuantityDefinition {
  id: string;
  /** count: 件、个、份、起、宗、例、次、项; money: 元 or 万元. */
  unit: QuantityUnit;
  /** Regular expression sources, each with one `{N}`. */
  patterns: readonly string[];
  /** Only when the last subject named in the sentence before the number is this one (“废止2件” after “行政规范性文件清理”). */
  subject?: string;
  /**
   * Only after a quantity with one of these ids was found earlier in the same
   * sentence (“收到申请75件，涉及自然人72件”): the latest one is the mention's anchor.
   */
  after?: readonly string[];
  /**
   * When the number is followed by a bracket that says it includes the
   * carried-in applications (“共受理75件（含上年结转1件）”), the mention is
   * of this quantity instead.
   */
  withCarryIn?: string;
  /**
   * The id of the carried-in quantity: when the same sentence states it too
   * (收到申请75件，其中上年结转1件), the figure may include it, so the mention
   * may be of this quantity or of `withCarryIn` (see `alternatives`).
   */
  carryIn?: string;
  /** Only in a sentence that also says this (a regular expression source): 信息公开 for 行政复议, which an office also counts for all its work. */
  context?: string;
}

export interface QuantityVocabulary {
  /** Words that name what a bare verb is about (规章, 规范性文件); the last one named before a number counts. */
  subjects?: readonly { id: string; pattern: string }[];
  quantities: readonly QuantityDefinition[];
}

export interface QuantityMention {
  /** The quantity's id (after `withCarryIn`). */
  id: string;
  value: number;
  /** For money: the unit written (元 or 万元) and the decimals written. */
  moneyUnit?: '元' | '万元';
  decimals: number;
  /** The phrase as written (whitespace removed), e.g. 现行有效行政规范性文件393件. */
  quote: string;
  /** Other quantities the number may state, when the sentence leaves it open (either agreeing is agreement). */
  alternatives?: string[];
  /** The id of the quantity this one is anchored on (see `after`). */
  anchor?: string;
  /** Other ids the anchor may be (its `alternatives`; `a+b` for two figures named together just before). */
  anchorAlternatives?: string[];
}

const COUNT_UNITS = '件|个|份|起|宗|例|次|项';
const MONEY_UNITS = '万元|元';
const NUMBER = `(?:\\d+(?:\\.\\d+)?|[${CHINESE_NUMERAL_CHARS}]+?)`;

/** A clause that speaks of change, shares or running totals: its numbers are not the year's quantities. */
const RELATED_QUANTITY =
  /同比|环比|较上|比上|较去|比去|增长|下降|增加|减少|上升|提高|降低|累计|占|百分点|%|％|‰|平均|月均|日均|人均|以上|以下|不少于|不低于|超过|(?:近|约|逾)[\d一二两三四五六七八九十]|[\d十百千万](?:余|多)/u;
/** A sentence about another year than the report year: “2022年…”, “去年…”, “上年…” (but not 上年结转). */
const OTHER_YEAR_WORD = /去年|前年|上一?年(?!度?结转)/u;
const YEAR = /(\d{4})年/gu;

interface Clause {
  text: string;
  /** Offset of the clause in its sentence. */
  offset: number;
  /** Inside （…） or (…). */
  bracketed: boolean;
}

/**
 * Paragraph → sentences at 。！？. Whitespace is removed first: a data file wraps
 * long paragraphs and a PDF puts spaces around numbers (申请 17 件), and
 * Chinese text has no spaces of its own. Numerals are normalised.
 */
export function sentencesOf(paragraph: string): string[] {
  const compact = normalizeNumerals(paragraph.replace(/[\s\u3000]+/gu, ''));
  return compact
    .split(/(?<=[。！？!?])/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

/** A sentence → clauses split at ，；：, and brackets (a bracket's content is its own clauses). */
function clausesOf(sentence: string): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  let depth = 0;
  const push = (end: number) => {
    if (end > start) clauses.push({ text: sentence.slice(start, end), offset: start, bracketed: depth > 0 });
  };
  for (let i = 0; i < sentence.length; i++) {
    const char = sentence[i]!;
    if (char === '（' || char === '(') {
      push(i);
      depth++;
      start = i + 1;
    } else if (char === '）' || char === ')') {
      push(i);
      depth = Math.max(0, depth - 1);
      start = i + 1;
    } else if ('，,；;：:。！？!?'.includes(char) && !(char === ',' && /\d/u.test(sentence[i - 1] ?? '') && /\d/u.test(sentence[i + 1] ?? ''))) {
      push(i);
      start = i + 1;
    }
  }
  push(sentence.length);
  return clauses;
}

interface CompiledQuantity {
  definition: QuantityDefinition;
  regexes: { regex: RegExp; nextYear: boolean }[];
}

/**
 * A number with a unit, as every pattern's {N} slot reads it: a clause
 * without one cannot match any quantity, so the patterns are not tried on it.
 */
const ANY_QUANTITY = new RegExp(`(?<![\\d.${CHINESE_NUMERAL_CHARS}])${NUMBER}(?:${COUNT_UNITS}|${MONEY_UNITS})`, 'u');

const slottedCache = new WeakMap<QuantityVocabulary, boolean>();
/** Whether every pattern of a vocabulary has the number slot {N} (so ANY_QUANTITY is a necessary condition). */
function slotted(vocabulary: QuantityVocabulary): boolean {
  let every = slottedCache.get(vocabulary);
  if (every === undefined) slottedCache.set(vocabulary, (every = vocabulary.quantities.every((q) => q.patterns.every((pattern) => pattern.includes('{N}')))));
  return every;
}

const compiledCache = new WeakMap<QuantityVocabulary, Map<number, CompiledQuantity[]>>();

function compile(vocabulary: QuantityVocabulary, year: number): CompiledQuantity[] {
  let byYear = compiledCache.get(vocabulary);
  if (!byYear) compiledCache.set(vocabulary, (byYear = new Map()));
  let compiled = byYear.get(year);
  if (!compiled) {
    compiled = vocabulary.quantities.map((definition) => ({
      definition,
      regexes: definition.patterns.map((pattern) => {
        const units = definition.unit === 'count' ? COUNT_UNITS : MONEY_UNITS;
        // The number may not continue a longer number or numeral on its left.
        const slot = `(?<![\\d.${CHINESE_NUMERAL_CHARS}])(?<number>${NUMBER})(?<unit>${units})`;
        const source = pattern.replace('{N}', slot).replaceAll('{NEXT_YEAR}', String(year + 1));
        return { regex: new RegExp(source, 'gu'), nextYear: pattern.includes('{NEXT_YEAR}') };
      }),
    }));
    byYear.set(year, compiled);
  }
  return compiled;
}

interface RawMatch {
  quantity: CompiledQuantity;
  start: number;
  end: number;
  quote: string;
  number: string;
  unit: string;
  nextYear: boolean;
}

const subjectCache = new WeakMap<QuantityVocabulary, { id: string; regex: RegExp }[]>();

/** The subject named last in `text`; of two ending at the same place, the longer (行政许可申请 over 申请). */
function lastSubject(vocabulary: QuantityVocabulary, text: string): string | undefined {
  let best: { id: string; at: number; length: number } | undefined;
  let subjects = subjectCache.get(vocabulary);
  if (!subjects) subjectCache.set(vocabulary, (subjects = (vocabulary.subjects ?? []).map((subject) => ({ id: subject.id, regex: new RegExp(subject.pattern, 'gu') }))));
  for (const subject of subjects) {
    for (const match of text.matchAll(subject.regex)) {
      const at = match.index + match[0].length;
      if (!best || at > best.at || (at === best.at && match[0].length > best.length)) best = { id: subject.id, at, length: match[0].length };
    }
  }
  return best?.id;
}

/**
 * The quantities one paragraph states about the report year `year`, in
 * order. Numbers bound to no phrase, and sentences or clauses whose scope is
 * not the report year's quantity, give nothing.
 */
export function findQuantities(paragraph: string, vocabulary: QuantityVocabulary, options: { year: number }): QuantityMention[] {
  const compiled = compile(vocabulary, options.year);
  const mentions: QuantityMention[] = [];
  for (const sentence of sentencesOf(paragraph)) {
    if (OTHER_YEAR_WORD.test(sentence)) continue;
    const clauses = clausesOf(sentence);
    const found: { match: RawMatch; clause: number }[] = [];
    clauses.forEach((clause, index) => {
      if (RELATED_QUANTITY.test(clause.text)) return;
      if (slotted(vocabulary) && !ANY_QUANTITY.test(clause.text)) return;
      const raw: RawMatch[] = [];
      for (const quantity of compiled) {
        for (const { regex, nextYear } of quantity.regexes) {
          regex.lastIndex = 0;
          for (const match of clause.text.matchAll(regex)) {
            const groups = match.groups!;
            const start = clause.offset + match.index;
            // A bare verb (废止2件) is about the last subject named before it; another subject's phrase never takes the number.
            if (quantity.definition.subject !== undefined && lastSubject(vocabulary, sentence.slice(0, start) + match[0]) !== quantity.definition.subject) {
              continue;
            }
            raw.push({
              quantity,
              start,
              end: start + match[0].length,
              quote: match[0],
              number: groups.number!,
              unit: groups.unit!,
              nextYear,
            });
          }
        }
      }
      // Overlapping phrases: the one that starts first wins, then the longest (予以公开及部分公开42件 over 部分公开42件).
      raw.sort((a, b) => a.start - b.start || b.end - a.end);
      let reached = -1;
      const numbersTaken = new Set<number>();
      for (const match of raw) {
        const numberAt = match.end - match.unit.length - match.number.length;
        if (match.start < reached || numbersTaken.has(numberAt)) continue;
        reached = match.end;
        numbersTaken.add(numberAt);
        found.push({ match, clause: index });
      }
    });

    // A sentence that names another year is about that year, except the next year in a carry-over phrase.
    const otherYear = [...sentence.matchAll(YEAR)].some(
      (year) =>
        Number(year[1]) !== options.year &&
        !found.some(({ match }) => match.nextYear && year.index >= match.start && year.index < match.end),
    );
    if (otherYear) continue;

    // The same quantity stated twice in one sentence speaks of two scopes (全区…，其中区本级…): neither is read.
    const times = new Map<string, number>();
    for (const { match } of found) {
      if (!match.quantity.definition.after) times.set(match.quantity.definition.id, (times.get(match.quantity.definition.id) ?? 0) + 1);
    }
    const stated = new Set(found.map(({ match }) => match.quantity.definition.id));

    const anchors: { id: string; alternatives: string[]; at: number }[] = [];
    /** Where the mentions bound to an anchor start, in this sentence. */
    const anchoredAt: number[] = [];
    for (const { match, clause } of found) {
      const definition = match.quantity.definition;
      if (!definition.after && times.get(definition.id)! > 1) continue;
      if (definition.context !== undefined && !new RegExp(definition.context, 'u').test(sentence)) continue;
      const value = parseNumber(match.number);
      if (value === undefined) continue;
      if (definition.unit === 'count' && !Number.isInteger(value)) continue;
      let anchor: { id: string; alternatives: string[]; at: number } | undefined;
      let joint: string | undefined;
      if (definition.after) {
        const candidates = [...anchors].reverse().filter((candidate) => candidate.at < match.start && definition.after!.includes(candidate.id));
        anchor = candidates[0];
        if (anchor === undefined) continue;
        // 被申请行政复议4件、被提起行政诉讼3件，其中结果纠正1件: after two figures named together, “其中” may be about both (`a+b`).
        const before = candidates[1];
        if (before !== undefined && before.id !== anchor.id && !anchoredAt.some((at) => at > before.at && at < anchor!.at)) joint = `${before.id}+${anchor.id}`;
        anchoredAt.push(match.start);
      }
      let id = definition.id;
      const alternatives: string[] = [];
      if (definition.withCarryIn) {
        const next = clauses[clause + 1];
        if (next?.bracketed && next.offset <= match.end + 1 && /^(?:含|包括|其中含|包含)/u.test(next.text) && next.text.includes('结转')) {
          id = definition.withCarryIn;
        } else if (definition.carryIn !== undefined && stated.has(definition.carryIn)) {
          // 收到申请75件，其中新收74件、上年结转1件: the figure may or may not include what was carried in.
          alternatives.push(definition.withCarryIn);
        }
      }
      anchors.push({ id, alternatives, at: match.end });
      mentions.push({
        id,
        value,
        decimals: writtenDecimals(match.number),
        quote: match.quote,
        ...(definition.unit === 'money' ? { moneyUnit: match.unit as '元' | '万元' } : {}),
        ...(alternatives.length > 0 ? { alternatives } : {}),
        ...(anchor !== undefined ? { anchor: anchor.id } : {}),
        ...(anchor !== undefined && (anchor.alternatives.length > 0 || joint) ? { anchorAlternatives: [...anchor.alternatives, ...(joint ? [joint] : [])] } : {}),
      });
    }
  }
  return mentions;
}
