/**
 * The `xxgk` command line: thin yargs commands over the library. Every
 * failure a user can meet ends in one Chinese sentence and an exit code; a
 * stack trace appears only with --debug.
 */
import yargs, { type Argv } from 'yargs';
import { TemplateError } from '../compose/environment.js';
import { TemplateMarkupError } from '../compose/markup.js';
import { OutputWriteError } from '../io/output-file.js';
import { ReportReadError } from '../io/load.js';
import { aggregateCommand } from './commands/aggregate.js';
import { buildCommand } from './commands/build.js';
import { fontsCommand } from './commands/fonts.js';
import { FontError } from '../fonts/errors.js';
import { importCommand } from './commands/import.js';
import { initCommand } from './commands/init.js';
import { validateCommand } from './commands/validate.js';
import { CliFailure, EXIT_UNREADABLE } from './errors.js';
import { processPrinter, type Printer } from './output.js';

export interface CliEnvironment {
  printer?: Printer;
  /** Injected so tests can pin the default report year. */
  today?: () => Date;
}

function messageFor(error: unknown): { message: string; code: number } | undefined {
  if (error instanceof CliFailure) return { message: error.message, code: error.exitCode };
  if (error instanceof ReportReadError || error instanceof OutputWriteError) return { message: error.message, code: EXIT_UNREADABLE };
  if (error instanceof TemplateError || error instanceof TemplateMarkupError || error instanceof FontError) {
    return { message: error.message, code: EXIT_UNREADABLE };
  }
  return undefined;
}

/** Runs the CLI and resolves with the exit code; never calls process.exit itself. */
export async function runCli(argv: readonly string[], environment: CliEnvironment = {}): Promise<number> {
  const printer = environment.printer ?? processPrinter;
  const today = environment.today ?? (() => new Date());
  const debug = argv.includes('--debug');
  let exitCode = 0;
  const setExitCode = (code: number) => {
    exitCode = code;
  };

  // Commands add their own options; the parser's type is widened so they can be chained.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let parser: Argv<any> = yargs([...argv])
    .scriptName('xxgk')
    .locale('zh_CN')
    .usage('xxgk —— 政府信息公开工作年度报告生成与校验工具\n\n用法：$0 <命令> [选项]')
    .option('debug', { type: 'boolean', default: false, describe: '出错时显示程序内部的详细信息' })
    .demandCommand(1, '请指定一个命令，例如 xxgk build 报告.yaml；运行 xxgk --help 查看全部命令')
    .strict()
    .recommendCommands()
    .help('help')
    .alias('help', 'h')
    .version(false)
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      throw new CliFailure(message, EXIT_UNREADABLE);
    });
  parser = validateCommand(parser, printer, setExitCode);
  parser = buildCommand(parser, printer, setExitCode);
  parser = initCommand(parser, printer, setExitCode, today);
  parser = fontsCommand(parser, printer, setExitCode);
  parser = importCommand(parser, printer, setExitCode);
  parser = aggregateCommand(parser, printer, setExitCode);

  try {
    await parser.parseAsync();
    return exitCode;
  } catch (error) {
    const known = messageFor(error);
    if (known) {
      printer.err(`xxgk：${known.message}`);
      if (debug && error instanceof Error && error.cause) printer.err(String((error.cause as Error).stack ?? error.cause));
      return known.code;
    }
    printer.err('xxgk：程序内部出错，未生成任何文件。请加 --debug 重新运行，并把输出发给维护者。');
    if (debug) printer.err(String((error as Error)?.stack ?? error));
    return EXIT_UNREADABLE;
  }
}
