/**
 * The open default fonts installed with xxgk by `npm ci` (all SIL Open Font
 * License 1.1): static TrueType instances of Noto Serif SC and Noto Sans SC
 * from the @expo-google-fonts packages, and LXGW WenKai (霞鹜文楷), a Kai face,
 * from @fontsource/lxgw-wenkai, which ships it only as whole-font WOFF: that
 * file is decoded to a TTF in a cache folder on first use (woff.ts); and
 * Tinos (@fontsource/tinos, its Latin subset WOFF, decoded the same way), with
 * Times New Roman's widths, for Latin letters and digits. Only the
 * faces listed here are ever read; see fonts/README.md for how they compare
 * with the mandated fonts.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BundledFaceId } from './roles.js';
import { decodedWoffPath } from './woff.js';

export interface BundledFace {
  id: BundledFaceId;
  /** npm package that ships the file. */
  packageName: string;
  /** File inside the package: a TTF/OTF, or a whole-font WOFF 1.0 decoded on first use. */
  file: string;
  postscriptName: string;
  /** How `xxgk fonts` names it. */
  displayName: string;
}

const SERIF = '@expo-google-fonts/noto-serif-sc';
const SANS = '@expo-google-fonts/noto-sans-sc';
const WENKAI = '@fontsource/lxgw-wenkai';
const TINOS = '@fontsource/tinos';

export const BUNDLED_FACES: readonly BundledFace[] = [
  { id: 'serif-regular', packageName: SERIF, file: '400Regular/NotoSerifSC_400Regular.ttf', postscriptName: 'NotoSerifSC-Regular', displayName: 'Noto Serif SC Regular（思源宋体）' },
  { id: 'serif-medium', packageName: SERIF, file: '500Medium/NotoSerifSC_500Medium.ttf', postscriptName: 'NotoSerifSC-Medium', displayName: 'Noto Serif SC Medium（思源宋体）' },
  { id: 'serif-bold', packageName: SERIF, file: '700Bold/NotoSerifSC_700Bold.ttf', postscriptName: 'NotoSerifSC-Bold', displayName: 'Noto Serif SC Bold（思源宋体）' },
  { id: 'serif-black', packageName: SERIF, file: '900Black/NotoSerifSC_900Black.ttf', postscriptName: 'NotoSerifSC-Black', displayName: 'Noto Serif SC Black（思源宋体）' },
  { id: 'sans-regular', packageName: SANS, file: '400Regular/NotoSansSC_400Regular.ttf', postscriptName: 'NotoSansSC-Regular', displayName: 'Noto Sans SC Regular（思源黑体）' },
  { id: 'kai-bold', packageName: WENKAI, file: 'files/lxgw-wenkai-latin-700-normal.woff', postscriptName: 'LXGWWenKai-Bold', displayName: 'LXGW WenKai Bold（霞鹜文楷）' },
  { id: 'sans-medium', packageName: SANS, file: '500Medium/NotoSansSC_500Medium.ttf', postscriptName: 'NotoSansSC-Medium', displayName: 'Noto Sans SC Medium（思源黑体）' },
  // Latin letters and digits: Tinos has Times New Roman's advance widths (the DOCX's Latin font); its Latin subset WOFF.
  { id: 'latin-regular', packageName: TINOS, file: 'files/tinos-latin-400-normal.woff', postscriptName: 'Tinos-Regular', displayName: 'Tinos（与 Times New Roman 字宽相同）' },
];

/** Faces tried last for any character no other font has. */
export const BUNDLED_FALLBACK_ORDER: readonly BundledFaceId[] = ['serif-regular', 'sans-regular'];

/**
 * Where a bundled face is on disk as a TTF/OTF, or undefined when its package
 * is not installed (or a WOFF face cannot be decoded into any cache folder).
 */
export function bundledFacePath(face: BundledFace, resolveFrom: string = import.meta.url): string | undefined {
  const file = bundledPackageFile(face, resolveFrom);
  if (!file || !/\.woff$/i.test(file)) return file;
  try {
    return decodedWoffPath(file);
  } catch {
    return undefined;
  }
}

/** The face's file as its package ships it (for a WOFF face, the WOFF itself). */
export function bundledPackageFile(face: BundledFace, resolveFrom: string = import.meta.url): string | undefined {
  try {
    const require = createRequire(resolveFrom);
    // The package's main file is at its root (index.js, index.css).
    const packageDir = path.dirname(require.resolve(face.packageName));
    const file = path.join(packageDir, face.file);
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}
