/**
 * Test helper: unzips a DOCX and answers questions about its WordprocessingML
 * the way Word would read it (direct formatting → paragraph style chain →
 * document defaults), so tests assert on what a reader sees, not on the file.
 */
import { DOMParser, type Document as XmlDocument, type Element } from '@xmldom/xmldom';
import JSZip from 'jszip';

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export interface DocxPackage {
  zip: JSZip;
  /** Raw XML of every text part, by path. */
  xml: Map<string, string>;
  document: XmlDocument;
  styles: XmlDocument;
  settings: XmlDocument;
  core: XmlDocument;
  /** Footer parts by their section reference type (`default` = odd pages, `even`). */
  footers: Map<string, XmlDocument>;
}

function parse(xml: string, path: string): XmlDocument {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') errors.push(message);
    },
  }).parseFromString(xml, 'text/xml');
  if (errors.length > 0) throw new Error(`${path} is not well-formed XML: ${errors.join('; ')}`);
  return doc;
}

export async function openDocx(buffer: Uint8Array): Promise<DocxPackage> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = new Map<string, string>();
  for (const [path, file] of Object.entries(zip.files)) {
    if (!file.dir && /\.(xml|rels)$/.test(path)) xml.set(path, await file.async('string'));
  }
  const part = (path: string) => {
    const text = xml.get(path);
    if (text === undefined) throw new Error(`missing part ${path}`);
    return parse(text, path);
  };
  const document = part('word/document.xml');
  const rels = part('word/_rels/document.xml.rels');
  const targets = new Map(
    elements(rels.documentElement!, 'Relationship').map((rel) => [rel.getAttribute('Id')!, rel.getAttribute('Target')!]),
  );
  const footers = new Map<string, XmlDocument>();
  for (const ref of descendants(document.documentElement!, 'w:footerReference')) {
    const target = targets.get(ref.getAttribute('r:id')!);
    if (!target) throw new Error(`footer reference ${ref.getAttribute('r:id')} has no relationship`);
    footers.set(ref.getAttribute('w:type')!, part(`word/${target.replace(/^\/?word\//, '')}`));
  }
  return {
    zip,
    xml,
    document,
    styles: part('word/styles.xml'),
    settings: part('word/settings.xml'),
    core: part('docProps/core.xml'),
    footers,
  };
}

// ------------------------------------------------------------------ DOM walking

/** Element children of `parent`, optionally only those with the qualified name. */
export function elements(parent: Element, name?: string): Element[] {
  const out: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (name === undefined || (node as Element).nodeName === name)) out.push(node as Element);
  }
  return out;
}

export function child(parent: Element | null | undefined, name: string): Element | undefined {
  return parent ? elements(parent, name)[0] : undefined;
}

/** All descendants with the qualified name, in document order. */
export function descendants(parent: Element, name: string): Element[] {
  return Array.from(parent.getElementsByTagName(name));
}

/** `w:`-prefixed attribute value (the prefix may be given or left out). */
export function attr(element: Element | null | undefined, name: string): string | undefined {
  if (!element) return undefined;
  const qualified = name.includes(':') ? name : `w:${name}`;
  return element.hasAttribute(qualified) ? element.getAttribute(qualified)! : undefined;
}

/**
 * Text of `w:t` elements (and tabs/breaks as \t / \n) inside an element, as
 * a reader sees it: without the zero-width spaces that only mark where a long
 * URL may break (`rawTextOf` keeps them).
 */
export function textOf(element: Element): string {
  return rawTextOf(element).replaceAll('\u200b', '');
}

/** Text of `w:t` elements (and tabs/breaks as \t / \n) inside an element, exactly as stored. */
export function rawTextOf(element: Element): string {
  let text = '';
  const walk = (node: Element) => {
    for (const el of elements(node)) {
      if (el.nodeName === 'w:t' || el.nodeName === 'w:instrText') {
        if (el.nodeName === 'w:t') text += el.textContent ?? '';
      } else if (el.nodeName === 'w:br' && attr(el, 'type') !== 'page') text += '\n';
      else if (el.nodeName === 'w:tab') text += '\t';
      else walk(el);
    }
  };
  walk(element);
  return text;
}

