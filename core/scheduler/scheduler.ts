import { ClusterState } from '../cluster/cluster-state.js';
import { makeJobId, makeNodeId, type JobId, type NodeId } from '../model/ids.js';
import type { QosConfig } from '../config/qos.js';
import type { ClusterSpec } from '../model/cluster.js';
import type { JobOutcome, JobSpec, JobView, LimitReason, PendingReason } from '../model/job.js';
import type { AdminCommand, AdminResult, ClusterEvent, Decision, SubmitResult } from '../model/messages.js';
import type { Millis } from '../model/time.js';
import { NO_RUNS, runsInclude, runsLength, runsOf, type NodeRuns } from '../model/node-runs.js';
import { assertNever } from '../model/assert.js';
import type { CycleContext, Planner, PreemptionPolicy } from '../policies/types.js';
import { admit, RequestShapes, type AdmissionPolicy } from './admission.js';
import { eligibility } from './eligibility.js';
import { JobRecord, NO_ALLOCATION } from './job-record.js';
import { nodeViews, type NodeView } from './node-view.js';
import { ReservationBook, type ReservationView } from './reservations.js';
import { NodeRunStore } from './node-runs.js';
import { UniformAllocations } from './uniform-allocations.js';
import { checkStepsJob, JobStepsHost } from './job-steps-host.js';
import type { CommonStepSpec, JobStepsView, StepOrder, SubmitStepResult } from '../steps/index.js';

/** A read-only summary of the core's state, for CLIs, the TUI and metrics. */
export interface SchedulerView {
  readonly now: Millis;
  readonly nodes: number;
  readonly freeNodes: number;
  /** Pending jobs in queue order, with reasons, plans and priorities. */
  readonly pending: readonly JobView[];
  readonly running: readonly JobView[];
  /** Every node with its state and what is allocated on it. */
  readonly nodeStates: readonly NodeView[];
  /** Reservations in force (active or future). */
  readonly reservations: readonly ReservationView[];
  /** The steps of running jobs that have steps (container jobs: their Pod and steps), by job id. */
  readonly jobSteps: ReadonlyMap<JobId, JobStepsView>;
}

/**
 * Extension point `queue order`: orders the eligible pending jobs for a cycle (see core/priority).
 * May set `pendingReason` (`Priority`) on jobs it leaves out, and the jobs' priorities for display.
 * It is told when a running job ends (`ended`): to charge usage history (decayed fair share) or
 * drop what it keeps of the job.
 * It must be a function of its arguments (and of what `ended` told it): the scheduler reuses its
 * last answer, without calling it, at the same `now` when no job was submitted, started or ended
 * and nothing else changed since (see `Scheduler.ordered`). It returns the candidates in queue
 * order, cut to `ScheduledBatchSize` at most; it drops no job otherwise (planners rely on it:
 * `CycleContext.unordered`). It is called only when a planner reads the candidates.
 */
export type QueueOrder = ((candidates: readonly JobRecord[], now: Millis, running: readonly JobRecord[], cluster: ClusterState) => readonly JobRecord[]) & {
  ended?: (job: JobRecord, now: Millis) => void;
  /** The accounts changed (a `cacctmgr` modify): what the order keeps from them per job is stale. */
  accountsChanged?: () => void;
};


export interface SchedulerOptions {
  readonly cluster: ClusterSpec;
  readonly planner: Planner;
  /** Default: submission order. */
  readonly order?: QueueOrder;
  /** Accounts, associations and QoS: submit-time checks and run limits. Default: none (everyone may run). */
  readonly admission?: AdmissionPolicy;
  /** Order of a job's pending steps (jobs with steps only): CraneSched's `fifo` (default) or `backfill`. */
  readonly stepOrder?: StepOrder;
  /** Jobs with steps: schedule pending steps every this many ms (CraneSched: 100) instead of at once. */
  readonly stepCycle?: Millis;
}

