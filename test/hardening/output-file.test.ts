/**
 * Atomic writes under failure, with the file system mocked: a disk that fills
 * (ENOSPC) while writing, while flushing or at the rename, a file system
 * without fsync, an existing target that must not be replaced. Whatever
 * fails, no temporary file stays, an existing target keeps its bytes, and
 * the error is one Chinese sentence.
 */
import { promises as fsp } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutputExistsError, OutputWriteError, writeFileAtomic, writeFilesAtomic } from '../../src/io/output-file.js';
import { tempDir } from '../helpers/cli.js';

const errno = (code: string, syscall: string) => Object.assign(new Error(`${code}: simulated, ${syscall}`), { code, syscall });

type Open = typeof fsp.open;

/** Wraps fs.promises.open so that handles of files matching `match` fail as `fail` says. */
function failingHandles(match: RegExp, fail: { writeFile?: string; sync?: string }) {
  const realOpen: Open = fsp.open.bind(fsp);
  return vi.spyOn(fsp, 'open').mockImplementation((async (file: Parameters<Open>[0], flags?: string | number, mode?: number) => {
    const handle = await realOpen(file, flags as string, mode);
    if (!match.test(String(file))) return handle;
    if (fail.writeFile) {
      const realWrite = handle.writeFile.bind(handle);
      handle.writeFile = (async (data: Uint8Array | string) => {
        const bytes = typeof data === 'string' ? Buffer.from(data) : data;
        await realWrite(bytes.subarray(0, bytes.length >> 1)); // half written, then the disk is full
        throw errno(fail.writeFile!, 'write');
      }) as typeof handle.writeFile;
    }
    if (fail.sync) handle.sync = (async () => {
      throw errno(fail.sync!, 'fsync');
    }) as typeof handle.sync;
    return handle;
  }) as Open);
}

afterEach(() => {
  vi.restoreAllMocks();
});

const listing = async (folder: string) => (await readdir(folder)).sort();

