/**
 * The font catalog: one object per process (or worker) that holds every font
 * file read so far, parsed once, plus the list of installed fonts (scanned on
 * first need). Pass it to `resolveFonts` and reuse the result for every report
 * of a batch; nothing here is module-global.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as fontkit from 'fontkit';
import { BUNDLED_FACES, bundledFacePath, bundledPackageFile, type BundledFace } from './bundled.js';
import { cachedSystemFaces, discoveryCacheFiles, type SystemFaces } from './discovery-cache.js';
import { defaultSystemFontDirs, findInstalledFace, listFontconfigFaces, scanFontDirs, type InstalledFace } from './discovery.js';
import { FontError } from './errors.js';
import type { BundledFaceId, FamilyWish } from './roles.js';
import { readFontFileBytes, type FontFileBytes } from './lazy-file.js';
import { NotAFontError, readFontFileInfo, type FaceNames } from './sfnt.js';

/**
 * fontkit's CommonJS build: the one pdfkit loads when a PDF is written.
 * Importing the ES module build as well would load and compile fontkit and
 * its dependencies twice in every process that writes a PDF (about 0.1 s).
 */
const { create: createFont } = createRequire(import.meta.url)('fontkit') as typeof fontkit;

/** A font face read from disk and parsed, shared by every document of the process. */
export interface LoadedFace {
  /** `path#PostScriptName`: identity of the face. */
  readonly key: string;
  readonly path: string;
  readonly postscriptName: string;
  /** How messages and `xxgk fonts` name the face, e.g. “仿宋_GB2312（FangSong_GB2312）”. */
  readonly displayName: string;
  /** Family names in every language the font carries. */
  readonly families: readonly string[];
  /** Set when the face is one of xxgk's bundled defaults. */
  readonly bundledId?: BundledFaceId;
  /** The parsed face (fontkit); treat as read-only. */
  readonly font: fontkit.Font;
  /**
   * The font file (a collection holds several faces), read once. Large
   * TrueType files are read lazily (see lazy-file.ts): outlines are zeros until
   * `ensureGlyphs` has read them.
   */
  readonly bytes: Uint8Array;
  /** Index of the face inside a collection (0 for a single font). */
  readonly faceIndex: number;
  /**
   * Per-face data that renderers derive once per process (glyph maps, raw
   * glyph outlines), keyed by the renderer's own name. Lives as long as the catalog.
   */
  readonly cache: Map<string, unknown>;
  /** Whether the face has a glyph for the code point (memoised). */
  hasGlyph(codePoint: number): boolean;
  /**
   * Reads the outlines of these glyphs (and of their components) into `bytes`
   * if they are not there yet. Call it before reading an outline from `bytes`
   * or asking fontkit for anything drawn from one (a glyph's path or bbox);
   * metrics (advances, cmap) never need it.
   */
  ensureGlyphs(glyphIds: Iterable<number>): void;
}

export interface FontCatalogOptions {
  /**
   * Folders searched for installed fonts. Default: the platform's font folders
   * (and fontconfig on systems that have it). Tests pass a fixture folder.
   */
  systemFontDirs?: readonly string[];
  /** Folders searched in addition to the system's (e.g. a shared folder of licensed fonts). */
  extraFontDirs?: readonly string[];
  /** Also ask fontconfig (`fc-list`). Default: true unless `systemFontDirs` is given. */
  fontconfig?: boolean;
  /** Offer the bundled open fonts (default true); false makes resolution fail where nothing else is found. */
  bundled?: boolean;
  /** Module URL or path from which the bundled font packages are resolved (default: this module). */
  resolveBundledFrom?: string;
  /**
   * Where the default discovery (fontconfig, or the platform's folders) is
   * kept between processes (discovery-cache.ts): candidate files, or false
   * for none. Default: the font cache folders; `XXGK_FONT_DISCOVERY_CACHE=0` turns it off.
   */
  discoveryCache?: readonly string[] | false;
}

export class FontCatalog {
  private installed: InstalledFace[] | undefined;
  private readonly faces = new Map<string, LoadedFace>();
  private readonly files = new Map<string, { file: FontFileBytes; names: FaceNames[] }>();

  constructor(private readonly options: FontCatalogOptions = {}) {}

