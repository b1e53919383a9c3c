import type { AvailabilityProfile } from '../../placement/profile.js';
import type { Millis } from '../../model/time.js';
import type { JobRecord } from '../../scheduler/job-record.js';

/**
 * What a whole-node backfill policy sees during one pass. The planner owns the profile; the
 * policy decides by calling `plan`/`replan`, which place holds in it.
 */
export interface PassContext {
  readonly now: Millis;
  /** The estimate-based availability profile (whole nodes). */
  readonly profile: AvailabilityProfile;
  /**
   * Eligible pending jobs in queue order. Jobs planned to start now are still in it until the
   * pass ends; policies skip them by `plannedStart <= now`.
   */
  readonly queue: readonly JobRecord[];
  /** Terminations observed since the previous pass. */
  readonly terminations: number;
  /** Plan a job with no plan to start at `at` (>= now): holds its nodes on [at, at + limit). */
  plan(job: JobRecord, at: Millis): void;
  /** Move a planned, not yet started job to start at `at`. */
  replan(job: JobRecord, at: Millis): void;
}

/**
 * A whole-node backfill policy: one scheduling pass over the pending queue.
 *
 * Contract: called when anything changed since the last pass (a submission, a termination, a
 * job becoming eligible), never on a mere wake-up. It must be deterministic, must only plan jobs
 * where the profile shows room for their whole time limit, and sets `pendingReason` on every job
 * it leaves pending. Jobs it plans at `now` start in this cycle, in the order they were planned.
 */
export interface BackfillPolicy {
  readonly name: string;
  pass(ctx: PassContext): void;
}

export type BackfillFactory = () => BackfillPolicy;