describe('writeFileAtomic', () => {
  it('leaves nothing behind when the disk fills while writing (ENOSPC), and says so in Chinese', async () => {
    const folder = await tempDir();
    failingHandles(/\.tmp$/, { writeFile: 'ENOSPC' });
    const error = await writeFileAtomic(path.join(folder, '报告.docx'), Buffer.alloc(100_000, 1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputWriteError);
    expect((error as Error).message).toMatch(/^磁盘空间不足，无法写入 .*报告\.docx；/);
    expect((error as Error).message).not.toMatch(/\.tmp|ENOSPC/);
    expect(await listing(folder)).toEqual([]);
  });

  it('keeps the previous version of the target intact when the new one cannot be written', async () => {
    const folder = await tempDir();
    const target = path.join(folder, '报告.docx');
    await writeFile(target, 'previous version');
    failingHandles(/\.tmp$/, { writeFile: 'ENOSPC' });
    await expect(writeFileAtomic(target, 'new version that does not fit')).rejects.toThrow(OutputWriteError);
    expect(await readFile(target, 'utf8')).toBe('previous version');
    expect(await listing(folder)).toEqual(['报告.docx']);
  });

  it('fails cleanly when flushing fails (EIO), and ignores a file system without fsync (EINVAL)', async () => {
    const folder = await tempDir();
    failingHandles(/\.tmp$/, { sync: 'EIO' });
    await expect(writeFileAtomic(path.join(folder, 'a.docx'), 'x')).rejects.toThrow(/写入 .*a\.docx 时磁盘出错/);
    expect(await listing(folder)).toEqual([]);
    vi.restoreAllMocks();

    failingHandles(/\.tmp$/, { sync: 'EINVAL' });
    await writeFileAtomic(path.join(folder, 'b.docx'), 'written');
    expect(await readFile(path.join(folder, 'b.docx'), 'utf8')).toBe('written');
    expect(await listing(folder)).toEqual(['b.docx']);
  });

  it('removes the temporary file when the rename fails', async () => {
    const folder = await tempDir();
    vi.spyOn(fsp, 'rename').mockRejectedValue(errno('EXDEV', 'rename'));
    await expect(writeFileAtomic(path.join(folder, 'a.xlsx'), 'x')).rejects.toThrow(/无法写入 .*a\.xlsx（EXDEV：/);
    expect(await listing(folder)).toEqual([]);
  });

  it('with overwrite: false never replaces an existing file, and leaves no temporary file', async () => {
    const folder = await tempDir();
    const target = path.join(folder, 'data.yaml');
    await writeFile(target, 'year: 2024\n');
    const error = await writeFileAtomic(target, 'year: 2025\n', { overwrite: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputExistsError);
    expect((error as Error).message).toMatch(/已经存在，没有覆盖；如确需覆盖请加 --force/);
    expect(await readFile(target, 'utf8')).toBe('year: 2024\n');
    expect(await listing(folder)).toEqual(['data.yaml']);
  });

  it('names the file in the way when the output folder is under a regular file (ENOTDIR)', async () => {
    const folder = await tempDir();
    await writeFile(path.join(folder, 'blocker'), 'x');
    await expect(writeFileAtomic(path.join(folder, 'blocker', 'sub', 'a.docx'), 'x')).rejects.toThrow(
      new RegExp(`输出位置不对：${path.join(folder, 'blocker').replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')} 是一个文件，不是文件夹`),
    );
  });

  it('creates a missing output folder, and removes it again when the write fails', async () => {
    const folder = await tempDir();
    await writeFileAtomic(path.join(folder, 'missing', 'deeper', 'a.docx'), 'x');
    expect(await readFile(path.join(folder, 'missing', 'deeper', 'a.docx'), 'utf8')).toBe('x');
    failingHandles(/\.tmp$/, { writeFile: 'ENOSPC' });
    await expect(writeFileAtomic(path.join(folder, 'new', 'deeper', 'a.docx'), 'x')).rejects.toThrow(/磁盘空间不足/);
    await expect(writeFilesAtomic([{ target: path.join(folder, 'new2', 'a.docx'), data: 'x' }])).rejects.toThrow(/磁盘空间不足/);
    expect(await listing(folder)).toEqual(['missing']);
  });

  it('says which folder cannot take files (EACCES)', async () => {
    const folder = await tempDir();
    vi.spyOn(fsp, 'open').mockRejectedValue(errno('EACCES', 'open'));
    await expect(writeFileAtomic(path.join(folder, 'a.docx'), 'x')).rejects.toThrow(/没有权限写入 /);
  });
});

describe('writeFilesAtomic (outputs that belong together)', () => {
  it('writes all the files, or — when the disk fills on the second — none', async () => {
    const folder = await tempDir();
    const files = [
      { target: path.join(folder, '报告.docx'), data: Buffer.alloc(50_000, 1) },
      { target: path.join(folder, '报告.xlsx'), data: Buffer.alloc(50_000, 2) },
    ];
    failingHandles(/报告\.xlsx\..*\.tmp$/, { writeFile: 'ENOSPC' });
    await expect(writeFilesAtomic(files)).rejects.toThrow(/磁盘空间不足，无法写入 .*报告\.xlsx/);
    expect(await listing(folder)).toEqual([]);

    vi.restoreAllMocks();
    await writeFilesAtomic(files);
    expect(await listing(folder)).toEqual(['报告.docx', '报告.xlsx']);
  });

  it('removes the files it created when a later rename fails, and keeps files that existed before', async () => {
    const folder = await tempDir();
    await writeFile(path.join(folder, 'b.pdf'), 'old pdf');
    const realRename = fsp.rename.bind(fsp);
    vi.spyOn(fsp, 'rename').mockImplementation(async (from, to) => {
      if (String(to).endsWith('c.xlsx')) throw errno('EIO', 'rename');
      return realRename(from, to);
    });
    await expect(
      writeFilesAtomic([
        { target: path.join(folder, 'a.docx'), data: 'a' },
        { target: path.join(folder, 'b.pdf'), data: 'new pdf' },
        { target: path.join(folder, 'c.xlsx'), data: 'c' },
      ]),
    ).rejects.toThrow(/写入 .*c\.xlsx 时磁盘出错/);
    // a.docx was new and is removed again; b.pdf existed and was already replaced (a rename cannot be undone).
    expect(await listing(folder)).toEqual(['b.pdf']);
  });
});
