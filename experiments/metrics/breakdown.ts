import { compareStrings } from './fairness.js';
import type { JobRow } from './job-table.js';
import { mean, quantileSorted, sortedCopy } from './stats.js';

/** Metrics of the finished jobs of one group (a partition, QoS, account or size class); seconds. */
export interface GroupStats {
  readonly key: string;
  readonly jobs: number;
  /** CPU time delivered to the group (CPUs x execution seconds). */
  readonly cpu_seconds: number;
  readonly mean_wait: number;
  readonly p95_wait: number;
  readonly mean_bounded_slowdown: number;
  readonly p95_bounded_slowdown: number;
}

/** How a breakdown's groups are ordered: by key, by delivered CPU time (largest first), or as given. */
export type GroupOrder = { readonly by: 'key' } | { readonly by: 'usage' } | { readonly by: 'given'; readonly keys: readonly string[] };

/** Groups finished jobs by `keyOf` and summarizes each group; ties always break by key. */
export function breakdown(rows: readonly JobRow[], keyOf: (row: JobRow) => string, order: GroupOrder): GroupStats[] {
  const groups = new Map<string, { waits: number[]; bsld: number[]; cpu: number }>();
  for (const row of rows) {
    const m = row.metrics;
    if (m === undefined) continue;
    const key = keyOf(row);
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = { waits: [], bsld: [], cpu: 0 }));
    g.waits.push(m.wait);
    g.bsld.push(m.boundedSlowdown);
    g.cpu += row.cpus * m.execution;
  }
  const stats = [...groups].map(([key, g]): GroupStats => ({
    key,
    jobs: g.waits.length,
    cpu_seconds: round6(g.cpu),
    mean_wait: round6(mean(g.waits)),
    p95_wait: round6(quantileSorted(sortedCopy(g.waits), 0.95)),
    mean_bounded_slowdown: round6(mean(g.bsld)),
    p95_bounded_slowdown: round6(quantileSorted(sortedCopy(g.bsld), 0.95)),
  }));
  switch (order.by) {
    case 'key':
      return stats.sort((a, b) => compareStrings(a.key, b.key));
    case 'usage':
      return stats.sort((a, b) => b.cpu_seconds - a.cpu_seconds || compareStrings(a.key, b.key));
    case 'given': {
      const rank = new Map(order.keys.map((k, i) => [k, i]));
      return stats.sort((a, b) => (rank.get(a.key) ?? Infinity) - (rank.get(b.key) ?? Infinity) || compareStrings(a.key, b.key));
    }
  }
}

/** Six decimals: the same digits on every run, short in JSON and CSV. */
export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
