/**
 * Font resolution: for every role, explicit configuration first, then fonts
 * installed on the system (found by family name, in Chinese or English), then
 * the bundled open default. The result is made once per process (per font
 * configuration) and handed to every PDF render.
 */
import { BUNDLED_FALLBACK_ORDER } from './bundled.js';
import type { FontCatalog, LoadedFace } from './catalog.js';
import { EMPTY_FONT_CONFIG, howToConfigure, type FontConfig, type FontSource } from './config.js';
import { FontError } from './errors.js';
import { FONT_ROLES, LATIN_FACE, ROLE_SPECS, SYSTEM_FALLBACK_FAMILIES, type FontRole, type FontRoleSpec } from './roles.js';
import type { FontWarning } from './warnings.js';

export type FontOrigin =
  /** Named by --font or the configuration file. */
  | 'config'
  /** Found among installed fonts. */
  | 'system'
  /** The open default installed with xxgk. */
  | 'bundled';

export interface RoleResolution {
  role: FontRole;
  spec: FontRoleSpec;
  face: LoadedFace;
  origin: FontOrigin;
  /** True when the face is not a font of the style the standard asks for (a substitute or the bundled default). */
  fallback: boolean;
  /** Set when the role was not configured itself and uses another role's font (tables use the body font). */
  inheritedFrom?: FontRole;
}

/**
 * The faces tried for one role, in order: the role's own face, then every
 * other font of the chain. Faces after the first are loaded only when a
 * character needs them.
 */
export class FaceChain {
  constructor(
    readonly primary: LoadedFace,
    private readonly rest: readonly FaceLoader[],
  ) {}

  /** The first face of the chain that has the character, or undefined when none does. */
  faceFor(codePoint: number): LoadedFace | undefined {
    if (this.primary.hasGlyph(codePoint)) return this.primary;
    for (const load of this.rest) {
      const face = load();
      if (face && face.key !== this.primary.key && face.hasGlyph(codePoint)) return face;
    }
    return undefined;
  }
}

/** Loads a face on first call and remembers the result (undefined when it cannot be loaded). */
export type FaceLoader = () => LoadedFace | undefined;

export interface ResolvedFonts {
  roles: Readonly<Record<FontRole, RoleResolution>>;
  /** Warnings about roles set in a substitute font (one per role). */
  warnings: readonly FontWarning[];
  /** The fallback chain of a role. */
  chain(role: FontRole): FaceChain;
  /** The face of ASCII letters, digits and punctuation in every role (the DOCX's Latin font, Times New Roman or its metric twin), if any. */
  latin?: LoadedFace;
}

export function resolveFonts(catalog: FontCatalog, config: FontConfig = EMPTY_FONT_CONFIG): ResolvedFonts {
  const roles = {} as Record<FontRole, RoleResolution>;
  // Roles that inherit go last, so the role they inherit from is resolved first.
  const order = [...FONT_ROLES].sort((a, b) => Number(!!ROLE_SPECS[a].inherits) - Number(!!ROLE_SPECS[b].inherits));
  for (const role of order) {
    const spec = ROLE_SPECS[role];
    const configured = config.roles[role];
    if (configured) {
      roles[role] = { role, spec, face: loadSource(catalog, configured), origin: 'config', fallback: false };
      continue;
    }
    if (spec.inherits) {
      const parent = roles[spec.inherits];
      roles[role] = { ...parent, role, spec, inheritedFrom: spec.inherits };
      continue;
    }
    roles[role] = resolveUnconfigured(catalog, spec);
  }

  const warnings: FontWarning[] = [];
  for (const role of FONT_ROLES) {
    const resolution = roles[role];
    if (!resolution.fallback || resolution.inheritedFrom) continue;
    const { spec, face } = resolution;
    warnings.push({
      code: 'FONT-SUBSTITUTED',
      severity: 'warning',
      stage: 'fonts',
      path: [],
      role,
      expected: spec.expected,
      used: face.displayName,
      message: `未找到${spec.label}字体“${spec.expected}”，暂用${resolution.origin === 'bundled' ? '随 xxgk 安装的开源字体' : '本机字体'} ${face.displayName}。如本机已安装${spec.expected}，请${howToConfigure(role)}。`,
    });
  }

  const loaders = fallbackLoaders(catalog, config, roles);
  const chains = new Map<FontRole, FaceChain>();
  const latin = resolveLatin(catalog);
  return {
    roles,
    warnings,
    ...(latin ? { latin } : {}),
    chain(role) {
      let chain = chains.get(role);
      if (!chain) {
        chain = new FaceChain(roles[role].face, loaders);
        chains.set(role, chain);
      }
      return chain;
    },
  };
}

