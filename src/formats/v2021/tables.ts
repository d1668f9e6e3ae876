/**
 * The three mandated tables of the 2021 format as physical grids (spec §3.3–3.5).
 * Labels are copied verbatim from the spec: full-width brackets, Chinese quotes, 、.
 */
import { cellIdsOf, type CellDefinition, type TableDefinition } from '../../tables/grid.js';
import { reviewTableDefinition } from '../common/review-table.js';
import {
  APPLICANT_COLUMNS,
  OUTCOME_ROWS,
  REQUEST_COLUMNS,
  REQUEST_ROWS,
  type RequestColumn,
  type RequestRow,
} from './schema.js';

export const PROACTIVE_HEADING = '二、主动公开政府信息情况';
export const REQUESTS_HEADING = '三、收到和处理政府信息公开申请情况';

const label = (
  row: number,
  col: number,
  text: string,
  role: 'header' | 'section' | 'rowLabel' | 'group' | 'note',
  span: { rowSpan?: number; colSpan?: number } = {},
): CellDefinition => ({ row, col, ...span, content: { kind: 'label', role, text } });

// ---------------------------------------------------------------- T1 (§3.3)

function proactiveCells(): CellDefinition[] {
  const value = (
    row: number,
    col: number,
    key: string,
    rowLabel: string,
    colLabel: string,
    format: 'count' | 'wan' = 'count',
    colSpan = 1,
  ): CellDefinition => ({ row, col, colSpan, content: { kind: 'value', key: [key], format, rowLabel, colLabel, ...cellIdsOf(key) } });

  const cells: CellDefinition[] = [
    label(0, 0, '第二十条第（一）项', 'section', { colSpan: 4 }),
    label(1, 0, '信息内容', 'header'),
    label(1, 1, '本年制发件数', 'header'),
    label(1, 2, '本年废止件数', 'header'),
    label(1, 3, '现行有效件数', 'header'),
  ];
  const firstItemRows = [
    [2, 'reg', '规章'],
    [3, 'nd', '行政规范性文件'],
  ] as const;
  for (const [row, prefix, name] of firstItemRows) {
    cells.push(
      label(row, 0, name, 'rowLabel'),
      value(row, 1, `${prefix}_issued`, name, '本年制发件数'),
      value(row, 2, `${prefix}_repealed`, name, '本年废止件数'),
      value(row, 3, `${prefix}_in_force`, name, '现行有效件数'),
    );
  }
  const decisions = '本年处理决定数量';
  cells.push(
    label(4, 0, '第二十条第（五）项', 'section', { colSpan: 4 }),
    label(5, 0, '信息内容', 'header'),
    label(5, 1, decisions, 'header', { colSpan: 3 }),
    label(6, 0, '行政许可', 'rowLabel'),
    value(6, 1, 'license_decisions', '行政许可', decisions, 'count', 3),
    label(7, 0, '第二十条第（六）项', 'section', { colSpan: 4 }),
    label(8, 0, '信息内容', 'header'),
    label(8, 1, decisions, 'header', { colSpan: 3 }),
    label(9, 0, '行政处罚', 'rowLabel'),
    value(9, 1, 'penalty_decisions', '行政处罚', decisions, 'count', 3),
    label(10, 0, '行政强制', 'rowLabel'),
    value(10, 1, 'coercion_decisions', '行政强制', decisions, 'count', 3),
    label(11, 0, '第二十条第（八）项', 'section', { colSpan: 4 }),
    label(12, 0, '信息内容', 'header'),
    label(12, 1, '本年收费金额（单位：万元）', 'header', { colSpan: 3 }),
    label(13, 0, '行政事业性收费', 'rowLabel'),
    value(13, 1, 'fee_amount_wan', '行政事业性收费', '本年收费金额（单位：万元）', 'wan', 3),
  );
  return cells;
}

export const proactiveTableDefinition: TableDefinition = {
  id: 't1',
  dataPath: ['tables', 'proactive'],
  caption: PROACTIVE_HEADING,
  sheetName: '主动公开情况',
  rows: 14,
  cols: 4,
  headerRows: 0,
  colWidths: [1.6, 1, 1, 1],
  fontSizePt: 12,
  cells: proactiveCells(),
};

// ---------------------------------------------------------------- T2 (§3.4)

/** Printed labels of the T2 data rows. */
export const REQUEST_ROW_LABELS: Record<RequestRow, string> = {
  new: '一、本年新收政府信息公开申请数量',
  carry_in: '二、上年结转政府信息公开申请数量',
  granted: '（一）予以公开',
  partial: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  deny_secret: '1.属于国家秘密',
  deny_law: '2.其他法律行政法规禁止公开',
  deny_safety: '3.危及“三安全一稳定”',
  deny_third: '4.保护第三方合法权益',
  deny_internal: '5.属于三类内部事务信息',
  deny_process: '6.属于四类过程性信息',
  deny_enforce: '7.属于行政执法案卷',
  deny_query: '8.属于行政查询事项',
  unable_nohold: '1.本机关不掌握相关政府信息',
  unable_create: '2.没有现成信息需要另行制作',
  unable_unclear: '3.补正后申请内容仍不明确',
  nproc_petition: '1.信访举报投诉类申请',
  nproc_repeat: '2.重复申请',
  nproc_publication: '3.要求提供公开出版物',
  nproc_massive: '4.无正当理由大量反复申请',
  nproc_confirm: '5.要求行政机关确认或重新出具已获取信息',
  other_nocorrect: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  other_nofee: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  other_other: '3.其他',
  total: '（七）总计',
  carry_out: '四、结转下年度继续办理',
};

