import {
  assertNever,
  containerExit,
  PRIMARY_STEP_ID,
  processExit,
  type CommonStepSpec,
  type JobId,
  type JobStepsView,
  type Millis,
  type NodeId,
  type StepClusterEvent,
  type StepDecision,
  type StepEnd,
  type StepId,
  type SubmitStepResult,
} from '../core/index.js';
import { containerKillEnd, DEFAULT_CONTAINER_COSTS, EXIT_PREPARE_FAILED, planContainerStart, type ContainerCosts } from './container-costs.js';
import { ImageCache } from './image-cache.js';
import { StepAppender } from './step-appender.js';
import { StepRows, type PodStats, type StepRow } from './step-rows.js';
import type { SimStepsWork, StepWork } from './steps-work.js';

/** What the pod runtime needs from the simulation around it. */
export interface PodRuntimePort {
  /** Call `fire(timer)` at `time` (>= now), among this instant's job ends. */
  at(time: Millis, timer: number, now: Millis): void;
  /** Feed a report to the core (through the driver, which then runs a cycle). */
  observe(event: StepClusterEvent): void;
  /** Submit a step to the core without a cycle (the decisions it causes wait for `cycle`). */
  submitStep(job: JobId, spec: CommonStepSpec, now: Millis): SubmitStepResult;
  /** Run a scheduling cycle now, handing out pending decisions. */
  cycle(now: Millis): void;
  stepsOf(job: JobId): JobStepsView | undefined;
  /** What the job's steps really do, and its workload id. */
  work(job: JobId): { readonly externalId: string; readonly steps: SimStepsWork | undefined };
  /** The job holds its allocation from `now` (CreatePod) / it ended and gave it back (after PodReleased). */
  allocated(job: JobId, nodes: readonly NodeId[], allocation: readonly Float64Array[], now: Millis): void;
  released(job: JobId, nodes: readonly NodeId[], now: Millis): void;
}

type Timer =
  /** A report to the core; `key` (job:step:node) makes a step's report cancellable by a kill. */
  | { readonly kind: 'report'; readonly job: JobId; readonly event: StepClusterEvent; readonly key: string | null }
  /** A `waitForSteps` script's own duration has passed. */
  | { readonly kind: 'script-due'; readonly job: JobId }
  /** An `offset` step's time has come. */
  | { readonly kind: 'append'; readonly job: JobId };

/** A step on one node: its pending reports, its pinned image, and for a container when it runs and would end. */
interface NodeRun {
  readonly timers: number[];
  pinned: { readonly cache: ImageCache; readonly image: string } | null;
  readonly allocation: Float64Array;
  container: { readonly runningAt: Millis; readonly naturalEnd: Millis } | null;
}

interface PodJob {
  readonly id: JobId;
  readonly nodes: readonly NodeId[];
  readonly allocation: readonly Float64Array[];
  readonly hasPod: boolean;
  readonly work: SimStepsWork | undefined;
  readyNodes: number;
  readonly runs: Map<string, NodeRun>;
  /** What running steps hold on each job node (validation: never above the job's allocation). */
  readonly used: Float64Array[];
  readonly appender: StepAppender;
  scriptDue: boolean;
  primaryEnded: boolean;
  /** When an `append` timer is due (one at a time). */
  appendAt: Millis;
}

/**
 * The container side of the simulated cluster (docs/container-jobs.md §3): Pod sandboxes, image
 * pulls through a per-node LRU image cache, container start latency, step runs and kills, Pod
 * teardown, the workload's step appends, and per-step metrics (`steps.csv`). It answers the core's
 * step decisions with timed reports. With `validate`, it checks that a step never starts before its
 * job's Pod is ready and that running steps never hold more than the job's allocation on a node.
 */
export class PodRuntime {
  private readonly jobs = new Map<JobId, PodJob>();
  private readonly timers = new Map<number, Timer>();
  private nextTimer = 0;
  private readonly caches: ImageCache[] = [];
  readonly rows = new StepRows();
  /** Timers and image pins left when a job ended (cleared then); 0 unless a node was lost. */
  leftovers = 0;

