import { uniformCluster } from '../../core/index.js';
import { REPLAY_CLOCK_ORIGIN, simulate, type SimulationResult } from '../../runtime-sim/index.js';
import { formatIssue, formatWarning, loadSwfWorkload, type SwfLoadResult, type SwfWorkload } from '../../traces/index.js';
import { loadScenario } from '../../traces/scenario/index.js';
import { formatUnsupported, prepareScenario } from '../scenario/index.js';
import type { RunMetrics } from '../metrics/run-metrics.js';
import type { PodRunMetrics } from '../metrics/pod-metrics.js';
import { computeContainerRun } from './container-run.js';
import type { RunTask } from './plan.js';
import { fairShareSetting, resolveProfile, traceProfileProblem } from './profiles.js';
import { shakeJobs } from './shaking.js';
import { taskRunMetrics } from './task-metrics.js';
import { scaleLoad, variantProcessors } from './variants.js';

/** result.json of one run: what was simulated (machine, trace facts) and its metrics. */
export interface RunRecord {
  readonly key: string;
  readonly processors: number;
  /** Where the machine size came from: the trace header, the trace spec, or the variant. */
  readonly processors_from: 'MaxProcs' | 'MaxNodes' | 'trace' | 'variant' | 'scenario';
  readonly trace_jobs: number;
  readonly warnings: readonly string[];
  readonly unix_start_time: number | null;
  readonly time_zone: string | null;
  readonly events: number;
  readonly metrics: RunMetrics;
  /** Container workloads only: queue waits, start-up overheads, allocation use (container-run.ts). */
  readonly containers?: PodRunMetrics;
}

export type RunComputation =
  | { readonly ok: true; readonly record: RunRecord; readonly result: SimulationResult }
  | { readonly ok: false; readonly message: string };

/** Loaded traces, kept while a worker runs several runs of the same trace (a few at most). */
const traceCache = new Map<string, Promise<SwfLoadResult>>();
const TRACE_CACHE_SIZE = 4;

function loadTrace(file: string, missingEstimate: RunTask['trace']['missingEstimate'], processors: number | undefined): Promise<SwfLoadResult> {
  const id = `${file}\0${missingEstimate}\0${processors ?? ''}`;
  let loading = traceCache.get(id);
  if (loading === undefined) {
    loading = loadSwfWorkload(file, { missingEstimate, ...(processors === undefined ? {} : { processors }) });
    traceCache.set(id, loading);
    if (traceCache.size > TRACE_CACHE_SIZE) traceCache.delete(traceCache.keys().next().value!);
  }
  return loading;
}

/**
 * Computes one run: loads the trace (with the variant's machine size), scales the load, shakes it
 * with the seed, replays it under the profile, and computes the metrics. Deterministic.
 */
export async function computeRun(task: RunTask, onProgress?: (finished: number, total: number) => void): Promise<RunComputation> {
  if (task.trace.kind === 'scenario') return computeScenarioRun(task, onProgress);
  if (task.trace.kind === 'container') return computeContainerRun(task, onProgress);
  const problem = traceProfileProblem(task.profile);
  if (problem !== null) return { ok: false, message: problem };
  const base = await loadTrace(task.trace.file, task.trace.missingEstimate, task.trace.processors);
  if (!base.ok) return { ok: false, message: formatIssue(base.error) };
  let workload: SwfWorkload = base.value;
  const processors = variantProcessors(task.variant, workload.processors);
  if (processors !== workload.processors) {
    const resized = await loadTrace(task.trace.file, task.trace.missingEstimate, processors);
    if (!resized.ok) return { ok: false, message: formatIssue(resized.error) };
    workload = resized.value;
  }
  const jobs = shakeJobs(scaleLoad(workload.jobs, task.variant), task.seed, task.shaking);
  const cluster = uniformCluster(processors);
  const profile = resolveProfile(task.profile);
  const result = simulate(jobs, {
    cluster,
    planner: profile.planner,
    ...(profile.order === undefined ? {} : { order: profile.order }),
    validate: task.validate,
    clockOrigin: REPLAY_CLOCK_ORIGIN,
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  const metrics = taskRunMetrics(result, task.metrics, cluster.nodes);
  const processorsFrom: RunRecord['processors_from'] =
    processors !== base.value.processors ? 'variant' : base.value.processorsFrom === 'option' ? 'trace' : base.value.processorsFrom;
  const record: RunRecord = {
    key: task.key,
    processors,
    processors_from: processorsFrom,
    trace_jobs: workload.jobs.length,
    warnings: workload.warnings.map(formatWarning),
    unix_start_time: workload.header.unixStartTime ?? null,
    time_zone: workload.header.timeZoneString ?? null,
    events: result.events,
    metrics,
  };
  return { ok: true, record, result };
}

/** Loaded scenarios, kept while a worker runs several runs of the same one. */
const scenarioCache = new Map<string, ReturnType<typeof loadScenario>>();

/**
 * One run of a scenario: its cluster, accounts (admission), queue order and admin events as the
 * scenario says, the profile's planner, the variant's load scaling and the seed's shaking. A
 * variant cannot resize a scenario's machine (its cluster file fixes it).
 */
async function computeScenarioRun(task: RunTask, onProgress?: (finished: number, total: number) => void): Promise<RunComputation> {
  if (task.variant.processors !== undefined || task.variant.machineScale !== undefined) {
    return { ok: false, message: `variant '${task.variant.name}' resizes the machine, but a scenario's machine is its cluster file (${task.trace.file})` };
  }
  let loading = scenarioCache.get(task.trace.file);
  if (loading === undefined) {
    loading = loadScenario(task.trace.file);
    scenarioCache.set(task.trace.file, loading);
    if (scenarioCache.size > TRACE_CACHE_SIZE) scenarioCache.delete(scenarioCache.keys().next().value!);
  }
  const loaded = await loading;
  if (!loaded.ok) return { ok: false, message: loaded.issues.map(formatIssue).join('\n') };
  const scenario = loaded.value;
  const fairShare = fairShareSetting(task.profile);
  const prepared = await prepareScenario(scenario, { policy: task.profile.backfill, ...(fairShare === undefined ? {} : { fairShare }), ignoreUnsupported: task.trace.ignoreUnsupported === true, validate: task.validate });
  if (!prepared.ok) {
    return {
      ok: false,
      message: prepared.kind === 'profile' ? `${prepared.axis}: ${prepared.message}` : [...prepared.unsupported.map(formatUnsupported), "set 'ignoreUnsupported: true' on the trace to skip these"].join('\n'),
    };
  }
  const p = prepared.value;
  const jobs = shakeJobs(scaleLoad(p.jobs, task.variant), task.seed, task.shaking);
  const result = simulate(jobs, { ...p.options, validate: task.validate, clockOrigin: REPLAY_CLOCK_ORIGIN, ...(onProgress === undefined ? {} : { onProgress }) });
  const nodes = scenario.cluster.nodes;
  const metrics = taskRunMetrics(result, task.metrics, nodes);
  const record: RunRecord = {
    key: task.key,
    processors: Math.floor(nodes.reduce((s, n) => s + n.cpuMilli, 0) / 1000),
    processors_from: 'scenario',
    trace_jobs: p.jobs.length,
    warnings: [...loaded.warnings.map(formatIssue), ...scenario.workload.warnings.map(formatWarning), ...p.notes],
    unix_start_time: null,
    time_zone: null,
    events: result.events,
    metrics,
  };
  return { ok: true, record, result };
}
