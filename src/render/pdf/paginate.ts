/**
 * Pagination on the grid: every piece of the flow is a whole number of grid
 * lines and a page holds 22. Every page break of the PDF is decided here, by
 * the rules of spec §6.9; placement (place.ts) then only puts each page's
 * pieces one below the other.
 *
 * The flow is cut into slots (a text line, the signature group, a table row —
 * the first row of a table carrying the header rows), and each boundary
 * between two slots is a place a page may break or not:
 *
 * - never after a line that keeps with the next (headings, a table's lead-in
 *   sentence, the title, the lines the signature takes along);
 * - never after the first grid line that follows a heading (a heading goes
 *   with at least two lines of what follows);
 * - never after the first or before the last line of a paragraph (no widow or
 *   orphan);
 * - inside a table only where the table allows it (`canBreakBefore`: header
 *   and at least three data rows first, merged labels whole on both sides).
 *
 * Each page then takes as much of the flow as fits and ends at the last
 * boundary where it may: a page ends with empty grid lines only as far as the
 * rules force it. When no boundary is allowed within a page (an unbreakable
 * run taller than a page), the page breaks where the space ends.
 */
import type { FlowItem } from './content.js';
import type { PreparedTable } from './table.js';

export const LINES_PER_PAGE = 22;

interface Slot<N> {
  /** Grid lines the slot takes (a table's first row: with the header rows). */
  lines: number;
  /** A page may break before this slot. */
  breakBefore: boolean;
  /** A page break before this slot is required (an explicit page break). */
  forced: boolean;
  /** What the slot puts on the page; a table row instead has `table` and `row`. */
  nodes: N[];
  table?: PreparedTable<N>;
  row?: number;
}

export function paginate<N>(flow: readonly FlowItem<N>[], linesPerPage = LINES_PER_PAGE): N[][] {
  const slots = slotsOf(flow);
  const pages: N[][] = [];
  const headerLines = (table: PreparedTable<N>) => table.rowLines.slice(0, table.headerRows).reduce((a, b) => a + b, 0);

  let start = 0;
  while (start < slots.length) {
    const first = slots[start]!;
    // A page that starts inside a table repeats its header rows.
    let used = first.table && first.row! > first.table.headerRows ? headerLines(first.table) : 0;
    let end = -1;
    let fits = start;
    for (let i = start; i < slots.length; i++) {
      if (i > start && slots[i]!.forced) {
        end = i;
        break;
      }
      used += slots[i]!.lines;
      if (used > linesPerPage) break;
      fits = i + 1;
      const next = slots[i + 1];
      if (!next || next.breakBefore || next.forced) end = i + 1;
    }
    // Nothing allowed fits: break where the space ends (at least one slot a page).
    if (end === -1) end = Math.max(fits, start + 1);
    pages.push(pageNodes(slots.slice(start, end)));
    start = end;
  }
  return pages.length > 0 ? pages : [[]];
}

/** The nodes of a page: text and groups as they are, each table's run of rows as one part. */
function pageNodes<N>(slots: readonly Slot<N>[]): N[] {
  const nodes: N[] = [];
  for (let i = 0; i < slots.length; ) {
    const slot = slots[i]!;
    if (!slot.table) {
      nodes.push(...slot.nodes);
      i += 1;
      continue;
    }
    let end = i + 1;
    while (end < slots.length && slots[end]!.table === slot.table) end += 1;
    nodes.push(slot.table.part(slot.row!, slots[end - 1]!.row! + 1));
    i = end;
  }
  return nodes;
}

function slotsOf<N>(flow: readonly FlowItem<N>[]): Slot<N>[] {
  const slots: Slot<N>[] = [];
  let forced = false;
  /** The previous slot keeps with this one. */
  let keep = false;
  /** Grid lines still to come after a heading before the page may break. */
  let afterHeading = 0;
  /** The previous line was the first of a paragraph of several: no break after it (an orphan). */
  let orphan = false;

  const push = (slot: Omit<Slot<N>, 'breakBefore' | 'forced'>, breakable: boolean) => {
    slots.push({ ...slot, breakBefore: breakable && !keep && afterHeading <= 0 && !orphan, forced });
    forced = false;
    keep = false;
    orphan = false;
  };

  for (const item of flow) {
    switch (item.kind) {
      case 'line': {
        // A widow: the last line of a paragraph alone at the head of a page.
        const widow = item.paragraph !== undefined && item.paragraph.index > 0 && item.paragraph.index === item.paragraph.count - 1;
        push({ lines: 1, nodes: [item.node] }, !widow);
        afterHeading = item.heading ? 2 : afterHeading - 1;
        keep = item.keepWithNext;
        orphan = item.paragraph !== undefined && item.paragraph.index === 0;
        break;
      }
      case 'group':
        push({ lines: item.lines, nodes: item.nodes }, true);
        afterHeading -= item.lines;
        break;
      case 'table': {
        const { table } = item;
        const header = table.rowLines.slice(0, table.headerRows).reduce((a, b) => a + b, 0);
        for (let row = table.headerRows; row < table.rowLines.length; row++) {
          const lines = table.rowLines[row]! + (row === table.headerRows ? header : 0);
          push({ lines, nodes: [], table, row }, row === table.headerRows || table.canBreakBefore(row));
          afterHeading -= lines;
        }
        if (table.rowLines.length === table.headerRows && header > 0) {
          // A table of header rows only.
          push({ lines: header, nodes: [table.part(table.headerRows, table.headerRows)] }, true);
          afterHeading -= header;
        }
        break;
      }
      case 'pageBreak':
        if (slots.length > 0) forced = true;
        break;
    }
  }
  return slots;
}

/** Where the pages break inside each table of `flow` (tables in flow order): the rows that start a continuation page, and the rows a page may break before. */
export interface TableBreaks {
  /** Rows before which the paginator broke the table (each starts a page with the header rows repeated). */
  breaks: number[];
  /** Rows before which a page may break (`canBreakBefore`). */
  breakable: number[];
}

/**
 * The paginator's decisions inside tables, for the DOCX (which has no fonts
 * to lay out its pages): the same `paginate` on the same flow, with each
 * table part reduced to the row it starts at.
 */
export function tableBreaks<N>(flow: readonly FlowItem<N>[], linesPerPage = LINES_PER_PAGE): TableBreaks[] {
  type Marker = { table: number; start: number } | null;
  const result: TableBreaks[] = [];
  const headerRows: number[] = [];
  const marked = flow.map((item): FlowItem<Marker> => {
    switch (item.kind) {
      case 'line':
        return { ...item, node: null };
      case 'group':
        return { ...item, nodes: item.nodes.map(() => null) };
      case 'pageBreak':
        return item;
      case 'table': {
        const index = result.length;
        const { table } = item;
        const rows = table.rowLines.length;
        headerRows.push(table.headerRows);
        result.push({ breaks: [], breakable: Array.from({ length: rows }, (_, row) => row).filter((row) => table.canBreakBefore(row)) });
        return {
          kind: 'table',
          table: {
            rowLines: table.rowLines,
            headerRows: table.headerRows,
            totalLines: table.totalLines,
            canBreakBefore: (row) => table.canBreakBefore(row),
            part: (start) => ({ table: index, start }),
          },
        };
      }
    }
  });
  for (const page of paginate(marked, linesPerPage)) {
    for (const node of page) {
      if (node === null) continue;
      // A table's first part starts at its first data row; a later part, at a break.
      if (node.start > headerRows[node.table]!) result[node.table]!.breaks.push(node.start);
    }
  }
  return result;
}
