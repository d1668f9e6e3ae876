/**
 * Output files: safe names and atomic writes. A report is written to a
 * temporary file in the target folder and renamed into place, so a crash or a
 * full disk never leaves a half-written report under the real name.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, promises as fs, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

/** The first ancestor of `folder` (itself included) that exists but is not a folder, if any. */
async function fileInTheWay(folder: string): Promise<string | undefined> {
  let current = path.resolve(folder);
  for (;;) {
    const info = await fs.stat(current).catch(() => undefined);
    if (info) return info.isDirectory() ? undefined : current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** One Chinese sentence for a failed write; never the temporary file's name, never English alone. */
export async function describeWriteFailure(error: NodeJS.ErrnoException, target: string): Promise<string> {
  const folder = path.dirname(target);
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return `没有权限写入 ${folder}，请换一个输出文件夹或检查该文件夹的权限`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `磁盘空间不足，无法写入 ${target}；请清理磁盘或换一个输出文件夹（没有留下写了一半的文件）`;
    case 'EFBIG':
      return `文件太大，${folder} 所在磁盘无法保存 ${target}`;
    case 'ENOENT':
    case 'ENOTDIR': {
      const blocker = await fileInTheWay(folder);
      if (blocker) return `输出位置不对：${blocker} 是一个文件，不是文件夹，无法在其中保存 ${path.basename(target)}`;
      const exists = (await fs.stat(folder).catch(() => undefined))?.isDirectory() === true;
      return exists ? `无法在文件夹 ${folder} 中新建文件（该位置不允许保存文件），请换一个输出文件夹` : `输出文件夹 ${folder} 不存在`;
    }
    case 'EROFS':
      return `${folder} 所在磁盘是只读的，请换一个输出文件夹`;
    case 'EISDIR':
      return `${target} 是一个文件夹，不能作为输出文件`;
    case 'ENAMETOOLONG':
      return `输出文件的路径太长：${target}；请换一个路径较短的输出文件夹`;
    case 'EMFILE':
    case 'ENFILE':
      return `同时打开的文件太多，无法写入 ${target}；请稍后重试或减少 --jobs`;
    case 'EBUSY':
    case 'ETXTBSY':
      return `${target} 正被其他程序使用（例如在 Word 或 WPS 中打开着），请关闭后重试`;
    case 'EIO':
      return `写入 ${target} 时磁盘出错（U 盘或网络磁盘是否已断开？）`;
    case 'ELOOP':
      return `输出路径 ${folder} 中有循环的快捷方式（符号链接）`;
    default:
      return `无法写入 ${target}（${error.code ?? '未知错误'}：${error.message}）`;
  }
}

export class OutputExistsError extends OutputWriteError {}

/** fsync is not supported by every file system (some network and FUSE mounts): the data is written all the same. */
const SYNC_UNSUPPORTED = new Set(['EINVAL', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * Creates the folders `target` needs (`--out 新文件夹`), just before a file is
 * written into it, so a refused build leaves no empty folder. Returns the
 * folders this call created, deepest first, to be removed again if the write
 * fails (only while empty: another write may have put a file there since).
 */
async function ensureFolder(target: string, overwrite: boolean | undefined): Promise<string[]> {
  const folder = path.dirname(path.resolve(target));
  let first: string | undefined;
  try {
    first = await fs.mkdir(folder, { recursive: true });
  } catch (error) {
    const errno = error as NodeJS.ErrnoException;
    // A file where a folder should be: mkdir says EEXIST, which would otherwise read as “the output exists”.
    if (errno?.code === 'EEXIST') errno.code = 'ENOTDIR';
    throw await failure(errno, target, overwrite);
  }
  if (first === undefined) return [];
  const created: string[] = [];
  for (let current = folder; ; current = path.dirname(current)) {
    created.push(current);
    if (current === first || path.dirname(current) === current) break;
  }
  return created;
}

/** Removes folders `ensureFolder` created, while they are empty. */
async function removeCreatedFolders(created: readonly string[]): Promise<void> {
  for (const folder of created) {
    try {
      await fs.rmdir(folder);
    } catch {
      return;
    }
  }
}

function temporaryName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes and flushes a new temporary file; removes it again when anything fails. */
async function stage(temporary: string, data: Uint8Array | string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temporary, 'wx');
    await handle.writeFile(data);
    await handle.sync().catch((error: NodeJS.ErrnoException) => {
      if (!SYNC_UNSUPPORTED.has(error.code ?? '')) throw error;
    });
    await handle.close();
    handle = undefined;
  } catch (error) {
    await handle?.close().catch(() => {});
    await fs.rm(temporary, { force: true }).catch(() => {});
    throw error;
  }
}

async function failure(error: unknown, target: string, overwrite: boolean | undefined): Promise<OutputWriteError> {
  if (error instanceof OutputWriteError) return error;
  const errno = error as NodeJS.ErrnoException;
  if (errno?.code === 'EEXIST' && overwrite === false) {
    return new OutputExistsError(`${target} 已经存在，没有覆盖；如确需覆盖请加 --force`, target, { cause: error });
  }
  return new OutputWriteError(await describeWriteFailure(errno ?? new Error(String(error)), target), target, { cause: error });
}

/**
 * Writes `data` to `target` atomically: temporary file in the same folder,
 * then rename. With `overwrite: false` an existing file is left untouched and
 * OutputExistsError is thrown (a hard link refuses to replace, unlike rename).
 * Whatever fails (a full disk, a folder that is not writable, a path through
 * a file), the temporary file is removed and an existing target is unchanged.
 */
export async function writeFileAtomic(
  target: string,
  data: Uint8Array | string,
  options: { overwrite?: boolean } = {},
): Promise<void> {
  const temporary = temporaryName(target);
  const folders = await ensureFolder(target, options.overwrite);
  try {
    await stage(temporary, data);
    try {
      if (options.overwrite === false) {
        await fs.link(temporary, target);
      } else {
        await fs.rename(temporary, target);
      }
    } finally {
      await fs.rm(temporary, { force: true }).catch(() => {});
    }
  } catch (error) {
    await removeCreatedFolders(folders);
    throw await failure(error, target, options.overwrite);
  }
}

/**
 * The synchronous form of writeFileAtomic (always overwriting), for a cache
 * file written from synchronous code (the decoded bundled font): temporary
 * file in the same folder, then rename, so a concurrent reader sees the whole
 * file or none. Throws the file system's error; the temporary file is gone.
 */
export function writeFileAtomicSync(target: string, data: Uint8Array): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const temporary = temporaryName(target);
  try {
    writeFileSync(temporary, data, { flag: 'wx' });
    renameSync(temporary, target);
  } finally {
    rmSync(temporary, { force: true });
  }
}

