/**
 * The installed fonts found by discovery (fontconfig's list, or the platform's
 * font folders where there is no `fc-list`), kept on disk between processes so
 * a fresh process or batch worker does not run `fc-list` again.
 *
 * The cache file records what the result depends on, and is used only while
 * all of it is unchanged: the environment variables that steer fontconfig and
 * the folders searched (FONTCONFIG_FILE, FONTCONFIG_PATH, FONTCONFIG_SYSROOT,
 * HOME, XDG_*, PATH), the modification time of fontconfig's configuration
 * files and folders and of its cache folders (fc-cache rewrites them), and the
 * modification time of every folder under the platform's font folders and of
 * every folder (and its parents) that holds a listed font — adding, removing
 * or renaming a font changes its folder's time. Anything different, missing
 * or unreadable means discovery runs as before and the file is rewritten
 * (atomically, io/output-file.ts). Only the system part is cached: the extra
 * folders a caller names are scanned every time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomicSync } from '../io/output-file.js';
import type { InstalledFace } from './discovery.js';

/** Bump when the file's layout or the meaning of a face changes. */
const CACHE_VERSION = 1;

/** What system discovery found: fontconfig's faces, or (without fontconfig) the scanned folders' faces. */
export interface SystemFaces {
  fontconfig: boolean;
  faces: InstalledFace[];
}

interface CacheFile {
  version: number;
  env: Record<string, string | null>;
  stamps: [string, string][];
  result: SystemFaces;
}

const ENV_KEYS = [
  'FONTCONFIG_FILE',
  'FONTCONFIG_PATH',
  'FONTCONFIG_SYSROOT',
  'HOME',
  'XDG_DATA_HOME',
  'XDG_DATA_DIRS',
  'XDG_CACHE_HOME',
  'XDG_CONFIG_HOME',
  'PATH',
  'WINDIR',
  'SystemRoot',
  'LOCALAPPDATA',
] as const;

/** The environment the result depends on, plus the platform and user. */
export function discoveryEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string | null> {
  const out: Record<string, string | null> = { platform: process.platform, uid: String(process.getuid?.() ?? '') };
  for (const key of ENV_KEYS) out[key] = env[key] ?? null;
  return out;
}

/** fontconfig's configuration and cache files and folders (as fontconfig looks for them). */
export function fontconfigPaths(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string[] {
  const configHome = env.XDG_CONFIG_HOME || path.join(home, '.config');
  const cacheHome = env.XDG_CACHE_HOME || path.join(home, '.cache');
  const paths = [
    '/etc/fonts',
    '/etc/fonts/fonts.conf',
    '/etc/fonts/conf.d',
    '/etc/fonts/local.conf',
    '/usr/local/etc/fonts',
    '/usr/local/etc/fonts/fonts.conf',
    '/usr/local/etc/fonts/conf.d',
    path.join(configHome, 'fontconfig'),
    path.join(configHome, 'fontconfig', 'fonts.conf'),
    path.join(configHome, 'fontconfig', 'conf.d'),
    path.join(home, '.fonts.conf'),
    path.join(home, '.fonts.conf.d'),
    '/var/cache/fontconfig',
    '/usr/lib/fontconfig/cache',
    '/usr/local/var/cache/fontconfig',
    path.join(cacheHome, 'fontconfig'),
    path.join(home, '.fontconfig'),
  ];
  if (env.FONTCONFIG_FILE) paths.push(path.resolve(env.FONTCONFIG_FILE));
  for (const dir of (env.FONTCONFIG_PATH ?? '').split(path.delimiter).filter(Boolean)) {
    paths.push(path.resolve(dir), path.join(path.resolve(dir), 'fonts.conf'), path.join(path.resolve(dir), 'conf.d'));
  }
  return paths;
}

/** Modification time and size of a path, or “-” when it does not exist. */
function stamp(file: string): string {
  try {
    const stats = statSync(file);
    return `${stats.mtimeMs}:${stats.size}:${stats.ino}`;
  } catch {
    return '-';
  }
}

/** Every folder under the roots (at most `maxDepth` levels), the roots included. */
function foldersUnder(roots: readonly string[], maxDepth = 6): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > maxDepth) return;
    found.push(dir);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) if (entry.isDirectory()) walk(path.join(dir, entry.name), depth + 1);
  };
  for (const root of roots) walk(root, 0);
  return found;
}

