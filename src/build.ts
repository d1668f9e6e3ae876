/**
 * Building a report end to end: validate, refuse on errors unless forced,
 * compose once, render each requested output and write it atomically.
 */
import path from 'node:path';
import { composeReport } from './compose/compose.js';
import type { TemplateEnvironment } from './compose/environment.js';
import type { FormatDefinition } from './formats/format.js';
import type { FormatRegistry } from './formats/registry.js';
import { OutputWriteError, safeFileName, writeFilesAtomic } from './io/output-file.js';
import type { ReportDocument } from './document/model.js';
import { EXTENSIONS, loadEmitter, type EmitterOptions, type EmitterResult, type OutputKind } from './render/emitters.js';
import { hasErrors, type Diagnostic } from './diagnostics/diagnostic.js';
import { validateReportFile } from './validate/index.js';

export interface BuildOptions extends EmitterOptions {
  outputs: readonly OutputKind[];
  /** Folder to write into (default: the input's folder) or, with one output, a file path. */
  out?: string;
  previousPath?: string;
  /** The formats a data file may be in (default: the built-in ones). */
  formats?: FormatRegistry;
  /** Build even when validation found errors (the errors are still returned). */
  force?: boolean;
  templates?: TemplateEnvironment;
  wanDecimals?: number;
  /**
   * Outputs rendered elsewhere (the PDF on another thread): started as soon
   * as the document is composed, so they overlap the outputs rendered here.
   */
  renderElsewhere?: Partial<Record<OutputKind, (document: ReportDocument) => Promise<EmitterResult>>>;
}

/** One rendered output, not yet written. */
export interface RenderedOutput {
  target: string;
  bytes: Uint8Array;
}

export interface PreparedBuild {
  diagnostics: Diagnostic[];
  /** What the emitters had to say (substituted fonts, characters without a font), about this report's file, without repeated messages. */
  warnings: Diagnostic[];
  /** Rendered outputs in the order of `outputs`; empty when the build was refused. */
  outputs: RenderedOutput[];
  /** Why nothing was rendered, when it was not. */
  refused?: 'invalid' | 'unusable';
}

export interface BuildResult {
  diagnostics: Diagnostic[];
  /** The emitters' diagnostics (see PreparedBuild). */
  warnings: Diagnostic[];
  /** Paths written, in the order of `outputs`; empty when the build was refused. */
  written: string[];
  /** Why nothing was written, when it was not. */
  refused?: 'invalid' | 'unusable';
}

function targetPath(inputPath: string, title: string, extension: string, out: string | undefined, single: boolean): string {
  if (out && single && path.extname(out).toLowerCase() === extension) return out;
  const folder = out ?? path.dirname(inputPath);
  return path.join(folder, safeFileName(title, extension));
}

/**
 * Validates and renders every requested output in memory, writing nothing.
 * Batch workers run this and hand the bytes to the main thread, which alone
 * writes files, so an interrupted batch cannot leave a partial file.
 */
export async function prepareBuild(inputPath: string, options: BuildOptions): Promise<PreparedBuild> {
  const validation = await validateReportFile(inputPath, {
    ...(options.previousPath ? { previousPath: options.previousPath } : {}),
    ...(options.formats ? { formats: options.formats } : {}),
  });
  const { diagnostics } = validation;
  if (!validation.report || !validation.format) return { diagnostics, warnings: [], outputs: [], refused: 'unusable' };
  if (hasErrors(diagnostics) && !options.force) return { diagnostics, warnings: [], outputs: [], refused: 'invalid' };

  const format = validation.format as FormatDefinition<unknown>;
  const document = composeReport(validation.report, format, {
    ...(options.templates ? { templates: options.templates } : {}),
    ...(options.wanDecimals !== undefined ? { wanDecimals: options.wanDecimals } : {}),
  });
  const rendering = new Map<OutputKind, Promise<EmitterResult>>();
  for (const kind of options.outputs) {
    const elsewhere = options.renderElsewhere?.[kind];
    if (elsewhere) rendering.set(kind, elsewhere(document));
  }
  // Settled here so that a failure elsewhere is not reported as unhandled while this thread is still busy.
  for (const pending of rendering.values()) pending.catch(() => {});
  for (const kind of options.outputs) {
    if (rendering.has(kind)) continue;
    const emitter = await loadEmitter(kind);
    rendering.set(kind, Promise.resolve(await emitter.render(document, options)));
  }
  const outputs: RenderedOutput[] = [];
  // One diagnostic per message: the PDF rendered for each output would repeat the same font substitution.
  const warnings = new Map<string, Diagnostic>();
  for (const kind of options.outputs) {
    const rendered = await rendering.get(kind)!;
    for (const warning of rendered.warnings) if (!warnings.has(warning.message)) warnings.set(warning.message, { ...warning, file: warning.file ?? inputPath });
    outputs.push({
      target: targetPath(inputPath, document.meta.title, EXTENSIONS[kind], options.out, options.outputs.length === 1),
      bytes: rendered.bytes,
    });
  }
  // Never write over the user's data: an output named like an input is refused before anything is written.
  const sources = [inputPath, options.previousPath].filter((source): source is string => source !== undefined).map((source) => path.resolve(source));
  const clash = outputs.find((output) => sources.includes(path.resolve(output.target)));
  if (clash) {
    throw new OutputWriteError(
      `输出文件 ${clash.target} 就是数据文件本身，没有写入（否则数据会被覆盖）；请用 --out 另选输出文件夹或文件名`,
      clash.target,
    );
  }
  return { diagnostics, warnings: [...warnings.values()], outputs };
}

/**
 * Writes a report's outputs as one step: all are staged in full before any is
 * renamed into place, so a failure (a full disk) leaves none of them behind.
 */
export async function writeOutputs(outputs: readonly RenderedOutput[]): Promise<string[]> {
  await writeFilesAtomic(outputs.map(({ target, bytes }) => ({ target, data: bytes })));
  return outputs.map(({ target }) => target);
}

/** Validate, render and write one report. Everything is rendered before anything is written. */
export async function buildReportFile(inputPath: string, options: BuildOptions): Promise<BuildResult> {
  const prepared = await prepareBuild(inputPath, options);
  const written = await writeOutputs(prepared.outputs);
  return {
    diagnostics: prepared.diagnostics,
    warnings: prepared.warnings,
    written,
    ...(prepared.refused ? { refused: prepared.refused } : {}),
  };
}
