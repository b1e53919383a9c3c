import { describe, expect, it } from 'vitest';
import { Issues, validateAccounts, validateClusterConfig } from '../../../core/config/index.js';
import { readEvents, type AdminEvent, type EventContext } from '../../../traces/scenario/index.js';

const cluster = validateClusterConfig({
  Nodes: [
    { name: 'cn[1-4]', cpu: 8, memory: '32G' },
    { name: 'gpu[1-2]', cpu: 8, memory: '64G', gres: ['gpu:a100:4'] },
  ],
  Partitions: [
    { name: 'CPU', nodes: 'cn[1-4]' },
    { name: 'GPU', nodes: 'gpu[1-2]' },
  ],
});
if (!cluster.ok) throw new Error('cluster');
const accounts = validateAccounts(
  {
    Qos: [{ Name: 'normal' }, { Name: 'high', Preempt: ['normal'] }],
    Accounts: [{ Name: 'ml', AllowedPartitions: ['CPU', 'GPU'], AllowedQos: ['normal', 'high'] }, { Name: 'bio', AllowedPartitions: ['CPU'], AllowedQos: ['normal'] }],
    Users: [{ Name: 'carol', DefaultAccount: 'ml' }, { Name: 'erin', DefaultAccount: 'bio', Accounts: ['bio', { Account: 'ml', Partitions: ['GPU'] }] }],
  },
  cluster.value,
);
if (!accounts.ok) throw new Error(JSON.stringify(accounts.issues));
const ctx: EventContext = { cluster: cluster.value, accounts: accounts.value, jobs: new Map([['j1', 0], ['j2', 7_200_000]]) };

const read = (events: unknown[]): { events: readonly AdminEvent[] | undefined; errors: string[][]; warnings: string[][] } => {
  const issues = new Issues();
  const out = readEvents(issues, ['events'], events, ctx);
  return { events: out, errors: issues.errors.map((i) => [i.path, i.message]), warnings: issues.warnings.map((i) => [i.path, i.message]) };
};

