/**
 * Collects, per character, where in the report it occurs and which font
 * printed it, for the glyph warnings of a render.
 */
import type { LoadedFace } from '../../fonts/catalog.js';
import { codePointLabel, describeCharacters, type CharacterReport, type FontWarning } from '../../fonts/warnings.js';

export class GlyphLedger {
  /** Characters no font has → where they occur. */
  readonly missing = new Map<string, string[]>();
  /** Characters set in a fallback font → the font and where. */
  readonly fallback = new Map<string, { face: LoadedFace; where: string[] }>();

  note(char: string, where: string, face?: LoadedFace): void {
    if (face) {
      const entry = this.fallback.get(char) ?? { face, where: [] };
      if (!entry.where.includes(where)) entry.where.push(where);
      this.fallback.set(char, entry);
    } else {
      const places = this.missing.get(char) ?? [];
      if (!places.includes(where)) places.push(where);
      this.missing.set(char, places);
    }
  }

  warnings(): FontWarning[] {
    const warnings: FontWarning[] = [];
    if (this.fallback.size > 0) {
      const characters: CharacterReport[] = [...this.fallback].map(([char, { face, where }]) => ({
        char,
        codePoint: codePointLabel(char),
        where,
        font: face.displayName,
      }));
      warnings.push({
        code: 'FONT-GLYPH-FALLBACK',
        severity: 'info',
        stage: 'render',
        path: [],
        characters,
        message: `以下字符在规定字体中没有，已改用其他字体印出：${describeCharacters(characters)}`,
      });
    }
    if (this.missing.size > 0) {
      const characters: CharacterReport[] = [...this.missing].map(([char, where]) => ({ char, codePoint: codePointLabel(char), where }));
      warnings.push({
        code: 'FONT-MISSING-GLYPHS',
        severity: 'warning',
        stage: 'render',
        path: [],
        characters,
        message: `以下字符在所有可用字体中都没有，在 PDF 中会印成空框：${describeCharacters(characters)}。请用 --font fallback=字体文件路径 指定含有这些字符的字体，或改写这些字符`,
      });
    }
    return warnings;
  }
}
