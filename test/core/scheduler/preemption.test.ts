import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateAccounts, validateClusterConfig, type AccountsConfig, type ClusterConfig } from '../../../core/config/index.js';
import { accountsAdmission, makePlanner, Scheduler, type JobView } from '../../../core/index.js';
import { simulate, type SimJob } from '../../../runtime-sim/index.js';
import { job } from '../../support/jobs.js';

const S = 1000;

/** Nodes n1..n{count} of 4 CPUs in partition p; QoS low (10) and mid (20) that high (1000) may preempt. */
function world(opts: { nodes?: number; mode?: 'CANCEL' | 'REQUEUE'; lowMode?: 'CANCEL' | 'REQUEUE' } = {}): { cluster: ClusterConfig; accounts: AccountsConfig } {
  const c = validateClusterConfig({
    Nodes: [{ name: `n[1-${opts.nodes ?? 1}]`, cpu: 4, memory: '4G' }],
    Partitions: [{ name: 'p', nodes: 'ALL' }],
    DefaultPartition: 'p',
    Preempt: { PreemptType: 'qos', PreemptMode: opts.mode ?? 'CANCEL' },
  });
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  const a = validateAccounts(
    {
      Qos: [
        { Name: 'low', Priority: 10, ...(opts.lowMode === undefined ? {} : { PreemptMode: opts.lowMode }) },
        { Name: 'mid', Priority: 20 },
        { Name: 'high', Priority: 1000, Preempt: ['low', 'mid'], PreemptMode: 'CANCEL' },
      ],
      Accounts: [{ Name: 'lab', AllowedPartitions: ['p'], AllowedQos: ['low', 'mid', 'high'], DefaultQos: 'low' }],
      Users: [{ Name: 'alice', DefaultAccount: 'lab' }],
    },
    c.value,
  );
  if (!a.ok) throw new Error(JSON.stringify(a.issues));
  return { cluster: c.value, accounts: a.value };
}

const q = (id: string, qos: string, submit: number, run: number, cpus: number, limit = run): SimJob =>
  job({ id, submit, run, limit, cpus, memMiB: 100, spec: { qos, account: 'lab' } });

function run(jobs: SimJob[], w = world()): Map<string, JobView> {
  const r = simulate(jobs, { cluster: w.cluster, planner: makePlanner('cranesched')!, admission: accountsAdmission(w.accounts, w.cluster), validate: true });
  expect(r.rejected).toEqual([]);
  return new Map(r.jobs.map((j) => [j.view.spec.externalId, j.view]));
}

describe('QoS preemption (TryPreempt_)', () => {
  it('cancels the victim of lower QoS priority; the preemptor starts once it is gone', () => {
    const v = run([q('low', 'low', 0, 100, 2), q('mid', 'mid', 0, 100, 2), q('high', 'high', 10, 20, 2)]);
    expect(v.get('low')).toMatchObject({ state: 'Cancelled', exitCode: 320, endTime: 10 * S });
    expect(v.get('mid')).toMatchObject({ state: 'Completed', endTime: 100 * S });
    expect(v.get('high')).toMatchObject({ state: 'Completed', startTime: 10 * S });
  });

  it('takes the most recently started first, and drops victims it turns out not to need', () => {
    const recent = run([q('a', 'low', 0, 100, 2), q('b', 'low', 5, 100, 2), q('high', 'high', 10, 20, 2)]);
    expect(recent.get('b')!.state).toBe('Cancelled');
    expect(recent.get('a')!.state).toBe('Completed');
    // low-x (1 CPU) is added first but mid-y (3 CPUs) alone makes room for 3 CPUs: low-x is dropped.
    const dropped = run([q('low-x', 'low', 0, 100, 1), q('mid-y', 'mid', 0, 100, 3), q('high', 'high', 10, 20, 3)]);
    expect(dropped.get('low-x')!.state).toBe('Completed');
    expect(dropped.get('mid-y')!.state).toBe('Cancelled');
    expect(dropped.get('high')!.startTime).toBe(10 * S);
  });

  it('does not preempt QoS outside its list, nor when the victims would not make room', () => {
    const v = run([q('h1', 'high', 0, 100, 4), q('h2', 'high', 10, 20, 4)]);
    expect(v.get('h1')!.state).toBe('Completed');
    expect(v.get('h2')!.startTime).toBe(100 * S);
  });

  it('keeps the preemptor pending with Waiting for Preemption until its victims have left', () => {
    const w = world();
    const s = new Scheduler({ cluster: w.cluster, planner: makePlanner('cranesched')!, admission: accountsAdmission(w.accounts, w.cluster) });
    const cycle = (now: number) => {
      const out = [];
      for (let i = 0; i < 5; i++) {
        const d = s.schedule(now);
        out.push(...d);
        if (!d.some((x) => x.type === 'WakeAt' && x.time === now)) break;
      }
      return out;
    };
    s.submit(q('low', 'low', 0, 100, 4).spec, 0);
    cycle(0);
    s.submit(q('high', 'high', 10, 20, 4).spec, 10 * S);
    const d = cycle(10 * S);
    expect(d.filter((x) => x.type === 'KillJob')).toEqual([{ type: 'KillJob', jobId: 0, outcome: 'Cancelled', exitCode: 320 }]);
    expect(s.view().pending[0]).toMatchObject({ pendingReason: 'Waiting for Preemption' });
    s.observe({ type: 'JobEnded', jobId: 0 as never, time: 10 * S, outcome: 'Cancelled', exitCode: 320 });
    const started = cycle(10 * S).filter((x) => x.type === 'StartJob');
    expect(started).toHaveLength(1);
  });

  it('requeues the victim under REQUEUE (the extension): it runs again after the preemptor', () => {
    const v = run([q('low', 'low', 0, 100, 4), q('high', 'high', 10, 20, 4)], world({ mode: 'REQUEUE' }));
    expect(v.get('low')).toMatchObject({ state: 'Completed', requeues: 1, startTime: 30 * S });
    expect(v.get('high')).toMatchObject({ startTime: 10 * S });
  });

  it('property: every cancelled victim is gone before a preemptor starts on its node; no over-allocation', () => {
    const arb = fc.array(
      fc.record({ submit: fc.integer({ min: 0, max: 100 }), run: fc.integer({ min: 1, max: 60 }), cpus: fc.integer({ min: 1, max: 4 }), qos: fc.constantFrom('low', 'mid', 'high') }),
      { minLength: 1, maxLength: 20 },
    );
    fc.assert(
      fc.property(arb, fc.constantFrom<'CANCEL' | 'REQUEUE'>('CANCEL', 'REQUEUE'), (sketches, mode) => {
        const w = world({ nodes: 2, mode });
        const jobs = sketches.map((k, i) => q(`j${i}`, k.qos, k.submit, k.run, k.cpus));
        const r = simulate(jobs, { cluster: w.cluster, planner: makePlanner('cranesched')!, admission: accountsAdmission(w.accounts, w.cluster), validate: true });
        const views = r.jobs.map((j) => j.view);
        for (const v of views) {
          if (v.state === 'Cancelled') {
            expect(v.spec.qos).not.toBe('high');
            // Some preemptor started on one of its nodes at or after its end.
            const preemptor = views.find((h) => h.spec.qos === 'high' && h.startTime >= v.endTime && h.nodes.some((n) => v.nodes.includes(n)));
            expect(preemptor).toBeDefined();
          }
        }
      }),
      { numRuns: 100, seed: 20261129 },
    );
  });
});