/** Times New Roman when installed, else the bundled Tinos (the same widths); none when neither can be loaded. */
function resolveLatin(catalog: FontCatalog): LoadedFace | undefined {
  const installed = catalog.findInstalled(LATIN_FACE.wish);
  if (installed) {
    try {
      return catalog.loadInstalled(installed);
    } catch {
      // A damaged installed font: the bundled face.
    }
  }
  return catalog.loadBundled(LATIN_FACE.bundled);
}

function loadSource(catalog: FontCatalog, source: FontSource): LoadedFace {
  try {
    if (source.kind === 'file') return catalog.load(source.path, source.postscriptName);
    const installed = catalog.findInstalled({ family: source.family, ...(source.style ? { style: source.style } : {}) });
    if (!installed) {
      throw new FontError('family-not-found', `本机没有找到名为“${source.family}”的字体；请改写字体文件的路径`);
    }
    return catalog.loadInstalled(installed);
  } catch (error) {
    if (error instanceof FontError) {
      throw new FontError(error.code, `${source.origin}：${error.message}`, { cause: error.cause });
    }
    throw error;
  }
}

function resolveUnconfigured(catalog: FontCatalog, spec: FontRoleSpec): RoleResolution {
  const { role } = spec;
  for (const [wishes, fallback] of [
    [spec.mandated, false],
    [spec.substitutes, true],
  ] as const) {
    for (const wish of wishes) {
      const installed = catalog.findInstalled(wish);
      if (!installed) continue;
      try {
        return { role, spec, face: catalog.loadInstalled(installed), origin: 'system', fallback };
      } catch {
        // A damaged installed font: try the next candidate.
      }
    }
  }
  const bundled = catalog.loadBundled(spec.bundled) ?? catalog.loadBundled('serif-regular');
  if (bundled) return { role, spec, face: bundled, origin: 'bundled', fallback: true };
  throw new FontError(
    'font-not-found',
    `没有找到可用于${spec.label}的字体（应为“${spec.expected}”），随附的开源字体也没有安装（请运行 npm ci）。请${howToConfigure(role)}。`,
  );
}

/**
 * The shared tail of every chain: the configured fallback fonts, the page
 * number (宋体) and body fonts when installed or configured (a 宋体 is a better
 * stand-in for a rare character than a bundled face), installed fonts known
 * for wide coverage, the heading and title fonts, and the bundled faces last.
 */
function fallbackLoaders(catalog: FontCatalog, config: FontConfig, roles: Record<FontRole, RoleResolution>): FaceLoader[] {
  const loaders: FaceLoader[] = [];
  const seen = new Set<string>();
  const once = (load: () => LoadedFace | undefined): FaceLoader => {
    let done = false;
    let face: LoadedFace | undefined;
    return () => {
      if (!done) {
        done = true;
        try {
          face = load();
        } catch {
          face = undefined;
        }
        if (face && seen.has(face.key)) face = undefined;
        if (face) seen.add(face.key);
      }
      return face;
    };
  };
  const roleFaces = (list: readonly FontRole[]) => {
    for (const role of list) {
      const resolution = roles[role];
      if (resolution.origin !== 'bundled') loaders.push(once(() => resolution.face));
    }
  };
  // Configured fallbacks are the user's word: load them now, so a bad path fails before any output.
  for (const source of config.fallback) {
    const face = loadSource(catalog, source);
    loaders.push(once(() => face));
  }
  roleFaces(['pageNumber', 'body']);
  for (const wish of SYSTEM_FALLBACK_FAMILIES) {
    loaders.push(
      once(() => {
        const installed = catalog.findInstalled(wish);
        return installed ? catalog.loadInstalled(installed) : undefined;
      }),
    );
  }
  roleFaces(['heading2', 'heading1', 'title']);
  for (const id of BUNDLED_FALLBACK_ORDER) loaders.push(once(() => catalog.loadBundled(id)));
  return loaders;
}
