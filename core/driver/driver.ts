import type { JobSpec } from '../model/job.js';
import type { AdminCommand, AdminResult, ClusterEvent, Decision, SubmitResult } from '../model/messages.js';
import type { Millis } from '../model/time.js';
import { assertNever } from '../model/assert.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { CommonStepSpec, StepDecision, SubmitStepResult } from '../steps/index.js';
import type { JobId } from '../model/ids.js';

/** What a runtime (simulated or real) must do with the core's decisions. */
export interface RuntimePort {
  /** Start the job on these nodes. The simulated cluster does it after this instant's ends. */
  startJob(decision: Extract<Decision, { type: 'StartJob' }>, now: Millis): void;
  /** End a running job now with this outcome; the runtime then reports the end. */
  killJob(decision: Extract<Decision, { type: 'KillJob' }>, now: Millis): void;
  /**
   * Call the driver's `wake` at `time` (>= now; `now` means after everything else due at this
   * instant). Repeated requests for one time may be merged.
   */
  wakeAt(time: Millis, now: Millis): void;
  /**
   * Jobs with steps (container jobs): CreatePod, StartStep, KillStep, ReleasePod. A runtime that
   * runs only plain jobs may leave it out; a job with steps then fails loudly.
   */
  steps?(decision: StepDecision, now: Millis): void;
}

/**
 * The driver shared by both runtimes: it feeds what happened to the core, runs a scheduling cycle
 * after every submission and every termination (the reference order), and hands the decisions to
 * the runtime. Because both worlds go through it, one event sequence yields one decision sequence.
 */
export class Driver {
  constructor(
    readonly scheduler: Scheduler,
    private readonly runtime: RuntimePort,
  ) {}

  /**
   * A submission, then a cycle if it was accepted. `accepted` learns the job's id before that
   * cycle runs, so a runtime that starts jobs at once knows the job it is told to start.
   */
  submit(spec: JobSpec, now: Millis, accepted?: (jobId: JobId) => void): SubmitResult {
    const result = this.scheduler.submit(spec, now);
    if (result.ok) {
      accepted?.(result.jobId);
      this.cycle(now);
    }
    return result;
  }

  /** What happened, then a cycle (not after a start); `observed` runs between the two. */
  observe(event: ClusterEvent, observed?: () => void): void {
    this.scheduler.observe(event);
    observed?.();
    if (event.type !== 'JobStarted') this.cycle(event.time);
  }

  /** A step submitted into a running job with steps, then a cycle (which starts it if it fits). */
  submitStep(jobId: JobId, spec: CommonStepSpec, now: Millis): SubmitStepResult {
    const result = this.scheduler.submitStep(jobId, spec, now);
    this.cycle(now);
    return result;
  }

  /** An admin command (`ccontrol`), then a cycle. */
  admin(command: AdminCommand, now: Millis): AdminResult {
    const result = this.scheduler.admin(command, now);
    this.cycle(now);
    return result;
  }

  /** A requested wake-up: start what is due; no policy pass unless something changed. */
  wake(now: Millis): void {
    this.cycle(now);
  }

  private cycle(now: Millis): void {
    for (const d of this.scheduler.schedule(now)) {
      switch (d.type) {
        case 'StartJob':
          this.runtime.startJob(d, now);
          break;
        case 'KillJob':
          this.runtime.killJob(d, now);
          break;
        case 'WakeAt':
          this.runtime.wakeAt(d.time, now);
          break;
        case 'CreatePod':
        case 'StartStep':
        case 'KillStep':
        case 'ReleasePod':
          if (this.runtime.steps === undefined) throw new Error(`this runtime cannot run jobs with steps (${d.type} for job ${d.jobId})`);
          this.runtime.steps(d, now);
          break;
        default:
          assertNever(d, 'decision');
      }
    }
  }
}
