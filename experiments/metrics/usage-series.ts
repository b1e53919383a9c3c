import { compareStrings } from './fairness.js';
import type { JobRow } from './job-table.js';
import { round4, spread, timeAverage, timeGrid, type TimeGrid } from './time-series.js';

/** Machine state over time, in equal buckets (see TimeGrid); all times in trace seconds. */
export interface UsageSeries {
  /** Start of the first bucket (trace seconds). */
  readonly start: number;
  readonly bucket_seconds: number;
  /** Busy CPUs / total CPUs, time-averaged per bucket (0..1). */
  readonly utilization: readonly number[];
  /** Pending jobs (submitted, not yet started), time-averaged per bucket. */
  readonly queue_length: readonly number[];
  /** The accounts plotted: the largest users of CPU time, then `other` when there are more. */
  readonly accounts: readonly string[];
  /** account_usage[a][i]: fraction of the machine used by accounts[a] in bucket i (stacks to utilization). */
  readonly account_usage: readonly (readonly number[])[];
}

/** Fraction of time each group of nodes was allocated, per time bucket: a node-allocation heatmap. */
export interface AllocationHeatmap {
  readonly start: number;
  readonly bucket_seconds: number;
  readonly nodes: number;
  /** Node group g holds nodes [floor(g * nodes / groups), floor((g + 1) * nodes / groups)). */
  readonly groups: number;
  /** busy[g][i]: allocated node-time / (nodes in g x bucket length), 0..1. */
  readonly busy: readonly (readonly number[])[];
}

export const OTHER_ACCOUNTS = 'other';

/** Utilization, queue length and per-account usage over [start, end) ms in at most `buckets` buckets. */
export function usageSeries(rows: readonly JobRow[], capacityCpus: number, range: { readonly start: number; readonly end: number }, buckets: number, topAccounts: number): UsageSeries {
  const grid = timeGrid(range.start, range.end, buckets);
  const busy = new Float64Array(grid.count);
  const queued = new Float64Array(grid.count);
  const totals = new Map<string, number>();
  for (const row of rows) {
    spread(grid, row.submit, Number.isNaN(row.start) ? grid.end : row.start, 1, queued);
    if (Number.isNaN(row.end)) continue;
    spread(grid, row.start, row.end, row.cpus, busy);
    totals.set(row.account, (totals.get(row.account) ?? 0) + row.cpus * (row.end - row.start));
  }
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0])).map(([a]) => a);
  const shown = ranked.length > topAccounts ? ranked.slice(0, topAccounts) : ranked;
  const accounts = ranked.length > topAccounts ? [...shown, OTHER_ACCOUNTS] : shown;
  const index = new Map(shown.map((a, i) => [a, i]));
  const perAccount = new Float64Array(accounts.length * grid.count);
  for (const row of rows) {
    if (Number.isNaN(row.end)) continue;
    const a = index.get(row.account) ?? shown.length;
    spread(grid, row.start, row.end, row.cpus, perAccount, a * grid.count);
  }
  return {
    start: grid.start / 1000,
    bucket_seconds: grid.bucket / 1000,
    utilization: timeAverage(grid, busy, capacityCpus),
    queue_length: timeAverage(grid, queued, 1),
    accounts,
    account_usage: accounts.map((_, a) => timeAverage(grid, perAccount, capacityCpus, a * grid.count)),
  };
}

/** Node allocation over time, nodes folded into at most `maxGroups` groups. */
export function allocationHeatmap(rows: readonly JobRow[], nodes: number, range: { readonly start: number; readonly end: number }, buckets: number, maxGroups: number): AllocationHeatmap {
  const grid: TimeGrid = timeGrid(range.start, range.end, buckets);
  const groups = Math.max(1, Math.min(nodes, maxGroups));
  const groupOf = new Int32Array(nodes);
  const size = new Float64Array(groups);
  for (let n = 0; n < nodes; n++) {
    const g = Math.floor((n * groups) / nodes);
    groupOf[n] = g;
    size[g]! += 1;
  }
  const sums = new Float64Array(groups * grid.count);
  // Count a job's nodes per group first: one spread per group it touches, not per node.
  const perGroup = new Int32Array(groups);
  const touched: number[] = [];
  for (const row of rows) {
    if (Number.isNaN(row.end)) continue;
    for (const node of row.nodes) {
      const g = groupOf[node]!;
      if (perGroup[g]!++ === 0) touched.push(g);
    }
    for (const g of touched) {
      spread(grid, row.start, row.end, perGroup[g]!, sums, g * grid.count);
      perGroup[g] = 0;
    }
    touched.length = 0;
  }
  const busy: number[][] = [];
  for (let g = 0; g < groups; g++) busy.push(timeAverage(grid, sums, size[g]!, g * grid.count).map((x) => round4(Math.min(1, x))));
  return { start: grid.start / 1000, bucket_seconds: grid.bucket / 1000, nodes, groups, busy };
}
