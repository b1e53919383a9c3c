import type { SimulationResult } from '../../runtime-sim/index.js';
import { jobMetrics } from './job-metrics.js';
import { max, mean, quantileSorted, sortedCopy } from './stats.js';

/**
 * Aggregate metrics of one replay. Every key is documented in the README; values are
 * deterministic (no wall time), so summary.json is byte-identical across runs.
 */
export interface ReplaySummary {
  readonly jobs: number;
  readonly jobs_finished: number;
  readonly jobs_rejected: number;
  readonly jobs_killed_at_limit: number;
  readonly mean_wait: number;
  readonly median_wait: number;
  readonly p95_wait: number;
  readonly max_wait: number;
  readonly mean_turnaround: number;
  readonly mean_bounded_slowdown: number;
  readonly max_bounded_slowdown: number;
  readonly mean_stretch: number;
  readonly utilization: number;
  readonly first_submission: number;
  readonly last_finish: number;
  readonly makespan: number;
  readonly events: number;
}

export function summarize(result: SimulationResult, processors: number): ReplaySummary {
  const waits: number[] = [];
  const turnarounds: number[] = [];
  const bsld: number[] = [];
  const stretch: number[] = [];
  let area = 0;
  let firstSubmit = Infinity;
  let lastFinish = -Infinity;
  let killed = 0;
  for (const { view } of result.jobs) {
    firstSubmit = Math.min(firstSubmit, view.submitTime);
    if (!Number.isFinite(view.endTime) || !Number.isFinite(view.startTime)) continue; // did not run
    const m = jobMetrics(view.submitTime, view.startTime, view.endTime);
    waits.push(m.wait);
    turnarounds.push(m.turnaround);
    bsld.push(m.boundedSlowdown);
    stretch.push(m.stretch);
    area += m.execution * view.spec.request.nodeCount;
    lastFinish = Math.max(lastFinish, view.endTime);
    if (view.state === 'ExceedTimeLimit') killed++;
  }
  for (const r of result.rejected) firstSubmit = Math.min(firstSubmit, r.job.submitTime);
  const sortedWaits = sortedCopy(waits); // one sort for both quantiles
  const span = waits.length > 0 ? (lastFinish - firstSubmit) / 1000 : 0;
  return {
    jobs: result.jobs.length + result.rejected.length,
    jobs_finished: waits.length,
    jobs_rejected: result.rejected.length,
    jobs_killed_at_limit: killed,
    mean_wait: round(mean(waits)),
    median_wait: round(quantileSorted(sortedWaits, 0.5)),
    p95_wait: round(quantileSorted(sortedWaits, 0.95)),
    max_wait: round(max(waits)),
    mean_turnaround: round(mean(turnarounds)),
    mean_bounded_slowdown: round(mean(bsld)),
    max_bounded_slowdown: round(max(bsld)),
    mean_stretch: round(mean(stretch)),
    utilization: span > 0 ? round(area / (processors * span)) : 0,
    first_submission: Number.isFinite(firstSubmit) ? firstSubmit / 1000 : 0,
    last_finish: waits.length > 0 ? lastFinish / 1000 : 0,
    makespan: span,
    events: result.events,
  };
}

/** Six decimals: enough for any metric here, and the same digits on every run. */
const round = (x: number): number => Math.round(x * 1e6) / 1e6;
