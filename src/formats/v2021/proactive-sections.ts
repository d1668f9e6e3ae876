import type { ProactiveSection } from '../common/proactive-table.js';

/**
 * 表一 as a list: each 第二十条 item with its value columns and its rows.
 * Every row's cells are keyed `<row>_<column>` (reg_issued); the grid, the
 * schema and the starter are all built from this list, so a row is one line.
 */
export const PROACTIVE_SECTIONS = [
  {
    section: '第二十条第（一）项',
    columns: [
      { id: 'issued', label: '本年制发件数' },
      { id: 'repealed', label: '本年废止件数' },
      { id: 'in_force', label: '现行有效件数' },
    ],
    rows: [
      { id: 'reg', label: '规章' },
      { id: 'nd', label: '行政规范性文件' },
    ],
  },
  {
    section: '第二十条第（五）项',
    columns: [{ id: 'decisions', label: '本年处理决定数量' }],
    rows: [{ id: 'license', label: '行政许可' }],
  },
  {
    section: '第二十条第（六）项',
    columns: [{ id: 'decisions', label: '本年处理决定数量' }],
    rows: [
      { id: 'penalty', label: '行政处罚' },
      { id: 'coercion', label: '行政强制' },
    ],
  },
  {
    section: '第二十条第（八）项',
    columns: [{ id: 'amount_wan', label: '本年收费金额（单位：万元）', format: 'wan' }],
    rows: [{ id: 'fee', label: '行政事业性收费' }],
  },
] as const satisfies readonly ProactiveSection[];
