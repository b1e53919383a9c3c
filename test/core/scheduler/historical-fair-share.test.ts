import { describe, expect, it } from 'vitest';
import { ClusterState, makePlanner, priorityQueueOrder, type FairShareChoice, type PriorityPlugin } from '../../../core/index.js';
import { Simulation, simulate } from '../../../runtime-sim/index.js';
import { testCluster } from '../../support/cluster.js';
import { job } from '../../support/jobs.js';

/**
 * Decayed fair share wired into the multifactor queue order. One 4-CPU node; fair share is the
 * only weighted factor. Account `hist` used the node long ago and for long (4 CPUs × 200 s from
 * 0 s); account `recent` used it just now and briefly (4 CPUs × 100 s from 10,000 s). Then one job
 * of each waits: `r2` (recent) submitted before `h2` (hist), so a tie goes to `r2`.
 */
const cluster = testCluster([{ name: 'n', cpus: 4 }]);
const plugin: PriorityPlugin = { type: 'priority/multifactor', config: { weights: { age: 0, fairShare: 1000, jobSize: 0, partition: 0, qos: 0 }, maxAgeMs: 0, favorSmall: true } };
const accounts = [
  { name: 'hist', parent: null },
  { name: 'recent', parent: null },
];
const workload = () => [
  job({ id: 'h1', submit: 0, run: 200, cpus: 4, spec: { account: 'hist' } }),
  job({ id: 'r1', submit: 10_000, run: 100, cpus: 4, spec: { account: 'recent' } }),
  job({ id: 'r2', submit: 10_050, run: 10, cpus: 4, spec: { account: 'recent' } }),
  job({ id: 'h2', submit: 10_060, run: 10, cpus: 4, spec: { account: 'hist' } }),
];
// The tests read the factors views show: every pass orders the queue and plans every job, as for the TUI.
const options = (fairShare: FairShareChoice) => ({ cluster, planner: makePlanner('cranesched', { planEveryJob: true })!, order: priorityQueueOrder(new ClusterState(cluster), plugin, () => 0, fairShare), validate: true });
const decayed = (halfLifeMs: number): FairShareChoice => ({ type: 'decayed', halfLifeMs, accounts });

describe('decayed fair share in the queue order', () => {
  it.each([
    // CraneSched's running service: at 10,100 s nothing runs, both factors 0: a tie, r2 came first.
    { name: 'running (CraneSched)', fairShare: { type: 'running' } as FairShareChoice, first: 'r2' },
    // No decay: hist used 800 CPU·s, recent 400: hist is further over its half share, recent goes first.
    { name: 'decayed, half-life 10^9 s', fairShare: decayed(1e12), first: 'r2' },
    // Half-life 600 s: hist's usage is ~2^-16 of itself by now, recent's nearly whole: hist goes first.
    { name: 'decayed, half-life 600 s', fairShare: decayed(600_000), first: 'h2' },
  ])('$name: $first starts first when r1 ends', ({ fairShare, first }) => {
    const jobs = simulate(workload(), options(fairShare)).jobs.map((j) => j.view);
    const start = new Map(jobs.map((v) => [v.spec.externalId, v.startTime]));
    const second = first === 'r2' ? 'h2' : 'r2';
    expect(start.get(first)).toBe(10_100_000);
    expect(start.get(second)).toBe(10_110_000);
  });

  it('computes the factors as 2^(-U/S) from decayed usage, counting the running job so far', () => {
    // The last cycle ran at 10,060 s (h2's submission), r1 running for 60 s. No decay: hist
    // 4 × 200 = 800, recent 4 × 60 = 240, total 1040. S = 1/2 each.
    // F(hist) = 2^(-(800/1040)/0.5) = 2^(-20/13); F(recent) = 2^(-(240/1040)/0.5) = 2^(-6/13).
    const sim = new Simulation(workload(), options(decayed(Infinity)));
    sim.advance(10_080_000);
    const pending = new Map(sim.scheduler.view().pending.map((v) => [v.spec.externalId, v.priorityFactors?.fairShare]));
    expect(pending.get('h2')).toBeCloseTo(2 ** (-20 / 13), 12);
    expect(pending.get('r2')).toBeCloseTo(2 ** (-6 / 13), 12);
  });

  it('decays usage exactly over each interval (the integral of 2^(-age/h))', () => {
    // Half-life 1000 s. hist ran 4 CPUs over [0, 200) s; at the last cycle (10,060 s) its usage is
    // 4 × (h/ln 2) × 2^(-(10060-200)/h) × (1 - 2^(-200/h)); recent's is 4 × (h/ln 2) × (1 - 2^(-60/h))
    // (the running r1, up to now). U is each over their sum, S = 1/2.
    const h = 1000;
    const hist = 4 * (h / Math.LN2) * 2 ** (-(10_060 - 200) / h) * (1 - 2 ** (-200 / h));
    const recent = 4 * (h / Math.LN2) * (1 - 2 ** (-60 / h));
    const sim = new Simulation(workload(), options(decayed(h * 1000)));
    sim.advance(10_080_000);
    const pending = new Map(sim.scheduler.view().pending.map((v) => [v.spec.externalId, v.priorityFactors?.fairShare]));
    expect(pending.get('h2')).toBeCloseTo(2 ** -(hist / (hist + recent) / 0.5), 12);
    expect(pending.get('r2')).toBeCloseTo(2 ** -(recent / (hist + recent) / 0.5), 12);
  });

  it("a job's view keeps the priority and factors it started with; a view is a snapshot", () => {
    const sim = new Simulation(workload(), options(decayed(600_000)));
    const atStart = new Map<string, unknown>();
    sim.listen((n) => {
      if (n.type !== 'started') return;
      const v = sim.scheduler.job(n.job);
      atStart.set(v.spec.externalId, { priority: v.priority, factors: v.priorityFactors });
    });
    let early: { readonly view: unknown; readonly copy: unknown } | undefined;
    while (sim.stepInstant()) {
      const h2 = sim.scheduler.view().pending.find((v) => v.spec.externalId === 'h2');
      if (h2 !== undefined && early === undefined) early = { view: h2.priorityFactors, copy: structuredClone(h2.priorityFactors) };
    }
    // Later cycles ordered other jobs (h2 and r2 wait behind r1): the ended jobs' views are as at their starts.
    const views = sim.result().jobs.map((j) => j.view);
    expect(views.map((v) => v.state)).toEqual(['Completed', 'Completed', 'Completed', 'Completed']);
    for (const v of views) {
      expect(v.priorityFactors).not.toBeNull();
      expect({ priority: v.priority, factors: v.priorityFactors }).toEqual(atStart.get(v.spec.externalId));
    }
    // h2's factors changed after its first view (usage decays, r1 ran on); that view did not change with them.
    expect(early!.view).toEqual(early!.copy);
    expect((atStart.get('h2') as { factors: unknown }).factors).not.toEqual(early!.copy);
  });

  it('is deterministic: the same run twice gives the same starts', () => {
    const run = () => simulate(workload(), options(decayed(600_000))).jobs.map((j) => [j.view.spec.externalId, j.view.startTime]);
    expect(run()).toEqual(run());
  });
});