/** The body's block-level children: `w:p` and `w:tbl`, in order. */
export function bodyBlocks(pkg: DocxPackage): Element[] {
  const body = child(pkg.document.documentElement!, 'w:body')!;
  return elements(body).filter((el) => el.nodeName === 'w:p' || el.nodeName === 'w:tbl');
}

export function bodyParagraphs(pkg: DocxPackage): Element[] {
  return bodyBlocks(pkg).filter((el) => el.nodeName === 'w:p');
}

export function tables(pkg: DocxPackage): Element[] {
  return bodyBlocks(pkg).filter((el) => el.nodeName === 'w:tbl');
}

/** The section properties of the (single) section. */
export function sectionProperties(pkg: DocxPackage): Element {
  const body = child(pkg.document.documentElement!, 'w:body')!;
  const sectPr = child(body, 'w:sectPr');
  if (!sectPr) throw new Error('no body-level w:sectPr');
  return sectPr;
}

// ------------------------------------------------------------------ styles

export function style(pkg: DocxPackage, id: string): Element | undefined {
  return elements(pkg.styles.documentElement!, 'w:style').find((s) => attr(s, 'styleId') === id);
}

/** Style ids from `id` up its `w:basedOn` chain. */
export function styleChain(pkg: DocxPackage, id: string | undefined): Element[] {
  const chain: Element[] = [];
  let current = id;
  while (current) {
    const s = style(pkg, current);
    if (!s || chain.includes(s)) break;
    chain.push(s);
    current = attr(child(s, 'w:basedOn'), 'val');
  }
  return chain;
}

/** The paragraph's style id, or Normal. */
export function paragraphStyleId(p: Element): string {
  return attr(child(child(p, 'w:pPr'), 'w:pStyle'), 'val') ?? 'Normal';
}

function docDefaults(pkg: DocxPackage, kind: 'w:pPrDefault' | 'w:rPrDefault'): Element | undefined {
  const defaults = child(pkg.styles.documentElement!, 'w:docDefaults');
  const holder = child(defaults, kind);
  return child(holder, kind === 'w:pPrDefault' ? 'w:pPr' : 'w:rPr');
}

/**
 * Every `name` element that applies to the paragraph, nearest first: its own
 * `w:pPr`, then its style chain, then the document defaults.
 */
function paragraphPropertyLayers(pkg: DocxPackage, p: Element, name: string): Element[] {
  const layers: (Element | undefined)[] = [child(child(p, 'w:pPr'), name)];
  for (const s of styleChain(pkg, paragraphStyleId(p))) layers.push(child(child(s, 'w:pPr'), name));
  layers.push(child(docDefaults(pkg, 'w:pPrDefault'), name));
  return layers.filter((el): el is Element => el !== undefined);
}

/** The effective paragraph property element (first layer that has it). */
export function paragraphProperty(pkg: DocxPackage, p: Element, name: string): Element | undefined {
  return paragraphPropertyLayers(pkg, p, name)[0];
}

/**
 * An attribute of a paragraph property, resolved per attribute as Word does for
 * `w:ind` and `w:spacing` (each attribute inherits separately).
 */
