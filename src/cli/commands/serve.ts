/**
 * `xxgk serve [FOLDER|FILE] [--port N] [--no-open]`: the workbench in the
 * browser (src/workbench/server). Runs until Ctrl-C, which closes the server;
 * saves are atomic, so stopping leaves no partial file.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Argv } from 'yargs';
import { CliFailure, EXIT_OK, EXIT_UNREADABLE } from '../errors.js';
import type { Printer } from '../output.js';

export interface ServeArgs {
  path?: string;
  port?: number;
  open: boolean;
}

/** Opens `url` in the default browser; never fails (a server without a desktop has none). */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser to open: the address is printed.
  }
}

export function serveCommand(yargs: Argv, printer: Printer, setExitCode: (code: number) => void) {
  return yargs.command<ServeArgs>(
    'serve [path]',
    '在浏览器中填写、检查和生成年度报告（工作台）；只读写所给文件夹（默认当前文件夹）',
    (command) =>
      command
        .positional('path', { type: 'string', describe: '工作文件夹，或其中一个要打开的数据文件（默认当前文件夹）' })
        .option('port', { type: 'number', describe: '端口（默认自动选一个空闲端口）' })
        .option('open', { type: 'boolean', default: true, describe: '启动后打开浏览器（--no-open 不打开）' }),
    async (args) => {
      const given = path.resolve(args.path ?? '.');
      const info = await fs.stat(given).catch(() => undefined);
      if (!info) throw new CliFailure(`找不到 ${args.path ?? given}`, EXIT_UNREADABLE);
      const folder = info.isDirectory() ? given : path.dirname(given);
      const open = info.isDirectory() ? undefined : path.basename(given);
      if (args.port !== undefined && (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535)) {
        throw new CliFailure('--port 应为 0 至 65535 之间的整数', EXIT_UNREADABLE);
      }
      const { startWorkbench } = await import('../../workbench/server/server.js');
      let workbench;
      try {
        workbench = await startWorkbench({ folder, ...(open ? { open } : {}), ...(args.port !== undefined ? { port: args.port } : {}) });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new CliFailure(`端口 ${args.port} 已被占用，请换一个端口或不指定 --port`, EXIT_UNREADABLE);
        throw error;
      }
      printer.out(`工作台已启动，工作文件夹：${workbench.folder}`);
      printer.out(`请在浏览器中打开：${workbench.url}`);
      printer.out('按 Ctrl-C 停止。');
      if (args.open) openBrowser(workbench.url);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void workbench.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      printer.out('工作台已停止。');
      setExitCode(EXIT_OK);
    },
  );
}
