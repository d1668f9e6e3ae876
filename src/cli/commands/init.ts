import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argv } from 'yargs';
import { v2021Format } from '../../formats/v2021/index.js';
import { writeFileAtomic } from '../../io/output-file.js';
import { EXIT_OK } from '../errors.js';
import type { Printer } from '../output.js';

export interface InitArgs {
  year?: number;
  org?: string;
  out?: string;
  force: boolean;
}

const SCHEMA_FILE = fileURLToPath(new URL('../../../schema/report.schema.json', import.meta.url));

export function initCommand(yargs: Argv, printer: Printer, setExitCode: (code: number) => void, today: () => Date) {
  return yargs.command<InitArgs>(
    'init',
    '新建一份带说明的报告数据文件（各表格数字均为 0）',
    (command) =>
      command
        .option('year', { type: 'number', describe: '报告年度（默认上一年）' })
        .option('org', { type: 'string', describe: '机关全称' })
        .option('out', { alias: 'o', type: 'string', describe: '写入的文件（默认“{年度}年政府信息公开工作年度报告.yaml”）' })
        .option('force', { type: 'boolean', default: false, describe: '文件已存在时覆盖' })
        .check((args) => {
          if (args.year !== undefined && (!Number.isInteger(args.year) || args.year < 2021 || args.year > 2100)) {
            throw new Error('--year 应为 2021 至 2100 之间的整数（2021 年以前的格式尚未支持）');
          }
          return true;
        }),
    async (args) => {
      const year = args.year ?? today().getFullYear() - 1;
      const target = args.out ?? `${year}年政府信息公开工作年度报告.yaml`;
      const schemaPath = path.relative(path.dirname(path.resolve(target)), SCHEMA_FILE).split(path.sep).join('/');
      const text = v2021Format.starter({ year, ...(args.org ? { organization: args.org } : {}), schemaPath });
      await writeFileAtomic(target, text, { overwrite: args.force });
      printer.out(`已新建：${target}`);
      printer.out(`下一步：填写后运行 npx xxgk validate ${target} 检查，再运行 npx xxgk build ${target} 生成报告。`);
      setExitCode(EXIT_OK);
    },
  );
}
