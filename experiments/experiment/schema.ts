import type { ContainerCosts } from '../../runtime-sim/index.js';
import type { MissingEstimate } from '../../traces/index.js';
import type { ShareConfig } from '../metrics/fairness.js';
import type { ProfileSpec } from './profiles.js';
import type { ShakingParams } from './shaking.js';
import type { VariantSpec } from './variants.js';

/**
 * A workload of an experiment: an SWF trace (`file:`) on one-CPU nodes, or a scenario
 * (`scenario:`: a CraneSched cluster, accounts, workload and admin events; docs/scenarios.md).
 */
export interface TraceSpec {
  /** `container`: a container workload (.jsonl, traces/container) on a cluster file, run under cranesched. */
  readonly kind: 'swf' | 'scenario' | 'container';
  /** Display name (default: the file name without .swf/.gz or .yaml). */
  readonly name: string;
  /** Absolute path (the file gives it relative to itself). */
  readonly file: string;
  /** Scenario: skip what the core does not support yet (counted) instead of failing the run. */
  readonly ignoreUnsupported?: boolean;
  /** The path as written in the experiment file, for the report. */
  readonly fileAsWritten: string;
  readonly missingEstimate: MissingEstimate;
  /** Machine size, replacing the header's MaxProcs/MaxNodes. */
  readonly processors?: number;
  /** Container workload: its cluster file (absolute; default experiments/examples/pods/cluster.yaml). */
  readonly cluster?: string;
  /** Container workload: the cost model, defaults overridden by the file's `containerCosts` (absent: the defaults). */
  readonly containerCosts?: ContainerCosts;
}

/** How per-run metrics are computed (part of every run's cache key). */
export interface MetricsSpec {
  /** Upper bounds (CPUs) of the job size classes. */
  readonly sizeClasses: readonly number[];
  /** At most this many buckets in utilization, queue length and account usage over time. */
  readonly timeBuckets: number;
  readonly heatmapBuckets: number;
  readonly heatmapNodeGroups: number;
  /** Accounts shown by name in usage over time; the rest are summed as `other`. */
  readonly topAccounts: number;
  readonly shares: ShareConfig;
}

/** Which runs also write a jobs.csv: none, the reference seed's (the first listed), or all. */
export type JobsCsvMode = 'none' | 'reference' | 'all';

export interface RunSettings {
  /** Worker threads; 0 runs in the calling thread. Default: the machine's cores. */
  readonly workers?: number;
  /** Check schedule invariants while replaying. */
  readonly validate: boolean;
  readonly jobsCsv: JobsCsvMode;
}

/**
 * A validated experiment: traces x variants x profiles x seeds, each combination one run.
 * Seed 0 is the unshaken trace; other seeds shake it (shaking.ts).
 */
export interface Experiment {
  readonly name: string;
  readonly description: string;
  /** Absolute path of the experiment file. */
  readonly file: string;
  /** The file's text, verbatim, for the report. */
  readonly source: string;
  readonly traces: readonly TraceSpec[];
  readonly profiles: readonly ProfileSpec[];
  readonly variants: readonly VariantSpec[];
  readonly seeds: readonly number[];
  readonly shaking: ShakingParams;
  readonly metrics: MetricsSpec;
  readonly run: RunSettings;
}
