import type { JobId, NodeId } from '../model/ids.js';
import type { JobSpec, JobState, JobView, PendingReason } from '../model/job.js';
import type { Millis } from '../model/time.js';

/**
 * The core's mutable record of one job. It never leaves the core: outside code gets `JobView`s.
 * Hot fields (`units`, `limit`, plan) are copied out of the spec for the planner's inner loops.
 */
export class JobRecord {
  state: JobState = 'Pending';
  /** When the planner holds this job's nodes from; +Infinity while it has no plan. */
  plannedStart: Millis = Infinity;
  /** Orders plans made for the same instant: the job planned first starts first. */
  planSeq = 0;
  /** End of the hold: plannedStart + limit, cut to the observed end. */
  holdEnd: Millis = Infinity;
  startTime: Millis = NaN;
  endTime: Millis = NaN;
  exitCode = 0;
  nodes: readonly NodeId[] = [];
  pendingReason: PendingReason | null = null;

  readonly units: number;
  readonly limit: Millis;

  constructor(
    readonly id: JobId,
    readonly spec: JobSpec,
    readonly submitTime: Millis,
  ) {
    this.units = spec.request.nodeCount;
    this.limit = spec.timeLimit;
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
    };
  }
}
