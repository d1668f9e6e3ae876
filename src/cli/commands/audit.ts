import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Argv } from 'yargs';
import { describePlace, diagnosticToJson, formatDiagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { writeFileAtomic } from '../../io/output-file.js';
import type { AuditInput, AuditResult } from '../../audit/index.js';
import { CliFailure, EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE } from '../errors.js';
import { MAX_PRINTED_DIAGNOSTICS, printable, type Printer } from '../output.js';

export interface AuditArgs {
  files: string[];
  previous?: string[];
  xlsx?: string;
  json?: boolean;
}

/** The forms a folder is searched for. */
const DOCUMENT_EXTENSIONS = new Set(['.html', '.htm', '.txt', '.pdf', '.docx']);

/** Larger than any report; listed as unreadable without being read. */
const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/** The files named, a folder standing for every report document directly in it (sorted by name). */
async function expand(names: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const name of names) {
    const info = await stat(name).catch(() => undefined);
    if (info?.isDirectory()) {
      const entries = (await readdir(name, { withFileTypes: true }))
        .filter((entry) => entry.isFile() && DOCUMENT_EXTENSIONS.has(path.extname(entry.name).toLowerCase()))
        .map((entry) => entry.name)
        .sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'));
      if (entries.length === 0) throw new CliFailure(`文件夹 "${name}" 中没有年度报告文件（.html、.htm、.txt、.pdf、.docx）`, EXIT_UNREADABLE);
      files.push(...entries.map((entry) => path.join(name, entry)));
    } else files.push(name);
  }
  return files;
}

