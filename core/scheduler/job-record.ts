import type { JobId, NodeId } from '../model/ids.js';
import type { JobSpec, JobState, JobView, PendingReason, PriorityFactorsView } from '../model/job.js';
import type { NodeRequest } from '../model/resources.js';
import type { Millis } from '../model/time.js';

/**
 * The core's mutable record of one job. It never leaves the core: outside code gets `JobView`s.
 * Hot fields are copied out of the spec for the planners' inner loops.
 */
export class JobRecord {
  state: JobState = 'Pending';
  /** When a planner plans to start it; +Infinity while it has no plan. */
  plannedStart: Millis = Infinity;
  /** Orders plans made for the same instant: the job planned first starts first. */
  planSeq = 0;
  /** End of the whole-node planner's hold: plannedStart + limit, cut to the observed end. */
  holdEnd: Millis = Infinity;
  startTime: Millis = NaN;
  endTime: Millis = NaN;
  exitCode = 0;
  nodes: readonly NodeId[] = [];
  /** What it holds on each of its nodes while running (same order as `nodes`). */
  allocation: readonly Float64Array[] = [];
  pendingReason: PendingReason | null = null;
  priority = 0;
  priorityFactors: PriorityFactorsView | null = null;
  held: boolean;
  /** Whether it passed the eligibility filter in the last cycle (a change makes the planner re-plan). */
  eligible = false;
  /** An end or cancel was requested while it runs; the runtime will report the end. */
  ending = false;
  requeues = 0;
  /** Submit time of the current incarnation (a requeue resets it). */
  submitTime: Millis;

  readonly units: number;
  readonly limit: Millis;

  constructor(
    readonly id: JobId,
    readonly spec: JobSpec,
    submitTime: Millis,
    /** The partition it runs in (index into the cluster's partitions). */
    readonly partition: number,
    readonly qos: string,
    limit: Millis,
    /** What it needs on each node, as a resource vector. */
    readonly need: NodeRequest,
  ) {
    this.submitTime = submitTime;
    this.units = spec.request.nodeCount;
    this.limit = limit;
    this.held = spec.hold === true;
  }

  get pending(): boolean {
    return this.state === 'Pending';
  }

  view(): JobView {
    return {
      id: this.id,
      spec: this.spec,
      submitTime: this.submitTime,
      state: this.state,
      plannedStart: Number.isFinite(this.plannedStart) ? this.plannedStart : NaN,
      startTime: this.startTime,
      endTime: this.endTime,
      nodes: this.nodes,
      pendingReason: this.state === 'Pending' ? this.pendingReason : null,
      exitCode: this.exitCode,
      timeLimit: this.limit,
      priority: this.priority,
      priorityFactors: this.priorityFactors,
      requeues: this.requeues,
    };
  }
}
