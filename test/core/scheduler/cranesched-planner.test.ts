import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makePlanner, type JobView } from '../../../core/index.js';
import { Simulation, simulate, type SimJob } from '../../../runtime-sim/index.js';
import { testCluster } from '../../support/cluster.js';
import { job } from '../../support/jobs.js';

const byId = (views: readonly JobView[]) => new Map(views.map((v) => [v.spec.externalId, v]));
const starts = (jobs: SimJob[], cluster = testCluster([{ name: 'a', cpus: 4 }, { name: 'b', cpus: 4 }]), opts = {}) =>
  byId(simulate(jobs, { cluster, planner: makePlanner('cranesched', opts)!, validate: true }).jobs.map((j) => j.view));

describe('CraneSched planner', () => {
  it('packs jobs onto shared nodes by CPU, and plans the one that does not fit', () => {
    const r = starts([job({ id: 'x', run: 100, cpus: 3 }), job({ id: 'y', run: 50, cpus: 3 }), job({ id: 'z', run: 10, cpus: 2 })]);
    // x -> a (both empty: lower index), y -> b (least loaded), z needs 2 CPUs: 1 free on each node
    expect(r.get('x')!.nodes).toEqual([0]);
    expect(r.get('y')!.nodes).toEqual([1]);
    expect(r.get('z')!.startTime).toBe(50_000); // when y (on b) ends
    expect(r.get('z')!.nodes).toEqual([1]);
  });

  it('spreads with least-loaded and stacks with pack', () => {
    const two = [job({ id: 'u', run: 10, cpus: 1 }), job({ id: 'v', run: 10, cpus: 1 })];
    const spread = starts(two);
    expect([spread.get('u')!.nodes, spread.get('v')!.nodes]).toEqual([[0], [1]]);
    const packed = starts(two, undefined, { nodeSelection: 'pack' });
    expect([packed.get('u')!.nodes, packed.get('v')!.nodes]).toEqual([[0], [0]]);
  });

  it('matches typed and untyped GRES to nodes that have them', () => {
    const cluster = testCluster([
      { name: 'cpu0', cpus: 8 },
      { name: 'gv', cpus: 8, gres: ['gpu:v100:2'] },
      { name: 'ga', cpus: 8, gres: ['gpu:a100:2'] },
    ]);
    const r = starts(
      [
        job({ id: 'a100', run: 10, gres: [{ name: 'gpu', type: 'a100', count: 2 }] }),
        job({ id: 'any', run: 10, gres: [{ name: 'gpu', type: null, count: 2 }] }),
        job({ id: 'more', run: 10, gres: [{ name: 'gpu', type: null, count: 1 }] }),
      ],
      cluster,
    );
    expect(r.get('a100')!.nodes).toEqual([2]);
    expect(r.get('any')!.nodes).toEqual([1]);
    expect(r.get('more')!.startTime).toBe(10_000); // every GPU is taken until the first jobs end
  });

  it('gives an exclusive job whole free nodes, and honours -w and -x', () => {
    const r = starts([
      job({ id: 'small', run: 30, cpus: 1 }),
      job({ id: 'excl', run: 10, cpus: 1, request: { exclusive: true } }),
      job({ id: 'only-a', run: 5, cpus: 1, request: { includeNodes: ['a'] } }),
      job({ id: 'not-a', run: 5, cpus: 1, request: { excludeNodes: ['a'] } }),
    ]);
    expect(r.get('small')!.nodes).toEqual([0]);
    expect(r.get('excl')!.nodes).toEqual([1]); // node b is wholly free
    expect(r.get('only-a')!).toMatchObject({ nodes: [0], startTime: 0 });
    expect(r.get('not-a')!.startTime).toBe(10_000); // b is the exclusive job's until 10 s
  });

  it('gives an exclusive job only whole nodes that also hold its request', () => {
    // b is free but has 4 CPUs: an exclusive job asking 6 per node takes a and c (CRANESCHED.md §4.5:
    // exclusive jobs need the full node free, and the node must still fit the request).
    const cluster = testCluster([{ name: 'a', cpus: 8 }, { name: 'b', cpus: 4 }, { name: 'c', cpus: 8 }]);
    const r = starts([job({ id: 'wide', run: 10, cpus: 6, nodes: 2, request: { exclusive: true } })], cluster);
    expect(r.get('wide')!).toMatchObject({ nodes: [0, 2], startTime: 0 });
  });

  it('keeps the expected start and a CraneSched pending reason for planned jobs', () => {
    const pendingAt1s = (planEveryJob: boolean) => {
      const sim = new Simulation([job({ id: 'big', run: 100, cpus: 4, nodes: 2 }), job({ id: 'next', submit: 1, run: 10, cpus: 4, nodes: 2 })], {
        cluster: testCluster([{ name: 'a', cpus: 4 }, { name: 'b', cpus: 4 }]),
        planner: makePlanner('cranesched', { planEveryJob })!,
      });
      sim.advance(1_000);
      return sim.scheduler.view().pending.map((p) => [p.spec.externalId, p.pendingReason, p.plannedStart]);
    };
    expect(pendingAt1s(true)).toEqual([['next', 'Resource', 100_000]]);
    // By default nothing could start now, so nothing is planned: the same reason, no expected start.
    expect(pendingAt1s(false)).toEqual([['next', 'Resource', NaN]]);
  });

  it('does not plan beyond the 7-day horizon', () => {
    const sim = new Simulation([job({ id: 'long', run: 8 * 86_400, cpus: 4, nodes: 2 }), job({ id: 'late', submit: 1, run: 10, cpus: 4 })], {
      cluster: testCluster([{ name: 'a', cpus: 4 }, { name: 'b', cpus: 4 }]),
      planner: makePlanner('cranesched')!,
    });
    sim.advance(1_000);
    expect(sim.scheduler.view().pending[0]).toMatchObject({ pendingReason: 'Resource', plannedStart: NaN });
  });

  it('runs cycles on a fixed interval when asked (CraneSched: 1 s), starting jobs on the next tick', () => {
    const r = starts([job({ id: 'first', submit: 0.3, run: 10 })], undefined, { cycle: { kind: 'interval', every: 1000 } });
    expect(r.get('first')!.startTime).toBe(300); // the first cycle runs at the first event
    const later = starts([job({ id: 'a', run: 1, cpus: 4, nodes: 2 }), job({ id: 'b', submit: 0.5, run: 1, cpus: 4 })], undefined, { cycle: { kind: 'interval', every: 1000 } });
    expect(later.get('b')!.startTime).toBe(1000); // submitted at 0.5 s, waits for the 1 s tick
  });

  it('never over-allocates any resource of any node, and every job ends once (random workloads)', () => {
    const cluster = testCluster([
      { name: 'n0', cpus: 4, memMiB: 4096 },
      { name: 'n1', cpus: 8, memMiB: 2048, gres: ['gpu:a100:2'] },
      { name: 'n2', cpus: 2, memMiB: 8192, gres: ['gpu:v100:1'] },
    ]);
    const arb = fc.array(
      fc.record({
        submit: fc.integer({ min: 0, max: 50 }),
        run: fc.integer({ min: 1, max: 30 }),
        extra: fc.integer({ min: 0, max: 20 }),
        nodes: fc.integer({ min: 1, max: 2 }),
        cpus: fc.integer({ min: 1, max: 2 }),
        mem: fc.constantFrom(0, 512, 2048),
        gpu: fc.constantFrom(0, 1),
        exclusive: fc.boolean(),
      }),
      { minLength: 1, maxLength: 25 },
    );
    fc.assert(
      fc.property(arb, fc.constantFrom('least-loaded' as const, 'pack' as const), (w, nodeSelection) => {
        const jobs = w.map((x, i) =>
          job({
            id: String(i),
            submit: x.submit,
            run: x.run,
            limit: x.run + x.extra,
            nodes: x.nodes,
            cpus: x.cpus,
            memMiB: x.mem,
            ...(x.gpu > 0 ? { gres: [{ name: 'gpu', type: null, count: 1 }] } : {}),
            request: { exclusive: x.exclusive },
          }),
        );
        const result = simulate(jobs, { cluster, planner: makePlanner('cranesched', { nodeSelection })!, validate: true });
        for (const { view } of result.jobs) expect(Number.isFinite(view.endTime)).toBe(true);
        expect(result.jobs.length + result.rejected.length).toBe(jobs.length);
      }),
      { numRuns: 120 },
    );
  });
});
