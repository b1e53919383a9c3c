import type { NodeId } from '../model/ids.js';
import type { Millis } from '../model/time.js';
import type { StepEnd } from './exit-codes.js';
import type { StepId, StepPayload } from './meta.js';
import type { StepRejectCode, StepRequest } from './step-pool.js';

/** Scheduling order of a job's pending common steps. */
export type StepOrder =
  /** CraneSched's: strict submission order; a head step that does not fit blocks every later one. */
  | 'fifo'
  /** For experiments: a step that does not fit is passed over and later ones may start (submission order among those that fit). */
  | 'backfill';

/** A common step (2, 3, ...) as submitted into a running job (`ccon run` / `crun` with `CRANE_JOB_ID`). */
export interface CommonStepSpec {
  readonly user: string;
  readonly payload: StepPayload;
  readonly request: StepRequest;
  /** ms; at least 11 s (CraneSched's minimum); absent: bounded only by the job. */
  readonly timeLimit?: Millis;
}

export type SubmitStepResult =
  | { readonly ok: true; readonly stepId: StepId }
  | { readonly ok: false; readonly code: StepRejectCode; readonly message: string };

/**
 * What a runtime reports about a job's steps:
 * - `DaemonReady`: the daemon step is configured on `node` (for a Container job: its Pod sandbox runs);
 * - `DaemonFailed`: it could not be set up there (Pod creation failed, prolog error); `end` says how;
 * - `StepNodeStarted` / `StepNodeEnded`: a step's tasks (its container) started / ended on `node`;
 *   a prepare failure (image pull) is an end while the step is Configuring;
 * - `DaemonReleased`: the daemon (Pod) is torn down on every job node, after `ReleaseDaemon`;
 * - `NodeDown`: `node` was lost (CraneSched `TerminateJobsOnCraned`: Failed, 326).
 */
export type JobStepEvent =
  | { readonly type: 'DaemonReady'; readonly node: NodeId }
  | { readonly type: 'DaemonFailed'; readonly node: NodeId; readonly end: StepEnd }
  | { readonly type: 'StepNodeStarted'; readonly stepId: StepId; readonly node: NodeId }
  | { readonly type: 'StepNodeEnded'; readonly stepId: StepId; readonly node: NodeId; readonly end: StepEnd }
  | { readonly type: 'DaemonReleased' }
  | { readonly type: 'NodeDown'; readonly node: NodeId };

/**
 * What the step machinery asks the runtime to do, or tells it happened:
 * - `StartStep`: run the step on `nodes`, taking `allocation[i]` on `nodes[i]`; its time limit (ms,
 *   null none) runs from now, image pull included; report `StepNodeStarted`/`StepNodeEnded` per node;
 * - `KillStep`: stop the step on `nodes` (those that have not ended) and report each node's end as
 *   `end` (a container gets CraneSched's 10 s stop grace);
 * - `StepEnded`: the step reached its terminal status (exactly once per step; no runtime work);
 * - `JobRunning`: the primary runs, so the job is Running;
 * - `ReleaseDaemon`: tear down the daemon step on `nodes` (a Container job's Pods); report `DaemonReleased`;
 * - `JobEnded`: the job's terminal status and exit code (its primary's, or the daemon's if no primary ran).
 */
export type StepAction =
  | {
      readonly type: 'StartStep';
      readonly stepId: StepId;
      readonly nodes: readonly NodeId[];
      readonly allocation: readonly Float64Array[];
      readonly timeLimit: Millis | null;
      readonly payload: StepPayload;
    }
  | { readonly type: 'KillStep'; readonly stepId: StepId; readonly nodes: readonly NodeId[]; readonly end: StepEnd }
  | { readonly type: 'StepEnded'; readonly stepId: StepId; readonly end: StepEnd }
  | { readonly type: 'JobRunning' }
  | { readonly type: 'ReleaseDaemon'; readonly nodes: readonly NodeId[] }
  | { readonly type: 'JobEnded'; readonly end: StepEnd };

/** An event's result: the actions it caused, or why it was refused (a duplicate or stray report). */
export type StepOutcome = { readonly ok: true; readonly actions: readonly StepAction[] } | { readonly ok: false; readonly message: string };