/** What a cycle that decided nothing returns (shared; readonly by type, not frozen: a frozen array would make the callers' loops polymorphic). */
const NO_DECISIONS: readonly Decision[] = [];
/** CraneSched's exit code for a job that reached its deadline. */
const EXIT_DEADLINE = 330;
const EXIT_TERMINATED = 320;
const EXIT_CRANED_DOWN = 326;
/** CraneSched retries deleting an expired reservation this often while jobs still run inside. */
const RESERVATION_RETRY: Millis = 5000;

/**
 * The scheduler core. Deterministic and world-free: time arrives as an argument, nothing is read
 * from a clock, nothing is written anywhere. A driver calls `submit` / `observe` / `admin` as
 * things happen and `schedule(now)` after each, and carries out the returned decisions.
 *
 * The core owns the jobs, the queue, node states and admission; a planner (extension point
 * `planner`) decides which eligible jobs start and where.
 */
export class Scheduler {
  readonly cluster: ClusterState;
  private readonly jobs: JobRecord[] = [];
  /**
   * Jobs by external id (the latest job of an id), for dependencies; built on the first lookup,
   * so a workload without dependencies never keeps a map of every job.
   */
  private byExternalId: Map<string, JobRecord> | undefined;
  /** Pending jobs with a hold, begin time, deadline or dependencies: the only ones the filter must look at. */
  private readonly constrained = new Set<JobRecord>();
  private queue: JobRecord[] = [];
  /** Jobs that left Pending since the queue was last filtered (the queue holds none when 0). */
  private leftQueue = 0;
  private running: JobRecord[] = [];
  /** Running jobs with a deadline (the deadline scan over running jobs is skipped when 0). */
  private runningWithDeadline = 0;
  /** Node lists of ended jobs, compactly. */
  private readonly endedNodes = new NodeRunStore();
  /** Request shapes met at submission: their resource vector and fitting node count, computed once. */
  private readonly shapes = new RequestShapes();
  /** Shared per-node allocation lists for jobs that take their request on every node. */
  private readonly uniform = new UniformAllocations();
  private readonly planner: Planner;
  private readonly order: QueueOrder | undefined;
  private readonly admission: AdmissionPolicy | undefined;
  readonly reservations: ReservationBook;
  /** Reservations whose start has been seen (a start makes the planner re-plan). */
  private readonly activeSeen = new Set<string>();
  /** Running jobs preempted under REQUEUE: back to the queue when they end. */
  private readonly requeueOnEnd = new Set<JobRecord>();
  private changed = false;
  /** Jobs started since the queue order was last computed (`changed` covers everything else). */
  private startsSinceOrder = 0;
  /** The queue order's last answer and the `now` it was computed at (see `ordered`). */
  private lastOrder: { now: Millis; jobs: readonly JobRecord[] } | undefined;
  private terminations = 0;
  /**
   * Decisions made since `schedule` last returned: the first `decided` slots (the others are
   * cleared). Kept and reused: a fresh array per cycle got room for 16 at its first push, for
   * the one or two decisions most cycles make; `schedule` hands out an exact copy.
   */
  private readonly pendingDecisions: Array<Decision | undefined> = [];
  private decided = 0;
  private lastNow = -Infinity;
  /** Jobs with steps (container jobs): their step machinery (job-steps-host.ts). */
  private readonly stepsHost: JobStepsHost;
  private readonly lookup = (id: string): JobRecord | undefined => {
    if (this.byExternalId === undefined) this.byExternalId = new Map(this.jobs.map((j) => [j.spec.externalId, j]));
    return this.byExternalId.get(id);
  };
  private readonly ctx: CycleContext & { now: Millis; unordered: readonly JobRecord[] | undefined; running: readonly JobRecord[]; changed: boolean; terminations: number };
  /** This cycle's eligible pending jobs, and their queue order once a planner has asked for it. */
  private cyclePending: readonly JobRecord[] = [];
  private cycleOrdered: readonly JobRecord[] | undefined;

