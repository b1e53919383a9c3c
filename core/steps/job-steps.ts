import { assertNever } from '../model/assert.js';
import type { NodeId } from '../model/ids.js';
import type { Millis } from '../model/time.js';
import type { CommonStepSpec, JobStepEvent, StepAction, StepOrder, StepOutcome, SubmitStepResult } from './actions.js';
import { checkAppendedPayload, checkJobShape, primaryPlacement, type JobStepsSpec } from './entry-points.js';
import { CRANE_EXIT, type StepEnd } from './exit-codes.js';
import { FIRST_COMMON_STEP_ID, makeStepId, PRIMARY_STEP_ID, type StepId } from './meta.js';
import { aggregateNodeEnds, isTerminal, type JobStepsStatus } from './status.js';
import { limitEndsAt, newStep, stepTransition, type StepEvent, type StepRecord } from './step-machine.js';
import { StepPool, type StepPlacement } from './step-pool.js';

/** CraneSched's minimum time limit of a job or step (`kJobMinTimeLimitSec` = 11 s). */
export const MIN_STEP_TIME_LIMIT: Millis = 11_000;
/** The end CraneSched gives a step cancelled by the user or by its primary's end. */
export const CANCELLED: StepEnd = { status: 'Cancelled', exitCode: CRANE_EXIT.Terminated };
/** A step killed by its time limit (pull time included). */
export const TIME_LIMIT_END: StepEnd = { status: 'ExceedTimeLimit', exitCode: CRANE_EXIT.ExceedTimeLimit };
/** Every job on a lost node (`TerminateJobsOnCraned`). */
export const NODE_DOWN_END: StepEnd = { status: 'Failed', exitCode: CRANE_EXIT.CranedDown };

export type DaemonStatus = 'Configuring' | 'Running' | 'Releasing' | 'Released';

export interface JobStepsOptions {
  /** Pending common step order; default CraneSched's `fifo`. */
  readonly stepOrder?: StepOrder;
}

/** Read-only projection of a job's steps. */
export interface JobStepsView {
  readonly status: JobStepsStatus;
  readonly daemon: DaemonStatus;
  /** Primary and common steps in id order. */
  readonly steps: readonly StepRecord[];
  /** Set exactly when the job is terminal. */
  readonly end: StepEnd | null;
}

/**
 * One allocated job's steps: the daemon (Pod) step 0, the primary step 1, common steps 2+, the step
 * pool, and CraneSched's rules tying them together (§2.3-2.8). Made when the job gets its nodes
 * (status Configuring, daemon configuring on every node). Deterministic: no clock (time is an
 * argument), no randomness, iteration in step-id order. Mutable inside for speed; `view()` is the
 * read-only surface. Every method returns the actions the runtime must carry out, in order.
 */
export class JobSteps {
  readonly spec: JobStepsSpec;
  readonly nodes: readonly NodeId[];
  readonly order: StepOrder;
  private readonly pool: StepPool;
  private readonly allocation: readonly Float64Array[];
  private status: JobStepsStatus = 'Configuring';
  private daemon: DaemonStatus = 'Configuring';
  private readonly daemonReady = new Set<NodeId>();
  /** Why the job ends without a primary (Pod failure, cancel while configuring, node down). */
  private daemonEnd: StepEnd | null = null;
  private readonly steps = new Map<number, StepRecord>();
  private readonly held = new Map<number, StepPlacement>();
  private pending: StepId[] = [];
  private readonly requests = new Map<number, CommonStepSpec>();
  private nextId: number = FIRST_COMMON_STEP_ID;
  /** The primary has ended or is ending: common steps were cancelled and no more are accepted. */
  private winding = false;
  private end: StepEnd | null = null;

  constructor(spec: JobStepsSpec, nodes: readonly NodeId[], allocation: readonly Float64Array[], dims: number, options: JobStepsOptions = {}) {
    const shape = checkJobShape(spec);
    if (!shape.ok) throw new Error(`JobSteps: ${shape.code}: ${shape.message}`);
    this.spec = spec;
    this.nodes = [...nodes];
    this.allocation = allocation;
    this.pool = new StepPool(nodes, allocation, dims);
    this.order = options.stepOrder ?? 'fifo';
  }

  view(): JobStepsView {
    return { status: this.status, daemon: this.daemon, steps: [...this.steps.values()], end: this.end };
  }

  step(id: StepId): StepRecord | undefined {
    return this.steps.get(id);
  }

