/**
 * 表二 收到和处理政府信息公开申请情况, as the six-part formats share it (spec
 * §3.4, §4.4): the applicant columns, the rows with their printed labels, and
 * the grid builder. Each format passes its own list of rows (the 2019 format
 * prints （六）其他处理 as one row).
 */
import * as z from 'zod';
import type { CellDefinition, TableDefinition } from '../../tables/grid.js';
import { chineseNumber } from '../../text/numbering.js';
import { count } from './schema-parts.js';

export const PROACTIVE_HEADING = '二、主动公开政府信息情况';
export const REQUESTS_HEADING = '三、收到和处理政府信息公开申请情况';

const label = (
  row: number,
  col: number,
  text: string,
  role: 'header' | 'section' | 'rowLabel' | 'group' | 'note',
  span: { rowSpan?: number; colSpan?: number } = {},
): CellDefinition => ({ row, col, ...span, content: { kind: 'label', role, text } });

/** T2 applicant columns, left to right (spec §3.4). */
export const REQUEST_COLUMNS = ['np', 'biz', 'res', 'ngo', 'law', 'oth', 'tot'] as const;
export type RequestColumn = (typeof REQUEST_COLUMNS)[number];
/** The six applicant columns whose sum is 总计. */
export const APPLICANT_COLUMNS = ['np', 'biz', 'res', 'ngo', 'law', 'oth'] as const satisfies readonly RequestColumn[];

/** T2 data rows in printed order with every handling outcome on its own row (spec §3.4, 25 rows). */
export const DETAILED_REQUEST_ROWS = [
  'new',
  'carry_in',
  'granted',
  'partial',
  'deny_secret',
  'deny_law',
  'deny_safety',
  'deny_third',
  'deny_internal',
  'deny_process',
  'deny_enforce',
  'deny_query',
  'unable_nohold',
  'unable_create',
  'unable_unclear',
  'nproc_petition',
  'nproc_repeat',
  'nproc_publication',
  'nproc_massive',
  'nproc_confirm',
  'other_nocorrect',
  'other_nofee',
  'other_other',
  'total',
  'carry_out',
] as const;
export type DetailedRequestRow = (typeof DETAILED_REQUEST_ROWS)[number];

export const requestRow = z
  .strictObject(Object.fromEntries(REQUEST_COLUMNS.map((column) => [column, count])) as Record<RequestColumn, typeof count>)
  .meta({ description: '一行 7 个数：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计' });

/** Printed labels of the T2 data rows (spec §3.4). */
export const REQUEST_ROW_LABELS: Record<DetailedRequestRow, string> = {
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
export const REQUEST_GROUPS = [
  { prefix: 'deny_', label: '（三）不予公开' },
  { prefix: 'unable_', label: '（四）无法提供' },
  { prefix: 'nproc_', label: '（五）不予处理' },
  { prefix: 'other_', label: '（六）其他处理' },
] as const;

/** How messages name the outcome rows whose sum is （七）总计. */
export const OUTCOMES_NAME = '（一）至（六）项';

/** How messages name the applicant columns whose sum is 总计: 「自然人」至「其他」六列. */
const APPLICANTS_NAME = `「${REQUEST_COLUMN_LABELS.np}」至「${REQUEST_COLUMN_LABELS.oth}」${chineseNumber(APPLICANT_COLUMNS.length)}列`;

export const REQUESTS_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const RESULTS_LABEL = '三、本年度办理结果';

export interface RequestRowLayout {
  /** Data key of the row (one of DETAILED_REQUEST_ROWS, or the single `other` of the 2019 layout). */
  key: string;
  label: string;
  /** The merged group label the row sits under, if any. */
  group?: string;
}

/**
 * Builds the T2 grid for a list of data rows. The 2019 layout differs only
 * in a single （六）其他处理 row (spec §4.4).
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
          ...(sumOf ? { sumOf, sumName: column === 'tot' ? APPLICANTS_NAME : OUTCOMES_NAME } : {}),
        },
      });
    });
  });
  return cells;
}

export function requestRowLayouts<K extends string>(keys: readonly K[], labels: Record<K, string>): RequestRowLayout[] {
  return keys.map((key) => {
    // The 2019 layout's single `other` row has no sub-rows, so it is not grouped.
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