/** Every folder that holds a face, with its parents (up to, not beyond, the parents of the font folders). */
function faceFolders(faces: readonly InstalledFace[], fontRoots: readonly string[]): string[] {
  const stopAt = new Set<string>();
  for (const root of fontRoots) for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    stopAt.add(dir);
    if (path.dirname(dir) === dir) break;
  }
  const folders = new Set<string>();
  for (const face of faces) {
    for (let dir = path.dirname(face.path); !folders.has(dir) && !stopAt.has(dir); dir = path.dirname(dir)) {
      folders.add(dir);
      if (path.dirname(dir) === dir) break;
    }
  }
  return [...folders];
}

export interface DiscoveryCacheOptions {
  /** The cache file; default: see `discoveryCacheFiles`. */
  files?: readonly string[];
  /** The platform's font folders (their sub-folders' times are part of the key). */
  fontRoots: readonly string[];
  env?: NodeJS.ProcessEnv;
}

/**
 * Candidate cache files, first readable wins, first writable is written:
 * `XXGK_FONT_CACHE`, then `node_modules/.cache/xxgk` beside `nearModule`
 * (the folder woff.ts uses for decoded fonts), then the temporary folder.
 */
export function discoveryCacheFiles(nearModule: string | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  const name = `installed-fonts-${process.getuid?.() ?? 'user'}.json`;
  const dirs: string[] = [];
  if (env['XXGK_FONT_CACHE']) dirs.push(path.resolve(env['XXGK_FONT_CACHE']));
  const marker = `${path.sep}node_modules${path.sep}`;
  const at = nearModule?.lastIndexOf(marker) ?? -1;
  if (nearModule && at >= 0) dirs.push(path.join(nearModule.slice(0, at + marker.length), '.cache', 'xxgk'));
  dirs.push(path.join(os.tmpdir(), 'xxgk-font-cache'));
  return dirs.map((dir) => path.join(dir, name));
}

/**
 * The system faces: from the cache file while its key holds, else from
 * `discover()` (then the file is rewritten; a folder that cannot be written
 * is passed by silently — the result is the same, only the next start slower).
 */
export function cachedSystemFaces(discover: () => SystemFaces, options: DiscoveryCacheOptions): SystemFaces {
  const env = discoveryEnv(options.env);
  const files = options.files ?? discoveryCacheFiles(undefined, options.env);
  const home = options.env?.HOME ?? os.homedir();
  const fixedPaths = [...fontconfigPaths(options.env ?? process.env, home), ...foldersUnder(options.fontRoots)];
  for (const file of files) {
    const cached = readCache(file);
    if (!cached || cached.version !== CACHE_VERSION || JSON.stringify(cached.env) !== JSON.stringify(env)) continue;
    // The fixed paths must be the same list (a new sub-folder is a new entry), with the same times.
    const fixed = new Set(fixedPaths);
    if (cached.stamps.filter(([p]) => fixed.has(p)).length !== fixed.size) continue;
    if (cached.stamps.every(([p, s]) => stamp(p) === s)) return cached.result;
  }
  const result = discover();
  const stampPaths = new Set([...fixedPaths, ...faceFolders(result.faces, options.fontRoots)]);
  const content: CacheFile = { version: CACHE_VERSION, env, stamps: [...stampPaths].map((p) => [p, stamp(p)]), result };
  const text = JSON.stringify(content);
  for (const file of files) {
    try {
      writeFileAtomicSync(file, Buffer.from(text));
      break;
    } catch {
      // not writable: the next folder
    }
  }
  return result;
}

function readCache(file: string): CacheFile | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    if (!parsed || typeof parsed !== 'object' || !Array.isArray(parsed.stamps) || !parsed.result || !Array.isArray(parsed.result.faces)) return undefined;
    if (!parsed.stamps.every((entry) => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string')) return undefined;
    if (!parsed.result.faces.every(isFace)) return undefined;
    return parsed;
  } catch {
    return undefined;
  }
}

function isFace(face: unknown): face is InstalledFace {
  const f = face as InstalledFace;
  const strings = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string');
  return (
    !!f &&
    typeof f.path === 'string' &&
    typeof f.index === 'number' &&
    typeof f.postscriptName === 'string' &&
    strings(f.families) &&
    strings(f.fullNames) &&
    strings(f.styles) &&
    (f.weight === undefined || typeof f.weight === 'number')
  );
}