export const REQUEST_COLUMN_LABELS: Record<RequestColumn, string> = {
  np: '自然人',
  biz: '商业企业',
  res: '科研机构',
  ngo: '社会公益组织',
  law: '法律服务机构',
  oth: '其他',
  tot: '总计',
};

/** Group labels merged down column B (spec §3.4): key prefix → label. */
const REQUEST_GROUPS = [
  { prefix: 'deny_', label: '（三）不予公开' },
  { prefix: 'unable_', label: '（四）无法提供' },
  { prefix: 'nproc_', label: '（五）不予处理' },
  { prefix: 'other_', label: '（六）其他处理' },
] as const;

export const REQUESTS_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const RESULTS_LABEL = '三、本年度办理结果';

export interface RequestRowLayout {
  /** Data key of the row (v2021 keys, or v2019's single `other`). */
  key: string;
  label: string;
  /** The merged group label the row sits under, if any. */
  group?: string;
}

/**
 * Builds the T2 grid for a list of data rows. Shared with v2019, whose only
 * difference is a single （六）其他处理 row (spec §4.4).
 */
export function requestsTableCells(rows: readonly RequestRowLayout[], outcomeRows: readonly string[]): CellDefinition[] {
  const headerRows = 3;
  const cells: CellDefinition[] = [
    label(0, 0, REQUESTS_NOTE, 'note', { rowSpan: 3, colSpan: 3 }),
    label(0, 3, '申请人情况', 'header', { colSpan: 7 }),
    label(1, 3, REQUEST_COLUMN_LABELS.np, 'header', { rowSpan: 2 }),
    label(1, 4, '法人或其他组织', 'header', { colSpan: 5 }),
    label(1, 9, REQUEST_COLUMN_LABELS.tot, 'header', { rowSpan: 2 }),
  ];
  (['biz', 'res', 'ngo', 'law', 'oth'] as const).forEach((column, i) => {
    cells.push(label(2, 4 + i, REQUEST_COLUMN_LABELS[column], 'header'));
  });

  const resultRows = rows.filter((row) => !['new', 'carry_in', 'carry_out'].includes(row.key));
  rows.forEach((row, index) => {
    const r = headerRows + index;
    const isOuter = ['new', 'carry_in', 'carry_out'].includes(row.key);
    if (isOuter) {
      cells.push(label(r, 0, row.label, 'rowLabel', { colSpan: 3 }));
    } else {
      if (row.key === resultRows[0]!.key) {
        cells.push(label(r, 0, RESULTS_LABEL, 'group', { rowSpan: resultRows.length }));
      }
      if (row.group) {
        const groupRows = rows.filter((other) => other.group === row.group);
        if (groupRows[0]!.key === row.key) cells.push(label(r, 1, row.group, 'group', { rowSpan: groupRows.length }));
        cells.push(label(r, 2, row.label, 'rowLabel'));
      } else {
        cells.push(label(r, 1, row.label, 'rowLabel', { colSpan: 2 }));
      }
    }
    const printedRow = row.group ? `${row.group} › ${row.label}` : row.label;
    REQUEST_COLUMNS.forEach((column, i) => {
      const sumOf =
        column === 'tot'
          ? APPLICANT_COLUMNS.map((applicant) => [row.key, applicant])
          : row.key === 'total'
            ? outcomeRows.map((outcome) => [outcome, column])
            : undefined;
      cells.push({
        row: r,
        col: 3 + i,
        content: {
          kind: 'value',
          key: [row.key, column],
          format: 'count',
          rowLabel: printedRow,
          colLabel: REQUEST_COLUMN_LABELS[column],
          rowId: row.key,
          colId: column,
          ...(sumOf ? { sumOf } : {}),
        },
      });
    });
  });
  return cells;
}

export function requestRowLayouts<K extends string>(keys: readonly K[], labels: Record<K, string>): RequestRowLayout[] {
  return keys.map((key) => {
    // v2019's single `other` row has no sub-rows, so it is not grouped.
    const group = REQUEST_GROUPS.find((candidate) => key.startsWith(candidate.prefix));
    return { key, label: labels[key], ...(group ? { group: group.label } : {}) };
  });
}

export function requestsTableDefinitionFor(rows: readonly RequestRowLayout[], outcomeRows: readonly string[]): TableDefinition {
  return {
    id: 't2',
    dataPath: ['tables', 'requests'],
    caption: REQUESTS_HEADING,
    sheetName: '收到和处理申请情况',
    rows: 3 + rows.length,
    cols: 10,
    headerRows: 3,
    colWidths: [28, 50, 152, 30, 30, 30, 30, 30, 30, 30],
    fontSizePt: 10.5,
    cells: requestsTableCells(rows, outcomeRows),
  };
}

export const requestsTableDefinition = requestsTableDefinitionFor(
  requestRowLayouts(REQUEST_ROWS, REQUEST_ROW_LABELS),
  OUTCOME_ROWS,
);

export { reviewTableDefinition };

/** The tables in the order they appear in the report. */
export const v2021TableDefinitions: readonly TableDefinition[] = [
  proactiveTableDefinition,
  requestsTableDefinition,
  reviewTableDefinition,
];
