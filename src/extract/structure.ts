/**
 * Text blocks → the parts of an annual report: the title, the preamble
 * (before 一、), the six parts with their printed headings, and in each part
 * its paragraphs, sub-headings and tables.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { cleanParagraph, normalizeLabel, type ExtractBlock, type ParagraphBlock } from './blocks.js';
import { findTitle, findTitleLine, headingPattern, mandatedHeading, PARTS, type PartDefinition, type TitleFound } from './parts.js';

export interface RecognisedPart {
  part: PartDefinition;
  /** The heading as printed. */
  printed: string;
  blocks: ExtractBlock[];
}

export interface Recognised {
  title?: TitleFound;
  preamble: string[];
  parts: RecognisedPart[];
}

type PartItem = { kind: 'part'; part: PartDefinition; printed: string; implicit?: boolean };

/** Splits paragraphs at part headings: flattened text anywhere in a line, other paragraphs only at their start. */
function splitAtHeadings(blocks: readonly ExtractBlock[]): (ExtractBlock | PartItem)[] {
  const out: (ExtractBlock | PartItem)[] = [];
  let next = 0;
  for (const block of blocks) {
    if (block.kind !== 'paragraph' || next >= PARTS.length) {
      out.push(block);
      continue;
    }
    let text = block.text;
    for (;;) {
      // The earliest heading of a part not yet seen (a report may lack a part).
      let hit: { index: number; at: number; printed: string } | undefined;
      for (let index = next; index < PARTS.length; index++) {
        const pattern = headingPattern(PARTS[index]!, block.flat ? 'anywhere' : 'start');
        const match = pattern.exec(text);
        if (match && (!hit || match.index < hit.at)) hit = { index, at: match.index, printed: match[0] };
      }
      if (!hit) break;
      const before = text.slice(0, hit.at).trim();
      if (before) out.push({ ...block, text: before });
      out.push({ kind: 'part', part: PARTS[hit.index]!, printed: hit.printed.trim() });
      text = text.slice(hit.at + hit.printed.length).replace(/^[\s:：。]+/, '');
      next = hit.index + 1;
    }
    if (text.trim()) out.push({ ...block, text: text.trim() });
  }
  return out;
}

/** Any level-1 numeral (一、 … 十二、). */
const ANY_NUMERAL = '[一二三四五六七八九十]{1,3}';
/** A level-1 heading standing alone: numeral, its mark, a few words without sentence punctuation or digits. */
const FOREIGN_HEADING = /^([一二三四五六七八九十]{1,3})\s*[、.．]\s*([^\d０-９。，,；;：:！？!?|]{2,30})$/;
/** The first sub-heading of the problems part standing where that part has no heading: （一）主要问题, （一）存在的问题. */
const PROBLEMS_OPENING = /^[（(]\s*一\s*[）)]\s*(?:存在的?)?(?:主要)?问题/;

/**
 * The loose reading of a report not laid out in the six parts (a body's
 * own topical sections, the tables under headings numbered anew): a part
 * heading is recognised by its words whatever its numeral, in order, at
 * the start of a paragraph; any other level-1 heading standing alone in a
 * part without a table becomes a `foreignHeading` paragraph of the part it
 * falls in; a （一）…问题 sub-heading after the 复议诉讼 part, where the
 * problems part has no heading, opens that part (`implicit`).
 */
function splitLoosely(blocks: readonly ExtractBlock[], tableParts: ReadonlySet<PartDefinition['key']>): (ExtractBlock | PartItem)[] {
  const out: (ExtractBlock | PartItem)[] = [];
  let next = 0;
  const problems = PARTS.findIndex((part) => part.key === 'problems');
  const reviewLitigation = PARTS.findIndex((part) => part.key === 'review_litigation');
  for (const block of blocks) {
    if (block.kind !== 'paragraph') {
      out.push(block);
      continue;
    }
    const text = block.text.trim();
    let hit: { index: number; printed: string } | undefined;
    for (let index = next; index < PARTS.length && !hit; index++) {
      const match = new RegExp(`^${ANY_NUMERAL}\\s*[、.．,，]?\\s*(?:${PARTS[index]!.words.source})`).exec(text);
      if (match) hit = { index, printed: match[0] };
    }
    if (hit) {
      out.push({ kind: 'part', part: PARTS[hit.index]!, printed: hit.printed.trim() });
      next = hit.index + 1;
      const rest = text.slice(hit.printed.length).replace(/^[\s:：。]+/, '');
      if (rest) out.push({ ...block, text: rest });
      continue;
    }
    if (next === reviewLitigation + 1 && next <= problems && PROBLEMS_OPENING.test(text)) {
      out.push({ kind: 'part', part: PARTS[problems]!, printed: '', implicit: true });
      next = problems + 1;
      out.push(block);
      continue;
    }
    const current = next > 0 ? PARTS[next - 1]! : undefined;
    if (current && !tableParts.has(current.key) && FOREIGN_HEADING.test(text)) {
      out.push({ ...block, text, foreignHeading: true });
      continue;
    }
    out.push(block);
  }
  return out;
}

