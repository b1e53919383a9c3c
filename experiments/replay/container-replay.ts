import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makePlanner, type ClusterSpec, type StepOrder } from '../../core/index.js';
import { simulate, type ContainerCosts, type SimulationResult } from '../../runtime-sim/index.js';
import { formatIssue } from '../../traces/index.js';
import { loadClusterConfig } from '../../traces/config/index.js';
import { containerJobsToSim, loadContainerWorkload, type ContainerJob } from '../../traces/container/index.js';
import { splitPodWorkload } from '../../traces/generators/index.js';
import { podRunMetrics, type PodRunMetrics } from '../metrics/pod-metrics.js';
import { writeJobsCsv } from '../output/jobs-csv.js';
import { writeStepsCsv } from '../output/steps-csv.js';

/** The cluster a container workload runs on when none is given (from the package, wherever it runs). */
export const DEFAULT_POD_CLUSTER = fileURLToPath(new URL('../../../experiments/examples/pods/cluster.yaml', import.meta.url));

/**
 * How a container workload is submitted: `pods` as written (container jobs whose steps share one
 * allocation and one Pod), or `per-container`, each container a job of its own (traces/generators
 * `splitPodWorkload`: `ccon run` per container, chained with dependencies).
 */
export type PodMode = 'pods' | 'per-container';

export interface ContainerRunOptions {
  readonly cluster: ClusterSpec;
  readonly mode: PodMode;
  readonly stepOrder?: StepOrder;
  /** Schedule pending steps every this many ms (CraneSched: 100) instead of at once. */
  readonly stepCycle?: number;
  readonly costs?: ContainerCosts;
  readonly validate?: boolean;
  readonly onProgress?: (finished: number, total: number) => void;
}

export interface ContainerRun {
  readonly result: SimulationResult;
  readonly metrics: PodRunMetrics;
}

/** Runs container jobs on a cluster under the cranesched planner (container jobs need its resource-aware placement). */
export function runContainerJobs(jobs: readonly ContainerJob[], o: ContainerRunOptions): { readonly ok: true; readonly value: ContainerRun } | { readonly ok: false; readonly issues: readonly string[] } {
  const submitted = o.mode === 'pods' ? jobs : splitPodWorkload(jobs);
  const sim = containerJobsToSim(submitted, o.cluster);
  if (!sim.ok) return sim;
  const parentOf = new Map<string, string>();
  for (const j of submitted) parentOf.set(j.id, typeof j.meta?.['splitFrom'] === 'string' ? (j.meta['splitFrom'] as string) : j.id);
  const result = simulate(sim.value, {
    cluster: o.cluster,
    planner: makePlanner('cranesched')!,
    validate: o.validate !== false,
    ...(o.stepOrder === undefined ? {} : { stepOrder: o.stepOrder }),
    ...(o.stepCycle === undefined ? {} : { stepCycle: o.stepCycle }),
    ...(o.costs === undefined ? {} : { containerCosts: o.costs }),
    ...(o.onProgress === undefined ? {} : { onProgress: o.onProgress }),
  });
  return { ok: true, value: { result, metrics: podRunMetrics(result, o.cluster, (id) => parentOf.get(id) ?? id) } };
}

export interface ContainerReplayOptions {
  readonly workload: string;
  readonly cluster?: string;
  readonly outDir: string;
  readonly mode: PodMode;
  readonly stepOrder: StepOrder;
  readonly stepCycle?: number;
  readonly validate?: boolean;
  readonly onProgress?: (finished: number, total: number) => void;
}

/** summary.json of a container replay. */
export interface ContainerReplayReport {
  readonly workload: string;
  readonly cluster: string;
  readonly policy: 'cranesched';
  readonly mode: PodMode;
  readonly step_order: StepOrder;
  readonly metrics: PodRunMetrics;
}

export type ContainerReplayRun =
  | { readonly ok: true; readonly value: { readonly report: ContainerReplayReport; readonly files: { readonly jobs: string; readonly steps: string; readonly summary: string } } }
  | { readonly ok: false; readonly errors: readonly string[] };

/** `cranelab replay <workload.jsonl>`: loads the workload and the cluster, runs it, writes jobs.csv, steps.csv and summary.json. */
export async function runContainerReplay(o: ContainerReplayOptions): Promise<ContainerReplayRun> {
  const clusterFile = o.cluster ?? DEFAULT_POD_CLUSTER;
  const cluster = await loadClusterConfig(clusterFile);
  if (!cluster.ok) return { ok: false, errors: cluster.issues.map(formatIssue) };
  const workload = await loadContainerWorkload(o.workload);
  if (!workload.ok) return { ok: false, errors: workload.issues.map(formatIssue) };
  const run = runContainerJobs(workload.value.jobs, {
    cluster: cluster.value,
    mode: o.mode,
    stepOrder: o.stepOrder,
    ...(o.stepCycle === undefined ? {} : { stepCycle: o.stepCycle }),
    ...(o.validate === undefined ? {} : { validate: o.validate }),
    ...(o.onProgress === undefined ? {} : { onProgress: o.onProgress }),
  });
  if (!run.ok) return { ok: false, errors: run.issues.map((i) => `${o.workload}: ${i}`) };
  const report: ContainerReplayReport = { workload: basename(o.workload), cluster: basename(clusterFile), policy: 'cranesched', mode: o.mode, step_order: o.stepOrder, metrics: run.value.metrics };
  mkdirSync(o.outDir, { recursive: true });
  const files = { jobs: join(o.outDir, 'jobs.csv'), steps: join(o.outDir, 'steps.csv'), summary: join(o.outDir, 'summary.json') };
  writeJobsCsv(files.jobs, run.value.result);
  writeStepsCsv(files.steps, run.value.result.steps ?? []);
  writeFileSync(files.summary, JSON.stringify(report, null, 2) + '\n');
  return { ok: true, value: { report, files } };
}
