import {
  assertNever,
  Driver,
  Scheduler,
  type BackfillPolicy,
  type ClusterSpec,
  type JobId,
  type JobView,
  type Millis,
  type NodeId,
  type RejectCode,
} from '../core/index.js';
import { EventQueue, EventRank } from './event-queue.js';
import { ScheduleValidator } from './validator.js';
import { EXIT_TIME_LIMIT, sortBySubmit, type SimJob } from './workload.js';

type Payload =
  | { readonly kind: 'end'; readonly job: JobId; readonly nodes: readonly NodeId[]; readonly killed: boolean }
  | { readonly kind: 'launch'; readonly job: JobId; readonly nodes: readonly NodeId[] }
  | { readonly kind: 'wake' };

export interface SimulationOptions {
  readonly cluster: ClusterSpec;
  readonly backfill: BackfillPolicy;
  /** Check the schedule's invariants as it runs (cheap; on by default). */
  readonly validate?: boolean;
  /** Called now and then with the number of jobs finished so far. */
  readonly onProgress?: (finished: number, total: number) => void;
}

export interface Rejection {
  readonly job: SimJob;
  readonly code: RejectCode;
  readonly message: string;
}

export interface SimulationResult {
  /** Accepted jobs in submission order, with what the core recorded. */
  readonly jobs: readonly { readonly sim: SimJob; readonly view: JobView }[];
  readonly rejected: readonly Rejection[];
  /** Number of events processed (submissions, ends, launches, wake-ups). */
  readonly events: number;
}

/** What the simulated world tells an observer (the TUI's event log, metrics over time). */
export type SimNotice =
  | { readonly type: 'submitted'; readonly time: Millis; readonly job: JobId }
  | { readonly type: 'rejected'; readonly time: Millis; readonly rejection: Rejection }
  | { readonly type: 'started'; readonly time: Millis; readonly job: JobId; readonly nodes: readonly NodeId[] }
  | { readonly type: 'ended'; readonly time: Millis; readonly job: JobId; readonly killed: boolean };

/**
 * A replay of a workload on a simulated cluster through the shared driver, advanced in slices so a
 * viewer can watch it. Events: each job's submission at its submit time; its launch when the core
 * decides to start it (after that instant's ends); its end at launch + min(runtime, time limit).
 * See event-queue.ts for the same-instant order.
 */
export class Simulation {
  readonly scheduler: Scheduler;
  private readonly jobs: readonly SimJob[];
  private readonly events = new EventQueue<Payload>();
  private readonly validator: ScheduleValidator | undefined;
  private readonly driver: Driver;
  private readonly simOf: SimJob[] = []; // by core job id
  private readonly wakes = new Set<Millis>();
  private readonly rejected: Rejection[] = [];
  private readonly listeners: Array<(n: SimNotice) => void> = [];
  private nextSubmit = 0;
  private processed = 0;
  private finishedJobs = 0;
  private clock: Millis = -Infinity;

  constructor(workload: readonly SimJob[], private readonly options: SimulationOptions) {
    this.jobs = sortBySubmit(workload);
    this.validator = options.validate === false ? undefined : new ScheduleValidator(options.cluster.nodes.length);
    this.scheduler = new Scheduler(options.cluster, options.backfill);
    this.driver = new Driver(this.scheduler, {
      startJob: (d, at) => this.events.push(at, EventRank.Launch, { kind: 'launch', job: d.jobId, nodes: d.nodes }, at),
      wakeAt: (time, at) => {
        if (this.wakes.has(time)) return;
        this.wakes.add(time);
        this.events.push(time, EventRank.Launch, { kind: 'wake' }, at);
      },
    });
  }

  /** Simulated time of the last processed event (-Infinity before the first). */
  get now(): Millis {
    return this.clock;
  }

  /** Time of the next event, or undefined when the replay is over. */
  get nextTime(): Millis | undefined {
    const top = this.events.peek();
    const sub = this.jobs[this.nextSubmit];
    if (sub === undefined) return top?.time;
    return top === undefined ? sub.submitTime : Math.min(top.time, sub.submitTime);
  }

  get done(): boolean {
    return this.nextTime === undefined;
  }

