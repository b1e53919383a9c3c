import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makePlanner, Scheduler, type AdminCommand, type JobView } from '../../../core/index.js';
import { simulate, type SimJob, type TimedAdminCommand } from '../../../runtime-sim/index.js';
import { testCluster } from '../../support/cluster.js';
import { job } from '../../support/jobs.js';

const S = 1000;
const cluster2 = () => testCluster([{ name: 'a', cpus: 4 }, { name: 'b', cpus: 4 }]);
const resv = (over: Partial<Extract<AdminCommand, { type: 'CreateReservation' }>> = {}): Extract<AdminCommand, { type: 'CreateReservation' }> => ({
  type: 'CreateReservation',
  name: 'r',
  start: 100 * S,
  end: 200 * S,
  nodes: ['b'],
  ...over,
});
const byId = (views: readonly JobView[]) => new Map(views.map((v) => [v.spec.externalId, v]));

describe('reservations: creation and deletion (CreateResv_ / DeleteResvMeta_)', () => {
  it('validates name, window, nodes and partition, and refuses nodes with conflicts', () => {
    const s = new Scheduler({ cluster: cluster2(), planner: makePlanner('cranesched')! });
    expect(s.admin(resv(), 0)).toEqual({ ok: true });
    expect(s.admin(resv({ start: 300 * S, end: 400 * S }), 0)).toMatchObject({ ok: false, code: 'ERR_INVALID_PARAM', message: expect.stringContaining('already exists') });
    expect(s.admin(resv({ name: 'past', start: 0, end: 5 * S }), 10 * S)).toMatchObject({ ok: false, message: expect.stringContaining('not in the future') });
    expect(s.admin(resv({ name: 'n', nodes: ['zz'] }), 10 * S)).toMatchObject({ ok: false, code: 'ERR_INVALID_NODE_LIST' });
    expect(s.admin(resv({ name: 'p', partition: 'nope' }), 10 * S)).toMatchObject({ ok: false, code: 'ERR_INVALID_PARTITION' });
    // Overlaps r on b in time: refused; after r it qualifies.
    expect(s.admin(resv({ name: 'o', start: 150 * S, end: 250 * S }), 10 * S)).toMatchObject({ ok: false, message: expect.stringContaining('Not enough nodes') });
    expect(s.admin(resv({ name: 'later', start: 200 * S, end: 250 * S }), 10 * S)).toEqual({ ok: true });
    // With a partition and no nodes: the first nodeCount that qualify (a, since b is reserved).
    expect(s.admin(resv({ name: 'part', partition: 'p', nodes: [], nodeCount: 1, start: 120 * S, end: 130 * S }), 10 * S)).toEqual({ ok: true });
    expect(s.view().reservations.find((r) => r.name === 'part')).toMatchObject({ nodes: ['a'], partition: 'p', active: false });
    expect(s.admin({ type: 'DeleteReservation', name: 'nope' }, 10 * S)).toMatchObject({ ok: false, code: 'ERR_NON_EXISTENT' });
    expect(s.admin({ type: 'DeleteReservation', name: 'later' }, 10 * S)).toEqual({ ok: true });
  });

  it('refuses a node whose running job ends (by its time limit) after the start, and deletion while jobs run inside', () => {
    const s = new Scheduler({ cluster: cluster2(), planner: makePlanner('cranesched')! });
    s.submit(job({ id: 'x', run: 50, cpus: 4 }).spec, 0);
    s.schedule(0);
    s.schedule(0);
    expect(s.view().running).toHaveLength(1);
    const node = s.view().running[0]!.nodes[0] === 0 ? 'a' : 'b';
    expect(s.admin(resv({ nodes: [node], start: 40 * S }), 0)).toMatchObject({ ok: false, message: expect.stringContaining('Not enough nodes') });
    expect(s.admin(resv({ nodes: [node], start: 50 * S }), 0)).toEqual({ ok: true });
    s.admin({ type: 'DeleteReservation', name: 'r' }, 0);
    expect(s.admin(resv({ name: 'now', nodes: node === 'a' ? ['b'] : ['a'], start: 0, end: 100 * S }), 0)).toEqual({ ok: true });
    expect(s.submit(job({ id: 'in', run: 10, spec: { reservation: 'now' } }).spec, 0)).toMatchObject({ ok: true });
    s.schedule(0);
    s.schedule(0);
    expect(s.view().running.map((j) => j.spec.externalId).sort()).toEqual(['in', 'x']);
    expect(s.admin({ type: 'DeleteReservation', name: 'now' }, 1 * S)).toMatchObject({ ok: false, message: expect.stringContaining('still run inside') });
  });

  it('whole-node planners refuse reservations with a clear error', () => {
    const s = new Scheduler({ cluster: cluster2(), planner: makePlanner('easy')! });
    expect(s.admin(resv(), 0)).toMatchObject({ ok: false, message: expect.stringContaining('does not support reservations') });
  });

  it('checks -r at submission: existence, partition, account and user lists', () => {
    const s = new Scheduler({ cluster: cluster2(), planner: makePlanner('cranesched')! });
    s.admin(resv({ partition: 'p', allowedAccounts: ['ml'], deniedUsers: ['mallory'] }), 0);
    const sub = (spec: Parameters<typeof job>[0]['spec']) => s.submit(job({ id: 'j', run: 10, spec }).spec, 0);
    expect(sub({ reservation: 'none' })).toMatchObject({ ok: false, code: 'ERR_NON_EXISTENT' });
    expect(sub({ reservation: 'r' })).toMatchObject({ ok: false, code: 'ERR_INVALID_PARAM', message: expect.stringContaining("account 'acct'") });
    expect(sub({ reservation: 'r', account: 'ml', user: 'mallory' })).toMatchObject({ ok: false, message: expect.stringContaining("user 'mallory'") });
    expect(sub({ reservation: 'r', account: 'ml' })).toMatchObject({ ok: true });
    expect(s.submit(job({ id: 'w', run: 10, request: { includeNodes: ['a'] }, spec: { reservation: 'r', account: 'ml' } }).spec, 0)).toMatchObject({ ok: false, message: expect.stringContaining('node a is not in reservation r') });
  });
});

