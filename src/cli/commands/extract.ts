import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Argv } from 'yargs';
import { diagnosticToJson, hasErrors } from '../../diagnostics/diagnostic.js';
import { writeFileAtomic } from '../../io/output-file.js';
import { CliFailure, EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE } from '../errors.js';
import { printDiagnostics, summarize, type Printer } from '../output.js';

export interface ExtractArgs {
  file: string;
  out?: string;
  force: boolean;
  json?: boolean;
}

export function extractCommand(yargs: Argv, printer: Printer, setExitCode: (code: number) => void) {
  return yargs.command<ExtractArgs>(
    'extract <file>',
    '从已发布的年度报告（网页 HTML、带文字层的 PDF、Word 文档 DOCX 或复制下来的纯文本）读出报告数据文件（YAML，按已发布的原文重现）',
    (command) =>
      command
        .positional('file', { type: 'string', demandOption: true, describe: '已发布的报告：网页（.html/.htm）、Word 文档（.docx）或纯文本（.txt）' })
        .option('out', { alias: 'o', type: 'string', describe: '输出的数据文件（默认：与报告同名的 .yaml）' })
        .option('force', { type: 'boolean', default: false, describe: '输出文件已存在时覆盖' })
        .option('json', { type: 'boolean', default: false, describe: '以 JSON 输出读取结果和发现的问题' }),
    async (args) => {
      const { extractDocument, extractedYaml, MAX_DOCUMENT_BYTES } = await import('../../extract/index.js');
      let bytes: Uint8Array;
      try {
        const info = await stat(args.file);
        if (!info.isFile()) throw new CliFailure(`"${args.file}" 不是文件，无法读取`, EXIT_UNREADABLE);
        if (info.size > MAX_DOCUMENT_BYTES) throw new CliFailure(`"${args.file}" 有 ${Math.round(info.size / 1024 / 1024)} MB，超过 20 MB，不像一份年度报告，没有读取`, EXIT_UNREADABLE);
        bytes = await readFile(args.file);
      } catch (error) {
        if (error instanceof CliFailure) throw error;
        const code = (error as NodeJS.ErrnoException).code;
        throw new CliFailure(code === 'ENOENT' ? `找不到文件 "${args.file}"` : `无法读取 "${args.file}"（${code ?? String(error)}）`, EXIT_UNREADABLE);
      }
      const result = await extractDocument(bytes, args.file);
      if (result.unreadable) throw new CliFailure(`"${args.file}"：${result.unreadable}`, EXIT_UNREADABLE);
      if (!result.data) throw new CliFailure(`"${args.file}"：${result.refusal}`, EXIT_UNREADABLE);

      const out = args.out ?? path.join(path.dirname(args.file), `${path.basename(args.file, path.extname(args.file))}.yaml`);
      if (path.resolve(out) === path.resolve(args.file)) {
        throw new CliFailure(`--out 不能是正在读取的报告本身（${args.file}），否则报告会被覆盖`, EXIT_UNREADABLE);
      }
      await writeFileAtomic(out, extractedYaml(result, path.basename(args.file)), { overwrite: args.force });
      if (args.json) {
        printer.out(JSON.stringify({ file: args.file, out, ok: !hasErrors(result.diagnostics), diagnostics: result.diagnostics.map((d) => diagnosticToJson(d, args.file)) }, null, 2));
      } else {
        printDiagnostics(printer, result.diagnostics, args.file);
        if (result.diagnostics.length > 0) printer.err(summarize(result.diagnostics));
        printer.out(`已读出：${out}（${result.format?.label ?? ''}）`);
        // Errors on a table are cells left blank; others (G-05: the report not in the six parts) are the report's structure.
        if (result.diagnostics.some((d) => d.severity === 'error' && d.place?.table)) printer.err('有的格无法确定，已留空（null）；请对照原件填写后再用 xxgk validate 检查。');
        else if (hasErrors(result.diagnostics)) printer.err('报告的结构与规定的格式不符（见上）；数据文件按标题的文字整理，请按提示调整后再用 xxgk validate 检查。');
      }
      setExitCode(hasErrors(result.diagnostics) ? EXIT_INVALID : EXIT_OK);
    },
  );
}
