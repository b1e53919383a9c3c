import type { GresAmount } from '../config/gres.js';
import type { JobKind, PodMeta, StepPayload } from '../steps/meta.js';
import type { JobId, NodeId } from './ids.js';
import type { Millis } from './time.js';
import type { NodeRuns } from './node-runs.js';

/**
 * What a job asks for, CraneSched style: `nodeCount` nodes, each with `perNode` resources (the
 * edge folds CraneSched's per-task part, cpus-per-task x tasks-per-node and mem-per-cpu, into the
 * per-node amounts). CPUs are integer milli-CPUs so that fractional CPUs stay exact.
 */
export interface ResourceRequest {
  readonly nodeCount: number;
  readonly perNode: {
    readonly cpuMilli: number;
    readonly memMiB: number;
    /** `--gres` per node: `gpu:a100:2` (typed) or `gpu:2` (any type). */
    readonly gres?: readonly GresAmount[];
  };
  /** `--exclusive`: whole nodes, fully free for the job's whole time. */
  readonly exclusive?: boolean;
  /** `-w`: only these nodes (names). */
  readonly includeNodes?: readonly string[];
  /** `-x`: never these nodes (names). */
  readonly excludeNodes?: readonly string[];
}

/** `-d type:id[+delay]`: `after` fires when the job starts, the others when it ends. */
export type DependencyType = 'after' | 'afterok' | 'afternotok' | 'afterany';

export interface Dependency {
  readonly type: DependencyType;
  /** The job depended on, by its external id. */
  readonly job: string;
  /** Wait this long after the event (ms). */
  readonly delay: Millis;
}

/** `,` between dependencies means all of them (AND); `?` means any (OR). */
export interface Dependencies {
  readonly mode: 'all' | 'any';
  readonly items: readonly Dependency[];
}

/** A job as submitted. The core sees the time limit (the planner's estimate), never a real runtime. */
export interface JobSpec {
  /** The workload's own id (SWF job number, CraneSched job id, ...), kept for output. */
  readonly externalId: string;
  readonly user: string;
  readonly account: string;
  readonly partition: string;
  readonly qos: string;
  readonly request: ResourceRequest;
  /**
   * Time limit in ms. The job is killed when it reaches it; the planner plans with it. Absent:
   * the QoS's `MaxTimeLimitPerJob` (CraneSched's rule).
   */
  readonly timeLimit?: Millis;
  /** `-H`: submitted held; `ccontrol release` frees it. */
  readonly hold?: boolean;
  /** `--begin`: not before this time (ms). */
  readonly beginTime?: Millis;
  /** `--deadline`: a pending job is cancelled at it; a running one is killed at it. */
  readonly deadline?: Millis;
  readonly dependencies?: Dependencies;
  /** `-r`: run only inside this reservation. */
  readonly reservation?: string;
  /** Admin-set priority (`ccontrol update priority=`), used as is when non-zero. */
  readonly mandatedPriority?: number;
  /** Batch jobs may be requeued after a node failure (`--requeue`/`--no-requeue`; default: the cluster's). */
  readonly requeue?: boolean;
  /**
   * CraneSched's job type. Absent: a plain trace job (SWF, scenario), which the runtime runs and
   * ends itself (`StartJob`/`JobEnded`). Present: the job runs CraneSched's step machinery (a
   * daemon/Pod step, a primary, appended steps; core/steps, docs/container-jobs.md): `CreatePod`,
   * `StartStep`, ... and the job ends when its Pod is released. Container jobs are never requeued.
   */
  readonly kind?: JobKind;
  /** Pod metadata: present exactly for a Container job. */
  readonly pod?: PodMeta;
  /** Step 1's payload (with `kind`): `container` is `ccon run`, `script` `cbatch [--pod]`; absent: a script. */
  readonly primary?: StepPayload;
}

