import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Argv } from 'yargs';
import { defaultJobs } from '../../batch/jobs.js';
import { buildReportFile, type BuildOptions } from '../../build.js';
import { createTemplateEnvironment } from '../../compose/environment.js';
import { DEFAULT_DOCX_FONTS, type DocxFonts } from '../../render/docx/options.js';
import { OUTPUT_KINDS, type OutputKind } from '../../render/emitters.js';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { CliFailure, EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE } from '../errors.js';
import { noticeLabel, printable, printDiagnostics, summarize, type Printer } from '../output.js';
import { fontOptionsFromArgs, resolveFontsFromArgs, withFontOptions, type FontArgs } from './fonts.js';
import type { PdfOptions } from '../../render/pdf.js';
import type { RenderThread, ThreadEmitterOptions } from '../../batch/render-offload.js';
import type { ReportDocument } from '../../document/model.js';

export interface BuildArgs extends FontArgs {
  'strict-fonts': boolean;
  files: string[];
  jobs?: number;
  'plain-progress': boolean;
  to: string;
  out?: string;
  previous?: string;
  force: boolean;
  templates?: string;
  'font-name'?: string[];
}

function parseOutputs(value: string): OutputKind[] {
  const kinds = value.split(',').map((kind) => kind.trim().toLowerCase()).filter(Boolean);
  const unknown = kinds.filter((kind) => !OUTPUT_KINDS.includes(kind as OutputKind));
  if (unknown.length > 0 || kinds.length === 0) {
    throw new CliFailure(`--to 只能是 ${OUTPUT_KINDS.join('、')}（可用逗号连写），不认识：${unknown.join('、') || '（空）'}`, EXIT_UNREADABLE);
  }
  return [...new Set(kinds)] as OutputKind[];
}

/** `--font-name body=仿宋` → { body: '仿宋' }: the font names written into the DOCX. */
function parseFontNames(values: readonly string[]): Partial<DocxFonts> {
  const fonts: Partial<DocxFonts> = {};
  for (const value of values) {
    const match = /^([a-zA-Z0-9]+)=(.+)$/.exec(value);
    const role = match?.[1] as keyof DocxFonts | undefined;
    if (!match || !role || !(role in DEFAULT_DOCX_FONTS)) {
      throw new CliFailure(
        `--font-name 的写法是 角色=字体名，角色可以是 ${Object.keys(DEFAULT_DOCX_FONTS).join('、')}；收到的是“${value}”`,
        EXIT_UNREADABLE,
      );
    }
    fonts[role] = match[2]!.trim();
  }
  return fonts;
}

/**
 * One report to the PDF and something else, with a core to spare: the PDF,
 * the largest part of a cold build, gets a thread of its own (see
 * batch/render-offload.ts). Measured on two cores, a second thread for the
 * XLSX as well made the build slower, not faster: each thread pays for its
 * own start and module loading.
 */
function kindsForThreads(outputs: readonly OutputKind[], jobs: number | undefined): OutputKind[] {
  return outputs.includes('pdf') && outputs.length > 1 && (jobs ?? defaultJobs()) > 1 ? ['pdf'] : [];
}

async function startRenderThreads(args: BuildArgs, kinds: readonly OutputKind[]): Promise<Map<OutputKind, RenderThread> | undefined> {
  if (kinds.length === 0) return undefined;
  const { renderThreadsAvailable, startRenderThread } = await import('../../batch/render-offload.js');
  if (!renderThreadsAvailable()) return undefined;
  return new Map(
    kinds.map((kind) => [kind, startRenderThread(kind === 'pdf' ? { kind, fontOptions: fontOptionsFromArgs(args), strictFonts: args['strict-fonts'] } : { kind })]),
  );
}

function renderOnThreads(threads: ReadonlyMap<OutputKind, RenderThread>, options: ThreadEmitterOptions): BuildOptions['renderElsewhere'] {
  return Object.fromEntries([...threads].map(([kind, thread]) => [kind, (document: ReportDocument) => thread.render(document, options)]));
}

async function isPlainFile(candidate: string): Promise<boolean> {
  return (await stat(candidate).catch(() => undefined))?.isFile() === true;
}

interface CommonBuildSettings {
  outputs: OutputKind[];
  fonts: Partial<DocxFonts>;
  /** Resolved once here when PDF is asked for, so a bad font path stops the command before any output. */
  pdf?: PdfOptions;
  /** For one report with several outputs: those rendered on threads of their own (the PDF's resolves its fonts itself). */
  threads?: ReadonlyMap<OutputKind, RenderThread>;
}

function printWarnings(printer: Printer, warnings: readonly Diagnostic[]): void {
  for (const warning of warnings) printer.err(printable(`${noticeLabel(warning)}：${warning.message}`));
}

