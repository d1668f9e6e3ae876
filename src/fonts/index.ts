/**
 * Fonts for printed output: roles (spec §6.4), discovery of installed fonts,
 * resolution (configuration → installed → bundled), glyph coverage and
 * fallback chains. Resolve the fonts once per process from plain options:
 *
 *   const fonts = await resolveFontOptions({ fonts: ['body=/path/仿宋.ttf'], configFile: 'fonts.yaml' });
 *   const { bytes, warnings } = await renderPdf(document, { fonts });
 *
 * or build the pieces yourself:
 *
 *   const catalog = createFontCatalog();
 *   const fonts = resolveFonts(catalog, mergeFontConfigs(readFontConfigFile(file), parseFontOptions(specs)));
 */
export { FONT_ROLES, ROLE_SPECS, SYSTEM_FALLBACK_FAMILIES, isFontRole, type FontRole, type FontRoleSpec, type FamilyWish } from './roles.js';
export { BUNDLED_FACES, bundledFacePath, type BundledFace } from './bundled.js';
export { createFontCatalog, FontCatalog, type FontCatalogOptions, type LoadedFace } from './catalog.js';
export {
  EMPTY_FONT_CONFIG,
  fontConfigFromData,
  howToConfigure,
  mergeFontConfigs,
  parseFontOptions,
  parseFontSource,
  readFontConfigFile,
  type FontConfig,
  type FontSource,
} from './config.js';
export { splitByCoverage, isInvisible, type Coverage, type GlyphRun } from './coverage.js';
export { defaultSystemFontDirs, findInstalledFace, listFontconfigFaces, listFontFiles, scanFontDirs, type InstalledFace } from './discovery.js';
export { FontError, type FontErrorCode } from './errors.js';
export { fontCatalogFromOptions, fontConfigFromOptions, resolveFontOptions, type FontOptions } from './options.js';
export { FaceChain, resolveFonts, type FontOrigin, type ResolvedFonts, type RoleResolution } from './resolve.js';
export { normalizeFontName, readFontFileInfo, type FaceNames, type FontFileInfo } from './sfnt.js';
export { describeCharacters, type CharacterReport, type FontWarning } from './warnings.js';
