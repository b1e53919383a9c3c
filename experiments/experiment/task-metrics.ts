import type { SimulationResult } from '../../runtime-sim/index.js';
import { runMetrics, type RunMetrics } from '../metrics/run-metrics.js';
import type { MetricsSpec } from './schema.js';

/** A run's metrics as the experiment file asks for them, on a machine of these nodes. */
export function taskRunMetrics(result: SimulationResult, m: MetricsSpec, nodes: readonly { readonly cpuMilli: number }[]): RunMetrics {
  return runMetrics(result, {
    capacityCpus: nodes.reduce((s, n) => s + n.cpuMilli, 0) / 1000,
    nodes: nodes.length,
    sizeBounds: m.sizeClasses,
    shares: m.shares,
    timeBuckets: m.timeBuckets,
    heatmapBuckets: m.heatmapBuckets,
    heatmapGroups: m.heatmapNodeGroups,
    topAccounts: m.topAccounts,
  });
}
