import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makePlanner, type ClusterSpec, type StepOrder } from '../../core/index.js';
import seedrandom from 'seedrandom';
import { resolveContainerCosts, simulate, type ContainerCosts, type SimulationResult } from '../../runtime-sim/index.js';
import { formatIssue } from '../../traces/index.js';
import { loadClusterConfig, readYamlFile } from '../../traces/config/index.js';
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
  /** Uniform [0, 1) source for the cost model's random Pod failures (needed when `podFailureRate` > 0). */
  readonly random?: () => number;
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
    ...(o.random === undefined ? {} : { random: o.random }),
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
  /** A YAML or JSON file of cost-model overrides (the keys of an experiment's `containerCosts`). */
  readonly costs?: string;
  /** Seed of the random Pod failures (`podFailureRate` > 0); default `1`. */
  readonly seed?: string;
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
  /** The cost overrides file, or null for the measured defaults. */
  readonly costs: string | null;
  /** The failure seed, or null when no failures are drawn (`podFailureRate` 0). */
  readonly seed: string | null;
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
  const costs = o.costs === undefined ? undefined : await loadCosts(o.costs);
  if (costs !== undefined && !costs.ok) return costs;
  const seed = costs !== undefined && costs.value.podFailureRate > 0 ? (o.seed ?? '1') : null;
  const run = runContainerJobs(workload.value.jobs, {
    cluster: cluster.value,
    mode: o.mode,
    stepOrder: o.stepOrder,
    ...(o.stepCycle === undefined ? {} : { stepCycle: o.stepCycle }),
    ...(costs === undefined ? {} : { costs: costs.value }),
    // Named as the experiment runner names its failure stream for a seed.
    ...(seed === null ? {} : { random: seedrandom(`cranelab-pod-failure/${seed}`) }),
    ...(o.validate === undefined ? {} : { validate: o.validate }),
    ...(o.onProgress === undefined ? {} : { onProgress: o.onProgress }),
  });
  if (!run.ok) return { ok: false, errors: run.issues.map((i) => `${o.workload}: ${i}`) };
  const report: ContainerReplayReport = {
    workload: basename(o.workload),
    cluster: basename(clusterFile),
    policy: 'cranesched',
    mode: o.mode,
    step_order: o.stepOrder,
    costs: o.costs === undefined ? null : basename(o.costs),
    seed,
    metrics: run.value.metrics,
  };
  mkdirSync(o.outDir, { recursive: true });
  const files = { jobs: join(o.outDir, 'jobs.csv'), steps: join(o.outDir, 'steps.csv'), summary: join(o.outDir, 'summary.json') };
  writeJobsCsv(files.jobs, run.value.result);
  writeStepsCsv(files.steps, run.value.result.steps ?? []);
  writeFileSync(files.summary, JSON.stringify(report, null, 2) + '\n');
  return { ok: true, value: { report, files } };
}

/** A cost overrides file, validated field by field (`file:line: pull.downloadMiBps: expected ...`). */
async function loadCosts(file: string): Promise<{ readonly ok: true; readonly value: ContainerCosts } | { readonly ok: false; readonly errors: readonly string[] }> {
  const yaml = await readYamlFile(file);
  if (!yaml.ok) return { ok: false, errors: yaml.issues.map(formatIssue) };
  const costs = resolveContainerCosts(yaml.value.value ?? {}, '');
  if (costs.ok) return costs;
  return {
    ok: false,
    errors: costs.issues.map((i) => {
      const field = i.field.replace(/^\./, '');
      return formatIssue({ file, line: yaml.value.lineOf(field === '' ? [] : field.split('.')), ...(field === '' ? {} : { field }), message: i.message });
    }),
  };
}
