/**
 * An HTML page as saved from a portal → text blocks. The article body is
 * found among the navigation, headers and footers as the innermost element
 * holding the most part headings (一、总体情况 … 六、其他需要报告的事项);
 * inside it, every block element without block children is a paragraph
 * (split at <br>, except headings, whose lines belong together) and every
 * <table> a table with its rowspan/colspan expanded.
 */
import { HTMLElement, NodeType, parse, type Node } from 'node-html-parser';
import { cleanParagraph, type ExtractBlock, type TableCellText } from './blocks.js';
import { findTitle, findTitleLine, headingPattern, PARTS } from './parts.js';

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CENTER', 'DD', 'DIV', 'DL', 'DT', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5',
  'H6', 'HEADER', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'UL', 'BODY', 'HTML', 'CAPTION', 'HR',
]);
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'SVG', 'IFRAME', 'BUTTON', 'SELECT']);
const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

const isElement = (node: Node): node is HTMLElement => node.nodeType === NodeType.ELEMENT_NODE;

/** Decoded text of a node, entities resolved, without scripts and styles; <br> becomes a line break. */
function textOf(node: Node): string {
  if (node.nodeType === NodeType.TEXT_NODE) return node.text;
  if (!isElement(node)) return '';
  if (SKIPPED_TAGS.has(node.tagName)) return '';
  if (node.tagName === 'BR') return '\n';
  const known = texts.get(node);
  if (known !== undefined) return known;
  const text = node.childNodes.map(textOf).join('');
  texts.set(node, text);
  return text;
}
/** Texts of the elements of the pages read (the body search asks each level again): dropped with the page's tree. */
const texts = new WeakMap<HTMLElement, string>();

/**
 * How many part headings an element's text holds (each at most once); for a
 * report without the six parts (fewer than two found), how many numbered
 * section headings 一、二、… it holds (each numeral once, after a sentence end).
 */
function headingsIn(text: string): number {
  const compact = text.replace(/\s+/g, '');
  const parts = PARTS.filter((part) => headingPattern(part, 'anywhere').test(compact)).length;
  if (parts >= 2) return parts;
  const numerals = new Set([...compact.matchAll(/(?:^|[。：:；！？”])([一二三四五六七八九十]{1,2})、/g)].map((match) => match[1]));
  return numerals.size >= 2 ? numerals.size : parts;
}

/** The innermost element whose text holds the most part headings: the article body. */
function articleBody(root: HTMLElement): HTMLElement {
  let current = root;
  let count = headingsIn(textOf(root));
  for (;;) {
    let next: HTMLElement | undefined;
    for (const child of current.childNodes) {
      if (isElement(child) && !SKIPPED_TAGS.has(child.tagName) && headingsIn(textOf(child)) === count) {
        next = child;
        break;
      }
    }
    // Stop where no single child holds every heading found so far: this element is the body.
    if (!next || count === 0) return current;
    current = next;
    count = headingsIn(textOf(current));
  }
}

const hasBlockChild = (element: HTMLElement) => element.childNodes.some((child) => isElement(child) && BLOCK_TAGS.has(child.tagName));

/** A <table> as rows of cell texts, rowspan and colspan expanded. */
function tableRows(table: HTMLElement, nextOrigin: () => number): TableCellText[][] {
  // The table's own rows (through thead/tbody/tfoot), not those of a table nested in a cell: a walk without recursion.
  const trs: HTMLElement[] = [];
  const pending: Node[] = [...table.childNodes].reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (!isElement(node) || node.tagName === 'TABLE') continue;
    if (node.tagName === 'TR') trs.push(node);
    else for (let index = node.childNodes.length - 1; index >= 0; index--) pending.push(node.childNodes[index]!);
  }
  const grid: TableCellText[][] = trs.map(() => []);
  trs.forEach((tr, rowIndex) => {
    let column = 0;
    for (const cell of tr.childNodes) {
      if (!isElement(cell) || (cell.tagName !== 'TD' && cell.tagName !== 'TH')) continue;
      const row = grid[rowIndex]!;
      while (row[column]) column++;
      // Spans beyond any real statistics table (malformed or hostile pages) are cut to keep the expansion small.
      const span = (name: string) => Math.max(1, Math.min(100, Number.parseInt(cell.getAttribute(name) ?? '1', 10) || 1));
      const rowSpan = Math.min(span('rowspan'), trs.length - rowIndex);
      const colSpan = span('colspan');
      const text = cleanParagraph(textOf(cell));
      const origin = nextOrigin();
      for (let r = 0; r < rowSpan; r++) {
        for (let c = 0; c < colSpan; c++) grid[rowIndex + r]![column + c] = { text, origin, startRow: rowIndex };
      }
      column += colSpan;
    }
  });
  // A row shorter than the others (a malformed page) is padded with blanks of its own.
  return grid.map((row) => Array.from({ length: row.length }, (_, c) => row[c] ?? { text: '', origin: nextOrigin(), startRow: -1 }));
}

