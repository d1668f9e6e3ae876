import type { Argv } from 'yargs';
import { organizationLevels } from '../../formats/common/schema-parts.js';
import { diagnosticToJson, hasErrors } from '../../diagnostics/diagnostic.js';
import { CliFailure, EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE } from '../errors.js';
import type { Printer } from '../output.js';

export interface AggregateArgs {
  files: string[];
  out: string;
  data?: string;
  org?: string;
  level?: string;
  date?: string;
  json?: boolean;
}

export function aggregateCommand(yargs: Argv, printer: Printer, setExitCode: (code: number) => void) {
  return yargs.command<AggregateArgs>(
    'aggregate <files..>',
    '汇总多个单位同一年度的统计表（数据文件或工作簿），生成汇总工作簿和汇总数据文件',
    (command) =>
      command
        .positional('files', {
          type: 'string',
          array: true,
          demandOption: true,
          describe: '各单位的数据文件（.yaml/.json）或统计工作簿（.xlsx）；也可以给文件夹或 *.xlsx',
        })
        .option('out', { alias: 'o', type: 'string', demandOption: '请用 --out 指定汇总工作簿，例如 --out 汇总.xlsx', describe: '汇总工作簿（.xlsx）' })
        .option('data', { type: 'string', describe: '汇总数据文件（YAML，默认与汇总工作簿同名）' })
        .option('org', { type: 'string', describe: '汇总机关的名称（写入汇总报告），如“示范市青禾区人民政府”' })
        .option('level', { type: 'string', choices: [...organizationLevels], default: '人民政府', describe: '汇总机关的类别' })
        .option('date', { type: 'string', describe: '汇总报告的成文日期，写作 2025-03-20（默认取各单位中最晚的成文日期）' })
        .option('json', { type: 'boolean', default: false, describe: '以 JSON 输出汇总结果' }),
    async (args) => {
      if (!/\.xlsx$/i.test(args.out)) throw new CliFailure(`--out 应是 .xlsx 文件，收到的是“${args.out}”`, EXIT_UNREADABLE);
      if (args.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.date)) {
        throw new CliFailure(`--date 应写作 2025-03-20 的形式，收到的是“${args.date}”`, EXIT_UNREADABLE);
      }
      // Loaded only for this command: validate/build never pay for the aggregation code.
      const { aggregateFiles, AggregateInputError, AggregateRefusal, DEFAULT_AGGREGATE_ORGANIZATION } = await import('../../aggregate/index.js');
      let outcome;
      try {
        outcome = await aggregateFiles(args.files, {
          out: args.out,
          ...(args.data ? { dataOut: args.data } : {}),
          ...(args.org ? { organization: args.org } : {}),
          ...(args.level ? { level: args.level } : {}),
          ...(args.date ? { signatureDate: args.date } : {}),
        });
      } catch (error) {
        if (error instanceof AggregateInputError) throw new CliFailure(error.message, EXIT_UNREADABLE);
        if (error instanceof AggregateRefusal) throw new CliFailure(error.message, EXIT_INVALID);
        throw error;
      }
      const { result, summaryDiagnostics, written } = outcome;
      const flagged = result.units.filter((row) => hasErrors(row.diagnostics));
      const warned = result.units.filter((row) => !hasErrors(row.diagnostics) && row.diagnostics.length > 0);
      if (args.json) {
        printer.out(
          JSON.stringify(
            {
              ok: flagged.length === 0 && !hasErrors(summaryDiagnostics),
              year: result.year,
              units: result.units.map(({ unit, diagnostics }) => ({ file: unit.file, organization: unit.organization, diagnostics: diagnostics.map((d) => diagnosticToJson(d)) })),
              summary: summaryDiagnostics.map((d) => diagnosticToJson(d)),
              written,
            },
            null,
            2,
          ),
        );
      } else {
        printer.err(`已汇总 ${result.units.length} 个单位 ${result.year} 年度的统计表。`);
        if (flagged.length > 0) {
          const names = flagged.slice(0, 10).map((row) => row.unit.organization).join('、');
          printer.err(`其中 ${flagged.length} 个单位的数据有错误（${names}${flagged.length > 10 ? ' 等' : ''}），已照原数汇总并在“问题清单”中列出，请核实。`);
        }
        if (warned.length > 0) printer.err(`另有 ${warned.length} 个单位有提示，见“问题清单”。`);
        if (hasErrors(summaryDiagnostics)) printer.err('汇总后的数据不满足勾稽关系，见“问题清单”第一部分和“校验”表。');
        if (!args.org) printer.err(`未指定 --org，汇总机关名称暂填“${DEFAULT_AGGREGATE_ORGANIZATION}”，请在汇总数据文件中改正。`);
        for (const file of written) printer.out(`已生成：${file}`);
      }
      setExitCode(flagged.length > 0 || hasErrors(summaryDiagnostics) ? EXIT_INVALID : EXIT_OK);
    },
  );
}
