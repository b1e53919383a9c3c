import type { JobId, NodeId } from './ids.js';
import type { JobOutcome } from './job.js';
import type { Millis } from './time.js';

/** What the core asks a runtime to do. Decisions are data; the runtime carries them out. */
export type Decision =
  | { readonly type: 'StartJob'; readonly jobId: JobId; readonly nodes: readonly NodeId[] }
  /** Call `schedule` again at `time` (the core never sets a timer). */
  | { readonly type: 'WakeAt'; readonly time: Millis };

/** What happened in the cluster, reported to the core by a runtime. */
export type ClusterEvent =
  | { readonly type: 'JobStarted'; readonly jobId: JobId; readonly time: Millis }
  | {
      readonly type: 'JobEnded';
      readonly jobId: JobId;
      readonly time: Millis;
      readonly outcome: JobOutcome;
      readonly exitCode: number;
    };

/** Submission outcome: accepted with an id, or rejected with a CraneSched error name. */
export type SubmitResult =
  | { readonly ok: true; readonly jobId: JobId }
  | { readonly ok: false; readonly code: RejectCode; readonly message: string };

export type RejectCode = 'ERR_NO_ENOUGH_NODE' | 'ERR_INVALID_PARAM' | 'ERR_TIME_TIMIT_BEYOND';
