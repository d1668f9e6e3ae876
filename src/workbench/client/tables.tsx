/**
 * The mandated tables drawn from the format's grids (the same definitions the
 * DOCX, PDF and XLSX emitters walk): labels, merges, and an input in every
 * value cell, with its 勾稽 messages on the cell.
 */
import { memo } from 'preact/compat';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { TableGrid, ValueContent } from '../../tables/grid.js';
import { cellId, cellPath, computedIn, getIn, sameProblems } from './model.js';

export const inputId = (id: string) => `cell-${id.replace(/:/g, '-')}`;

interface ValueCellProps {
  grid: TableGrid;
  content: ValueContent;
  /** The cell's value in the data, and the sum a 总计 cell left empty would hold. */
  value: unknown;
  computed: number | undefined;
  problems: Diagnostic[] | undefined;
  rowSpan: number;
  colSpan: number;
  /** The message opens above the cell rather than below it (the table's last rows). */
  above: boolean;
  /** The message opens from the cell's left edge (cells in the table's left half) rather than its right. */
  start: boolean;
  onChange: (path: readonly (string | number)[], value: unknown) => void;
}

/**
 * One input cell, drawn again only when what it shows changes: a keystroke
 * re-validates the whole report, but redraws the few cells whose value,
 * computed sum or messages moved (issue #14: a message on its cell ≤ 50 ms).
 * The message is a callout laid over the cells below (or above) it, not part
 * of the table's flow: a message coming or going does not make the browser
 * lay the whole table out again.
 */
const ValueCell = memo(function ValueCell(props: ValueCellProps) {
  const { grid, content, value, computed, problems } = props;
  const id = cellId(grid, content);
  const label = `${grid.definition.caption}「${content.rowLabel}」行「${content.colLabel}」列${content.sumOf ? '（留空则自动合计）' : ''}`;
  const messageId = `${inputId(id)}-msg`;
  const errors = problems?.filter((d) => d.severity === 'error') ?? [];
  return (
    <td rowSpan={props.rowSpan} colSpan={props.colSpan} class={`value${content.sumOf ? ' total' : ''}${problems?.length ? (errors.length ? ' has-error' : ' has-warning') : ''}`}>
      <input
        id={inputId(id)}
        type="text"
        inputMode={content.format === 'count' ? 'numeric' : 'decimal'}
        aria-label={label}
        aria-invalid={errors.length > 0 ? 'true' : undefined}
        aria-describedby={problems?.length ? messageId : undefined}
        value={typeof value === 'number' ? String(value) : typeof value === 'string' ? value : ''}
        placeholder={computed !== undefined ? String(computed) : ''}
        onInput={(event) => {
          const text = (event.currentTarget as HTMLInputElement).value.trim();
          const number = Number(text);
          props.onChange(cellPath(grid, content), text === '' ? undefined : Number.isFinite(number) && /^[-+]?\d*\.?\d+$/.test(text) ? number : text);
        }}
      />
      {problems?.length ? (
        <div class={`cell-message${props.above ? ' above' : ''}${props.start ? ' start' : ''}`} id={messageId}>
          {problems.map((d) => (
            <p>{d.message}</p>
          ))}
        </div>
      ) : null}
    </td>
  );
},
(a, b) =>
  a.grid === b.grid &&
  a.content === b.content &&
  a.value === b.value &&
  a.computed === b.computed &&
  a.rowSpan === b.rowSpan &&
  a.colSpan === b.colSpan &&
  a.above === b.above &&
  a.start === b.start &&
  a.onChange === b.onChange &&
  sameProblems(a.problems, b.problems));

/**
 * A table, drawn again only when its own data or messages change: an edit
 * elsewhere leaves it alone (setIn copies only the path it changes).
 */
export const GridTable = memo(function GridTable(props: {
  grid: TableGrid;
  /** The table's data: what is found at the grid's data path. */
  table: unknown;
  /** Its cells' diagnostics by cell id (see problemsSlice). */
  problems: Map<string, Diagnostic[]>;
  onChange: (path: readonly (string | number)[], value: unknown) => void;
}) {
  const { grid } = props;
  const { definition } = grid;
  const rows = [];
  for (let row = 0; row < definition.rows; row++) {
    const cells = [];
    for (let col = 0; col < definition.cols; col++) {
      const position = grid.at(row, col);
      if (position.kind !== 'anchor') continue;
      const { cell } = position;
      if (cell.content.kind === 'value') {
        cells.push(
          <ValueCell
            grid={grid}
            content={cell.content}
            value={getIn(props.table, cell.content.key)}
            computed={cell.content.sumOf ? computedIn(props.table, grid, cell.content) : undefined}
            problems={props.problems.get(cellId(grid, cell.content))}
            rowSpan={cell.rowSpan}
            colSpan={cell.colSpan}
            above={row + cell.rowSpan > definition.rows - 3 && row >= 3}
            start={col + cell.colSpan <= definition.cols / 2}
            onChange={props.onChange}
          />,
        );
      } else {
        const role = cell.content.role;
        const scope = role === 'header' ? (cell.colSpan > 1 ? 'colgroup' : 'col') : role === 'rowLabel' || role === 'group' ? (cell.rowSpan > 1 ? 'rowgroup' : 'row') : undefined;
        cells.push(
          scope ? (
            <th scope={scope} rowSpan={cell.rowSpan} colSpan={cell.colSpan} class={role}>
              {cell.content.text}
            </th>
          ) : (
            <td rowSpan={cell.rowSpan} colSpan={cell.colSpan} class={role}>
              {cell.content.text}
            </td>
          ),
        );
      }
    }
    rows.push(<tr>{cells}</tr>);
  }
  return (
    <section class="table-section" aria-labelledby={`caption-${definition.id}`}>
      <h3 id={`caption-${definition.id}`}>{definition.caption}</h3>
      <div class="table-scroll">
        <table class="grid">
          <caption class="visually-hidden">{definition.caption}</caption>
          <tbody>{rows}</tbody>
        </table>
      </div>
    </section>
  );
});
