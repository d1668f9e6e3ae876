/**
 * The 政府信息公开工作统计表 (spec §5) as a physical grid: three columns
 * 统计指标｜单位｜统计数, one header row (repeated on every page), then one row
 * per indicator of the tree in ./indicators.ts.
 *
 * - Group rows: 单位 “——” and an empty 统计数 — both label cells, so nothing
 *   in the data can fill them (LG-01).
 * - Indentation is printed as leading ideographic spaces (U+3000) in the label
 *   text, one per character of `depth`, so every emitter shows the tree the way
 *   the seed does without a notion of indentation in the grid. Diagnostics name
 *   the row without them (`rowLabel`).
 * - Unit cells are centred labels (role `header`, the role emitters centre).
 * - Amounts (L7, L8_4) are 'wan': printed with the configured decimals like
 *   every 万元 amount (spec §3.7, default 2: seed 003's “5” prints “5.00”).
 *
 * Two grids differ only in the unit column (spec §5.3 📐): the common
 * template's units (default) and seed 003's (only 万元 and 人次). A report
 * picks one with `statistics.units`.
 */
import type { CellDefinition, TableDefinition } from '../../tables/grid.js';
import { INDICATORS, type Indicator } from './indicators.js';

export const STATISTICS_TABLE_TITLE = '政府信息公开工作统计表';
export const HEADER = ['统计指标', '单位', '统计数'] as const;

export const UNIT_STYLES = ['常见模板', '仅万元人次'] as const;
export type UnitStyle = (typeof UNIT_STYLES)[number];

/** Table id used in the templates for each unit style. */
export const STATISTICS_TABLE_IDS: Readonly<Record<UnitStyle, string>> = {
  常见模板: 'stats',
  仅万元人次: 'stats-sparse',
};

const INDENT = '\u3000';

export function indentedLabel(indicator: Indicator): string {
  return INDENT.repeat(indicator.depth) + indicator.label;
}

function statisticsCells(units: UnitStyle): CellDefinition[] {
  const cells: CellDefinition[] = HEADER.map((text, col) => ({ row: 0, col, content: { kind: 'label', role: 'header', text } }));
  INDICATORS.forEach((indicator, index) => {
    const row = index + 1;
    const unit = units === '常见模板' ? indicator.unit : indicator.seedUnit;
    cells.push(
      { row, col: 0, content: { kind: 'label', role: 'rowLabel', text: indentedLabel(indicator) } },
      { row, col: 1, content: { kind: 'label', role: 'header', text: unit } },
    );
    if (indicator.kind === 'group') {
      cells.push({ row, col: 2, content: { kind: 'label', role: 'rowLabel', text: '' } });
      return;
    }
    cells.push({
      row,
      col: 2,
      content: {
        kind: 'value',
        key: [indicator.key],
        format: indicator.kind === 'amount' ? 'wan' : 'count',
        rowLabel: indicator.label,
        colLabel: '统计数',
        rowId: indicator.key,
        colId: 'value',
        ...(indicator.sumOf ? { sumOf: indicator.sumOf.map((key) => [key]) } : {}),
      },
    });
  });
  return cells;
}

function statisticsTableDefinitionFor(units: UnitStyle): TableDefinition {
  return {
    id: STATISTICS_TABLE_IDS[units],
    dataPath: ['statistics', 'values'],
    caption: STATISTICS_TABLE_TITLE,
    sheetName: '统计表',
    rows: INDICATORS.length + 1,
    cols: 3,
    headerRows: 1,
    colWidths: [7.8, 0.8, 1.0],
    fontSizePt: 10.5,
    cells: statisticsCells(units),
  };
}

export const statisticsTableDefinition = statisticsTableDefinitionFor('常见模板');
export const statisticsTableDefinitionSeedUnits = statisticsTableDefinitionFor('仅万元人次');

/** Both variants; the first names cells in diagnostics (their labels are the same). */
export const legacyTableDefinitions: readonly TableDefinition[] = [statisticsTableDefinition, statisticsTableDefinitionSeedUnits];
