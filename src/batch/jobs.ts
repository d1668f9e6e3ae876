import os from 'node:os';

/** Default batch parallelism: one worker per core. */
export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}
