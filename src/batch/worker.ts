/**
 * A batch worker: validates and renders one report per call and returns the
 * bytes; it never writes. Template environments are created once per worker
 * (per templates folder) and reused for every report it builds.
 */
import { prepareBuild } from '../build.js';
import { createTemplateEnvironment, type TemplateEnvironment } from '../compose/environment.js';
import { workerData } from 'node:worker_threads';
import { resolveFontOptions } from '../fonts/options.js';
import type { ResolvedFonts } from '../fonts/resolve.js';
import type { PdfOptions } from '../render/pdf.js';
import { describeFailure } from './failure.js';
import { FontError } from '../fonts/errors.js';
import type { BatchOptions, BatchTask, BatchTaskResult } from './task.js';

const environments = new Map<string, TemplateEnvironment>();
/** Fonts are read and parsed once per worker, then shared by every PDF it renders. */
const resolvedFonts = new Map<string, Promise<ResolvedFonts>>();

async function pdfOptionsFor(pdf: BatchOptions['pdf']): Promise<PdfOptions | undefined> {
  if (!pdf) return undefined;
  const key = JSON.stringify(pdf.fontOptions);
  let fonts = resolvedFonts.get(key);
  if (!fonts) {
    fonts = resolveFontOptions(pdf.fontOptions);
    resolvedFonts.set(key, fonts);
    // A failure is reported with the unit that needed the fonts, and tried again for the next one.
    fonts.catch(() => resolvedFonts.delete(key));
  }
  return { fonts: await fonts, strictFonts: pdf.strictFonts };
}

/**
 * The pool's options arrive as workerData when the worker starts (piscina
 * loads this module then): loading the emitters and reading the fonts begins
 * at once, alongside the main thread's own start-up, not with the first unit.
 * Failures are left to the units, which report them.
 */
async function warmUp(options: BatchOptions): Promise<void> {
  const { loadEmitter } = await import('../render/emitters.js');
  await Promise.all([...options.outputs.map((kind) => loadEmitter(kind)), pdfOptionsFor(options.pdf)]);
}

if (workerData) warmUp(workerData as BatchOptions).catch(() => {});

function environmentFor(templatesDir: string | undefined): TemplateEnvironment {
  const key = templatesDir ?? '';
  let environment = environments.get(key);
  if (!environment) {
    environment = createTemplateEnvironment(templatesDir ? { userTemplatesDir: templatesDir } : {});
    environments.set(key, environment);
  }
  return environment;
}

export default async function buildTask({ inputPath, options }: BatchTask): Promise<BatchTaskResult> {
  let pdf: PdfOptions | undefined;
  try {
    pdf = await pdfOptionsFor(options.pdf);
  } catch (error) {
    const unusable = error instanceof FontError ? { fontsUnusable: error.message } : {};
    return { inputPath, diagnostics: [], warnings: [], outputs: [], failure: describeFailure(error), ...unusable };
  }
  try {
    const prepared = await prepareBuild(inputPath, {
      outputs: options.outputs,
      force: options.force,
      templates: environmentFor(options.templatesDir),
      ...(options.out ? { out: options.out } : {}),
      ...(options.docx ? { docx: options.docx } : {}),
      ...(pdf ? { pdf } : {}),
      ...(options.wanDecimals !== undefined ? { wanDecimals: options.wanDecimals } : {}),
    });
    return { inputPath, ...prepared };
  } catch (error) {
    return { inputPath, diagnostics: [], warnings: [], outputs: [], failure: describeFailure(error) };
  }
}
