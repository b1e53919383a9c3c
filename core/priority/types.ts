/**
 * What the priority plugins (CraneSched's `priority/basic` and `priority/multifactor`, CRANESCHED.md
 * §4.5 step 6 and §4.6) see and return. Plain numbers only; times are integer milliseconds on the
 * workload's axis.
 */

/** What the priority plugins see of one job, pending or running. */
export interface PriorityJob {
  /** Stable position (submission order): the key for output and the last tie-breaker. */
  readonly index: number;
  /** false = running. */
  readonly pending: boolean;
  /** ms. */
  readonly submitTime: number;
  /** ms; NaN for pending jobs. Must be finite for running jobs. */
  readonly startTime: number;
  /** The job's QoS priority value. */
  readonly qosPriority: number;
  /** The job's partition priority value. */
  readonly partitionPriority: number;
  /** Milli-CPUs of the whole job: requested (pending) or allocated (running). */
  readonly cpuMilli: number;
  /** Node count: requested (pending) or allocated (running). */
  readonly nodes: number;
  /** MiB of the whole job: requested (pending) or allocated (running). */
  readonly memMiB: number;
  /** The job's direct account (fair share looks at this account only). */
  readonly account: string;
  /** Admin-set priority (`ccontrol update jobid=X priority=P`): non-zero means use it as is. */
  readonly mandatedPriority?: number | undefined;
}

/** `PriorityWeight{Age,FairShare,JobSize,Partition,QoS}`. */
export interface PriorityWeights {
  readonly age: number;
  readonly fairShare: number;
  readonly jobSize: number;
  readonly partition: number;
  readonly qos: number;
}

/**
 * Where the fair-share factor comes from.
 * - `running-service`: CraneSched's own (§4.6): 1 − norm(service of the account's running jobs).
 * - `account-factor`: a factor per direct account computed elsewhere, used as is (no min-max
 *   normalization), e.g. the decayed tree fair share of `decayedFairShare`. An account missing from
 *   the map gets 0. Every value must lie in [0, 1].
 */
export type FairShareSource =
  | { readonly type: 'running-service' }
  | { readonly type: 'account-factor'; readonly factorOf: ReadonlyMap<string, number> };

/** `priority/multifactor` settings. */
export interface MultifactorConfig {
  readonly weights: PriorityWeights;
  /** `PriorityMaxAge` in ms; the age factor uses whole seconds, so sub-second parts are dropped. */
  readonly maxAgeMs: number;
  /** `PriorityFavorSmall`. */
  readonly favorSmall: boolean;
  /** Default `{ type: 'running-service' }` (CraneSched). */
  readonly fairShare?: FairShareSource;
}

/** The normalized factors behind one computed priority (what `sprio`-like displays show). */
export interface PriorityFactors {
  readonly age: number;
  readonly fairShare: number;
  readonly jobSize: number;
  readonly partition: number;
  readonly qos: number;
}

/** One pending job's priority. `factors` is null when the priority was mandated by an admin. */
export interface PriorityResult {
  readonly priority: number;
  readonly factors: PriorityFactors | null;
}

/** What the priority sort needs of a pending job. */
export interface RankedJob {
  readonly index: number;
  /** ms. */
  readonly submitTime: number;
  readonly priority: number;
}

/** A result of `multifactorPriorities`: the priority, its factors, and the job it belongs to. */
export interface MultifactorResult extends PriorityResult, RankedJob {}

const DAY_MS = 24 * 60 * 60 * 1000;

/** CraneSched's defaults when the keys are unset: WeightAge 1000, the rest 0. */
export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = { age: 1000, fairShare: 0, jobSize: 0, partition: 0, qos: 0 };

/**
 * The largest `PriorityMaxAge` CraneSched accepts: its config reader clamps the parsed value to
 * 7 days (`std::min(MaxAge, kPriorityDefaultMaxAge)` in `CraneCtld.cpp`), so `14-0` means 7 days.
 * `multifactorPriorities` itself does not clamp; the config reader should.
 */
export const MAX_PRIORITY_MAX_AGE_MS = 7 * DAY_MS;

/** CraneSched's defaults: `PriorityMaxAge` 7 days, `PriorityFavorSmall` true. */
export const DEFAULT_MULTIFACTOR_CONFIG: MultifactorConfig = {
  weights: DEFAULT_PRIORITY_WEIGHTS,
  maxAgeMs: 7 * DAY_MS,
  favorSmall: true,
};

/** `ScheduledBatchSize`: CraneSched's default, and the largest value it accepts. */
export const DEFAULT_SCHEDULED_BATCH_SIZE = 100_000;
export const MAX_SCHEDULED_BATCH_SIZE = 200_000;
