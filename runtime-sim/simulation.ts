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
  type JobSpec,
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
  /** The core ended a running job (a kill): its end, with the outcome the core gave. */
  | { readonly kind: 'end'; readonly job: JobId; readonly outcome: JobOutcome; readonly exitCode: number; readonly token: number }
  /** A start the core decided while ends of the same instant were still due (see `start`). */
  | { readonly kind: 'launch'; readonly job: JobId; readonly nodes: NodeRuns; readonly allocation: readonly Float64Array[]; readonly timeLimit: Millis }
  | { readonly kind: 'admin'; readonly command: TimedAdminCommand }
  | { readonly kind: 'wake' }
  /** A report of the container side (pod-runtime.ts). */
  | { readonly kind: 'pod'; readonly timer: number };

/**
 * A job reaching the end of its run or its time limit is queued as a number, not an object (a
 * million-job replay keeps no object per queued end): tag * jobs + job id, with tag = token * 2,
 * + 1 if it is killed at its time limit (exact for any size; a small integer for real traces).
 */
type RunEnd = number;

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
  /**
   * Where the core's clock stands at the workload's time 0 (default 0). Every time going in (submit
   * times, begin times and deadlines, admin commands, reservation windows) is moved forward by it
   * and every time coming out (`now`, results, notices) moved back, so it shows nowhere outside
   * but in what `scheduler` (the core itself) reports directly. Batch replays use
   * `REPLAY_CLOCK_ORIGIN`. Not for jobs with steps (their times are not moved).
   */
  readonly clockOrigin?: Millis;
}

/**
 * The core's clock origin of batch replays: 4 weeks, past 2^31 ms. V8 keeps integers below 2^31
 * as small integers; code optimized while a replay's times are still that small stops at the
 * first time past them (about 25 days into the trace) and is compiled again, a few dozen hot
 * functions at once. With the core's times past 2^31 from the start, they are doubles all along.
 * (Measured on the KTH-SP2 scenario: a quarter fewer deoptimizations, 4% less simulation time.) A
 * whole number of weeks: times keep their place within the second, minute, hour, day and week.
 */
export const REPLAY_CLOCK_ORIGIN: Millis = 4 * 7 * 86_400_000;

export interface Rejection {
  readonly job: SimJob;
  readonly code: RejectCode;
  readonly message: string;
}