  /**
   * `random` (uniform in [0, 1), seeded by the caller: seedrandom at the edge) draws sandbox failures;
   * it is needed, and used, only when `costs.podFailureRate` > 0.
   */
  constructor(
    private readonly port: PodRuntimePort,
    readonly costs: ContainerCosts = DEFAULT_CONTAINER_COSTS,
    private readonly validate = true,
    private readonly random?: () => number,
  ) {
    if (costs.podFailureRate > 0 && random === undefined) throw new Error('pod runtime: a podFailureRate above 0 needs a seeded random source');
  }

  get stats(): PodStats {
    return this.rows.stats(this.caches);
  }

  /** Steps of every job that has ended, and of running ones so far. */
  stepRows(): readonly StepRow[] {
    return this.rows.all();
  }

  /** Node `node`'s image cache (made on first use). */
  cache(node: NodeId): ImageCache {
    let c = this.caches[node];
    if (c === undefined) this.caches[node] = c = new ImageCache(this.costs.imageCacheMiB);
    return c;
  }

  decide(d: StepDecision, now: Millis): void {
    switch (d.type) {
      case 'CreatePod':
        return this.createPod(d, now);
      case 'StartStep':
        return this.startStep(d, now);
      case 'KillStep': {
        const job = this.job(d.jobId);
        for (const node of d.nodes) this.endRun(job, d.stepId, node, { status: d.status, exitCode: d.exitCode }, now);
        return;
      }
      case 'ReleasePod': {
        const job = this.job(d.jobId);
        const at = now + (job.hasPod ? this.costs.podStop : 0);
        this.push(at, { kind: 'report', job: job.id, event: { type: 'PodReleased', jobId: job.id, time: at }, key: null }, now);
        return;
      }
      default:
        return assertNever(d, 'step decision');
    }
  }

  fire(id: number, now: Millis): void {
    const t = this.timers.get(id);
    if (t === undefined) return; // cancelled by a kill
    this.timers.delete(id);
    const job = this.jobs.get(t.job);
    if (job === undefined) return;
    switch (t.kind) {
      case 'report':
        return this.report(job, t.event, t.key, now);
      case 'script-due':
        job.scriptDue = true;
        return this.afterEvent(job, now);
      case 'append':
        return this.afterEvent(job, now);
      default:
        return assertNever(t, 'pod timer');
    }
  }

  private createPod(d: Extract<StepDecision, { type: 'CreatePod' }>, now: Millis): void {
    const { externalId, steps } = this.port.work(d.jobId);
    const dims = d.allocation[0]?.length ?? 0;
    const job: PodJob = {
      id: d.jobId,
      nodes: d.nodes,
      allocation: d.allocation,
      hasPod: d.pod !== null,
      work: steps,
      readyNodes: 0,
      runs: new Map(),
      used: d.nodes.map(() => new Float64Array(dims)),
      appender: new StepAppender(steps?.steps ?? []),
      scriptDue: false,
      primaryEnded: false,
      appendAt: NaN,
    };
    this.jobs.set(d.jobId, job);
    this.rows.jobStarted(d.jobId, externalId, now);
    this.port.allocated(d.jobId, d.nodes, d.allocation, now);
    const at = now + (job.hasPod ? this.costs.podStart : 0);
    if (job.hasPod) this.rows.sandboxes(d.nodes.length, this.costs.podStart);
    // Sandbox failures: one draw per node, in node order, only when the rate is above 0 (so a run
    // without failures draws nothing). The ready nodes report first; of the failed ones only the
    // first reports, since its failure already ends the job (another would be a refused report).
    const failed = job.hasPod && this.costs.podFailureRate > 0 ? d.nodes.filter(() => this.random!() < this.costs.podFailureRate) : [];
    for (const node of d.nodes) {
      if (!failed.includes(node)) this.push(at, { kind: 'report', job: job.id, event: { type: 'PodReady', jobId: job.id, node, time: at }, key: null }, now);
    }
    if (failed.length > 0) {
      this.rows.sandboxFailures(failed.length);
      const event: StepClusterEvent = { type: 'PodFailed', jobId: job.id, node: failed[0]!, time: at, status: 'Failed', exitCode: EXIT_PREPARE_FAILED };
      this.push(at, { kind: 'report', job: job.id, event, key: null }, now);
    }
  }

