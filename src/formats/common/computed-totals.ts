/**
 * A table's schema in which every cell its grid declares as a total (`sumOf`)
 * may be left out: the key becomes optional (a row or group whose every cell
 * is a total becomes optional as a whole), its JSON Schema description says
 * so, and after parsing the missing totals are computed from their parts
 * (src/tables/totals.ts). Which keys are optional comes from the grid, never
 * from a list kept here. The output type is the complete table.
 */
import * as z from 'zod';
import type { TableDefinition, ValueContent } from '../../tables/grid.js';
import { completeTotals, totalCells } from '../../tables/totals.js';

/** What the JSON Schema says about a total cell: where it is, what it sums, and that it may be left out. */
export function totalCellDescription(cell: ValueContent): string {
  const last = (label: string) => label.split(' › ').pop() ?? label;
  const where = cell.rowLabel ? `${last(cell.rowLabel)} × ${last(cell.colLabel)}` : cell.colLabel;
  return `${where} ＝ ${cell.sumName ?? (cell.sumOf ?? []).map((key) => key.join('.')).join('、')}之和：总计格可不填，xxgk 自动计算；填了则核对`;
}

type AnyObject = z.ZodObject<z.ZodRawShape, z.core.$ZodObjectConfig>;
/** Keys of the totals, as a tree: a leaf is the description of an optional total cell. */
interface Tree {
  [key: string]: Tree | string;
}

const isObject = (schema: z.ZodType): schema is AnyObject => schema._zod.def.type === 'object';

/** The same object schema with the given children replaced; strictness and metadata are kept. */
function rebuilt(schema: AnyObject, replacements: Record<string, z.ZodType>): AnyObject {
  const strict = schema._zod.def.catchall?._zod.def.type === 'never';
  const shape = { ...schema.shape, ...replacements };
  const next = (strict ? z.strictObject(shape) : z.object(shape)) as AnyObject;
  const meta = schema.meta();
  return meta ? next.meta(meta) : next;
}

/**
 * Makes the leaves of `tree` optional in `schema`; a child whose every key is
 * then optional (表二's （七）总计 row) becomes optional as a whole, described
 * with `rowLabels` (its printed label).
 */
function optionalIn(schema: AnyObject, tree: Tree, rowLabels: ReadonlyMap<string, string>): { schema: AnyObject; allOptional: boolean } {
  const replacements: Record<string, z.ZodType> = {};
  for (const [key, node] of Object.entries(tree)) {
    const child = schema.shape[key] as z.ZodType | undefined;
    if (!child) throw new Error(`computedTotals: the schema has no key ${key}`);
    if (typeof node === 'string') {
      replacements[key] = child.optional().meta({ ...child.meta(), description: node });
      continue;
    }
    // A row the table itself makes optional (the 2021 format's one-row `other`): its totals are optional inside it.
    const optionalRow = child._zod.def.type === 'optional';
    const row = optionalRow ? ((child as z.ZodOptional<z.ZodType>).unwrap() as z.ZodType) : child;
    if (!isObject(row)) throw new Error(`computedTotals: ${key} is not an object schema`);
    const inner = optionalIn(row, node, rowLabels);
    if (optionalRow) {
      replacements[key] = inner.schema.optional().meta({ ...child.meta() });
      continue;
    }
    replacements[key] = inner.allOptional
      ? inner.schema.optional().meta({
          ...inner.schema.meta(),
          description: `${rowLabels.get(key) ?? key}：整行都是总计格，可整行不填，xxgk 自动计算；填了则核对`,
        })
      : inner.schema;
  }
  const result = rebuilt(schema, replacements);
  const allOptional = Object.values(result.shape).every((child) => (child as z.ZodType)._zod.optin === 'optional');
  return { schema: result, allOptional };
}

/**
 * `table` (the complete table's schema) with the totals of `definition` made
 * optional on input and computed after parsing. The TypeScript input type
 * stays the complete table's (code that builds data may still leave totals
 * out at run time); the output is always complete.
 *
 * A table that may be in one of several layouts (the 2021 format's 表二 with （六）其他处理
 * as one row) passes every layout's grid and `layoutOf`, which picks the grid
 * the parsed data is in: the totals of every layout are optional, and each
 * table is completed with its own layout's sums.
 */
export function computedTotals<T extends AnyObject>(
  table: T,
  definition: TableDefinition | readonly TableDefinition[],
  layoutOf?: (data: z.output<T>) => TableDefinition,
): z.ZodType<z.output<T>, z.input<T>> {
  const definitions: readonly TableDefinition[] = Array.isArray(definition) ? definition : [definition as TableDefinition];
  const tree: Tree = {};
  const rowLabels = new Map<string, string>();
  for (const cell of definitions.flatMap((each) => totalCells(each))) {
    let node = tree;
    cell.key.slice(0, -1).forEach((part) => {
      node = (node[part] ??= {}) as Tree;
      rowLabels.set(part, cell.rowLabel);
    });
    node[cell.key.at(-1)!] = totalCellDescription(cell);
  }
  const { schema } = optionalIn(table, tree, rowLabels);
  const chosen = (data: z.output<T>): TableDefinition => layoutOf?.(data) ?? definitions[0]!;
  return schema.transform((data) => completeTotals(data, chosen(data as z.output<T>)) as z.output<T>) as unknown as z.ZodType<z.output<T>, z.input<T>>;
}
