import { describe, expect, it } from 'vitest';
import { makePlanner, type JobView } from '../../../core/index.js';
import { Simulation, simulate, type SimJob, type TimedAdminCommand } from '../../../runtime-sim/index.js';
import { testCluster } from '../../support/cluster.js';
import { job } from '../../support/jobs.js';

/** Four one-CPU nodes: whole-node and CraneSched planners see the same machine for 1-CPU jobs. */
const cluster = testCluster(['a', 'b', 'c', 'd'].map((name) => ({ name, cpus: 1 })));

function run(jobs: SimJob[], admin: TimedAdminCommand[] = [], planner = 'cranesched'): Map<string, JobView> {
  const result = simulate(jobs, { cluster, planner: makePlanner(planner)!, admin, validate: true });
  expect(result.adminFailures).toEqual([]);
  return new Map(result.jobs.map((j) => [j.view.spec.externalId, j.view]));
}

const s = (ms: number): number => ms * 1000;

describe.each(['cranesched', 'easy', 'conservative'])('job control under %s', (planner) => {
  it('holds a job submitted with -H until it is released', () => {
    const r = run([job({ id: 'h', run: 10, spec: { hold: true } })], [{ time: s(30), command: { type: 'ReleaseJob', job: 'h' } }], planner);
    expect(r.get('h')!.startTime).toBe(s(30));
  });

  it('holds a pending job by command, and refuses to hold a running one', () => {
    const result = simulate([job({ id: 'busy', run: 20, nodes: 4 }), job({ id: 'w', submit: 1, run: 5 })], {
      cluster,
      planner: makePlanner(planner)!,
      admin: [
        { time: s(2), command: { type: 'HoldJob', job: 'w' } },
        { time: s(3), command: { type: 'HoldJob', job: 'busy' } },
        { time: s(40), command: { type: 'ReleaseJob', job: 'w' } },
      ],
    });
    const w = result.jobs.find((j) => j.view.spec.externalId === 'w')!.view;
    expect(w.startTime).toBe(s(40)); // would have started at 20 s without the hold
    expect(result.adminFailures.map((f) => f.message)).toEqual([`job 0 not found in the pending queue`]);
  });

  it('does not start a job before its begin time', () => {
    const r = run([job({ id: 'b', run: 10, spec: { beginTime: s(15) } })], [], planner);
    expect(r.get('b')!.startTime).toBe(s(15));
  });

  it('honours afterok, afternotok, afterany and after, with delays', () => {
    const r = run(
      [
        job({ id: 'ok', run: 10 }),
        job({ id: 'bad', run: 20, outcome: 'Failed' }),
        job({ id: 'x1', run: 1, spec: { dependencies: { mode: 'all', items: [{ type: 'afterok', job: 'ok', delay: s(5) }] } } }),
        job({ id: 'x2', run: 1, spec: { dependencies: { mode: 'all', items: [{ type: 'afternotok', job: 'bad', delay: 0 }] } } }),
        job({ id: 'x3', run: 1, spec: { dependencies: { mode: 'all', items: [{ type: 'afterany', job: 'ok', delay: 0 }, { type: 'afterany', job: 'bad', delay: 0 }] } } }),
        job({ id: 'x4', run: 1, spec: { dependencies: { mode: 'any', items: [{ type: 'afterany', job: 'ok', delay: 0 }, { type: 'afterany', job: 'bad', delay: 0 }] } } }),
        job({ id: 'x5', run: 1, spec: { dependencies: { mode: 'all', items: [{ type: 'after', job: 'ok', delay: s(2) }] } } }),
      ],
      [],
      planner,
    );
    expect(r.get('x1')!.startTime).toBe(s(15)); // ok ends at 10, +5 s
    expect(r.get('x2')!.startTime).toBe(s(20)); // bad ends Failed at 20
    expect(r.get('x3')!.startTime).toBe(s(20)); // AND: both ended
    expect(r.get('x4')!.startTime).toBe(s(10)); // OR: the first end
    expect(r.get('x5')!.startTime).toBe(s(2)); // ok started at 0, +2 s
  });

  it('keeps a job whose dependency can never be met pending with DependencyNeverSatisfied', () => {
    const sim = new Simulation(
      [job({ id: 'ok', run: 10 }), job({ id: 'never', run: 1, spec: { dependencies: { mode: 'all', items: [{ type: 'afternotok', job: 'ok', delay: 0 }] } } })],
      { cluster, planner: makePlanner(planner)! },
    );
    sim.advance(s(100));
    expect(sim.scheduler.view().pending.map((p) => [p.spec.externalId, p.pendingReason])).toEqual([['never', 'DependencyNeverSatisfied']]);
  });

  it('cancels a pending job at its deadline (exit 330) and kills a running one at it', () => {
    const r = run(
      [
        job({ id: 'hog', run: 50, nodes: 4 }),
        job({ id: 'late', submit: 1, run: 5, spec: { deadline: s(30) } }),
        job({ id: 'cut', submit: 60, run: 100, spec: { deadline: s(70) } }),
      ],
      [],
      planner,
    );
    expect(r.get('late')).toMatchObject({ state: 'Deadline', exitCode: 330, endTime: s(30) });
    expect(Number.isNaN(r.get('late')!.startTime)).toBe(true);
    expect(r.get('cut')).toMatchObject({ state: 'Deadline', exitCode: 330, startTime: s(60), endTime: s(70) });
  });

  it('cancels pending and running jobs by command', () => {
    const r = run(
      [job({ id: 'runs', run: 100, nodes: 4 }), job({ id: 'waits', submit: 1, run: 5 })],
      [
        { time: s(10), command: { type: 'CancelJob', job: 'waits' } },
        { time: s(20), command: { type: 'CancelJob', job: 'runs' } },
      ],
      planner,
    );
    expect(r.get('waits')).toMatchObject({ state: 'Cancelled', exitCode: 320, endTime: s(10) });
    expect(r.get('runs')).toMatchObject({ state: 'Cancelled', exitCode: 320, endTime: s(20) });
  });

  it('requeues a batch job whose node goes down, and runs it again elsewhere', () => {
    const r = run(
      [job({ id: 'j', run: 100 })],
      [{ time: s(10), command: { type: 'SetNodeState', node: 'a', state: 'down' } }],
      planner,
    );
    expect(r.get('j')).toMatchObject({ state: 'Completed', requeues: 1, startTime: s(10), endTime: s(110), submitTime: s(10) });
  });
});

describe('node states (CraneSched planner)', () => {
  it('fails a job with no requeue when its node goes down (exit 326)', () => {
    const r = run([job({ id: 'j', run: 100, spec: { requeue: false } })], [{ time: s(10), command: { type: 'SetNodeState', node: 'a', state: 'down' } }]);
    expect(r.get('j')).toMatchObject({ state: 'Failed', exitCode: 326, endTime: s(10) });
  });

  it('starts nothing new on a drained node until it resumes', () => {
    const r = run(
      [job({ id: 'p', submit: 1, run: 5, nodes: 4 })],
      [
        { time: 0, command: { type: 'SetNodeState', node: 'b', state: 'drain' } },
        { time: s(50), command: { type: 'SetNodeState', node: 'b', state: 'resume' } },
      ],
    );
    expect(r.get('p')!.startTime).toBe(s(50));
  });
});
