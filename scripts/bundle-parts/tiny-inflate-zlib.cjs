'use strict';
/**
 * tiny-inflate (raw DEFLATE in JavaScript) with Node's zlib in its place, for
 * the bundled CLI (see scripts/bundle.mjs). fontkit, unicode-properties and
 * linebreak unpack their Unicode tables with it when they are loaded — in a
 * fresh process or worker that ran unoptimised for about 50 ms (100 ms on a
 * busy machine), where zlib takes about a millisecond. Same interface: fills
 * `dest` and returns it, or the filled start of it when the data is shorter;
 * DEFLATE decoding has one answer, so the bytes are the same
 * (test/cold/inflate-shim.test.ts compares both on every table).
 */
var zlib = require('node:zlib');

module.exports = function inflate(source, dest) {
  var input = source instanceof Uint8Array ? source : new Uint8Array(source);
  var output = zlib.inflateRawSync(input);
  if (output.length >= dest.length) {
    dest.set(output.subarray(0, dest.length));
    return dest;
  }
  dest.set(output);
  return typeof dest.slice === 'function' ? dest.slice(0, output.length) : dest.subarray(0, output.length);
};
