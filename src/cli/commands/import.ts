import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Argv } from 'yargs';
import { builtInFormats } from '../../formats/index.js';
import { loadFromData, loadReportFile } from '../../io/load.js';
import { writeFileAtomic } from '../../io/output-file.js';
import { diagnosticToJson, hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { validateLoaded, validateReportText } from '../../validate/index.js';
import { CliFailure, EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE } from '../errors.js';
import { printDiagnostics, summarize, type Printer } from '../output.js';

export interface ImportArgs {
  file: string;
  out?: string;
  into?: string;
  force: boolean;
  json?: boolean;
}


/** Problems about what a workbook does not hold: the narrative, and the fee when it has no fee rows (older workbooks). */
function outsideWorkbook(diagnostic: Diagnostic, data: Record<string, unknown>): boolean {
  const head = diagnostic.path[0];
  return head === 'narrative' || (head === 'fee' && data.fee === undefined);
}

const sameName = (a: string, b: string) => a.normalize('NFKC').replace(/\s+/g, '') === b.normalize('NFKC').replace(/\s+/g, '');

/** How the workbook's organisation and year differ from the data file's (empty: they match). */
function identityDifferences(raw: Record<string, unknown>, imported: Record<string, unknown>): string[] {
  const nameOf = (data: Record<string, unknown>) => {
    const organization = data.organization;
    const name = organization && typeof organization === 'object' ? (organization as Record<string, unknown>).name : undefined;
    return typeof name === 'string' ? name : '';
  };
  const differences: string[] = [];
  const [fileName, workbookName] = [nameOf(raw), nameOf(imported)];
  if (!sameName(fileName, workbookName)) differences.push(`机关名称：工作簿为“${workbookName}”，数据文件为“${fileName}”`);
  if (raw.year !== imported.year) differences.push(`报告年度：工作簿为 ${String(imported.year)} 年，数据文件为 ${String(raw.year)} 年`);
  return differences;
}

/**
 * `--into`: the workbook's numbers (tables and fee) go into an existing data
 * file; everything else in it stays. Refused when the workbook is another
 * unit's or another year's, unless `--force`.
 */
async function importInto(
  target: string,
  source: string,
  imported: import('../../import/xlsx-import.js').ImportResult,
  printer: Printer,
  setExitCode: (code: number) => void,
  json: boolean,
  force: boolean,
): Promise<void> {
  const { mergeTablesIntoYaml } = await import('../../import/xlsx-import.js');
  const existing = await loadReportFile(target);
  const raw = existing.raw as Record<string, unknown> | undefined;
  if (!raw || typeof raw !== 'object') throw new CliFailure(`"${target}" 不是可用的报告数据文件，无法写入`, EXIT_UNREADABLE);
  const differences = identityDifferences(raw, imported.data);
  if (differences.length > 0 && !force) {
    throw new CliFailure(
      `工作簿 "${source}" 与数据文件 "${target}" 不是同一单位同一年度的报告（${differences.join('；')}），没有写入。` +
        '请确认选对了文件；确需写入时加 --force',
      EXIT_INVALID,
    );
  }
  if (differences.length > 0 && !json) printer.err(`注意：${differences.join('；')}；已按 --force 写入统计表，数据文件中的机关名称和年度不变。`);
  if (hasErrors(imported.diagnostics)) {
    printDiagnostics(printer, imported.diagnostics, source);
    printer.err('工作簿中有无法读取的数字，没有写入数据文件；请在工作簿中改正后重新导入。');
    setExitCode(EXIT_INVALID);
    return;
  }
  const text = await readFile(target, 'utf8');
  const merged = mergeTablesIntoYaml(text, imported);
  const validation = validateReportText(merged.text, target);
  const diagnostics = [...imported.diagnostics, ...validation.diagnostics];
  if (merged.changes.length > 0) await writeFileAtomic(target, merged.text);
  if (json) {
    printer.out(JSON.stringify({ file: source, into: target, changes: merged.changes, ok: !hasErrors(diagnostics), diagnostics: diagnostics.map((d) => diagnosticToJson(d)) }, null, 2));
  } else {
    printDiagnostics(printer, imported.diagnostics, source);
    printDiagnostics(printer, validation.diagnostics, target);
    for (const change of merged.changes.slice(0, 20)) printer.err(`${change.where}：${String(change.before)} → ${change.after}`);
    if (merged.changes.length > 20) printer.err(`……另有 ${merged.changes.length - 20} 处`);
    printer.out(merged.changes.length > 0 ? `已更新 ${merged.changes.length} 个数字：${target}` : `数字没有变化，未改动 ${target}`);
  }
  setExitCode(hasErrors(diagnostics) ? EXIT_INVALID : EXIT_OK);
}

export function importCommand(yargs: Argv, printer: Printer, setExitCode: (code: number) => void) {
  return yargs.command<ImportArgs>(
    'import <file>',
    '把统计工作簿（xlsx，可以是在 Excel、WPS 或 LibreOffice 中改过的）读回为报告数据文件（YAML）',
    (command) =>
      command
        .positional('file', { type: 'string', demandOption: true, describe: '由 xxgk 生成的统计工作簿（.xlsx）' })
        .option('out', { alias: 'o', type: 'string', describe: '输出的数据文件（默认：与工作簿同名的 .yaml）' })
        .option('into', { type: 'string', describe: '把工作簿中的数字写回这个已有的数据文件（只改统计表和信息处理费，正文和注释不变）' })
        .conflicts('into', 'out')
        .option('force', { type: 'boolean', default: false, describe: '输出文件已存在时覆盖；--into 时工作簿的机关名称或年度与数据文件不同也照样写入' })
        .option('json', { type: 'boolean', default: false, describe: '以 JSON 输出导入和检查结果' }),
    async (args) => {
      // Loaded here, not at the top, so `xxgk validate` and `xxgk build` never load the workbook reader.
      const { importWorkbookFile, reportDataToYaml } = await import('../../import/xlsx-import.js');
      const imported = await importWorkbookFile(args.file, { formats: builtInFormats.importable });
      if (args.into) {
        await importInto(args.into, args.file, imported, printer, setExitCode, args.json ?? false, args.force);
        return;
      }
      const out = args.out ?? path.join(path.dirname(args.file), `${path.basename(args.file, path.extname(args.file))}.yaml`);
      if (path.resolve(out) === path.resolve(args.file)) {
        throw new CliFailure(`--out 不能是正在导入的工作簿本身（${args.file}），否则工作簿会被覆盖`, EXIT_UNREADABLE);
      }
      const validation = validateLoaded(loadFromData(imported.data, out));
      const diagnostics = [...imported.diagnostics, ...validation.diagnostics.filter((d) => !outsideWorkbook(d, imported.data))];
      const importFailed = hasErrors(imported.diagnostics);

      if (!importFailed) {
        const yaml = reportDataToYaml(imported.data, {
          comment: [
            `由 xxgk import 从 ${path.basename(args.file)} 导入。`,
            '工作簿中只有统计表和报告信息；正文（narrative）为空，请补写后再生成报告。',
          ].join('\n'),
        });
        await writeFileAtomic(out, yaml, { overwrite: args.force });
      }

      if (args.json) {
        printer.out(JSON.stringify({ file: args.file, out: importFailed ? null : out, ok: !hasErrors(diagnostics), diagnostics: diagnostics.map((d) => diagnosticToJson(d)) }, null, 2));
      } else {
        printDiagnostics(printer, diagnostics, args.file);
        if (diagnostics.length > 0) printer.err(summarize(diagnostics));
        if (importFailed) {
          printer.err('工作簿中有无法读取的数字，没有生成数据文件；请在工作簿中改正后重新导入。');
        } else {
          printer.out(`已导入：${out}`);
          printer.err('提示：工作簿中没有正文，数据文件中的 narrative 为空，请补写后再生成报告。');
        }
      }
      setExitCode(hasErrors(diagnostics) ? EXIT_INVALID : EXIT_OK);
    },
  );
}
