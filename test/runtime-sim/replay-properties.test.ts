import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backfillPolicies, uniformCluster, type JobView } from '../../core/index.js';
import { Simulation, type SimJob } from '../../runtime-sim/index.js';
import { simJob } from '../support/builders.js';

const NODES = 16;

/** Tie-heavy random workloads: small integer times, exact and over-estimates, wide jobs. */
const workloadArb = fc.array(
  fc.record({
    submit: fc.integer({ min: 0, max: 60 }),
    run: fc.integer({ min: 1, max: 40 }),
    extra: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })),
    nodes: fc.integer({ min: 1, max: NODES }),
  }),
  { minLength: 1, maxLength: 40 },
);

const toJobs = (w: ReadonlyArray<{ submit: number; run: number; extra: number; nodes: number }>): SimJob[] =>
  w.map((j, i) => simJob({ id: String(i), submit: j.submit, run: j.run, limit: j.run + j.extra, nodes: j.nodes }));

function run(jobs: readonly SimJob[], policy: string, watch?: (sim: Simulation) => void): readonly JobView[] {
  const sim = new Simulation(jobs, { cluster: uniformCluster(NODES), backfill: backfillPolicies[policy]!(), validate: true });
  while (!sim.done) {
    sim.step();
    watch?.(sim);
  }
  return sim.result().jobs.map((j) => j.view);
}

/** Earliest time the planner expects `units` nodes free, from the running jobs' time limits. */
function shadowTime(now: number, running: readonly JobView[], units: number): number {
  let free = NODES - running.reduce((s, j) => s + (j.startTime + j.spec.timeLimit > now ? j.spec.request.nodeCount : 0), 0);
  if (free >= units) return now;
  const ends = running.map((j) => ({ end: j.startTime + j.spec.timeLimit, units: j.spec.request.nodeCount })).filter((e) => e.end > now).sort((a, b) => a.end - b.end);
  for (const e of ends) {
    free += e.units;
    if (free >= units) return e.end;
  }
  throw new Error('head never fits');
}

describe('replay invariants on random tie-heavy workloads', () => {
  for (const policy of ['fcfs', 'easy', 'conservative']) {
    it(`${policy}: no node over-allocated, starts after submit and once, every job ends once (validator)`, () => {
      fc.assert(
        fc.property(workloadArb, (w) => {
          const views = run(toJobs(w), policy);
          expect(views.length).toBe(w.length);
          for (const v of views) {
            expect(v.startTime).toBeGreaterThanOrEqual(v.submitTime);
            expect(Number.isFinite(v.endTime)).toBe(true);
            expect(v.nodes.length).toBe(v.spec.request.nodeCount);
          }
        }),
        { numRuns: 150 },
      );
    });

    it(`${policy}: deterministic (same workload, same schedule)`, () => {
      fc.assert(
        fc.property(workloadArb, (w) => {
          const a = run(toJobs(w), policy).map((v) => [v.startTime, v.nodes.join(' ')]);
          const b = run(toJobs(w), policy).map((v) => [v.startTime, v.nodes.join(' ')]);
          expect(a).toEqual(b);
        }),
        { numRuns: 50 },
      );
    });
  }

  it('fcfs: jobs start in submission order', () => {
    fc.assert(
      fc.property(workloadArb, (w) => {
        const views = run(toJobs(w), 'fcfs');
        for (let i = 1; i < views.length; i++) expect(views[i]!.startTime).toBeGreaterThanOrEqual(views[i - 1]!.startTime);
      }),
      { numRuns: 150 },
    );
  });

  it("easy: backfilling never delays the queue head's reservation", () => {
    fc.assert(
      fc.property(workloadArb, (w) => {
        const promised = new Map<number, number>();
        const views = run(toJobs(w), 'easy', (sim) => {
          const v = sim.scheduler.view();
          const head = v.pending[0];
          if (head !== undefined && !promised.has(head.id)) promised.set(head.id, shadowTime(v.now, v.running, head.spec.request.nodeCount));
        });
        for (const [id, shadow] of promised) expect(views[id]!.startTime).toBeLessThanOrEqual(shadow);
      }),
      { numRuns: 150 },
    );
  });

  it('conservative: no job starts later than the reservation it got at submission', () => {
    fc.assert(
      fc.property(workloadArb, (w) => {
        const reserved = new Map<number, number>();
        const sim = new Simulation(toJobs(w), { cluster: uniformCluster(NODES), backfill: backfillPolicies['conservative']!(), validate: true });
        sim.listen((n) => {
          if (n.type === 'submitted') reserved.set(n.job, NaN); // the pass runs after the notice
        });
        while (!sim.done) {
          sim.step();
          for (const [id, at] of reserved) {
            if (Number.isNaN(at)) {
              const v = sim.scheduler.job(id as never);
              reserved.set(id, v.state === 'Pending' ? v.plannedStart : v.startTime);
            }
          }
        }
        const views = sim.result().jobs.map((j) => j.view);
        for (const [id, at] of reserved) expect(views[id]!.startTime).toBeLessThanOrEqual(at);
      }),
      { numRuns: 150 },
    );
  });

  it('stepInstant processes exactly the events of one instant, as steps up to the next time would', () => {
    fc.assert(
      fc.property(workloadArb, fc.constantFrom('easy', 'conservative'), fc.constantFrom(0, 2 ** 32), (w, policy, clockOrigin) => {
        const make = (): Simulation => new Simulation(toJobs(w), { cluster: uniformCluster(NODES), backfill: backfillPolicies[policy]!(), validate: true, clockOrigin });
        // One event at a time: (time, events so far) where the next event is later or none is left.
        const stepped = make();
        const byStep: Array<[number, number]> = [];
        while (!stepped.done) {
          stepped.step();
          const next = stepped.nextTime;
          if (next === undefined || next > stepped.now) byStep.push([stepped.now, stepped.eventCount]);
        }
        const instants = make();
        const byInstant: Array<[number, number]> = [];
        while (instants.stepInstant()) {
          expect(instants.nextTime === undefined || instants.nextTime > instants.now).toBe(true);
          byInstant.push([instants.now, instants.eventCount]);
        }
        expect(instants.stepInstant()).toBe(false);
        expect(byInstant).toEqual(byStep);
        expect(instants.result().jobs.map((j) => j.view)).toEqual(stepped.result().jobs.map((j) => j.view));
      }),
      { numRuns: 100 },
    );
  });
});

describe('a cancel in the instant a job starts', () => {
  // The start waits behind the instant's ends (a launch event); the cancel comes before it.
  for (const policy of ['fcfs', 'easy', 'conservative']) {
    it(`${policy}: the job launches and ends at once, cancelled (the validator sees both)`, () => {
      const jobs = [simJob({ id: 'a', submit: 0, run: 5, nodes: 1 }), simJob({ id: 'b', submit: 0, run: 5, nodes: 1 })];
      const sim = new Simulation(jobs, {
        cluster: uniformCluster(2),
        backfill: backfillPolicies[policy]!(),
        validate: true,
        admin: [{ time: 0, command: { type: 'CancelJob', job: 'a' } }],
      });
      const rows = sim.run().jobs.map((r) => [r.view.spec.externalId, r.view.state, r.view.startTime, r.view.endTime]);
      expect(rows).toEqual([
        ['a', 'Cancelled', 0, 0],
        ['b', 'Completed', 0, 5000],
      ]);
    });
  }
});
