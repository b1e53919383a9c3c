import { describe, expect, it } from 'vitest';
import type { AccountsCommand, JobId, Scheduler } from '../../../core/index.js';
import { buildAccounts, cycle, spec, world, type JobSketch } from './fixture.js';

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