  /** What is free for steps on `node` (a copy). */
  freeOn(node: NodeId): Float64Array {
    return this.pool.freeOn(node);
  }

  /** The job's whole allocation on `node` (a copy). */
  totalOn(node: NodeId): Float64Array {
    return this.pool.totalOn(node);
  }

  /**
   * A common step submitted into the job, checked as CraneSched's `CheckStepValidity` does, in this
   * order: the job is Configuring or Running (`ERR_INVALID_JOB_ID`), same user
   * (`ERR_PERMISSION_DENIED`), a container step needs a Container job (`ERR_INVALID_PARAM`), CPU and
   * memory non-zero (`ERR_INVALID_PARAM`), a time limit of at least 11 s (`ERR_TIME_TIMIT_BEYOND`),
   * then the pool check against the job's total (`ERR_STEP_RES_BEYOND`, `ERR_NO_ENOUGH_NODE`).
   * An accepted step is Pending; `schedule` starts it.
   */
  submitStep(s: CommonStepSpec, now: Millis): SubmitStepResult {
    if (this.winding || (this.status !== 'Configuring' && this.status !== 'Running') || this.daemonEnd !== null) {
      return { ok: false, code: 'ERR_INVALID_JOB_ID', message: `the job is ${this.status}${this.winding ? ' (its primary has ended)' : ''}; steps go only into a Configuring or Running job` };
    }
    if (s.user !== this.spec.user) return { ok: false, code: 'ERR_PERMISSION_DENIED', message: `user ${s.user} cannot add a step to ${this.spec.user}'s job` };
    const payload = checkAppendedPayload(this.spec.kind, s.payload);
    if (!payload.ok) return payload;
    if (s.request.perNode.vec[0]! <= 0 || s.request.perNode.vec[1]! <= 0) {
      return { ok: false, code: 'ERR_INVALID_PARAM', message: `a step needs non-zero CPU and memory (got ${s.request.perNode.vec[0]} milli-CPU, ${s.request.perNode.vec[1]} MiB)` };
    }
    if (s.timeLimit !== undefined && s.timeLimit < MIN_STEP_TIME_LIMIT) {
      return { ok: false, code: 'ERR_TIME_TIMIT_BEYOND', message: `step time limit ${s.timeLimit} ms is under the minimum ${MIN_STEP_TIME_LIMIT} ms` };
    }
    const fit = this.pool.check(s.request);
    if (!fit.ok) return fit;
    const id = makeStepId(this.nextId++);
    this.steps.set(id, newStep(id, 'common', s.payload, now, s.timeLimit ?? null));
    this.requests.set(id, s);
    this.pending.push(id);
    return { ok: true, stepId: id };
  }
  /**
   * CraneSched's step cycle for this job: once the Pod is ready and while the primary runs, pending
   * common steps get nodes from the free pool in submission order. Under `fifo` the first step that
   * does not fit stops the pass (head-of-line blocking); under `backfill` it is passed over.
   */
  schedule(now: Millis): StepAction[] {
    const actions: StepAction[] = [];
    if (this.daemon !== 'Running' || this.winding) return actions;
    const left: StepId[] = [];
    let blocked = false;
    for (const id of this.pending) {
      const place = blocked ? undefined : this.pool.place(this.requests.get(id)!.request);
      if (place === undefined) {
        left.push(id);
        if (this.order === 'fifo') blocked = true;
        continue;
      }
      this.pool.take(place);
      this.held.set(id, place);
      const step = this.apply(this.steps.get(id)!, { type: 'Schedule', nodes: place.nodes, time: now });
      actions.push({ type: 'StartStep', stepId: id, nodes: place.nodes, allocation: place.allocation, timeLimit: step.timeLimit, payload: step.payload });
    }
    this.pending = left;
    return actions;
  }

