import type { Argv } from 'yargs';
import { buildReportFile } from '../../build.js';
import { createTemplateEnvironment } from '../../compose/environment.js';
import { DEFAULT_DOCX_FONTS, type DocxFonts } from '../../render/docx/options.js';
import { OUTPUT_KINDS, type OutputKind } from '../../render/emitters.js';
import { hasErrors } from '../../validate/diagnostic.js';
import { CliFailure, EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE } from '../errors.js';
import { printDiagnostics, summarize, type Printer } from '../output.js';

export interface BuildArgs {
  file: string;
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

export function buildCommand(yargs: Argv, printer: Printer, setExitCode: (code: number) => void) {
  return yargs.command<BuildArgs>(
    'build <file>',
    '生成年度报告（默认生成 Word 文件）；数据有错误时不生成',
    (command) =>
      command
        .positional('file', { type: 'string', demandOption: true, describe: '报告数据文件（YAML 或 JSON）' })
        .option('to', { type: 'string', default: 'docx', describe: `输出格式：${OUTPUT_KINDS.join('、')}，可用逗号连写` })
        .option('out', { alias: 'o', type: 'string', describe: '输出文件夹（默认与数据文件同一文件夹），只生成一种格式时也可以是文件名' })
        .option('previous', { type: 'string', describe: '上一年度的报告数据文件，用于跨年勾稽检查' })
        .option('force', { type: 'boolean', default: false, describe: '即使数据有错误也生成（错误仍会列出）' })
        .option('templates', { type: 'string', describe: '自定义模板文件夹：其中的同名 .hbs 文件替换默认模板' })
        .option('font-name', { type: 'string', array: true, describe: 'Word 文件中使用的字体名，如 body=仿宋 title=方正小标宋_GBK' }),
    async (args) => {
      const outputs = parseOutputs(args.to);
      const fonts = parseFontNames(args['font-name'] ?? []);
      const result = await buildReportFile(args.file, {
        outputs,
        ...(args.out ? { out: args.out } : {}),
        ...(args.previous ? { previousPath: args.previous } : {}),
        force: args.force,
        templates: createTemplateEnvironment(args.templates ? { userTemplatesDir: args.templates } : {}),
        docx: { fonts },
      });
      printDiagnostics(printer, result.diagnostics, args.file);
      if (result.refused === 'unusable') {
        printer.err(`${summarize(result.diagnostics)}数据文件无法使用，没有生成任何文件。`);
        setExitCode(EXIT_INVALID);
        return;
      }
      if (result.refused === 'invalid') {
        printer.err(`${summarize(result.diagnostics)}请先改正错误；没有生成任何文件（如确需生成，请加 --force）。`);
        setExitCode(EXIT_INVALID);
        return;
      }
      if (result.diagnostics.length > 0) printer.err(summarize(result.diagnostics));
      for (const written of result.written) printer.out(`已生成：${written}`);
      setExitCode(hasErrors(result.diagnostics) ? EXIT_INVALID : EXIT_OK);
    },
  );
}
