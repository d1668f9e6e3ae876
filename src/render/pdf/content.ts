/**
 * The document model as a flow of typeset pieces for the paginator: text
 * lines (one grid line each), unbreakable groups (the signature), tables and
 * page breaks. Every line is already broken and justified (typeset.ts).
 */
import type { Block, HeadingBlock, ParagraphBlock, SignatureBlock } from '../../document/model.js';
import { CHAR_PITCH, FIRST_LINE_INDENT, TEXT_WIDTH } from './layout.js';
import type { Piece, TextPiece } from './place.js';
import { STYLE, type TextStyle } from './styles.js';
import { prepareTable, type PreparedTable } from './table.js';
import { setSegments, setText, type SetLine, type TypesetContext } from './typeset.js';

/** What the paginator moves around; `N` is what goes on a page (a placeable piece, or anything in tests). */
export type FlowItem<N = Piece> =
  /**
   * One text line, one grid line tall. `keepWithNext`: never the last line of
   * a page (headings, lead-in sentences, the lines the signature takes along).
   * `heading`: a heading line, which also takes the two grid lines after it
   * along. `paragraph`: where the line stands in a paragraph of several lines
   * (0-based `index` of `count`), for widow and orphan control.
   */
  | { kind: 'line'; node: N; keepWithNext: boolean; heading?: boolean; paragraph?: { index: number; count: number } }
  /** Lines that stay on one page together. */
  | { kind: 'group'; nodes: N[]; lines: number }
  | { kind: 'table'; table: PreparedTable<N> }
  | { kind: 'pageBreak' };

/** A typeset line as a grid line of the text block, `left` and `right` points in from its edges. */
export function textPiece(line: SetLine | undefined, left = line?.indent ?? 0, right = 0): TextPiece {
  return { kind: 'text', line, left, right };
}

/** Keeps track of where in the report we are, for messages about characters. */
class Place {
  private part = '导语';
  private paragraph = 0;

  heading(block: HeadingBlock): string {
    if (block.level === 1) {
      this.part = block.text;
      this.paragraph = 0;
      return block.text;
    }
    return `${this.part} 小标题“${block.text}”`;
  }

  /** A run-in heading names its place as a heading does. */
  runIn(heading: string): string {
    return `${this.part} 小标题“${heading}”`;
  }

  nextParagraph(): string {
    this.paragraph += 1;
    return `${this.part} 第${this.paragraph}段`;
  }

  table(caption: string): string {
    return `${this.part === '导语' ? caption : this.part} 表格`;
  }
}

const HEADING_STYLE: Record<HeadingBlock['level'], TextStyle> = {
  1: STYLE.heading1,
  2: STYLE.heading2,
  3: STYLE.body,
  4: STYLE.body,
};

export function documentFlow(blocks: readonly Block[], context: TypesetContext): FlowItem<Piece>[] {
  const flow: FlowItem<Piece>[] = [];
  const place = new Place();
  const blank = (keepWithNext = false): FlowItem<Piece> => ({ kind: 'line', node: textPiece(undefined), keepWithNext });
  const lines = (set: SetLine[], keepWithNext = false, heading = false) => {
    set.forEach((line, index) => {
      const paragraph = set.length > 1 ? { paragraph: { index, count: set.length } } : {};
      flow.push({ kind: 'line', node: textPiece(line), keepWithNext, ...(heading ? { heading } : {}), ...paragraph });
    });
  };

  for (const block of blocks) {
    switch (block.kind) {
      case 'title':
        // The title's lines stay together.
        for (const text of block.lines) {
          lines(setText(context, text, STYLE.title, '标题', { width: TEXT_WIDTH, alignment: 'center' }), true);
        }
        // GB/T 9704 7.3.3: one empty line between the title and the text.
        flow.push(blank());
        break;
      case 'heading':
        lines(
          setText(context, block.text, HEADING_STYLE[block.level], place.heading(block), {
            width: TEXT_WIDTH,
            firstIndent: FIRST_LINE_INDENT,
            alignment: 'justify',
          }),
          true,
          true,
        );
        break;
      case 'paragraph':
        if (block.style === 'attachment') {
          // The label, one empty line, then the attachment's title on the third line; kept together.
          lines(paragraphLines(context, block, place.nextParagraph()), true);
          flow.push(blank(true));
        } else {
          lines(paragraphLines(context, block, block.lead ? place.runIn(block.lead.text) : place.nextParagraph()));
        }
        break;
      case 'table': {
        // The lead-in paragraph ("……如下表。") stays whole with the table's first rows, and
        // with the heading before it (headings keep with what follows).
        for (let i = flow.length - 1; i >= 0; i--) {
          const previous = flow[i]!;
          if (previous.kind !== 'line' || previous.heading || previous.node.kind !== 'text' || !previous.node.line) break;
          previous.keepWithNext = true;
          if (!previous.paragraph || previous.paragraph.index === 0) break;
        }
        flow.push({ kind: 'table', table: prepareTable(block, context, place.table(block.grid.definition.caption)) });
        break;
      }
      case 'signature': {
        // The signature never stands alone on a page: the last two lines of text go with it.
        for (const previous of flow.slice(-2)) if (previous.kind === 'line') previous.keepWithNext = true;
        flow.push(blank(true));
        flow.push(signatureGroup(context, block));
        break;
      }
      case 'pageBreak':
        flow.push({ kind: 'pageBreak' });
        break;
    }
  }
  return flow;
}

