import type { JobId, Millis, NodeId } from '../core/index.js';

/**
 * Checks, around any scheduler, the invariants every schedule must keep (the idea of pybatsim's
 * validating wrapper): no node ever holds more than its capacity in any resource, no job starts
 * before it is submitted or starts twice, and every job ends exactly once, after it started. A
 * violation throws, naming the job and node.
 */
export class ScheduleValidator {
  private readonly used: Float64Array[];
  /** Stamp per node of the last start that named it (finds a node listed twice without a Set). */
  private readonly stamp: Int32Array;
  private stamps = 0;
  private readonly held = new Map<number, { readonly nodes: readonly NodeId[]; readonly allocation: readonly Float64Array[] }>();
  private readonly submitted = new Map<number, Millis>();
  private readonly started = new Set<number>();
  private readonly ended = new Set<number>();

  /** `capacity[i]`: node i's resources as a vector (the core's resource layout). */
  constructor(private readonly capacity: readonly Float64Array[]) {
    this.used = capacity.map((c) => new Float64Array(c.length));
    this.stamp = new Int32Array(capacity.length);
  }

  submit(job: JobId, now: Millis): void {
    if (this.submitted.has(job)) throw new Error(`validator: job ${job} submitted twice`);
    this.submitted.set(job, now);
  }

  start(job: JobId, nodes: readonly NodeId[], allocation: readonly Float64Array[], now: Millis): void {
    const submit = this.submitted.get(job);
    if (submit === undefined) throw new Error(`validator: job ${job} started at ${now} but never submitted`);
    if (now < submit) throw new Error(`validator: job ${job} started at ${now}, before its submission at ${submit}`);
    if (this.started.has(job)) throw new Error(`validator: job ${job} started twice (again at ${now})`);
    this.started.add(job);
    const stamp = ++this.stamps;
    for (let k = 0; k < nodes.length; k++) {
      const n = nodes[k]!;
      const cap = this.capacity[n];
      const alloc = allocation[k];
      if (cap === undefined || alloc === undefined) throw new Error(`validator: job ${job} given unknown node ${n} or no allocation for it`);
      if (this.stamp[n] === stamp) throw new Error(`validator: job ${job} given node list with repeats: ${nodes.join(' ')}`);
      this.stamp[n] = stamp;
      const used = this.used[n]!;
      for (let d = 0; d < cap.length; d++) {
        if (alloc[d]! < 0) throw new Error(`validator: job ${job} takes a negative amount on node ${n}`);
        if (used[d]! + alloc[d]! > cap[d]! + 1e-9) {
          throw new Error(`validator: node ${n} over-allocated at ${now} in resource ${d}: job ${job} takes ${alloc[d]} with ${used[d]} of ${cap[d]} held by job(s) ${this.jobsOn(n).join(', ')}`);
        }
      }
      for (let d = 0; d < cap.length; d++) used[d]! += alloc[d]!;
    }
    this.held.set(job, { nodes, allocation });
  }

  /** Jobs holding node `n` now (for error messages only). */
  private jobsOn(n: number): number[] {
    return [...this.held].filter(([, h]) => h.nodes.includes(n as NodeId)).map(([id]) => id);
  }

  end(job: JobId, nodes: readonly NodeId[], now: Millis): void {
    if (!this.started.has(job)) throw new Error(`validator: job ${job} ended at ${now} without starting`);
    if (this.ended.has(job)) throw new Error(`validator: job ${job} ended twice (again at ${now})`);
    this.ended.add(job);
    const { allocation } = this.held.get(job)!;
    for (let k = 0; k < nodes.length; k++) {
      const used = this.used[nodes[k]!]!;
      const alloc = allocation[k]!;
      for (let d = 0; d < used.length; d++) used[d]! -= alloc[d]!;
    }
    this.held.delete(job);
  }

  /** A job that ended was put back in the queue (requeue): it may start and end once more. */
  requeue(job: JobId): void {
    this.started.delete(job);
    this.ended.delete(job);
  }

  /** A job that was cancelled before it ever started (it counts as ended). */
  endedPending(job: JobId): void {
    if (this.started.has(job)) throw new Error(`validator: job ${job} reported as ended while pending, but it started`);
    this.ended.add(job);
  }

  /** At the end of a run: every accepted job started and ended exactly once. */
  finish(): void {
    for (const job of this.submitted.keys()) {
      if (!this.ended.has(job)) throw new Error(`validator: job ${job} never ${this.started.has(job) ? 'ended' : 'started'}`);
    }
  }
}
