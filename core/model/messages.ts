import type { AccountAcl } from '../config/cluster-types.js';
import type { PartitionLimitsPatch } from '../config/limits.js';
import type { QosPatch } from '../config/qos.js';
import type { JobId, NodeId } from './ids.js';
import type { StepClusterEvent, StepDecision } from '../steps/messages.js';
import type { JobOutcome } from './job.js';
import type { Millis } from './time.js';
import type { NodeRuns } from './node-runs.js';

/** What the core asks a runtime to do. Decisions are data; the runtime carries them out. */
export type Decision =
  /**
   * Start the job on these nodes, given as runs (node-runs.ts; `expandRuns` makes the list),
   * taking `allocation[i]` on the i-th node (a vector in the cluster's resource layout: CPU milli,
   * memory MiB, then GRES); the runtime kills it after `timeLimit` ms.
   */
  | {
      readonly type: 'StartJob';
      readonly jobId: JobId;
      readonly nodes: NodeRuns;
      readonly allocation: readonly Float64Array[];
      readonly timeLimit: Millis;
    }
  /** End a running job now (deadline, cancellation, node failure); the runtime reports the end. */
  | { readonly type: 'KillJob'; readonly jobId: JobId; readonly outcome: JobOutcome; readonly exitCode: number }
  /** Call `schedule` again at `time` (the core never sets a timer). */
  | { readonly type: 'WakeAt'; readonly time: Millis }
  /** Jobs with steps (container jobs): CreatePod, StartStep, KillStep, ReleasePod (core/steps/messages.ts). */
  | StepDecision;

/** What happened in the cluster, reported to the core by a runtime. */
export type ClusterEvent =
  | { readonly type: 'JobStarted'; readonly jobId: JobId; readonly time: Millis }
  | {
      readonly type: 'JobEnded';
      readonly jobId: JobId;
      readonly time: Millis;
      readonly outcome: JobOutcome;
      readonly exitCode: number;
    }
  /** Jobs with steps: PodReady, PodFailed, StepStarted, StepEnded, PodReleased (core/steps/messages.ts). */
  | StepClusterEvent;

/** Submission outcome: accepted with an id, or rejected with a CraneSched error name. */
export type SubmitResult =
  | { readonly ok: true; readonly jobId: JobId }
  | { readonly ok: false; readonly code: RejectCode; readonly message: string };

/** CraneSched's error names (proto `ErrCode`); the spelling `TIMIT` is CraneSched's own. */
export type RejectCode =
  | 'ERR_INVALID_PARAM'
  | 'ERR_INVALID_PARTITION'
  | 'ERR_NO_ENOUGH_NODE'
  | 'ERR_NO_RESOURCE'
  | 'ERR_TIME_TIMIT_BEYOND'
  | 'ERR_NOT_IN_ALLOWED_LIST'
  | 'ERR_IN_DENIED_LIST'
  | 'ERR_INVALID_USER'
  | 'ERR_INVALID_ACCOUNT'
  /** `-A` names an account the user does not belong to (CraneSched `SubmitJobToScheduler`). */
  | 'ERR_USER_ACCOUNT_MISMATCH'
  | 'ERR_USER_NO_PRIVILEGE'
  | 'ERR_BLOCKED_ACCOUNT'
  | 'ERR_BLOCKED_USER'
  | 'ERR_PARTITION_MISSING'
  | 'ERR_HAS_NO_QOS_IN_PARTITION'
  | 'ERR_HAS_ALLOWED_QOS_IN_PARTITION'
  | 'ERR_INVALID_QOS'
  | 'ERR_MAX_JOB_COUNT_PER_USER'
  | 'ERR_MAX_JOB_COUNT_PER_ACCOUNT'
  | 'ERR_QOS_JOB_COUNT_EXCEEDED'
  | 'ERR_CPUS_PER_TASK_BEYOND'
  | 'ERR_TRES_PER_JOB_BEYOND'
  | 'ERR_MAX_TRES_PER_USER_BEYOND'
  | 'ERR_MAX_TRES_PER_ACCOUNT_BEYOND'
  | 'ERR_PARTITION_TRES_PER_JOB_BEYOND'
  | 'ERR_PARTITION_TIME_BEYOND'
  | 'ERR_PARTITION_MAX_SUBMIT_JOBS_PER_USER'
  | 'ERR_PARTITION_MAX_SUBMIT_JOBS_PER_ACCOUNT'
  | 'ERR_INVALID_RESERVATION'
  /** `-r` names no existing reservation. */
  | 'ERR_NON_EXISTENT'
  | 'ERR_PENDING_QUEUE_FULL'
  /** A step asks for more than its job's whole allocation (CraneSched `CheckStepValidity`). */
  | 'ERR_STEP_RES_BEYOND'
  /** A step submitted into a job that is not Configuring or Running, or has no steps. */
  | 'ERR_INVALID_JOB_ID'
  /** A step from another user than the job's. */
  | 'ERR_PERMISSION_DENIED';

