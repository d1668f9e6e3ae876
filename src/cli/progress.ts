/**
 * Batch progress: a bar on a terminal, one plain line per unit otherwise
 * (CI logs, pipes), so the output is readable either way.
 */
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

export function createProgress(printer: Printer, total: number, interactive: boolean): ProgressReporter {
  if (!interactive) {
    return {
      unit(result, finished) {
        printer.err(printable(`[${finished}/${total}] ${STATUS_LABEL[result.status]}：${result.inputPath}${result.reason ? `（${result.reason}）` : ''}`));
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