const PARAGRAPH_LAYOUT: Record<
  NonNullable<ParagraphBlock['style']>,
  { style: TextStyle; firstIndent?: number; alignment: 'justify' | 'left' | 'center' | 'right' }
> = {
  body: { style: STYLE.body, firstIndent: FIRST_LINE_INDENT, alignment: 'justify' },
  center: { style: STYLE.body, alignment: 'center' },
  right: { style: STYLE.body, alignment: 'right' },
  // Justified like the body, without the first-line indent.
  'flush-left': { style: STYLE.body, alignment: 'justify' },
  // 附件 label (GB/T 9704 7.4): 3号 黑体, flush left.
  attachment: { style: STYLE.heading1, alignment: 'left' },
};

function paragraphLines(context: TypesetContext, block: ParagraphBlock, where: string): SetLine[] {
  const { style, ...layout } = PARAGRAPH_LAYOUT[block.style ?? 'body'];
  if (block.lead) {
    // A run-in heading: one justified paragraph whose first characters are set in the heading's face.
    const segments = [
      { text: block.lead.text, style: HEADING_STYLE[block.lead.level] },
      { text: block.text, style },
    ];
    return setSegments(context, segments, where, { width: TEXT_WIDTH, ...layout });
  }
  return setText(context, block.text, style, where, { width: TEXT_WIDTH, ...layout });
}

/**
 * Signature without seal (GB/T 9704-2012 7.3.5.2, spec §6.6): the name
 * right-aligned two characters in from the right edge, the date on the next
 * line with its first character two characters right of the name's first
 * character; when the date is the longer, the date keeps two characters of
 * right space and the name moves left. Widths are measured in the fonts used.
 */
export function signatureIndents(nameWidth: number, dateWidth: number): { name: number; date: number } {
  const two = 2 * CHAR_PITCH;
  const fromName = nameWidth - dateWidth; // the date's right space when the name has two characters
  if (fromName >= two - 1e-6) return { name: two, date: fromName };
  return { name: dateWidth - nameWidth + 2 * two, date: two };
}

function signatureGroup(context: TypesetContext, block: SignatureBlock): FlowItem<Piece> {
  const set = (text: string, where: string) => setText(context, text, STYLE.body, where, { width: TEXT_WIDTH - 4 * CHAR_PITCH, alignment: 'right' });
  const names = block.names.map((name) => set(name, '落款'));
  const date = set(block.date, '成文日期');
  const width = (lines: SetLine[]) => Math.max(0, ...lines.map((line) => line.width));
  const indents = signatureIndents(Math.max(0, ...names.map(width)), width(date));
  const nodes = [...names.flat().map((line) => textPiece(line, 0, indents.name)), ...date.map((line) => textPiece(line, 0, indents.date))];
  return { kind: 'group', nodes, lines: nodes.length };
}