  private startStep(d: Extract<StepDecision, { type: 'StartStep' }>, now: Millis): void {
    const job = this.job(d.jobId);
    if (this.validate && job.readyNodes < job.nodes.length) throw new Error(`pod runtime: step ${d.jobId}.${d.stepId} started before the job's Pod is ready`);
    const work = this.workOf(job, d.stepId);
    const image = d.payload.kind === 'container' ? d.payload.container.image : null;
    let cpuMilli = 0;
    for (const a of d.allocation) cpuMilli += a[0] ?? 0;
    this.rows.configured(job.id, d.stepId, d.payload.kind, image, d.nodes.length, cpuMilli, now);
    d.nodes.forEach((node, i) => {
      const allocation = d.allocation[i]!;
      this.hold(job, node, allocation);
      const key = `${job.id}:${d.stepId}:${node}`;
      const run: NodeRun = { timers: [], pinned: null, allocation, container: null };
      job.runs.set(key, run);
      let runningAt = now;
      if (d.payload.kind === 'container') {
        const c = d.payload.container;
        const plan = planContainerStart(this.cache(node), { image: c.image, ...(work.imageSizeMiB === undefined ? {} : { imageSizeMiB: work.imageSizeMiB }), ...(c.pullPolicy === undefined ? {} : { pullPolicy: c.pullPolicy }) }, now, this.costs);
        if (!plan.ok) {
          this.rows.nodePrepared(job.id, d.stepId, plan.failedAt - now, NaN);
          run.timers.push(this.push(plan.failedAt, this.stepEnded(job.id, d.stepId, node, { status: 'Failed', exitCode: EXIT_PREPARE_FAILED }, plan.failedAt, key), now));
          return;
        }
        run.pinned = { cache: this.cache(node), image: c.image };
        runningAt = plan.runningAt;
        this.rows.nodePrepared(job.id, d.stepId, plan.pullWait, plan.runningAt - now, plan.image !== 'cached');
      } else {
        this.rows.nodePrepared(job.id, d.stepId, 0, 0);
      }
      run.timers.push(this.push(runningAt, { kind: 'report', job: job.id, event: { type: 'StepStarted', jobId: job.id, stepId: d.stepId, node, time: runningAt }, key }, now));
      if (d.payload.kind === 'allocation') return; // holds its allocation until killed
      const endAt = runningAt + work.duration;
      if (d.stepId === PRIMARY_STEP_ID && d.payload.kind === 'script' && job.work?.primary.waitForSteps === true) {
        run.timers.push(this.push(endAt, { kind: 'script-due', job: job.id }, now));
        return;
      }
      if (d.payload.kind === 'container') run.container = { runningAt, naturalEnd: endAt };
      const end = d.payload.kind === 'container' ? containerExit(work.exitCode) : processExit({ code: work.exitCode });
      run.timers.push(this.push(endAt, this.stepEnded(job.id, d.stepId, node, end, endAt, key), now));
    });
  }

  private report(job: PodJob, event: StepClusterEvent, key: string | null, now: Millis): void {
    switch (event.type) {
      case 'PodReady':
        job.readyNodes++;
        break;
      case 'StepStarted':
        this.rows.nodeRunning(job.id, event.stepId, now);
        break;
      case 'StepEnded':
        if (key !== null) this.finishRun(job, key);
        this.rows.nodeEnded(job.id, event.stepId, now);
        break;
      case 'PodReleased': {
        const a = job.appender;
        this.rows.jobEnded(job.id, this.port.stepsOf(job.id), now, (id) => a.nameOf(id) ?? '', a.refused.map((r) => ({ code: r.code, at: r.at, name: a.nameAt(r.index) ?? '' })));
        this.port.observe(event);
        this.leftovers += job.runs.size;
        for (const key of [...job.runs.keys()]) this.finishRun(job, key);
        this.jobs.delete(job.id);
        this.port.released(job.id, job.nodes, now);
        return;
      }
      case 'PodFailed':
        break;
      default:
        assertNever(event, 'step report');
    }
    this.port.observe(event);
    this.afterEvent(job, now);
  }