export interface HtmlBlocks {
  blocks: ExtractBlock[];
  /** A title found outside the article body (the page's <h1> or <title>), when the body has none. */
  pageTitle?: string;
}

/** Deeper than any portal page (their articles sit some 20–60 elements down; Word-pasted spans add a few). */
export const MAX_HTML_NESTING = 1_000;

/** A page the reader refuses before walking it (nesting beyond MAX_HTML_NESTING); its message is Chinese. */
export class HtmlNestingError extends Error {}

/** The depth of the deepest element, counted without recursion. */
function nestingDepth(root: HTMLElement, limit: number): number {
  let deepest = 0;
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    if (isElement(node)) for (const child of node.childNodes) if (isElement(child)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Elements that never hold others, or close themselves at the next of their kind: they do not nest in a tag count. */
const NOT_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'td', 'th', 'tr', 'option', 'dt', 'dd',
]);

/**
 * Whether the raw page opens more than `limit` elements without closing them,
 * counted on the tags before parsing (the parser takes quadratic time to
 * unwind thousands of unclosed tags). Script and style contents are skipped.
 */
function openTagsExceed(html: string, limit: number): boolean {
  // A script or style with its content first (its text may hold tags), then any tag.
  const tag = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/gi;
  let depth = 0;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    if (match[1] !== undefined) continue;
    const name = match[3]!.toLowerCase();
    if (NOT_NESTING.has(name) || match[4] === '/') continue;
    if (match[2] === '/') depth = Math.max(0, depth - 1);
    else if (++depth > limit) return true;
  }
  return false;
}

/** The page as blocks; throws HtmlNestingError for tags nested deeper than MAX_HTML_NESTING (the walk below recurses). */
export function htmlToBlocks(html: string): HtmlBlocks {
  if (openTagsExceed(html, MAX_HTML_NESTING)) {
    throw new HtmlNestingError(`网页中有超过 ${MAX_HTML_NESTING.toLocaleString('en-US')} 层未闭合或嵌套的标签，不像一份年度报告，没有读取`);
  }
  const root = parse(html, { comment: false, blockTextElements: { script: false, style: false, noscript: false, pre: true } });
  if (nestingDepth(root, MAX_HTML_NESTING) > MAX_HTML_NESTING) {
    throw new HtmlNestingError(`网页的标签嵌套超过 ${MAX_HTML_NESTING.toLocaleString('en-US')} 层，不像一份年度报告，没有读取`);
  }
  const body = articleBody(root);
  const blocks: ExtractBlock[] = [];
  let origin = 0;
  const nextOrigin = () => origin++;

  const paragraphs = (text: string, heading: boolean) => {
    const parts = heading ? [text.replace(/\n/g, '')] : text.split('\n');
    for (const part of parts) {
      const clean = cleanParagraph(part);
      if (clean) blocks.push({ kind: 'paragraph', text: clean, ...(heading ? { heading: true } : {}) });
    }
  };
  const walk = (element: HTMLElement) => {
    let inline = '';
    const flush = () => {
      paragraphs(inline, false);
      inline = '';
    };
    for (const child of element.childNodes) {
      if (isElement(child) && SKIPPED_TAGS.has(child.tagName)) continue;
      if (isElement(child) && child.tagName === 'TABLE') {
        flush();
        blocks.push({ kind: 'table', rows: tableRows(child, nextOrigin) });
      } else if (isElement(child) && BLOCK_TAGS.has(child.tagName)) {
        flush();
        if (child.tagName === 'CAPTION' || child.tagName === 'HR') continue;
        if (hasBlockChild(child) || child.querySelector('table')) walk(child);
        else paragraphs(textOf(child), HEADING_TAGS.has(child.tagName));
      } else {
        inline += textOf(child);
      }
    }
    flush();
  };
  walk(body);

  const titled = blocks.some((block) => block.kind === 'paragraph' && findTitleLine(block.text) !== undefined);
  if (titled) return { blocks };
  const candidates = [...root.querySelectorAll('h1, h2, h3, .title, title')].map((element) => cleanParagraph(textOf(element).replace(/\n/g, '')));
  const pageTitle = candidates.find((text) => findTitle(text) !== undefined);
  return pageTitle ? { blocks, pageTitle } : { blocks };
}
