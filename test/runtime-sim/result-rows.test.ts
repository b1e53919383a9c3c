import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makePlanner, uniformCluster, type JobView, type NodeId } from '../../core/index.js';
import { Simulation } from '../../runtime-sim/index.js';
import { simJob } from '../support/builders.js';

const NODES = 12;

const workloadArb = fc.array(
  fc.record({ submit: fc.integer({ min: 0, max: 40 }), run: fc.integer({ min: 1, max: 30 }), extra: fc.integer({ min: 0, max: 20 }), nodes: fc.integer({ min: 1, max: NODES }) }),
  { minLength: 1, maxLength: 30 },
);

/** A view as plain data, `nodes` included (however the view provides it). */
const plain = (v: JobView): Record<string, unknown> => ({ ...v, nodes: [...v.nodes] });

describe('SimulationResult rows', () => {
  for (const policy of ['easy', 'conservative', 'cranesched']) {
    it(`${policy}: rows of a finished replay give each job's full view, node list as it started`, () => {
      fc.assert(
        fc.property(workloadArb, (w) => {
          const jobs = w.map((j, i) => simJob({ id: String(i), submit: j.submit, run: j.run, limit: j.run + j.extra, nodes: j.nodes }));
          const sim = new Simulation(jobs, { cluster: uniformCluster(NODES), planner: makePlanner(policy)!, validate: true });
          const startedOn = new Map<number, readonly NodeId[]>();
          sim.listen((n) => {
            if (n.type === 'started') startedOn.set(n.job, [...n.nodes]);
          });
          const early = sim.result(); // before anything happened: snapshots, not live rows
          sim.run();
          expect(early.jobs).toHaveLength(0);
          const result = sim.result();
          const snapshot = sim.scheduler.allJobs();
          expect(result.jobs).toHaveLength(jobs.length);
          result.jobs.forEach((row, i) => {
            const view = row.view;
            expect(row.sim.spec).toBe(view.spec); // rows are in submission order (the simulator sorts by submit time)
            expect(view.nodes).toEqual(startedOn.get(view.id));
            expect(plain(view)).toEqual(plain(snapshot[i]!));
            expect(JSON.parse(JSON.stringify(view))).toEqual(JSON.parse(JSON.stringify(snapshot[i]!)));
            expect(plain(row.view)).toEqual(plain(view)); // every read gives the same content
          });
        }),
        { numRuns: 60 },
      );
    });
  }

  it('rows taken mid-replay are snapshots: they do not change as the replay goes on', () => {
    const jobs = [simJob({ id: 'a', submit: 0, run: 10, nodes: 2 }), simJob({ id: 'b', submit: 1, run: 10, nodes: 2 })];
    const sim = new Simulation(jobs, { cluster: uniformCluster(2), planner: makePlanner('fcfs')!, validate: true });
    sim.advance(1000); // ms: a has started, b is waiting
    const mid = sim.result().jobs.map((r) => r.view);
    sim.run();
    expect(mid.map((v) => [v.spec.externalId, v.state, v.nodes])).toEqual([
      ['a', 'Running', [0, 1]],
      ['b', 'Pending', []],
    ]);
    expect(sim.result().jobs.map((r) => [r.view.state, r.view.nodes])).toEqual([
      ['Completed', [0, 1]],
      ['Completed', [0, 1]],
    ]);
  });
});
