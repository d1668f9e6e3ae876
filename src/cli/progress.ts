/**
 * Batch progress: a bar on a terminal, one plain line per unit otherwise
 * (CI logs, pipes), so the output is readable either way.
 */
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { UnitResult } from '../batch/run.js';
import { printable, type Printer } from './output.js';

export interface ProgressReporter {
  unit(result: UnitResult, finished: number, total: number): void;
  stop(): void;
}

const STATUS_LABEL: Record<UnitResult['status'], string> = {
  built: '已生成',
  invalid: '有错误',
  failed: '失败',
  cancelled: '已取消',
};

/**
 * What a plain progress line names: the files written (the first with its
 * folder, the others, which share it, by name), or the input when nothing was.
 */
export function progressSubject(result: UnitResult): string {
  if (result.written.length === 0) return result.inputPath;
  const [first, ...rest] = result.written;
  const folder = path.dirname(first!);
  return [first!, ...rest.map((file) => (path.dirname(file) === folder ? path.basename(file) : file))].join('、');
}

export function createProgress(printer: Printer, total: number, interactive: boolean): ProgressReporter {
  if (!interactive) {
    return {
      unit(result, finished) {
        printer.err(printable(`[${finished}/${total}] ${STATUS_LABEL[result.status]}：${progressSubject(result)}${result.reason ? `（${result.reason}）` : ''}`));
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: '生成中 [{bar}] {value}/{total} 份 | 失败 {failed} | 已用 {duration_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  let failed = 0;
  bar.start(total, 0, { failed });
  return {
    unit(result, finished) {
      if (result.status === 'failed' || result.status === 'invalid') failed += 1;
      bar.update(finished, { failed });
    },
    stop() {
      bar.stop();
    },
  };
}