describe('reservations in the CraneSched planner', () => {
  it('runs -r jobs only inside the active window; others see the reserved node as busy; it is deleted at its end', () => {
    const admin: TimedAdminCommand[] = [
      { time: 0, command: resv() },
      { time: 250 * S, command: { type: 'CancelJob', job: 'too-long' } },
    ];
    const jobs: SimJob[] = [
      job({ id: 'x', submit: 1, run: 150, cpus: 4 }), // a: 1..151
      job({ id: 'y', submit: 2, run: 150, cpus: 4 }), // b is free only 2..100: waits for a
      job({ id: 'in', submit: 10, run: 50, limit: 60, spec: { reservation: 'r' } }), // b at 100
      job({ id: 'in2', submit: 10, run: 30, limit: 40, cpus: 4, spec: { reservation: 'r' } }), // the whole of b after 'in': 150..190
      job({ id: 'too-long', submit: 10, run: 10, limit: 150, spec: { reservation: 'r' } }), // cannot end before the reservation
      job({ id: 'after', submit: 150, run: 10, cpus: 4, request: { includeNodes: ['b'] } }), // b after the reservation
    ];
    const r = simulate(jobs, { cluster: cluster2(), planner: makePlanner('cranesched')!, admin, validate: true });
    const v = byId(r.jobs.map((j) => j.view));
    expect(v.get('x')).toMatchObject({ startTime: 1 * S, nodes: [0] });
    expect(v.get('y')).toMatchObject({ startTime: 151 * S, nodes: [0] });
    expect(v.get('in')).toMatchObject({ startTime: 100 * S, nodes: [1] });
    expect(v.get('in2')).toMatchObject({ startTime: 150 * S, nodes: [1] });
    expect(v.get('too-long')).toMatchObject({ state: 'Cancelled', startTime: NaN });
    expect(v.get('after')!.startTime).toBe(200 * S);
    expect(r.adminFailures).toEqual([]);
  });

  it('gives pending reasons Resource Reserved and Reservation deleted, and shows reserved nodes', () => {
    const s = new Scheduler({ cluster: cluster2(), planner: makePlanner('cranesched')! });
    const run = (now: number) => {
      for (let i = 0; i < 5; i++) if (!s.schedule(now).some((d) => d.type === 'WakeAt' && d.time === now)) return;
    };
    s.admin(resv({ nodes: ['a', 'b'], start: 10 * S, end: 50 * S }), 0);
    s.submit(job({ id: 'big', run: 20, cpus: 4 }).spec, 0);
    // Waits for 'big' from 50 s on: the reasons of the jobs after it come without plans.
    s.submit(job({ id: 'wide', run: 20, cpus: 4, nodes: 2 }).spec, 0);
    s.submit(job({ id: 'r-long', run: 60, spec: { reservation: 'r' } }).spec, 0);
    run(0);
    const pending = byId(s.view().pending);
    expect(pending.get('big')).toMatchObject({ pendingReason: 'Resource Reserved', plannedStart: 50 * S });
    expect(s.view().nodeStates.map((n) => n.reserved)).toEqual([false, false]); // not active yet
    expect(s.view().reservations).toEqual([{ name: 'r', start: 10 * S, end: 50 * S, partition: null, nodes: ['a', 'b'], active: false }]);
    run(10 * S);
    expect(s.view().reservations[0]!.active).toBe(true);
    expect(s.view().nodeStates.map((n) => n.reserved)).toEqual([true, true]);
    expect(byId(s.view().pending).get('r-long')!.pendingReason).toBe('Resource');
    run(50 * S);
    expect(s.view().reservations).toEqual([]);
    expect(byId(s.view().pending).get('r-long')!.pendingReason).toBe('Reservation deleted');
    expect(byId(s.view().pending).get('wide')!.pendingReason).toBe('Resource');
    expect(s.view().running.map((j) => j.spec.externalId)).toEqual(['big']);
  });
});