/** Lines of a page's furniture between title and text: 发布时间：… 来源：… 2018-03-18 11:25 来源：… */
const METADATA =
  /^(?:(?:发布(?:时间|日期|机构|单位)|日期|来源|信息来源|文号|索引号|主题分类|分类|字号|字体|浏览次数|浏览量|访问量|作者|栏目|标题|原文链接|发文日期|成文日期|生成日期|有效性|责任编辑)\s*[:：]|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2})/;

/** A line of the page's metadata (date, source, views, font size) standing between the title and the text. */
export const isMetadataLine = (line: string): boolean => METADATA.test(line.trim());

/**
 * A line of the page's furniture after the text: print, share and back
 * links, the previous and next article, a QR-code prompt, a reposting site's
 * notice and source, a bare address. The report ends before the first.
 */
const FURNITURE =
  /^(?:打印|【?打印(?:本页|此页)?】?|分享(?:至|到)?[:：]?|返回(?:列表|顶部|首页)?|【?关闭(?:窗口|本页)?】?|扫一扫|已归档|上一篇|下一篇|[-–•·]\s*(?:上一篇|下一篇)|友情提示|免责声明|相关(?:链接|文章|阅读)[:：]|https?:\/\/|www\.\S+$)/;

export const isPageFurniture = (line: string): boolean => {
  const text = line.trim();
  return FURNITURE.test(text) && (text.length <= 30 || /^(?:友情提示|免责声明)/.test(text));
};
/** A separator line (=====, -----, with or without a word between). */
const SEPARATOR = /^[=＝\-—_~*]{3,}.*[=＝\-—_~*]{3,}$|^[=＝\-—_~*]{3,}$/;

/**
 * `loose`: read a report not laid out in the six parts (see splitLoosely);
 * `tableParts` names the parts that hold the format's tables.
 */
