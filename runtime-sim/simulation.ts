import {
  assertNever,
  Driver,
  Scheduler,
  WholeNodePlanner,
  type AdminCommand,
  type AdmissionPolicy,
  type BackfillPolicy,
  type ClusterSpec,
  type JobId,
  type JobOutcome,
  type JobView,
  liftedOnlyFromOutside,
  makeJobId,
  type Millis,
  type NodeId,
  type NodeRuns,
  expandRuns,
  runsOf,
  type Planner,
  type QueueOrder,
  type RejectCode,
  type StepOrder,
} from '../core/index.js';
import type { ContainerCosts } from './container-costs.js';
import { PodRuntime } from './pod-runtime.js';
import type { PodStats, StepRow } from './step-rows.js';
import { EventQueue, EventRank } from './event-queue.js';
import { ScheduleValidator } from './validator.js';
import { EXIT_TIME_LIMIT, sortBySubmit, type SimJob } from './workload.js';

type Payload =
  | { readonly kind: 'end'; readonly job: JobId; readonly nodes: NodeRuns; readonly outcome: JobOutcome; readonly exitCode: number; readonly token: number }
  | { readonly kind: 'launch'; readonly job: JobId; readonly nodes: NodeRuns; readonly allocation: readonly Float64Array[]; readonly timeLimit: Millis }
  | { readonly kind: 'admin'; readonly command: TimedAdminCommand }
  | { readonly kind: 'wake' }
  /** A report of the container side (pod-runtime.ts). */
  | { readonly kind: 'pod'; readonly timer: number };

/**
 * An admin command at a time. Jobs are named by their workload id (`externalId`); a command on a
 * job not yet submitted fails and is reported as a notice.
 */
export type TimedAdminCommand =
  | { readonly time: Millis; readonly command: Exclude<AdminCommand, { jobId: JobId }> }
  | { readonly time: Millis; readonly command: { readonly type: 'HoldJob' | 'ReleaseJob' | 'CancelJob'; readonly job: string } };

export interface SimulationOptions {
  readonly cluster: ClusterSpec;
  /** The planner (placement + backfill); or a whole-node `backfill` policy, wrapped in one. */
  readonly planner?: Planner;
  readonly backfill?: BackfillPolicy;
  /** Queue order (priority) and admission (accounts, QoS); both optional. */
  readonly order?: QueueOrder;
  readonly admission?: AdmissionPolicy;
  /** Admin commands at given times. */
  readonly admin?: readonly TimedAdminCommand[];
  /** Check the schedule's invariants as it runs (cheap; on by default). */
  readonly validate?: boolean;
  /** Called now and then with the number of jobs finished so far. */
  readonly onProgress?: (finished: number, total: number) => void;
  /** Jobs with steps (container jobs): the cost model (default: measured defaults) and the step order. */
  readonly containerCosts?: ContainerCosts;
  readonly stepOrder?: StepOrder;
  /** Schedule pending steps every this many ms (CraneSched's 100 ms loop) instead of at once (scheduler.ts). */
  readonly stepCycle?: Millis;
  /** Uniform [0, 1) source, seeded by the caller, for the cost model's random failures (`podFailureRate` > 0). */
  readonly random?: () => number;
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
  /** Number of events processed (submissions, ends, launches, wake-ups, admin commands). */
  readonly events: number;
  /** Admin commands that were refused, with why. */
  readonly adminFailures: readonly { readonly time: Millis; readonly command: TimedAdminCommand['command']; readonly message: string }[];
  /**
   * Jobs still pending when nothing more could happen (the replay is done), each waiting for an
   * outside action: held and never released, a dependency that can never be met, a limit or a
   * reservation that never changed, nodes that never came back (`liftedOnlyFromOutside`, or a
   * resource reason while some node is down or drained). Empty before the end. A job pending at the
   * end for any other reason is a lost wake-up, a bug the validator reports.
   */
  readonly leftPending: readonly JobId[];
  /** Jobs with steps only: one row per step (steps.csv) and what the containers cost. */
  readonly steps?: readonly StepRow[];
  readonly podStats?: PodStats;
}

