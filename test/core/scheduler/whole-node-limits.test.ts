import { describe, expect, it } from 'vitest';
import { accountsAdmission, makePlanner, Scheduler, type JobId } from '../../../core/index.js';
import { buildAccounts, buildCluster, cycle, entry, spec } from '../accounts/fixture.js';

/**
 * Whole-node planners honour the scheduling-time limits as the cranesched planner does: a job
 * over a run limit gets the limit as its pending reason, starts nothing and holds no nodes, and
 * the policy goes on with the jobs behind it. Three whole nodes; QoS normal allows one running
 * job per user. alice submits a, b; bob then submits c.
 */
const cluster = buildCluster((raw) => {
  raw['Nodes'] = [{ name: 'n[1-3]', cpu: 4, memory: '16G' }];
  raw['Partitions'] = [{ name: 'CPU', nodes: 'ALL' }];
  raw['DefaultPartition'] = 'CPU';
});
const accounts = buildAccounts((raw) => {
  Object.assign(entry(raw, 'Qos', 'normal'), { MaxJobsPerUser: 1 });
  raw['Accounts'] = [
    { Name: 'lab', AllowedPartitions: ['CPU'], AllowedQos: ['normal'] },
    { Name: 'physics', Parent: 'lab' },
  ];
  raw['Users'] = [
    { Name: 'alice', DefaultAccount: 'physics' },
    { Name: 'bob', DefaultAccount: 'physics' },
  ];
}, cluster);

function run(planner: string): { scheduler: Scheduler; ids: Record<string, JobId> } {
  const scheduler = new Scheduler({ cluster, planner: makePlanner(planner)!, admission: accountsAdmission(accounts, cluster) });
  const ids: Record<string, JobId> = {};
  for (const [id, user, nodes] of [
    ['a', 'alice', 1],
    ['b', 'alice', 1],
    ['c', 'bob', 2],
  ] as const) {
    const r = scheduler.submit(spec({ id, user, nodes, cpus: 4, time: 100 }), 0);
    if (!r.ok) throw new Error(r.message);
    ids[id] = r.jobId;
  }
  cycle(scheduler, 0);
  return { scheduler, ids };
}

describe('whole-node planners and run limits', () => {
  it.each(['fcfs', 'easy', 'conservative'])('%s: b waits with QosJobsResourceLimit holding no node; c (behind it) starts on the other two', (planner) => {
    const { scheduler, ids } = run(planner);
    const v = (id: string) => scheduler.job(ids[id]!);
    expect([v('a').state, v('b').state, v('b').pendingReason, v('c').state]).toEqual(['Running', 'Pending', 'QosJobsResourceLimit', 'Running']);
    expect(new Set([...v('a').nodes, ...v('c').nodes]).size).toBe(3);
    // a ends at 100 s: b starts then
    scheduler.observe({ type: 'JobEnded', jobId: ids['a']!, time: 100_000, outcome: 'Completed', exitCode: 0 });
    cycle(scheduler, 100_000);
    expect(v('b').state).toBe('Running');
  });
});
