import path from 'node:path';
import { packagePath } from '../../package-paths.js';
import type { Argv } from 'yargs';
import { builtInFormats } from '../../formats/index.js';
import { writeFileAtomic } from '../../io/output-file.js';
import { CliFailure, EXIT_OK, EXIT_UNREADABLE } from '../errors.js';
import type { Printer } from '../output.js';

export interface InitArgs {
  year?: number;
  org?: string;
  out?: string;
  force: boolean;
}

const SCHEMA_FILE = packagePath('schema', 'report.schema.json');

export function initCommand(yargs: Argv, printer: Printer, setExitCode: (code: number) => void, today: () => Date) {
  return yargs.command<InitArgs>(
    'init',
    '新建一份带说明的报告数据文件（按年度选择格式，各表格数字均为 0）',
    (command) =>
      command
        .option('year', { type: 'number', describe: '报告年度（默认上一年）' })
        .option('org', { type: 'string', describe: '机关全称' })
        .option('out', { alias: 'o', type: 'string', describe: '写入的文件（默认“{年度}年政府信息公开工作年度报告.yaml”）' })
        .option('force', { type: 'boolean', default: false, describe: '文件已存在时覆盖' })
        .check((args) => {
          if (args.year !== undefined && (!Number.isInteger(args.year) || args.year < 2008 || args.year > 2100)) {
            throw new CliFailure('--year 应为 2008 至 2100 之间的整数（按年度选择格式：2018 年度及以前为旧条例时期格式，2019、2020 年度为 2019 年试行格式，2021 年度起为现行格式）', EXIT_UNREADABLE);
          }
          return true;
        }),
    async (args) => {
      const year = args.year ?? today().getFullYear() - 1;
      const target = args.out ?? `${year}年政府信息公开工作年度报告.yaml`;
      const schemaPath = path.relative(path.dirname(path.resolve(target)), SCHEMA_FILE).split(path.sep).join('/');
      // The format in force for the year (spec §1): its own tables and its own starter.
      const format = builtInFormats.forYear(year);
      const text = format.starter({ year, ...(args.org ? { organization: args.org } : {}), schemaPath });
      await writeFileAtomic(target, text, { overwrite: args.force });
      printer.out(`已新建：${target}（格式：${format.label}）`);
      printer.out(`下一步：填写后运行 npx xxgk validate ${target} 检查，再运行 npx xxgk build ${target} 生成报告。`);
      setExitCode(EXIT_OK);
    },
  );
}