describe('reservations: properties', () => {
  it('reserved nodes serve only allowed -r jobs inside the window; -r jobs run inside it and end before it ends', () => {
    const nodeNames = ['a', 'b', 'c', 'd'];
    const jobArb = fc.record({
      submit: fc.integer({ min: 1, max: 300 }), // after the reservation exists (submissions go first in an instant)
      run: fc.integer({ min: 1, max: 80 }),
      slack: fc.integer({ min: 0, max: 20 }),
      cpus: fc.integer({ min: 1, max: 4 }),
      nodes: fc.integer({ min: 1, max: 2 }),
      kind: fc.constantFrom('plain', 'plain', 'r-ml', 'r-bio'),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 30, max: 200 }),
        fc.subarray(nodeNames, { minLength: 1, maxLength: 3 }),
        fc.array(jobArb, { minLength: 1, maxLength: 25 }),
        (start, length, reservedNames, sketches) => {
          const end = start + length;
          const cluster = testCluster(nodeNames.map((name) => ({ name, cpus: 4 })));
          const jobs = sketches.map((k, i) =>
            job({
              id: `j${i}`,
              submit: k.submit,
              run: k.run,
              limit: k.run + k.slack,
              cpus: k.cpus,
              nodes: k.kind === 'plain' ? k.nodes : 1,
              spec: k.kind === 'plain' ? {} : { reservation: 'r', account: k.kind === 'r-ml' ? 'ml' : 'bio' },
            }),
          );
          // -r jobs that never fit inside are cancelled after the end (they would wait forever).
          const admin: TimedAdminCommand[] = [
            { time: 0, command: { type: 'CreateReservation', name: 'r', start: start * S, end: end * S, nodes: reservedNames, deniedAccounts: ['bio'] } },
            ...jobs.filter((j) => j.spec.reservation !== undefined).map((j) => ({ time: (end + 400) * S, command: { type: 'CancelJob' as const, job: j.spec.externalId } })),
          ];
          const r = simulate(jobs, { cluster, planner: makePlanner('cranesched')!, admin, validate: true });
          const reserved = new Set(reservedNames.map((n) => nodeNames.indexOf(n)));
          for (const { view } of r.jobs) {
            if (Number.isNaN(view.startTime)) continue;
            const inside = view.spec.reservation === 'r';
            if (inside) {
              expect(view.spec.account).toBe('ml');
              expect(view.startTime).toBeGreaterThanOrEqual(start * S);
              expect(view.startTime + view.timeLimit).toBeLessThanOrEqual(end * S);
              for (const n of view.nodes) expect(reserved.has(n)).toBe(true);
            } else if (view.nodes.some((n) => reserved.has(n))) {
              // An outside job on a reserved node holds it only outside [start, end).
              const holdsTo = view.startTime + view.timeLimit;
              expect(holdsTo <= start * S || view.startTime >= end * S).toBe(true);
            }
          }
          // Rejected at submission: bio (denied), or after the reservation was deleted at its end.
          for (const x of r.rejected) {
            if (x.job.submitTime >= end * S) expect(x.code).toBe('ERR_NON_EXISTENT');
            else expect([x.code, x.job.spec.account]).toEqual(['ERR_INVALID_PARAM', 'bio']);
          }
        },
      ),
      { numRuns: 150, seed: 20261129 },
    );
  });
});
