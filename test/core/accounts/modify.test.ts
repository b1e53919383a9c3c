import { describe, expect, it } from 'vitest';
import { accountsAdmission, makeProfile, Scheduler, type AccountsCommand, type JobId } from '../../../core/index.js';
import { buildAccounts, buildCluster, cycle, spec, world, type JobSketch } from './fixture.js';

function submit(s: Scheduler, j: JobSketch, now = 0): JobId {
  const r = s.submit(spec(j), now);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.jobId;
}

const state = (s: Scheduler, id: JobId): [string, string | null] => {
  const v = s.job(id);
  return [v.state, v.pendingReason];
};

describe('cacctmgr changes as admin commands (a scenario at the core level)', () => {
  it('a tightened QoS limit holds new starts back but kills nothing; loosening it lets them run', () => {
    const { scheduler } = world();
    const a = submit(scheduler, {});
    const b = submit(scheduler, {});
    cycle(scheduler, 0);
    expect([state(scheduler, a), state(scheduler, b)]).toEqual([
      ['Running', null],
      ['Running', null],
    ]);
    // cacctmgr modify qos normal set MaxJobsPerUser=1: both keep running (CraneSched checks limits at scheduling)
    expect(scheduler.admin({ type: 'ModifyQos', qos: 'normal', set: { limits: { maxJobsPerUser: 1 } } }, 10_000)).toEqual({ ok: true });
    const c = submit(scheduler, {}, 10_000);
    cycle(scheduler, 10_000);
    expect([state(scheduler, a), state(scheduler, b), state(scheduler, c)]).toEqual([
      ['Running', null],
      ['Running', null],
      ['Pending', 'QosJobsResourceLimit'],
    ]);
    // null removes the limit again: c starts at the next cycle
    expect(scheduler.admin({ type: 'ModifyQos', qos: 'normal', set: { limits: { maxJobsPerUser: null } } }, 20_000)).toEqual({ ok: true });
    cycle(scheduler, 20_000);
    expect(state(scheduler, c)).toEqual(['Running', null]);
  });

  it('a submit-time QoS limit applies to submissions after the change only', () => {
    const { scheduler } = world();
    submit(scheduler, {});
    expect(scheduler.admin({ type: 'ModifyQos', qos: 'normal', set: { limits: { maxSubmitJobsPerUser: 1, maxTimeLimitPerJob: 3_600_000 } } }, 1000)).toEqual({ ok: true });
    expect(scheduler.submit(spec({}), 1000)).toMatchObject({ ok: false, code: 'ERR_MAX_JOB_COUNT_PER_USER' });
    expect(scheduler.submit(spec({ user: 'bob', time: 7200 }), 1000)).toMatchObject({ ok: false, code: 'ERR_TIME_TIMIT_BEYOND' });
    expect(scheduler.submit(spec({ user: 'bob', time: 1800 }), 1000)).toMatchObject({ ok: true });
  });

  it('account and user partition limits and blocks: pending jobs see the new limits, new submissions the blocks', () => {
    const { scheduler } = world();
    const a = submit(scheduler, { user: 'carol' });
    cycle(scheduler, 0);
    // cacctmgr modify account ml Partition=CPU set MaxJobs=1: alice's vision job is held back through ml
    expect(scheduler.admin({ type: 'ModifyAccount', account: 'ml', partitionLimits: { CPU: { maxJobs: 1 } } }, 1000)).toEqual({ ok: true });
    const b = submit(scheduler, {}, 1000);
    cycle(scheduler, 1000);
    expect([state(scheduler, a), state(scheduler, b)]).toEqual([
      ['Running', null],
      ['Pending', 'AccPartitionJobsLimit'],
    ]);
    // a user limit on bob, then a block of bob in physics: submissions refused, his running job stays
    const c = submit(scheduler, { user: 'bob' }, 2000);
    cycle(scheduler, 2000);
    expect(scheduler.admin({ type: 'ModifyUser', user: 'bob', account: 'physics', blocked: true, partitionLimits: { CPU: { maxJobs: 1 } } }, 3000)).toEqual({ ok: true });
    expect(scheduler.submit(spec({ user: 'bob' }), 3000)).toMatchObject({ ok: false, code: 'ERR_BLOCKED_USER' });
    expect(scheduler.admin({ type: 'ModifyAccount', account: 'lab', blocked: true }, 4000)).toEqual({ ok: true });
    expect(scheduler.submit(spec({ user: 'carol' }), 4000)).toMatchObject({ ok: false, code: 'ERR_BLOCKED_ACCOUNT' });
    expect(scheduler.admin({ type: 'ModifyAccount', account: 'lab', blocked: false }, 5000)).toEqual({ ok: true });
    expect(scheduler.submit(spec({ user: 'carol' }), 5000)).toMatchObject({ ok: true });
    expect(state(scheduler, c)).toEqual(['Running', null]);
  });

  it('a QoS priority change is what the multifactor order reads from then on', () => {
    const accounts = buildAccounts();
    const { admission } = world(accounts);
    expect(admission.qosPriority('long')).toBe(10);
    expect(admission.modify({ type: 'ModifyQos', qos: 'long', set: { priority: 5000 } })).toEqual({ ok: true });
    expect(admission.qosPriority('long')).toBe(5000);
  });

  it('a partition ACL change (ccontrol update partitionName=) applies to submissions from then on', () => {
    const { scheduler } = world();
    // debug denies physics: bob (physics) is refused, alice (vision) is accepted
    expect(scheduler.submit(spec({ user: 'bob', partition: 'debug' }), 0)).toMatchObject({ ok: false, code: 'ERR_IN_DENIED_LIST' });
    const queued = submit(scheduler, { user: 'alice', partition: 'debug' });
    expect(scheduler.admin({ type: 'ModifyPartition', partition: 'debug', acl: { kind: 'allow', accounts: ['physics'] } }, 1000)).toEqual({ ok: true });
    expect(scheduler.submit(spec({ user: 'bob', partition: 'debug' }), 1000)).toMatchObject({ ok: true });
    expect(scheduler.submit(spec({ user: 'alice', partition: 'debug' }), 1000)).toMatchObject({ ok: false, code: 'ERR_NOT_IN_ALLOWED_LIST' });
    cycle(scheduler, 1000);
    expect(state(scheduler, queued)).toEqual(['Running', null]); // accepted before the change: it keeps its place
    expect(scheduler.admin({ type: 'ModifyPartition', partition: 'nope', acl: { kind: 'all' } }, 2000)).toMatchObject({ ok: false, code: 'ERR_INVALID_PARTITION' });
  });

  it('a QoS priority change reorders the queue at the next cycle (multifactor, QoS weight only)', () => {
    const cluster = buildCluster((raw) => {
      raw['PriorityType'] = 'priority/multifactor';
      raw['PriorityWeightAge'] = 0;
      raw['PriorityWeightFairShare'] = 0;
      raw['PriorityWeightJobSize'] = 0;
      raw['PriorityWeightQoS'] = 1000;
    });
    const accounts = buildAccounts(() => {}, cluster);
    const admission = accountsAdmission(accounts, cluster);
    const profile = makeProfile('cranesched', { planEveryJob: true }, admission.qosPriority)!;
    const scheduler = new Scheduler({ cluster, planner: profile.planner, order: profile.order!, admission });
    // The CPU partition is full (4 nodes x 8 CPUs), so both wait and only their order changes.
    for (let i = 0; i < 4; i++) submit(scheduler, { cpus: 8, time: 3600 });
    cycle(scheduler, 0);
    const normal = submit(scheduler, { cpus: 8, qos: 'normal', time: 60 }, 1000);
    const long = submit(scheduler, { cpus: 8, qos: 'long', time: 60 }, 1000);
    cycle(scheduler, 1000);
    const order = (): string[] => scheduler.view().pending.sort((a, b) => b.priority - a.priority).map((v) => (v.id === normal ? 'normal' : v.id === long ? 'long' : '?'));
    expect(order()).toEqual(['normal', 'long']); // 1000 > 10
    expect(scheduler.admin({ type: 'ModifyQos', qos: 'long', set: { priority: 5000 } }, 2000)).toEqual({ ok: true });
    cycle(scheduler, 2000);
    expect(order()).toEqual(['long', 'normal']);
  });

  it.each<[string, AccountsCommand, string]>([
    ['unknown QoS', { type: 'ModifyQos', qos: 'gold', set: { priority: 1 } }, 'ERR_INVALID_QOS'],
    ['negative priority', { type: 'ModifyQos', qos: 'normal', set: { priority: -1 } }, 'ERR_INVALID_PARAM'],
    ['preempt itself', { type: 'ModifyQos', qos: 'normal', set: { preempt: ['normal'] } }, 'ERR_INVALID_PARAM'],
    ['preempt an unknown QoS', { type: 'ModifyQos', qos: 'normal', set: { preempt: ['gold'] } }, 'ERR_INVALID_QOS'],
    ['unknown account', { type: 'ModifyAccount', account: 'chem', blocked: true }, 'ERR_INVALID_ACCOUNT'],
    ['a partition the account may not use', { type: 'ModifyAccount', account: 'physics', partitionLimits: { GPU: { maxJobs: 1 } } }, 'ERR_PARTITION_MISSING'],
    ['a change of nothing', { type: 'ModifyAccount', account: 'physics' }, 'ERR_INVALID_PARAM'],
    ['unknown user', { type: 'ModifyUser', user: 'dave', account: 'ml', blocked: true }, 'ERR_INVALID_USER'],
    ['a user outside the account', { type: 'ModifyUser', user: 'bob', account: 'ml', blocked: true }, 'ERR_USER_ACCOUNT_MISMATCH'],
    ['a partition outside the membership', { type: 'ModifyUser', user: 'carol', account: 'ml', partitionLimits: { debug: { maxJobs: 1 } } }, 'ERR_PARTITION_MISSING'],
  ])('refuses %s with a CraneSched code and changes nothing', (_, command, code) => {
    const { scheduler, admission } = world();
    const before = JSON.stringify([admission.directory.qos('normal'), admission.directory.account('physics'), admission.directory.user('carol')]);
    expect(scheduler.admin(command, 0)).toMatchObject({ ok: false, code });
    expect(JSON.stringify([admission.directory.qos('normal'), admission.directory.account('physics'), admission.directory.user('carol')])).toBe(before);
  });

  it('a preempt cycle is refused', () => {
    const { admission } = world(buildAccounts((raw) => Object.assign((raw['Qos'] as Record<string, unknown>[])[1]!, { Preempt: ['normal'] })));
    expect(admission.modify({ type: 'ModifyQos', qos: 'normal', set: { preempt: ['long'] } })).toMatchObject({ ok: false, code: 'ERR_INVALID_PARAM', message: expect.stringMatching(/cycle/) });
  });
});
