import type { Millis } from '../../core/index.js';

/**
 * The container workload, as read from a `.jsonl` file (one job per line; docs/container-workloads.md
 * is the format reference). Everything is normalized on read: times are integer milliseconds, CPUs
 * are integer milli-CPUs, memory is integer MiB, and omitted optional fields stay absent (the core
 * and the simulator pick CraneSched's defaults), so a job survives a write/read round trip unchanged.
 */
export interface ContainerJob {
  /** The workload's own job id, unique within a file. */
  readonly id: string;
  /** Job name (CraneSched `-J`); the Pod name defaults to it. */
  readonly name?: string;
  /** Submission time on the workload's axis, ms (the file gives seconds, fractions allowed). */
  readonly submitTime: Millis;
  readonly user?: string;
  readonly account?: string;
  readonly partition?: string;
  readonly qos?: string;
  /** The job's allocation: what the scheduler must find before the Pod starts. */
  readonly resources: JobResources;
  /** Time limit, ms; absent means the QoS/partition default (CraneSched: effectively unlimited). */
  readonly timeLimit?: Millis;
  /** Pod metadata (CraneSched `PodJobAdditionalMeta`), fixed at submission. */
  readonly pod: PodMeta;
  /** Step 1. Its kind is the entry point: `script` is `cbatch --pod`, `container` is `ccon run`. */
  readonly primary: PrimaryStep;
  /** Steps 2, 3, ... in the order the job appends them. */
  readonly steps: readonly AppendedStep[];
  /**
   * Jobs this one waits for, all of them (CraneSched `-d type:id[+delay]`, comma = AND). Each names a
   * job on an earlier line of the same file.
   */
  readonly dependencies?: readonly JobDependency[];
  /** Trace-specific attributes carried through for analysis (e.g. Pollux's application); the scheduler ignores them. */
  readonly meta?: Readonly<Record<string, MetaValue>>;
}

export type MetaValue = string | number | boolean;

/**
 * CraneSched's dependency types: `after` is satisfied when the other job starts; `afterok`,
 * `afternotok`, `afterany` when it ends Completed, not Completed, or either way.
 */
export type DependencyType = 'after' | 'afterok' | 'afternotok' | 'afterany';
export const DEPENDENCY_TYPES: readonly DependencyType[] = ['after', 'afterok', 'afternotok', 'afterany'];

export interface JobDependency {
  readonly type: DependencyType;
  /** The other job's `id`. */
  readonly job: string;
  /** Extra wait after the condition holds, ms (CraneSched `+delay`). */
  readonly delay: Millis;
}

/** A GRES request on one node, `name[:type]:count` in the file (`gpu:a100:2`, `gpu:1`). */
export interface GresRequest {
  readonly name: string;
  /** Absent: any type of that name. */
  readonly type?: string;
  readonly count: number;
}

/**
 * Resources on each of `nodeCount` nodes. A container step runs one task (one container) per
 * node, so CraneSched's per-task CPUs are per-node CPUs here. Structurally a core `ResourceRequest`.
 */
export interface StepResources {
  readonly nodeCount: number;
  readonly perNode: {
    readonly cpuMilli: number;
    readonly memMiB: number;
    /** Sorted by name, then type; at most one entry per (name, type). */
    readonly gres: readonly GresRequest[];
  };
}

/** A job's resources: a step's, plus the GPU-sharing attributes GPU traces carry. */
export interface JobResources extends StepResources {
  /**
   * Share of one GPU in thousandths (1..999) for a GPU-sharing job (Alibaba `gpu_milli`). Only with
   * exactly one GPU per node; absent means whole GPUs.
   */
  readonly gpuShareMilli?: number;
  /** GPU models the job may run on, any of them (Alibaba `gpu_spec`); absent means any model. */
  readonly gpuModels?: readonly string[];
}

/** CraneSched's `NamespaceMode` as its CLIs expose it: `default` is the Pod's own netns, `host` the node's. */
export type NetworkMode = 'default' | 'host';
export const NETWORK_MODES: readonly NetworkMode[] = ['default', 'host'];