/** A file's bytes, or why it cannot be read (the audit lists it as unreadable and goes on). */
async function input(name: string): Promise<AuditInput> {
  try {
    const info = await stat(name);
    if (!info.isFile()) return { name, bytes: new Uint8Array(), unreadable: '不是文件，无法读取' };
    if (info.size > MAX_INPUT_BYTES) {
      return { name, bytes: new Uint8Array(), unreadable: `有 ${Math.round(info.size / 1024 / 1024)} MB，超过 20 MB，不像一份年度报告，没有读取` };
    }
    return { name, bytes: await readFile(name) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { name, bytes: new Uint8Array(), unreadable: code === 'ENOENT' ? '找不到文件' : `无法读取（${code ?? String(error)}）` };
  }
}

/** One printed line: document, place, 级别 [规则] message. */
function line(name: string, diagnostic: Diagnostic): string {
  const place = describePlace(diagnostic.place);
  return printable(formatDiagnostic(diagnostic, place ? `${name} ${place}` : name, name));
}

function summaryLine(report: AuditResult['reports'][number], label: string): string {
  const who = [report.organization, report.year !== undefined ? `${report.year} 年度` : undefined].filter(Boolean).join(' ');
  const counts = report.reason !== undefined ? '' : `（${report.errors} 个错误、${report.warnings} 个提示）`;
  return printable(`${report.name}：${who ? `${who}，` : ''}${label}${counts}${report.previous ? `；跨年对照 ${report.previous}` : ''}`);
}

export function auditCommand(yargs: Argv, printer: Printer, setExitCode: (code: number) => void) {
  return yargs.command<AuditArgs>(
    'audit <files..>',
    '审查已发布的年度报告：勾稽关系、正文与表格是否一致、标题和表格用语、六个部分、信息处理费、发布时限、跨年衔接',
    (command) =>
      command
        .positional('files', {
          type: 'string',
          array: true,
          demandOption: true,
          describe: '已发布的报告（网页 .html/.htm、纯文本 .txt、PDF、Word .docx），或存放报告的文件夹（审查其中每个报告文件）',
        })
        .option('previous', {
          type: 'string',
          array: true,
          describe: '同一机关往年的报告（已发布的报告或 YAML/JSON 数据文件），只用于跨年衔接检查',
        })
        .option('xlsx', { type: 'string', describe: '把问题清单写入此工作簿（.xlsx），含“问题清单”和“单位”两张表' })
        .option('json', { type: 'boolean', default: false, describe: '以 JSON 输出审查结果' }),
    async (args) => {
      const { auditDocuments, auditWorkbook, AUDIT_STATUS_LABELS } = await import('../../audit/index.js');
      if (args.xlsx !== undefined && path.extname(args.xlsx).toLowerCase() !== '.xlsx') {
        throw new CliFailure(`--xlsx 应是 .xlsx 文件，写成了 "${args.xlsx}"`, EXIT_UNREADABLE);
      }
      const files = await expand(args.files);
      const previousFiles = await expand(args.previous ?? []);
      if (args.xlsx !== undefined && [...files, ...previousFiles].some((file) => path.resolve(file) === path.resolve(args.xlsx!))) {
        throw new CliFailure(`--xlsx 不能是正在审查的文件（${args.xlsx}）`, EXIT_UNREADABLE);
      }
      const documents: AuditInput[] = [];
      for (const file of files) documents.push(await input(file));
      const previous: AuditInput[] = [];
      for (const file of previousFiles) previous.push(await input(file));
      const result = await auditDocuments(documents, { previous });

      const unusable = result.inputProblems.length > 0 || result.reports.some((report) => report.reason !== undefined);
      const errors = result.reports.some((report) => report.errors > 0);
      if (args.xlsx !== undefined) await writeFileAtomic(args.xlsx, await auditWorkbook(result, { date: new Date() }), { overwrite: true });

      if (args.json) {
        printer.out(
          JSON.stringify(
            {
              ok: !unusable && !errors,
              reports: result.reports.map((report) => ({
                file: report.name,
                ...(report.organization !== undefined ? { organization: report.organization } : {}),
                ...(report.year !== undefined ? { year: report.year } : {}),
                ...(report.format ? { format: report.format.id } : {}),
                status: report.status,
                statusLabel: AUDIT_STATUS_LABELS[report.status],
                errors: report.errors,
                warnings: report.warnings,
                ...(report.previous ? { previous: report.previous } : {}),
                ...(report.reason !== undefined ? { reason: report.reason } : {}),
                diagnostics: report.diagnostics.map((d) => ({ ...diagnosticToJson(d, report.name), ...(describePlace(d.place) ? { placeText: describePlace(d.place) } : {}) })),
              })),
              inputProblems: result.inputProblems.map((d) => diagnosticToJson(d)),
              ...(args.xlsx !== undefined ? { workbook: args.xlsx } : {}),
            },
            null,
            2,
          ),
        );
      } else {
        for (const problem of result.inputProblems) printer.out(line(problem.file ?? '', problem));
        for (const report of result.reports) {
          if (report.reason !== undefined) {
            const code = report.status === 'unreadable' ? 'AUDIT-UNREADABLE' : 'AUDIT-NOT-REPORT';
            printer.out(printable(`${report.name} 错误 [${code}] ${report.reason}`));
          }
          for (const diagnostic of report.diagnostics.slice(0, MAX_PRINTED_DIAGNOSTICS)) printer.out(line(report.name, diagnostic));
          if (report.diagnostics.length > MAX_PRINTED_DIAGNOSTICS) {
            printer.out(`${report.name} ……另有 ${report.diagnostics.length - MAX_PRINTED_DIAGNOSTICS} 个问题未列出（可用 --json 或 --xlsx 查看全部）`);
          }
        }
        printer.out('');
        for (const report of result.reports) printer.out(summaryLine(report, AUDIT_STATUS_LABELS[report.status]));
        const count = (status: keyof typeof AUDIT_STATUS_LABELS) => result.reports.filter((report) => report.status === status).length;
        const parts = (Object.keys(AUDIT_STATUS_LABELS) as (keyof typeof AUDIT_STATUS_LABELS)[])
          .filter((status) => count(status) > 0)
          .map((status) => `${AUDIT_STATUS_LABELS[status]} ${count(status)} 份`);
        printer.out(`共审查 ${result.reports.length} 份报告：${parts.join('、')}。`);
        if (args.xlsx !== undefined) printer.out(`问题清单已写入：${args.xlsx}`);
      }
      setExitCode(unusable ? EXIT_UNREADABLE : errors ? EXIT_INVALID : EXIT_OK);
    },
  );
}