  constructor(options: SchedulerOptions) {
    this.cluster = new ClusterState(options.cluster);
    this.planner = options.planner;
    this.order = options.order;
    this.admission = options.admission;
    this.reservations = new ReservationBook(this.cluster);
    this.stepsHost = new JobStepsHost(this.cluster.layout.dims, options.stepOrder ?? 'fifo', {
      emit: (d) => this.decide(d),
      ended: (job, now, outcome, exitCode) => this.ended(job, now, outcome, exitCode),
    }, options.stepCycle ?? null);
    const reservations = this.reservations;
    const cycleCandidates = (): readonly JobRecord[] => this.cycleCandidates();
    this.ctx = {
      now: -Infinity,
      cluster: this.cluster,
      get candidates() {
        return cycleCandidates();
      },
      unordered: undefined,
      running: [],
      changed: false,
      terminations: 0,
      start: (job, nodes, allocation) => this.start(job, runsOf(nodes), nodes as readonly NodeId[], allocation),
      startOnRuns: (job, runs) => this.start(job, runs),
      runLimit: (job) => this.runLimit(job),
      get reservations() {
        return reservations.all;
      },
      reservation: (name) => reservations.get(name),
      preemption: preemptionPolicy(options),
      preempt: (victim, requeue) => {
        if (requeue && victim.spec.requeue !== false) this.requeueOnEnd.add(victim);
        this.kill(victim, 'Cancelled', EXIT_TERMINATED);
      },
    };
  }