export type PortProtocol = 'TCP' | 'UDP' | 'SCTP';
export const PORT_PROTOCOLS: readonly PortProtocol[] = ['TCP', 'UDP', 'SCTP'];

export interface PortMapping {
  readonly protocol: PortProtocol;
  readonly containerPort: number;
  /** Absent: the same as the container port (`--pod-port PORT`). */
  readonly hostPort?: number;
  readonly hostIp?: string;
}

export interface PodMeta {
  /** Absent: the job name, else the job id. */
  readonly name?: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Fake-root user namespace; absent means the cluster's `Container.UserNsEnabledByDefault`. */
  readonly userns?: boolean;
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly network: NetworkMode;
  /** Rejected in host network mode, as CraneSched does. */
  readonly ports: readonly PortMapping[];
  /** IPv4 servers placed ahead of the cluster's `Container.Dns.Servers`. */
  readonly dns: readonly string[];
}

/** CraneSched's (CRI's) image pull policies. Absent in a file: CraneSched's tag-based default. */
export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';
export const PULL_POLICIES: readonly PullPolicy[] = ['Always', 'IfNotPresent', 'Never'];

/**
 * Step-level container metadata (CraneSched `ContainerJobAdditionalMeta`). `command` and `args` are
 * the CRI fields: `ccon run IMG a b c` gives command `a`, args `[b, c]`; `--entrypoint E` gives
 * `entrypoint` E (CRI command) and all positionals as args.
 */
export interface ContainerSpec {
  readonly name?: string;
  readonly image: string;
  /** Compressed size of the image, MiB, for the simulator's pull model; absent: the model's default. */
  readonly imageSizeMiB?: number;
  readonly pullPolicy?: PullPolicy;
  readonly entrypoint?: string;
  readonly command?: string;
  readonly args: readonly string[];
  readonly workdir?: string;
  readonly env: Readonly<Record<string, string>>;
  /** Host path to container path. */
  readonly mounts: Readonly<Record<string, string>>;
  readonly tty: boolean;
  readonly stdin: boolean;
  readonly detach: boolean;
}

/** What the step's process or container does once running: how long, and how it exits (0..255). */
export interface StepRun {
  readonly duration: Millis;
  readonly exitCode: number;
}

/**
 * `cbatch --pod`: the batch script, a host process on the job's first node that consumes no step
 * resources. With `waitForSteps` it ends like a script ending in `ccon wait`: at the later of its own
 * `duration` and the end of its last appended step.
 */
export interface ScriptPrimary extends StepRun {
  readonly kind: 'script';
  readonly waitForSteps: boolean;
}

/** `ccon run` outside a job: the container is step 1, runs on every job node, and consumes the allocation. */
export interface ContainerPrimary extends StepRun {
  readonly kind: 'container';
  readonly container: ContainerSpec;
}

export type PrimaryStep = ScriptPrimary | ContainerPrimary;

/**
 * When a step is submitted to its job:
 * - `after`: when the previous appended step ends (a foreground `ccon run` line in the script);
 *   the first step: when the primary starts;
 * - `parallel`: when the previous appended step is submitted (`ccon run -d` lines); the first step:
 *   when the primary starts;
 * - `offset`: `offset` ms after the primary starts (another terminal with `CRANE_JOB_ID` set).
 */
export type AppendMode =
  | { readonly mode: 'after' }
  | { readonly mode: 'parallel' }
  | { readonly mode: 'offset'; readonly offset: Millis };

interface AppendedStepBase extends StepRun {
  readonly name?: string;
  readonly resources: StepResources;
  /** Step time limit, ms; absent: bounded only by the job. Pull time counts against it. */
  readonly timeLimit?: Millis;
  readonly append: AppendMode;
}

/** A container step (`ccon run` inside the job): one container per node, in the job's Pod. */
export interface ContainerStep extends AppendedStepBase {
  readonly kind: 'container';
  readonly container: ContainerSpec;
}

/** A `crun` step: a host process outside the Pod, using the job's resources. */
export interface CrunStep extends AppendedStepBase {
  readonly kind: 'crun';
  readonly command?: string;
}

export type AppendedStep = ContainerStep | CrunStep;
