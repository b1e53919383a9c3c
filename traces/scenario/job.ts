import type { GresAmount } from '../../core/config/index.js';
import type { JobOutcome, Millis } from '../../core/index.js';

/**
 * A job as a scenario's workload describes it: what is submitted, in CraneSched's terms (the
 * `cbatch` options), plus what really happens when it runs (hidden from the scheduler). Fields the
 * user did not give stay null: CraneSched resolves them at submission (account: the user's default
 * account; partition: `DefaultPartition`; QoS: the association's default; time limit: the QoS's
 * `MaxTimeLimitPerJob`; memory: the partition's defaults).
 */
export interface ScenarioJob {
  /** The workload's own id (SWF job number, `id:` of a hand-written job); dependencies and events use it. */
  readonly id: string;
  /** 1-based line of the job in its workload file (0 when unknown), for messages. */
  readonly line: number;
  /** Submission time, ms from the workload's origin. */
  readonly submitTime: Millis;
  readonly user: string;
  /** `-A/--account`. */
  readonly account: string | null;
  /** `-p/--partition`. */
  readonly partition: string | null;
  /** `-q/--qos`. */
  readonly qos: string | null;
  readonly request: JobRequest;
  /** `-t/--time`, ms. */
  readonly timeLimit: Millis | null;
  /** `-b/--begin`: not started before this time (ms from the origin). */
  readonly beginTime: Millis | null;
  /** `--deadline`: cancelled with status Deadline if not finished by then (ms from the origin). */
  readonly deadline: Millis | null;
  /** `-H/--hold`: submitted held; an admin `job-release` event releases it. */
  readonly hold: boolean;
  /** `-d/--dependency`. */
  readonly dependency: Dependency | null;
  /** `--exclusive`: whole nodes only. */
  readonly exclusive: boolean;
  /** `-w/--nodelist`, expanded; empty means any node. */
  readonly nodeList: readonly string[];
  /** `-x/--exclude`, expanded. */
  readonly excludeList: readonly string[];
  /** `-r/--reservation`. */
  readonly reservation: string | null;
  /** `--requeue` (true) / `--no-requeue` (false); null follows `CraneCtld.JobRequeue`. */
  readonly requeue: boolean | null;
  /**
   * How long the job really runs, ms. `Infinity` means it runs until it is killed at its time
   * limit (ExceedTimeLimit), whatever that limit turns out to be.
   */
  readonly runtime: Millis;
  /** How it ends if it is not killed at its time limit first. */
  readonly outcome: JobOutcome;
  readonly exitCode: number;
}

/**
 * CraneSched's request: `nodeCount` nodes and `ntasks` tasks; per task `cpusPerTaskMilli` CPUs (and
 * memory when given per CPU); per node the GRES (and memory when given per node).
 */
export interface JobRequest {
  /** `-N/--nodes`. */
  readonly nodeCount: number;
  /** `-n/--ntasks`, filled in as the CLI does when not given. */
  readonly ntasks: number;
  /** `--ntasks-per-node`, or null (no fixed count). */
  readonly ntasksPerNode: number | null;
  /** `-c/--cpus-per-task` (default 1), milli-CPUs. */
  readonly cpusPerTaskMilli: number;
  readonly memory: MemoryRequest;
  /** `--gres` (and `--gpus-per-node`), per node, sorted. */
  readonly gresPerNode: readonly GresAmount[];
}

/** `--mem` (per node), `--mem-per-cpu`, or neither (the partition's defaults apply). */
export type MemoryRequest =
  | { readonly kind: 'partition-default' }
  | { readonly kind: 'per-node'; readonly mib: number }
  | { readonly kind: 'per-cpu'; readonly mib: number };

export type DependencyType = 'after' | 'afterok' | 'afternotok' | 'afterany';

/** `-d`: all items (`,`) or any item (`?`). Same shape as core's `Dependencies`. */
export interface Dependency {
  readonly mode: 'all' | 'any';
  readonly items: readonly DependencyItem[];
}

export interface DependencyItem {
  /** `after`: when the job starts; the others when it ends (ok: exit 0 Completed; notok: otherwise; any). */
  readonly type: DependencyType;
  /** The workload id of the job depended on. */
  readonly job: string;
  /** `+delay`: the condition holds this long after the event, ms. */
  readonly delay: Millis;
}
