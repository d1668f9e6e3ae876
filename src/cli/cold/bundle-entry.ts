/**
 * The entry of dist/bundle/xxgk.cjs, the whole program as one CommonJS script
 * for the code cache (see code-cache.ts). Every module is still initialised
 * only when first imported, as in the ES module bundle.
 */
import { packagePath } from '../../package-paths.js';
import type { OutputKind } from '../../render/emitters.js';

export { runCli } from '../main.js';

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