  /** Admission: accept the job into the queue or reject it with a CraneSched error code. */
  submit(spec: JobSpec, now: Millis): SubmitResult {
    this.tick(now);
    const admitted = admit(spec, this.cluster, this.admission, this.pendingCount(), this.shapes);
    if (!admitted.ok) return admitted;
    const shape = spec.kind === undefined ? null : checkStepsJob(spec);
    if (shape !== null) return shape;
    const { partition, qos, limit, need } = admitted.value;
    // `-r` (§4.7): checked after the job's own validity (CraneSched checks it in CheckJobValidity).
    const reservation = spec.reservation === undefined ? null : this.reservations.check(spec, partition);
    if (reservation !== null) return reservation;
    const job = new JobRecord(makeJobId(this.jobs.length), spec, now, partition, qos, limit, need);
    this.jobs.push(job);
    this.byExternalId?.set(spec.externalId, job);
    this.enqueue(job);
    this.admission?.submitted(job);
    this.changed = true;
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
        if (job.spec.kind !== undefined) throw new Error(`job ${job.id} (${job.spec.externalId}) has steps: it ends when its Pod is released, not by JobEnded`);
        return this.ended(job, event.time, event.outcome, event.exitCode);
      }
      case 'PodReady':
      case 'PodFailed':
      case 'StepStarted':
      case 'StepEnded':
      case 'PodReleased':
        return this.stepsHost.observe(this.record(event.jobId), event);
      default:
        return assertNever(event, 'cluster event');
    }
  }

  /** An admin command (`ccontrol`), effective at `now`. */
  admin(command: AdminCommand, now: Millis): AdminResult {
    this.tick(now);
    switch (command.type) {
      case 'HoldJob': {
        const job = this.jobs[command.jobId];
        if (job === undefined || !job.pending) return { ok: false, code: 'ERR_NON_EXISTENT', message: `job ${command.jobId} not found in the pending queue` };
        job.held = true;
        this.constrained.add(job);
        this.planner.withdrawn(job);
        this.changed = true;
        return { ok: true };
      }
      case 'ReleaseJob': {
        const job = this.jobs[command.jobId];
        if (job === undefined || !job.pending) return { ok: false, code: 'ERR_NON_EXISTENT', message: `job ${command.jobId} not found in the pending queue` };
        job.held = false;
        this.changed = true;
        return { ok: true };
      }
      case 'CancelJob': {
        const job = this.jobs[command.jobId];
        if (job === undefined || (job.state !== 'Pending' && job.state !== 'Running')) {
          return { ok: false, code: 'ERR_NON_EXISTENT', message: `job ${command.jobId} is neither pending nor running` };
        }
        if (job.pending) this.finishPending(job, 'Cancelled', EXIT_TERMINATED, now);
        else this.kill(job, 'Cancelled', EXIT_TERMINATED);
        return { ok: true };
      }
      case 'SetNodeState':
        return this.setNodeState(command.node, command.state);
      case 'ModifyPartition':
        // A submit-time check: nothing queued or running changes, so no cycle is due.
        return this.cluster.setAcl(command.partition, command.acl)
          ? { ok: true }
          : { ok: false, code: 'ERR_INVALID_PARTITION', message: `unknown partition ${command.partition}; partitions: ${this.cluster.partitions.map((p) => p.name).join(', ')}` };
      case 'CreateReservation': {
        if (this.planner.reservations !== true) return { ok: false, code: 'ERR_INVALID_PARAM', message: `reservation ${command.name}: the ${this.planner.name} planner does not support reservations (use cranesched)` };
        const result = this.reservations.create(command, now, this.running);
        if (result.ok) this.changed = true;
        return result;
      }
      case 'DeleteReservation':
        return this.deleteReservation(command.name);
      case 'ModifyQos':
      case 'ModifyAccount':
      case 'ModifyUser': {
        const result = this.admission?.modify?.(command) ?? { ok: false, code: 'ERR_INVALID_PARAM', message: `${command.type}: no accounts policy in force` };
        if (result.ok) {
          this.changed = true;
          this.order?.accountsChanged?.();
        }
        return result;
      }
      default:
        return assertNever(command, 'admin command');
    }
  }

  /** A decision for the runtime, handed out by the next `schedule`. */
  private decide(d: Decision): void {
    this.pendingDecisions[this.decided++] = d;
  }

  /**
   * One scheduling cycle at `now`: deadlines, the eligibility filter, queue order, the planner;
   * returns StartJob / KillJob decisions and a WakeAt for the next time something is due.
   */
  schedule(now: Millis): readonly Decision[] {
    this.tick(now);
    let wake = this.stepsHost.size === 0 ? Infinity : this.stepsHost.tick(now);
    if (this.constrained.size > 0) wake = this.filterConstrained(now, wake);
    this.dropLeftJobs();
    if (this.reservations.size > 0) wake = Math.min(wake, this.reservationTimers(now));
    const candidates = this.constrained.size === 0 ? this.queue : this.queue.filter((j) => j.eligible);
    if (this.runningWithDeadline > 0) {
      for (const job of this.running) {
        const deadline = job.spec.deadline;
        if (deadline !== undefined && !job.ending) {
          if (deadline <= now) this.kill(job, 'Deadline', EXIT_DEADLINE);
          else wake = Math.min(wake, deadline);
        }
      }
    }
    const ctx = this.ctx;
    ctx.now = now;
    this.cyclePending = candidates;
    this.cycleOrdered = this.order === undefined ? candidates : undefined;
    ctx.unordered = this.order === undefined || candidates.length <= this.cluster.spec.scheduledBatchSize ? candidates : undefined;
    ctx.running = this.running;
    ctx.changed = this.changed;
    ctx.terminations = this.terminations;
    const startsBefore = this.running.length;
    this.planner.cycle(ctx);
    this.changed = false;
    this.terminations = 0;
    if (this.running.length > startsBefore && this.constrained.size > 0) wake = Math.min(wake, this.dependencyWake(now));
    this.dropLeftJobs();
    const planned = this.planner.nextWake(now);
    if (planned !== undefined) wake = Math.min(wake, planned);
    const n = this.decided;
    const wakes = wake !== Infinity && wake >= now;
    // Most cycles decide nothing (no new array) or only ask for a wake-up (under cranesched, half
    // of them: the instant's pass runs at its wake-up).
    if (n === 0) return wakes ? [{ type: 'WakeAt', time: wake }] : NO_DECISIONS;
    const pending = this.pendingDecisions;
    const decisions = new Array<Decision>(wakes ? n + 1 : n);
    for (let i = 0; i < n; i++) {
      decisions[i] = pending[i]!;
      pending[i] = undefined;
    }
    if (wakes) decisions[n] = { type: 'WakeAt', time: wake };
    this.decided = 0;
    return decisions;
  }

  /**
   * The eligibility filter over the jobs with a hold, begin time, deadline or dependencies:
   * deadlines reached end them; eligibility changes are recorded (a change makes the planner
   * re-plan). Returns `wake` lowered to the next time one of them may change.
   */
  private filterConstrained(now: Millis, wake: Millis): Millis {
    for (const job of this.constrained) {
      if (!job.pending) {
        this.constrained.delete(job);
        continue;
      }
      const deadline = job.spec.deadline;
      if (deadline !== undefined) {
        if (deadline <= now) {
          this.finishPending(job, 'Deadline', EXIT_DEADLINE, now);
          this.constrained.delete(job);
          continue;
        }
        wake = Math.min(wake, deadline);
      }
      const e = eligibility(job, now, this.lookup);
      if ((e.reason === null) !== job.eligible) {
        job.eligible = e.reason === null;
        this.changed = true;
      }
      if (e.reason !== null) {
        job.pendingReason = e.reason;
        if (job.plannedStart !== Infinity) {
          this.planner.withdrawn(job);
          job.plannedStart = Infinity;
        }
        wake = Math.min(wake, e.until);
      }
    }
    return wake;
  }

  /** The candidates of the cycle running now, in queue order (computed on the first call). */
  private cycleCandidates(): readonly JobRecord[] {
    if (this.cycleOrdered === undefined) this.cycleOrdered = this.ordered(this.order!, this.cyclePending, this.ctx.now);
    return this.cycleOrdered;
  }

  /**
   * The queue order of this cycle. Its inputs are the candidates, the running jobs, `now` and
   * what the order was told through `ended`; a submission, end, hold, release, eligibility change,
   * cancellation, deadline, admin command or node change sets `changed`, and a start is counted
   * in `startsSinceOrder`. With neither since the last order at the same `now` (as in the wake-up
   * pass after an instant's last event), its inputs are the same, so is its answer (and the
   * priorities and `Priority` reasons it set still stand): it is reused. Age and running time make
   * the order depend on time alone, hence the same `now`.
   */
  private ordered(order: QueueOrder, candidates: readonly JobRecord[], now: Millis): readonly JobRecord[] {
    const last = this.lastOrder;
    if (last !== undefined && last.now === now && !this.changed && this.startsSinceOrder === 0) return last.jobs;
    const jobs = order(candidates, now, this.running, this.cluster);
    this.lastOrder = { now, jobs };
    this.startsSinceOrder = 0;
    return jobs;
  }

  /**
   * A job's view. `shift`: its times as seen on a clock that many ms behind the core's (a runtime
   * that runs the core's clock ahead of its own, see `SimulationOptions.clockOrigin`).
   */
  job(id: JobId, shift: Millis = 0): JobView {
    return this.record(id).view(shift);
  }

  /**
   * A common step into a running job with steps (`ccon run` / `crun` with `CRANE_JOB_ID`), checked as
   * CraneSched's `CheckStepValidity`; `ERR_INVALID_JOB_ID` for an unknown job or one without live steps.
   * A `schedule` call afterwards hands out the decisions it caused.
   */
  submitStep(id: JobId, spec: CommonStepSpec, now: Millis): SubmitStepResult {
    this.tick(now);
    return this.stepsHost.submitStep(this.jobs[id], spec, now);
  }

  /** The steps of a job with steps, from its start to its end (undefined otherwise). */
  stepsOf(id: JobId): JobStepsView | undefined {
    return this.jobs[id]?.steps?.view();
  }

  /** Step reports the step machinery refused (duplicates, reports from lost nodes or after the job's end). */
  get refusedStepReports(): number {
    return this.stepsHost.refusedReports;
  }

  /** The nodes a job runs or ran on, as runs (cheap: no view or list is built). */
  nodeRunsOf(id: JobId): NodeRuns {
    return this.record(id).nodeRuns;
  }

  /** How often a job was requeued (cheap: no view is built; runtimes ask on every end). */
  requeuesOf(id: JobId): number {
    return this.record(id).requeues;
  }

  /** Every job ever submitted, in submission order. */
  allJobs(): JobView[] {
    return this.jobs.map((j) => j.view());
  }

  get jobCount(): number {
    return this.jobs.length;
  }

  /**
   * Each pending job, in queue order, whose pending reason is not `last[id]` any more (a job
   * without a reason is skipped): `last[id]` becomes its reason and `visit` hears of it. A replay
   * watches the reasons after every instant; most jobs keep theirs over many instants, so the
   * comparison is made here, with no call and no view per job.
   */
  forEachNewPendingReason(last: Array<PendingReason | undefined>, visit: (id: JobId, reason: PendingReason) => void): void {
    const queue = this.queue;
    for (let i = 0; i < queue.length; i++) {
      const job = queue[i]!;
      const reason = job.pendingReason;
      if (reason === null || last[job.id] === reason || !job.pending) continue;
      last[job.id] = reason;
      visit(job.id, reason);
    }
  }

  view(): SchedulerView {
    const now = this.lastNow;
    const nodes = nodeViews(this.cluster, this.running, (n) => this.reservations.on(n).some((r) => r.start <= now && now < r.end));
    return {
      now: this.lastNow,
      nodes: this.cluster.size,
      freeNodes: nodes.filter((n) => n.state === 'idle').length,
      pending: this.queue.filter((j) => j.pending).map((j) => j.view()),
      running: this.running.map((j) => j.view()),
      nodeStates: nodes,
      reservations: this.reservations.view(this.lastNow),
      jobSteps: new Map(this.running.flatMap((j) => (j.steps === undefined ? [] : [[j.id, j.steps.view()] as const]))),
    };
  }

  /**
   * Reservation timers: a reservation that reached its end is deleted (retried every 5 s while
   * jobs still run inside, as CraneSched does); one that reached its start makes the planner
   * re-plan. Returns the next time either is due.
   */
  private reservationTimers(now: Millis): Millis {
    let wake = Infinity;
    for (const r of this.reservations.all) {
      if (r.end <= now) {
        if (!this.deleteReservation(r.name).ok) wake = Math.min(wake, now + RESERVATION_RETRY);
        continue;
      }
      if (r.start <= now) {
        if (!this.activeSeen.has(r.name)) {
          this.activeSeen.add(r.name);
          this.changed = true;
        }
      } else {
        wake = Math.min(wake, r.start);
      }
      wake = Math.min(wake, r.end);
    }
    return wake;
  }

  /** Deletes a reservation; its pending jobs wait with `Reservation deleted` (they can never run). */
  private deleteReservation(name: string): AdminResult {
    const result = this.reservations.delete(name, this.running);
    if (!result.ok) return result;
    this.activeSeen.delete(name);
    for (const job of this.queue) {
      if (job.pending && job.spec.reservation === name) {
        job.pendingReason = 'Reservation deleted';
        job.plannedStart = Infinity;
      }
    }
    this.changed = true;
    return result;
  }

  /**
   * Jobs just started may satisfy `after` dependencies (now or after a delay): the earliest time a
   * waiting job's dependencies may change, so that a cycle runs then (`now` runs one more this instant).
   */
  private dependencyWake(now: Millis): Millis {
    let wake = Infinity;
    for (const job of this.constrained) {
      if (!job.pending || job.eligible || job.spec.dependencies === undefined) continue;
      const e = eligibility(job, now, this.lookup);
      wake = Math.min(wake, e.reason === null ? now : e.until);
    }
    return wake;
  }

  /**
   * Removes the jobs that left Pending from the queue, in place: no planner or queue order keeps
   * the candidate array past its cycle, and this runs outside the planner's pass.
   */
  private dropLeftJobs(): void {
    if (this.leftQueue === 0) return;
    const queue = this.queue;
    let kept = 0;
    for (let i = 0; i < queue.length; i++) {
      const job = queue[i]!;
      if (job.pending) queue[kept++] = job;
    }
    while (queue.length > kept) queue.pop(); // a few at most; cheaper than setting the length
    this.leftQueue = 0;
  }

  private enqueue(job: JobRecord): void {
    this.queue.push(job);
    const s = job.spec;
    if (job.held || s.beginTime !== undefined || s.deadline !== undefined || s.dependencies !== undefined) {
      job.eligible = false;
      this.constrained.add(job);
    } else {
      job.eligible = true;
    }
    this.changed = true;
  }

  /** Starts `job` now on `runs` (and `list`, the same nodes as a list, when the planner made one). */
  private start(job: JobRecord, runs: NodeRuns, list?: readonly NodeId[], allocation?: readonly Float64Array[]): void {
    if (!job.pending) throw new Error(`job ${job.id} (${job.spec.externalId}) started while ${job.state}`);
    const count = list === undefined ? runsLength(runs) : list.length;
    if (count !== job.units) throw new Error(`job ${job.id} (${job.spec.externalId}) given ${count} nodes, asked ${job.units}`);
    const now = this.ctx.now;
    job.state = 'Running';
    job.startTime = now;
    job.lastWaitReason = job.pendingReason;
    job.pendingReason = null;
    job.setNodes(runs, list); // node indices are node ids
    job.allocation = allocation ?? this.uniform.of(job.need.vec, count);
    this.leftQueue++;
    this.startsSinceOrder++;
    this.running.push(job);
    if (job.spec.deadline !== undefined) this.runningWithDeadline++;
    this.admission?.started(job);
    if (job.spec.kind !== undefined) this.stepsHost.start(job);
    else this.decide({ type: 'StartJob', jobId: job.id, nodes: runs, allocation: job.allocation, timeLimit: job.limit });
  }

  private ended(job: JobRecord, now: Millis, outcome: JobOutcome, exitCode: number): void {
    if (job.state !== 'Running') throw new Error(`job ${job.id} (${job.spec.externalId}) ended while ${job.state}`);
    this.planner.ended(job, now);
    this.order?.ended?.(job, now);
    this.admission?.ended(job);
    removeFrom(this.running, job);
    if (job.spec.deadline !== undefined) this.runningWithDeadline--;
    this.terminations++;
    this.changed = true;
    job.ending = false;
    job.allocation = NO_ALLOCATION; // nothing reads it after the end; a million-job replay cannot keep it
    const preempted = this.requeueOnEnd.delete(job);
    // Jobs with steps are never requeued (CraneSched's `ShouldRequeue` covers Batch jobs only).
    if (job.spec.kind === undefined && ((exitCode === EXIT_CRANED_DOWN && this.requeueAllowed(job)) || preempted)) {
      // Requeue (§4.10): back to Pending with a new submit time; after MaxRequeueCount, held.
      job.requeues++;
      job.state = 'Pending';
      job.startTime = NaN;
      job.setNodes(NO_RUNS);
      job.allocation = NO_ALLOCATION;
      job.plannedStart = Infinity;
      job.holdEnd = Infinity;
      job.submitTime = now;
      if (job.requeues > this.cluster.spec.requeue.maxRequeueCount) job.held = true;
      this.enqueue(job);
      this.admission?.submitted(job);
      return;
    }
    job.endTime = now;
    job.exitCode = exitCode;
    job.state = outcome;
    job.keepNodesCompact(this.endedNodes);
  }

  private requeueAllowed(job: JobRecord): boolean {
    return job.spec.requeue ?? this.cluster.spec.requeue.jobRequeue;
  }

  private finishPending(job: JobRecord, outcome: JobOutcome, exitCode: number, now: Millis): void {
    this.planner.withdrawn(job);
    this.admission?.ended(job);
    if (job.pending) this.leftQueue++;
    job.state = outcome;
    job.exitCode = exitCode;
    job.endTime = now;
    job.lastWaitReason = job.pendingReason;
    job.pendingReason = null;
    this.changed = true;
  }

  private kill(job: JobRecord, outcome: JobOutcome, exitCode: number, downNode?: NodeId): void {
    if (job.steps !== undefined) return this.stepsHost.kill(job, outcome, exitCode, this.lastNow, downNode);
    if (job.ending) return;
    job.ending = true;
    this.decide({ type: 'KillJob', jobId: job.id, outcome, exitCode });
  }

  private setNodeState(name: string, state: 'down' | 'up' | 'drain' | 'resume'): AdminResult {
    const node = this.cluster.node(name);
    if (node === undefined) return { ok: false, code: 'ERR_INVALID_NODE', message: `unknown node ${name}` };
    const current = this.cluster.states[node]!;
    switch (state) {
      case 'down':
        this.cluster.setState(node, 'down');
        for (const job of [...this.running]) if (runsInclude(job.nodeRuns, node)) this.kill(job, 'Failed', EXIT_CRANED_DOWN, makeNodeId(node));
        break;
      case 'up':
        if (current === 'down') this.cluster.setState(node, 'up');
        break;
      case 'drain':
        if (current === 'up') this.cluster.setState(node, 'drained');
        break;
      case 'resume':
        if (current === 'drained') this.cluster.setState(node, 'up');
        break;
      default:
        return assertNever(state, 'node state');
    }
    this.changed = true;
    return { ok: true };
  }

  private runLimit(job: JobRecord): LimitReason | null {
    return this.admission?.runLimit(job, this.running) ?? null;
  }

  private pendingCount(): number {
    return this.queue.length;
  }

  private record(id: JobId): JobRecord {
    const job = this.jobs[id];
    if (job === undefined) throw new Error(`unknown job id ${id}`);
    return job;
  }

  private tick(now: Millis): void {
    if (now < this.lastNow) throw new Error(`time went back from ${this.lastNow} to ${now}`);
    this.lastNow = now;
  }
}

/** QoS preemption from the cluster's `Preempt` and the accounts' QoS, or null when it is off. */
function preemptionPolicy(options: SchedulerOptions): PreemptionPolicy | null {
  const { preempt } = options.cluster;
  const admission = options.admission;
  if (preempt.type !== 'qos' || preempt.mode === 'OFF' || admission?.qosConfig === undefined) return null;
  const qos = (name: string): QosConfig | undefined => admission.qosConfig!(name);
  return {
    targets: (name) => qos(name)?.preempt ?? [],
    qosPriority: (name) => qos(name)?.priority ?? 0,
    // The victim QoS's PreemptMode when it sets one, else the cluster's.
    requeues: (name) => {
      const mode = qos(name)?.preemptMode ?? 'OFF';
      return (mode === 'OFF' ? preempt.mode : mode) === 'REQUEUE';
    },
  };
}

/** Removes `item` from `list` in place, keeping the order (no array of removed items, as `splice` makes). */
function removeFrom<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i < 0) return;
  for (let k = i + 1; k < list.length; k++) list[k - 1] = list[k]!;
  list.pop(); // cheaper than setting the length
}
