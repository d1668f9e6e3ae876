/**
 * Font roles of a printed report (spec §6.4) and, for each, the fonts that
 * satisfy it. GB/T 9704 names type styles (小标宋, 仿宋, 黑体, 楷体, 宋体), not
 * files; these lists map them to the family names the usual Windows, macOS and
 * Founder (方正) fonts carry, in Chinese and in English.
 *
 *   mandated     a font that is the style the standard asks for; using it is no fallback
 *   substitutes  installed fonts that look closer to the style than the bundled default
 *                (still reported as a fallback)
 *   bundled      the open font installed with xxgk by `npm ci` (always available)
 */

export type FontRole = 'title' | 'body' | 'heading1' | 'heading2' | 'pageNumber' | 'table';

export const FONT_ROLES: readonly FontRole[] = ['title', 'body', 'heading1', 'heading2', 'pageNumber', 'table'];

/** An installed font wanted by family name, optionally a particular style (e.g. Bold) of it. */
export interface FamilyWish {
  family: string;
  style?: string;
}

/** Faces shipped in npm packages (see bundled.ts). */
export type BundledFaceId = 'serif-regular' | 'serif-medium' | 'serif-bold' | 'serif-black' | 'sans-regular' | 'sans-medium' | 'kai-bold' | 'latin-regular';

/**
 * The Latin face (ASCII letters, digits and punctuation in every role but the
 * page number), as the DOCX names it (`DocxFonts.latin`): Times New Roman when
 * installed, else the bundled Tinos, which has Times New Roman's metrics.
 */
export const LATIN_FACE: { wish: FamilyWish; bundled: BundledFaceId } = { wish: { family: 'Times New Roman' }, bundled: 'latin-regular' };

export interface FontRoleSpec {
  role: FontRole;
  /** The role as the user reads it, e.g. 正文. */
  label: string;
  /** What it is used for, for `xxgk fonts`. */
  usage: string;
  /** The font the standard expects, as named in messages, e.g. 仿宋_GB2312. */
  expected: string;
  mandated: readonly FamilyWish[];
  substitutes: readonly FamilyWish[];
  bundled: BundledFaceId;
  /**
   * A role that, unless configured itself, uses whatever another role resolved
   * to (tables are set in the body font).
   */
  inherits?: FontRole;
}

const f = (family: string, style?: string): FamilyWish => (style ? { family, style } : { family });

const FANGSONG = [
  f('仿宋_GB2312'),
  f('FangSong_GB2312'),
  f('仿宋'),
  f('FangSong'),
  f('方正仿宋_GBK'),
  f('FZFangSong-Z02'),
  f('方正仿宋简体'),
  f('FZFangSong-Z02S'),
  f('华文仿宋'),
  f('STFangsong'),
];

export const ROLE_SPECS: Readonly<Record<FontRole, FontRoleSpec>> = {
  title: {
    role: 'title',
    label: '标题',
    usage: '2号小标宋体标题',
    expected: '方正小标宋简体',
    mandated: [
      f('方正小标宋简体'),
      f('FZXiaoBiaoSong-B05S'),
      f('方正小标宋_GBK'),
      f('FZXiaoBiaoSong-B05'),
      f('方正小标宋'),
      f('小标宋'),
    ],
    substitutes: [f('华文中宋'), f('STZhongsong'), f('思源宋体', 'Heavy'), f('Source Han Serif SC', 'Heavy')],
    bundled: 'serif-black',
  },
  body: {
    role: 'body',
    label: '正文',
    usage: '3号仿宋体正文、三四级标题、落款',
    expected: '仿宋_GB2312',
    mandated: FANGSONG,
    substitutes: [f('朱雀仿宋'), f('Zhuque Fangsong (technical preview)'), f('Zhuque Fangsong')],
    bundled: 'serif-regular',
  },
  heading1: {
    role: 'heading1',
    label: '一级标题',
    usage: '3号黑体一级标题“一、”',
    expected: '黑体',
    mandated: [f('黑体'), f('SimHei'), f('方正黑体_GBK'), f('FZHei-B01'), f('方正黑体简体'), f('FZHei-B01S'), f('华文黑体'), f('STHeiti'), f('黑体-简'), f('Heiti SC')],
    substitutes: [],
    bundled: 'sans-medium',
  },
  heading2: {
    role: 'heading2',
    label: '二级标题',
    usage: '3号楷体二级标题“（一）”',
    expected: '楷体_GB2312',
    mandated: [
      f('楷体_GB2312'),
      f('KaiTi_GB2312'),
      f('楷体'),
      f('KaiTi'),
      f('方正楷体_GBK'),
      f('FZKai-Z03'),
      f('方正楷体简体'),
      f('FZKai-Z03S'),
      f('华文楷体'),
      f('STKaiti'),
      f('楷体-简'),
      f('Kaiti SC'),
    ],
    substitutes: [f('霞鹜文楷'), f('LXGW WenKai'), f('AR PL UKai CN'), f('文鼎ＰＬ中楷')],
    bundled: 'kai-bold',
  },
  pageNumber: {
    role: 'pageNumber',
    label: '页码',
    usage: '4号半角宋体页码“— 1 —”',
    expected: '宋体',
    mandated: [f('宋体'), f('SimSun'), f('方正书宋_GBK'), f('FZShuSong-Z01'), f('方正书宋简体'), f('华文宋体'), f('STSong'), f('Songti SC')],
    substitutes: [],
    bundled: 'serif-regular',
  },
  table: {
    role: 'table',
    label: '表格',
    usage: '统计表内文字（默认与正文同一字体）',
    expected: '仿宋_GB2312',
    mandated: FANGSONG,
    substitutes: [],
    bundled: 'serif-regular',
    inherits: 'body',
  },
};

/**
 * Installed fonts tried, in order, for characters that a role's font lacks
 * (rare characters in names, symbols, emoji), before the bundled faces.
 */
export const SYSTEM_FALLBACK_FAMILIES: readonly FamilyWish[] = [
  f('SimSun-ExtB'),
  f('SimSun-ExtG'),
  f('MingLiU-ExtB'),
  f('Noto Serif CJK SC'),
  f('Source Han Serif SC'),
  f('Noto Sans CJK SC'),
  f('Source Han Sans SC'),
  f('HanaMinA'),
  f('HanaMinB'),
  f('Segoe UI Symbol'),
  f('Noto Sans Symbols'),
  f('Noto Sans Symbols 2'),
  f('Noto Emoji'),
  f('Segoe UI Emoji'),
  f('Apple Symbols'),
  f('DejaVu Sans'),
  f('Symbola'),
];

export function isFontRole(value: string): value is FontRole {
  return (FONT_ROLES as readonly string[]).includes(value);
}
