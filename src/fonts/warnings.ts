/**
 * What font handling tells the user without stopping: a role set in a
 * substitute font, characters printed in a fallback font, characters no
 * available font has. Each warning is a Diagnostic (with a ready Chinese
 * message) and carries the details behind it:
 *
 *   FONT-SUBSTITUTED     warning, stage 'fonts'  (resolving the roles' fonts)
 *   FONT-GLYPH-FALLBACK  info,    stage 'render' (characters set in a fallback font)
 *   FONT-MISSING-GLYPHS  warning, stage 'render' (characters no font has)
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { FontRole } from './roles.js';

export interface CharacterReport {
  char: string;
  /** e.g. U+20BB7 */
  codePoint: string;
  /** Where the character occurs, e.g. “一、总体情况 第2段”. */
  where: string[];
  /** The font that printed it (glyph-fallback only). */
  font?: string;
}

export type FontWarning =
  | (Diagnostic & { code: 'FONT-SUBSTITUTED'; stage: 'fonts'; role: FontRole; expected: string; used: string })
  | (Diagnostic & { code: 'FONT-GLYPH-FALLBACK'; stage: 'render'; characters: CharacterReport[] })
  | (Diagnostic & { code: 'FONT-MISSING-GLYPHS'; stage: 'render'; characters: CharacterReport[] });

export function codePointLabel(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Lists characters with where they occur: 「𠮷」(U+20BB7，一、总体情况 第2段). */
export function describeCharacters(characters: readonly CharacterReport[], limit = 20): string {
  const shown = characters.slice(0, limit).map((c) => {
    const where = c.where.slice(0, 3).join('、') + (c.where.length > 3 ? ` 等 ${c.where.length} 处` : '');
    return `「${c.char}」（${c.codePoint}，${where}${c.font ? `，用 ${c.font}` : ''}）`;
  });
  const more = characters.length > limit ? ` 等共 ${characters.length} 个字符` : '';
  return shown.join('；') + more;
}