  /** A runtime report. Stray or duplicate reports are refused as values and change nothing. */
  observe(event: JobStepEvent, now: Millis): StepOutcome {
    if (isTerminal(this.status)) return { ok: false, message: `job has ended (${this.status}); ${event.type} refused` };
    const actions: StepAction[] = [];
    switch (event.type) {
      case 'DaemonReady': {
        if (this.daemon !== 'Configuring') return { ok: false, message: `DaemonReady on node ${event.node} while the daemon is ${this.daemon}` };
        if (!this.nodes.includes(event.node) || this.daemonReady.has(event.node)) return { ok: false, message: `DaemonReady: node ${event.node} is not a job node or already reported` };
        this.daemonReady.add(event.node);
        if (this.daemonReady.size === this.nodes.length) {
          this.daemon = 'Running';
          this.startPrimary(now, actions);
        }
        return { ok: true, actions };
      }
      case 'DaemonFailed': {
        if (this.daemon !== 'Configuring') return { ok: false, message: `DaemonFailed on node ${event.node} while the daemon is ${this.daemon}; a lost node is NodeDown` };
        if (!this.nodes.includes(event.node)) return { ok: false, message: `DaemonFailed: node ${event.node} is not a job node` };
        this.failWithoutPrimary(event.end, actions);
        return { ok: true, actions };
      }
      case 'StepNodeStarted':
      case 'StepNodeEnded': {
        const step = this.steps.get(event.stepId);
        if (step === undefined) return { ok: false, message: `${event.type}: no step ${event.stepId}` };
        const next = stepTransition(step, event.type === 'StepNodeStarted' ? { type: 'NodeStarted', node: event.node } : { type: 'NodeEnded', node: event.node, end: event.end });
        if (!next.ok) return next;
        this.record(step, next.step, actions);
        return { ok: true, actions };
      }
      case 'DaemonReleased': {
        if (this.daemon !== 'Releasing') return { ok: false, message: `DaemonReleased while the daemon is ${this.daemon}` };
        this.daemon = 'Released';
        const primary = this.steps.get(PRIMARY_STEP_ID);
        const end = primary?.end ?? this.daemonEnd;
        if (end === null) throw new Error('JobSteps: released a daemon with neither a primary end nor a daemon end');
        this.end = end;
        this.status = end.status;
        actions.push({ type: 'JobEnded', end });
        return { ok: true, actions };
      }
      case 'NodeDown': {
        if (!this.nodes.includes(event.node)) return { ok: false, message: `NodeDown: node ${event.node} is not a job node` };
        for (const step of [...this.steps.values()]) {
          if (step.nodes.includes(event.node) && !isTerminal(step.status) && !step.nodeEnds.some((e) => e.node === event.node)) {
            this.apply(step, { type: 'NodeEnded', node: event.node, end: NODE_DOWN_END }, actions);
          }
        }
        this.killJobInto(NODE_DOWN_END, actions);
        return { ok: true, actions };
      }
      default:
        return assertNever(event, 'job step event');
    }
  }

  /**
   * `ccancel JOB.STEP` / `ccon stop`: a Pending step ends Cancelled at once; a placed one is killed.
   * Cancelling the primary ends the job (as `killJob`); step 0 cannot be cancelled.
   */
  cancelStep(id: StepId): StepOutcome {
    if (id === PRIMARY_STEP_ID) return this.killJob(CANCELLED);
    const step = this.steps.get(id);
    if (step === undefined) return { ok: false, message: `no step ${id} (step 0 is the daemon and cannot be cancelled)` };
    if (isTerminal(step.status)) return { ok: false, message: `step ${id} has ended (${step.status})` };
    const actions: StepAction[] = [];
    this.killStepInto(step, CANCELLED, actions);
    return { ok: true, actions };
  }

  /**
   * End the job with `end` (`ccancel JOB`: Cancelled 320; `--deadline`: Deadline 330): before the Pod
   * is ready, the daemon is released and no primary runs; otherwise the primary is killed and its
   * end takes the rest of the job down.
   */
  killJob(end: StepEnd): StepOutcome {
    if (isTerminal(this.status)) return { ok: false, message: `job has ended (${this.status})` };
    const actions: StepAction[] = [];
    this.killJobInto(end, actions);
    return { ok: true, actions };
  }

  /** Kills every placed step whose time limit (from its Configuring start, pull included) is at or before `now`. */
  expireTimeLimits(now: Millis): StepAction[] {
    const actions: StepAction[] = [];
    for (const step of [...this.steps.values()]) {
      const current = this.steps.get(step.id)!;
      const at = limitEndsAt(current);
      if (at !== null && at <= now && !isTerminal(current.status) && current.killedWith === null) this.killStepInto(current, TIME_LIMIT_END, actions);
    }
    return actions;
  }

  /** The earliest pending time-limit expiry, for a `WakeAt`; null if none. */
  nextTimeLimit(): Millis | null {
    let best: Millis | null = null;
    for (const step of this.steps.values()) {
      const at = limitEndsAt(step);
      if (at !== null && !isTerminal(step.status) && step.killedWith === null && (best === null || at < best)) best = at;
    }
    return best;
  }

