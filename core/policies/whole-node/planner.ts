import type { Millis } from '../../model/time.js';
import { AvailabilityProfile } from '../../placement/profile.js';
import { NodePool } from '../../placement/node-pool.js';
import type { JobRecord } from '../../scheduler/job-record.js';
import { MinHeap } from '../../util/heap.js';
import type { CycleContext, Planner } from '../types.js';
import type { BackfillPolicy, PassContext } from './types.js';

interface PlanEntry {
  readonly job: JobRecord;
  readonly at: Millis;
  readonly seq: number;
}

/**
 * The planner of the literature's policies (FCFS, EASY, conservative): whole nodes of one
 * partition, planned on one estimate-based availability profile (reference-semantics.md §4), and
 * bound to concrete nodes, lowest index first, when a job starts. Plans persist between passes;
 * a pass runs after every change (event-driven), as the reference simulator does.
 *
 * Scheduling-time limits (QoS and partition run limits of an accounts policy) are honoured as
 * the cranesched planner does: a job that would break one if it started now gets the limit as its
 * pending reason and neither starts nor holds nodes. They are checked when a policy plans or moves
 * a job to now (it is then left without a plan; the policy goes on with the next job), and again when
 * a plan comes due (the plan is dropped and the policy runs another pass at once, so the room goes
 * to others). Plans for later are not checked until they come due (as CraneSched plans). Without
 * limits every check passes, so the schedule is the reference simulator's, bit for bit.
 */
export class WholeNodePlanner implements Planner {
  readonly name: string;
  private profile: AvailabilityProfile | undefined;
  private pool: NodePool | undefined;
  private readonly plans = new MinHeap<PlanEntry>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  /**
   * Plans made for now in this pass, in plan order, with their sequence numbers: they start in this
   * cycle, after the plans for now made in earlier passes (lower numbers), so they need no heap
   * entry (FCFS and EASY plan nothing else).
   */
  private readonly dueJobs: JobRecord[] = [];
  private readonly dueSeqs: number[] = [];
  /** Entries of `dueJobs` / `dueSeqs` in use (the arrays are reused, never cut). */
  private dueCount = 0;
  private planSeq = 0;
  /** A due plan was dropped for a run limit: run another pass before anything else. */
  private repass = false;
  /** The cycle's context while a pass runs (for the run-limit check of plans for now). */
  private cycleCtx: CycleContext | undefined;
  private readonly ctx: { -readonly [K in keyof PassContext]: PassContext[K] };

  constructor(private readonly policy: BackfillPolicy) {
    this.name = policy.name;
    this.ctx = {
      now: -Infinity,
      profile: undefined as unknown as AvailabilityProfile,
      queue: [],
      terminations: 0,
      plan: (job, at) => {
        if (job.state !== 'Pending' || job.plannedStart !== Infinity) throw new Error(`job ${job.id} (${job.spec.externalId}) planned twice`);
        if (at === this.ctx.now) {
          const limit = this.cycleCtx!.runLimit(job);
          if (limit !== null) {
            job.pendingReason = limit;
            return;
          }
        }
        this.place(job, at, this.ctx.now);
      },
      replan: (job, at) => {
        const now = this.ctx.now;
        if (job.state !== 'Pending' || job.plannedStart <= now) throw new Error(`job ${job.id} (${job.spec.externalId}) moved after its start`);
        const limit = at === now ? this.cycleCtx!.runLimit(job) : null;
        if (limit !== null) {
          this.withdrawn(job); // moved to now but held back: it keeps no plan
          job.pendingReason = limit;
          return;
        }
        this.profile!.release(job.plannedStart, job.holdEnd, job.units);
        this.place(job, at, now);
      },
    };
  }

  cycle(c: CycleContext): void {
    const { now } = c;
    if (this.profile === undefined) {
      this.profile = new AvailabilityProfile(c.cluster.size);
      this.pool = new NodePool(c.cluster.size);
    }
    this.profile.advance(now);
    if (c.changed || this.repass) {
      const ctx = this.ctx;
      ctx.now = now;
      ctx.profile = this.profile;
      ctx.queue = c.candidates;
      // A dropped plan frees room as an early end would: conservative compresses after it.
      ctx.terminations = c.terminations + (this.repass ? 1 : 0);
      this.repass = false;
      this.cycleCtx = c;
      this.policy.pass(ctx);
    }
    for (let top = this.plans.peek(); top !== undefined && top.at <= now; top = this.plans.peek()) {
      this.plans.pop();
      const job = top.job;
      if (job.state !== 'Pending' || job.planSeq !== top.seq) continue; // superseded plan
      if (top.at !== now) throw new Error(`job ${job.id} (${job.spec.externalId}) planned at ${top.at} was not started before ${now}`);
      this.startDue(c, job, now);
    }
    const due = this.dueJobs;
    for (let i = 0; i < this.dueCount; i++) {
      const job = due[i]!;
      if (job.state === 'Pending' && job.planSeq === this.dueSeqs[i]) this.startDue(c, job, now);
    }
    this.dueCount = 0;
  }

  /** Starts a job whose plan came due, unless a run limit holds it back (then it loses its plan and another pass runs). */
  private startDue(c: CycleContext, job: JobRecord, now: Millis): void {
    const limit = c.runLimit(job);
    if (limit !== null) {
      this.withdrawn(job);
      job.pendingReason = limit;
      this.repass = true;
      return;
    }
    c.startOnRuns(job, this.pool!.bind(job.id, job.units, now, job.holdEnd));
  }

  withdrawn(job: JobRecord): void {
    if (job.plannedStart !== Infinity && this.profile !== undefined) {
      this.profile.release(job.plannedStart, job.holdEnd, job.units);
      job.plannedStart = Infinity;
      job.holdEnd = Infinity;
      job.planSeq = -1; // its queued plan entry is stale now
    }
  }

  ended(job: JobRecord, now: Millis): void {
    if (job.holdEnd > now) {
      this.profile!.release(now, job.holdEnd, job.units);
      job.holdEnd = now;
    }
    this.pool!.release(job.id, job.nodeRuns, now);
  }

  nextWake(now: Millis): Millis | undefined {
    if (this.repass) return now;
    for (let top = this.plans.peek(); top !== undefined; top = this.plans.peek()) {
      if (top.job.state === 'Pending' && top.job.planSeq === top.seq) return top.at;
      this.plans.pop();
    }
    return undefined;
  }

  /** Places a hold for `job` at `at` and records the plan (the one way a plan is made). */
  private place(job: JobRecord, at: Millis, now: Millis): void {
    if (at < now) throw new Error(`job ${job.id} planned at ${at}, in the past of ${now}`);
    job.plannedStart = at;
    job.holdEnd = at + job.limit;
    job.planSeq = ++this.planSeq;
    this.profile!.hold(at, job.holdEnd, job.units);
    if (at === now) {
      this.dueJobs[this.dueCount] = job;
      this.dueSeqs[this.dueCount++] = job.planSeq;
    } else {
      this.plans.push({ job, at, seq: job.planSeq });
    }
  }
}