/** Job states, named as CraneSched names them. */
export type JobState =
  | 'Pending'
  /** A job with steps (`kind` set): allocated, its Pod and primary being set up. */
  | 'Configuring'
  | 'Running'
  /** A job with steps: its primary has ended; its other steps and its Pod are being torn down. */
  | 'Completing'
  | 'Completed'
  | 'Failed'
  | 'ExceedTimeLimit'
  | 'Cancelled'
  /** The primary step's cgroup OOM counter rose (jobs with steps only). */
  | 'OutOfMemory'
  | 'Deadline';

/** Terminal states a runtime reports when a job ends. */
export type JobOutcome = Exclude<JobState, 'Pending' | 'Configuring' | 'Running' | 'Completing'>;

/**
 * Why a job is still pending: a closed list users see (CraneSched's names, §4.9). `Priority`
 * means resources are promised to jobs ahead of it; `Resource` means they are not there.
 */
export type PendingReason =
  | 'Held'
  | 'BeginTime'
  | 'Dependency'
  | 'DependencyNeverSatisfied'
  | 'Priority'
  | 'Resource'
  | 'Resource Reserved'
  | 'Reservation Not Found'
  | 'Reservation deleted'
  | 'Partition Not Found'
  | 'Preempted'
  | 'Waiting for Preemption'
  | LimitReason;

/**
 * Whether only an outside action (a release, a reservation, a limit change, a node coming back)
 * can lift this reason. Time alone lifts `BeginTime`; a job's own dependencies ending lift
 * `Dependency`; jobs ending lift `Priority`, `Resource`, `Resource Reserved` and `Waiting for
 * Preemption`, unless nodes are missing (down or drained) for good.
 */
export function liftedOnlyFromOutside(reason: PendingReason): boolean {
  switch (reason) {
    case 'BeginTime':
    case 'Dependency':
    case 'Priority':
    case 'Resource':
    case 'Resource Reserved':
    case 'Waiting for Preemption':
      return false;
    default:
      return true;
  }
}

/** Run-limit reasons (§4.4), checked over the user and the whole account chain. */
export type LimitReason =
  | 'QosJobsResourceLimit'
  | 'QosCpuResourceLimit'
  | 'QosMemResourceLimit'
  | 'QosGresResourceLimit'
  | 'QosWallTimeLimit'
  | 'UserPartitionJobsLimit'
  | 'AccPartitionJobsLimit'
  | 'UserPartitionWallTimeLimit'
  | 'AccPartitionWallTimeLimit'
  | 'PartitionCpuResourceLimit'
  | 'PartitionMemResourceLimit'
  | 'PartitionGresResourceLimit';

/** The read-only projection of one job that leaves the core. */
export interface JobView {
  readonly id: JobId;
  readonly spec: JobSpec;
  readonly submitTime: Millis;
  readonly state: JobState;
  /** Planned start (conservative backfill plans ahead); NaN when the job has no plan. */
  readonly plannedStart: Millis;
  readonly startTime: Millis;
  readonly endTime: Millis;
  readonly nodes: readonly NodeId[];
  /**
   * Only on views that keep their node list compactly (jobs that ended for good): `nodes` as runs
   * of consecutive ascending ids, (first id, length) pairs in list order. Read-only; writers use
   * it to avoid expanding long lists.
   */
  nodeRuns?(): NodeRuns;
  readonly pendingReason: PendingReason | null;
  /**
   * Why it last waited: its pending reason when it left the queue (started, or ended while
   * pending), or its current one while it is pending; null if no cycle ever left it waiting.
   */
  readonly waitReason: PendingReason | null;
  readonly exitCode: number;
  /** The time limit in force (the spec's, or the QoS default). */
  readonly timeLimit: Millis;
  /** The priority of the last cycle and its factors (multifactor), for display like `sprio`. */
  readonly priority: number;
  readonly priorityFactors: PriorityFactorsView | null;
  /** Times this job was requeued. */
  readonly requeues: number;
}

/** Multifactor priority factors, each normalized to [0, 1]. */
export interface PriorityFactorsView {
  readonly age: number;
  readonly fairShare: number;
  readonly jobSize: number;
  readonly partition: number;
  readonly qos: number;
}
