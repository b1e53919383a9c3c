import { describe, expect, it } from 'vitest';
import { backfillPolicies, uniformCluster } from '../../../core/index.js';
import { simulate, type SimJob } from '../../../runtime-sim/index.js';
import { runMetrics, type RunMetricsOptions } from '../../../experiments/metrics/run-metrics.js';

/** A one-CPU-per-node job in seconds, with its user and account. */
function job(id: string, submit: number, run: number, nodes: number, user: string, account: string): SimJob {
  return {
    spec: { externalId: id, user, account, partition: 'default', qos: '', request: { nodeCount: nodes, perNode: { cpuMilli: 1000, memMiB: 0 } }, timeLimit: run * 1000 },
    submitTime: submit * 1000,
    runtime: run * 1000,
    outcome: 'Completed',
    exitCode: 0,
  };
}

const options: RunMetricsOptions = {
  capacityCpus: 2,
  nodes: 2,
  sizeBounds: [1],
  shares: { shares: {}, defaultShare: 1 },
  timeBuckets: 10,
  heatmapBuckets: 10,
  heatmapGroups: 50,
  topAccounts: 1,
};

// FCFS on 2 processors:
//   A (2 CPUs) submit 0, runs 0-100;   B (1 CPU) submit 10, runs 100-150;   C (1 CPU) submit 20, runs 100-105.
// waits 0, 90, 80; responses 100, 140, 85; slowdowns 1, 2.8, 17; bounded slowdowns 1, 2.8, 85/10 = 8.5.
const jobs = [job('A', 0, 100, 2, 'u1', 'x'), job('B', 10, 50, 1, 'u2', 'y'), job('C', 20, 5, 1, 'u2', 'y')];
const result = simulate(jobs, { cluster: uniformCluster(2), backfill: backfillPolicies['fcfs']!(), validate: true });
const m = runMetrics(result, options);

describe('runMetrics on a hand-checked FCFS schedule', () => {
  it('replays all three jobs', () => {
    expect(result.rejected.map((r) => r.message)).toEqual([]);
    expect(result.jobs).toHaveLength(3);
  });

  it('computes per-job statistics', () => {
    const s = m.scalars;
    expect(s.jobs).toBe(3);
    expect(s.mean_wait).toBeCloseTo(170 / 3, 6);
    expect(s.median_wait).toBe(80);
    expect(s.p95_wait).toBeCloseTo(89, 9); // sorted [0, 80, 90]: h = 1.9 -> 80 + 0.9 * 10
    expect(s.max_wait).toBe(90);
    expect(s.mean_response).toBeCloseTo(325 / 3, 6);
    expect(s.max_slowdown).toBe(17);
    expect(s.mean_bounded_slowdown).toBeCloseTo((1 + 2.8 + 8.5) / 3, 6);
  });

  it('computes machine metrics', () => {
    const s = m.scalars;
    expect(s.makespan).toBe(150);
    expect(s.utilization).toBeCloseTo(255 / 300, 6); // 2*100 + 50 + 5 CPU-s over 2 CPUs x 150 s
    expect(s.mean_queue_length).toBeCloseTo(170 / 150, 6); // B pending 90 s, C pending 80 s
    expect(s.max_queue_length).toBe(2);
  });

  it("computes Jain's index over users, accounts and shares", () => {
    // per-user mean bsld: u1 = 1, u2 = (2.8 + 8.5) / 2 = 5.65 -> 6.65^2 / (2 * (1 + 5.65^2))
    const jain = 6.65 ** 2 / (2 * (1 + 5.65 ** 2));
    expect(m.scalars.jain_users_bsld).toBeCloseTo(jain, 6);
    expect(m.scalars.jain_accounts_bsld).toBeCloseTo(jain, 6);
    // equal shares; delivered x = 200/255, y = 55/255 -> ratios to 0.5
    const r = [400 / 255, 110 / 255];
    expect(m.scalars.jain_account_share).toBeCloseTo((r[0]! + r[1]!) ** 2 / (2 * (r[0]! ** 2 + r[1]! ** 2)), 6);
    expect(m.shares.map((x) => x.account)).toEqual(['x', 'y']);
  });

  it('breaks down by size class, partition, QoS and account', () => {
    const [one, wide] = m.breakdowns.size_class;
    expect(one).toMatchObject({ key: '1', jobs: 2, mean_wait: 85, mean_bounded_slowdown: 5.65, cpu_seconds: 55 });
    expect(wide).toMatchObject({ key: '2+', jobs: 1, mean_wait: 0, cpu_seconds: 200 });
    expect(m.breakdowns.partition.map((g) => [g.key, g.jobs])).toEqual([['default', 3]]);
    expect(m.breakdowns.qos.map((g) => [g.key, g.jobs])).toEqual([['', 3]]);
    expect(m.breakdowns.account.map((g) => g.key)).toEqual(['x', 'y']); // by CPU time, largest first
  });

  it('computes series over time in round buckets', () => {
    const s = m.series;
    expect(s.bucket_seconds).toBe(15); // 150 s in at most 10 buckets
    expect(s.utilization).toHaveLength(10);
    expect(s.utilization.slice(0, 7)).toEqual([1, 1, 1, 1, 1, 1, 1]); // A holds both CPUs to 100 s; B and C fill 100-105
    expect(s.utilization.slice(7)).toEqual([0.5, 0.5, 0.5]); // only B
    expect(s.queue_length[0]).toBeCloseTo(5 / 15, 4); // B pending from 10 s
    expect(s.queue_length[1]).toBe(1.6667); // B all 15 s, C from 20 s: (15 + 10) / 15
    // top 1 account by name, the rest as 'other'; they stack to the utilization
    expect(s.accounts).toEqual(['x', 'other']);
    s.utilization.forEach((u, i) => expect(s.account_usage[0]![i]! + s.account_usage[1]![i]!).toBeCloseTo(u, 3));
  });

  it('computes a node-allocation heatmap whose area is the busy node time', () => {
    const h = m.heatmap;
    expect(h.groups).toBe(2);
    const area = h.busy.flat().reduce((sum, x) => sum + x * h.bucket_seconds, 0);
    expect(area).toBeCloseTo(255, 1);
  });

  it('downsamples the wait CDF to 201 quantiles', () => {
    expect(m.wait_quantiles).toHaveLength(201);
    expect(m.wait_quantiles[0]).toBe(0);
    expect(m.wait_quantiles[200]).toBe(90);
  });
});