  /** Every installed face found (scanned once, on first call). */
  installedFaces(): readonly InstalledFace[] {
    if (!this.installed) {
      const explicitDirs = this.options.systemFontDirs;
      const extraDirs = this.options.extraFontDirs ?? [];
      let faces: InstalledFace[];
      if (explicitDirs === undefined && this.options.fontconfig !== false) {
        // The default discovery: fontconfig's list, or the platform's folders where there is none.
        const system = this.systemFaces();
        // Without fontconfig, every folder is scanned in one sorted pass, as before there was a cache.
        faces = system.fontconfig ? [...system.faces, ...scanFontDirs(extraDirs)] : extraDirs.length > 0 ? scanFontDirs([...defaultSystemFontDirs(), ...extraDirs]) : system.faces;
      } else {
        const fromFontconfig = this.options.fontconfig ? listFontconfigFaces() : undefined;
        // fontconfig already covers the usual folders; scan them only when it is absent.
        const dirs = [...(explicitDirs ?? (fromFontconfig ? [] : defaultSystemFontDirs())), ...extraDirs];
        faces = [...(fromFontconfig ?? []), ...scanFontDirs(dirs)];
      }
      const seen = new Set<string>();
      this.installed = [];
      for (const face of faces) {
        const id = `${face.path}#${face.index}`;
        if (seen.has(id)) continue;
        seen.add(id);
        this.installed.push(face);
      }
    }
    return this.installed;
  }

  /** fontconfig's faces, or the platform's folders scanned, through the discovery cache unless it is off. */
  private systemFaces(): SystemFaces {
    const discover = (): SystemFaces => {
      const fromFontconfig = listFontconfigFaces();
      return fromFontconfig ? { fontconfig: true, faces: fromFontconfig } : { fontconfig: false, faces: scanFontDirs(defaultSystemFontDirs()) };
    };
    let files = this.options.discoveryCache;
    if (files === undefined && process.env['XXGK_FONT_DISCOVERY_CACHE'] !== '0') {
      const near = BUNDLED_FACES[0] ? bundledPackageFile(BUNDLED_FACES[0], this.options.resolveBundledFrom) : undefined;
      files = discoveryCacheFiles(near);
    }
    if (!files || files.length === 0) return discover();
    return cachedSystemFaces(discover, { files, fontRoots: defaultSystemFontDirs() });
  }

  /** The installed face for a family (and style), if any. */
  findInstalled(wish: FamilyWish): InstalledFace | undefined {
    return findInstalledFace(this.installedFaces(), wish.family, wish.style);
  }

  /** Loads an installed face found by discovery. */
  loadInstalled(face: InstalledFace): LoadedFace {
    return this.load(face.path, face.postscriptName || undefined, face.index);
  }

  /** A bundled face, or undefined when its npm package is missing or bundling is off. */
  loadBundled(id: BundledFaceId): LoadedFace | undefined {
    if (this.options.bundled === false) return undefined;
    const face = BUNDLED_FACES.find((candidate) => candidate.id === id);
    if (!face) return undefined;
    const file = bundledFacePath(face, this.options.resolveBundledFrom);
    if (!file) return undefined;
    return this.load(file, face.postscriptName, undefined, face);
  }

