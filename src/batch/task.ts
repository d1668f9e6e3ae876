/**
 * What travels between the batch runner and its workers: plain, cloneable
 * data only (no template environments, no fonts), so each worker builds its
 * own caches once and keeps them for every report it is given.
 */
import type { RenderedOutput } from '../build.js';
import type { FontOptions } from '../fonts/options.js';
import type { OutputKind } from '../render/emitters.js';
import type { DocxOptions } from '../render/docx/options.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface BatchOptions {
  outputs: OutputKind[];
  /** Output folder; default: each input's own folder. */
  out?: string;
  force: boolean;
  templatesDir?: string;
  docx?: DocxOptions;
  /** For PDF output: the font options as given; each worker resolves them once. */
  pdf?: { fontOptions: FontOptions; strictFonts: boolean };
  wanDecimals?: number;
}

export interface BatchTask {
  inputPath: string;
  options: BatchOptions;
}

export interface BatchTaskResult {
  inputPath: string;
  diagnostics: Diagnostic[];
  /** The emitters' diagnostics (fonts, missing characters). */
  warnings: Diagnostic[];
  outputs: RenderedOutput[];
  refused?: 'invalid' | 'unusable';
  /** Set when the build threw: a Chinese sentence for the summary. */
  failure?: string;
  /** Set when the PDF fonts the options name cannot be used: no unit can be built, the batch stops. */
  fontsUnusable?: string;
}
