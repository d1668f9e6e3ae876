/**
 * The default worker count of a batch (src/batch/jobs.ts): one worker until
 * the batch is big enough and a core is idle, never more than the cores; and
 * `--jobs N` still decides when given.
 */
import { describe, expect, it } from 'vitest';
import { REPORTS_PER_WORKER, batchJobs, defaultJobs } from '../../src/batch/jobs.js';

describe('batch worker count', () => {
  it('starts one worker for a small batch, one more per REPORTS_PER_WORKER reports, at most one per core', () => {
    expect(batchJobs(1, 2, 0)).toBe(1);
    expect(batchJobs(REPORTS_PER_WORKER * 2 - 1, 2, 0)).toBe(1);
    expect(batchJobs(REPORTS_PER_WORKER * 2, 2, 0)).toBe(2);
    expect(batchJobs(200, 2, 0)).toBe(2);
    expect(batchJobs(200, 8, 0)).toBe(8);
    expect(batchJobs(REPORTS_PER_WORKER * 3, 8, 0)).toBe(3);
    expect(batchJobs(0, 4, 0)).toBe(1);
  });

  it('uses only the idle cores: a busy machine gets one worker', () => {
    expect(batchJobs(200, 2, 0.4)).toBe(2);
    expect(batchJobs(200, 2, 0.9)).toBe(1);
    expect(batchJobs(200, 2, 6.5)).toBe(1);
    expect(batchJobs(200, 8, 3)).toBe(5);
    expect(batchJobs(200, 2, Number.NaN)).toBe(2);
  });

  it('never exceeds the cores of this machine by default', () => {
    expect(batchJobs(10_000)).toBeGreaterThanOrEqual(1);
    expect(batchJobs(10_000)).toBeLessThanOrEqual(defaultJobs());
  });
});
