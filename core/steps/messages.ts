import type { JobId, NodeId } from '../model/ids.js';
import type { Millis } from '../model/time.js';
import type { PodMeta, StepId, StepPayload } from './meta.js';
import type { TerminalStepStatus } from './status.js';

/**
 * What the core asks a runtime to do for a job with steps (`JobSpec.kind` set; docs/container-jobs.md §3).
 * A job with steps gets `CreatePod` where a plain job gets `StartJob`, and the core, not the runtime,
 * decides when it ends (the runtime never kills it by itself at its time limit).
 */
export type StepDecision =
  /**
   * The job holds `allocation[i]` on `nodes[i]` from now until its Pod is released. Set up its
   * daemon step on every node: for a Container job (`pod` set) start the Pod sandbox, then report
   * `PodReady` (or `PodFailed`) per node; with no Pod, report `PodReady` per node at once.
   */
  | {
      readonly type: 'CreatePod';
      readonly jobId: JobId;
      readonly nodes: readonly NodeId[];
      readonly allocation: readonly Float64Array[];
      readonly pod: PodMeta | null;
    }
  /**
   * Run step `stepId` on `nodes`, taking `allocation[i]` on `nodes[i]` out of the job's; its time
   * limit (ms, null: none) runs from now, image pull included, and the core enforces it with a
   * `KillStep`. Report `StepStarted` and then `StepEnded` per node (a prepare failure: only `StepEnded`).
   */
  | {
      readonly type: 'StartStep';
      readonly jobId: JobId;
      readonly stepId: StepId;
      readonly nodes: readonly NodeId[];
      readonly allocation: readonly Float64Array[];
      readonly timeLimit: Millis | null;
      readonly payload: StepPayload;
    }
  /** Stop the step on `nodes` (those that have not reported its end) and report each end with this status and code. */
  | {
      readonly type: 'KillStep';
      readonly jobId: JobId;
      readonly stepId: StepId;
      readonly nodes: readonly NodeId[];
      readonly status: TerminalStepStatus;
      readonly exitCode: number;
    }
  /** Every step has ended: tear the daemon (Pod) down on `nodes`, then report `PodReleased`. */
  | { readonly type: 'ReleasePod'; readonly jobId: JobId; readonly nodes: readonly NodeId[] };

/** What a runtime reports about a job with steps; each maps 1:1 onto a `JobStepEvent`. */
export type StepClusterEvent =
  | { readonly type: 'PodReady'; readonly jobId: JobId; readonly node: NodeId; readonly time: Millis }
  | { readonly type: 'PodFailed'; readonly jobId: JobId; readonly node: NodeId; readonly time: Millis; readonly status: TerminalStepStatus; readonly exitCode: number }
  | { readonly type: 'StepStarted'; readonly jobId: JobId; readonly stepId: StepId; readonly node: NodeId; readonly time: Millis }
  | {
      readonly type: 'StepEnded';
      readonly jobId: JobId;
      readonly stepId: StepId;
      readonly node: NodeId;
      readonly time: Millis;
      readonly status: TerminalStepStatus;
      readonly exitCode: number;
    }
  /** The Pod (daemon step) is torn down on every job node: the job has ended and its allocation is free. */
  | { readonly type: 'PodReleased'; readonly jobId: JobId; readonly time: Millis };

export const STEP_EVENT_TYPES: ReadonlySet<string> = new Set(['PodReady', 'PodFailed', 'StepStarted', 'StepEnded', 'PodReleased']);
