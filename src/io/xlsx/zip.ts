/**
 * The ZIP container of an XLSX workbook: a small writer (deflate, fixed
 * timestamps, so the same workbook always gives the same bytes) and a guarded
 * reader that refuses what is not a workbook before inflating anything.
 *
 * The reader trusts nothing in the file: entry count, declared sizes and the
 * real inflated size are all bounded, so a zip bomb or a huge sheet fails
 * fast with a Chinese message instead of exhausting memory.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

// ------------------------------------------------------------------ writing

export interface ZipEntryInput {
  name: string;
  data: Uint8Array | string;
}

/** 1980-01-01 00:00, the earliest DOS time: builds are reproducible byte for byte. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

export function writeZip(entries: readonly ZipEntryInput[], level = 6): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateRawSync(raw, { level });
    const stored = compressed.length >= raw.length;
    const body = stored ? raw : compressed;
    const crc = crc32(raw) >>> 0;
    const flags = /[^\x20-\x7e]/.test(entry.name) ? 0x0800 : 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    chunks.push(local, name, body);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(stored ? 0 : 8, 10);
    header.writeUInt16LE(DOS_TIME, 12);
    header.writeUInt16LE(DOS_DATE, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(body.length, 20);
    header.writeUInt32LE(raw.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    offset += local.length + name.length + body.length;
  }
  const centralSize = central.reduce((total, chunk) => total + chunk.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}

// ------------------------------------------------------------------ reading

/** Limits applied before and while inflating. Ours are ~15 KB; Excel-saved ones rarely exceed 100 KB. */
export interface ZipLimits {
  /** Size of the .xlsx file itself. */
  maxFileBytes: number;
  /** Number of entries in the central directory. */
  maxEntries: number;
  /** Inflated size of any one entry we read. */
  maxEntryBytes: number;
  /** Inflated size of all entries read from one file. */
  maxTotalBytes: number;
  /** Inflated / compressed ratio beyond which an entry is treated as a bomb (only for entries over 1 MB). */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxEntries: 5000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 160 * 1024 * 1024,
  maxRatio: 200,
};

export type ZipProblem =
  | 'too-large'
  | 'not-zip'
  | 'ole'
  | 'corrupt'
  | 'too-many-entries'
  | 'bomb'
  | 'encrypted-entry'
  | 'unsupported-method';

export class ZipReadError extends Error {
  override name = 'ZipReadError';
  constructor(
    readonly problem: ZipProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  crc: number;
}

export interface ZipArchive {
  names(): string[];
  has(name: string): boolean;
  /** Inflates one entry as bytes; undefined when the archive has no such entry. */
  read(name: string): Uint8Array | undefined;
  /** Inflates one entry as UTF-8 text (BOM dropped). */
  text(name: string): string | undefined;
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isOleCompoundFile(bytes: Uint8Array): boolean {
  return OLE_SIGNATURE.every((byte, i) => bytes[i] === byte);
}

export function openZip(input: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipArchive {
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length > limits.maxFileBytes) {
    throw new ZipReadError('too-large', `文件有 ${(bytes.length / 1024 / 1024).toFixed(1)} MB，超过上限 ${limits.maxFileBytes / 1024 / 1024} MB`);
  }
  if (isOleCompoundFile(bytes)) throw new ZipReadError('ole', 'OLE 复合文档');
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== 0x04034b50) {
    throw new ZipReadError('not-zip', '文件开头不是 ZIP 签名');
  }

  // End of central directory: the last 22 bytes, or earlier when the archive has a comment.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipReadError('corrupt', '找不到 ZIP 目录（文件可能不完整或已损坏）');
  const count = bytes.readUInt16LE(eocd + 10);
  const centralSize = bytes.readUInt32LE(eocd + 12);
  const centralOffset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || centralOffset === 0xffffffff) {
    throw new ZipReadError('too-large', 'ZIP64 格式的超大文件');
  }
  if (count > limits.maxEntries) {
    throw new ZipReadError('too-many-entries', `压缩包内有 ${count} 个文件，超过上限 ${limits.maxEntries}`);
  }
  if (centralOffset + centralSize > eocd) throw new ZipReadError('corrupt', 'ZIP 目录位置不对（文件可能已损坏）');

