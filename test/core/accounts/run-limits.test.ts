import { describe, expect, it } from 'vitest';
import type { JobId, LimitReason, Scheduler } from '../../../core/index.js';
import { buildAccounts, cycle, entry, spec, world, type JobSketch } from './fixture.js';

type Edit = (raw: Record<string, unknown>) => void;
const qos = (name: string, set: Record<string, unknown>): Edit => (raw) => Object.assign(entry(raw, 'Qos', name), set);
const account = (name: string, set: Record<string, unknown>): Edit => (raw) => Object.assign(entry(raw, 'Accounts', name), set);
const aliceIn = (membership: Record<string, unknown>): Edit => (raw) => {
  entry(raw, 'Users', 'alice')['Accounts'] = [{ Account: 'vision', ...membership }, 'physics', 'noqos'];
};

/** Submits `first` then `second` at t = 0, runs one scheduling pass, and reports the second job. */
function second(edit: Edit, first: JobSketch, next: JobSketch): { firstState: string; state: string; reason: string | null } {
  const { scheduler } = world(buildAccounts(edit));
  const a = submit(scheduler, first);
  const b = submit(scheduler, next);
  cycle(scheduler, 0);
  const vb = scheduler.job(b);
  return { firstState: scheduler.job(a).state, state: vb.state, reason: vb.pendingReason };
}

function submit(s: Scheduler, j: JobSketch, now = 0): JobId {
  const r = s.submit(spec(j), now);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.jobId;
}

interface Case {
  readonly name: string;
  readonly edit: Edit;
  readonly first: JobSketch;
  readonly next: JobSketch;
  readonly reason: LimitReason;
}

/** Each scheduling-time limit holds back the second job while the first runs (the cluster has room for both). */
const CASES: readonly Case[] = [
  { name: 'QoS running jobs per user', edit: qos('normal', { MaxJobsPerUser: 1 }), first: {}, next: {}, reason: 'QosJobsResourceLimit' },
  // 3 + 2 CPUs = 5 > 4 (each job alone passes the submit-time check)
  { name: 'QoS MaxCpusPerUser over running jobs', edit: qos('normal', { MaxCpusPerUser: 4 }), first: { cpus: 3 }, next: { cpus: 2 }, reason: 'QosCpuResourceLimit' },
  // 1024 + 1536 MiB = 2560 > 2048
  { name: 'QoS MaxTresPerUser memory', edit: qos('normal', { MaxTresPerUser: 'mem:2G' }), first: {}, next: { memMiB: 1536 }, reason: 'QosMemResourceLimit' },
  // 3 + 3 A100s = 6 > 4, counted for account ml
  { name: 'QoS MaxTresPerAccount GRES', edit: qos('normal', { MaxTresPerAccount: 'gres/gpu:4' }), first: { user: 'carol', partition: 'GPU', gres: 'gpu:a100:3' }, next: { user: 'carol', partition: 'GPU', gres: 'gpu:3' }, reason: 'QosGresResourceLimit' },
  // 5400 + 5400 s of time limits = 10800 > 7200
  { name: 'QoS MaxWall: the sum of running time limits', edit: qos('normal', { MaxWall: '2:00:00' }), first: { user: 'bob', time: 5400 }, next: { time: 5400 }, reason: 'QosWallTimeLimit' },
  { name: 'QoS MaxJobs over everyone', edit: qos('normal', { MaxJobs: 1 }), first: { user: 'bob' }, next: {}, reason: 'QosJobsResourceLimit' },
  // carol's job in ml holds back alice's in vision: the limit holds for every account of the chain
  { name: 'QoS MaxJobsPerAccount on the parent account', edit: qos('normal', { MaxJobsPerAccount: 1 }), first: { user: 'carol' }, next: {}, reason: 'QosJobsResourceLimit' },
  { name: 'user partition MaxJobs', edit: aliceIn({ PartitionLimits: { CPU: { MaxJobs: 1 } } }), first: {}, next: {}, reason: 'UserPartitionJobsLimit' },
  // bob's job in physics holds back alice's in vision through their common ancestor lab
  { name: 'account partition MaxJobs on the root account', edit: account('lab', { PartitionLimits: { CPU: { MaxJobs: 1 } } }), first: { user: 'bob' }, next: {}, reason: 'AccPartitionJobsLimit' },
  // 3000 + 3000 s = 6000 > 3600
  { name: 'user partition MaxWall', edit: aliceIn({ PartitionLimits: { CPU: { MaxWall: '1:00:00' } } }), first: { time: 3000 }, next: { time: 3000 }, reason: 'UserPartitionWallTimeLimit' },
  { name: 'account partition MaxWall on a parent', edit: account('ml', { PartitionLimits: { CPU: { MaxWall: '1:00:00' } } }), first: { user: 'carol', time: 3000 }, next: { time: 3000 }, reason: 'AccPartitionWallTimeLimit' },
  // 3 + 2 CPUs = 5 > 4 in ml's CPU partition
  { name: 'account partition MaxTres CPU', edit: account('ml', { PartitionLimits: { CPU: { MaxTres: 'cpu:4' } } }), first: { user: 'carol', cpus: 3 }, next: { cpus: 2 }, reason: 'PartitionCpuResourceLimit' },
  { name: 'user partition MaxTres memory', edit: aliceIn({ PartitionLimits: { CPU: { MaxTres: 'mem:2G' } } }), first: {}, next: { memMiB: 2048 }, reason: 'PartitionMemResourceLimit' },
  { name: 'account partition MaxTres GRES', edit: account('ml', { PartitionLimits: { GPU: { MaxTres: 'gres/gpu:a100:4' } } }), first: { user: 'carol', partition: 'GPU', gres: 'gpu:a100:2' }, next: { user: 'carol', partition: 'GPU', gres: 'gpu:a100:3' }, reason: 'PartitionGresResourceLimit' },
];

