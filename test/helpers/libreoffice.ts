/**
 * LibreOffice for tests, the same on every machine: soffice runs with a
 * throwaway user profile and a private fontconfig that sees only the fonts
 * bundled with xxgk (Noto Serif SC / Noto Sans SC from npm, see
 * src/fonts/bundled.ts) — never the system's fonts — and that maps every font
 * name a report asks for onto the bundled face xxgk itself uses for that role
 * (src/fonts/roles.ts): 仿宋_GB2312 → Noto Serif SC Regular, 方正小标宋简体 →
 * Noto Serif SC Black, 黑体 → Noto Sans SC Medium, 楷体_GB2312 → Noto Serif SC
 * Medium, 宋体 → Noto Serif SC Regular. Whether Chinese system fonts are
 * installed or not, a page breaks in the same place.
 *
 * One system font is let in: Liberation Serif (Debian fonts-liberation2,
 * which LibreOffice recommends) for Times New Roman, the Latin font of the
 * DOCX. It has Times New Roman's metrics, so digits and URLs take the width
 * they take in Word. Its files are linked into a private font folder; without
 * them Times New Roman falls to the bundled Tinos (its Latin subset: the same
 * widths, which xxgk's PDF sets Latin letters and digits in).
 *
 * The config is written into the test's temporary folder and handed to soffice
 * (and anything it starts, e.g. test/fixtures/xlsx/calc-edit.py) through
 * FONTCONFIG_FILE.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { BUNDLED_FACES, bundledFacePath } from '../../src/fonts/bundled.js';
import { ROLE_SPECS, type BundledFaceId } from '../../src/fonts/roles.js';
import { DEFAULT_DOCX_FONTS } from '../../src/render/docx/options.js';
import { DEFAULT_XLSX_FONTS } from '../../src/render/xlsx/report-workbook.js';
import { hasCommand } from './requires.js';

const run = promisify(execFile);

/** How to install what these tests need (Debian; see .ci/run). */
export const LIBREOFFICE_HINT = 'apt-get install libreoffice-writer-nogui libreoffice-calc-nogui (see .ci/run)';
export const POPPLER_HINT = 'apt-get install poppler-utils (see .ci/run)';
export const UNO_PYTHON_HINT = 'apt-get install python3-uno (see .ci/run)';
export const LATIN_FONT_HINT = 'apt-get install fonts-liberation2 (Liberation Serif, metric-compatible with Times New Roman; see .ci/run)';

/** Where Linux distributions put Liberation Serif (Debian/Ubuntu liberation2 and liberation, Fedora, Arch). */
const LIBERATION_FOLDERS = ['/usr/share/fonts/truetype/liberation2', '/usr/share/fonts/truetype/liberation', '/usr/share/fonts/liberation-serif', '/usr/share/fonts/liberation'];
const LIBERATION_SERIF = ['Regular', 'Bold', 'Italic', 'BoldItalic'].map((style) => `LiberationSerif-${style}.ttf`);

/** Liberation Serif's files, from the first folder that has its regular face; empty when it is not installed. */
export function latinMetricFontFiles(): string[] {
  for (const folder of LIBERATION_FOLDERS) {
    if (!existsSync(path.join(folder, LIBERATION_SERIF[0]!))) continue;
    return LIBERATION_SERIF.map((file) => path.join(folder, file)).filter((file) => existsSync(file));
  }
  return [];
}

/** Whether Times New Roman can be set with its own metrics (Liberation Serif). */
export function hasLatinMetricFont(): boolean {
  return latinMetricFontFiles().length > 0;
}

export function hasSoffice(): boolean {
  return hasCommand('soffice');
}

export function hasPoppler(): boolean {
  return hasCommand('pdftotext') && hasCommand('pdffonts');
}