export function recognise(
  blocks: readonly ExtractBlock[],
  pageTitle: string | undefined,
  diagnostics: Diagnostic[],
  loose?: { tableParts: ReadonlySet<PartDefinition['key']> },
): Recognised {
  const items = loose ? splitLoosely(blocks, loose.tableParts) : splitAtHeadings(blocks);
  const firstPart = items.findIndex((item) => item.kind === 'part');
  const front = firstPart < 0 ? items : items.slice(0, firstPart);

  // The title: the first paragraph before 一、 that reads as one; else the page's own title.
  let title: Recognised['title'];
  let afterTitle = 0;
  for (let index = 0; index < front.length; index++) {
    const item = front[index]!;
    if (item.kind !== 'paragraph') continue;
    const found = findTitleLine(item.text);
    if (found) {
      title = found;
      afterTitle = index + 1;
      // A title broken before its year (“平潭综合实验区海坛片区管理局” / “2023年度政府信息公开工作年度报告”):
      // the body's name is on the line or two above.
      for (let above = index - 1; !title.organization && above >= Math.max(0, index - 2); above--) {
        const lines = front.slice(above, index + 1);
        if (lines.some((line) => line.kind !== 'paragraph' || /[。，,；;：:]/.test(line.text))) break;
        const joined = findTitle(lines.map((line) => (line as ParagraphBlock).text).join(''));
        if (joined?.organization) title = joined;
      }
      break;
    }
  }
  // A report read loosely (often a PDF's text) may break its title over two or three lines.
  for (let index = 0; loose && !title && index < front.length; index++) {
    const lines: string[] = [];
    for (let k = index; k < Math.min(front.length, index + 3); k++) {
      const item = front[k]!;
      if (item.kind !== 'paragraph' || /[。，,；;]/.test(item.text)) break;
      lines.push(item.text);
      const found = lines.length > 1 ? findTitle(lines.join('')) : undefined;
      if (found) {
        title = found;
        afterTitle = k + 1;
        break;
      }
    }
  }
  if (!title && pageTitle) {
    title = findTitle(pageTitle);
  }

  // The preamble: paragraphs between the title and 一、, without page furniture (after the last separator line, if any).
  let preambleBlocks = front.slice(afterTitle).filter((item): item is ParagraphBlock => item.kind === 'paragraph');
  const lastSeparator = preambleBlocks.map((block) => SEPARATOR.test(block.text.trim())).lastIndexOf(true);
  if (lastSeparator >= 0) preambleBlocks = preambleBlocks.slice(lastSeparator + 1);
  // The title printed again (whole or broken over lines) is not the preamble.
  const titleText = title?.text.replace(/\s+/g, '') ?? '';
  const repeatsTitle = (text: string) => titleText !== '' && !/[。，,；;]/.test(text) && titleText.includes(text.replace(/\s+/g, ''));
  const preamble = preambleBlocks.map((block) => cleanParagraph(block.text)).filter((text) => text !== '' && !METADATA.test(text) && !repeatsTitle(text));

  const parts: RecognisedPart[] = [];
  for (const item of firstPart < 0 ? [] : items.slice(firstPart)) {
    // The report ends before the page's furniture (返回, 打印, 分享, 上一篇…).
    if (item.kind === 'paragraph' && isPageFurniture(item.text)) break;
    if (item.kind === 'part') {
      parts.push({ part: item.part, printed: item.printed, blocks: [] });
      const mandated = mandatedHeading(item.part);
      if (item.implicit) {
        diagnostics.push({
          code: 'EXTRACT-HEADING',
          severity: 'warning',
          stage: 'extract',
          path: ['narrative', item.part.key],
          place: { part: { id: item.part.key, label: mandated } },
          message: `第${item.part.numeral}部分没有标题“${mandated}”；其后以“（一）……问题”起首的文字读作第${item.part.numeral}部分`,
        });
      } else if (item.printed !== mandated) {
        const sameWords = normalizeLabel(item.printed).replace(/^(.)[.,]/, '$1、') === normalizeLabel(mandated);
        diagnostics.push({
          code: 'EXTRACT-HEADING',
          severity: sameWords ? 'info' : 'warning',
          stage: 'extract',
          path: ['narrative', item.part.key],
          place: { part: { id: item.part.key, label: mandated } },
          message: `第${item.part.numeral}部分的标题印为“${item.printed}”，规定为“${mandated}”${sameWords ? '（仅标点或全角半角不同）' : ''}`,
        });
      }
    } else {
      parts.at(-1)!.blocks.push(item);
    }
  }
  if (loose) {
    // A PDF's text breaks paragraphs into lines: joined again in the preamble and the parts without a table.
    const width = lineWidth(items);
    if (preambleBlocks.some((block) => block.flat)) {
      const joined = joinBrokenLines(preamble.map((text) => ({ kind: 'paragraph' as const, text, flat: true })), width).map((p) => p.text);
      preamble.splice(0, preamble.length, ...joined);
    }
    for (const found of parts) if (!loose.tableParts.has(found.part.key)) found.blocks = joinBrokenLines(found.blocks, width);
  }
  return { ...(title ? { title } : {}), preamble, parts };
}

/** The width of a full line of the text: the median length of its lines of more than ten characters. */
function lineWidth(items: readonly (ExtractBlock | PartItem)[]): number {
  const lengths = items
    .flatMap((item) => (item.kind === 'paragraph' && item.flat ? [item.text.trim().length] : []))
    .filter((length) => length > 10)
    .sort((a, b) => a - b);
  return lengths[Math.floor(lengths.length / 2)] ?? Infinity;
}

