import type { SimulationResult } from '../../runtime-sim/index.js';
import { jobMetrics, type JobMetrics } from './job-metrics.js';

/**
 * One accepted job of a replay, flattened for metrics: times in integer ms, `cpus` the CPUs it
 * holds (node count x CPUs per node), `nodes` the node indices it ran on. `start` and `end` are
 * NaN for a job that never started (only possible when a replay is cut short).
 */
export interface JobRow {
  readonly submit: number;
  readonly start: number;
  readonly end: number;
  readonly cpus: number;
  readonly user: string;
  readonly account: string;
  readonly partition: string;
  readonly qos: string;
  readonly nodes: readonly number[];
  /** Per-job metrics in seconds; undefined when the job did not finish. */
  readonly metrics: JobMetrics | undefined;
}

/** The accepted jobs of a result as rows, in submission order. */
export function jobRows(result: SimulationResult): JobRow[] {
  return result.jobs.map(({ view }) => {
    const r = view.spec.request;
    const finished = Number.isFinite(view.endTime) && Number.isFinite(view.startTime); // ran; not cancelled while pending
    return {
      submit: view.submitTime,
      start: Number.isFinite(view.startTime) ? view.startTime : NaN,
      end: finished ? view.endTime : NaN,
      cpus: (r.nodeCount * r.perNode.cpuMilli) / 1000,
      user: view.spec.user,
      account: view.spec.account,
      partition: view.spec.partition,
      qos: view.spec.qos,
      nodes: view.nodes,
      metrics: finished ? jobMetrics(view.submitTime, view.startTime, view.endTime) : undefined,
    };
  });
}
