import type { ProfileResult, ResultGroup } from '../experiment/results.js';
import { meanOfLists } from '../metrics/aggregate.js';
import { meanWithCi } from '../metrics/confidence.js';
import { sizeClasses } from '../metrics/size-class.js';
import { OTHER_ACCOUNTS } from '../metrics/usage-series.js';
import { barChart, heatmap, lineChart, seriesColor, stackedArea, type Point } from '../plots/index.js';
import { slug } from './html.js';

/** One figure of a report section: an SVG and the caption under it. */
export interface Figure {
  readonly id: string;
  readonly svg: string;
  readonly caption: string;
}

/**
 * A chart of the report: given one (trace, variant) group, it draws zero or more figures (none when
 * it has no data for the group, e.g. a container chart on an SWF trace).
 *
 * Extension point: a new chart is one `ReportChart` added to `REPORT_CHARTS`. A chart that compares
 * across groups (the container overhead comparison puts a workload's variants side by side) reads
 * `all` and draws in one of them.
 */
export interface ReportChart {
  readonly id: string;
  readonly figures: (group: ResultGroup, all: readonly ResultGroup[]) => readonly Figure[];
}

const DAY = 86400;

export const REPORT_CHARTS: readonly ReportChart[] = [
  { id: 'wait-cdf', figures: (g) => [waitCdf(g)] },
  { id: 'bsld-by-size', figures: (g) => [bsldBySize(g)] },
  { id: 'utilization', figures: (g) => [overTime(g, 'utilization')] },
  { id: 'queue-length', figures: (g) => [overTime(g, 'queue_length')] },
  { id: 'allocation-heatmap', figures: (g) => g.profiles.map((p) => allocation(g, p)) },
  { id: 'account-usage', figures: (g) => accountUsage(g) },
  { id: 'container-overhead', figures: (g, all) => containerOverhead(g, all) },
];

/**
 * The container overhead comparison (container workloads): where time goes before user work runs
 * (Pod sandboxes, image waits, container starts) and queue wait, in minutes summed over nodes and
 * jobs, one bar per (variant, profile): the `containers: per-container` and `pods` variants side by
 * side. Drawn once per workload, in its first section; across-seed means with 95% CI whiskers.
 */
function containerOverhead(g: ResultGroup, all: readonly ResultGroup[]): Figure[] {
  if (g.trace.kind !== 'container') return [];
  const siblings = all.filter((x) => x.trace.name === g.trace.name);
  if (siblings[0] !== g) return [];
  type C = NonNullable<ProfileResult['runs'][number]['record']['containers']>;
  const cats: ReadonlyArray<{ label: string; of: (c: C) => number }> = [
    { label: 'Pod sandboxes', of: (c) => c.sandbox_time },
    { label: 'image waits', of: (c) => c.pull_time },
    { label: 'container starts (excl. images)', of: (c) => c.container_start_time - c.pull_time },
    { label: 'queue wait', of: (c) => c.total_queue_wait },
  ];
  const series = siblings.flatMap((s) => s.profiles.map((p) => ({ name: siblings.length > 1 ? `${s.variant.name} / ${p.profile.name}` : p.profile.name, runs: p.runs })));
  const id = groupId(g, 'container-overhead');
  return [
    {
      id,
      svg: barChart({
        id,
        title: 'Container overhead comparison',
        xLabel: 'where time goes before user work runs',
        yLabel: 'minutes (summed over nodes and jobs)',
        categories: cats.map((c) => c.label),
        series: series.map((s, i) => ({
          name: s.name,
          color: seriesColor(i),
          bars: cats.map((c) => {
            const values = s.runs.flatMap((r) => (r.record.containers === undefined ? [] : [c.of(r.record.containers) / 60]));
            if (values.length === 0) return null;
            const ci = meanWithCi(values);
            return ci.halfWidth === null ? { value: ci.mean } : { value: ci.mean, low: ci.mean - ci.halfWidth, high: ci.mean + ci.halfWidth };
          }),
        })),
      }),
      caption: `Start-up overheads and queue wait of ${g.trace.name} per variant and profile (a variant's \`containers\` says how the workload was submitted: one job per container, or container jobs reusing their Pod).`,
    },
  ];
}

function groupId(g: ResultGroup, chart: string, profile?: string): string {
  return [chart, slug(g.trace.name), slug(g.variant.name), ...(profile === undefined ? [] : [slug(profile)])].join('--');
}

function seedNote(p: ProfileResult): string {
  return p.runs.length === 1 ? `seed ${p.reference.run.seed}` : `${p.runs.length} seeds`;
}

/** The wait-time CDF per profile: quantile functions averaged over seeds (Vincentization). */
function waitCdf(g: ResultGroup): Figure {
  const series = g.profiles.map((p, i) => {
    const q = meanOfLists(p.runs.map((r) => r.record.metrics.wait_quantiles));
    const n = q.length - 1;
    return { name: p.profile.name, color: seriesColor(i), points: q.map((w, k): Point => [w, k / n]) };
  });
  return {
    id: groupId(g, 'wait-cdf'),
    svg: lineChart({ id: groupId(g, 'wait-cdf'), title: 'Wait-time CDF per profile', xLabel: 'wait (log scale; below 1 s drawn at 1 s)', yLabel: 'fraction of jobs', series, x: 'duration-log', yDomain: [0, 1], curve: 'step', yFormat: (v) => `${Math.round(v * 100)}%` }),
    caption: `Fraction of finished jobs that waited at most x. With several seeds, each quantile is the mean over seeds (${seedNote(g.profiles[0]!)}).`,
  };
}

