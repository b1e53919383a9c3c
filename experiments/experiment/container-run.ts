import seedrandom from 'seedrandom';
import { makePlanner } from '../../core/index.js';
import { simulate } from '../../runtime-sim/index.js';
import { formatIssue, formatWarning } from '../../traces/index.js';
import { loadClusterConfig } from '../../traces/config/index.js';
import { containerJobsToSim, loadContainerWorkload } from '../../traces/container/index.js';
import { splitPodWorkload } from '../../traces/generators/index.js';
import { podRunMetrics } from '../metrics/pod-metrics.js';
import { DEFAULT_POD_CLUSTER } from '../replay/container-replay.js';
import type { RunTask } from './plan.js';
import type { RunComputation, RunRecord } from './run-task.js';
import { traceProfileProblem } from './profiles.js';
import { shakeContainerJobs } from './shaking.js';
import { taskRunMetrics } from './task-metrics.js';
import { scaleLoad } from './variants.js';

/**
 * One run of a container workload: its cluster file, the variant's submission mode (`containers:
 * pods | per-container`) and load scaling, the seed's shaking (submit times, and the run times of
 * the primary and of every step: `shakeContainerJobs`), under cranesched. The record carries the container metrics (`containers`)
 * for the report's container overhead comparison.
 */
export async function computeContainerRun(task: RunTask, onProgress?: (finished: number, total: number) => void): Promise<RunComputation> {
  if (task.variant.processors !== undefined || task.variant.machineScale !== undefined) {
    return { ok: false, message: `variant '${task.variant.name}' resizes the machine, but a container workload's machine is its cluster file` };
  }
  const problem = traceProfileProblem(task.profile);
  if (problem !== null) return { ok: false, message: problem };
  if (task.profile.backfill !== 'cranesched') return { ok: false, message: `profile '${task.profile.name}': container workloads run under cranesched (resource-aware placement), not ${task.profile.backfill}` };
  const clusterFile = task.trace.cluster ?? DEFAULT_POD_CLUSTER;
  const cluster = await loadClusterConfig(clusterFile);
  if (!cluster.ok) return { ok: false, message: cluster.issues.map(formatIssue).join('\n') };
  const loaded = await loadContainerWorkload(task.trace.file);
  if (!loaded.ok) return { ok: false, message: loaded.issues.map(formatIssue).join('\n') };
  const mode = task.variant.containers ?? 'pods';
  // Scaled and shaken before the split, so both submission modes of a seed run the same work.
  const shaken = shakeContainerJobs(scaleLoad(loaded.value.jobs, task.variant), task.seed, task.shaking);
  const submitted = mode === 'pods' ? shaken : splitPodWorkload(shaken);
  const sim = containerJobsToSim(submitted, cluster.value);
  if (!sim.ok) return { ok: false, message: sim.issues.join('\n') };
  const parentOf = new Map<string, string>();
  for (const j of submitted) parentOf.set(j.id, typeof j.meta?.['splitFrom'] === 'string' ? (j.meta['splitFrom'] as string) : j.id);
  const jobs = sim.value;
  const costs = task.trace.containerCosts;
  const result = simulate(jobs, {
    cluster: cluster.value,
    planner: makePlanner('cranesched')!,
    validate: task.validate,
    ...(costs === undefined ? {} : { containerCosts: costs }),
    // sandbox failures draw from their own seeded stream (seed 0 included: it shakes nothing, but fails Pods alike)
    ...(costs !== undefined && costs.podFailureRate > 0 ? { random: seedrandom(`cranelab-pod-failure/${task.seed}`) } : {}),
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  const nodes = cluster.value.nodes;
  const cpus = nodes.reduce((s, n) => s + n.cpuMilli, 0) / 1000;
  const record: RunRecord = {
    key: task.key,
    processors: Math.floor(cpus),
    processors_from: 'scenario',
    trace_jobs: jobs.length,
    warnings: loaded.value.warnings.map(formatWarning),
    unix_start_time: null,
    time_zone: null,
    events: result.events,
    metrics: taskRunMetrics(result, task.metrics, nodes),
    containers: podRunMetrics(result, cluster.value, (id) => parentOf.get(id) ?? id),
  };
  return { ok: true, record, result };
}
