/**
 * T3 政府信息公开行政复议、行政诉讼情况: identical in the 2019 and 2021 formats (spec §3.5, §4.5).
 * Physical grid 15 columns × 4 rows; the fourth row holds the 15 numbers.
 */
import * as z from 'zod';
import type { CellDefinition, TableDefinition } from '../../tables/grid.js';
import { computedTotals } from './computed-totals.js';
import { count } from './schema-parts.js';

/** T3 groups and their five results (spec §3.5). */
export const REVIEW_GROUPS = ['rv', 'lit_direct', 'lit_after'] as const;
export const REVIEW_RESULTS = ['keep', 'correct', 'other', 'pending', 'total'] as const;
export type ReviewGroup = (typeof REVIEW_GROUPS)[number];
export type ReviewResult = (typeof REVIEW_RESULTS)[number];


export const REVIEW_HEADING = '四、政府信息公开行政复议、行政诉讼情况';

const RESULT_LABELS = [
  ['keep', '结果维持'],
  ['correct', '结果纠正'],
  ['other', '其他结果'],
  ['pending', '尚未审结'],
  ['total', '总计'],
] as const;

const GROUPS = [
  { key: 'rv', col: 0, label: '行政复议' },
  { key: 'lit_direct', col: 5, label: '行政诉讼 › 未经复议直接起诉' },
  { key: 'lit_after', col: 10, label: '行政诉讼 › 复议后起诉' },
] as const;

/** How messages name the four results whose sum is 总计. */
const PARTS_NAME = `${RESULT_LABELS.slice(0, 4).map(([, label]) => label).join('、')}四项`;

function reviewCells(): CellDefinition[] {
  const header = (row: number, col: number, text: string, span: { rowSpan?: number; colSpan?: number } = {}): CellDefinition => ({
    row,
    col,
    ...span,
    content: { kind: 'label', role: 'header', text },
  });
  const cells: CellDefinition[] = [
    header(0, 0, '行政复议', { colSpan: 5 }),
    header(0, 5, '行政诉讼', { colSpan: 10 }),
    header(1, 5, '未经复议直接起诉', { colSpan: 5 }),
    header(1, 10, '复议后起诉', { colSpan: 5 }),
  ];
  RESULT_LABELS.forEach(([, label], i) => {
    cells.push(header(1, i, label, { rowSpan: 2 }));
    cells.push(header(2, 5 + i, label));
    cells.push(header(2, 10 + i, label));
  });
  for (const group of GROUPS) {
    RESULT_LABELS.forEach(([result, label], i) => {
      const parts = RESULT_LABELS.slice(0, 4).map(([part]) => [`${group.key}_${part}`]);
      cells.push({
        row: 3,
        col: group.col + i,
        content: {
          kind: 'value',
          key: [`${group.key}_${result}`],
          format: 'count',
          rowLabel: '',
          colLabel: `${group.label} › ${label}`,
          rowId: group.key,
          colId: result,
          ...(result === 'total' ? { sumOf: parts, sumName: PARTS_NAME } : {}),
        },
      });
    });
  }
  return cells;
}

export const reviewTableDefinition: TableDefinition = {
  id: 't3',
  dataPath: ['tables', 'review_litigation'],
  caption: REVIEW_HEADING,
  sheetName: '行政复议诉讼情况',
  rows: 4,
  cols: 15,
  headerRows: 3,
  colWidths: new Array(15).fill(1),
  fontSizePt: 10.5,
  landscape: true,
  cells: reviewCells(),
};

/** The 15 numbers; each group's 总计 may be left out (computed from its four results). */
export const reviewTable = computedTotals(
  z
    .strictObject(
      Object.fromEntries(
        REVIEW_GROUPS.flatMap((group) => REVIEW_RESULTS.map((result) => [`${group}_${result}`, count])),
      ) as Record<`${ReviewGroup}_${ReviewResult}`, typeof count>,
    )
    .meta({ description: '四、政府信息公开行政复议、行政诉讼情况（表），rv=行政复议，lit_direct=未经复议直接起诉，lit_after=复议后起诉；各 _total 总计格可不填，xxgk 自动计算' }),
  reviewTableDefinition,
);

export type ReviewTable = z.infer<typeof reviewTable>;