describe('readEvents: one valid event of each type', () => {
  it('reads them into data, sorted by time (file order among equal times)', () => {
    const r = read([
      { at: '3h', type: 'job-cancel', job: 'j2' },
      { at: 3600, type: 'reservation-create', name: 'demo', start: '2:00:00', duration: '2h', partition: 'GPU', nodes: 'gpu[1-2]', allowedAccounts: ['ml'], deniedUsers: 'erin' },
      { at: 3600, type: 'node-drain', nodes: 'cn[3-4]', reason: 'fans' },
      { at: '1:30:00', type: 'node-resume', nodes: 'cn[3-4]' },
      { at: '1h', type: 'node-down', nodes: 'cn1' },
      { at: '1h', type: 'node-up', nodes: 'cn1' },
      { at: '2h', type: 'qos-modify', qos: 'normal', set: { MaxJobsPerUser: 4, MaxWall: null, Priority: 50 } },
      { at: '2h', type: 'account-modify', account: 'ml', blocked: true, partitionLimits: { GPU: { MaxJobs: 2, MaxTres: 'gres/gpu:4' } } },
      { at: '2h', type: 'user-modify', user: 'erin', account: 'ml', partitionLimits: { GPU: { MaxSubmitJobs: 'unlimited' } } },
      { at: '2h', type: 'partition-modify', partition: 'GPU', deniedAccounts: [] },
      { at: '2h', type: 'partition-modify', partition: 'CPU', allowedAccounts: 'bio' },
      { at: '2:10:00', type: 'job-hold', job: 'j2', releaseAfter: '30m' },
      { at: '2:20:00', type: 'job-release', job: 'j2' },
      { at: '5h', type: 'reservation-create', name: 'maint', end: '7h', nodes: 'cn[1-2]', nodeCount: undefined },
      { at: '6h', type: 'reservation-delete', name: 'maint' },
    ]);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.events).toEqual([
      { type: 'reservation-create', at: 3_600_000, name: 'demo', start: 7_200_000, end: 14_400_000, partition: 'GPU', nodes: ['gpu1', 'gpu2'], nodeCount: null, accounts: { kind: 'allow', names: ['ml'] }, users: { kind: 'deny', names: ['erin'] } },
      { type: 'node-drain', at: 3_600_000, nodes: ['cn3', 'cn4'], reason: 'fans' },
      { type: 'node-down', at: 3_600_000, nodes: ['cn1'], reason: null },
      { type: 'node-up', at: 3_600_000, nodes: ['cn1'], reason: null },
      { type: 'node-resume', at: 5_400_000, nodes: ['cn3', 'cn4'], reason: null },
      { type: 'qos-modify', at: 7_200_000, qos: 'normal', set: { priority: 50, limits: { maxJobsPerUser: 4, maxWall: null } } },
      { type: 'account-modify', at: 7_200_000, account: 'ml', blocked: true, partitionLimits: { GPU: { maxJobs: 2, maxTres: { gres: [{ name: 'gpu', type: null, count: 4 }] } } } },
      { type: 'user-modify', at: 7_200_000, user: 'erin', account: 'ml', blocked: null, partitionLimits: { GPU: { maxSubmitJobs: null } } },
      { type: 'partition-modify', at: 7_200_000, partition: 'GPU', acl: { kind: 'all' } },
      { type: 'partition-modify', at: 7_200_000, partition: 'CPU', acl: { kind: 'allow', accounts: ['bio'] } },
      { type: 'job-hold', at: 7_800_000, job: 'j2', releaseAfter: 1_800_000 },
      { type: 'job-release', at: 8_400_000, job: 'j2' },
      { type: 'job-cancel', at: 10_800_000, job: 'j2' },
      { type: 'reservation-create', at: 18_000_000, name: 'maint', start: 18_000_000, end: 25_200_000, partition: null, nodes: ['cn1', 'cn2'], nodeCount: null, accounts: { kind: 'all' }, users: { kind: 'all' } },
      { type: 'reservation-delete', at: 21_600_000, name: 'maint' },
    ]);
  });

  it('accepts a reservation chosen from a partition by count', () => {
    const r = read([{ at: 0, type: 'reservation-create', name: 'r', duration: 60, partition: 'CPU', nodeCount: 2 }]);
    expect(r.errors).toEqual([]);
    expect(r.events![0]).toMatchObject({ partition: 'CPU', nodes: null, nodeCount: 2 });
  });

  it('allows a name again once the earlier reservation has ended, and reservations on other nodes or times', () => {
    const r = read([
      { at: 0, type: 'reservation-create', name: 'r', duration: '1h', nodes: 'cn1' },
      { at: '30m', type: 'reservation-create', name: 's', duration: '1h', nodes: 'cn2' },
      { at: '2h', type: 'reservation-create', name: 'r', duration: '1h', nodes: 'cn1' },
    ]);
    expect(r.errors).toEqual([]);
  });

  it('warns when an event names a job not submitted yet', () => {
    const r = read([{ at: '1h', type: 'job-cancel', job: 'j2' }]);
    expect(r.warnings).toEqual([['events[0].job', "job 'j2' is submitted at 7200 s, after this event (3600 s): CraneSched would find no such job"]]);
  });
});

