import type { Millis } from '../model/time.js';
import type { GresAmount } from './gres.js';

/**
 * The validated cluster file, modelled on CraneSched's `config.yaml` (scheduling keys only).
 * Names in comments are the YAML keys. Memory is in MiB, CPUs in milli-CPUs, times in ms.
 */
export interface ClusterConfig {
  /** `ClusterName`, or null. */
  readonly clusterName: string | null;
  /** `Nodes`, hostlists expanded, in the order written (the node table's order). */
  readonly nodes: readonly NodeConfig[];
  /** `Partitions`, in the order written. */
  readonly partitions: readonly PartitionConfig[];
  /** `DefaultPartition`: used when a job names none; null if not set. */
  readonly defaultPartition: string | null;
  readonly priority: PriorityConfig;
  /** `ScheduledBatchSize` (default 100000, capped at 200000): jobs considered per cycle. */
  readonly scheduledBatchSize: number;
  /** `PendingQueueMaxSize` (default and cap 900000). */
  readonly pendingQueueMaxSize: number;
  /** `RejectJobsBeyondCapacity` (default false): reject submissions beyond `pendingQueueMaxSize`. */
  readonly rejectJobsBeyondCapacity: boolean;
  readonly preempt: PreemptConfig;
  /** `CraneCtld.JobRequeue` / `CraneCtld.MaxRequeueCount`. */
  readonly requeue: RequeueConfig;
}

/** One node (`Nodes[].name` expanded): its static resources. */
export interface NodeConfig {
  readonly name: string;
  /** `cpu`: milli-CPUs (fractional CPUs are a CraneLab extension; CraneSched truncates). */
  readonly cpuMilli: number;
  /** `memory`: MiB. */
  readonly memMiB: number;
  /** `gres`: slots per name and type, sorted. */
  readonly gres: readonly GresAmount[];
}

/** Who may submit to a partition: `AllowedAccounts` or `DeniedAccounts` (the direct account only). */
export type AccountAcl =
  | { readonly kind: 'all' }
  | { readonly kind: 'allow'; readonly accounts: readonly string[] }
  | { readonly kind: 'deny'; readonly accounts: readonly string[] };

export interface PartitionConfig {
  readonly name: string;
  /** `nodes`: node names in node-table order (`ALL` is every node). */
  readonly nodes: readonly string[];
  /** `priority` (default 0): the multifactor partition factor. */
  readonly priority: number;
  readonly acl: AccountAcl;
  readonly memory: PartitionMemory;
}

/**
 * Memory defaults and maxima of a partition, in MiB; 0 means not set. When neither
 * `DefaultMemPerCpu` nor `DefaultMemPerNode` is set, CraneSched computes the per-CPU default as the
 * partition's total memory divided by its total CPUs; `defaultPerCpuMiB` holds that value and
 * `defaultFrom` says `auto`.
 */
export interface PartitionMemory {
  readonly defaultPerCpuMiB: number;
  readonly defaultPerNodeMiB: number;
  readonly maxPerCpuMiB: number;
  readonly maxPerNodeMiB: number;
  readonly defaultFrom: 'DefaultMemPerCpu' | 'DefaultMemPerNode' | 'auto';
}

export type PriorityType = 'priority/basic' | 'priority/multifactor';

export interface PriorityConfig {
  /** `PriorityType` (default `priority/basic`: FIFO by job id). */
  readonly type: PriorityType;
  /** `PriorityFavorSmall` (default true): the job-size factor becomes 1 - size. */
  readonly favorSmall: boolean;
  /** `PriorityMaxAge` (default and cap 7 days), ms. */
  readonly maxAge: Millis;
  readonly weights: PriorityWeights;
}

/** `PriorityWeight*`: uint32. Defaults: age 1000, every other 0 (CraneSched's code). */
export interface PriorityWeights {
  readonly age: number;
  readonly fairShare: number;
  readonly jobSize: number;
  readonly partition: number;
  readonly qos: number;
  /** `PriorityWeightAssoc`: a CraneLab extension (Slurm's association factor); CraneSched has none. */
  readonly assoc: number;
}

/**
 * `Preempt.PreemptType` / `Preempt.PreemptMode`: both off (`none`/`OFF`) or both on. `REQUEUE`
 * is a CraneLab extension (CraneSched implements `CANCEL` only).
 */
export interface PreemptConfig {
  readonly type: 'none' | 'qos';
  readonly mode: PreemptMode;
}

export type PreemptMode = 'OFF' | 'CANCEL' | 'REQUEUE';

export interface RequeueConfig {
  /** `CraneCtld.JobRequeue` (default true): batch jobs are requeued after a node failure. */
  readonly jobRequeue: boolean;
  /** `CraneCtld.MaxRequeueCount` (default 5): after that many requeues the job is held. */
  readonly maxRequeueCount: number;
}
