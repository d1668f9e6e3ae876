/**
 * The PDF engine (engine.ts, writer.ts, fonts.ts, subset.ts) reaches into
 * private parts of pdfmake, pdfkit and fontkit, so it works only with the
 * versions it was written for: package.json pins them exactly, and this
 * checks, once per process before the engine loads them, that the copies
 * actually loaded are those versions. An install that resolved something
 * else (a library user's own pdfkit, a stale node_modules) stops with one
 * Chinese sentence instead of writing a subtly wrong PDF.
 *
 * The check reads the package.json of each copy the engine really loads,
 * found the way it loads them: pdfmake from here (it is not bundled), pdfkit
 * from pdfmake's own folder, fontkit from here (as the font catalog loads it,
 * from the same package) and from pdfkit's folder. It costs a few file reads
 * (well under a millisecond) on the first PDF of a process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FontError } from '../../fonts/errors.js';

/** The versions the engine was written and tested against; package.json pins the same (a test checks). */
export const ENGINE_VERSIONS = {
  pdfmake: '0.3.11',
  pdfkit: '0.19.1',
  fontkit: '2.0.4',
} as const;

export type EnginePackage = keyof typeof ENGINE_VERSIONS;

/** A package the engine loads, as found: its version (undefined when its package.json could not be read) and folder. */
export interface LoadedPackage {
  name: EnginePackage;
  version: string | undefined;
  folder?: string;
}

/**
 * The engine's libraries are not the versions it was written for. A
 * FontError, the user-facing error of the PDF path, so that it reaches the
 * user the way font problems do (as one message and exit code 2 on the
 * command line, also from a render thread).
 */
export class PdfEngineVersionError extends FontError {
  override name = 'PdfEngineVersionError';

  constructor(
    readonly packageName: EnginePackage,
    readonly expected: string,
    readonly found: string | undefined,
    readonly folder?: string,
  ) {
    super(
      'pdf-engine-version',
      `PDF 引擎版本不符：xxgk 需要 ${packageName} ${expected}，实际加载的是${found === undefined ? '无法识别的版本' : ` ${found}`}。` +
        '请在 xxgk 所在文件夹运行 npm ci 重新安装依赖。',
    );
  }
}

/** Throws PdfEngineVersionError for the first package whose version is not the expected one. */
export function checkEngineVersions(found: readonly LoadedPackage[], expected: Readonly<Record<EnginePackage, string>> = ENGINE_VERSIONS): void {
  for (const loaded of found) {
    const wanted = expected[loaded.name];
    if (loaded.version !== wanted) throw new PdfEngineVersionError(loaded.name, wanted, loaded.version, loaded.folder);
  }
}

/**
 * The versions of the copies the engine loads, resolved from `require` (a
 * require made at the engine's own module, as engine.ts loads pdfmake).
 */
export function loadedEngineVersions(require: NodeJS.Require = createRequire(import.meta.url)): LoadedPackage[] {
  const pdfmakeEntry = require.resolve('pdfmake/js/PDFDocument.js');
  const pdfkitEntry = createRequire(pdfmakeEntry).resolve('pdfkit');
  const fontkitEntry = require.resolve('fontkit');
  const pdfkitFontkitEntry = createRequire(pdfkitEntry).resolve('fontkit');
  const found = [packageAt(pdfmakeEntry, 'pdfmake'), packageAt(pdfkitEntry, 'pdfkit'), packageAt(fontkitEntry, 'fontkit')];
  if (pdfkitFontkitEntry !== fontkitEntry) found.push(packageAt(pdfkitFontkitEntry, 'fontkit'));
  return found;
}

/**
 * The package a module file belongs to: the folder under the last
 * `node_modules/<name>` of its path (npm and pnpm layouts alike), else the
 * nearest package.json above it that names the package.
 */
function packageAt(entry: string, name: EnginePackage): LoadedPackage {
  const marker = `${path.sep}node_modules${path.sep}${name}${path.sep}`;
  const at = entry.lastIndexOf(marker);
  if (at >= 0) {
    const folder = entry.slice(0, at + marker.length - 1);
    const found = manifestOf(folder, name);
    if (found) return found;
  }
  for (let folder = path.dirname(entry); ; ) {
    const found = manifestOf(folder, name);
    if (found) return found;
    const parent = path.dirname(folder);
    if (parent === folder) return { name, version: undefined };
    folder = parent;
  }
}

/** The package in `folder` if its package.json names it. */
function manifestOf(folder: string, name: EnginePackage): LoadedPackage | undefined {
  let manifest: { name?: unknown; version?: unknown };
  try {
    manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as typeof manifest;
  } catch {
    return undefined; // none here, or unreadable
  }
  if (manifest?.name !== name) return undefined;
  return { name, version: typeof manifest.version === 'string' ? manifest.version : undefined, folder };
}
