import type { JobView } from '../../core/index.js';
import type { SimulationResult } from '../../runtime-sim/index.js';
import { boundedSlowdownOf, stretchOf } from './job-metrics.js';
import { quantileSorted } from './stats.js';

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
 * It keeps one number per job (its wait, for the quantiles) and running sums for the means.
 */
export class SummaryBuilder {
  /** Waits of the finished jobs so far (a growable typed array: no boxed number per job). */
  private waits: Float64Array = new Float64Array(1024);
  /** Finished jobs so far (the filled length of `waits`). */
  private count = 0;
  // Sums and maxima as `mean` and `max` (stats.ts) take them: in row order, from 0.
  private waitSum = 0;
  private waitMax = 0;
  private turnaroundSum = 0;
  private bsldSum = 0;
  private bsldMax = 0;
  private stretchSum = 0;
  private area = 0;
  private firstSubmit = Infinity;
  private lastFinish = -Infinity;
  private killed = 0;

  add(view: JobView): void {
    const submit = view.submitTime;
    const start = view.startTime;
    const end = view.endTime;
    this.firstSubmit = Math.min(this.firstSubmit, submit);
    if (!Number.isFinite(end) || !Number.isFinite(start)) return; // did not run
    // jobMetrics' values, without its object
    const wait = (start - submit) / 1000;
    const execution = (end - start) / 1000;
    const turnaround = wait + execution;
    const bsld = boundedSlowdownOf(turnaround, execution);
    if (this.count === this.waits.length) {
      const grown = new Float64Array(2 * this.count);
      grown.set(this.waits);
      this.waits = grown;
    }
    this.waits[this.count++] = wait;
    this.waitSum += wait;
    if (wait > this.waitMax) this.waitMax = wait;
    this.turnaroundSum += turnaround;
    this.bsldSum += bsld;
    if (bsld > this.bsldMax) this.bsldMax = bsld;
    this.stretchSum += stretchOf(turnaround, execution);
    this.area += execution * view.spec.request.nodeCount;
    this.lastFinish = Math.max(this.lastFinish, end);
    if (view.state === 'ExceedTimeLimit') this.killed++;
  }

  /** The summary, once every row of `result.jobs` was added. */
  build(result: SimulationResult, processors: number): ReplaySummary {
    const n = this.count;
    const { area, lastFinish } = this;
    let firstSubmit = this.firstSubmit;
    for (const r of result.rejected) firstSubmit = Math.min(firstSubmit, r.job.submitTime);
    const sortedWaits = this.waits.slice(0, n).sort(); // one sort for both quantiles
    const span = n > 0 ? (lastFinish - firstSubmit) / 1000 : 0;
    const mean = (sum: number): number => (n === 0 ? 0 : sum / n);
    return {
      jobs: result.jobs.length + result.rejected.length,
      jobs_finished: n,
      jobs_rejected: result.rejected.length,
      jobs_killed_at_limit: this.killed,
      mean_wait: round(mean(this.waitSum)),
      median_wait: round(quantileSorted(sortedWaits, 0.5)),
      p95_wait: round(quantileSorted(sortedWaits, 0.95)),
      max_wait: round(this.waitMax),
      mean_turnaround: round(mean(this.turnaroundSum)),
      mean_bounded_slowdown: round(mean(this.bsldSum)),
      max_bounded_slowdown: round(this.bsldMax),
      mean_stretch: round(mean(this.stretchSum)),
      utilization: span > 0 ? round(area / (processors * span)) : 0,
      first_submission: Number.isFinite(firstSubmit) ? firstSubmit / 1000 : 0,
      last_finish: n > 0 ? lastFinish / 1000 : 0,
      makespan: span,
      events: result.events,
    };
  }
}

/** Six decimals: enough for any metric here, and the same digits on every run. */
const round = (x: number): number => Math.round(x * 1e6) / 1e6;
