/**
 * A PDF engine library of the wrong version reaches the user as one Chinese
 * sentence and exit code 2, without a stack trace and without writing a file.
 * The version found is faked (the check's own tests are in
 * pdf-engine-versions.test.ts); everything else is the real command line.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cli, SAMPLE, tempDir } from '../helpers/cli.js';

vi.mock('../../src/render/pdf/versions.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/render/pdf/versions.js')>();
  return {
    ...actual,
    loadedEngineVersions: () => [
      { name: 'pdfmake', version: '0.3.11' },
      { name: 'pdfkit', version: '0.18.0' },
      { name: 'fontkit', version: '2.0.4' },
    ],
  };
});

describe('xxgk build with a PDF engine of another version', () => {
  it('stops with the version message and exit code 2, writing nothing', async () => {
    const out = await tempDir();
    const run = await cli(['build', SAMPLE, '--to', 'docx,pdf', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'xxgk：PDF 引擎版本不符：xxgk 需要 pdfkit 0.19.1，实际加载的是 0.18.0。请在 xxgk 所在文件夹运行 npm ci 重新安装依赖。',
    );
    expect(await readdir(path.resolve(out))).toEqual([]);
  });
});
