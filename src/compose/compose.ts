/**
 * Composition: report data → section templates → line markup → ReportDocument.
 * The tables are resolved here, once, into printed values, so every emitter
 * shows the same numbers the same way.
 */
import type { Block, ReportDocument, ResolvedValue, WanDecimals } from '../document/model.js';
import { formatValue, valueKey } from '../document/model.js';
import { withLayoutFor, type ComposeSettings, type FormatDefinition } from '../formats/format.js';
import { balanceRules } from '../tables/balances.js';
import { readCellValue, type TableGrid } from '../tables/grid.js';
import { createTemplateEnvironment, type TemplateEnvironment } from './environment.js';
import { parseMarkup, TemplateMarkupError } from './markup.js';

export interface ComposeOptions extends Partial<ComposeSettings> {
  /** Reuse one environment across reports so templates are compiled once. */
  templates?: TemplateEnvironment;
}

export function resolveTable(grid: TableGrid, report: unknown, wanDecimals: WanDecimals): Block {
  const tableData = grid.definition.dataPath.reduce<unknown>(
    (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
    report,
  );
  const values = new Map<string, ResolvedValue>();
  for (const cell of grid.valueCells) {
    const value = readCellValue(tableData, cell.content.key);
    if (value === undefined) {
      throw new Error(`${grid.definition.id}: no value for ${cell.content.key.join('.')}; validate the report first`);
    }
    values.set(valueKey(cell.content.key), { value, text: formatValue(value, cell.content.format, wanDecimals) });
  }
  return { kind: 'table', grid, values };
}

export function composeReport<Report>(
  report: Report,
  registered: FormatDefinition<Report>,
  options: ComposeOptions = {},
): ReportDocument {
  // The tables as this report prints them (a published report may differ from the format's).
  const format = withLayoutFor(registered, report);
  const settings: ComposeSettings = { wanDecimals: options.wanDecimals ?? 2 };
  const facts = format.describe(report);
  // A published report prints each amount with the decimals it was written with.
  const wanDecimals: WanDecimals = facts.published ? 'as-given' : settings.wanDecimals;
  const templates = options.templates ?? createTemplateEnvironment();
  const viewModel = format.viewModel(report, settings);
  const blocks: Block[] = [];
  for (const section of format.templates.sections) {
    const markup = templates.render(format.templates, section, viewModel);
    blocks.push(
      ...parseMarkup(markup, {
        source: `${format.templates.folder}/${section}.hbs`,
        table(id) {
          const grid = format.tables.find((candidate) => candidate.definition.id === id);
          if (!grid) throw new TemplateMarkupError(`模板 ${format.templates.folder}/${section}.hbs：没有编号为 ${id} 的表格`);
          return resolveTable(grid, report, wanDecimals);
        },
      }),
    );
  }
  const { organization, organizationLevel, year, signatureDate, fee } = facts;
  const grids = blocks.filter((block): block is Extract<Block, { kind: 'table' }> => block.kind === 'table').map((block) => block.grid);
  return {
    meta: {
      title: format.title(report),
      organization,
      ...(organizationLevel ? { organizationLevel } : {}),
      year,
      formatId: format.id,
      formatName: format.name,
      signatureDate,
      ...(fee ? { fee } : {}),
      ...(facts.published ? { published: true } : {}),
      language: 'zh-CN',
    },
    blocks,
    balances: balanceRules(grids, format.balances),
  };
}
