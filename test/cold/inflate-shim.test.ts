/**
 * The bundled CLI unpacks the Unicode tables of fontkit (unicode-properties)
 * and linebreak with Node's zlib instead of tiny-inflate
 * (scripts/bundle-parts/tiny-inflate-zlib.cjs). Both must give the same bytes:
 * on the real tables, as unicode-trie unpacks them (twice inflated), and on
 * any DEFLATE data with a destination of any size.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
type Inflate = (source: Uint8Array, dest: Uint8Array) => Uint8Array;
const tinyInflate = require('tiny-inflate') as Inflate;
const zlibInflate = require('../../scripts/bundle-parts/tiny-inflate-zlib.cjs') as Inflate;

/** The tables as the packages carry them: base64 passed to toByteArray() in their CommonJS builds. */
function tables(): [string, Buffer][] {
  return ['linebreak', 'unicode-properties'].flatMap((name) => {
    const folder = path.resolve('node_modules', name);
    const source = readFileSync(path.join(folder, 'dist', 'main.cjs'), 'utf8');
    return [...source.matchAll(/toByteArray\)*\("([A-Za-z0-9+/=]{100,})"\)/g)].map((match, i): [string, Buffer] => [`${name} #${i}`, Buffer.from(match[1]!, 'base64')]);
  });
}

/** unicode-trie's unpacking: a 12-byte header, then the data deflated twice. */
function unpack(trie: Buffer, inflate: Inflate): Uint8Array {
  const length = trie.readUInt32LE(8);
  const once = inflate(trie.subarray(12), new Uint8Array(length));
  return inflate(once, new Uint8Array(length));
}

describe('tiny-inflate replaced by zlib', () => {
  it('unpacks the Unicode tables of linebreak and unicode-properties to the same bytes', () => {
    const found = tables();
    expect(found.length).toBeGreaterThanOrEqual(2);
    for (const [name, trie] of found) {
      const expected = unpack(trie, tinyInflate);
      expect(expected.length, name).toBeGreaterThan(1000);
      expect(Buffer.from(unpack(trie, zlibInflate)).equals(Buffer.from(expected)), name).toBe(true);
    }
  });

  it('returns what tiny-inflate returns for any data and destination size', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: -50, max: 50 }), (data, level, slack) => {
        const packed = deflateRawSync(data, { level });
        const size = Math.max(0, data.length + slack);
        const expected = tinyInflate(packed, new Uint8Array(size));
        const actual = zlibInflate(packed, new Uint8Array(size));
        expect(actual.length).toBe(expected.length);
        expect(Buffer.from(actual).equals(Buffer.from(expected))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
