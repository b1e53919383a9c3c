import type { ProfileResult, ResultGroup } from '../experiment/results.js';
import { describeProfile } from '../experiment/profiles.js';
import type { GroupStats } from '../metrics/breakdown.js';
import { meanWithCi, type MeanWithCi } from '../metrics/confidence.js';
import { CONTAINER_METRIC_KEYS, type ContainerMetricKey } from '../metrics/pod-metrics.js';
import { RUN_METRIC_KEYS, type RunMetricKey } from '../metrics/run-metrics.js';
import { seriesColor } from '../plots/index.js';
import { duration, esc, percent, sig, table, type Cell } from './html.js';

type Unit = 'duration' | 'ratio' | 'percent' | 'count' | 'index';

/** How each metric is shown. */
const UNITS: Readonly<Record<RunMetricKey, Unit>> = {
  jobs: 'count',
  jobs_finished: 'count',
  jobs_rejected: 'count',
  jobs_killed_at_limit: 'count',
  mean_wait: 'duration',
  median_wait: 'duration',
  p95_wait: 'duration',
  max_wait: 'duration',
  mean_response: 'duration',
  median_response: 'duration',
  p95_response: 'duration',
  max_response: 'duration',
  mean_slowdown: 'ratio',
  median_slowdown: 'ratio',
  p95_slowdown: 'ratio',
  max_slowdown: 'ratio',
  mean_bounded_slowdown: 'ratio',
  median_bounded_slowdown: 'ratio',
  p95_bounded_slowdown: 'ratio',
  max_bounded_slowdown: 'ratio',
  utilization: 'percent',
  makespan: 'duration',
  mean_queue_length: 'ratio',
  max_queue_length: 'count',
  jain_users_bsld: 'index',
  jain_accounts_bsld: 'index',
  jain_account_share: 'index',
};

function show(unit: Unit, x: number): string {
  switch (unit) {
    case 'duration':
      return duration(x);
    case 'ratio':
      return sig(x);
    case 'percent':
      return percent(x);
    case 'count':
      return Number.isInteger(x) ? String(x) : sig(x);
    case 'index':
      return x.toFixed(3);
  }
}

/** `mean ± half-width` in the metric's unit (the CI only when there are several seeds). */
function withCi(key: RunMetricKey, a: MeanWithCi): Cell {
  return inUnit(UNITS[key], a);
}

function inUnit(unit: Unit, a: MeanWithCi): Cell {
  const main = esc(show(unit, a.mean));
  if (a.halfWidth === null) return { html: main };
  const hw = unit === 'percent' ? `${(a.halfWidth * 100).toFixed(1)} pp` : show(unit, a.halfWidth);
  return { html: `${main} <span class="ci">± ${esc(hw)}</span>` };
}

const HEADLINE: readonly RunMetricKey[] = [
  'mean_wait',
  'p95_wait',
  'mean_bounded_slowdown',
  'p95_bounded_slowdown',
  'utilization',
  'makespan',
  'mean_queue_length',
  'jain_users_bsld',
  'jain_accounts_bsld',
];

/** Column headings of the headline table. */
const LABELS: Readonly<Partial<Record<RunMetricKey, string>>> = {
  mean_wait: 'mean wait',
  p95_wait: 'p95 wait',
  mean_bounded_slowdown: 'mean bsld',
  p95_bounded_slowdown: 'p95 bsld',
  utilization: 'utilization',
  makespan: 'makespan',
  mean_queue_length: 'mean queue',
  jain_users_bsld: 'Jain (users)',
  jain_accounts_bsld: 'Jain (accounts)',
};

const swatch = (i: number, name: string): Cell => ({ html: `<span class="swatch" style="background:${seriesColor(i)}"></span>${esc(name)}` });

/** The headline comparison: one row per profile, across-seed means with 95% CIs. */
export function headlineTable(g: ResultGroup): string {
  const rows = g.profiles.map((p, i) => [swatch(i, p.profile.name), describeProfile(p.profile), { num: String(p.runs.length) }, ...HEADLINE.map((k) => withCi(k, p.aggregate[k]))]);
  return table(
    ['profile', 'settings', 'seeds', ...HEADLINE.map((k) => LABELS[k] ?? k)],
    rows,
    "Across-seed mean ± half-width of the 95% confidence interval (Student t, n - 1 degrees of freedom). bsld: bounded slowdown (tau = 10 s). Jain: Jain's fairness index of the per-user (per-account) mean bounded slowdown; 1 = all equal.",
  );
}

/** Every metric (rows) by profile (columns). */
export function allMetricsTable(g: ResultGroup): string {
  const rows = RUN_METRIC_KEYS.map((k) => [k, ...g.profiles.map((p) => withCi(k, p.aggregate[k]))]);
  return table(['metric', ...g.profiles.map((p) => p.profile.name)], rows);
}

/** One row per run. */
export function perSeedTable(g: ResultGroup): string {
  const keys: readonly RunMetricKey[] = ['mean_wait', 'p95_wait', 'mean_bounded_slowdown', 'utilization', 'makespan', 'max_queue_length'];
  const rows = g.profiles.flatMap((p) =>
    p.runs.map((r) => {
      const key = esc(r.run.task.key);
      const jobs = r.run.task.jobsCsv ? ` <a href="runs/${key}/jobs.csv">jobs.csv</a>` : '';
      return [p.profile.name, { num: String(r.run.seed) }, ...keys.map((k) => ({ num: show(UNITS[k], r.record.metrics.scalars[k]) })), { html: `<code>${key}</code>${jobs}` }];
    }),
  );
  return table(['profile', 'seed', ...keys, 'run (cache key)'], rows, 'Each run is stored in runs/<key>/ beside this report.');
}

