import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountsAdmission, makeProfile, type JobSpec, type JobView } from '../../../core/index.js';
import { Simulation, type SimJob } from '../../../runtime-sim/index.js';
import { buildAccounts, buildCluster, entry } from '../accounts/fixture.js';

/**
 * The CraneSched planner stops planning after the last candidate that could still start now
 * (unless `planEveryJob`): the jobs after it would only hold future slots. Property: over random
 * workloads, limits, batch sizes and node selections, a run with that shortcut and a run planning
 * every job are the same after every event: every job's state, start, end, nodes and pending
 * reason, and every plan the shortcut does make is the full run's plan. The jobs it leaves
 * unplanned have reason `Resource` (checked by the equality of reasons).
 */
const jobArb = fc.record({
  user: fc.constantFrom('alice', 'bob', 'carol'),
  partition: fc.constantFrom('', '', 'CPU', 'GPU', 'debug'),
  nodes: fc.integer({ min: 1, max: 3 }),
  cpus: fc.integer({ min: 1, max: 8 }),
  memGiB: fc.integer({ min: 0, max: 8 }),
  gpus: fc.constantFrom(0, 0, 1, 4),
  // GRES by type, or by name only (what such a job takes on a node depends on when it runs)
  gpuType: fc.constantFrom('a100', 'a100', null),
  exclusive: fc.boolean(),
  submit: fc.integer({ min: 0, max: 300 }),
  limit: fc.integer({ min: 11, max: 900 }),
  runShare: fc.double({ min: 0.05, max: 1.1, noNaN: true }),
});

const worldArb = fc.record({
  jobs: fc.array(jobArb, { minLength: 10, maxLength: 60 }),
  batch: fc.integer({ min: 2, max: 40 }),
  maxJobsPerUser: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  selection: fc.constantFrom('least-loaded' as const, 'pack' as const),
  // event-driven passes (the default), or CraneSched's 1 s timer
  cycle: fc.constantFrom({ kind: 'event' } as const, { kind: 'interval', every: 1000 } as const),
  // CraneSched's 7 days, or a horizon short enough that plans reach past it
  horizon: fc.constantFrom(7 * 86_400_000, 1_200_000),
  // CraneSched's limit on a node's breakpoints, or one that plans reach
  maxBreakpoints: fc.constantFrom(1000, 4, 5, 6),
});

type JobSketch = typeof jobArb extends fc.Arbitrary<infer T> ? T : never;

function toSimJobs(jobs: readonly JobSketch[]): SimJob[] {
  return jobs.map((j, i) => {
    const spec: JobSpec = {
      externalId: `j${i}`,
      user: j.user,
      account: '',
      partition: j.partition,
      qos: '',
      request: {
        nodeCount: j.nodes,
        perNode: { cpuMilli: j.cpus * 1000, memMiB: j.memGiB * 1024, ...(j.gpus === 0 ? {} : { gres: [{ name: 'gpu', type: j.gpuType, count: j.gpus }] }) },
        ...(j.exclusive ? { exclusive: true } : {}),
      },
      timeLimit: j.limit * 1000,
    };
    return { spec, submitTime: j.submit * 1000, runtime: Math.max(1000, Math.round(j.limit * j.runShare) * 1000), outcome: 'Completed', exitCode: 0 };
  });
}

const shape = (v: JobView): string => `${v.spec.externalId} ${v.state} ${v.startTime} ${v.endTime} [${v.nodes.join(',')}] ${v.pendingReason}`;

describe('CraneSched planner: planning stops after the last possible start', () => {
  it('changes no start, node, end or pending reason, and no plan it makes (random worlds, after every event)', () => {
    let unplanned = 0;
    let events = 0;
    fc.assert(
      fc.property(worldArb, ({ jobs, batch, maxJobsPerUser, selection, cycle, horizon, maxBreakpoints }) => {
        const cluster = buildCluster((raw) => {
          raw['PriorityType'] = 'priority/multifactor';
          raw['ScheduledBatchSize'] = batch;
        });
        const accounts = buildAccounts((raw) => {
          if (maxJobsPerUser !== undefined) entry(raw, 'Qos', 'normal')['MaxJobsPerUser'] = maxJobsPerUser;
        }, cluster);
        const run = (planEveryJob: boolean): Simulation => {
          const admission = accountsAdmission(accounts, cluster);
          const profile = makeProfile('cranesched', { nodeSelection: selection, cycle, horizon, maxBreakpoints, planEveryJob }, admission.qosPriority)!;
          return new Simulation(toSimJobs(jobs), { cluster, planner: profile.planner, order: profile.order!, admission, validate: true });
        };
        const full = run(true);
        const short = run(false);
        // (the interval mode's wake-ups keep the runs going while jobs wait; a job that never fits ends them)
        while ((!full.done || !short.done) && full.now < 3_600_000) {
          full.step();
          short.step();
          events++;
          expect(short.now).toBe(full.now);
          const a = full.scheduler.allJobs();
          const b = short.scheduler.allJobs();
          expect(b.map(shape)).toEqual(a.map(shape));
          for (let i = 0; i < a.length; i++) {
            if (b[i]!.state !== 'Pending') continue;
            if (Number.isNaN(b[i]!.plannedStart)) unplanned += Number.isFinite(a[i]!.plannedStart) ? 1 : 0;
            else expect(b[i]!.plannedStart).toBe(a[i]!.plannedStart);
          }
        }
      }),
      { numRuns: 200, seed: 20261203 },
    );
    // Not vacuous: the shortcut did leave jobs unplanned that the full run planned.
    expect(events).toBeGreaterThan(1000);
    expect(unplanned).toBeGreaterThan(100);
  });
});
