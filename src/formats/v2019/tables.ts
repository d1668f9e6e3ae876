/**
 * The three tables of the 2019 trial format as physical grids (spec §4.3–4.5).
 * Labels verbatim from the spec: full-width brackets, 本年增/减 with a
 * half-width slash as in the format and every published report.
 *
 * T1 is four columns (spec §4.3 📐): A the label, B–D values. Sections with
 * three values fill B, C, D; the two-value sections （八）（九） put the first
 * value in B and the second in the merged C:D. 采购总金额 is in 万元, stated in
 * its header (“采购总金额（单位：万元）”, spec §4.3 📐: the unit in the header,
 * so the cell holds a plain number like every other cell).
 */
import { cellIdsOf, type CellDefinition, type TableDefinition, type ValueFormat } from '../../tables/grid.js';
import { reviewTableDefinition } from '../common/review-table.js';
import { PROACTIVE_HEADING, REQUEST_COLUMN_LABELS } from '../common/requests-table.js';
import { REQUEST_ROW_LABELS_V2019, requestsTableDefinitionV2019 } from './schema.js';

export { PROACTIVE_HEADING, REQUEST_COLUMN_LABELS };

type LabelRole = 'header' | 'section' | 'rowLabel';

const label = (row: number, col: number, text: string, role: LabelRole, colSpan = 1): CellDefinition => ({
  row,
  col,
  ...(colSpan > 1 ? { colSpan } : {}),
  content: { kind: 'label', role, text },
});

const value = (
  row: number,
  col: number,
  key: string,
  rowLabel: string,
  colLabel: string,
  format: ValueFormat = 'count',
  colSpan = 1,
): CellDefinition => ({
  row,
  col,
  ...(colSpan > 1 ? { colSpan } : {}),
  content: { kind: 'value', key: [key], format, rowLabel, colLabel, ...cellIdsOf(key) },
});

export const NEW_MADE = '本年新制作数量';
export const NEW_PUB = '本年新公开数量';
export const TOTAL_PUB = '对外公开总数量';
export const PREVIOUS_ITEMS = '上一年项目数量';
export const DELTA = '本年增/减';
export const DECISIONS = '处理决定数量';
export const PROCURE_ITEMS = '采购项目数量';
export const PROCURE_AMOUNT = '采购总金额（单位：万元）';

/** Printed names of the T1 rows by key prefix. */
export const PROACTIVE_ROW_LABELS = {
  reg: '规章',
  nd: '规范性文件',
  license: '行政许可',
  othersvc: '其他对外管理服务事项',
  penalty: '行政处罚',
  coercion: '行政强制',
  fee: '行政事业性收费',
  procure: '政府集中采购',
} as const;

function proactiveCells(): CellDefinition[] {
  const L = PROACTIVE_ROW_LABELS;
  const cells: CellDefinition[] = [
    label(0, 0, '第二十条第（一）项', 'section', 4),
    label(1, 0, '信息内容', 'header'),
    label(1, 1, NEW_MADE, 'header'),
    label(1, 2, NEW_PUB, 'header'),
    label(1, 3, TOTAL_PUB, 'header'),
  ];
  ([
    [2, 'reg'],
    [3, 'nd'],
  ] as const).forEach(([row, prefix]) => {
    cells.push(
      label(row, 0, L[prefix], 'rowLabel'),
      value(row, 1, `${prefix}_new_made`, L[prefix], NEW_MADE),
      value(row, 2, `${prefix}_new_pub`, L[prefix], NEW_PUB),
      value(row, 3, `${prefix}_total_pub`, L[prefix], TOTAL_PUB),
    );
  });

  // 第二十条第（五）项 and 第二十条第（六）项: 上一年项目数量｜本年增/减｜处理决定数量.
  const threeValueSection = (start: number, section: string, prefixes: readonly ('license' | 'othersvc' | 'penalty' | 'coercion')[]) => {
    cells.push(
      label(start, 0, section, 'section', 4),
      label(start + 1, 0, '信息内容', 'header'),
      label(start + 1, 1, PREVIOUS_ITEMS, 'header'),
      label(start + 1, 2, DELTA, 'header'),
      label(start + 1, 3, DECISIONS, 'header'),
    );
    prefixes.forEach((prefix, i) => {
      const row = start + 2 + i;
      cells.push(
        label(row, 0, L[prefix], 'rowLabel'),
        value(row, 1, `${prefix}_prev`, L[prefix], PREVIOUS_ITEMS),
        value(row, 2, `${prefix}_delta`, L[prefix], DELTA, 'signed'),
        value(row, 3, `${prefix}_decisions`, L[prefix], DECISIONS),
      );
    });
  };
  threeValueSection(4, '第二十条第（五）项', ['license', 'othersvc']);
  threeValueSection(8, '第二十条第（六）项', ['penalty', 'coercion']);

  cells.push(
    label(12, 0, '第二十条第（八）项', 'section', 4),
    label(13, 0, '信息内容', 'header'),
    label(13, 1, PREVIOUS_ITEMS, 'header'),
    label(13, 2, DELTA, 'header', 2),
    label(14, 0, L.fee, 'rowLabel'),
    value(14, 1, 'fee_prev', L.fee, PREVIOUS_ITEMS),
    value(14, 2, 'fee_delta', L.fee, DELTA, 'signed', 2),
    label(15, 0, '第二十条第（九）项', 'section', 4),
    label(16, 0, '信息内容', 'header'),
    label(16, 1, PROCURE_ITEMS, 'header'),
    label(16, 2, PROCURE_AMOUNT, 'header', 2),
    label(17, 0, L.procure, 'rowLabel'),
    value(17, 1, 'procure_items', L.procure, PROCURE_ITEMS),
    value(17, 2, 'procure_amount_wan', L.procure, PROCURE_AMOUNT, 'wan', 2),
  );
  return cells;
}

export const proactiveTableDefinitionV2019: TableDefinition = {
  id: 't1',
  dataPath: ['tables', 'proactive'],
  caption: PROACTIVE_HEADING,
  sheetName: '主动公开情况',
  rows: 18,
  cols: 4,
  headerRows: 0,
  colWidths: [1.6, 1, 1, 1],
  fontSizePt: 12,
  cells: proactiveCells(),
};

// Built next to its schema, which makes its totals optional (./schema.ts).
export { REQUEST_ROW_LABELS_V2019, requestsTableDefinitionV2019 };

export { reviewTableDefinition };

/** The tables in the order they appear in the report. */
export const v2019TableDefinitions: readonly TableDefinition[] = [
  proactiveTableDefinitionV2019,
  requestsTableDefinitionV2019,
  reviewTableDefinition,
];