export interface SimulationResult {
  /** Accepted jobs in submission order, with what the core recorded. */
  readonly jobs: readonly { readonly sim: SimJob; readonly view: JobView }[];
  readonly rejected: readonly Rejection[];
  /** Number of events processed (submissions, ends, launches that waited for an instant's ends, wake-ups, admin commands). */
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
 * decides to start it (after that instant's ends; without an event of its own when none is due);
 * its end at launch + min(runtime, time limit). See event-queue.ts for the same-instant order.
 */
export class Simulation {
  readonly scheduler: Scheduler;
  private readonly jobs: readonly SimJob[];
  private readonly events = new EventQueue<Payload | RunEnd>();
  private validator: ScheduleValidator | undefined;
  private readonly driver: Driver;
  private readonly simOf: SimJob[] = []; // by core job id
  /**
   * Wake-ups queued and not yet fired, to queue one per time: a wake-up at the current instant (by
   * far the most common: the cranesched planner's pass at the end of each instant) in
   * `wakeNowAt`, later ones in `wakes`. (A Set that fills and empties at every instant rebuilds
   * its table each time it empties: 7 MB of garbage in a KTH-SP2 scenario replay.) A time is
   * never in both: `wakes` only takes times after the instant that asks.
   */
  private wakeNowAt: Millis = NaN;
  private readonly wakes = new Set<Millis>();
  private readonly rejected: Rejection[] = [];
  private readonly adminFailures: Array<{ time: Millis; command: TimedAdminCommand['command']; message: string }> = [];
  private readonly listeners: Array<(n: SimNotice) => void> = [];
  /** The current run of each job (a kill or requeue makes older end events stale). */
  private readonly token: number[] = [];
  /** Per core job id: 1 once the job has ended for good (not requeued). */
  private finishedFlags: Uint8Array;
  /** Job ids by workload id, kept only when an admin command names a job (a million-job replay has none). */
  private readonly byExternalId: Map<string, JobId> | undefined;
  private nextSubmit = 0;
  private processed = 0;
  private finishedJobs = 0;
  private clock: Millis = -Infinity;
  /** The core's clock at the workload's time 0 (`SimulationOptions.clockOrigin`). */
  private readonly origin: Millis;
  /** The container side: Pods, images, steps (used by jobs with steps only). */
  readonly pods: PodRuntime;
  private podsUsed = false;
  /** The job being submitted (see `accepted`). */
  private submitting: SimJob | undefined;
  /** Runs once the core accepted the job being submitted, before the cycle that may start it. */
  private readonly accepted = (job: JobId): void => {
    const sub = this.submitting!;
    const now = this.clock;
    this.simOf[job] = sub;
    this.byExternalId?.set(sub.spec.externalId, job);
    this.validator?.submit(job, now);
    if (this.listened) this.notify({ type: 'submitted', time: now, job });
  };
  /** The job whose end the core is being told of, and its requeue count before (see `afterEnd`). */
  private endedJob = makeJobId(0);
  private endedRequeues = 0;
  /**
   * Runs once the core has taken an end in, before the cycle that may start the job again: it
   * ended for good, or it was requeued (it may then start and end once more).
   */
  private readonly afterEnd = (): void => {
    const job = this.endedJob;
    if (this.scheduler.requeuesOf(job) === this.endedRequeues) this.markFinished(job);
    else this.validator?.requeue(job);
  };
  /** Jobs whose launch event is queued and not yet processed (a start waits behind them). */
  private readonly launchWaits = new Set<JobId>();
  /** Kills the core decided while the job's launch waited: the job ends as it launches. */
  private readonly killsAtLaunch = new Map<JobId, { readonly outcome: JobOutcome; readonly exitCode: number }>();

  constructor(workload: readonly SimJob[], private readonly options: SimulationOptions) {
    this.jobs = sortBySubmit(workload);
    const origin = options.clockOrigin ?? 0;
    if (!Number.isInteger(origin) || origin < 0) throw new Error(`Simulation: clockOrigin ${origin} is not a whole number of ms >= 0`);
    if (origin !== 0 && workload.some((j) => j.steps !== undefined)) throw new Error('Simulation: a clockOrigin is for workloads without steps');
    this.origin = origin;

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
    // Room for every job id from the start (one per accepted submission): per-job arrays that grow
    // mid-replay deoptimize the code that reads them (see ScheduleValidator's constructor).
    this.finishedFlags = new Uint8Array(Math.max(this.jobs.length, 16));
    this.validator = options.validate === false ? undefined : new ScheduleValidator(this.scheduler.cluster.capacity, this.jobs.length);
    for (const a of options.admin ?? []) this.events.push(a.time + origin, EventRank.Admin, { kind: 'admin', command: a }, -Infinity);
    this.byExternalId = options.admin?.some((a) => 'job' in a.command) === true ? new Map() : undefined;
    this.driver = new Driver(this.scheduler, {
      startJob: (d, at) => this.start(d.jobId, d.nodes, d.allocation, d.timeLimit, at),
      killJob: (d, at) => {
        // A job whose launch still waits (cancelled in the instant it started) ends as it launches.
        if (this.launchWaits.has(d.jobId)) return void this.killsAtLaunch.set(d.jobId, d);
        const token = (this.token[d.jobId] ?? 0) + 1;
        this.token[d.jobId] = token;
        this.events.push(at, EventRank.End, { kind: 'end', job: d.jobId, outcome: d.outcome, exitCode: d.exitCode, token }, at);
      },
      wakeAt: (time, at) => {
        if (time === this.wakeNowAt || (this.wakes.size > 0 && this.wakes.has(time))) return;
        if (time === at) this.wakeNowAt = time;
        else this.wakes.add(time);
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
    return this.clock - this.origin;
  }

  /** Time of the next event, or undefined when the replay is over. */
  get nextTime(): Millis | undefined {
    const at = this.nextAt();
    return at === undefined ? undefined : at - this.origin;
  }

  /** The next job to submit, or undefined once all are (not read past the end: that deoptimizes the event loop). */
  private nextJob(): SimJob | undefined {
    return this.nextSubmit < this.jobs.length ? this.jobs[this.nextSubmit] : undefined;
  }

  /** Time of the next event on the core's clock (the next submission or the queue's top), or undefined. */
  private nextAt(): Millis | undefined {
    const top = this.events.peekTime();
    const sub = this.nextJob();
    if (sub === undefined) return top;
    return top === undefined ? sub.submitTime + this.origin : Math.min(top, sub.submitTime + this.origin);
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
    const untilCore = until + this.origin;
    for (let n = 0; n < maxEvents; n++) if (!this.stepUntil(untilCore)) return;
  }

  /** Process the next event. */
  step(): void {
    this.stepUntil(Infinity);
  }

  /**
   * Process every event of the next instant (the next event's time), including those it adds at
   * that instant; false when no event is left. Afterwards the core shows the instant's outcome.
   */
  stepInstant(): boolean {
    const at = this.nextAt();
    if (at === undefined) return false;
    while (this.stepUntil(at));
    return true;
  }

  /**
   * Processes the next event if it comes at or before `until` (on the core's clock); false if none
   * does. (One look at the next submission and the queue's top per event: `nextTime` returns a
   * time in ms, past 2^31 for a year-long trace, which a call that is not inlined boxes.)
   */
  private stepUntil(until: Millis): boolean {
    const top = this.events.peekTime();
    const sub = this.nextJob();
    const submitAt = sub === undefined ? Infinity : sub.submitTime + this.origin;
    if (sub !== undefined && (top === undefined || submitAt <= top)) {
      if (submitAt > until) return false;
      // Submissions have the lowest rank: they go first within their instant.
      this.nextSubmit++;
      this.clock = submitAt;
      this.submit(sub);
    } else if (top !== undefined) {
      if (top > until) return false;
      const payload = this.events.pop()!;
      this.clock = top;
      if (typeof payload === 'number') this.runEnded(payload);
      else this.handle(payload);
    } else {
      return false;
    }
    this.processed++;
    return true;
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
      jobs[id] = done ? new ReplayRow(this.simOf[id]!, scheduler, jobId, this.origin) : { sim: this.simOf[id]!, view: this.viewOf(jobId) };
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
    this.submitting = sub;
    const result = this.driver.submit(this.coreSpec(sub.spec), now, this.accepted);
    if (!result.ok) {
      const rejection = { job: sub, code: result.code, message: result.message };
      this.rejected.push(rejection);
      this.notify({ type: 'rejected', time: now, rejection });
    }
  }

  /** A spec as the core takes it: its begin time and deadline on the core's clock. */
  private coreSpec(spec: JobSpec): JobSpec {
    const origin = this.origin;
    if (origin === 0 || (spec.beginTime === undefined && spec.deadline === undefined)) return spec;
    return {
      ...spec,
      ...(spec.beginTime === undefined ? {} : { beginTime: spec.beginTime + origin }),
      ...(spec.deadline === undefined ? {} : { deadline: spec.deadline + origin }),
    };
  }

  /** A job's view on the workload's clock, with its spec as the workload gave it. */
  private viewOf(job: JobId): JobView {
    return withSpec(this.scheduler.job(job, this.origin), this.simOf[job]!.spec);
  }

  /**
   * The core decided to start a job now. The cluster launches it after this instant's ends (the
   * reference's order, event-queue.ts): at once when none is due any more and no launch waits
   * before it (the usual case, which costs no event), else as a launch event.
   */
  private start(job: JobId, nodes: NodeRuns, allocation: readonly Float64Array[], timeLimit: Millis, now: Millis): void {
    if (this.launchWaits.size === 0 && !(this.events.peekTime() === now && this.events.peekRank()! <= EventRank.End)) {
      this.launch(job, nodes, allocation, timeLimit, now);
      return;
    }
    this.launchWaits.add(job);
    this.events.push(now, EventRank.Launch, { kind: 'launch', job, nodes, allocation, timeLimit }, now);
  }

  /**
   * A job launches: it runs from now on, and its end is queued: after its run time, or at its time
   * limit if that comes first.
   */
  private launch(job: JobId, nodes: NodeRuns, allocation: readonly Float64Array[], timeLimit: Millis, now: Millis): void {
    const sim = this.simOf[job]!;
    this.validator?.start(job, nodes, allocation, now);
    this.driver.observe({ type: 'JobStarted', jobId: job, time: now });
    const killed = sim.runtime > timeLimit;
    const token = (this.token[job] ?? 0) + 1;
    this.token[job] = token;
    const kill = this.killsAtLaunch.get(job);
    if (kill !== undefined) {
      this.killsAtLaunch.delete(job);
      this.events.push(now, EventRank.End, { kind: 'end', job, outcome: kill.outcome, exitCode: kill.exitCode, token }, now);
    } else this.events.push(now + (killed ? timeLimit : sim.runtime), EventRank.End, (token * 2 + (killed ? 1 : 0)) * this.jobs.length + job, now);
    if (this.listened) this.notify({ type: 'started', time: now, job, nodes: expandRuns(nodes) });
  }

  /**
   * A running job ended (`token`: the run it ended, stale after a kill) with this outcome, on the
   * nodes the core still gives it (it is running until the core is told of the end).
   */
  private ended(job: JobId, token: number, outcome: JobOutcome, exitCode: number): void {
    if (this.token[job] !== token) return; // superseded by a kill
    const now = this.clock;
    this.token[job] = token + 1;
    this.validator?.end(job, this.scheduler.nodeRunsOf(job), now);
    this.endedJob = job;
    this.endedRequeues = this.scheduler.requeuesOf(job);
    this.driver.observe({ type: 'JobEnded', jobId: job, time: now, outcome, exitCode }, this.afterEnd);
    if (this.listened) this.notify({ type: 'ended', time: now, job, outcome });
  }

  /** A job reached the end of its run or its time limit (`RunEnd`). */
  private runEnded(end: RunEnd): void {
    const jobs = this.jobs.length;
    const tag = Math.floor(end / jobs);
    const job = makeJobId(end - tag * jobs); // not `%`: a remainder of doubles is a call
    if ((tag & 1) === 1) return this.ended(job, tag >> 1, 'ExceedTimeLimit', EXIT_TIME_LIMIT);
    const sim = this.simOf[job]!;
    this.ended(job, tag >> 1, sim.outcome, sim.exitCode);
  }

  private handle(p: Payload): void {
    const now = this.clock;
    switch (p.kind) {
      case 'end':
        return this.ended(p.job, p.token, p.outcome, p.exitCode);
      case 'launch':
        this.launchWaits.delete(p.job);
        return this.launch(p.job, p.nodes, p.allocation, p.timeLimit, now);
      case 'admin': {
        const { command, time } = p.command;
        let result;
        if ('job' in command) {
          const jobId = this.byExternalId?.get(command.job);
          result = jobId === undefined ? { ok: false as const, code: 'ERR_NON_EXISTENT', message: `job ${command.job} has not been submitted` } : this.driver.admin({ type: command.type, jobId }, now);
        } else {
          const origin = this.origin;
          // A reservation's window on the core's clock.
          const forCore = origin !== 0 && command.type === 'CreateReservation' ? { ...command, start: command.start + origin, end: command.end + origin } : command;
          result = this.driver.admin(forCore, now);
        }
        if (!result.ok) this.adminFailures.push({ time, command, message: result.message });
        if (this.listened) this.notify({ type: 'admin', time: now, command, ok: result.ok, message: result.ok ? '' : result.message });
        return;
      }
      case 'pod':
        this.pods.fire(p.timer, now);
        return;
      case 'wake':
        if (this.wakeNowAt === now) this.wakeNowAt = NaN;
        else this.wakes.delete(now);
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

  /** Tell the listeners (`n.time` on the core's clock: told on the workload's). */
  private notify(n: SimNotice): void {
    const told = this.origin === 0 ? n : { ...n, time: n.time - this.origin };
    for (const l of this.listeners) l(told);
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
    private readonly origin: Millis,
  ) {}

  get view(): JobView {
    return withSpec(this.scheduler.job(this.id, this.origin), this.sim.spec);
  }
}

/**
 * `view` with `spec` as its spec: the view itself when it has it (the core got the workload's
 * spec as it was), else a copy (the core got one with its times moved: `coreSpec`).
 */
function withSpec(view: JobView, spec: JobSpec): JobView {
  if (view.spec === spec) return view;
  // An ended job's view keeps `nodes` on its prototype (job-record.ts): copied by name.
  return { ...view, nodes: view.nodes, spec };
}

/** Replays a whole workload and returns the per-job results. */
export function simulate(workload: readonly SimJob[], options: SimulationOptions): SimulationResult {
  return new Simulation(workload, options).run();
}
