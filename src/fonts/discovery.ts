/**
 * Finding installed fonts: the platform's font folders (Windows, macOS, Linux)
 * scanned for TTF/OTF/TTC/OTC files, plus fontconfig's list (`fc-list`) where
 * it exists. The folders are a parameter, so tests scan a fixture folder and
 * never depend on what the machine happens to have.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, type Dirent } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { normalizeFontName, readFontFileInfo } from './sfnt.js';

/** One face of an installed font file. */
export interface InstalledFace {
  path: string;
  /** Face index inside a collection; 0 for a single font. */
  index: number;
  postscriptName: string;
  families: string[];
  fullNames: string[];
  styles: string[];
  weight?: number;
}

const FONT_EXTENSIONS = new Set(['.ttf', '.otf', '.ttc', '.otc']);

/** The folders where the current platform keeps fonts. */
export function defaultSystemFontDirs(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string[] {
  switch (platform) {
    case 'win32': {
      const windows = env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows';
      const dirs = [path.win32.join(windows, 'Fonts')];
      if (env.LOCALAPPDATA) dirs.push(path.win32.join(env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts'));
      return dirs;
    }
    case 'darwin':
      return [
        '/System/Library/Fonts',
        '/System/Library/Fonts/Supplemental',
        '/Library/Fonts',
        path.join(home, 'Library', 'Fonts'),
        // Fonts that Office for Mac installs for itself (仿宋, 楷体, 黑体 among them).
        '/Applications/Microsoft Word.app/Contents/Resources/DFonts',
      ];
    default:
      return [
        '/usr/share/fonts',
        '/usr/local/share/fonts',
        path.join(home, '.fonts'),
        path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'fonts'),
      ];
  }
}

/** Lists font files under the folders (recursively, at most `maxDepth` levels), sorted for stable results. */
export function listFontFiles(dirs: readonly string[], maxDepth = 6): string[] {
  const files = new Set<string>();
  const seenDirs = new Set<string>();
  const walk = (dir: string, depth: number) => {
    let real: string;
    try {
      real = statSync(dir).isDirectory() ? dir : '';
    } catch {
      return;
    }
    if (!real || seenDirs.has(dir) || depth > maxDepth) return;
    seenDirs.add(dir);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, depth + 1);
      else if ((entry.isFile() || entry.isSymbolicLink()) && FONT_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
        files.add(full);
      }
    }
  };
  for (const dir of dirs) walk(dir, 0);
  return [...files].sort();
}

/** Reads the faces of every font file under the folders; unreadable or broken files are skipped. */
export function scanFontDirs(dirs: readonly string[]): InstalledFace[] {
  const faces: InstalledFace[] = [];
  for (const file of listFontFiles(dirs)) {
    try {
      for (const face of readFontFileInfo(file).faces) faces.push({ path: file, ...face });
    } catch {
      // Not a font after all, or damaged: discovery just passes it by.
    }
  }
  return faces;
}

/**
 * Asks fontconfig for every installed face. Returns undefined when `fc-list`
 * is not available. Families come back in every language the font names.
 */
export function listFontconfigFaces(run: (args: string[]) => string = runFcList): InstalledFace[] | undefined {
  let output: string;
  try {
    output = run(['--format', '%{file}\\t%{index}\\t%{postscriptname}\\t%{family}\\t%{fullname}\\t%{style}\\t%{weight}\\n']);
  } catch {
    return undefined;
  }
  const faces: InstalledFace[] = [];
  for (const line of output.split('\n')) {
    const [file, index, postscriptName, family, fullName, style] = line.split('\t');
    if (!file || !FONT_EXTENSIONS.has(path.extname(file).toLowerCase())) continue;
    faces.push({
      path: file,
      index: Number(index) || 0,
      postscriptName: postscriptName ?? '',
      families: splitFcList(family),
      fullNames: splitFcList(fullName),
      styles: splitFcList(style),
    });
  }
  return faces;
}

function runFcList(args: string[]): string {
  return execFileSync('fc-list', args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
}

/** fontconfig joins a value's languages with commas and escapes literal ones as `\,`. */
function splitFcList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(/(?<!\\),/)
    .map((part) => part.replace(/\\,/g, ',').trim())
    .filter(Boolean);
}

/**
 * Picks the installed face for a family name: an exact (normalised) family
 * match, preferring the wanted style (or a regular one), then a full-name match.
 */
export function findInstalledFace(faces: readonly InstalledFace[], family: string, style?: string): InstalledFace | undefined {
  const wanted = normalizeFontName(family);
  const byFamily = faces.filter((face) => face.families.some((name) => normalizeFontName(name) === wanted));
  if (byFamily.length > 0) return pickStyle(byFamily, style);
  const full = normalizeFontName(style ? `${family} ${style}` : family);
  return faces.find((face) => face.fullNames.some((name) => normalizeFontName(name) === full));
}

const REGULAR_STYLES = ['regular', 'book', 'normal', 'roman', 'medium', 'w3', 'w4', 'w5', 'standard'];

function pickStyle(faces: readonly InstalledFace[], style: string | undefined): InstalledFace {
  const styleRank = (face: InstalledFace): number => {
    const styles = face.styles.map(normalizeFontName);
    if (style) {
      const wanted = normalizeFontName(style);
      if (styles.includes(wanted)) return 0;
      return 10 + Math.abs((face.weight ?? 400) - (/black|heavy/.test(wanted) ? 900 : /bold/.test(wanted) ? 700 : 400)) / 100;
    }
    const regularIndex = REGULAR_STYLES.findIndex((name) => styles.includes(name));
    if (regularIndex >= 0) return regularIndex / 100;
    if (styles.some((name) => /italic|oblique/.test(name))) return 20;
    return 10 + Math.abs((face.weight ?? 400) - 400) / 100;
  };
  // Stable: among equally good faces, the first in path/index order wins.
  return [...faces].sort((a, b) => styleRank(a) - styleRank(b) || a.path.localeCompare(b.path) || a.index - b.index)[0]!;
}
