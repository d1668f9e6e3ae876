/**
 * A batch worker: validates and renders one report per call and returns the
 * bytes; it never writes. Template environments are created once per worker
 * (per templates folder) and reused for every report it builds.
 */
import { prepareBuild } from '../build.js';
import { createTemplateEnvironment, type TemplateEnvironment } from '../compose/environment.js';
import { catalogFromArgs, fontConfigFromArgs } from '../cli/commands/fonts.js';
import type { ResolvedFonts } from '../fonts/resolve.js';
import type { PdfOptions } from '../render/pdf.js';
import { describeFailure } from './failure.js';
import type { BatchOptions, BatchTask, BatchTaskResult } from './task.js';

const environments = new Map<string, TemplateEnvironment>();
/** Fonts are read and parsed once per worker, then shared by every PDF it renders. */
const resolvedFonts = new Map<string, ResolvedFonts>();

async function pdfOptionsFor(pdf: BatchOptions['pdf']): Promise<PdfOptions | undefined> {
  if (!pdf) return undefined;
  const key = JSON.stringify(pdf.fontArgs);
  let fonts = resolvedFonts.get(key);
  if (!fonts) {
    const { resolveFonts } = await import('../fonts/resolve.js');
    fonts = resolveFonts(await catalogFromArgs(pdf.fontArgs), await fontConfigFromArgs(pdf.fontArgs));
    resolvedFonts.set(key, fonts);
  }
  return { fonts, strictFonts: pdf.strictFonts };
}

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
  try {
    const pdf = await pdfOptionsFor(options.pdf);
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