  private startPrimary(now: Millis, actions: StepAction[]): void {
    const place = primaryPlacement(this.spec.primary, this.nodes, this.allocation, this.pool.dims);
    const fresh = newStep(PRIMARY_STEP_ID, 'primary', this.spec.primary, now, this.spec.timeLimit);
    this.steps.set(PRIMARY_STEP_ID, fresh);
    if (place.consumesPool) {
      this.pool.take(place);
      this.held.set(PRIMARY_STEP_ID, place);
    }
    this.apply(fresh, { type: 'Schedule', nodes: place.nodes, time: now });
    actions.push({ type: 'StartStep', stepId: PRIMARY_STEP_ID, nodes: place.nodes, allocation: place.allocation, timeLimit: this.spec.timeLimit, payload: this.spec.primary });
  }

  private killJobInto(end: StepEnd, actions: StepAction[]): void {
    const primary = this.steps.get(PRIMARY_STEP_ID);
    if (primary === undefined) {
      if (this.daemonEnd === null) this.failWithoutPrimary(end, actions);
      return;
    }
    if (!isTerminal(primary.status)) this.killStepInto(primary, end, actions);
  }

  private failWithoutPrimary(end: StepEnd, actions: StepAction[]): void {
    this.daemonEnd = this.daemonEnd === null ? end : aggregateNodeEnds([this.daemonEnd, end]);
    this.windDown(actions);
    this.maybeRelease(actions);
  }

  /** Kills a step: the `KillStep` goes out before the consequences (the primary's kill cascades to the other steps). */
  private killStepInto(step: StepRecord, end: StepEnd, actions: StepAction[]): void {
    if (step.status === 'Pending') this.pending = this.pending.filter((id) => id !== step.id);
    else if (step.killedWith === null) {
      const nodes = step.nodes.filter((n) => !step.nodeEnds.some((e) => e.node === n));
      actions.push({ type: 'KillStep', stepId: step.id, nodes, end });
    }
    this.apply(step, { type: 'Kill', end }, actions);
  }

  /** Applies a step event that must be valid (a bug otherwise) and records the result. */
  private apply(step: StepRecord, event: StepEvent, actions: StepAction[] = []): StepRecord {
    const next = stepTransition(step, event);
    if (!next.ok) throw new Error(`JobSteps: ${next.message}`);
    this.record(step, next.step, actions);
    return next.step;
  }

  /** Stores a transition and applies the job-level rules it triggers. */
  private record(before: StepRecord, step: StepRecord, actions: StepAction[]): void {
    this.steps.set(step.id, step);
    if (isTerminal(step.status)) {
      const place = this.held.get(step.id);
      if (place !== undefined) {
        this.pool.give(place);
        this.held.delete(step.id);
      }
      this.requests.delete(step.id);
      actions.push({ type: 'StepEnded', stepId: step.id, end: step.end! });
    }
    if (step.role === 'primary') {
      if (before.status === 'Configuring' && step.status === 'Running' && this.status === 'Configuring') {
        this.status = 'Running';
        actions.push({ type: 'JobRunning' });
      }
      if (step.status === 'Completing' || isTerminal(step.status)) this.windDown(actions);
    }
    this.maybeRelease(actions);
  }

  /**
   * The primary is ending (or the job ends without one): every pending common step is cancelled at
   * once and every placed one is killed (CraneSched, §2.4); no step is accepted any more.
   */
  private windDown(actions: StepAction[]): void {
    if (this.winding) return;
    this.winding = true;
    this.status = 'Completing';
    for (const id of this.pending) {
      const step = this.steps.get(id)!;
      this.apply(step, { type: 'Kill', end: CANCELLED }, actions);
    }
    this.pending = [];
    for (const step of [...this.steps.values()]) {
      const current = this.steps.get(step.id)!;
      if (current.role === 'common' && !isTerminal(current.status) && current.killedWith === null) this.killStepInto(current, CANCELLED, actions);
    }
  }

  /** Once the primary (or the daemon's failure) and every common step have ended, the Pod is torn down. */
  private maybeRelease(actions: StepAction[]): void {
    if (!this.winding || this.daemon === 'Releasing' || this.daemon === 'Released') return;
    for (const step of this.steps.values()) if (!isTerminal(step.status)) return;
    if (this.steps.get(PRIMARY_STEP_ID) === undefined && this.daemonEnd === null) return;
    this.daemon = 'Releasing';
    actions.push({ type: 'ReleaseDaemon', nodes: this.nodes });
  }
}
