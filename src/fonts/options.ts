/**
 * Font options as plain data: what a caller (the command line, a batch
 * worker, a library user) says about the fonts of a printed report, and
 * their resolution into every role's font. Plain, cloneable data, so a batch
 * can send the options to its workers and each resolves them once.
 *
 * The font modules load fontkit; this one imports them only when the options
 * are resolved, so importing it costs nothing.
 */
import path from 'node:path';
import type { FontCatalog } from './catalog.js';
import type { FontConfig } from './config.js';
import type { ResolvedFonts } from './resolve.js';

export interface FontOptions {
  /** One role's font each: `role=path[#PostScriptName]` or `role=font name`; these win over the configuration file. */
  fonts?: string[];
  /** A font configuration file (YAML or JSON), see fonts/README.md. */
  configFile?: string;
  /** More folders to look for fonts in (relative to the working directory). */
  fontDirs?: string[];
  /** Look for the fonts installed on this machine (default true); false uses only the named and the bundled fonts. */
  systemFonts?: boolean;
}

/** The font catalog the options describe: installed fonts (unless `systemFonts` is false) and the extra folders. */
export async function fontCatalogFromOptions(options: FontOptions): Promise<FontCatalog> {
  const { createFontCatalog } = await import('./catalog.js');
  const extra = (options.fontDirs ?? []).map((dir) => path.resolve(dir));
  return options.systemFonts === false
    ? createFontCatalog({ systemFontDirs: extra, fontconfig: false })
    : createFontCatalog({ extraFontDirs: extra });
}

/** The explicit configuration: the configuration file first, the `fonts` specs over it. */
export async function fontConfigFromOptions(options: FontOptions): Promise<FontConfig> {
  const { EMPTY_FONT_CONFIG, mergeFontConfigs, parseFontOptions, readFontConfigFile } = await import('./config.js');
  const fromFile = options.configFile ? readFontConfigFile(options.configFile) : EMPTY_FONT_CONFIG;
  return mergeFontConfigs(fromFile, parseFontOptions(options.fonts ?? []));
}

/**
 * Every role's font from the options, looked up in `catalog` (default: the
 * catalog the options describe). Throws FontError when a font the options
 * name cannot be used.
 */
export async function resolveFontOptions(options: FontOptions, catalog?: FontCatalog): Promise<ResolvedFonts> {
  const { resolveFonts } = await import('./resolve.js');
  return resolveFonts(catalog ?? (await fontCatalogFromOptions(options)), await fontConfigFromOptions(options));
}