  get eventCount(): number {
    return this.processed;
  }

  get finished(): number {
    return this.finishedJobs;
  }

  get total(): number {
    return this.jobs.length;
  }

  /** Subscribe to what happens (called synchronously while events are processed). */
  listen(listener: (n: SimNotice) => void): void {
    this.listeners.push(listener);
  }

  /** Process events while the next one is at or before `until` and at most `maxEvents` of them. */
  advance(until: Millis = Infinity, maxEvents = Infinity): void {
    for (let n = 0; n < maxEvents; n++) {
      const next = this.nextTime;
      if (next === undefined || next > until) return;
      this.step();
    }
  }

  /** Process the next event. */
  step(): void {
    const top = this.events.peek();
    const sub = this.jobs[this.nextSubmit];
    if (sub !== undefined && (top === undefined || sub.submitTime <= top.time)) {
      // Submissions have the lowest rank: they go first within their instant.
      this.nextSubmit++;
      this.clock = sub.submitTime;
      this.submit(sub);
    } else if (top !== undefined) {
      this.events.pop();
      this.clock = top.time;
      this.handle(top.payload);
    } else {
      return;
    }
    this.processed++;
  }

  /** Runs to the end, checks that every job ended exactly once, and returns the per-job results. */
  run(): SimulationResult {
    const progress = this.options.onProgress;
    const every = 8192;
    while (!this.done) {
      this.advance(Infinity, every);
      progress?.(this.finishedJobs, this.jobs.length);
    }
    return this.result();
  }

  /** The results so far (complete once `done`). */
  result(): SimulationResult {
    if (this.done) this.validator?.finish();
    const jobs = this.scheduler.allJobs().map((view) => ({ sim: this.simOf[view.id]!, view }));
    return { jobs, rejected: this.rejected, events: this.processed };
  }

  private submit(sub: SimJob): void {
    const now = this.clock;
    const result = this.driver.submit(sub.spec, now);
    if (result.ok) {
      this.simOf[result.jobId] = sub;
      this.validator?.submit(result.jobId, now);
      if (this.listened) this.notify({ type: 'submitted', time: now, job: result.jobId });
    } else {
      const rejection = { job: sub, code: result.code, message: result.message };
      this.rejected.push(rejection);
      this.notify({ type: 'rejected', time: now, rejection });
    }
  }

  private handle(p: Payload): void {
    const now = this.clock;
    switch (p.kind) {
      case 'launch': {
        const sim = this.simOf[p.job]!;
        this.validator?.start(p.job, p.nodes, now);
        this.driver.observe({ type: 'JobStarted', jobId: p.job, time: now });
        const limit = sim.spec.timeLimit;
        const killed = sim.runtime > limit;
        this.events.push(now + (killed ? limit : sim.runtime), EventRank.End, { kind: 'end', job: p.job, nodes: p.nodes, killed }, now);
        if (this.listened) this.notify({ type: 'started', time: now, job: p.job, nodes: p.nodes });
        return;
      }
      case 'end': {
        const sim = this.simOf[p.job]!;
        this.validator?.end(p.job, p.nodes, now);
        this.driver.observe(
          p.killed
            ? { type: 'JobEnded', jobId: p.job, time: now, outcome: 'ExceedTimeLimit', exitCode: EXIT_TIME_LIMIT }
            : { type: 'JobEnded', jobId: p.job, time: now, outcome: sim.outcome, exitCode: sim.exitCode },
        );
        this.finishedJobs++;
        if (this.listened) this.notify({ type: 'ended', time: now, job: p.job, killed: p.killed });
        return;
      }
      case 'wake':
        this.wakes.delete(now);
        this.driver.wake(now);
        return;
      default:
        assertNever(p, 'simulation event');
    }
  }

  private notify(n: SimNotice): void {
    for (const l of this.listeners) l(n);
  }

  private get listened(): boolean {
    return this.listeners.length > 0;
  }
}

/** Replays a whole workload and returns the per-job results. */
export function simulate(workload: readonly SimJob[], options: SimulationOptions): SimulationResult {
  return new Simulation(workload, options).run();
}
