/**
 * A batch worker: validates and renders one report per call and returns the
 * bytes; it never writes. Template environments are created once per worker
 * (per templates folder) and reused for every report it builds.
 */
import { prepareBuild } from '../build.js';
import { createTemplateEnvironment, type TemplateEnvironment } from '../compose/environment.js';
import { describeFailure } from './failure.js';
import type { BatchTask, BatchTaskResult } from './task.js';

const environments = new Map<string, TemplateEnvironment>();

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
    const prepared = await prepareBuild(inputPath, {
      outputs: options.outputs,
      force: options.force,
      templates: environmentFor(options.templatesDir),
      ...(options.out ? { out: options.out } : {}),
      ...(options.docx ? { docx: options.docx } : {}),
      ...(options.wanDecimals !== undefined ? { wanDecimals: options.wanDecimals } : {}),
    });
    return { inputPath, ...prepared };
  } catch (error) {
    return { inputPath, diagnostics: [], outputs: [], failure: describeFailure(error) };
  }
}
