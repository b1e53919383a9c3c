import { meanWithCi, type MeanWithCi } from './confidence.js';
import { CONTAINER_METRIC_KEYS, type ContainerMetricKey, type PodRunMetrics } from './pod-metrics.js';
import { RUN_METRIC_KEYS, type RunMetricKey, type RunScalars } from './run-metrics.js';

/** Each scalar metric across the seeds of one (trace, variant, profile): mean and 95% CI. */
export type AggregatedScalars = Readonly<Record<RunMetricKey, MeanWithCi>>;

/** Aggregates runs given in seed order (the order fixes the floating-point sums). */
export function aggregateScalars(runs: readonly RunScalars[]): AggregatedScalars {
  const out = {} as Record<RunMetricKey, MeanWithCi>;
  for (const key of RUN_METRIC_KEYS) out[key] = meanWithCi(runs.map((r) => r[key]));
  return out;
}

/** The container metrics across seeds (runs in seed order), when every run has them; else undefined. */
export type AggregatedContainerMetrics = Readonly<Record<ContainerMetricKey, MeanWithCi>>;

export function aggregateContainerMetrics(runs: readonly (PodRunMetrics | undefined)[]): AggregatedContainerMetrics | undefined {
  if (runs.length === 0 || runs.some((r) => r === undefined)) return undefined;
  const out = {} as Record<ContainerMetricKey, MeanWithCi>;
  for (const key of CONTAINER_METRIC_KEYS) out[key] = meanWithCi(runs.map((r) => r![key]));
  return out;
}

/** Element-wise mean of equally long number lists (e.g. per-class means across seeds). */
export function meanOfLists(lists: readonly (readonly number[])[]): number[] {
  const first = lists[0];
  if (first === undefined) return [];
  return first.map((_, i) => lists.reduce((s, l) => s + (l[i] ?? 0), 0) / lists.length);
}
