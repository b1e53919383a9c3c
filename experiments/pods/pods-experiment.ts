import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterSpec, StepOrder } from '../../core/index.js';
import type { ContainerCosts } from '../../runtime-sim/index.js';
import type { ContainerJob } from '../../traces/container/index.js';
import type { PodRunMetrics } from '../metrics/pod-metrics.js';
import { writeJobsCsv } from '../output/jobs-csv.js';
import { writeStepsCsv } from '../output/steps-csv.js';
import { barChart, seriesColor } from '../plots/index.js';
import { runContainerJobs, type PodMode } from '../replay/container-replay.js';

export interface PodsExperimentOptions {
  readonly jobs: readonly ContainerJob[];
  readonly cluster: ClusterSpec;
  readonly outDir: string;
  readonly stepOrder?: StepOrder;
  readonly costs?: ContainerCosts;
  /** Described in the outputs (how the workload was made). */
  readonly workloadNote: string;
}

export interface PodsComparison {
  readonly workload: string;
  readonly modes: Readonly<Record<PodMode, PodRunMetrics>>;
}

/** The rows of the comparison table: label, metric, unit. */
export const COMPARISON_ROWS: ReadonlyArray<{ readonly key: keyof PodRunMetrics; readonly label: string; readonly unit: 's' | '%' | '' | 'MiB' }> = [
  { key: 'jobs', label: 'jobs submitted', unit: '' },
  { key: 'mean_queue_wait', label: 'mean queue wait per job (from eligible)', unit: 's' },
  { key: 'total_queue_wait', label: 'total queue wait', unit: 's' },
  { key: 'mean_step_wait_in_job', label: 'mean step wait inside its job', unit: 's' },
  { key: 'sandboxes', label: 'Pod sandboxes started', unit: '' },
  { key: 'sandbox_time', label: 'sandbox start time (summed over nodes)', unit: 's' },
  { key: 'image_pulls', label: 'image pulls', unit: '' },
  { key: 'pulled_mib', label: 'image data pulled', unit: 'MiB' },
  { key: 'pull_time', label: 'image wait (summed)', unit: 's' },
  { key: 'container_start_time', label: 'container start incl. pulls (summed)', unit: 's' },
  { key: 'startup_overhead', label: 'start-up overhead (sandboxes + containers)', unit: 's' },
  { key: 'allocation_utilization', label: 'allocation utilization (work / allocated CPU time)', unit: '%' },
  { key: 'cluster_utilization', label: 'cluster utilization', unit: '%' },
  { key: 'mean_pipeline_response', label: 'mean pipeline response (submit to last end)', unit: 's' },
  { key: 'makespan', label: 'makespan', unit: 's' },
];

const MODES: readonly PodMode[] = ['per-container', 'pods'];

const fmt = (v: number, unit: string): string => (unit === '%' ? `${(v * 100).toFixed(1)}%` : unit === 's' ? v.toFixed(1) : unit === 'MiB' ? v.toFixed(1) : String(v));

/** The comparison as a Markdown table (the README shows one). */
export function comparisonMarkdown(c: PodsComparison): string {
  const lines = ['| metric | one job per container | container jobs reusing the Pod |', '|---|---:|---:|'];
  for (const r of COMPARISON_ROWS) {
    const unit = r.unit === 's' ? ' (s)' : r.unit === 'MiB' ? ' (MiB)' : '';
    lines.push(`| ${r.label}${unit} | ${fmt(c.modes['per-container'][r.key], r.unit)} | ${fmt(c.modes.pods[r.key], r.unit)} |`);
  }
  return lines.join('\n') + '\n';
}

/** The container overhead comparison chart: start-up overheads and queue wait per mode, in minutes. */
export function overheadChart(c: PodsComparison): string {
  const cats: Array<{ label: string; of: (m: PodRunMetrics) => number }> = [
    { label: 'Pod sandboxes', of: (m) => m.sandbox_time },
    { label: 'image waits', of: (m) => m.pull_time },
    { label: 'container starts (excl. images)', of: (m) => m.container_start_time - m.pull_time },
    { label: 'queue wait', of: (m) => m.total_queue_wait },
  ];
  return barChart({
    id: 'container-overhead',
    title: 'Container overhead: one job per container vs Pod reuse',
    xLabel: 'where time goes before user work runs',
    yLabel: 'minutes (summed over nodes / jobs)',
    categories: cats.map((x) => x.label),
    series: MODES.map((mode, i) => ({ name: mode === 'pods' ? 'container jobs reusing the Pod' : 'one job per container', color: seriesColor(i), bars: cats.map((x) => ({ value: x.of(c.modes[mode]) / 60 })) })),
  });
}

/**
 * The experiment that shows why Pods matter: one container workload run twice on one cluster,
 * once as one job per container (`splitPodWorkload`) and once as container jobs whose steps reuse
 * the job's allocation and Pod. Writes each run's jobs.csv and steps.csv, comparison.json,
 * comparison.md and the overhead chart (overhead.svg).
 */
export function runPodsExperiment(o: PodsExperimentOptions): { readonly ok: true; readonly value: PodsComparison } | { readonly ok: false; readonly issues: readonly string[] } {
  const modes: Partial<Record<PodMode, PodRunMetrics>> = {};
  for (const mode of MODES) {
    const run = runContainerJobs(o.jobs, { cluster: o.cluster, mode, ...(o.stepOrder === undefined ? {} : { stepOrder: o.stepOrder }), ...(o.costs === undefined ? {} : { costs: o.costs }) });
    if (!run.ok) return run;
    const dir = join(o.outDir, mode);
    mkdirSync(dir, { recursive: true });
    writeJobsCsv(join(dir, 'jobs.csv'), run.value.result);
    writeStepsCsv(join(dir, 'steps.csv'), run.value.result.steps ?? []);
    modes[mode] = run.value.metrics;
  }
  const comparison: PodsComparison = { workload: o.workloadNote, modes: modes as Record<PodMode, PodRunMetrics> };
  writeFileSync(join(o.outDir, 'comparison.json'), JSON.stringify(comparison, null, 2) + '\n');
  writeFileSync(join(o.outDir, 'comparison.md'), `Workload: ${o.workloadNote}\n\n${comparisonMarkdown(comparison)}`);
  writeFileSync(join(o.outDir, 'overhead.svg'), overheadChart(comparison));
  return { ok: true, value: comparison };
}
