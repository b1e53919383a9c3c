import { makeJobId, type JobId } from '../model/ids.js';
import type { ClusterSpec } from '../model/cluster.js';
import type { JobSpec, JobView } from '../model/job.js';
import type { ClusterEvent, Decision, SubmitResult } from '../model/messages.js';
import type { Millis } from '../model/time.js';
import { assertNever, invariant } from '../model/assert.js';
import { AvailabilityProfile } from '../placement/profile.js';
import { NodePool } from '../placement/node-pool.js';
import type { BackfillPolicy, PassContext } from '../policies/types.js';
import { MinHeap } from '../util/heap.js';
import { JobRecord } from './job-record.js';

interface PlanEntry {
  readonly job: JobRecord;
  readonly at: Millis;
  readonly seq: number;
}

/** A read-only summary of the core's state, for CLIs, the TUI and metrics. */
export interface SchedulerView {
  readonly now: Millis;
  readonly nodes: number;
  readonly freeNodes: number;
  readonly pending: readonly JobView[];
  readonly running: readonly JobView[];
}

/**
 * The scheduler core. Deterministic and world-free: time arrives as an argument, nothing is read
 * from a clock, nothing is written anywhere. A driver calls `submit` / `observe` as things happen
 * and `schedule(now)` after each, and carries out the returned decisions.
 *
 * Placement (this version): whole-node allocation on a machine of interchangeable nodes, planned on
 * one estimate-based availability profile and bound to concrete nodes when a job starts.
 */
export class Scheduler {
  private readonly jobs: JobRecord[] = [];
  private queue: JobRecord[] = [];
  private submitted: JobRecord[] = [];
  private terminations = 0;
  private readonly running = new Set<JobRecord>();
  private readonly plans = new MinHeap<PlanEntry>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  private planSeq = 0;
  private readonly profile: AvailabilityProfile;
  private readonly pool: NodePool;
  private lastNow = -Infinity;
  private readonly fitCache = new Map<string, number>();
  private readonly ctx: { -readonly [K in keyof PassContext]: PassContext[K] };

  constructor(
    readonly cluster: ClusterSpec,
    private readonly backfill: BackfillPolicy,
  ) {
    this.profile = new AvailabilityProfile(cluster.nodes.length);
    this.pool = new NodePool(cluster.nodes.length);
    this.ctx = {
      now: -Infinity,
      profile: this.profile,
      queue: [],
      submitted: [],
      terminations: 0,
      plan: (job, at) => {
        if (job.state !== 'Pending' || job.plannedStart !== Infinity) throw new Error(`job ${job.id} (${job.spec.externalId}) planned twice`);
        this.place(job, at, this.ctx.now);
      },
      replan: (job, at) => {
        const now = this.ctx.now;
        if (job.state !== 'Pending' || job.plannedStart <= now) throw new Error(`job ${job.id} (${job.spec.externalId}) moved after its start`);
        this.profile.release(job.plannedStart, job.holdEnd, job.units);
        this.place(job, at, now);
      },
    };
  }

  /** Admission: accept the job into the queue or reject it with a CraneSched error code. */
  submit(spec: JobSpec, now: Millis): SubmitResult {
    this.tick(now);
    const { nodeCount, perNode } = spec.request;
    if (!Number.isInteger(nodeCount) || nodeCount < 1) {
      return { ok: false, code: 'ERR_INVALID_PARAM', message: `job ${spec.externalId}: node count must be a positive integer, got ${nodeCount}` };
    }
    if (!(spec.timeLimit > 0)) {
      return { ok: false, code: 'ERR_INVALID_PARAM', message: `job ${spec.externalId}: time limit must be positive, got ${spec.timeLimit} ms` };
    }
    const fitting = this.nodesFitting(perNode.cpuMilli, perNode.memMiB);
    if (nodeCount > fitting) {
      return {
        ok: false,
        code: 'ERR_NO_ENOUGH_NODE',
        message: `job ${spec.externalId}: asks ${nodeCount} nodes with ${perNode.cpuMilli / 1000} CPU and ${perNode.memMiB} MiB each; the cluster has ${fitting}`,
      };
    }
    const job = new JobRecord(makeJobId(this.jobs.length), spec, now);
    this.jobs.push(job);
    this.queue.push(job);
    this.submitted.push(job);
    return { ok: true, jobId: job.id };
  }

