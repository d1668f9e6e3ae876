/**
 * Explicit font configuration: the CLI's `--font role=PATH[#PostScriptName]`
 * (or `--font role=字体名`) and a configuration file (YAML or JSON) of the same
 * shape:
 *
 *   title: C:\Windows\Fonts\FZXBSJW.TTF
 *   body: /usr/share/fonts/custom/仿宋_GB2312.ttf
 *   heading1: 黑体                       # a family name, looked up among installed fonts
 *   heading2:
 *     path: /Library/Fonts/Kaiti.ttc
 *     postscriptName: STKaiti-SC-Regular
 *   fallback:                            # tried for characters the role fonts lack
 *     - C:\Windows\Fonts\simsunb.ttf
 *
 * Relative paths in a file are relative to that file; on the command line,
 * relative to the working directory.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { FontError } from './errors.js';
import { FONT_ROLES, isFontRole, ROLE_SPECS, type FontRole } from './roles.js';

export type FontSource =
  | { kind: 'file'; path: string; postscriptName?: string; origin: string }
  | { kind: 'family'; family: string; style?: string; origin: string };

export interface FontConfig {
  roles: Partial<Record<FontRole, FontSource>>;
  /** Extra fonts tried, in order, for characters the role fonts lack. */
  fallback: FontSource[];
}

export const EMPTY_FONT_CONFIG: FontConfig = Object.freeze({ roles: {}, fallback: [] }) as FontConfig;

const FONT_FILE = /\.(ttf|otf|ttc|otc|woff2?)$/i;

/** `PATH#PostScriptName`, a plain path, or a family name. */
export function parseFontSource(value: string, baseDir: string, origin: string): FontSource {
  const trimmed = value.trim();
  if (!trimmed) throw new FontError('bad-font-config', `${origin}：没有写字体文件或字体名`);
  const hash = trimmed.lastIndexOf('#');
  const filePart = hash > 0 ? trimmed.slice(0, hash) : trimmed;
  const postscriptName = hash > 0 ? trimmed.slice(hash + 1).trim() : undefined;
  const looksLikePath = hash > 0 || /[\\/]/.test(filePart) || FONT_FILE.test(filePart);
  if (!looksLikePath) return { kind: 'family', family: trimmed, origin };
  return {
    kind: 'file',
    path: path.resolve(baseDir, filePart),
    ...(postscriptName ? { postscriptName } : {}),
    origin,
  };
}

const ROLE_LIST = FONT_ROLES.join('、');

/** Parses repeated `--font role=PATH[#PostScriptName]` options. */
export function parseFontOptions(values: readonly string[], cwd: string = process.cwd()): FontConfig {
  const roles: Partial<Record<FontRole, FontSource>> = {};
  const fallback: FontSource[] = [];
  for (const value of values) {
    const match = /^\s*([A-Za-z0-9]+)\s*=(.*)$/.exec(value);
    const key = match?.[1];
    if (!match || !key || !(isFontRole(key) || key === 'fallback')) {
      throw new FontError(
        'bad-font-config',
        `--font 的写法是 角色=字体文件路径[#PostScript名] 或 角色=字体名，角色可以是 ${ROLE_LIST}、fallback；收到的是“${value}”`,
      );
    }
    const source = parseFontSource(match[2]!, cwd, `--font ${value.trim()}`);
    if (key === 'fallback') fallback.push(source);
    else roles[key] = source;
  }
  return { roles, fallback };
}

/** Reads a font configuration file (YAML or JSON). */
export function readFontConfigFile(file: string): FontConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new FontError('bad-font-config', `无法读取字体配置文件：${file}`);
  }
  let data: unknown;
  try {
    data = /\.json$/i.test(file) ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    throw new FontError('bad-font-config', `字体配置文件“${file}”的写法有误：${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  return fontConfigFromData(data ?? {}, path.dirname(path.resolve(file)), file);
}

/** Validates configuration data already parsed (e.g. a `fonts:` section of a larger settings file). */
export function fontConfigFromData(data: unknown, baseDir: string, fileName: string): FontConfig {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new FontError('bad-font-config', `字体配置文件“${fileName}”应当是“角色: 字体文件路径”这样的键值表`);
  }
  const roles: Partial<Record<FontRole, FontSource>> = {};
  const fallback: FontSource[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const origin = `字体配置文件“${fileName}”中的 ${key}`;
    if (key === 'fallback') {
      const list = Array.isArray(value) ? value : [value];
      list.forEach((item, i) => fallback.push(sourceFromValue(item, baseDir, `${origin}[${i + 1}]`)));
      continue;
    }
    if (!isFontRole(key)) {
      throw new FontError('bad-font-config', `${origin}：不认识的角色“${key}”，角色可以是 ${ROLE_LIST}、fallback`);
    }
    roles[key] = sourceFromValue(value, baseDir, origin);
  }
  return { roles, fallback };
}

function sourceFromValue(value: unknown, baseDir: string, origin: string): FontSource {
  if (typeof value === 'string') return parseFontSource(value, baseDir, origin);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (typeof record.path === 'string') {
      const postscriptName = record.postscriptName ?? record.postscript ?? record.face;
      return {
        kind: 'file',
        path: path.resolve(baseDir, record.path),
        ...(typeof postscriptName === 'string' && postscriptName ? { postscriptName } : {}),
        origin,
      };
    }
    if (typeof record.family === 'string') {
      return { kind: 'family', family: record.family, ...(typeof record.style === 'string' ? { style: record.style } : {}), origin };
    }
  }
  throw new FontError('bad-font-config', `${origin}：应写字体文件路径、字体名，或 { path, postscriptName }、{ family, style }`);
}

/** Later configurations win role by role; fallbacks add up (later first). */
export function mergeFontConfigs(...configs: readonly FontConfig[]): FontConfig {
  const roles: Partial<Record<FontRole, FontSource>> = {};
  const fallback: FontSource[] = [];
  for (const config of configs) Object.assign(roles, config.roles);
  for (const config of [...configs].reverse()) fallback.push(...config.fallback);
  return { roles, fallback };
}

/** How to point xxgk at a role's font, for messages. */
export function howToConfigure(role: FontRole): string {
  const example = process.platform === 'win32' ? EXAMPLE_PATHS_WINDOWS[role] : `/path/to/${ROLE_SPECS[role].expected}.ttf`;
  return `用 --font ${role}=字体文件路径（例如 --font ${role}=${example}），或在 --font-config 指定的字体配置文件中写 ${role}: 字体文件路径`;
}

const EXAMPLE_PATHS_WINDOWS: Record<FontRole, string> = {
  title: 'C:\\Windows\\Fonts\\FZXBSJW.TTF',
  body: 'C:\\Windows\\Fonts\\simfang.ttf',
  heading1: 'C:\\Windows\\Fonts\\simhei.ttf',
  heading2: 'C:\\Windows\\Fonts\\simkai.ttf',
  pageNumber: 'C:\\Windows\\Fonts\\simsun.ttc#SimSun',
  table: 'C:\\Windows\\Fonts\\simfang.ttf',
};