/** The python with LibreOffice's UNO bridge, if there is one. */
export async function unoPython(): Promise<string | undefined> {
  if (!hasSoffice()) return undefined;
  for (const python of ['/usr/bin/python3', '/usr/lib/libreoffice/program/python']) {
    if (!existsSync(python)) continue;
    try {
      await run(python, ['-c', 'import uno'], { timeout: 20_000 });
      return python;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** The family (as fontconfig names it) that selects each bundled face; the Bold faces are their family at weight bold. */
const FACE_FAMILY: Record<BundledFaceId, string> = {
  'serif-regular': 'Noto Serif SC',
  'serif-medium': 'Noto Serif SC Medium',
  'serif-bold': 'Noto Serif SC',
  'serif-black': 'Noto Serif SC Black',
  'sans-regular': 'Noto Sans SC',
  'sans-medium': 'Noto Sans SC Medium',
  'kai-bold': 'LXGW WenKai',
  'latin-regular': 'Tinos',
};

const BOLD_FACES: ReadonlySet<BundledFaceId> = new Set(['serif-bold', 'kai-bold']);

/** Latin and generic names a document or LibreOffice's defaults may ask for (Times New Roman: see LATIN_METRIC; Tinos, bundled, has its widths). */
const LATIN: ReadonlyArray<readonly [string, BundledFaceId]> = [
  ['DejaVu Serif', 'serif-regular'],
  ['serif', 'serif-regular'],
  ['Calibri', 'sans-regular'],
  ['Arial', 'sans-regular'],
  ['Liberation Sans', 'sans-regular'],
  ['DejaVu Sans', 'sans-regular'],
  ['sans-serif', 'sans-regular'],
  ['monospace', 'sans-regular'],
];

/** The DOCX's Latin font and its metric twin, set in Liberation Serif when it is there. */
const LATIN_METRIC = [DEFAULT_DOCX_FONTS.latin, 'Times New Roman', 'Liberation Serif'];

/**
 * Every font name → the family that stands in for it: the roles' mandated
 * fonts and substitutes, the DOCX and XLSX defaults → the role's bundled face;
 * Times New Roman → Liberation Serif (or Noto Serif SC without it); other
 * Latin and generic names → Noto Serif SC / Noto Sans SC.
 */
export function fontAliases(latinMetric = hasLatinMetricFont(), faces = new Map<string, BundledFaceId>()): Map<string, string> {
  const aliases = new Map<string, string>();
  const add = (family: string, face: BundledFaceId) => {
    if (aliases.has(family)) return;
    aliases.set(family, FACE_FAMILY[face]);
    faces.set(family, face);
  };
  for (const family of LATIN_METRIC) {
    if (latinMetric) aliases.set(family, 'Liberation Serif');
    else add(family, 'latin-regular');
  }
  for (const spec of Object.values(ROLE_SPECS)) {
    for (const wish of [...spec.mandated, ...spec.substitutes]) add(wish.family, spec.bundled);
  }
  const { latin, ...roles } = DEFAULT_DOCX_FONTS;
  for (const [role, family] of Object.entries(roles)) add(family, ROLE_SPECS[role as keyof typeof roles].bundled);
  add(DEFAULT_XLSX_FONTS.label, ROLE_SPECS.table.bundled);
  add(DEFAULT_XLSX_FONTS.number, ROLE_SPECS.pageNumber.bundled);
  add(DEFAULT_XLSX_FONTS.text, ROLE_SPECS.pageNumber.bundled);
  for (const [family, face] of LATIN) add(family, face);
  return aliases;
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The folders of the bundled faces xxgk uses (one face per folder in the npm
 * packages; the Kai face's folder is the cache of decoded WOFF files).
 */
export function bundledFontFolders(): string[] {
  const folders = BUNDLED_FACES.map((face) => {
    const file = bundledFacePath(face);
    if (!file) throw new Error(`bundled font ${face.packageName}/${face.file} is not installed (npm ci)`);
    return path.dirname(file);
  });
  return [...new Set(folders)];
}

/**
 * A fontconfig configuration with only the bundled fonts (and the folder
 * `latinFolder` holding Liberation Serif, if given) and the name mapping; no
 * system fonts, no system rules.
 */
export function fontconfigXml(cacheDir: string, latinFolder?: string): string {
  const lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">', '<fontconfig>'];
  for (const folder of bundledFontFolders()) lines.push(`  <dir>${xml(folder)}</dir>`);
  if (latinFolder) lines.push(`  <dir>${xml(latinFolder)}</dir>`);
  lines.push(`  <cachedir>${xml(cacheDir)}</cachedir>`, '  <config><rescan><int>0</int></rescan></config>');
  const faces = new Map<string, BundledFaceId>();
  for (const [family, target] of fontAliases(latinFolder !== undefined, faces)) {
    lines.push(
      '  <match target="pattern">',
      `    <test name="family" qual="any" compare="eq"><string>${xml(family)}</string></test>`,
      `    <edit name="family" mode="assign" binding="strong"><string>${xml(target)}</string></edit>`,
      // The Bold faces are the bold weight of Noto Serif SC and LXGW WenKai.
      ...(BOLD_FACES.has(faces.get(family)!) ? ['    <edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>'] : []),
      '  </match>',
    );
  }
  // Any other name: Noto Serif SC, rather than whatever fontconfig scores best.
  lines.push('  <match target="pattern">', `    <edit name="family" mode="append_last" binding="weak"><string>${FACE_FAMILY['serif-regular']}</string></edit>`, '  </match>');
  lines.push('</fontconfig>', '');
  return lines.join('\n');
}

/**
 * The environment for soffice in `folder`: FONTCONFIG_FILE points at a config
 * written to folder/fontconfig (its cache and links to Liberation Serif
 * beside it).
 */
export async function libreOfficeEnv(folder: string): Promise<NodeJS.ProcessEnv> {
  const dir = path.join(folder, 'fontconfig');
  await mkdir(path.join(dir, 'cache'), { recursive: true });
  const latin = latinMetricFontFiles();
  let latinFolder: string | undefined;
  if (latin.length > 0) {
    latinFolder = path.join(dir, 'latin');
    await mkdir(latinFolder, { recursive: true });
    await Promise.all(latin.map((file) => symlink(file, path.join(latinFolder!, path.basename(file)))));
  }
  const file = path.join(dir, 'fonts.conf');
  await writeFile(file, fontconfigXml(path.join(dir, 'cache'), latinFolder));
  const env: NodeJS.ProcessEnv = { ...process.env, FONTCONFIG_FILE: file };
  delete env.FONTCONFIG_PATH;
  delete env.FONTCONFIG_SYSROOT;
  return env;
}

/** soffice arguments with a throwaway profile, so runs never share (and lock) one or read the user's settings. */
export function sofficeArgs(profile: string, ...args: string[]): string[] {
  return [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', ...args];
}

/** Runs soffice in `folder` with its own profile (folder/profile) and the private fontconfig. */
export async function soffice(folder: string, args: string[], timeout = 180_000): Promise<{ stdout: string; stderr: string }> {
  return run('soffice', sofficeArgs(path.join(folder, 'profile'), ...args), { env: await libreOfficeEnv(folder), timeout, maxBuffer: 16 * 1024 * 1024 });
}

/** The fonts embedded in a PDF, as `pdffonts` lists them (name without the subset prefix). */
export async function pdfFonts(pdf: string): Promise<string[]> {
  const { stdout } = await run('pdffonts', [pdf]);
  return stdout
    .split('\n')
    .slice(2)
    .map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''))
    .filter((name) => name !== '');
}
