import type { JobId, Millis, NodeId } from '../core/index.js';

/**
 * Checks, around any scheduler, the invariants every schedule must keep (the idea of pybatsim's
 * validating wrapper): no node is given to two jobs at once, no job starts before it is submitted
 * or starts twice, and every job ends exactly once, after it started. A violation throws, naming
 * the job and node.
 */
export class ScheduleValidator {
  private readonly nodeOwner: Int32Array;
  private readonly submitted = new Map<number, Millis>();
  private readonly started = new Set<number>();
  private readonly ended = new Set<number>();

  constructor(nodeCount: number) {
    this.nodeOwner = new Int32Array(nodeCount).fill(-1);
  }

  submit(job: JobId, now: Millis): void {
    if (this.submitted.has(job)) throw new Error(`validator: job ${job} submitted twice`);
    this.submitted.set(job, now);
  }

  start(job: JobId, nodes: readonly NodeId[], now: Millis): void {
    const submit = this.submitted.get(job);
    if (submit === undefined) throw new Error(`validator: job ${job} started at ${now} but never submitted`);
    if (now < submit) throw new Error(`validator: job ${job} started at ${now}, before its submission at ${submit}`);
    if (this.started.has(job)) throw new Error(`validator: job ${job} started twice (again at ${now})`);
    this.started.add(job);
    for (const n of nodes) {
      const owner = this.nodeOwner[n];
      if (owner === undefined) throw new Error(`validator: job ${job} given unknown node ${n}`);
      if (owner !== -1) throw new Error(`validator: node ${n} given to job ${job} at ${now} while job ${owner} still runs on it`);
      this.nodeOwner[n] = job;
    }
  }

  end(job: JobId, nodes: readonly NodeId[], now: Millis): void {
    if (!this.started.has(job)) throw new Error(`validator: job ${job} ended at ${now} without starting`);
    if (this.ended.has(job)) throw new Error(`validator: job ${job} ended twice (again at ${now})`);
    this.ended.add(job);
    for (const n of nodes) this.nodeOwner[n] = -1;
  }

  /** A job that ended was put back in the queue (requeue): it may start and end once more. */
  requeue(job: JobId): void {
    this.started.delete(job);
    this.ended.delete(job);
  }

  /** At the end of a run: every accepted job started and ended exactly once. */
  finish(): void {
    for (const job of this.submitted.keys()) {
      if (!this.ended.has(job)) throw new Error(`validator: job ${job} never ${this.started.has(job) ? 'ended' : 'started'}`);
    }
  }
}
