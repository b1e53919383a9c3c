import type { JobId, NodeId } from '../model/ids.js';
import type { JobSpec, JobState, JobView, PendingReason, PriorityFactorsView } from '../model/job.js';
import type { NodeRequest } from '../model/resources.js';
import type { Millis } from '../model/time.js';
import { expandRuns, NO_RUNS, type NodeRuns } from '../model/node-runs.js';
import type { JobSteps } from '../steps/index.js';
import type { NodeRunStore } from './node-runs.js';

/** The node list of a job that holds none (shared: node lists are never mutated). */
const NO_NODES: readonly NodeId[] = Object.freeze([]);
/** The allocation of a job that holds nothing (before its start and after its end; shared, read-only). */
export const NO_ALLOCATION: readonly Float64Array[] = Object.freeze([]);

/**
 * The core's mutable record of one job. It never leaves the core: outside code gets `JobView`s.
 * Hot fields are copied out of the spec for the planners' inner loops.
 */
export class JobRecord {
  state: JobState = 'Pending';
  /** When a planner plans to start it; +Infinity while it has no plan. */
  plannedStart: Millis = Infinity;
  /** Orders plans made for the same instant: the job planned first starts first. */
  planSeq = 0;
  /** End of the whole-node planner's hold: plannedStart + limit, cut to the observed end. */
  holdEnd: Millis = Infinity;
  startTime: Millis = NaN;
  endTime: Millis = NaN;
  exitCode = 0;
  /** Its nodes while it runs, as runs (empty before); after its end, see `runs`. */
  private liveRuns: NodeRuns = NO_RUNS;
  /**
   * Its nodes while it runs as the list the planner gave, if it gave one (else a read of `nodes`
   * expands `liveRuns`); after its end, see `runs`.
   */
  private nodeList: readonly NodeId[] | undefined = undefined;
  /** After its end: where its node list is kept compactly (`keepNodesCompact`). */
  private runs: NodeRunStore | undefined = undefined;
  private runsAt = -1;
  /** What it holds on each of its nodes while running (same order as `nodes`). */
  allocation: readonly Float64Array[] = NO_ALLOCATION;
  pendingReason: PendingReason | null = null;
  /** Its pending reason when it last left the queue (see `JobView.waitReason`). */
  lastWaitReason: PendingReason | null = null;
  /**
   * Where its priority and factors of the last cycle that ordered it are kept, by job id (the
   * multifactor queue order's table, set when the order first sees the job); none: priority 0.
   */
  priorities: PriorityOutputs | undefined = undefined;
  held: boolean;
  /** Whether it passed the eligibility filter in the last cycle (a change makes the planner re-plan). */
  eligible = false;
  /** An end or cancel was requested while it runs; the runtime will report the end. */
  ending = false;
  requeues = 0;
  /** Submit time of the current incarnation (a requeue resets it). */
  submitTime: Millis;
  /** A job with steps (`spec.kind` set), from its start to its end; see job-steps-host.ts. */
  steps: JobSteps | undefined = undefined;

  readonly units: number;
  readonly limit: Millis;
  // Read for every candidate of every pass: `--exclusive`, `-r`, `-w`, `-x`.
  readonly exclusive: boolean;
  readonly reservation: string | undefined;
  readonly includeNodes: readonly string[] | undefined;
  readonly excludeNodes: readonly string[] | undefined;

  constructor(
    readonly id: JobId,
    readonly spec: JobSpec,
    submitTime: Millis,
    /** The partition it runs in (index into the cluster's partitions). */
    readonly partition: number,
    readonly qos: string,
    limit: Millis,
    /** What it needs on each node, as a resource vector. */
    readonly need: NodeRequest,
  ) {
    this.submitTime = submitTime;
    this.units = spec.request.nodeCount;
    this.limit = limit;
    this.held = spec.hold === true;
    this.exclusive = spec.request.exclusive === true;
    this.reservation = spec.reservation;
    this.includeNodes = spec.request.includeNodes;
    this.excludeNodes = spec.request.excludeNodes;
  }

  get pending(): boolean {
    return this.state === 'Pending';
  }

  /** Its multifactor priority in the last cycle that ordered it (0 before any, and under other orders). */
  get priority(): number {
    return this.priorities === undefined ? 0 : this.priorities.priority[this.id]!;
  }

  /** The factors behind `priority` (a new snapshot), or null: not multifactor, or a mandated priority. */
  priorityFactors(): PriorityFactorsView | null {
    const p = this.priorities;
    const id = this.id;
    if (p === undefined || p.factored[id] !== 1) return null;
    return { age: p.age[id]!, fairShare: p.fairShare[id]!, jobSize: p.jobSize[id]!, partition: p.partition[id]!, qos: p.qos[id]! };
  }

  /**
   * The nodes it runs or ran on, in the order they were given (empty if it never started). For a
   * job started on runs, or one that ended, a new array on every read: loops read it once.
   */
  get nodes(): readonly NodeId[] {
    if (this.runs !== undefined) return this.runs.list(this.runsAt);
    if (this.nodeList !== undefined) return this.nodeList;
    return this.liveRuns.length === 0 ? NO_NODES : expandRuns(this.liveRuns);
  }

