/**
 * Output files: safe names and atomic writes. A report is written to a
 * temporary file in the target folder and renamed into place, so a crash or a
 * full disk never leaves a half-written report under the real name.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Characters Windows, macOS or Linux refuse in file names, plus controls. */
const UNSAFE_IN_NAME = /[\\/:*?"<>|\u0000-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/gu;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
/** Most file systems limit a name to 255 bytes; leave room for a temporary suffix. */
const MAX_NAME_BYTES = 200;

function truncateToBytes(text: string, maxBytes: number): string {
  let result = '';
  let bytes = 0;
  for (const character of text) {
    const size = Buffer.byteLength(character, 'utf8');
    if (bytes + size > maxBytes) break;
    result += character;
    bytes += size;
  }
  return result;
}

/**
 * Makes `stem` + `extension` usable as a file name everywhere: unsafe
 * characters become “_”, reserved device names are prefixed, and an over-long
 * stem is cut at a character boundary keeping its end (the year and 年度报告).
 */
export function safeFileName(stem: string, extension: string): string {
  let safe = stem.replace(UNSAFE_IN_NAME, '_').replace(/\s+/g, ' ').trim().replace(/^[. ]+|[. ]+$/g, '');
  if (safe === '') safe = '年度报告';
  if (WINDOWS_RESERVED.test(safe)) safe = `_${safe}`;
  const budget = MAX_NAME_BYTES - Buffer.byteLength(extension, 'utf8');
  if (Buffer.byteLength(safe, 'utf8') > budget) {
    const tail = '…政府信息公开工作年度报告';
    const yearMatch = /(\d{4}年政府信息公开工作年度报告)$/.exec(safe);
    const keep = yearMatch ? `…${yearMatch[1]}` : tail;
    const head = safe.slice(0, safe.length - (yearMatch ? yearMatch[1]!.length : 0));
    safe = truncateToBytes(head, budget - Buffer.byteLength(keep, 'utf8')) + keep;
  }
  return `${safe}${extension}`;
}

export class OutputWriteError extends Error {
  constructor(
    message: string,
    readonly target: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

function describeWriteFailure(error: NodeJS.ErrnoException, target: string): string {
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return `没有权限写入 ${path.dirname(target)}，请换一个输出文件夹或检查该文件夹的权限`;
    case 'ENOSPC':
      return `磁盘空间不足，无法写入 ${target}`;
    case 'ENOENT':
      return `输出文件夹 ${path.dirname(target)} 不存在`;
    case 'EROFS':
      return `${path.dirname(target)} 所在磁盘是只读的`;
    case 'EISDIR':
      return `${target} 是一个文件夹，不能作为输出文件`;
    default:
      return `无法写入 ${target}：${error.message}`;
  }
}

export class OutputExistsError extends OutputWriteError {}

/**
 * Writes `data` to `target` atomically: temporary file in the same folder,
 * then rename. With `overwrite: false` an existing file is left untouched and
 * OutputExistsError is thrown (a hard link refuses to replace, unlike rename).
 */
export async function writeFileAtomic(
  target: string,
  data: Uint8Array | string,
  options: { overwrite?: boolean } = {},
): Promise<void> {
  const directory = path.dirname(target);
  const temporary = path.join(directory, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temporary, 'wx');
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (options.overwrite === false) {
      await fs.link(temporary, target);
      await fs.rm(temporary, { force: true });
    } else {
      await fs.rename(temporary, target);
    }
  } catch (error) {
    await handle?.close().catch(() => {});
    await fs.rm(temporary, { force: true }).catch(() => {});
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && options.overwrite === false) {
      throw new OutputExistsError(`${target} 已经存在，没有覆盖；如确需覆盖请加 --force`, target, { cause: error });
    }
    throw new OutputWriteError(describeWriteFailure(error as NodeJS.ErrnoException, target), target, { cause: error });
  }
}