/** Job-size classes: across-seed mean of each class's mean wait and mean bounded slowdown. */
export function sizeClassTable(g: ResultGroup): string {
  const labels = [...new Set(g.profiles.flatMap((p) => p.reference.record.metrics.breakdowns.size_class.map((s) => s.key)))];
  const cell = (p: ProfileResult, label: string, pick: (s: GroupStats) => number, unit: Unit): Cell => {
    const values = p.runs.flatMap((r) => r.record.metrics.breakdowns.size_class.filter((s) => s.key === label).map(pick));
    return values.length === 0 ? '' : { num: show(unit, meanWithCi(values).mean) };
  };
  const rows = labels.map((label) => {
    const jobs = g.profiles[0]!.reference.record.metrics.breakdowns.size_class.find((s) => s.key === label)?.jobs ?? 0;
    return [label, { num: String(jobs) }, ...g.profiles.flatMap((p) => [cell(p, label, (s) => s.mean_wait, 'duration'), cell(p, label, (s) => s.mean_bounded_slowdown, 'ratio')])];
  });
  return table(['size class (CPUs)', 'jobs', ...g.profiles.flatMap((p) => [`${p.profile.name} wait`, `${p.profile.name} bsld`])], rows, 'Means over seeds of the per-class mean wait and mean bounded slowdown.');
}

/** A breakdown (partition, QoS or account) of each profile's reference run, side by side. */
export function breakdownTable(g: ResultGroup, by: 'partition' | 'qos' | 'account', limit: number): string {
  const first = g.profiles[0]!.reference.record.metrics.breakdowns[by];
  const keys = first.slice(0, limit).map((s) => s.key);
  const rows = keys.map((key): Cell[] => {
    const base = first.find((s) => s.key === key)!;
    return [
      key === '' ? '(none)' : key,
      { num: String(base.jobs) },
      { num: sig(base.cpu_seconds / 3600) },
      ...g.profiles.flatMap((p): Cell[] => {
        const s = p.reference.record.metrics.breakdowns[by].find((x) => x.key === key);
        return s === undefined ? ['', ''] : [{ num: duration(s.mean_wait) }, { num: sig(s.mean_bounded_slowdown) }];
      }),
    ];
  });
  const more = first.length > limit ? ` The ${limit} largest of ${first.length} by CPU time.` : '';
  return table([by, 'jobs', 'CPU hours', ...g.profiles.flatMap((p) => [`${p.profile.name} wait`, `${p.profile.name} bsld`])], rows, `Reference seed's runs.${more}`);
}

/** Delivered against configured share for the largest accounts (reference seed's runs). */
export function shareTable(g: ResultGroup, limit: number): string {
  const p0 = g.profiles[0]!.reference.record.metrics;
  const top = [...p0.shares].sort((a, b) => b.delivered - a.delivered || (a.account < b.account ? -1 : 1)).slice(0, limit);
  const rows = top.map((s) => [s.account === '' ? '(none)' : s.account, { num: percent(s.configured) }, ...g.profiles.map((p) => ({ num: percent(p.reference.record.metrics.shares.find((x) => x.account === s.account)?.delivered ?? 0) }))]);
  return table(
    ['account', 'configured share', ...g.profiles.map((p) => `${p.profile.name} delivered`)],
    rows,
    "Share of delivered CPU time against the configured share (metrics.shares; equal shares when none are configured). Over a complete replay every job runs, so delivered shares are the workload's; policies differ in when they deliver them (see usage over time).",
  );
}

/** How each container metric is shown (times in seconds, summed over nodes where the metric says so). */
const CONTAINER_UNITS: Readonly<Record<ContainerMetricKey, Unit>> = {
  jobs_completed: 'count',
  steps: 'count',
  steps_completed: 'count',
  steps_rejected: 'count',
  mean_queue_wait: 'duration',
  total_queue_wait: 'duration',
  mean_step_wait_in_job: 'duration',
  mean_pipeline_response: 'duration',
  sandboxes: 'count',
  sandbox_time: 'duration',
  sandbox_failures: 'count',
  image_pulls: 'count',
  pulled_mib: 'count',
  pull_time: 'duration',
  container_start_time: 'duration',
  startup_overhead: 'duration',
  allocation_utilization: 'percent',
  cluster_utilization: 'percent',
};

/**
 * Container workloads: every container metric (rows) by profile (columns), across-seed means with
 * 95% CIs; empty for SWF traces and scenarios (their runs have no container metrics).
 */
export function containerTable(g: ResultGroup): string {
  const profiles = g.profiles.filter((p) => p.containers !== undefined);
  if (profiles.length === 0) return '';
  const rows = CONTAINER_METRIC_KEYS.map((k) => [k, ...profiles.map((p) => inUnit(CONTAINER_UNITS[k], p.containers![k]))]);
  return table(
    ['metric', ...profiles.map((p) => p.profile.name)],
    rows,
    "The container columns of summary.csv: Pod sandboxes, image pulls and container starts (their times summed over nodes), queue and in-job step waits, per-pipeline response, and how much of the allocated and of the cluster's CPU time did work (README: 'Container workloads').",
  );
}
