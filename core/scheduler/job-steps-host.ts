import type { JobId, NodeId } from '../model/ids.js';
import type { JobOutcome, JobSpec } from '../model/job.js';
import type { Decision, SubmitResult } from '../model/messages.js';
import type { Millis } from '../model/time.js';
import { assertNever } from '../model/assert.js';
import { checkJobShape, JobSteps, type CommonStepSpec, type JobStepEvent, type StepAction, type StepClusterEvent, type StepOrder, type SubmitStepResult } from '../steps/index.js';
import type { JobRecord } from './job-record.js';

/** What the host needs of the scheduler: a way out for decisions and the job's end. */
export interface StepsHostPort {
  emit(decision: Decision): void;
  /** The job's Pod is released: its allocation is free, its outcome is its primary's. */
  ended(job: JobRecord, now: Millis, outcome: JobOutcome, exitCode: number): void;
}

/**
 * Routes jobs with steps (`JobSpec.kind` set) through CraneSched's step machinery (core/steps): one
 * `JobSteps` per allocated job, made at its start (`CreatePod` instead of `StartJob`); runtime
 * reports go to it, its actions become decisions, its `JobEnded` ends the job in the scheduler.
 * The job holds its whole allocation from its start to its `PodReleased`, whatever its steps do.
 * Plain jobs never come here: the batch replay path is untouched. Deterministic: jobs are visited
 * in start order, steps in id order.
 */
export class JobStepsHost {
  /** Jobs with live steps, in start order. */
  private readonly active = new Map<JobId, JobRecord>();
  /** Runtime reports refused by the step machinery (a duplicate, a report from a lost node, a late report). */
  refusedReports = 0;
  /** With a step cycle: jobs whose pending steps wait for the next cycle boundary. */
  private readonly due = new Set<JobRecord>();

  /**
   * `stepCycle` null: a job's pending steps are scheduled at once after every step submission and end
   * (event-driven, the default). A period P (CraneSched's step scheduling loop runs every 100 ms):
   * they are scheduled at the next multiple of P at or after that time, all jobs at once, in start order.
   */
  constructor(
    private readonly dims: number,
    private readonly stepOrder: StepOrder,
    private readonly port: StepsHostPort,
    private readonly stepCycle: Millis | null = null,
  ) {
    if (stepCycle !== null && !(Number.isInteger(stepCycle) && stepCycle > 0)) throw new Error(`JobStepsHost: a step cycle is a whole number of ms > 0, got ${stepCycle}`);
  }

  get size(): number {
    return this.active.size;
  }

  /** The job got its nodes and allocation: its daemon step (Pod) is set up on every node. */
  start(job: JobRecord): void {
    const s = job.spec;
    const steps = new JobSteps(
      {
        kind: s.kind ?? 'Batch',
        user: s.user,
        ...(s.pod === undefined ? {} : { pod: s.pod }),
        primary: s.primary ?? { kind: 'script' },
        timeLimit: Number.isFinite(job.limit) ? job.limit : null,
      },
      job.nodes,
      job.allocation,
      this.dims,
      { stepOrder: this.stepOrder },
    );
    job.steps = steps;
    this.active.set(job.id, job);
    this.port.emit({ type: 'CreatePod', jobId: job.id, nodes: job.nodes, allocation: job.allocation, pod: s.pod ?? null });
  }

  /** A runtime report about a job's Pod or steps; refused reports change nothing and are counted. */
  observe(job: JobRecord, event: StepClusterEvent): void {
    const steps = job.steps;
    if (steps === undefined) {
      this.refusedReports++;
      return;
    }
    const outcome = steps.observe(toStepEvent(event), event.time);
    if (!outcome.ok) {
      this.refusedReports++;
      return;
    }
    this.apply(job, outcome.actions, event.time);
    this.scheduleSteps(job, event.time);
  }

  /** `submitStep` into a running job: `ERR_INVALID_JOB_ID` for a job without live steps. */
  submitStep(job: JobRecord | undefined, spec: CommonStepSpec, now: Millis): SubmitStepResult {
    const steps = job?.steps;
    if (job === undefined || steps === undefined) {
      return { ok: false, code: 'ERR_INVALID_JOB_ID', message: job === undefined ? 'no such job' : `job ${job.id} (${job.spec.externalId}) has no steps (${job.state})` };
    }
    const result = steps.submitStep(spec, now);
    if (result.ok) this.scheduleSteps(job, now);
    return result;
  }