async function buildOne(args: BuildArgs, file: string, settings: CommonBuildSettings, printer: Printer): Promise<number> {
  const result = await buildReportFile(file, {
    outputs: settings.outputs,
    ...(args.out ? { out: args.out } : {}),
    ...(args.previous ? { previousPath: args.previous } : {}),
    force: args.force,
    templates: createTemplateEnvironment(args.templates ? { userTemplatesDir: args.templates } : {}),
    docx: { fonts: settings.fonts },
    ...(settings.pdf ? { pdf: settings.pdf } : {}),
    ...(settings.threads ? { renderElsewhere: renderOnThreads(settings.threads, { docx: { fonts: settings.fonts } }) } : {}),
  });
  printDiagnostics(printer, result.diagnostics, file);
  printWarnings(printer, result.warnings);
  // The summary counts every notice printed above it: the data's diagnostics and the outputs' font notices.
  const printed = [...result.diagnostics, ...result.warnings];
  if (result.refused === 'unusable') {
    printer.err(`${summarize(printed)}数据文件无法使用，没有生成任何文件。`);
    return EXIT_INVALID;
  }
  if (result.refused === 'invalid') {
    printer.err(`${summarize(printed)}请先改正错误；没有生成任何文件（如确需生成，请加 --force）。`);
    return EXIT_INVALID;
  }
  if (printed.length > 0) printer.err(summarize(printed));
  for (const written of result.written) printer.out(`已生成：${written}`);
  return hasErrors(result.diagnostics) ? EXIT_INVALID : EXIT_OK;
}

/** How many of a failed unit's diagnostics the summary shows before “另有 N 条”. */
const DIAGNOSTICS_PER_UNIT = 5;