  /** The same nodes as runs (core/model/node-runs.ts), without building a list. */
  get nodeRuns(): NodeRuns {
    return this.runs === undefined ? this.liveRuns : this.runs.runs(this.runsAt);
  }

  /** Gives it its nodes at its start (`list`: the same nodes as a list, when the planner made one). */
  setNodes(runs: NodeRuns, list?: readonly NodeId[]): void {
    this.liveRuns = runs;
    this.nodeList = list;
    this.runs = undefined;
    this.runsAt = -1;
  }

  /**
   * Called once the job has ended for good: its node list moves into `store` (a few ints), so
   * that a million ended jobs do not keep a million arrays. `nodes` still gives the same list.
   */
  keepNodesCompact(store: NodeRunStore): void {
    if (this.runs !== undefined || this.liveRuns.length === 0) return;
    this.runsAt = store.addRuns(this.liveRuns);
    this.runs = store;
    this.liveRuns = NO_RUNS;
    this.nodeList = undefined;
  }

  /** A snapshot for outside code, its times on a clock `shift` ms behind the core's (see `Scheduler.job`). */
  view(shift: Millis = 0): JobView {
    if (this.runs !== undefined) return new EndedJobView(this, this.runs, this.runsAt, shift);
    return {
      id: this.id,
      spec: this.spec,
      submitTime: this.submitTime - shift,
      state: this.steps === undefined ? this.state : liveState(this.steps),
      plannedStart: Number.isFinite(this.plannedStart) ? this.plannedStart - shift : NaN,
      startTime: this.startTime - shift,
      endTime: this.endTime - shift,
      nodes: this.nodes,
      pendingReason: this.state === 'Pending' ? this.pendingReason : null,
      waitReason: this.state === 'Pending' ? this.pendingReason : this.lastWaitReason,
      exitCode: this.exitCode,
      timeLimit: this.limit,
      priority: this.priority,
      priorityFactors: this.priorityFactors(),
      requeues: this.requeues,
    };
  }
}

/**
 * Per job id, a priority, whether it came from factors (0: a mandated priority) and the factors
 * (`MultifactorTable`'s outputs). The columns may be replaced as they grow: read them through it.
 */
export interface PriorityOutputs {
  readonly priority: Float64Array;
  readonly factored: Uint8Array;
  readonly age: Float64Array;
  readonly fairShare: Float64Array;
  readonly jobSize: Float64Array;
  readonly partition: Float64Array;
  readonly qos: Float64Array;
}

/** A job with live steps is Configuring until its primary runs, Running, then Completing until its Pod is released. */
function liveState(steps: JobSteps): JobState {
  const s = steps.view().status;
  return s === 'Configuring' || s === 'Running' || s === 'Completing' ? s : 'Running';
}

/**
 * The view of a job that ended for good (nothing in it changes any more). Its node list is
 * expanded from the compact store only when `nodes` is read (a new array on every read), so
 * writers that stream a million views and never read `nodes` never build a million lists;
 * `nodeRuns` gives the stored runs without expanding them.
 * `nodes` is a getter on the prototype: `JSON.stringify` includes it (`toJSON`), but a spread
 * (`{...view}`) does not copy it; copy it by name.
 */
class EndedJobView implements JobView {
  readonly id: JobId;
  readonly spec: JobSpec;
  readonly submitTime: Millis;
  readonly state: JobState;
  readonly plannedStart: Millis;
  readonly startTime: Millis;
  readonly endTime: Millis;
  readonly pendingReason: PendingReason | null;
  readonly waitReason: PendingReason | null;
  readonly exitCode: number;
  readonly timeLimit: Millis;
  readonly priority: number;
  readonly priorityFactors: PriorityFactorsView | null;
  readonly requeues: number;
  readonly #store: NodeRunStore;
  readonly #at: number;

  constructor(job: JobRecord, store: NodeRunStore, at: number, shift: Millis) {
    this.id = job.id;
    this.spec = job.spec;
    this.submitTime = job.submitTime - shift;
    this.state = job.state;
    this.plannedStart = Number.isFinite(job.plannedStart) ? job.plannedStart - shift : NaN;
    this.startTime = job.startTime - shift;
    this.endTime = job.endTime - shift;
    this.pendingReason = job.state === 'Pending' ? job.pendingReason : null;
    this.waitReason = job.state === 'Pending' ? job.pendingReason : job.lastWaitReason;
    this.exitCode = job.exitCode;
    this.timeLimit = job.limit;
    this.priority = job.priority;
    this.priorityFactors = job.priorityFactors();
    this.requeues = job.requeues;
    this.#store = store;
    this.#at = at;
  }

  get nodes(): readonly NodeId[] {
    return this.#store.list(this.#at);
  }

  nodeRuns(): NodeRuns {
    return this.#store.runs(this.#at);
  }

  /** The same JSON as a plain view's. */
  toJSON(): JobView {
    const { id, spec, submitTime, state, plannedStart, startTime, endTime, nodes, pendingReason, waitReason, exitCode, timeLimit, priority, priorityFactors, requeues } = this;
    return { id, spec, submitTime, state, plannedStart, startTime, endTime, nodes, pendingReason, waitReason, exitCode, timeLimit, priority, priorityFactors, requeues };
  }
}