  /** After any report on the job: the primary's start opens the appends; steps are appended; a waiting script may end. */
  private afterEvent(job: PodJob, now: Millis): void {
    if (!this.jobs.has(job.id) || job.work === undefined) return;
    const current = (): JobStepsView | undefined => this.port.stepsOf(job.id);
    let submitted = false;
    const next = job.appender.advance(current, now, (spec) => {
      submitted = true;
      return this.port.submitStep(job.id, spec, now);
    });
    // The decisions of these submissions go out after the appender has recorded the new step ids.
    if (submitted) this.port.cycle(now);
    if (next !== null && next !== job.appendAt) {
      job.appendAt = next;
      this.push(next, { kind: 'append', job: job.id }, now);
    }
    const view = current();
    if (view === undefined) return;
    const primary = view.steps.find((s) => s.id === PRIMARY_STEP_ID);
    if (job.scriptDue && !job.primaryEnded && primary?.status === 'Running' && job.appender.allDone(view)) {
      job.primaryEnded = true;
      const key = `${job.id}:${PRIMARY_STEP_ID}:${job.nodes[0]}`;
      const end = processExit({ code: job.work.primary.exitCode });
      const run = job.runs.get(key);
      run?.timers.push(this.push(now, this.stepEnded(job.id, PRIMARY_STEP_ID, job.nodes[0]!, end, now, key), now));
    }
  }

  /**
   * A kill: the node's pending reports for the step are dropped and its end reported with the kill's
   * status: now, or for a running container once it has stopped (`containerKillEnd`: SIGTERM, then
   * SIGKILL after the stop grace). Until then the step holds its resources and the Pod stays up.
   */
  private endRun(job: PodJob, stepId: StepId, node: NodeId, end: StepEnd, now: Millis): void {
    const key = `${job.id}:${stepId}:${node}`;
    const run = job.runs.get(key);
    if (run === undefined) return;
    const at = run.container === null ? now : containerKillEnd(now, run.container.runningAt, run.container.naturalEnd, this.costs);
    for (const t of run.timers) this.timers.delete(t);
    run.timers.length = 0;
    run.timers.push(this.push(at, this.stepEnded(job.id, stepId, node, end, at, key), now));
  }

  private finishRun(job: PodJob, key: string): void {
    const run = job.runs.get(key);
    if (run === undefined) return;
    for (const t of run.timers) this.timers.delete(t);
    if (run.pinned !== null) run.pinned.cache.release(run.pinned.image);
    const node = Number(key.slice(key.lastIndexOf(':') + 1)) as NodeId;
    const used = job.used[job.nodes.indexOf(node)]!;
    for (let d = 0; d < used.length; d++) used[d]! -= run.allocation[d]!;
    job.runs.delete(key);
  }

  private hold(job: PodJob, node: NodeId, allocation: Float64Array): void {
    const i = job.nodes.indexOf(node);
    if (i < 0) throw new Error(`pod runtime: node ${node} is not one of job ${job.id}'s`);
    const used = job.used[i]!;
    const total = job.allocation[i]!;
    for (let d = 0; d < used.length; d++) {
      used[d]! += allocation[d]!;
      if (this.validate && used[d]! > total[d]! + 1e-9) throw new Error(`pod runtime: job ${job.id}'s steps hold ${used[d]} of resource ${d} on node ${node}, its allocation is ${total[d]}`);
    }
  }

  private workOf(job: PodJob, stepId: StepId): StepWork {
    if (stepId === PRIMARY_STEP_ID) return job.work?.primary ?? { duration: 0, exitCode: 0 };
    const work = job.appender.workOf(stepId);
    if (work === undefined) throw new Error(`pod runtime: job ${job.id} has no step ${stepId} in its workload`);
    return work;
  }

  private stepEnded(job: JobId, stepId: StepId, node: NodeId, end: StepEnd, time: Millis, key: string): Timer {
    return { kind: 'report', job, event: { type: 'StepEnded', jobId: job, stepId, node, time, status: end.status, exitCode: end.exitCode }, key };
  }

  private push(time: Millis, timer: Timer, now: Millis): number {
    const id = this.nextTimer++;
    this.timers.set(id, timer);
    this.port.at(time, id, now);
    return id;
  }

  private job(id: JobId): PodJob {
    const job = this.jobs.get(id);
    if (job === undefined) throw new Error(`pod runtime: no live job ${id}`);
    return job;
  }
}