export interface OutputFile {
  target: string;
  data: Uint8Array | string;
}

/**
 * Writes several files as one step, for commands whose outputs belong
 * together (a report as DOCX and PDF; a summary workbook and its data file):
 * every file is first written in full to a temporary file, and only when all
 * of them are written are they renamed into place. A full disk or any other
 * failure while writing leaves none of them behind. Should a rename fail
 * after others succeeded, the files this call had newly created are removed
 * again (a file that existed before and was already replaced stays replaced).
 */
export async function writeFilesAtomic(files: readonly OutputFile[], options: { overwrite?: boolean } = {}): Promise<void> {
  const staged: { file: OutputFile; temporary: string }[] = [];
  const folders: string[] = [];
  try {
    for (const file of files) folders.push(...(await ensureFolder(file.target, options.overwrite)));
    for (const file of files) {
      const temporary = temporaryName(file.target);
      try {
        await stage(temporary, file.data);
      } catch (error) {
        throw await failure(error, file.target, options.overwrite);
      }
      staged.push({ file, temporary });
    }
  } catch (error) {
    await Promise.all(staged.map(({ temporary }) => fs.rm(temporary, { force: true }).catch(() => {})));
    await removeCreatedFolders(folders);
    throw error;
  }

  const created: string[] = [];
  for (let i = 0; i < staged.length; i++) {
    const { file, temporary } = staged[i]!;
    try {
      const existed = (await fs.lstat(file.target).catch(() => undefined)) !== undefined;
      if (options.overwrite === false) {
        await fs.link(temporary, file.target);
        await fs.rm(temporary, { force: true });
      } else {
        await fs.rename(temporary, file.target);
      }
      if (!existed) created.push(file.target);
    } catch (error) {
      await Promise.all(staged.slice(i).map(({ temporary: left }) => fs.rm(left, { force: true }).catch(() => {})));
      await Promise.all(created.map((target) => fs.rm(target, { force: true }).catch(() => {})));
      await removeCreatedFolders(folders);
      throw await failure(error, file.target, options.overwrite);
    }
  }
}

/**
 * Deletes a file xxgk itself wrote and no longer needs (the workbench's draft
 * of a report once it is saved); nothing happens when it is already gone.
 * Deletion lives here too, so that every change to the user's folders goes
 * through this module.
 */
export async function removeFileIfPresent(target: string): Promise<void> {
  await fs.rm(target, { force: true });
}

/**
 * Appends one line to a trace file that a developer or a test asked for
 * (e.g. `XXGK_LOADED_PARTS`). Not atomic, and not for outputs: a trace is
 * written line by line as the process runs, and a cut-off last line is harmless.
 */
export function appendTraceLineSync(target: string, line: string): void {
  appendFileSync(target, `${line}\n`);
}