  /**
   * Loads a font file (a face of it, for collections), parsing it once per
   * process. Throws FontError, with a Chinese message, when the file is
   * missing, is not a font, or does not hold the named face.
   */
  load(filePath: string, postscriptName?: string, faceIndex?: number, bundled?: BundledFace): LoadedFace {
    const absolute = path.resolve(filePath);
    const cacheKey = `${absolute}#${postscriptName ?? ''}#${faceIndex ?? ''}`;
    const cached = this.faces.get(cacheKey);
    if (cached) return cached;

    const file = this.readFile(absolute, filePath);
    const names = file.names;
    let chosen: FaceNames | undefined;
    if (postscriptName) {
      chosen = names.find((face) => face.postscriptName === postscriptName);
      if (!chosen) {
        const available = names.map((face) => face.postscriptName).filter(Boolean).join('、');
        throw new FontError(
          'face-not-in-collection',
          names.length > 1
            ? `字体集合“${filePath}”中没有名为“${postscriptName}”的字体；其中有：${available}`
            : `字体文件“${filePath}”中的字体名是“${available}”，不是“${postscriptName}”`,
        );
      }
    } else if (faceIndex !== undefined) {
      chosen = names[faceIndex] ?? names[0];
    } else {
      chosen = names[0];
    }

    let font: fontkit.Font;
    try {
      const parsed = createFont(file.file.bytes, names.length > 1 ? chosen?.postscriptName : undefined) as fontkit.Font | fontkit.FontCollection | null;
      if (!parsed) throw new Error('face not found by fontkit');
      font = 'fonts' in parsed ? parsed.fonts[chosen?.index ?? 0]! : parsed;
      // A truncated file lists tables past its end; fontkit would only fail when a glyph is read mid-render.
      const tables = (font as unknown as { directory?: { tables?: Record<string, { offset: number; length: number }> } }).directory?.tables ?? {};
      for (const [tag, table] of Object.entries(tables)) {
        if (table.offset + table.length > file.file.bytes.length) throw new RangeError(`table ${tag} runs past the end of the file`);
      }
      // Touch the tables the renderer needs now, so a broken file fails here, not mid-document.
      void font.unitsPerEm;
      font.glyphForCodePoint(0x4e00);
    } catch (error) {
      throw new FontError('not-a-font', `无法读取字体文件“${filePath}”：文件已损坏或不是 xxgk 支持的字体格式（TTF、OTF、TTC）`, { cause: error });
    }

    const families = chosen?.families ?? [font.familyName];
    const resolvedPostscript = chosen?.postscriptName || font.postscriptName;
    const face: LoadedFace = makeLoadedFace({
      key: `${absolute}#${resolvedPostscript}`,
      path: absolute,
      postscriptName: resolvedPostscript,
      displayName: bundled?.displayName ?? describeFace(chosen, font),
      families,
      ...(bundled ? { bundledId: bundled.id } : {}),
      font,
      bytes: file.file.bytes,
      faceIndex: chosen?.index ?? 0,
      file: file.file,
    });
    this.faces.set(cacheKey, face);
    return face;
  }

  private readFile(absolute: string, shown: string): { file: FontFileBytes; names: FaceNames[] } {
    let real = absolute;
    try {
      real = realpathSync(absolute);
    } catch {
      // reported below
    }
    const cached = this.files.get(real);
    if (cached) return cached;
    if (!existsSync(absolute)) throw new FontError('font-not-found', `字体文件不存在：${shown}`);
    if (!statSync(absolute).isFile()) throw new FontError('not-a-font', `“${shown}”是文件夹，不是字体文件`);
    let names: FaceNames[];
    let file: FontFileBytes;
    try {
      // Names from the header and the name tables; then the tables, outlines on demand.
      const info = readFontFileInfo(absolute);
      file = readFontFileBytes(absolute);
      names = info.faces;
    } catch (error) {
      if (error instanceof NotAFontError) {
        throw new FontError('not-a-font', `“${shown}”不是字体文件（xxgk 需要 TTF、OTF 或 TTC 格式的字体）`, { cause: error });
      }
      throw error;
    }
    const entry = { file, names };
    this.files.set(real, entry);
    return entry;
  }
}

export function createFontCatalog(options: FontCatalogOptions = {}): FontCatalog {
  return new FontCatalog(options);
}

function describeFace(names: FaceNames | undefined, font: fontkit.Font): string {
  const chinese = names?.families.find((name) => /[\u3400-\u9fff]/.test(name));
  const english = font.familyName;
  const style = font.subfamilyName && !/^(regular|normal|book)$/i.test(font.subfamilyName) ? ` ${font.subfamilyName}` : '';
  if (chinese && chinese !== english) return `${chinese}（${english}${style}）`;
  return `${english}${style}`;
}

function makeLoadedFace({ file, ...fields }: Omit<LoadedFace, 'hasGlyph' | 'cache' | 'ensureGlyphs'> & { file: FontFileBytes }): LoadedFace {
  const known = new Map<number, boolean>();
  const { font, faceIndex } = fields;
  return {
    ...fields,
    cache: new Map(),
    ensureGlyphs: (glyphIds) => file.ensureGlyphs(faceIndex, glyphIds),
    hasGlyph(codePoint: number) {
      let has = known.get(codePoint);
      if (has === undefined) {
        has = font.hasGlyphForCodePoint(codePoint);
        known.set(codePoint, has);
      }
      return has;
    },
  };
}
