'use strict';
/**
 * jszip's deflate worker (jszip/lib/flate.js) with Node's zlib in place of
 * pako, for the bundled CLI (see scripts/bundle.mjs). exceljs zips every
 * workbook through jszip; pako is deflate in JavaScript, which in a fresh
 * process runs unoptimised and took about 0.2 s of a cold `xxgk build` for a
 * 19 KB workbook, where zlib takes a millisecond. Same interface and level;
 * the compressed bytes differ from pako's, the unzipped parts do not.
 */
var zlib = require('node:zlib');
var utils = require('./utils');
var GenericWorker = require('./stream/GenericWorker');

exports.magic = '\x08\x00';

/** Collects the entry's bytes and (de)compresses them in one call when the entry ends. */
function ZlibWorker(action, options) {
  GenericWorker.call(this, 'ZlibWorker/' + action);
  this._action = action;
  this._level = options && typeof options.level === 'number' ? options.level : -1;
  this._chunks = [];
  this.meta = {};
}

utils.inherits(ZlibWorker, GenericWorker);

ZlibWorker.prototype.processChunk = function (chunk) {
  this.meta = chunk.meta;
  this._chunks.push(Buffer.from(utils.transformTo('uint8array', chunk.data)));
};

ZlibWorker.prototype.flush = function () {
  GenericWorker.prototype.flush.call(this);
  var input = Buffer.concat(this._chunks);
  this._chunks = [];
  var output = this._action === 'Deflate' ? zlib.deflateRawSync(input, { level: this._level }) : zlib.inflateRawSync(input);
  this.push({ data: new Uint8Array(output.buffer, output.byteOffset, output.byteLength), meta: this.meta });
};

ZlibWorker.prototype.cleanUp = function () {
  GenericWorker.prototype.cleanUp.call(this);
  this._chunks = [];
};

exports.compressWorker = function (compressionOptions) {
  return new ZlibWorker('Deflate', compressionOptions);
};
exports.uncompressWorker = function () {
  return new ZlibWorker('Inflate', {});
};
