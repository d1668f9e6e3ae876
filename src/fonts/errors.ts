/**
 * Font problems the user can cause and fix: a configured path that does not
 * exist, a file that is not a font, a collection without the named face, a bad
 * configuration file, or (with --strict-fonts) characters no font can print.
 * The message is one Chinese sentence meant to be printed as is; the CLI maps
 * this class to exit code 2 before anything is written.
 */
export type FontErrorCode =
  | 'font-not-found'
  | 'not-a-font'
  | 'face-not-in-collection'
  | 'family-not-found'
  | 'bad-font-config'
  | 'missing-glyphs'
  /** The PDF engine's libraries are not the versions xxgk was written for (src/render/pdf/versions.ts). */
  | 'pdf-engine-version';

export class FontError extends Error {
  override name = 'FontError';

  constructor(
    readonly code: FontErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
