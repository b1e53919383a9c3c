import type { Brand } from '../model/ids.js';

/** CraneSched's `JobType` (proto): a Container job is the only kind that has a Pod and may host container steps. */
export type JobKind = 'Batch' | 'Interactive' | 'Container';
export const JOB_KINDS: readonly JobKind[] = ['Batch', 'Interactive', 'Container'];

/**
 * A step's id within its job (`jobid.stepid`). CraneSched numbers them from a per-job counter:
 * 0 is the daemon step (which holds the Pod of a Container job), 1 the primary step (made from the
 * job's own payload), 2 and up the common steps, in the order they are submitted.
 */
export type StepId = Brand<number, 'StepId'>;
export const makeStepId = (n: number): StepId => n as StepId;
export const DAEMON_STEP_ID: StepId = makeStepId(0);
export const PRIMARY_STEP_ID: StepId = makeStepId(1);
export const FIRST_COMMON_STEP_ID: StepId = makeStepId(2);

/** CraneSched's `NamespaceMode` as the CLIs expose it: `default` is the Pod's own netns, `host` the node's. */
export type NetworkMode = 'default' | 'host';
export type PortProtocol = 'TCP' | 'UDP' | 'SCTP';

export interface PortMapping {
  readonly protocol: PortProtocol;
  readonly containerPort: number;
  /** Absent: the container port. */
  readonly hostPort?: number;
  readonly hostIp?: string;
}

/**
 * CraneSched's `PodJobAdditionalMeta`: job level, fixed at submission, shared by every container
 * step of the job. Absent optional fields mean the cluster's defaults.
 */
export interface PodMeta {
  /** Absent: the job name. */
  readonly name?: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Fake-root user namespace; absent: the cluster's `Container.UserNsEnabledByDefault`. */
  readonly userns?: boolean;
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly network: NetworkMode;
  /** Port mappings; CraneSched refuses them in host network mode. */
  readonly ports: readonly PortMapping[];
  /** IPv4 servers placed ahead of the cluster's `Container.Dns.Servers`. */
  readonly dns: readonly string[];
}

/** CRI image pull policies. Absent: CraneSched's tag-based default (`Always` for `:latest`/untagged). */
export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/**
 * CraneSched's `ContainerJobAdditionalMeta`: step level. `command`/`args` are the CRI fields
 * (`ccon run IMG a b c` gives command `a`, args `[b, c]`); `entrypoint` is `--entrypoint`.
 */
export interface ContainerMeta {
  readonly name?: string;
  readonly image: string;
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

/**
 * What a step runs:
 * - `container`: one container per step node, joined to the job's Pod (`ccon run`);
 * - `script`: a batch script, a host process on the job's first node (`cbatch`, `cbatch --pod`);
 * - `process`: host processes on every step node (`crun`);
 * - `allocation`: no process at all; the step holds the allocation until its time limit (`calloc`).
 */
export type StepPayload =
  | { readonly kind: 'container'; readonly container: ContainerMeta }
  | { readonly kind: 'script' }
  | { readonly kind: 'process' }
  | { readonly kind: 'allocation' };

/** How a job came in, which fixes its kind and its primary's payload. */
export type EntryPoint = 'ccon run' | 'cbatch --pod' | 'cbatch' | 'crun' | 'calloc';
