/**
 * A ReportDocument as plain data that can cross to another thread (structured
 * clone): a table's grid carries a lookup function, so tables travel as their
 * definitions and the grid is rebuilt on arrival (cheap, and identical).
 */
import { buildGrid, type TableDefinition } from '../tables/grid.js';
import type { Block, ReportDocument, ResolvedValue, TableBlock } from './model.js';

export interface TransferredTable {
  kind: 'table';
  definition: TableDefinition;
  values: ReadonlyMap<string, ResolvedValue>;
}

export interface TransferredDocument extends Omit<ReportDocument, 'blocks'> {
  blocks: (Exclude<Block, TableBlock> | TransferredTable)[];
}

export function documentForTransfer(document: ReportDocument): TransferredDocument {
  return {
    ...document,
    blocks: document.blocks.map((block) => (block.kind === 'table' ? { kind: 'table', definition: block.grid.definition, values: block.values } : block)),
  };
}

export function documentFromTransfer(transferred: TransferredDocument): ReportDocument {
  return {
    ...transferred,
    blocks: transferred.blocks.map((block) => (block.kind === 'table' ? { kind: 'table', grid: buildGrid(block.definition), values: block.values } : block)),
  };
}
