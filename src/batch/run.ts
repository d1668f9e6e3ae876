/**
 * Builds many reports on a worker pool (piscina). Workers validate and render;
 * this thread alone writes, atomically, so stopping a batch (Ctrl-C, an
 * AbortSignal) leaves every output either complete or absent. One failing unit
 * never stops the others.
 */
import { setMaxListeners } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { writeOutputs } from '../build.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { describeFailure } from './failure.js';
import { batchJobs } from './jobs.js';
import type { BatchOptions, BatchTask, BatchTaskResult } from './task.js';

export type UnitStatus = 'built' | 'invalid' | 'failed' | 'cancelled';

export interface UnitResult {
  inputPath: string;
  status: UnitStatus;
  written: string[];
  diagnostics: Diagnostic[];
  /** The emitters' warnings for this unit (fonts, missing characters). */
  warnings?: Diagnostic[];
  /** Why a unit was not built, in Chinese. */
  reason?: string;
}

export interface BatchSummary {
  units: UnitResult[];
  built: number;
  failed: number;
  cancelled: number;
  /** Wall-clock time of the whole batch. */
  milliseconds: number;
  /** When the PDF fonts could not be used: why, in Chinese. The batch stopped; no unit was built. */
  fontsUnusable?: string;
}

export interface BatchRunOptions {
  /** Worker threads; default: by the number of reports and the idle cores (jobs.ts `batchJobs`). */
  jobs?: number;
  signal?: AbortSignal;
  /** Called as each unit finishes, in completion order. */
  onUnit?(result: UnitResult, finished: number, total: number): void;
  /** The compiled worker module; defaults to worker.js beside this file. */
  workerFile?: string;
}

/** Set (to true) by esbuild in the script started from the code cache, whose workers start from it too (src/cli/cold). */
declare const __XXGK_CODE_CACHE__: boolean | undefined;

function defaultWorkerFile(): string {
  const cached = typeof __XXGK_CODE_CACHE__ !== 'undefined' && __XXGK_CODE_CACHE__;
  const file = fileURLToPath(new URL(cached ? '../cli/cold/worker-entry.js' : './worker.js', import.meta.url));
  if (!existsSync(file)) throw new Error(`batch worker not found at ${file}; run \`npm run build\` first`);
  return file;
}

function statusOf(result: BatchTaskResult): { status: UnitStatus; reason?: string } {
  if (result.failure) return { status: 'failed', reason: result.failure };
  if (result.refused === 'unusable') return { status: 'invalid', reason: '数据文件无法使用' };
  if (result.refused === 'invalid') return { status: 'invalid', reason: '数据有错误，未生成' };
  return { status: 'built' };
}

export async function runBatch(files: readonly string[], options: BatchOptions, run: BatchRunOptions = {}): Promise<BatchSummary> {
  const started = performance.now();
  const jobs = Math.max(1, Math.min(run.jobs ?? batchJobs(files.length), files.length || 1));
  const pool = new Piscina<BatchTask, BatchTaskResult>({
    filename: run.workerFile ?? defaultWorkerFile(),
    minThreads: jobs,
    maxThreads: jobs,
    // Workers start loading what these options need (emitters, fonts) before their first unit.
    workerData: options,
  });
  // Stops the batch from inside: fonts that cannot be used fail every unit alike.
  const stopInside = new AbortController();
  const signal = run.signal ? AbortSignal.any([run.signal, stopInside.signal]) : stopInside.signal;
  let fontsUnusable: string | undefined;
  // Every queued task listens to the one stop signal.
  setMaxListeners(files.length + 16, signal);
  if (run.signal) setMaxListeners(files.length + 16, run.signal);
  setMaxListeners(files.length + 16, stopInside.signal);
  const units: UnitResult[] = [];
  const claimedTargets = new Map<string, string>();
  let finished = 0;

  const finish = (result: UnitResult) => {
    units.push(result);
    finished += 1;
    // Once unusable fonts stopped the batch, the units cancelled by it get no progress line of their own.
    if (fontsUnusable === undefined) run.onUnit?.(result, finished, files.length);
  };

  const buildOne = async (inputPath: string): Promise<void> => {
    if (signal.aborted) {
      finish({ inputPath, status: 'cancelled', written: [], diagnostics: [], reason: '已取消' });
      return;
    }
    let result: BatchTaskResult;
    try {
      result = await pool.run({ inputPath, options }, { signal });
    } catch (error) {
      const cancelled = signal.aborted;
      finish({
        inputPath,
        status: cancelled ? 'cancelled' : 'failed',
        written: [],
        diagnostics: [],
        reason: cancelled ? '已取消' : describeFailure(error),
      });
      return;
    }
    if (result.fontsUnusable !== undefined) {
      // Not a unit's own failure: recorded as cancelled, without a progress line; the summary says why once.
      fontsUnusable ??= result.fontsUnusable;
      stopInside.abort();
      finish({ inputPath, status: 'cancelled', written: [], diagnostics: [], reason: '已取消' });
      return;
    }
    const { status, reason } = statusOf(result);
    if (status !== 'built') {
      finish({ inputPath, status, written: [], diagnostics: result.diagnostics, ...(reason ? { reason } : {}) });
      return;
    }
    // A result that arrives after a stop is dropped: nothing new is written once the user asked to stop.
    if (signal.aborted) {
      finish({ inputPath, status: 'cancelled', written: [], diagnostics: result.diagnostics, reason: '已取消' });
      return;
    }
    const clash = result.outputs.find((output) => claimedTargets.has(output.target));
    if (clash) {
      finish({
        inputPath,
        status: 'failed',
        written: [],
        diagnostics: result.diagnostics,
        reason: `输出文件 ${clash.target} 与 ${claimedTargets.get(clash.target)} 的输出同名（机关名称和年度相同？），未覆盖`,
      });
      return;
    }
    for (const output of result.outputs) claimedTargets.set(output.target, inputPath);
    try {
      const written = await writeOutputs(result.outputs);
      const invalid = hasErrors(result.diagnostics);
      finish({
        inputPath,
        status: 'built',
        written,
        diagnostics: result.diagnostics,
        warnings: result.warnings,
        ...(invalid ? { reason: '数据有错误，按 --force 生成' } : {}),
      });
    } catch (error) {
      finish({ inputPath, status: 'failed', written: [], diagnostics: result.diagnostics, reason: describeFailure(error) });
    }
  };

  try {
    await Promise.all(files.map(buildOne));
  } finally {
    await pool.destroy();
  }
  const order = new Map(files.map((file, index) => [file, index]));
  units.sort((a, b) => order.get(a.inputPath)! - order.get(b.inputPath)!);
  return {
    units,
    built: units.filter((unit) => unit.status === 'built').length,
    failed: units.filter((unit) => unit.status === 'failed' || unit.status === 'invalid').length,
    cancelled: units.filter((unit) => unit.status === 'cancelled').length,
    milliseconds: performance.now() - started,
    ...(fontsUnusable !== undefined ? { fontsUnusable } : {}),
  };
}
