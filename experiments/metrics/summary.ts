import type { JobView } from '../../core/index.js';
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

/** The metrics of a replay: a loop over its rows into a `SummaryBuilder`. */
export function summarize(result: SimulationResult, processors: number): ReplaySummary {
  const builder = new SummaryBuilder();
  for (const { view } of result.jobs) builder.add(view);
  return builder.build(result, processors);
}

/**
 * Gathers the metrics one job view at a time, so that a pass that writes the rows can feed it
 * (a finished replay builds a view every time a row is read); `build` adds the rejected jobs.
 */
export class SummaryBuilder {
  private readonly waits: number[] = [];
  private readonly turnarounds: number[] = [];
  private readonly bsld: number[] = [];
  private readonly stretch: number[] = [];
  private area = 0;
  private firstSubmit = Infinity;
  private lastFinish = -Infinity;
  private killed = 0;

  add(view: JobView): void {
    this.firstSubmit = Math.min(this.firstSubmit, view.submitTime);
    if (!Number.isFinite(view.endTime) || !Number.isFinite(view.startTime)) return; // did not run
    const m = jobMetrics(view.submitTime, view.startTime, view.endTime);
    this.waits.push(m.wait);
    this.turnarounds.push(m.turnaround);
    this.bsld.push(m.boundedSlowdown);
    this.stretch.push(m.stretch);
    this.area += m.execution * view.spec.request.nodeCount;
    this.lastFinish = Math.max(this.lastFinish, view.endTime);
    if (view.state === 'ExceedTimeLimit') this.killed++;
  }

  /** The summary, once every row of `result.jobs` was added. */
  build(result: SimulationResult, processors: number): ReplaySummary {
    const { waits, turnarounds, bsld, stretch, area, lastFinish } = this;
    let firstSubmit = this.firstSubmit;
    for (const r of result.rejected) firstSubmit = Math.min(firstSubmit, r.job.submitTime);
    const sortedWaits = sortedCopy(waits); // one sort for both quantiles
    const span = waits.length > 0 ? (lastFinish - firstSubmit) / 1000 : 0;
    return {
      jobs: result.jobs.length + result.rejected.length,
      jobs_finished: waits.length,
      jobs_rejected: result.rejected.length,
      jobs_killed_at_limit: this.killed,
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
}

/** Six decimals: enough for any metric here, and the same digits on every run. */
const round = (x: number): number => Math.round(x * 1e6) / 1e6;
