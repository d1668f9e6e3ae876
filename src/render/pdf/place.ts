/**
 * Placement: the paginated pieces, put where they go on each page. Every
 * piece is already typeset and every page break decided, so this is only
 * arithmetic: text lines one below the other from the top of the text block,
 * tables where their turn comes, the page number in the bottom margin.
 *
 * The result is a list of drawings per page in the order they are drawn
 * (which is also the order text is read back from the PDF), with coordinates
 * in points from the page's top-left corner. The positions are the ones
 * pdfmake's own layout engine used to compute from our line and table nodes.
 */
import type { SetLine } from './typeset.js';
import { LINE_PITCH, PAGE, TEXT_WIDTH } from './layout.js';

/** A typeset line in a box: aligned in `width` points from `x`, its line box's top at `y`. */
export interface PlacedText {
  kind: 'text';
  line: SetLine;
  x: number;
  y: number;
  width: number;
  alignment: SetLine['alignment'];
}

/** A straight rule `width` points thick, from (x1, y1) to (x2, y2) (the centre line). */
export interface PlacedRule {
  kind: 'rule';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
}

export type Drawing = PlacedText | PlacedRule;

/** One grid line of the text block: a typeset line, or nothing (an empty line). */
export interface TextPiece {
  kind: 'text';
  line: SetLine | undefined;
  /** Space kept free at the left of the text block (the first-line indent). */
  left: number;
  /** Space kept free at the right of the text block (the signature's). */
  right: number;
}

/** A table, or the part of one that goes on a page, drawn relative to its top-left corner. */
export interface TablePiece {
  kind: 'table';
  height: number;
  drawings: Drawing[];
}

export type Piece = TextPiece | TablePiece;

/**
 * Height a line takes. A line with nothing on it (a blank line inside a
 * paragraph) takes a grid line whatever its style, as it always has.
 */
export function lineHeight(line: SetLine | undefined): number {
  return line && line.runs.length > 0 ? line.height : LINE_PITCH;
}

/** Places the pieces of every page, plus what `footer` gives for each page (numbered from 1). */
export function placePages(pages: readonly (readonly Piece[])[], footer: (page: number) => Drawing | undefined): Drawing[][] {
  return pages.map((pieces, index) => {
    const drawings: Drawing[] = [];
    let y = PAGE.top;
    for (const piece of pieces) {
      if (piece.kind === 'text') {
        if (piece.line && piece.line.runs.length > 0) {
          drawings.push({
            kind: 'text',
            line: piece.line,
            x: PAGE.left + piece.left,
            y,
            width: TEXT_WIDTH - piece.left - piece.right,
            alignment: piece.line.alignment,
          });
        }
        y += lineHeight(piece.line);
      } else {
        for (const drawing of piece.drawings) drawings.push(moved(drawing, PAGE.left, y));
        y += piece.height;
      }
    }
    const number = footer(index + 1);
    if (number) drawings.push(number);
    return drawings;
  });
}

/** A drawing moved by (dx, dy). */
export function moved(drawing: Drawing, dx: number, dy: number): Drawing {
  if (drawing.kind === 'text') return { ...drawing, x: drawing.x + dx, y: drawing.y + dy };
  return { ...drawing, x1: drawing.x1 + dx, x2: drawing.x2 + dx, y1: drawing.y1 + dy, y2: drawing.y2 + dy };
}