/** Where a paragraph surely ends: sentence-final punctuation, or a closing quotation mark or bracket. */
const PARAGRAPH_END = /[。！？；：:!?;…”"）)]$/;
/** A line that opens a paragraph or heading of its own: （一）, 1., 一、. */
const OPENS = /^(?:[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|\d{1,2}\s*[.．、]|[一二三四五六七八九十]{1,3}\s*[、.．])/;

/**
 * Lines of copied text (`flat`) broken inside a paragraph, joined again: a
 * line runs on into the next when it fills the line (at least 3/4 of
 * `width`), does not end a sentence, is no heading, and the next line does
 * not open a heading or item of its own.
 */
export function joinBrokenLines<T extends ExtractBlock>(blocks: readonly T[], width: number): T[] {
  const out: T[] = [];
  for (const block of blocks) {
    const previous = out.at(-1);
    if (
      block.kind === 'paragraph' &&
      block.flat &&
      !block.foreignHeading &&
      previous?.kind === 'paragraph' &&
      previous.flat &&
      !previous.foreignHeading &&
      !PARAGRAPH_END.test(previous.text.trim()) &&
      previous.text.trim().length >= 0.75 * width &&
      !OPENS.test(block.text.trim()) &&
      !(OPENS.test(previous.text.trim()) && previous.text.trim().length <= HEADING_MAX && !/[。，,；;]/.test(previous.text))
    ) {
      out[out.length - 1] = { ...previous, text: previous.text.trim() + block.text.trim() };
      continue;
    }
    out.push(block);
  }
  return out;
}

export type NarrativeBlock = string | { heading: string; text?: string; body?: NarrativeBlock[] };

const SUB_HEADING = /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*/;
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * Text copied from a page runs a part's sub-parts into one line. It is cut
 * before （一）, （二）, … in turn, where each stands at the start or after a
 * sentence ends (so “第二十条第（一）项” is never cut); the pieces are then
 * read like paragraphs of a page.
 */
function splitFlatSubParts(paragraph: ParagraphBlock): ParagraphBlock[] {
  if (!paragraph.flat) return [paragraph];
  const pieces: string[] = [];
  let rest = paragraph.text;
  let cuts = 0;
  // A line of copied text that begins with its own marker (（二）…) is cut from that numeral on.
  const own = /^[（(]([一二三四五六七八九十])[）)]/.exec(rest);
  for (const numeral of NUMERALS.slice(own ? NUMERALS.indexOf(own[1]!) : 0)) {
    const marker = new RegExp(`(^|[。；！？”」])\\s*[（(]${numeral}[）)]`, 'g');
    // Past the current piece's own marker, so （二） is looked for after （一）.
    marker.lastIndex = cuts === 0 ? 0 : 1;
    const match = marker.exec(rest);
    if (!match) break;
    const cut = match.index + match[1]!.length;
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
    cuts++;
  }
  if (cuts === 0) return [paragraph];
  pieces.push(rest);
  return pieces.filter((text) => text !== '').map((text) => ({ kind: 'paragraph', text }));
}

/** A heading standing on its own line is at most this long; a run-in heading ends within it. */
const HEADING_MAX = 40;

/** Numbers of the deeper headings (GB/T 9704): 1. under （一）, then （1）. */
const LEVEL_3 = /^\d{1,2}\s*[.．、]\s*/;
const LEVEL_4 = /^[（(]\s*\d{1,2}\s*[）)]\s*/;

type HeadingBlock = { heading: string; text?: string; body?: NarrativeBlock[] };

/**
 * A part's paragraphs → narrative blocks: “（一）主动公开情况” on its own line
 * is a heading whose body follows; “（一）主动公开情况。正文…” is a run-in
 * heading `{heading, text}` (the heading up to its first 。 or ：). Under it,
 * a paragraph the document marks as a heading (HTML h4/h5, a Word heading
 * style) numbered “1.” is a sub-heading, and “（1）” under that one level
 * deeper; unmarked numbered paragraphs stay paragraphs (they may be a list).
 */
export function narrativeOf(paragraphs: readonly ParagraphBlock[]): NarrativeBlock[] {
  const out: NarrativeBlock[] = [];
  let current: HeadingBlock | undefined;
  let sub: HeadingBlock | undefined;
  let subSub: HeadingBlock | undefined;
  for (const paragraph of paragraphs.flatMap((p) => (p.foreignHeading ? [p] : splitFlatSubParts(p)))) {
    const text = cleanParagraph(paragraph.text);
    if (!text) continue;
    if (paragraph.foreignHeading) {
      // A level-1 heading of the report's own, inside a mandated part: a heading of that part, its numeral dropped.
      current = { heading: text.replace(/^[一二三四五六七八九十]{1,3}\s*[、.．]\s*/, '') };
      sub = subSub = undefined;
      out.push(current);
      continue;
    }
    const numbered = paragraph.flat ? null : SUB_HEADING.exec(text);
    if (numbered) {
      const rest = text.slice(numbered[0].length);
      const stop = rest.search(/[。：:]/);
      if (paragraph.heading || (rest.length <= HEADING_MAX && (stop < 0 || stop === rest.length - 1))) {
        current = { heading: rest };
        sub = subSub = undefined;
        out.push(current);
        continue;
      }
      if (stop >= 0 && stop < HEADING_MAX) {
        current = { heading: rest.slice(0, stop + 1), text: rest.slice(stop + 1).trim() };
        sub = subSub = undefined;
        out.push(current);
        continue;
      }
    }
    if (paragraph.heading && current) {
      const third = LEVEL_3.exec(text);
      if (third) {
        sub = { heading: text.slice(third[0].length) };
        subSub = undefined;
        (current.body ??= []).push(sub);
        continue;
      }
      const fourth = sub ? LEVEL_4.exec(text) : null;
      if (sub && fourth) {
        subSub = { heading: text.slice(fourth[0].length) };
        (sub.body ??= []).push(subSub);
        continue;
      }
    }
    const open = subSub ?? sub ?? current;
    if (open) (open.body ??= []).push(text);
    else out.push(text);
  }
  return out;
}