async function buildMany(args: BuildArgs, settings: CommonBuildSettings, printer: Printer): Promise<number> {
  // Folder and glob expansion loads only for batches, like the pool below.
  const { expandInputs } = await import('../../batch/inputs.js');
  const { files, problems } = await expandInputs(args.files);
  for (const problem of problems) printer.err(printable(`xxgk：${problem}`));
  if (files.length === 0) throw new CliFailure('没有找到要生成的数据文件', EXIT_UNREADABLE);
  if (args.previous) throw new CliFailure('--previous 只能用于单个数据文件，批量生成时请逐个检查跨年勾稽', EXIT_UNREADABLE);
  if (args.out) {
    if (path.extname(args.out) && !(await stat(args.out).catch(() => undefined))?.isDirectory()) {
      throw new CliFailure(`批量生成时 --out 应为文件夹，收到的是 ${args.out}`, EXIT_UNREADABLE);
    }
  }

  const controller = new AbortController();
  const stop = () => {
    if (!controller.signal.aborted) printer.err('\n正在停止：已开始写入的文件会写完，其余不再生成……');
    controller.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // The pool and the progress bar load only for batches, keeping single builds and validate light.
  const [{ runBatch }, { createProgress }] = await Promise.all([import('../../batch/run.js'), import('../progress.js')]);
  const progress = createProgress(printer, files.length, Boolean(process.stderr.isTTY) && !args['plain-progress']);
  let summary;
  try {
    summary = await runBatch(
      files,
      {
        outputs: settings.outputs,
        force: args.force,
        ...(args.out ? { out: args.out } : {}),
        ...(args.templates ? { templatesDir: args.templates } : {}),
        docx: { fonts: settings.fonts },
        ...(settings.outputs.includes('pdf') ? { pdf: { fontOptions: fontOptionsFromArgs(args), strictFonts: args['strict-fonts'] } } : {}),
      },
      {
        ...(args.jobs ? { jobs: args.jobs } : {}),
        signal: controller.signal,
        onUnit: (unit, done, total) => progress.unit(unit, done, total),
      },
    );
  } finally {
    progress.stop();
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }

  // Fonts the user named that cannot be used fail every unit alike (the workers resolve them): one message, exit code 2.
  if (summary.fontsUnusable !== undefined) throw new CliFailure(summary.fontsUnusable, EXIT_UNREADABLE);
  for (const unit of summary.units.filter((u) => u.status === 'failed' || u.status === 'invalid')) {
    printer.err(printable(`✗ ${unit.inputPath}：${unit.reason ?? '失败'}`));
    const errors = unit.diagnostics.filter((d) => d.severity === 'error');
    for (const diagnostic of errors.slice(0, DIAGNOSTICS_PER_UNIT)) printer.err(printable(`    ${formatDiagnostic(diagnostic, path.basename(unit.inputPath), unit.inputPath)}`));
    if (errors.length > DIAGNOSTICS_PER_UNIT) printer.err(`    ……另有 ${errors.length - DIAGNOSTICS_PER_UNIT} 个错误，可用 xxgk validate 查看`);
  }
  // A warning shared by many units (a substituted font) is printed once, with how many units it concerns.
  const warningCounts = new Map<string, { warning: Diagnostic; count: number }>();
  for (const unit of summary.units) {
    for (const warning of unit.warnings ?? []) {
      const seen = warningCounts.get(warning.message);
      warningCounts.set(warning.message, { warning: seen?.warning ?? warning, count: (seen?.count ?? 0) + 1 });
    }
  }
  for (const { warning, count } of warningCounts.values()) {
    printer.err(printable(`${noticeLabel(warning)}：${warning.message}${count > 1 ? `（${count} 份）` : ''}`));
  }
  const seconds = (summary.milliseconds / 1000).toFixed(1);
  // Every notice listed above is counted: a failed unit's errors (also those not printed one by one; its reason when it has none) and each distinct warning once.
  const notices: Pick<Diagnostic, 'severity'>[] = [
    ...summary.units
      .filter((u) => u.status === 'failed' || u.status === 'invalid')
      .flatMap((u): Pick<Diagnostic, 'severity'>[] => {
        const errors = u.diagnostics.filter((d) => d.severity === 'error');
        return errors.length > 0 ? errors : [{ severity: 'error' }];
      }),
    ...[...warningCounts.values()].map(({ warning }) => warning),
  ];
  printer.err(
    `共 ${files.length} 份：生成 ${summary.built} 份，失败 ${summary.failed} 份${summary.cancelled ? `，取消 ${summary.cancelled} 份` : ''}，用时 ${seconds} 秒。` +
      (notices.length > 0 ? summarize(notices) : ''),
  );
  if (summary.cancelled > 0) return EXIT_INTERRUPTED;
  return summary.failed > 0 || problems.length > 0 ? EXIT_INVALID : EXIT_OK;
}

export function buildCommand(yargs: Argv, printer: Printer, setExitCode: (code: number) => void) {
  return yargs.command<BuildArgs>(
    'build <files..>',
    '生成年度报告（默认生成 Word 文件）；数据有错误时不生成。可一次给出多个文件、文件夹或通配符，批量并行生成',
    (command) =>
      withFontOptions(command)
        .positional('files', { type: 'string', array: true, demandOption: true, describe: '报告数据文件（YAML 或 JSON）、文件夹或通配符' })
        .option('to', { type: 'string', default: 'docx', describe: `输出格式：${OUTPUT_KINDS.join('、')}，可用逗号连写` })
        .option('out', { alias: 'o', type: 'string', describe: '输出文件夹（默认与数据文件同一文件夹），只生成一个文件时也可以是文件名' })
        .option('previous', { type: 'string', describe: '上一年度的报告数据文件，用于跨年勾稽检查（仅单个文件）' })
        .option('force', { type: 'boolean', default: false, describe: '即使数据有错误也生成（错误仍会列出）' })
        .option('templates', { type: 'string', describe: '自定义模板文件夹：其中的同名 .hbs 文件替换默认模板' })
        .option('font-name', { type: 'string', array: true, describe: 'Word 文件中使用的字体名，如 body=仿宋 title=方正小标宋_GBK' })
        .option('jobs', { alias: 'j', type: 'number', describe: `批量生成时同时处理的份数（默认按份数和空闲的 CPU 核数选，最多 ${defaultJobs()}）` })
        .option('plain-progress', { type: 'boolean', default: false, describe: '批量生成时逐行输出进度，不显示进度条' })
        .option('strict-fonts', { type: 'boolean', default: false, describe: 'PDF 中有字符找不到任何字体时报错，不生成' }),
    async (args) => {
      const outputs = parseOutputs(args.to);
      if (args.jobs !== undefined && (!Number.isInteger(args.jobs) || args.jobs < 1)) {
        throw new CliFailure('--jobs 应为正整数', EXIT_UNREADABLE);
      }
      const single = args.files.length === 1 && (await isPlainFile(args.files[0]!));
      const threads = single ? await startRenderThreads(args, kindsForThreads(outputs, args.jobs)) : undefined;
      try {
        const settings: CommonBuildSettings = {
          outputs,
          fonts: parseFontNames(args['font-name'] ?? []),
          ...(threads ? { threads } : {}),
          // A batch's workers resolve the fonts themselves (see buildMany).
          ...(single && outputs.includes('pdf') && !threads?.has('pdf') ? { pdf: { fonts: await resolveFontsFromArgs(args), strictFonts: args['strict-fonts'] } } : {}),
        };
        setExitCode(single ? await buildOne(args, args.files[0]!, settings, printer) : await buildMany(args, settings, printer));
      } finally {
        await Promise.all([...(threads?.values() ?? [])].map((thread) => thread.close()));
      }
    },
  );
}
