/**
 * `xxgk fonts`: which font each role of the printed report uses, where the
 * file is, and whether it is a fallback for the font the standard asks for.
 * Also the shared `--font`, `--font-config`, `--font-dir` and
 * `--system-fonts` options, for `xxgk build --to pdf`, and their mapping onto
 * the library's FontOptions (src/fonts/options.ts resolves them).
 */
import type { Argv } from 'yargs';
// Font modules load fontkit; they are imported only when fonts are needed, so other commands start fast.
import type { FontCatalog } from '../../fonts/catalog.js';
import { resolveFontOptions, type FontOptions } from '../../fonts/options.js';
import type { ResolvedFonts } from '../../fonts/resolve.js';
import { CliFailure, EXIT_OK, EXIT_UNREADABLE } from '../errors.js';
import type { Printer } from '../output.js';

export interface FontArgs {
  font?: string[];
  'font-config'?: string;
  'font-dir'?: string[];
  'system-fonts'?: boolean;
}

/** Adds the font options to a command (used by `fonts` and, for PDF output, `build`). */
export function withFontOptions<T>(command: Argv<T>): Argv<T & FontArgs> {
  return command
    .option('font', {
      type: 'string',
      array: true,
      describe: '指定某个角色的字体文件：角色=字体文件路径[#PostScript名]，或 角色=字体名；角色有 title、body、heading1、heading2、pageNumber、table、fallback',
    })
    .option('font-config', { type: 'string', describe: '字体配置文件（YAML 或 JSON），写法见 fonts/README.md' })
    .option('font-dir', { type: 'string', array: true, describe: '另外查找字体的文件夹（例如单位统一存放正版字体的文件夹）' })
    .option('system-fonts', { type: 'boolean', default: true, describe: '查找本机已安装的字体（--no-system-fonts 只用指定的和随附的字体）' }) as Argv<
    T & FontArgs
  >;
}

/** The command line's font options as the library's FontOptions: plain data a batch worker or render thread can receive. */
export function fontOptionsFromArgs(args: FontArgs): FontOptions {
  return {
    ...(args.font ? { fonts: args.font } : {}),
    ...(args['font-config'] ? { configFile: args['font-config'] } : {}),
    ...(args['font-dir'] ? { fontDirs: args['font-dir'] } : {}),
    ...(args['system-fonts'] !== undefined ? { systemFonts: args['system-fonts'] } : {}),
  };
}

/**
 * Resolves every role's font from the options. A font the user named that
 * cannot be used ends the command with exit code 2 and one Chinese sentence.
 */
export async function resolveFontsFromArgs(args: FontArgs, catalog?: FontCatalog): Promise<ResolvedFonts> {
  const { FontError } = await import('../../fonts/errors.js');
  try {
    return await resolveFontOptions(fontOptionsFromArgs(args), catalog);
  } catch (error) {
    if (error instanceof FontError) throw new CliFailure(error.message, EXIT_UNREADABLE);
    throw error;
  }
}

/** How `xxgk fonts` names the Latin face's use. */
const LATIN_LABEL = '数字和西文字母';

const ORIGIN_LABEL = { config: '指定', system: '本机', bundled: '随附' } as const;

export function fontsCommand(yargs: Argv, printer: Printer, setExitCode: (code: number) => void) {
  return yargs.command<FontArgs & { json: boolean }>(
    'fonts',
    '列出生成 PDF 时各角色（标题、正文、各级标题、页码、表格）和数字、西文字母使用的字体文件，以及是否为替代字体',
    (command) => withFontOptions(command).option('json', { type: 'boolean', default: false, describe: '以 JSON 输出' }),
    async (args) => {
      const { FONT_ROLES, LATIN_FACE } = await import('../../fonts/roles.js');
      const fonts = await resolveFontsFromArgs(args);
      const rows = FONT_ROLES.map((role) => {
        const resolution = fonts.roles[role];
        return {
          role,
          label: resolution.spec.label,
          expected: resolution.spec.expected,
          font: resolution.face.displayName,
          file: resolution.face.path,
          postscriptName: resolution.face.postscriptName,
          origin: resolution.origin,
          fallback: resolution.fallback,
          ...(resolution.inheritedFrom ? { inheritedFrom: resolution.inheritedFrom } : {}),
        };
      });
      // Digits and Latin letters of every role but the page number: Times New Roman, or the bundled Tinos (its widths).
      const latin = fonts.latin
        ? {
            expected: LATIN_FACE.wish.family,
            font: fonts.latin.displayName,
            file: fonts.latin.path,
            postscriptName: fonts.latin.postscriptName,
            origin: fonts.latin.bundledId ? ('bundled' as const) : ('system' as const),
            fallback: fonts.latin.bundledId !== undefined,
          }
        : undefined;
      if (args.json) {
        printer.out(JSON.stringify({ roles: rows, latin: latin ?? null, warnings: fonts.warnings.map((w) => w.message) }, null, 2));
      } else {
        for (const row of rows) {
          const status = row.fallback ? `替代字体（应为 ${row.expected}）` : '规定字体';
          const inherited = row.inheritedFrom ? `，同${fonts.roles[row.inheritedFrom].spec.label}` : '';
          printer.out(`${row.label}（${row.role}）：${row.font}，${status}，${ORIGIN_LABEL[row.origin]}${inherited}`);
          printer.out(`    ${row.file}${row.postscriptName ? `#${row.postscriptName}` : ''}`);
        }
        if (latin) {
          // The spec names no mandated Latin face (西文和数字常用 Times New Roman): the DOCX's is the reference.
          const status = latin.fallback ? `替代字体（Word 文档写为 ${latin.expected}）` : '与 Word 文档相同';
          printer.out(`${LATIN_LABEL}（latin）：${latin.font}，${status}，${ORIGIN_LABEL[latin.origin]}`);
          printer.out(`    ${latin.file}#${latin.postscriptName}`);
        } else {
          printer.out(`${LATIN_LABEL}（latin）：没有可用的西文字体，数字和西文字母用各角色的中文字体；Word 文档写为 ${LATIN_FACE.wish.family}`);
        }
        for (const warning of fonts.warnings) printer.err(`提示：${warning.message}`);
      }
      setExitCode(EXIT_OK);
    },
  );
}
