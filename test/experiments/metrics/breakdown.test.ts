import { describe, expect, it } from 'vitest';
import { breakdown } from '../../../experiments/metrics/breakdown.js';
import { jobMetrics } from '../../../experiments/metrics/job-metrics.js';
import type { JobRow } from '../../../experiments/metrics/job-table.js';

/** A finished job row in seconds. */
const row = (partition: string, submit: number, start: number, end: number, cpus: number): JobRow => ({
  submit: submit * 1000,
  start: start * 1000,
  end: end * 1000,
  cpus,
  user: 'u',
  account: 'a',
  partition,
  qos: '',
  nodes: [],
  metrics: jobMetrics(submit * 1000, start * 1000, end * 1000),
});

const rows: JobRow[] = [
  row('gpu', 0, 10, 110, 4), // wait 10, bsld 110/100 = 1.1, 400 CPU-s
  row('cpu', 0, 0, 5, 1), // wait 0, bsld max(1, 5/10) = 1, 5 CPU-s
  row('cpu', 0, 45, 50, 2), // wait 45, bsld 50/10 = 5, 10 CPU-s
  { ...row('cpu', 0, 0, 0, 1), start: NaN, end: NaN, metrics: undefined }, // never started: left out
];

describe('breakdowns', () => {
  it('summarizes each group of finished jobs', () => {
    expect(breakdown(rows, (r) => r.partition, { by: 'key' })).toEqual([
      // cpu: waits [0, 45] -> mean 22.5, p95 0 + 0.95 * 45 = 42.75; bsld [1, 5] -> mean 3, p95 4.8
      { key: 'cpu', jobs: 2, cpu_seconds: 15, mean_wait: 22.5, p95_wait: 42.75, mean_bounded_slowdown: 3, p95_bounded_slowdown: 4.8 },
      { key: 'gpu', jobs: 1, cpu_seconds: 400, mean_wait: 10, p95_wait: 10, mean_bounded_slowdown: 1.1, p95_bounded_slowdown: 1.1 },
    ]);
  });

  it('orders groups by key, by delivered CPU time, or as given', () => {
    const keys = (order: Parameters<typeof breakdown>[2]) => breakdown(rows, (r) => r.partition, order).map((g) => g.key);
    expect(keys({ by: 'key' })).toEqual(['cpu', 'gpu']);
    expect(keys({ by: 'usage' })).toEqual(['gpu', 'cpu']);
    expect(keys({ by: 'given', keys: ['gpu', 'cpu'] })).toEqual(['gpu', 'cpu']);
  });
});