/** Mean bounded slowdown per job-size class, across-seed mean with 95% CI whiskers. */
function bsldBySize(g: ResultGroup): Figure {
  const labels = sizeClasses(g.profiles[0]!.reference.run.task.metrics.sizeClasses).labels;
  const series = g.profiles.map((p, i) => ({
    name: p.profile.name,
    color: seriesColor(i),
    bars: labels.map((label) => {
      const values = p.runs.flatMap((r) => r.record.metrics.breakdowns.size_class.filter((s) => s.key === label).map((s) => s.mean_bounded_slowdown));
      if (values.length === 0) return null;
      const ci = meanWithCi(values);
      return ci.halfWidth === null ? { value: ci.mean } : { value: ci.mean, low: ci.mean - ci.halfWidth, high: ci.mean + ci.halfWidth };
    }),
  }));
  // A log axis when the bars span more than two decades, so small bars stay readable.
  const values = series.flatMap((s) => s.bars.flatMap((b) => (b === null ? [] : [b.value])));
  const spread = values.length === 0 ? 1 : Math.max(...values) / Math.max(1, Math.min(...values));
  return {
    id: groupId(g, 'bsld-by-size'),
    svg: barChart({ id: groupId(g, 'bsld-by-size'), title: 'Bounded slowdown by job size', xLabel: 'job size class (CPUs requested)', yLabel: 'mean bounded slowdown', categories: labels, series, yScale: spread > 100 ? 'log' : 'linear' }),
    caption: 'Mean bounded slowdown of the jobs in each size class. Whiskers: 95% confidence interval across seeds (Student t), when there are several seeds.',
  };
}

/** Utilization or queue length over time, one line per profile (the reference seed's run). */
function overTime(g: ResultGroup, what: 'utilization' | 'queue_length'): Figure {
  const t0 = Math.min(...g.profiles.map((p) => p.reference.record.metrics.series.start));
  const series = g.profiles.map((p, i) => {
    const s = p.reference.record.metrics.series;
    const values = s[what];
    const points = values.map((v, k): Point => [(s.start + k * s.bucket_seconds - t0) / DAY, v]);
    if (values.length > 0) points.push([(s.start + values.length * s.bucket_seconds - t0) / DAY, values[values.length - 1]!]);
    return { name: p.profile.name, color: seriesColor(i), points };
  });
  const util = what === 'utilization';
  const id = groupId(g, util ? 'utilization' : 'queue-length');
  const p0 = g.profiles[0]!;
  return {
    id,
    svg: lineChart({
      id,
      title: util ? 'Utilization over time' : 'Queue length over time',
      xLabel: 'days since the first submission',
      yLabel: util ? 'busy CPUs / all CPUs' : 'pending jobs (time average)',
      series,
      x: 'linear',
      curve: 'step',
      ...(util ? { yDomain: [0, 1] as const, yFormat: (v: number) => `${Math.round(v * 100)}%` } : {}),
    }),
    caption: `${util ? 'Fraction of CPUs allocated' : 'Jobs submitted and not yet started'}, averaged over buckets of ${bucketText(p0.reference.record.metrics.series.bucket_seconds)}; the reference seed's run (seed ${p0.reference.run.seed}) of each profile.`,
  };
}

function allocation(g: ResultGroup, p: ProfileResult): Figure {
  const h = p.reference.record.metrics.heatmap;
  const id = groupId(g, 'allocation-heatmap', p.profile.name);
  return {
    id,
    svg: heatmap({
      id,
      title: `Node allocation: ${p.profile.name}`,
      xLabel: 'days since the first submission',
      yLabel: 'node',
      values: h.busy,
      xStart: 0,
      xStep: h.bucket_seconds / DAY,
      yExtent: [0, h.nodes],
      width: 640,
      height: 260,
    }),
    caption: `Fraction of time each node (${h.groups === h.nodes ? 'one row per node' : `rows of about ${Math.round(h.nodes / h.groups)} nodes`}) was allocated, in buckets of ${bucketText(h.bucket_seconds)}; seed ${p.reference.run.seed}.`,
  };
}

/** Per-account share of the machine over time, stacked, one chart per profile. */
function accountUsage(g: ResultGroup): Figure[] {
  // One color per account across the group's charts: accounts in order of first appearance.
  const colors = new Map<string, string>();
  for (const p of g.profiles) for (const a of p.reference.record.metrics.series.accounts) if (!colors.has(a)) colors.set(a, a === OTHER_ACCOUNTS ? '#c7c7c7' : seriesColor(colors.size));
  return g.profiles.map((p) => {
    const s = p.reference.record.metrics.series;
    const id = groupId(g, 'account-usage', p.profile.name);
    const xs = s.utilization.map((_, k) => (k * s.bucket_seconds) / DAY);
    return {
      id,
      svg: stackedArea({
        id,
        title: `Usage by account: ${p.profile.name}`,
        xLabel: 'days since the first submission',
        yLabel: 'share of all CPUs',
        xs,
        xEnd: (s.utilization.length * s.bucket_seconds) / DAY,
        series: s.accounts.map((a, i) => ({ name: a === '' ? '(none)' : a, color: colors.get(a)!, values: s.account_usage[i]! })),
        yMax: 1,
        yFormat: (v) => `${Math.round(v * 100)}%`,
      }),
      caption: `CPU share delivered to the ${s.accounts.length - (s.accounts.includes(OTHER_ACCOUNTS) ? 1 : 0)} largest accounts (the rest as 'other'), per bucket of ${bucketText(s.bucket_seconds)}; seed ${p.reference.run.seed}.`,
    };
  });
}

function bucketText(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