/** What the simulated world tells an observer (the TUI's event log, metrics over time). */
export type SimNotice =
  | { readonly type: 'submitted'; readonly time: Millis; readonly job: JobId }
  | { readonly type: 'rejected'; readonly time: Millis; readonly rejection: Rejection }
  | { readonly type: 'started'; readonly time: Millis; readonly job: JobId; readonly nodes: readonly NodeId[] }
  | { readonly type: 'ended'; readonly time: Millis; readonly job: JobId; readonly outcome: JobOutcome }
  | { readonly type: 'admin'; readonly time: Millis; readonly command: TimedAdminCommand['command']; readonly ok: boolean; readonly message: string };

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
  private validator: ScheduleValidator | undefined;
  private readonly driver: Driver;
  private readonly simOf: SimJob[] = []; // by core job id
  private readonly wakes = new Set<Millis>();
  private readonly rejected: Rejection[] = [];
  private readonly adminFailures: Array<{ time: Millis; command: TimedAdminCommand['command']; message: string }> = [];
  private readonly listeners: Array<(n: SimNotice) => void> = [];
  /** The current run of each job (a kill or requeue makes older end events stale). */
  private readonly token: number[] = [];
  /** Per core job id: 1 once the job has ended for good (not requeued). */
  private finishedFlags = new Uint8Array(1024);
  /** Job ids by workload id, kept only when an admin command names a job (a million-job replay has none). */
  private readonly byExternalId: Map<string, JobId> | undefined;
  private nextSubmit = 0;
  private processed = 0;
  private finishedJobs = 0;
  private clock: Millis = -Infinity;
  /** The container side: Pods, images, steps (used by jobs with steps only). */
  readonly pods: PodRuntime;
  private podsUsed = false;

  constructor(workload: readonly SimJob[], private readonly options: SimulationOptions) {
    this.jobs = sortBySubmit(workload);

    const planner = options.planner ?? (options.backfill === undefined ? undefined : new WholeNodePlanner(options.backfill));
    if (planner === undefined) throw new Error('Simulation: give a planner or a backfill policy');
    this.scheduler = new Scheduler({
      cluster: options.cluster,
      planner,
      ...(options.order === undefined ? {} : { order: options.order }),
      ...(options.admission === undefined ? {} : { admission: options.admission }),
      ...(options.stepOrder === undefined ? {} : { stepOrder: options.stepOrder }),
      ...(options.stepCycle === undefined ? {} : { stepCycle: options.stepCycle }),
    });
    this.validator = options.validate === false ? undefined : new ScheduleValidator(this.scheduler.cluster.capacity);
    for (const a of options.admin ?? []) this.events.push(a.time, EventRank.Admin, { kind: 'admin', command: a }, -Infinity);
    this.byExternalId = options.admin?.some((a) => 'job' in a.command) === true ? new Map() : undefined;
    this.driver = new Driver(this.scheduler, {
      startJob: (d, at) => this.events.push(at, EventRank.Launch, { kind: 'launch', job: d.jobId, nodes: d.nodes, allocation: d.allocation, timeLimit: d.timeLimit }, at),
      killJob: (d, at) => {
        const nodes = this.scheduler.nodeRunsOf(d.jobId);
        const token = (this.token[d.jobId] ?? 0) + 1;
        this.token[d.jobId] = token;
        this.events.push(at, EventRank.End, { kind: 'end', job: d.jobId, nodes, outcome: d.outcome, exitCode: d.exitCode, token }, at);
      },
      wakeAt: (time, at) => {
        if (this.wakes.has(time)) return;
        this.wakes.add(time);
        this.events.push(time, EventRank.Launch, { kind: 'wake' }, at);
      },
      steps: (d, at) => this.pods.decide(d, at),
    });
    this.pods = new PodRuntime(
      {
        at: (time, timer, now) => this.events.push(time, EventRank.End, { kind: 'pod', timer }, now),
        observe: (e) => this.driver.observe(e),
        submitStep: (job, spec, now) => this.scheduler.submitStep(job, spec, now),
        cycle: (now) => this.driver.wake(now),
        stepsOf: (job) => this.scheduler.stepsOf(job),
        work: (job) => ({ externalId: this.simOf[job]!.spec.externalId, steps: this.simOf[job]!.steps }),
        allocated: (job, nodes, allocation, now) => {
          this.podsUsed = true;
          this.validator?.start(job, runsOf(nodes), allocation, now);
          if (this.listened) this.notify({ type: 'started', time: now, job, nodes });
        },
        released: (job, nodes, now) => {
          this.validator?.end(job, runsOf(nodes), now);
          this.markFinished(job);
          if (this.listened) this.notify({ type: 'ended', time: now, job, outcome: this.scheduler.job(job).state as JobOutcome });
        },
      },
      options.containerCosts,
      options.validate !== false,
      options.random,
    );
  }

  /** Simulated time of the last processed event (-Infinity before the first). */
  get now(): Millis {
    return this.clock;
  }

  /** Time of the next event, or undefined when the replay is over. */
  get nextTime(): Millis | undefined {
    const top = this.events.peekTime();
    const sub = this.jobs[this.nextSubmit];
    if (sub === undefined) return top;
    return top === undefined ? sub.submitTime : Math.min(top, sub.submitTime);
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
    const top = this.events.peekTime();
    const sub = this.jobs[this.nextSubmit];
    if (sub !== undefined && (top === undefined || sub.submitTime <= top)) {
      // Submissions have the lowest rank: they go first within their instant.
      this.nextSubmit++;
      this.clock = sub.submitTime;
      this.submit(sub);
    } else if (top !== undefined) {
      const payload = this.events.pop()!;
      this.clock = top;
      this.handle(payload);
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

  /**
   * The results so far (complete once `done`). Before the end, every row holds a snapshot view.
   * Once the replay is done nothing changes any more, and rows build their view when it is read
   * (a new one on every read): a million-job result never holds a million views, and writers
   * that stream over the rows keep one at a time.
   */
  result(): SimulationResult {
    const done = this.done;
    const scheduler = this.scheduler;
    const count = scheduler.jobCount;
    const jobs: Array<{ readonly sim: SimJob; readonly view: JobView }> = new Array(count);
    for (let id = 0; id < count; id++) {
      const jobId = makeJobId(id);
      jobs[id] = done ? new ReplayRow(this.simOf[id]!, scheduler, jobId) : { sim: this.simOf[id]!, view: scheduler.job(jobId) };
    }
    const leftPending: JobId[] = [];
    if (done) {
      // Jobs the core ended while pending (cancelled, deadline) never start; jobs that ended for
      // good did start, so only the others need a look.
      let nodesMissing: boolean | undefined;
      for (let id = 0; id < count; id++) {
        if (this.finishedFlags[id] === 1) continue;
        const view = scheduler.job(makeJobId(id));
        if (view.state === 'Pending') {
          const reason = view.pendingReason;
          nodesMissing ??= scheduler.view().nodeStates.some((n) => n.control !== 'up');
          if (reason !== null && (nodesMissing || liftedOnlyFromOutside(reason))) {
            leftPending.push(view.id);
            this.validator?.leftPending(view.id);
          }
        } else if (Number.isNaN(view.startTime)) this.validator?.endedPending(view.id);
      }
      this.validator?.finish();
    }
    const pods = this.podsUsed ? { steps: this.pods.stepRows(), podStats: this.pods.stats } : {};
    return { jobs, rejected: this.rejected, events: this.processed, adminFailures: this.adminFailures, leftPending, ...pods };
  }

  private submit(sub: SimJob): void {
    const now = this.clock;
    const result = this.driver.submit(sub.spec, now);
    if (result.ok) {
      this.simOf[result.jobId] = sub;
      this.byExternalId?.set(sub.spec.externalId, result.jobId);
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
        this.validator?.start(p.job, p.nodes, p.allocation, now);
        this.driver.observe({ type: 'JobStarted', jobId: p.job, time: now });
        const killed = sim.runtime > p.timeLimit;
        const token = (this.token[p.job] ?? 0) + 1;
        this.token[p.job] = token;
        const end: Payload = killed
          ? { kind: 'end', job: p.job, nodes: p.nodes, outcome: 'ExceedTimeLimit', exitCode: EXIT_TIME_LIMIT, token }
          : { kind: 'end', job: p.job, nodes: p.nodes, outcome: sim.outcome, exitCode: sim.exitCode, token };
        this.events.push(now + (killed ? p.timeLimit : sim.runtime), EventRank.End, end, now);
        if (this.listened) this.notify({ type: 'started', time: now, job: p.job, nodes: expandRuns(p.nodes) });
        return;
      }
      case 'end': {
        if (this.token[p.job] !== p.token) return; // superseded by a kill
        this.token[p.job] = p.token + 1;
        this.validator?.end(p.job, p.nodes, now);
        const requeues = this.scheduler.requeuesOf(p.job);
        this.driver.observe({ type: 'JobEnded', jobId: p.job, time: now, outcome: p.outcome, exitCode: p.exitCode });
        if (this.scheduler.requeuesOf(p.job) === requeues) {
          this.markFinished(p.job);
        } else {
          this.validator?.requeue(p.job);
        }
        if (this.listened) this.notify({ type: 'ended', time: now, job: p.job, outcome: p.outcome });
        return;
      }
      case 'admin': {
        const { command } = p.command;
        let result;
        if ('job' in command) {
          const jobId = this.byExternalId?.get(command.job);
          result = jobId === undefined ? { ok: false as const, code: 'ERR_NON_EXISTENT', message: `job ${command.job} has not been submitted` } : this.driver.admin({ type: command.type, jobId }, now);
        } else {
          result = this.driver.admin(command, now);
        }
        if (!result.ok) this.adminFailures.push({ time: now, command, message: result.message });
        if (this.listened) this.notify({ type: 'admin', time: now, command, ok: result.ok, message: result.ok ? '' : result.message });
        return;
      }
      case 'pod':
        this.pods.fire(p.timer, now);
        return;
      case 'wake':
        this.wakes.delete(now);
        this.driver.wake(now);
        return;
      default:
        assertNever(p, 'simulation event');
    }
  }

  private markFinished(job: JobId): void {
    this.finishedJobs++;
    if (job >= this.finishedFlags.length) {
      const grown = new Uint8Array(Math.max(job + 1, this.finishedFlags.length * 2));
      grown.set(this.finishedFlags);
      this.finishedFlags = grown;
    }
    this.finishedFlags[job] = 1;
  }

  private notify(n: SimNotice): void {
    for (const l of this.listeners) l(n);
  }

  private get listened(): boolean {
    return this.listeners.length > 0;
  }
}

/** A row of a finished replay: its view is built from the core's record when read. */
class ReplayRow {
  constructor(
    readonly sim: SimJob,
    private readonly scheduler: Scheduler,
    private readonly id: JobId,
  ) {}

  get view(): JobView {
    return this.scheduler.job(this.id);
  }
}

/** Replays a whole workload and returns the per-job results. */
export function simulate(workload: readonly SimJob[], options: SimulationOptions): SimulationResult {
  return new Simulation(workload, options).run();
}