export function paragraphAttr(pkg: DocxPackage, p: Element, name: string, attribute: string): string | undefined {
  for (const layer of paragraphPropertyLayers(pkg, p, name)) {
    const value = attr(layer, attribute);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Effective alignment (`w:jc`) of a paragraph; `left` when nothing sets it. */
export function alignment(pkg: DocxPackage, p: Element): string {
  return attr(paragraphProperty(pkg, p, 'w:jc'), 'val') ?? 'left';
}

/**
 * Run property layers for the runs of a paragraph, nearest first: the run's own
 * `w:rPr` (the first text run when `run` is not given), the paragraph style chain,
 * the document defaults.
 */
function runPropertyLayers(pkg: DocxPackage, p: Element, name: string, run?: Element): Element[] {
  const r = run ?? descendants(p, 'w:r').find((candidate) => child(candidate, 'w:t'));
  const layers: (Element | undefined)[] = [child(child(r, 'w:rPr'), name)];
  for (const s of styleChain(pkg, paragraphStyleId(p))) layers.push(child(child(s, 'w:rPr'), name));
  layers.push(child(docDefaults(pkg, 'w:rPrDefault'), name));
  return layers.filter((el): el is Element => el !== undefined);
}

export function runAttr(pkg: DocxPackage, p: Element, name: string, attribute: string, run?: Element): string | undefined {
  for (const layer of runPropertyLayers(pkg, p, name, run)) {
    const value = attr(layer, attribute);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Effective font size in half-points of a paragraph's (first) run. */
export function fontSize(pkg: DocxPackage, p: Element, run?: Element): number | undefined {
  const value = runAttr(pkg, p, 'w:sz', 'val', run);
  return value === undefined ? undefined : Number(value);
}

/** Effective East Asian font of a paragraph's (first) run. */
export function eastAsiaFont(pkg: DocxPackage, p: Element, run?: Element): string | undefined {
  return runAttr(pkg, p, 'w:rFonts', 'eastAsia', run);
}

/** Whether an on/off property (`w:b`, `w:cantSplit`…) is on in the element. */
export function isOn(element: Element | undefined): boolean {
  if (!element) return false;
  const value = attr(element, 'val');
  return value === undefined || !['0', 'false', 'off'].includes(value);
}

// ------------------------------------------------------------------ tables

export interface LogicalCell {
  /** Top-left grid position of the merged cell this position belongs to. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** The anchor's `w:tc`. */
  tc: Element;
  /** The cell's text, its lines joined (a label is printed in lines separated by `w:br`). */
  text: string;
  /** The cell's lines, as the line breaks in it separate them. */
  lines: string[];
}

/**
 * Rebuilds a table's logical grid from its XML: `w:gridSpan` widens a cell,
 * `w:vMerge` (without `restart`) continues the cell above. Every position
 * points at the merged cell covering it.
 */
export function logicalGrid(tbl: Element): LogicalCell[][] {
  const grid: LogicalCell[][] = [];
  elements(tbl, 'w:tr').forEach((tr, r) => {
    const row: LogicalCell[] = [];
    grid.push(row);
    let c = 0;
    for (const tc of elements(tr, 'w:tc')) {
      const tcPr = child(tc, 'w:tcPr');
      const span = Number(attr(child(tcPr, 'w:gridSpan'), 'val') ?? '1');
      const vMerge = child(tcPr, 'w:vMerge');
      const continues = vMerge !== undefined && attr(vMerge, 'val') !== 'restart';
      let cell: LogicalCell;
      if (continues) {
        const above = grid[r - 1]?.[c];
        if (!above) throw new Error(`row ${r} col ${c}: vMerge continue with nothing above`);
        if (above.col !== c || above.colSpan !== span) throw new Error(`row ${r} col ${c}: vMerge does not line up with the cell above`);
        above.rowSpan += 1;
        cell = above;
      } else {
        const lines = textOf(tc).split('\n');
        cell = { row: r, col: c, rowSpan: 1, colSpan: span, tc, text: lines.join(''), lines };
      }
      for (let i = 0; i < span; i++) row[c + i] = cell;
      c += span;
    }
  });
  return grid;
}

/** The paragraph inside a table cell (the first one). */
export function cellParagraph(tc: Element): Element {
  const p = child(tc, 'w:p');
  if (!p) throw new Error('cell without paragraph');
  return p;
}
