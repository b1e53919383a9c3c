import type { SimulationResult } from '../../runtime-sim/index.js';
import { breakdown, round6, type GroupStats } from './breakdown.js';
import { accountShares, jainIndex, shareFairness, type AccountShare, type ShareConfig } from './fairness.js';
import { jobRows, type JobRow } from './job-table.js';
import { sizeClasses, sizeClassOf } from './size-class.js';
import { quantileSorted, sortedCopy } from './stats.js';
import { summarize } from './summary.js';
import { maxOverlap } from './time-series.js';
import { allocationHeatmap, usageSeries, type AllocationHeatmap, type UsageSeries } from './usage-series.js';

/**
 * The scalar metrics of one run, one summary.csv column each, in this order. Times in seconds;
 * per-job definitions in job-metrics.ts (response = wait + execution, slowdown = response /
 * execution, bounded slowdown with tau = 10 s); statistics over finished jobs.
 */
export const RUN_METRIC_KEYS = [
  'jobs',
  'jobs_finished',
  'jobs_rejected',
  'jobs_killed_at_limit',
  'mean_wait',
  'median_wait',
  'p95_wait',
  'max_wait',
  'mean_response',
  'median_response',
  'p95_response',
  'max_response',
  'mean_slowdown',
  'median_slowdown',
  'p95_slowdown',
  'max_slowdown',
  'mean_bounded_slowdown',
  'median_bounded_slowdown',
  'p95_bounded_slowdown',
  'max_bounded_slowdown',
  'utilization',
  'makespan',
  'mean_queue_length',
  'max_queue_length',
  'jain_users_bsld',
  'jain_accounts_bsld',
  'jain_account_share',
] as const;

export type RunMetricKey = (typeof RUN_METRIC_KEYS)[number];
export type RunScalars = Readonly<Record<RunMetricKey, number>>;

export interface RunBreakdowns {
  readonly partition: readonly GroupStats[];
  readonly qos: readonly GroupStats[];
  readonly account: readonly GroupStats[];
  readonly size_class: readonly GroupStats[];
}

/** Everything one run contributes to the summary and the report (plain JSON, deterministic). */
export interface RunMetrics {
  readonly scalars: RunScalars;
  readonly breakdowns: RunBreakdowns;
  readonly shares: readonly AccountShare[];
  /** Wait time (s) at p = 0, 1/200, ..., 1 over finished jobs: the wait-time CDF, downsampled. */
  readonly wait_quantiles: readonly number[];
  readonly series: UsageSeries;
  readonly heatmap: AllocationHeatmap;
}

export interface RunMetricsOptions {
  /** Total CPUs of the machine (utilization's denominator). */
  readonly capacityCpus: number;
  readonly nodes: number;
  /** Upper bounds of the job size classes (see size-class.ts). */
  readonly sizeBounds: readonly number[];
  readonly shares: ShareConfig;
  /** At most this many buckets in the series over time. */
  readonly timeBuckets: number;
  readonly heatmapBuckets: number;
  readonly heatmapGroups: number;
  /** Accounts plotted by name in the usage series; the rest are summed as `other`. */
  readonly topAccounts: number;
}

export const CDF_POINTS = 200;

export function runMetrics(result: SimulationResult, options: RunMetricsOptions): RunMetrics {
  const base = summarize(result, options.capacityCpus);
  const rows = jobRows(result);
  const finished = rows.filter((r) => r.metrics !== undefined);
  const pick = (f: (m: NonNullable<JobRow['metrics']>) => number): Float64Array => sortedCopy(finished.map((r) => f(r.metrics!)));
  const wait = pick((m) => m.wait);
  const response = pick((m) => m.turnaround);
  const slowdown = pick((m) => m.stretch);
  const bsld = pick((m) => m.boundedSlowdown);
  const stats = (s: Float64Array) => {
    let sum = 0;
    for (const x of s) sum += x;
    return {
      mean: round6(s.length === 0 ? 0 : sum / s.length),
      median: round6(quantileSorted(s, 0.5)),
      p95: round6(quantileSorted(s, 0.95)),
      max: round6(s.length === 0 ? 0 : Math.max(0, s[s.length - 1]!)),
    };
  };
  const w = stats(wait);
  const r = stats(response);
  const sd = stats(slowdown);
  const b = stats(bsld);

  const range = { start: base.first_submission * 1000, end: Math.max(base.last_finish * 1000, base.first_submission * 1000 + 1000) };
  const pendingTime = rows.reduce((acc, row) => acc + ((Number.isNaN(row.start) ? range.end : row.start) - row.submit), 0);
  const span = range.end - range.start;

  const classes = sizeClasses(options.sizeBounds);
  const usage = new Map<string, number>();
  for (const row of finished) usage.set(row.account, (usage.get(row.account) ?? 0) + row.cpus * row.metrics!.execution);
  const shares = accountShares(usage, options.shares);

  const scalars: RunScalars = {
    jobs: base.jobs,
    jobs_finished: base.jobs_finished,
    jobs_rejected: base.jobs_rejected,
    jobs_killed_at_limit: base.jobs_killed_at_limit,
    mean_wait: w.mean,
    median_wait: w.median,
    p95_wait: w.p95,
    max_wait: w.max,
    mean_response: r.mean,
    median_response: r.median,
    p95_response: r.p95,
    max_response: r.max,
    mean_slowdown: sd.mean,
    median_slowdown: sd.median,
    p95_slowdown: sd.p95,
    max_slowdown: sd.max,
    mean_bounded_slowdown: b.mean,
    median_bounded_slowdown: b.median,
    p95_bounded_slowdown: b.p95,
    max_bounded_slowdown: b.max,
    utilization: base.utilization,
    makespan: base.makespan,
    mean_queue_length: round6(span > 0 ? pendingTime / span : 0),
    max_queue_length: maxOverlap(rows.map((row) => [row.submit, Number.isNaN(row.start) ? range.end : row.start] as const)),
    jain_users_bsld: round6(jainIndex(groupMeans(finished, (row) => row.user))),
    jain_accounts_bsld: round6(jainIndex(groupMeans(finished, (row) => row.account))),
    jain_account_share: round6(shareFairness(shares)),
  };

  const wait_quantiles: number[] = [];
  for (let k = 0; k <= CDF_POINTS; k++) wait_quantiles.push(round6(quantileSorted(wait, k / CDF_POINTS)));

  return {
    scalars,
    breakdowns: {
      partition: breakdown(rows, (row) => row.partition, { by: 'key' }),
      qos: breakdown(rows, (row) => row.qos, { by: 'key' }),
      account: breakdown(rows, (row) => row.account, { by: 'usage' }),
      size_class: breakdown(rows, (row) => classes.labels[sizeClassOf(classes, row.cpus)]!, { by: 'given', keys: classes.labels }),
    },
    shares,
    wait_quantiles,
    series: usageSeries(rows, options.capacityCpus, range, options.timeBuckets, options.topAccounts),
    heatmap: allocationHeatmap(rows, options.nodes, range, options.heatmapBuckets, options.heatmapGroups),
  };
}

/** Mean bounded slowdown per group (user or account), in key order: the input of Jain's index. */
function groupMeans(rows: readonly JobRow[], keyOf: (row: JobRow) => string): number[] {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const row of rows) {
    const key = keyOf(row);
    const s = sums.get(key) ?? { sum: 0, n: 0 };
    s.sum += row.metrics!.boundedSlowdown;
    s.n++;
    sums.set(key, s);
  }
  return [...sums.values()].map((s) => s.sum / s.n);
}
