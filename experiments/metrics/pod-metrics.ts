import type { ClusterSpec } from '../../core/index.js';
import type { SimulationResult } from '../../runtime-sim/index.js';

/**
 * Metrics of a run of container jobs (summary.json `containers`, the Pods comparison). Seconds
 * unless said; "work" is user work: step run time x the CPUs the step holds.
 */
export interface PodRunMetrics {
  readonly jobs: number;
  readonly jobs_completed: number;
  readonly jobs_rejected: number;
  /** Steps that ran or were cancelled (primaries and appended steps), and refused step submissions. */
  readonly steps: number;
  readonly steps_completed: number;
  readonly steps_rejected: number;
  /**
   * Queue wait of the scheduler's jobs: start - the time it became eligible (its submission, or for a
   * job with dependencies the time they were met: an `after` job's start, an `afterany` job's end, plus
   * the delay), so a chained container's wait for its predecessor is not counted as queueing.
   */
  readonly mean_queue_wait: number;
  readonly total_queue_wait: number;
  /** Wait of appended steps inside their job: configured - submitted. */
  readonly mean_step_wait_in_job: number;
  /** Per workload job (its pieces grouped back when split): last end - submit. */
  readonly mean_pipeline_response: number;
  /** Pod sandboxes started and their start time summed over nodes. */
  readonly sandboxes: number;
  readonly sandbox_time: number;
  /** Sandboxes that failed to start (`ContainerCosts.podFailureRate`); each failed its job, Failed 323. */
  readonly sandbox_failures: number;
  readonly image_pulls: number;
  readonly pulled_mib: number;
  /** Image waits summed over container starts. */
  readonly pull_time: number;
  /** Configuring to running of every container, pulls included, summed over nodes. */
  readonly container_start_time: number;
  /** sandbox_time + container_start_time: time allocations spent before user work could run. */
  readonly startup_overhead: number;
  /** Work / CPU time allocated to jobs (CPUs x held time). */
  readonly allocation_utilization: number;
  /** Work / (cluster CPUs x makespan). */
  readonly cluster_utilization: number;
  readonly makespan: number;
}

/**
 * The container metrics that summary.csv and summary-ci.csv carry (after the run metrics; empty for
 * runs of SWF traces and scenarios), in this order: every `PodRunMetrics` key except those the run
 * metrics already have (`jobs`, `jobs_rejected`, `makespan`, the same numbers).
 */
export const CONTAINER_METRIC_KEYS = [
  'jobs_completed',
  'steps',
  'steps_completed',
  'steps_rejected',
  'mean_queue_wait',
  'total_queue_wait',
  'mean_step_wait_in_job',
  'mean_pipeline_response',
  'sandboxes',
  'sandbox_time',
  'sandbox_failures',
  'image_pulls',
  'pulled_mib',
  'pull_time',
  'container_start_time',
  'startup_overhead',
  'allocation_utilization',
  'cluster_utilization',
] as const satisfies readonly (keyof PodRunMetrics)[];

export type ContainerMetricKey = (typeof CONTAINER_METRIC_KEYS)[number];

const S = 1000;
const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** `groupOf` maps a job's workload id to the workload job it came from (identity unless split). */
export function podRunMetrics(result: SimulationResult, cluster: ClusterSpec, groupOf: (externalId: string) => string = (id) => id): PodRunMetrics {
  let started = 0;
  let completed = 0;
  let waitSum = 0;
  let allocated = 0;
  let first = Infinity;
  let last = -Infinity;
  const groups = new Map<string, { submit: number; end: number }>();
  const byId = new Map<string, { start: number; end: number }>();
  for (const { view } of result.jobs) byId.set(view.spec.externalId, { start: view.startTime, end: view.endTime });
  for (const { view } of result.jobs) {
    first = Math.min(first, view.submitTime);
    if (view.state === 'Completed') completed++;
    const g = groupOf(view.spec.externalId);
    const entry = groups.get(g) ?? { submit: Infinity, end: -Infinity };
    entry.submit = Math.min(entry.submit, view.submitTime);
    if (Number.isFinite(view.endTime)) {
      entry.end = Math.max(entry.end, view.endTime);
      last = Math.max(last, view.endTime);
    }
    groups.set(g, entry);
    if (!Number.isFinite(view.startTime)) continue;
    started++;
    let eligible = view.submitTime;
    const deps = view.spec.dependencies;
    if (deps !== undefined) {
      const times = deps.items.map((d) => {
        const other = byId.get(d.job);
        const t = other === undefined ? view.submitTime : d.type === 'after' ? other.start : other.end;
        return (Number.isFinite(t) ? t : view.submitTime) + d.delay;
      });
      const met = deps.mode === 'all' ? Math.max(...times) : Math.min(...times);
      eligible = Math.max(eligible, Math.min(met, view.startTime));
    }
    waitSum += view.startTime - eligible;
    const r = view.spec.request;
    allocated += r.perNode.cpuMilli * r.nodeCount * (view.endTime - view.startTime);
  }
  let work = 0;
  let steps = 0;
  let stepsCompleted = 0;
  let rejected = 0;
  let inJobWait = 0;
  let inJobCount = 0;
  for (const row of result.steps ?? []) {
    if (row.finalState === 'Rejected') {
      rejected++;
      continue;
    }
    steps++;
    if (row.finalState === 'Completed') stepsCompleted++;
    if (Number.isFinite(row.startTime) && Number.isFinite(row.endTime)) work += row.cpuMilli * (row.endTime - row.startTime);
    if (row.role === 'common' && Number.isFinite(row.configuredTime)) {
      inJobWait += row.configuredTime - row.submitTime;
      inJobCount++;
    }
  }
  let responses = 0;
  let responseCount = 0;
  for (const g of groups.values()) {
    if (!Number.isFinite(g.end)) continue;
    responses += g.end - g.submit;
    responseCount++;
  }
  const cpus = cluster.nodes.reduce((sum, n) => sum + n.cpuMilli, 0);
  const makespan = Number.isFinite(first) && Number.isFinite(last) ? last - first : 0;
  const p = result.podStats;
  const sandbox = p?.sandboxMs ?? 0;
  const starts = p?.containerStartMs ?? 0;
  return {
    jobs: result.jobs.length,
    jobs_completed: completed,
    jobs_rejected: result.rejected.length,
    steps,
    steps_completed: stepsCompleted,
    steps_rejected: rejected,
    mean_queue_wait: round(started === 0 ? 0 : waitSum / started / S),
    total_queue_wait: round(waitSum / S),
    mean_step_wait_in_job: round(inJobCount === 0 ? 0 : inJobWait / inJobCount / S),
    mean_pipeline_response: round(responseCount === 0 ? 0 : responses / responseCount / S),
    sandboxes: p?.sandboxes ?? 0,
    sandbox_time: round(sandbox / S),
    sandbox_failures: p?.sandboxFailures ?? 0,
    image_pulls: (p?.imageMisses ?? 0) + (p?.imageRefreshes ?? 0),
    pulled_mib: round(p?.pulledMiB ?? 0, 1),
    pull_time: round((p?.pullMs ?? 0) / S),
    container_start_time: round(starts / S),
    startup_overhead: round((sandbox + starts) / S),
    allocation_utilization: round(allocated === 0 ? 0 : work / allocated, 4),
    cluster_utilization: round(cpus === 0 || makespan === 0 ? 0 : work / (cpus * makespan), 4),
    makespan: round(makespan / S),
  };
}
