import os from 'node:os';

/** The number of cores: the most workers a batch starts by default, and the single report's thread budget. */
export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/**
 * Reports a worker should have before another one is started. Each worker
 * loads and warms up on its own (its first reports run unoptimised code): on
 * this project's 2-core machine a second worker repeated about 0.7 s of CPU
 * (README, issue #16); below this many reports a worker it is not worth it.
 */
export const REPORTS_PER_WORKER = 8;

/**
 * Default worker count of a batch: one per core, but no more than the cores
 * that are idle (cores minus the 1-minute load average, rounded, as `make -l`
 * reasons: on a busy machine an extra worker only adds its own warm-up — at
 * load 6–7 on 2 cores one worker was faster than two for 6 to 40 PDFs), and
 * no more than one per `REPORTS_PER_WORKER` reports. `--jobs N` overrides it.
 */
export function batchJobs(reports: number, cores: number = defaultJobs(), load: number = os.loadavg()[0] ?? 0): number {
  const idle = Math.round(cores - (Number.isFinite(load) ? load : 0));
  return Math.max(1, Math.min(cores, idle, Math.floor(reports / REPORTS_PER_WORKER)));
}
