import type { JobId, NodeId } from './ids.js';
import type { Millis } from './time.js';

/**
 * What a job asks for, CraneSched style: `nodeCount` nodes, each with `perNode` resources.
 * CPUs are integer milli-CPUs so that fractional CPUs stay exact.
 */
export interface ResourceRequest {
  readonly nodeCount: number;
  readonly perNode: { readonly cpuMilli: number; readonly memMiB: number };
}

/** A job as submitted. The core sees the time limit (the planner's estimate), never a real runtime. */
export interface JobSpec {
  /** The workload's own id (SWF job number, CraneSched job id, ...), kept for output. */
  readonly externalId: string;
  readonly user: string;
  readonly account: string;
  readonly partition: string;
  readonly qos: string;
  readonly request: ResourceRequest;
  /** Time limit in ms. The job is killed when it reaches it; the planner plans with it. */
  readonly timeLimit: Millis;
}

/** Job states, named as CraneSched names them. */
export type JobState =
  | 'Pending'
  | 'Running'
  | 'Completed'
  | 'Failed'
  | 'ExceedTimeLimit'
  | 'Cancelled';

/** Terminal states a runtime reports when a job ends. */
export type JobOutcome = Exclude<JobState, 'Pending' | 'Running'>;

/**
 * Why a job is still pending: a closed list users see (CraneSched's names). `Priority` means a job
 * ahead of it in the queue is blocking; `Resource` means it is the first that does not fit.
 */
export type PendingReason = 'Priority' | 'Resource' | 'Resource Reserved';

/** The read-only projection of one job that leaves the core. */
export interface JobView {
  readonly id: JobId;
  readonly spec: JobSpec;
  readonly submitTime: Millis;
  readonly state: JobState;
  /** Planned start (conservative backfill plans ahead); NaN when the job has no plan. */
  readonly plannedStart: Millis;
  readonly startTime: Millis;
  readonly endTime: Millis;
  readonly nodes: readonly NodeId[];
  readonly pendingReason: PendingReason | null;
  readonly exitCode: number;
}