describe('run limits: a job waits with CraneSched\'s reason while running jobs use the limit', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(second(c.edit, c.first, c.next)).toEqual({ firstState: 'Running', state: 'Pending', reason: c.reason });
  });

  it('without the first job, the second starts (the limits are not simply always closed)', () => {
    for (const c of CASES) {
      const { scheduler } = world(buildAccounts(c.edit));
      const b = submit(scheduler, c.next);
      cycle(scheduler, 0);
      expect([c.name, scheduler.job(b).state]).toEqual([c.name, 'Running']);
    }
  });
});

describe('run limits: partition limits are a peer of the QoS, skipped where the QoS limits the same dimension', () => {
  it('partition MaxJobs is skipped when the QoS caps running jobs per account', () => {
    const edit: Edit = (raw) => {
      account('lab', { PartitionLimits: { CPU: { MaxJobs: 1 } } })(raw);
      qos('normal', { MaxJobsPerAccount: 10 })(raw);
    };
    expect(second(edit, { user: 'bob' }, {})).toEqual({ firstState: 'Running', state: 'Running', reason: null });
  });

  it('partition MaxWall is skipped when the QoS has a MaxWall', () => {
    const edit: Edit = (raw) => {
      aliceIn({ PartitionLimits: { CPU: { MaxWall: '1:00:00' } } })(raw);
      qos('normal', { MaxWall: '10:00:00' })(raw);
    };
    expect(second(edit, { time: 3000 }, { time: 3000 })).toEqual({ firstState: 'Running', state: 'Running', reason: null });
  });

  it('partition MaxTres is skipped when the QoS has any per-account TRES limit', () => {
    const edit: Edit = (raw) => {
      account('ml', { PartitionLimits: { CPU: { MaxTres: 'cpu:4' } } })(raw);
      qos('normal', { MaxTresPerAccount: 'mem:1000G' })(raw);
    };
    expect(second(edit, { user: 'carol', cpus: 3 }, { cpus: 2 })).toEqual({ firstState: 'Running', state: 'Running', reason: null });
  });
});

describe('usage counters follow each job', () => {
  const totals = (admission: ReturnType<typeof world>['admission'], key: string): [number, number, number, number] => {
    const u = admission.usage().find((e) => e.key === key);
    return u === undefined ? [0, 0, 0, 0] : [u.submit, u.jobs, u.wall, u.res[0]!];
  };

  it('charges on submit and start, frees on end and on a pending cancel; the held-back job starts after the end', () => {
    const { scheduler, admission } = world(buildAccounts(qos('normal', { MaxJobsPerUser: 1 })));
    const a = submit(scheduler, { cpus: 2, time: 600 });
    const b = submit(scheduler, { cpus: 2, time: 600 });
    const c = submit(scheduler, { cpus: 2, time: 600 });
    cycle(scheduler, 0);
    // three submitted, one running: 600 s of time limit and 2 CPUs, on alice and on lab (vision's root)
    expect(totals(admission, 'u alice q normal')).toEqual([3, 1, 600_000, 2000]);
    expect(totals(admission, 'a lab q normal')).toEqual([3, 1, 600_000, 2000]);
    expect(scheduler.job(b).pendingReason).toBe('QosJobsResourceLimit');
    expect(scheduler.admin({ type: 'CancelJob', jobId: c }, 10_000)).toEqual({ ok: true });
    expect(totals(admission, 'u alice q normal')).toEqual([2, 1, 600_000, 2000]);
    scheduler.observe({ type: 'JobEnded', jobId: a, time: 60_000, outcome: 'Completed', exitCode: 0 });
    expect(totals(admission, 'q normal')).toEqual([1, 0, 0, 0]);
    cycle(scheduler, 60_000);
    expect(scheduler.job(b).state).toBe('Running');
    scheduler.observe({ type: 'JobEnded', jobId: b, time: 120_000, outcome: 'Completed', exitCode: 0 });
    for (const u of admission.usage()) expect([u.key, u.submit, u.jobs, u.wall, ...u.res]).toEqual([u.key, 0, 0, 0, 0, 0, 0]);
  });

  it('a requeue frees the running part and keeps the submission', () => {
    const { scheduler, admission } = world();
    const a = submit(scheduler, { time: 600 });
    cycle(scheduler, 0);
    expect(totals(admission, 'u alice q normal')).toEqual([1, 1, 600_000, 1000]);
    const node = scheduler.cluster.names[scheduler.job(a).nodes[0]!]!;
    expect(scheduler.admin({ type: 'SetNodeState', node, state: 'down' }, 1000)).toEqual({ ok: true });
    // the core kills it with CraneSched's CranedDown code; the runtime reports the end
    scheduler.schedule(1000);
    scheduler.observe({ type: 'JobEnded', jobId: a, time: 1000, outcome: 'Failed', exitCode: 326 });
    expect(scheduler.job(a).state).toBe('Pending');
    expect(totals(admission, 'u alice q normal')).toEqual([1, 0, 0, 0]);
  });
});