/** An admin command (`ccontrol`), applied at a given time. */
export type AdminCommand =
  | { readonly type: 'HoldJob'; readonly jobId: JobId }
  | { readonly type: 'ReleaseJob'; readonly jobId: JobId }
  | { readonly type: 'CancelJob'; readonly jobId: JobId }
  | { readonly type: 'SetNodeState'; readonly node: string; readonly state: 'down' | 'up' | 'drain' | 'resume' }
  | CreateReservationCommand
  /** `ccontrol delete reservation NAME`: refused while jobs run inside it. */
  | { readonly type: 'DeleteReservation'; readonly name: string }
  /**
   * `ccontrol update partitionName=P accounts=… | deniedaccounts=…`: the partition's account ACL
   * from now on. It is a submit-time check (CRANESCHED.md §4.2), so queued and running jobs keep
   * their place; new submissions are checked against it.
   */
  | { readonly type: 'ModifyPartition'; readonly partition: string; readonly acl: AccountAcl }
  | AccountsCommand;

/**
 * `cacctmgr` changes to QoS, accounts and users, carried out by the accounts policy. They apply to
 * submissions and scheduling from then on; running jobs keep running (a tightened limit holds
 * pending jobs back, it kills nothing). `null` in a patch removes a limit.
 */
export type AccountsCommand =
  /** `cacctmgr modify qos where Name=Q set Priority= MaxJobsPerUser= ...`. */
  | { readonly type: 'ModifyQos'; readonly qos: string; readonly set: QosPatch }
  /** `cacctmgr block|unblock account A`, `cacctmgr modify account A Partition=P set Max...=`. */
  | { readonly type: 'ModifyAccount'; readonly account: string; readonly blocked?: boolean; readonly partitionLimits?: Readonly<Record<string, PartitionLimitsPatch>> }
  /** The same for a user within one of its accounts (`cacctmgr block|modify user U Account=A ...`). */
  | {
      readonly type: 'ModifyUser';
      readonly user: string;
      readonly account: string;
      readonly blocked?: boolean;
      readonly partitionLimits?: Readonly<Record<string, PartitionLimitsPatch>>;
    };

/**
 * `ccontrol create reservation NAME startTime= duration= [partition=] [nodes=] [nodeCnt=]
 * [account=a,b | -a,-b] [user=u | -u]`: whole nodes over [start, end) (ms). With no `nodes`, the
 * partition's nodes (all of them, or the first `nodeCount` that qualify). Allow and deny lists
 * of one kind cannot be mixed.
 */
export interface CreateReservationCommand {
  readonly type: 'CreateReservation';
  readonly name: string;
  readonly start: Millis;
  readonly end: Millis;
  readonly partition?: string;
  readonly nodes: readonly string[];
  readonly nodeCount?: number;
  readonly allowedAccounts?: readonly string[];
  readonly deniedAccounts?: readonly string[];
  readonly allowedUsers?: readonly string[];
  readonly deniedUsers?: readonly string[];
}

export type AdminResult = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };
