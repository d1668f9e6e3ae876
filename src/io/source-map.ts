/**
 * Maps data paths (['tables', 'requests', 'total', 'np']) back to positions in
 * the YAML/JSON source, using the yaml Document's node ranges and a
 * LineCounter. Lines and columns are 1-based; columns count Unicode characters
 * (code points), so a rare character such as 𠀀 counts as one column.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';

export type DataPath = readonly (string | number)[];

export interface SourcePosition {
  line: number;
  column: number;
}

/** A point with its 0-based offset in the text (UTF-16 code units). */
export interface SourcePoint extends SourcePosition {
  offset: number;
}

/** Where a node starts and ends; `end` is the point just after its last character. */
export interface SourceRange {
  start: SourcePoint;
  end: SourcePoint;
}

export interface SourceMap {
  /** Position of the value at `path` (of its key when the value is empty, e.g. `name:`). */
  positionOf(path: DataPath): SourcePosition | undefined;
  /** Start and end of the value at `path` (of its key when the value is empty), trailing white space and comments excluded. */
  rangeOf(path: DataPath): SourceRange | undefined;
  /** Start and end of the key that names `path`. */
  keyRangeOf(path: DataPath): SourceRange | undefined;
  /** Position of the key that names `path` (for unknown keys); undefined for list items and the root. */
  keyPositionOf(path: DataPath): SourcePosition | undefined;
  /** The source text of the value at `path` exactly as written (e.g. `9007199254740993`, `"184项"`). */
  sourceTextOf(path: DataPath): string | undefined;
  /** Position of a character offset in the source. */
  positionAt(offset: number): SourcePosition;
}

type Located = { node: Node | null; pair?: Pair<unknown, unknown> };

/** Offsets of the surrogate pairs in `text`, ascending: each pair is one character in two code units. */
function surrogatePairOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) offsets.push(i++);
    }
  }
  return offsets;
}

/** How many of the ascending `offsets` are below `limit` (binary search). */
function countBelow(offsets: readonly number[], limit: number): number {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (offsets[middle]! < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Every lookup is by index: a file with a hundred thousand keys in one
 * mapping (a hostile or generated file) must not make each of its hundred
 * thousand diagnostics scan the mapping or the line again.
 */
export function createSourceMap(text: string, document: Document, lineCounter: LineCounter): SourceMap {
  let surrogates: number[] | undefined;
  const pairIndex = new WeakMap<YAMLMap, Map<string, Pair<unknown, unknown>>>();
  const pairOf = (map: YAMLMap, segment: string | number): Pair<unknown, unknown> | undefined => {
    let index = pairIndex.get(map);
    if (!index) {
      index = new Map();
      for (const item of map.items as Pair<unknown, unknown>[]) {
        // The first of duplicated keys wins, as a linear search would find it.
        if (isScalar(item.key) && !index.has(String(item.key.value))) index.set(String(item.key.value), item);
      }
      pairIndex.set(map, index);
    }
    return index.get(String(segment));
  };

  const resolve = (node: unknown): Node | null => {
    if (isAlias(node)) return (node.resolve(document) as Node | undefined) ?? null;
    return (node as Node | null) ?? null;
  };

  const locate = (path: DataPath): Located | undefined => {
    let current: Located = { node: resolve(document.contents) };
    for (const segment of path) {
      const node = current.node;
      if (isMap(node)) {
        const pair = pairOf(node as YAMLMap, segment);
        if (!pair) return undefined;
        current = { node: resolve(pair.value), pair };
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment];
        if (item === undefined) return undefined;
        current = { node: resolve(item) };
      } else {
        return undefined;
      }
    }
    return current;
  };

  const positionAt = (offset: number): SourcePosition => {
    const { line } = lineCounter.linePos(offset);
    const lineStart = lineCounter.lineStarts[line - 1] ?? 0;
    surrogates ??= surrogatePairOffsets(text);
    // Columns count code points: a surrogate pair before the offset is one column, not two.
    const pairs = countBelow(surrogates, offset) - countBelow(surrogates, lineStart);
    return { line, column: offset - lineStart - pairs + 1 };
  };

  const keyNodeOf = (located: Located | undefined): Node | undefined => {
    const key = located?.pair?.key;
    return key && typeof key === 'object' && 'range' in key ? (key as Node) : undefined;
  };

  const pointAt = (offset: number): SourcePoint => ({ ...positionAt(offset), offset });

  /** The node's value from its first character to its last (a block value's range ends after its newline). */
  const rangeFrom = (range: readonly [number, number, number] | null | undefined): SourceRange | undefined => {
    if (!range) return undefined;
    let end = range[1];
    while (end > range[0] && /\s/u.test(text[end - 1]!)) end -= 1;
    return { start: pointAt(range[0]), end: pointAt(end) };
  };

  /** `name:` with nothing after it has an empty value: the key stands for it. */
  const valueRange = (located: Located): SourceRange | undefined => {
    const node = located.node;
    const empty = isScalar(node) && node.value === null && !!node.range && node.range[0] === node.range[1];
    return rangeFrom(empty ? undefined : node?.range) ?? rangeFrom(keyNodeOf(located)?.range) ?? rangeFrom(node?.range);
  };

  return {
    positionAt,
    positionOf(path) {
      const located = locate(path);
      if (!located) return undefined;
      const node = located.node;
      // `name:` with nothing after it: point at the key, not at the empty space after the colon.
      const empty = isScalar(node) && node.value === null && !!node.range && node.range[0] === node.range[1];
      const range = (empty ? undefined : node?.range) ?? keyNodeOf(located)?.range ?? node?.range;
      return range ? positionAt(range[0]) : path.length === 0 ? { line: 1, column: 1 } : undefined;
    },
    keyPositionOf(path) {
      const range = keyNodeOf(locate(path))?.range;
      return range ? positionAt(range[0]) : undefined;
    },
    rangeOf(path) {
      const located = locate(path);
      if (!located) return undefined;
      const range = valueRange(located);
      if (range || path.length > 0) return range;
      const start = pointAt(0);
      return { start, end: start };
    },
    keyRangeOf(path) {
      return rangeFrom(keyNodeOf(locate(path))?.range);
    },
    sourceTextOf(path) {
      const range = locate(path)?.node?.range;
      return range ? text.slice(range[0], range[1]).trimEnd() : undefined;
    },
  };
}

/**
 * The range to show for a path that may not exist in the source: the value
 * at the path, else the key of the nearest ancestor written in the file
 * (see `nearestPosition`).
 */
export function nearestRange(source: Pick<SourceMap, 'rangeOf' | 'keyRangeOf'>, path: DataPath): SourceRange | undefined {
  const exact = source.rangeOf(path);
  if (exact) return exact;
  for (let length = path.length - 1; length > 0; length--) {
    const ancestor = path.slice(0, length);
    const range = source.keyRangeOf(ancestor) ?? source.rangeOf(ancestor);
    if (range) return range;
  }
  return undefined;
}

/**
 * The position to show for a path that may not exist in the source (a missing
 * key, a rule about an absent part): the path itself, else the key of the
 * nearest ancestor that is written in the file.
 */
export function nearestPosition(
  source: Pick<SourceMap, 'positionOf' | 'keyPositionOf'>,
  path: DataPath,
): SourcePosition | undefined {
  const exact = source.positionOf(path);
  if (exact) return exact;
  for (let length = path.length - 1; length > 0; length--) {
    const ancestor = path.slice(0, length);
    const position = source.keyPositionOf(ancestor) ?? source.positionOf(ancestor);
    if (position) return position;
  }
  return undefined;
}
