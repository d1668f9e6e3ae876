/**
 * Pagination on the grid: every piece of the flow is a whole number of grid
 * lines and a page holds 22. Text lines flow freely (a page of text holds
 * exactly 22 lines); headings are never the last line of a page; the
 * signature stays together with the last line of text; a table that fits on
 * a page is never split (it moves to the next page instead), a longer one is
 * split between rows with its header rows repeated. Every page break is
 * decided here; placement (place.ts) then only puts each page's pieces one
 * below the other.
 */
import type { FlowItem } from './content.js';

export const LINES_PER_PAGE = 22;

export function paginate<N>(flow: readonly FlowItem<N>[], linesPerPage = LINES_PER_PAGE): N[][] {
  const pages: N[][] = [[]];
  let used = 0;
  const newPage = () => {
    if (used === 0 && pages.at(-1)!.length === 0) return;
    pages.push([]);
    used = 0;
  };
  const place = (node: N, lines: number) => {
    pages.at(-1)!.push(node);
    used += lines;
  };

  /** Grid lines that must go on the same page as the start of the item at `index`. */
  const leadLines = (index: number): number => {
    const item = flow[index];
    if (!item) return 0;
    switch (item.kind) {
      case 'line':
        return item.keepWithNext ? 1 + leadLines(index + 1) : 1;
      case 'group':
        return item.lines;
      case 'table': {
        const { table } = item;
        if (table.totalLines <= linesPerPage) return table.totalLines;
        const header = table.rowLines.slice(0, table.headerRows).reduce((a, b) => a + b, 0);
        return header + (table.rowLines[table.headerRows] ?? 0);
      }
      case 'pageBreak':
        return 0;
    }
  };

  flow.forEach((item, index) => {
    switch (item.kind) {
      case 'line': {
        const need = item.keepWithNext ? leadLines(index) : 1;
        if (used + need > linesPerPage && need <= linesPerPage) newPage();
        if (used + 1 > linesPerPage) newPage();
        place(item.node, 1);
        break;
      }
      case 'group':
        if (used + item.lines > linesPerPage) newPage();
        for (const node of item.nodes) place(node, 1);
        break;
      case 'table': {
        const { table } = item;
        if (used + table.totalLines <= linesPerPage) {
          place(table.part(table.headerRows, table.rowLines.length), table.totalLines);
          break;
        }
        if (table.totalLines <= linesPerPage) {
          newPage();
          place(table.part(table.headerRows, table.rowLines.length), table.totalLines);
          break;
        }
        const header = table.rowLines.slice(0, table.headerRows).reduce((a, b) => a + b, 0);
        let start = table.headerRows;
        while (start < table.rowLines.length) {
          if (used + header + table.rowLines[start]! > linesPerPage) newPage();
          let end = start;
          let lines = header;
          // At least one row per part, even one taller than a page.
          while (end < table.rowLines.length && (end === start || used + lines + table.rowLines[end]! <= linesPerPage)) {
            lines += table.rowLines[end]!;
            end += 1;
          }
          place(table.part(start, end), lines);
          start = end;
        }
        break;
      }
      case 'pageBreak':
        newPage();
        break;
    }
  });
  if (pages.length > 1 && pages.at(-1)!.length === 0) pages.pop();
  return pages;
}
