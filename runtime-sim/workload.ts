import type { JobOutcome, JobSpec, Millis } from '../core/index.js';
import type { SimStepsWork } from './steps-work.js';

/**
 * A job as the simulated world knows it: what is submitted (the spec, which the core sees) and
 * what really happens when it runs (hidden from the core).
 */
export interface SimJob {
  readonly spec: JobSpec;
  readonly submitTime: Millis;
  /** How long it really runs. It is killed at its time limit if that comes first. */
  readonly runtime: Millis;
  /** How it ends if it is not killed at its time limit. */
  readonly outcome: Exclude<JobOutcome, 'ExceedTimeLimit'> | 'ExceedTimeLimit';
  readonly exitCode: number;
  /**
   * A job with steps (`spec.kind` set): what its primary and appended steps do; `runtime`,
   * `outcome` and `exitCode` are then unused (the job ends with its primary, when its Pod is released).
   */
  readonly steps?: SimStepsWork;
}

/** CraneSched's exit code for a job killed at its time limit (reserved range 320+). */
export const EXIT_TIME_LIMIT = 325;

/**
 * Sort jobs by submit time, keeping file order among equal times (a stable sort), which is the
 * reference simulator's order. Returns the input when it is already sorted.
 */
export function sortBySubmit<T extends { readonly submitTime: Millis }>(jobs: readonly T[]): readonly T[] {
  for (let i = 1; i < jobs.length; i++) {
    if (jobs[i]!.submitTime < jobs[i - 1]!.submitTime) {
      return jobs
        .map((job, index) => ({ job, index }))
        .sort((a, b) => a.job.submitTime - b.job.submitTime || a.index - b.index)
        .map((x) => x.job);
    }
  }
  return jobs;
}
