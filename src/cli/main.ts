/**
 * The `xxgk` command line: thin yargs commands over the library. Every
 * failure a user can meet ends in one Chinese sentence and an exit code; a
 * stack trace appears only with --debug.
 */
import yargs, { type Argv } from 'yargs';
import { TemplateError } from '../compose/errors.js';
import { TemplateMarkupError } from '../compose/markup.js';
import { OutputWriteError } from '../io/output-file.js';
import { ReportReadError } from '../io/load.js';
import { FontError } from '../fonts/errors.js';
import { CliFailure, EXIT_UNREADABLE } from './errors.js';
import { processPrinter, type Printer, printable } from './output.js';
import { YARGS_STRINGS_ZH } from './yargs-strings.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyArgv = Argv<any>;
type Register = (parser: AnyArgv, printer: Printer, setExitCode: (code: number) => void, today: () => Date) => AnyArgv;

/**
 * The commands, each loaded only when needed: `xxgk validate` loads the
 * validator and nothing of the builder (the template engine, the batch pool,
 * file globbing), which keeps a cold `xxgk validate` short. Help, a mistyped
 * command or no command at all load every command, so yargs can list them and
 * suggest the nearest.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  build: async () => (await import('./commands/build.js')).buildCommand,
  init: async () => (await import('./commands/init.js')).initCommand,
  fonts: async () => (await import('./commands/fonts.js')).fontsCommand,
  import: async () => (await import('./commands/import.js')).importCommand,
  aggregate: async () => (await import('./commands/aggregate.js')).aggregateCommand,
  serve: async () => (await import('./commands/serve.js')).serveCommand,
  extract: async () => (await import('./commands/extract.js')).extractCommand,
  audit: async () => (await import('./commands/audit.js')).auditCommand,
};

/** The command modules the arguments need: the named command's, or all of them. */
async function commandsFor(argv: readonly string[]): Promise<Register[]> {
  const name = argv.find((arg) => !arg.startsWith('-'));
  const only = name !== undefined && Object.hasOwn(COMMANDS, name) ? [COMMANDS[name]!] : Object.values(COMMANDS);
  return Promise.all(only.map((load) => load()));
}

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
  let parser: AnyArgv = yargs([...argv])
    .scriptName('xxgk')
    .locale('zh_CN')
    // Plural entries ({ one, other }) are what yargs' own locale files hold; its type declares strings only.
    .updateStrings(YARGS_STRINGS_ZH as unknown as Record<string, string>)
    .usage('xxgk —— 政府信息公开工作年度报告生成与校验工具\n\n用法：$0 <命令> [选项]')
    .option('debug', { type: 'boolean', default: false, defaultDescription: '否', describe: '出错时显示程序内部的详细信息' })
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

  describeDefaultsInChinese(parser);
  try {
    for (const register of await commandsFor(argv)) parser = register(parser, printer, setExitCode, today);
    skipHelpCaching(parser);
    await parser.parseAsync();
    return exitCode;
  } catch (error) {
    const known = messageFor(error);
    if (known) {
      // Messages may quote text from the input (a workbook cell, a file name): never let it drive the terminal.
      printer.err(printable(`xxgk：${known.message}`));
      if (debug && error instanceof Error && error.cause) printer.err(String((error.cause as Error).stack ?? error.cause));
      return known.code;
    }
    printer.err('xxgk：程序内部出错，未生成任何文件。请加 --debug 重新运行，并把输出发给维护者。');
    if (debug) printer.err(String((error as Error)?.stack ?? error));
    return EXIT_UNREADABLE;
  }
}

/**
 * Help shows a default as its value (“[默认 false]”, “[默认 []]”): a
 * switch's default reads 是/否 instead, an empty list 无. Every option and
 * positional of every command passes through here (command builders receive
 * this same parser).
 */
function describeDefaultsInChinese(parser: AnyArgv): void {
  type Definition = { default?: unknown; defaultDescription?: string; type?: string } | undefined;
  const withDescription = (definition: Definition): Definition => {
    if (!definition || definition.defaultDescription !== undefined) return definition;
    if (typeof definition.default === 'boolean') return { ...definition, defaultDescription: definition.default ? '是' : '否' };
    if (Array.isArray(definition.default) && definition.default.length === 0) return { ...definition, defaultDescription: '无' };
    return definition;
  };
  const target = parser as unknown as Record<'option' | 'positional', (key: unknown, definition?: Definition) => unknown>;
  for (const method of ['option', 'positional'] as const) {
    const original = target[method].bind(parser);
    target[method] = (key: unknown, definition?: Definition) =>
      typeof key === 'string' ? original(key, withDescription(definition)) : original(key, definition);
  }
}

/**
 * yargs renders the whole help text every time a command runs, in case the
 * handler later asks to show it; ours never do (failures print our own
 * message), and on a cold start that rendering (string widths, wrapping of
 * every option) is a noticeable part of `xxgk validate`. `--help` is not
 * affected: it renders the help when asked.
 */
function skipHelpCaching(parser: AnyArgv): void {
  const internals = (parser as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: unknown } } }).getInternalMethods?.();
  const usage = internals?.getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}
