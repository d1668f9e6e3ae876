/**
 * Saving the data the browser edited into a data file while keeping what a
 * person wrote by hand: the file is parsed as a YAML document and only the
 * values that changed are replaced in it (yaml's Document API), so comments,
 * key order and layout around unchanged values stay as they were.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';

type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

const isRecord = (value: unknown): value is Record<string, Plain> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The node for `value` that replaces `node`, or `node` itself updated in place. */
function update(document: Document, node: unknown, value: Plain): unknown {
  if (isMap(node) && isRecord(value)) {
    for (const pair of [...node.items]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (!Object.hasOwn(value, key)) node.delete(pair.key);
    }
    for (const [key, child] of Object.entries(value)) {
      const pair = node.items.find((item) => (isScalar(item.key) ? String(item.key.value) : String(item.key)) === key);
      if (!pair) {
        node.set(key, document.createNode(child));
        continue;
      }
      const next = update(document, pair.value, child);
      if (next !== pair.value) pair.value = next as Node;
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(value)) {
    if (node.items.length !== value.length) {
      const created = document.createNode(value);
      if (isSeq(created)) created.flow = node.flow ?? false;
      return created;
    }
    value.forEach((child, index) => {
      const next = update(document, node.items[index], child);
      if (next !== node.items[index]) node.items[index] = next as Node;
    });
    return node;
  }
  if (isScalar(node) && (value === null || typeof value !== 'object')) {
    if (node.value !== value) {
      node.value = value;
      // A multi-line text keeps the block style a person would write.
      if (typeof value === 'string' && value.includes('\n')) node.type = 'BLOCK_LITERAL';
    }
    return node;
  }
  return document.createNode(value);
}

/**
 * `base` (the file as it was opened, or a starter) with `data` written into
 * it. JSON files are written as JSON.
 */
export function writeDataText(base: string | undefined, data: unknown, fileName: string): string {
  if (/\.json$/i.test(fileName)) return `${JSON.stringify(data, null, 2)}\n`;
  const document = parseDocument(base ?? '', { keepSourceTokens: false });
  if (base === undefined || document.errors.length > 0 || !isMap(document.contents)) {
    const fresh = parseDocument('{}');
    fresh.contents = fresh.createNode(data) as typeof fresh.contents;
    return fresh.toString({ lineWidth: 0 });
  }
  update(document, document.contents, data as Plain);
  return document.toString({ lineWidth: 0 });
}