  /**
   * Ends the job (cancel, deadline, preemption): the primary is killed and takes the rest down; before
   * the Pod is ready the job ends without a primary. With `downNode`, the node was lost: every step
   * there ends Failed 326 and so does the job (CraneSched `TerminateJobsOnCraned`).
   */
  kill(job: JobRecord, outcome: JobOutcome, exitCode: number, now: Millis, downNode?: NodeId): void {
    const steps = job.steps;
    if (steps === undefined) return;
    if (downNode !== undefined) {
      const r = steps.observe({ type: 'NodeDown', node: downNode }, now);
      if (r.ok) this.apply(job, r.actions, now);
      job.ending = true;
      return;
    }
    if (job.ending) return;
    job.ending = true;
    const r = steps.killJob({ status: outcome, exitCode });
    if (r.ok) this.apply(job, r.actions, now);
  }

  /** Step time limits due at `now` are enforced, and at a step cycle boundary pending steps scheduled; returns when to look again (Infinity if never). */
  tick(now: Millis): Millis {
    let next = Infinity;
    const period = this.stepCycle;
    if (period !== null && this.due.size > 0) {
      if (now % period === 0) {
        for (const job of [...this.active.values()]) {
          if (this.due.delete(job) && job.steps !== undefined) this.apply(job, job.steps.schedule(now), now);
        }
        this.due.clear();
      } else {
        next = Math.ceil(now / period) * period;
      }
    }
    for (const job of [...this.active.values()]) {
      const steps = job.steps!;
      const due = steps.nextTimeLimit();
      if (due !== null && due <= now) this.apply(job, steps.expireTimeLimits(now), now);
      const after = job.steps?.nextTimeLimit() ?? null;
      if (after !== null) next = Math.min(next, after);
    }
    return next;
  }

  private scheduleSteps(job: JobRecord, now: Millis): void {
    const steps = job.steps;
    if (steps === undefined) return;
    if (this.stepCycle === null) this.apply(job, steps.schedule(now), now);
    else this.due.add(job);
  }

  private apply(job: JobRecord, actions: readonly StepAction[], now: Millis): void {
    const jobId = job.id;
    for (const a of actions) {
      switch (a.type) {
        case 'StartStep':
          this.port.emit({ type: 'StartStep', jobId, stepId: a.stepId, nodes: a.nodes, allocation: a.allocation, timeLimit: a.timeLimit, payload: a.payload });
          break;
        case 'KillStep':
          if (a.nodes.length > 0) this.port.emit({ type: 'KillStep', jobId, stepId: a.stepId, nodes: a.nodes, status: a.end.status, exitCode: a.end.exitCode });
          break;
        case 'ReleaseDaemon':
          this.port.emit({ type: 'ReleasePod', jobId, nodes: a.nodes });
          break;
        case 'JobEnded':
          this.active.delete(jobId);
          job.steps = undefined; // nothing of the job's steps outlives it
          this.port.ended(job, now, a.end.status, a.end.exitCode);
          break;
        case 'StepEnded':
        case 'JobRunning':
          break; // visible in the job's view (`stepsOf`); no runtime work
        default:
          assertNever(a, 'step action');
      }
    }
  }
}

/** A job with steps must have a shape CraneSched can make (a Container job has a Pod, ...); null when it does. */
export function checkStepsJob(spec: JobSpec): Extract<SubmitResult, { ok: false }> | null {
  if (spec.kind === undefined) return null;
  const shape = checkJobShape({ kind: spec.kind, user: spec.user, ...(spec.pod === undefined ? {} : { pod: spec.pod }), primary: spec.primary ?? { kind: 'script' }, timeLimit: null });
  return shape.ok ? null : shape;
}

function toStepEvent(e: StepClusterEvent): JobStepEvent {
  switch (e.type) {
    case 'PodReady':
      return { type: 'DaemonReady', node: e.node };
    case 'PodFailed':
      return { type: 'DaemonFailed', node: e.node, end: { status: e.status, exitCode: e.exitCode } };
    case 'StepStarted':
      return { type: 'StepNodeStarted', stepId: e.stepId, node: e.node };
    case 'StepEnded':
      return { type: 'StepNodeEnded', stepId: e.stepId, node: e.node, end: { status: e.status, exitCode: e.exitCode } };
    case 'PodReleased':
      return { type: 'DaemonReleased' };
    default:
      return assertNever(e, 'step cluster event');
  }
}
