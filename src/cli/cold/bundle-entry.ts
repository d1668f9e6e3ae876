/**
 * The entry part of dist/bundle/xxgk.parts, the program in parts for the code
 * cache (see code-cache.ts). It imports everything lazily, so that a thread
 * loads only the parts its work needs (the PDF render thread: the PDF engine
 * and fonts, not the command line).
 */
import { packagePath } from '../../package-paths.js';
import type { OutputKind } from '../../render/emitters.js';

/** The command line (cli/main.ts). */
export async function runCli(argv: readonly string[]): Promise<number> {
  return (await import('../main.js')).runCli(argv);
}

/** The batch worker's task function (piscina), its module initialised now: it starts loading what workerData asks for. */
export async function batchWorker(): Promise<unknown> {
  return (await import('../../batch/worker.js')).default;
}

/** Runs the render thread's module (it listens for documents). */
export async function renderThread(): Promise<void> {
  await import('../../batch/render-thread.js');
}

/**
 * What build-cache.js runs before saving the compiled code: the paths a build
 * takes (validation, composition, every emitter, the PDF with the bundled
 * fonts), on the bundled sample, in memory.
 */
export async function warmUp(): Promise<void> {
  const [{ prepareBuild }, { createTemplateEnvironment }, { resolveFontOptions }] = await Promise.all([
    import('../../build.js'),
    import('../../compose/environment.js'),
    import('../../fonts/options.js'),
    import('../commands/build.js'),
    import('../commands/validate.js'),
  ]);
  const outputs: OutputKind[] = ['docx', 'pdf', 'xlsx', 'html'];
  await prepareBuild(packagePath('samples', '青禾区人民政府2024年报.yaml'), {
    outputs,
    force: true,
    templates: createTemplateEnvironment({}),
    pdf: { fonts: await resolveFontOptions({ systemFonts: false }), creationDate: new Date(0) },
  });
}
