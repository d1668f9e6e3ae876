/**
 * What `xxgk build` was given: files, folders (every .yaml/.yml/.json inside,
 * recursively) and glob patterns (for shells that do not expand them, such as
 * Windows cmd). The result is sorted and free of duplicates.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

const DATA_FILE = /\.(ya?ml|json)$/i;

export interface ExpandedInputs {
  files: string[];
  /** Arguments that matched nothing, in Chinese, one per argument. */
  problems: string[];
}

export async function expandInputs(args: readonly string[]): Promise<ExpandedInputs> {
  const files = new Set<string>();
  const problems: string[] = [];
  for (const arg of args) {
    const stat = await fs.stat(arg).catch(() => undefined);
    if (stat?.isFile()) {
      files.add(path.resolve(arg));
    } else if (stat?.isDirectory()) {
      const found = await glob('**/*.{yaml,yml,json}', { cwd: arg, absolute: true, caseSensitiveMatch: false });
      if (found.length === 0) problems.push(`文件夹 ${arg} 中没有 .yaml、.yml 或 .json 数据文件`);
      for (const file of found) files.add(path.resolve(file));
    } else if (isDynamicPattern(arg)) {
      const found = (await glob(arg, { absolute: true })).filter((file) => DATA_FILE.test(file));
      if (found.length === 0) problems.push(`没有与 ${arg} 匹配的数据文件`);
      for (const file of found) files.add(path.resolve(file));
    } else {
      problems.push(`找不到文件 ${arg}`);
    }
  }
  return { files: [...files].sort(), problems };
}