describe('readEvents: every kind of error, with its path and message', () => {
  it.each<[string, unknown[], string, string]>([
    ['not a list', 'x' as unknown as unknown[], 'events', 'expected a list, got "x"'],
    ['not a map', ['x'], 'events[0]', 'expected a map, got "x"'],
    ['missing type', [{ at: 0 }], 'events[0].type', 'missing: this key is required'],
    ['unknown type', [{ at: 0, type: 'node-reboot' }], 'events[0].type', 'expected one of reservation-create, reservation-delete, node-down, node-up, node-drain, node-resume, qos-modify, account-modify, user-modify, partition-modify, job-hold, job-release, job-cancel, got "node-reboot"'],
    ['missing at', [{ type: 'node-up', nodes: 'cn1' }], 'events[0].at', 'missing: this key is required'],
    ['bad at', [{ at: 'noon', type: 'node-up', nodes: 'cn1' }], 'events[0].at', 'expected a duration: seconds (3600), [D-]HH:MM:SS (1-02:00:00) or units (1h30m), got "noon"'],
    ['key of another type', [{ at: 0, type: 'node-up', nodes: 'cn1', reason: 'x' }], 'events[0].reason', 'unknown key; expected one of: at, type, nodes'],
    ['unknown node', [{ at: 0, type: 'node-down', nodes: 'cn[4-6]' }], 'events[0].nodes', 'nodes cn[5-6] are not defined in the cluster file'],
    ['bad hostlist', [{ at: 0, type: 'node-down', nodes: 'cn[' }], 'events[0].nodes', `'[' is never closed in "cn["`],
    ['reservation without duration or end', [{ at: 0, type: 'reservation-create', name: 'r', nodes: 'cn1' }], 'events[0]', 'missing: duration or end'],
    ['reservation with both', [{ at: 0, type: 'reservation-create', name: 'r', nodes: 'cn1', duration: 60, end: 120 }], 'events[0]', 'give duration or end, not both'],
    ['reservation ending before its start', [{ at: 0, type: 'reservation-create', name: 'r', nodes: 'cn1', start: 100, end: 50 }], 'events[0].end', 'expected an end after the start (100 s), got 50 s'],
    ['reservation ending in the past', [{ at: '2h', type: 'reservation-create', name: 'r', nodes: 'cn1', start: 0, duration: '1h' }], 'events[0].duration', 'the reservation would end at 3600 s, not after the event time 7200 s (CraneSched requires an end in the future)'],
    ['zero duration', [{ at: 0, type: 'reservation-create', name: 'r', nodes: 'cn1', duration: 0 }], 'events[0].duration', 'expected a positive duration, got 0'],
    ['reservation without partition or nodes', [{ at: 0, type: 'reservation-create', name: 'r', duration: 60 }], 'events[0].nodes', 'missing: without a partition, nodes are required (as in CraneSched)'],
    ['nodes and nodeCount', [{ at: 0, type: 'reservation-create', name: 'r', duration: 60, nodes: 'cn1', nodeCount: 1 }], 'events[0].nodeCount', 'give nodes or nodeCount, not both'],
    ['nodes outside the partition', [{ at: 0, type: 'reservation-create', name: 'r', duration: 60, partition: 'GPU', nodes: 'cn1,gpu1' }], 'events[0].nodes', "cn1 is not in partition 'GPU'"],
    ['nodeCount above the partition', [{ at: 0, type: 'reservation-create', name: 'r', duration: 60, partition: 'GPU', nodeCount: 3 }], 'events[0].nodeCount', "expected at most the partition's 2 nodes, got 3"],
    ['unknown partition', [{ at: 0, type: 'reservation-create', name: 'r', duration: 60, partition: 'gpu' }], 'events[0].partition', "partition 'gpu' is not defined in the cluster file"],
    ['unknown account', [{ at: 0, type: 'reservation-create', name: 'r', duration: 60, nodes: 'cn1', allowedAccounts: ['ml', 'chem'] }], 'events[0].allowedAccounts', "account 'chem' is not defined in the accounts file"],
    ['unknown users', [{ at: 0, type: 'reservation-create', name: 'r', duration: 60, nodes: 'cn1', deniedUsers: 'x,y' }], 'events[0].deniedUsers', "users 'x', 'y' are not defined in the accounts file"],
    ['allow and deny mixed', [{ at: 0, type: 'reservation-create', name: 'r', duration: 60, nodes: 'cn1', allowedUsers: ['carol'], deniedUsers: ['erin'] }], 'events[0].deniedUsers', 'allowedUsers and deniedUsers cannot be mixed (as in CraneSched)'],
    ['name already active', [{ at: 0, type: 'reservation-create', name: 'r', duration: '2h', nodes: 'cn1' }, { at: '1h', type: 'reservation-create', name: 'r', duration: 60, nodes: 'cn2' }], 'events[1].name', "reservation 'r' already exists at 3600 s (created by events[0])"],
    ['overlapping nodes', [{ at: 0, type: 'reservation-create', name: 'r', duration: '2h', nodes: 'cn[1-2]' }, { at: 0, type: 'reservation-create', name: 's', start: '1h', duration: '2h', nodes: 'cn[2-3]' }], 'events[1].nodes', "overlaps reservation 'r' (events[0]) on cn2; CraneSched refuses overlapping reservations"],
    ['delete of an unknown reservation', [{ at: 0, type: 'reservation-delete', name: 'r' }], 'events[0].name', "no reservation 'r' exists at 0 s"],
    ['delete after it ended', [{ at: 0, type: 'reservation-create', name: 'r', duration: '1h', nodes: 'cn1' }, { at: '2h', type: 'reservation-delete', name: 'r' }], 'events[1].name', "no reservation 'r' exists at 7200 s"],
    ['delete twice', [{ at: 0, type: 'reservation-create', name: 'r', duration: '3h', nodes: 'cn1' }, { at: '1h', type: 'reservation-delete', name: 'r' }, { at: '2h', type: 'reservation-delete', name: 'r' }], 'events[2].name', "no reservation 'r' exists at 7200 s"],
    ['unknown QoS', [{ at: 0, type: 'qos-modify', qos: 'urgent', set: { Priority: 1 } }], 'events[0].qos', "QoS 'urgent' is not defined in the accounts file"],
    ['empty QoS change', [{ at: 0, type: 'qos-modify', qos: 'normal', set: {} }], 'events[0].set', 'expected at least one of: Priority, Flags, Preempt, PreemptMode, '],
    ['QoS preempting itself', [{ at: 0, type: 'qos-modify', qos: 'high', set: { Preempt: ['high'] } }], 'events[0].set', "a QoS cannot preempt itself ('high')"],
    ['bad QoS limit', [{ at: 0, type: 'qos-modify', qos: 'high', set: { MaxJobs: 'many' } }], 'events[0].set.MaxJobs', 'expected a non-negative integer, got "many"'],
    ['unknown account', [{ at: 0, type: 'account-modify', account: 'chem', blocked: true }], 'events[0].account', "account 'chem' is not defined in the accounts file"],
    ['account change that changes nothing', [{ at: 0, type: 'account-modify', account: 'ml' }], 'events[0]', 'expected blocked or partitionLimits: the event changes nothing'],
    ['limits on a partition the account lacks', [{ at: 0, type: 'account-modify', account: 'bio', partitionLimits: { GPU: { MaxJobs: 1 } } }], 'events[0].partitionLimits.GPU', "partition 'GPU' is not one of account 'bio''s partitions (CPU)"],
    ['unknown limit key', [{ at: 0, type: 'account-modify', account: 'ml', partitionLimits: { GPU: { MaxNodes: 1 } } }], 'events[0].partitionLimits.GPU.MaxNodes', 'unknown key; expected one of: MaxJobs, MaxSubmitJobs, MaxTres, MaxTresPerJob, MaxWall, MaxWallPerJob'],
    ['unknown user', [{ at: 0, type: 'user-modify', user: 'zed', account: 'ml', blocked: true }], 'events[0].user', "user 'zed' is not defined in the accounts file"],
    ['user not in the account', [{ at: 0, type: 'user-modify', user: 'carol', account: 'bio', blocked: true }], 'events[0].account', "user 'carol' does not belong to account 'bio' (ml)"],
    ['user limits on a partition outside the membership', [{ at: 0, type: 'user-modify', user: 'erin', account: 'ml', partitionLimits: { CPU: { MaxJobs: 1 } } }], 'events[0].partitionLimits.CPU', "partition 'CPU' is not one of user 'erin' in account 'ml''s partitions (GPU)"],
    ['partition ACL with both lists', [{ at: 0, type: 'partition-modify', partition: 'GPU', allowedAccounts: ['ml'], deniedAccounts: ['bio'] }], 'events[0]', 'give allowedAccounts or deniedAccounts, not both'],
    ['partition ACL with neither', [{ at: 0, type: 'partition-modify', partition: 'GPU' }], 'events[0]', 'missing: allowedAccounts or deniedAccounts (deniedAccounts: [] opens the partition to every account)'],
    ['unknown job', [{ at: 0, type: 'job-release', job: 'j9' }], 'events[0].job', "job 'j9' is not in the workload"],
    ['bad releaseAfter', [{ at: 0, type: 'job-hold', job: 'j1', releaseAfter: 'soon' }], 'events[0].releaseAfter', 'expected a duration: seconds (3600), [D-]HH:MM:SS (1-02:00:00) or units (1h30m), got "soon"'],
  ])('%s', (_what, events, path, message) => {
    const r = read(events);
    expect(r.events).toBeUndefined();
    const found = r.errors.find(([p]) => p === path);
    expect(found, JSON.stringify(r.errors)).toBeDefined();
    expect(found![1]!.startsWith(message), found![1]).toBe(true);
    if (!message.endsWith(', ')) expect(found![1]).toBe(message);
  });
});
