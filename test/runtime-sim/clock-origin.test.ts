import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeProfile, type JobView } from '../../core/index.js';
import { REPLAY_CLOCK_ORIGIN, Simulation, type SimNotice, type TimedAdminCommand } from '../../runtime-sim/index.js';
import { testCluster } from '../support/cluster.js';
import { job } from '../support/jobs.js';

/**
 * `clockOrigin` runs the core's clock ahead of the workload's (batch replays start it past 2^31
 * ms): nothing outside may tell. Property: over random workloads with begin times, deadlines,
 * holds, cancellations and reservations, a run with the replay origin and one without report the
 * same at every step: the time, every job's view, the notices, the refused commands.
 */
const S = 1000;

const jobArb = fc.record({
  submit: fc.integer({ min: 0, max: 400 }),
  run: fc.integer({ min: 1, max: 300 }),
  slack: fc.integer({ min: 0, max: 200 }),
  nodes: fc.integer({ min: 1, max: 3 }),
  cpus: fc.integer({ min: 1, max: 4 }),
  begin: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
  deadline: fc.option(fc.integer({ min: 50, max: 900 }), { nil: undefined }),
});

const commandArb = fc.oneof(
  fc.record({ time: fc.integer({ min: 0, max: 500 }), type: fc.constantFrom('HoldJob' as const, 'ReleaseJob' as const, 'CancelJob' as const), job: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ time: fc.integer({ min: 0, max: 300 }), type: fc.constant('CreateReservation' as const), start: fc.integer({ min: 0, max: 600 }), length: fc.integer({ min: 10, max: 300 }) }),
);

/** What a run reports after each step, on the workload's clock. */
function trace(sim: Simulation, notices: SimNotice[]): unknown[] {
  const seen: unknown[] = [];
  while (!sim.done) {
    const next = sim.nextTime;
    sim.step();
    seen.push([next, sim.now, sim.result().jobs.map((r) => shape(r.view))]);
  }
  const result = sim.result();
  seen.push(result.jobs.map((r) => shape(r.view)), result.adminFailures, result.rejected.map((r) => r.code), notices);
  return seen;
}

const shape = (v: JobView) => ({ ...v, nodes: [...v.nodes], spec: v.spec.externalId, specBegin: v.spec.beginTime, specDeadline: v.spec.deadline });

describe('Simulation clockOrigin', () => {
  it('reports the same times, views, notices and refusals as a run on the workload clock (random workloads, both planner kinds)', () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.array(jobArb, { minLength: 1, maxLength: 25 }), fc.array(commandArb, { maxLength: 6 }), fc.constantFrom('cranesched', 'easy'), (sketches, commands, policy) => {
        const jobs = sketches.map((j, i) =>
          job({
            id: `j${i}`,
            submit: j.submit,
            run: j.run,
            limit: j.run + j.slack,
            nodes: j.nodes,
            cpus: j.cpus,
            spec: { ...(j.begin === undefined ? {} : { beginTime: j.begin * S }), ...(j.deadline === undefined ? {} : { deadline: j.deadline * S }) },
          }),
        );
        const admin: TimedAdminCommand[] = commands.map((c, i) =>
          c.type === 'CreateReservation'
            ? { time: c.time * S, command: { type: 'CreateReservation', name: `r${i}`, start: c.start * S, end: (c.start + c.length) * S, nodes: ['b'] } }
            : { time: c.time * S, command: { type: c.type, job: `j${c.job}` } },
        );
        const run = (clockOrigin: number): unknown[] => {
          const profile = makeProfile(policy)!;
          const sim = new Simulation(jobs, { cluster: testCluster([{ name: 'a', cpus: 4 }, { name: 'b', cpus: 4 }, { name: 'c', cpus: 4 }]), planner: profile.planner, admin, validate: true, clockOrigin });
          const notices: SimNotice[] = [];
          sim.listen((n) => notices.push(n));
          return trace(sim, notices);
        };
        expect(run(REPLAY_CLOCK_ORIGIN)).toEqual(run(0));
        compared++;
      }),
      { numRuns: 60, seed: 20261204 },
    );
    expect(compared).toBe(60);
  });

  it('refuses an origin that is not a whole number of ms, and workloads with steps', () => {
    const planner = makeProfile('cranesched')!.planner;
    const cluster = testCluster([{ name: 'a', cpus: 4 }]);
    expect(() => new Simulation([job({ id: 'x', run: 1 })], { cluster, planner, clockOrigin: 0.5 })).toThrow(/clockOrigin 0.5/);
    expect(() => new Simulation([{ ...job({ id: 'x', run: 1 }), steps: { primary: null, appended: [] } as never }], { cluster, planner, clockOrigin: REPLAY_CLOCK_ORIGIN })).toThrow(/without steps/);
  });
});