  /** Something happened in the cluster. */
  observe(event: ClusterEvent): void {
    this.tick(event.time);
    switch (event.type) {
      case 'JobStarted':
        return;
      case 'JobEnded': {
        const job = this.record(event.jobId);
        invariant(job.state === 'Running', () => `job ${job.id} (${job.spec.externalId}) ended while ${job.state}`);
        job.state = event.outcome;
        job.exitCode = event.exitCode;
        job.endTime = event.time;
        if (job.holdEnd > event.time) {
          this.profile.release(event.time, job.holdEnd, job.units);
          job.holdEnd = event.time;
        }
        this.pool.release(job.id, job.nodes, event.time);
        this.running.delete(job);
        this.terminations++;
        return;
      }
      default:
        return assertNever(event, 'cluster event');
    }
  }

  /**
   * One scheduling cycle at `now`: a policy pass if anything changed since the last one, then a
   * StartJob for every job planned to start now (in plan order), then a WakeAt for the next plan.
   */
  schedule(now: Millis): Decision[] {
    this.tick(now);
    if (this.submitted.length > 0 || this.terminations > 0) {
      this.backfill.pass(this.passContext(now));
      this.submitted = [];
      this.terminations = 0;
    }
    const decisions: Decision[] = [];
    let started = false;
    for (let top = this.plans.peek(); top !== undefined && top.at <= now; top = this.plans.peek()) {
      this.plans.pop();
      const job = top.job;
      if (job.state !== 'Pending' || job.planSeq !== top.seq) continue; // superseded plan
      if (top.at !== now) throw new Error(`job ${job.id} (${job.spec.externalId}) planned at ${top.at} was not started before ${now}`);
      job.state = 'Running';
      job.startTime = now;
      job.pendingReason = null;
      job.nodes = this.pool.bind(job.id, job.units, now, job.holdEnd);
      this.running.add(job);
      started = true;
      decisions.push({ type: 'StartJob', jobId: job.id, nodes: job.nodes });
    }
    if (started) this.queue = this.queue.filter((j) => j.state === 'Pending');
    const next = this.nextPlan();
    if (next !== undefined) decisions.push({ type: 'WakeAt', time: next });
    return decisions;
  }

  job(id: JobId): JobView {
    return this.record(id).view();
  }

  /** Every job ever submitted, in submission order. */
  allJobs(): JobView[] {
    return this.jobs.map((j) => j.view());
  }

  get jobCount(): number {
    return this.jobs.length;
  }

  view(): SchedulerView {
    const now = this.lastNow;
    return {
      now,
      nodes: this.cluster.nodes.length,
      freeNodes: this.pool.freeCount(now),
      pending: this.queue.map((j) => j.view()),
      running: [...this.running].map((j) => j.view()),
    };
  }

  /** Nodes big enough for one node's share of a request, cached by request shape. */
  private nodesFitting(cpuMilli: number, memMiB: number): number {
    const key = `${cpuMilli}/${memMiB}`;
    let n = this.fitCache.get(key);
    if (n === undefined) {
      n = this.cluster.nodes.filter((node) => node.cpuMilli >= cpuMilli && node.memMiB >= memMiB).length;
      this.fitCache.set(key, n);
    }
    return n;
  }

  private nextPlan(): Millis | undefined {
    for (let top = this.plans.peek(); top !== undefined; top = this.plans.peek()) {
      if (top.job.state === 'Pending' && top.job.planSeq === top.seq) return top.at;
      this.plans.pop();
    }
    return undefined;
  }

  private passContext(now: Millis): PassContext {
    const ctx = this.ctx;
    ctx.now = now;
    ctx.queue = this.queue;
    ctx.submitted = this.submitted;
    ctx.terminations = this.terminations;
    return ctx;
  }

  /** Places a hold for `job` at `at` and records the plan (the one way a plan is made). */
  private place(job: JobRecord, at: Millis, now: Millis): void {
    if (at < now) throw new Error(`job ${job.id} planned at ${at}, in the past of ${now}`);
    job.plannedStart = at;
    job.holdEnd = at + job.limit;
    job.planSeq = ++this.planSeq;
    this.profile.hold(at, job.holdEnd, job.units);
    this.plans.push({ job, at, seq: job.planSeq });
  }

  private record(id: JobId): JobRecord {
    const job = this.jobs[id];
    if (job === undefined) throw new Error(`unknown job id ${id}`);
    return job;
  }

  private tick(now: Millis): void {
    if (now < this.lastNow) throw new Error(`time went back from ${this.lastNow} to ${now}`);
    if (now > this.lastNow) {
      this.lastNow = now;
      this.profile.advance(now);
    }
  }
}