  const entries = new Map<string, CentralEntry>();
  let p = centralOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || bytes.readUInt32LE(p) !== 0x02014b50) {
      throw new ZipReadError('corrupt', 'ZIP 目录已损坏');
    }
    const flags = bytes.readUInt16LE(p + 8);
    const method = bytes.readUInt16LE(p + 10);
    const crc = bytes.readUInt32LE(p + 16);
    const compressedSize = bytes.readUInt32LE(p + 20);
    const uncompressedSize = bytes.readUInt32LE(p + 24);
    const nameLength = bytes.readUInt16LE(p + 28);
    const extraLength = bytes.readUInt16LE(p + 30);
    const commentLength = bytes.readUInt16LE(p + 32);
    const localOffset = bytes.readUInt32LE(p + 42);
    const name = bytes.toString('utf8', p + 46, p + 46 + nameLength);
    entries.set(name.replace(/^\/+/, ''), { name, method, flags, compressedSize, uncompressedSize, localOffset, crc });
    p += 46 + nameLength + extraLength + commentLength;
  }

  let inflatedTotal = 0;
  const read = (name: string): Uint8Array | undefined => {
    const entry = entries.get(name.replace(/^\/+/, ''));
    if (!entry) return undefined;
    if (entry.flags & 0x0001) throw new ZipReadError('encrypted-entry', `压缩包内的 ${name} 已加密`);
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ZipReadError('unsupported-method', `压缩包内的 ${name} 使用了不支持的压缩方式 ${entry.method}`);
    }
    const at = entry.localOffset;
    if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) {
      throw new ZipReadError('corrupt', `压缩包内的 ${name} 已损坏`);
    }
    const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    const end = start + entry.compressedSize;
    if (end > bytes.length) throw new ZipReadError('corrupt', `压缩包内的 ${name} 不完整`);
    const budget = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - inflatedTotal);
    if (entry.uncompressedSize > budget) {
      throw new ZipReadError('bomb', `压缩包内的 ${name} 解压后有 ${(entry.uncompressedSize / 1024 / 1024).toFixed(0)} MB，超过上限`);
    }
    if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio) {
      throw new ZipReadError('bomb', `压缩包内的 ${name} 压缩比异常（${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} 倍），疑似“压缩炸弹”`);
    }
    const compressed = bytes.subarray(start, end);
    let data: Uint8Array;
    if (entry.method === 0) {
      data = compressed;
    } else {
      try {
        // The declared size may lie; maxOutputLength bounds what is really produced.
        data = inflateRawSync(compressed, { maxOutputLength: Math.max(1, budget) });
      } catch (cause) {
        if (cause instanceof RangeError || (cause as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new ZipReadError('bomb', `压缩包内的 ${name} 解压后超过上限，疑似“压缩炸弹”`, { cause });
        }
        throw new ZipReadError('corrupt', `压缩包内的 ${name} 无法解压（文件已损坏）`, { cause });
      }
    }
    if (data.length !== entry.uncompressedSize) {
      throw new ZipReadError('corrupt', `压缩包内的 ${name} 大小与目录不符（文件已损坏）`);
    }
    if ((crc32(data) >>> 0) !== entry.crc) {
      throw new ZipReadError('corrupt', `压缩包内的 ${name} 校验和不符（文件已损坏）`);
    }
    inflatedTotal += data.length;
    return data;
  };

  return {
    names: () => [...entries.keys()],
    has: (name) => entries.has(name.replace(/^\/+/, '')),
    read,
    text(name) {
      const data = read(name);
      if (!data) return undefined;
      const start = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
      return Buffer.from(data.buffer, data.byteOffset + start, data.byteLength - start).toString('utf8');
    },
  };
}
