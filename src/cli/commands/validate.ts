import type { Argv } from 'yargs';
import { diagnosticToJson, hasErrors } from '../../diagnostics/diagnostic.js';
import { validateReportFile } from '../../validate/index.js';
import { EXIT_INVALID, EXIT_OK } from '../errors.js';
import { printDiagnostics, summarize, type Printer } from '../output.js';

export interface ValidateArgs {
  file: string;
  previous?: string;
  json?: boolean;
}

export function validateCommand(yargs: Argv, printer: Printer, setExitCode: (code: number) => void) {
  return yargs.command<ValidateArgs>(
    'validate <file>',
    '检查报告数据：格式、必填项和各表的勾稽关系',
    (command) =>
      command
        .positional('file', { type: 'string', demandOption: true, describe: '报告数据文件（YAML 或 JSON）' })
        .option('previous', { type: 'string', describe: '上一年度的报告数据文件，用于跨年勾稽检查' })
        .option('json', { type: 'boolean', default: false, describe: '以 JSON 输出检查结果' }),
    async (args) => {
      const result = await validateReportFile(args.file, args.previous ? { previousPath: args.previous } : {});
      if (args.json) {
        printer.out(JSON.stringify({ file: args.file, ok: !hasErrors(result.diagnostics), diagnostics: result.diagnostics.map((d) => diagnosticToJson(d, args.file)) }, null, 2));
      } else {
        printDiagnostics(printer, result.diagnostics, args.file);
        printer.err(summarize(result.diagnostics));
      }
      setExitCode(hasErrors(result.diagnostics) ? EXIT_INVALID : EXIT_OK);
    },
  );
}
