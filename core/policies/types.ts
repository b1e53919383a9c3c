import type { ClusterState } from '../cluster/cluster-state.js';
import type { LimitReason } from '../model/job.js';
import type { Millis } from '../model/time.js';
import type { NodeRuns } from '../model/node-runs.js';
import type { JobRecord } from '../scheduler/job-record.js';
import type { Reservation } from '../scheduler/reservations.js';

/**
 * QoS preemption in force (CRANESCHED.md §4.8, `Preempt.PreemptType: qos`): which QoS a QoS may
 * preempt, each QoS's priority (victims of lower QoS priority go first), and whether a victim of
 * a QoS is requeued (`REQUEUE`, an extension) rather than cancelled.
 */
export interface PreemptionPolicy {
  targets(qos: string): readonly string[];
  qosPriority(qos: string): number;
  requeues(victimQos: string): boolean;
}

/**
 * What a planner sees in one scheduling cycle. The core owns the state; a planner decides which
 * jobs start now (and on which nodes) by calling `start`, and sets `pendingReason` on the rest.
 */
export interface CycleContext {
  readonly now: Millis;
  readonly cluster: ClusterState;
  /**
   * Pending jobs that may run now (not held, begin time reached, dependencies met), in queue
   * order: submission order, or by priority when the profile orders by priority. The queue order
   * is computed when this is first read in a cycle.
   */
  readonly candidates: readonly JobRecord[];
  /**
   * The same jobs as `candidates`, in no particular order, when the queue order keeps them all
   * (no `ScheduledBatchSize` cut can apply); undefined otherwise. Reading it computes nothing: a
   * planner that finds from it alone that nothing can start leaves the queue order (and the
   * priorities it shows) as of the last cycle that read `candidates`.
   */
  readonly unordered: readonly JobRecord[] | undefined;
  /** Running jobs, in start order. */
  readonly running: readonly JobRecord[];
  /** Whether anything changed since the last cycle (a submission, an end, an admin event). */
  readonly changed: boolean;
  /** Terminations observed since the last cycle. */
  readonly terminations: number;
  /**
   * Start `job` now on these nodes (indices), with what it takes on each (default: its request).
   * The core checks nothing here that the planner must not already have checked.
   */
  start(job: JobRecord, nodes: readonly number[], allocation?: readonly Float64Array[]): void;
  /** `start` on nodes given as runs (core/model/node-runs.ts), each taking the job's request: no node list is built. */
  startOnRuns(job: JobRecord, runs: NodeRuns): void;
  /** The first QoS or partition run limit that `job` starting now would break, or null. */
  runLimit(job: JobRecord): LimitReason | null;
  /** Reservations in force (active or future), and one by name. */
  readonly reservations: readonly Reservation[];
  reservation(name: string): Reservation | undefined;
  /** Null when preemption is off. */
  readonly preemption: PreemptionPolicy | null;
  /** End a running job to make room for a preemptor (cancelled, or requeued under REQUEUE). */
  preempt(victim: JobRecord, requeue: boolean): void;
}

/**
 * Extension point `planner`: the placement and backfill policy of a scheduling profile.
 *
 * Contract: `cycle` is called by `Scheduler.schedule(now)` on every call; the planner decides
 * itself whether to run a pass (event-driven planners run one when `changed`). It must be
 * deterministic and must never over-allocate a node. `withdrawn` tells it a pending job left the
 * queue or became ineligible (held, cancelled); `ended` that a running job's resources are free
 * from `now`. `nextWake` is when it wants to be called again, if ever.
 */
export interface Planner {
  readonly name: string;
  /** Whether it honours reservations and preemption (the scheduler refuses reservations otherwise). */
  readonly reservations?: boolean;
  cycle(ctx: CycleContext): void;
  withdrawn(job: JobRecord): void;
  ended(job: JobRecord, now: Millis): void;
  nextWake(now: Millis): Millis | undefined;
}
