import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatUnsupported, mapAdminEvents, prepareScenario, resolveProfile, runScenario, type PreparedScenario } from '../../../experiments/scenario/index.js';
import { loadScenario, type AdminEvent, type Scenario } from '../../../traces/scenario/index.js';
import { repoRoot } from '../../support/shared.js';
import { buildCluster } from '../../core/accounts/fixture.js';

const bundled = (name: string): string => join(repoRoot, 'traces', 'scenarios', name, 'scenario.yaml');

/**
 * gpu-cluster's files (GPU admits ml and bio) with one partition ACL change at 1 h: GPU admits ml
 * only. bob (account bio) submits to GPU before and after it.
 */
function withPartitionModify(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cranelab-scenario-'));
  const from = join(repoRoot, 'traces', 'scenarios', 'gpu-cluster');
  const file = join(dir, 'scenario.yaml');
  const job = (id: string, submit: string): string => `    - {id: ${id}, submit: "${submit}", user: bob, account: bio, partition: GPU, cpus-per-task: 4, time: 600, runtime: 60}`;
  writeFileSync(
    file,
    [`cluster: ${from}/cluster.yaml`, `accounts: ${from}/accounts.yaml`, 'workload:', '  format: jobs', '  jobs:', job('before', '0:30:00'), job('after', '2:00:00'), 'events:', '  - {at: "1:00:00", type: partition-modify, partition: GPU, allowedAccounts: [ml]}'].join('\n') + '\n',
  );
  return file;
}

async function load(file: string): Promise<Scenario> {
  const r = await loadScenario(file);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

async function prepared(s: Scenario, options: Parameters<typeof prepareScenario>[1] = {}): Promise<PreparedScenario> {
  const p = await prepareScenario(s, options);
  if (!p.ok) throw new Error(JSON.stringify(p));
  return p.value;
}

describe('admin events become timed commands', () => {
  it('node events per node, a hold with a later release, release, cancel, reservations, QoS/account/user and partition ACL changes', () => {
    const events: AdminEvent[] = [
      { type: 'node-down', at: 1000, nodes: ['cn1', 'cn2'], reason: null },
      { type: 'job-hold', at: 2000, job: 'a', releaseAfter: 5000 },
      { type: 'reservation-create', at: 2500, name: 'r', start: 3000, end: 9000, partition: null, nodes: ['cn1'], nodeCount: null, accounts: { kind: 'all' }, users: { kind: 'all' } },
      { type: 'node-drain', at: 3000, nodes: ['cn3'], reason: 'disk' },
      { type: 'job-release', at: 4000, job: 'b' },
      { type: 'job-cancel', at: 8000, job: 'c' },
      { type: 'qos-modify', at: 8000, qos: 'normal', set: { priority: 1 } },
      { type: 'account-modify', at: 8500, account: 'bio', blocked: null, partitionLimits: { GPU: { maxJobs: 1 } } },
      { type: 'user-modify', at: 8600, user: 'bob', account: 'physics', blocked: true, partitionLimits: {} },
      { type: 'partition-modify', at: 9000, partition: 'GPU', acl: { kind: 'all' } },
    ];
    const m = mapAdminEvents(events);
    expect(m.commands).toEqual([
      { time: 1000, command: { type: 'SetNodeState', node: 'cn1', state: 'down' } },
      { time: 1000, command: { type: 'SetNodeState', node: 'cn2', state: 'down' } },
      { time: 2000, command: { type: 'HoldJob', job: 'a' } },
      { time: 2500, command: { type: 'CreateReservation', name: 'r', start: 3000, end: 9000, nodes: ['cn1'] } },
      { time: 3000, command: { type: 'SetNodeState', node: 'cn3', state: 'drain' } },
      { time: 4000, command: { type: 'ReleaseJob', job: 'b' } },
      // the automatic release of the hold (2000 + 5000) falls between later events
      { time: 7000, command: { type: 'ReleaseJob', job: 'a' } },
      { time: 8000, command: { type: 'CancelJob', job: 'c' } },
      { time: 8000, command: { type: 'ModifyQos', qos: 'normal', set: { priority: 1 } } },
      { time: 8500, command: { type: 'ModifyAccount', account: 'bio', partitionLimits: { GPU: { maxJobs: 1 } } } },
      { time: 8600, command: { type: 'ModifyUser', user: 'bob', account: 'physics', blocked: true, partitionLimits: {} } },
      { time: 9000, command: { type: 'ModifyPartition', partition: 'GPU', acl: { kind: 'all' } } },
    ]);
    expect(m.unsupported).toEqual([]);
    // Whole-node planners: reservations stay unsupported.
    expect(mapAdminEvents(events, false).unsupported.map((e) => e.type)).toEqual(['reservation-create']);
  });

  it('reservation lists and partition-chosen nodes carry over', () => {
    const m = mapAdminEvents([
      { type: 'reservation-create', at: 0, name: 'r', start: 10, end: 20, partition: 'GPU', nodes: null, nodeCount: 2, accounts: { kind: 'deny', names: ['bio'] }, users: { kind: 'allow', names: ['carol'] } },
      { type: 'reservation-delete', at: 15, name: 'r' },
    ]);
    expect(m.commands).toEqual([
      { time: 0, command: { type: 'CreateReservation', name: 'r', start: 10, end: 20, nodes: [], partition: 'GPU', nodeCount: 2, deniedAccounts: ['bio'], allowedUsers: ['carol'] } },
      { time: 15, command: { type: 'DeleteReservation', name: 'r' } },
    ]);
  });
});

describe('the profile', () => {
  const cluster = buildCluster();

  it('--policy over the scenario over cranesched; the scenario priority over PriorityType', () => {
    expect(resolveProfile({}, cluster, undefined)).toEqual({ ok: true, value: { planner: 'cranesched', priority: 'priority/basic', nodeSelection: 'least-loaded', preemption: 'none', fairShare: { type: 'running' } } });
    expect(resolveProfile({ backfill: 'easy', priority: 'multifactor', nodeSelection: 'pack' }, cluster, undefined)).toMatchObject({ value: { planner: 'easy', priority: 'priority/multifactor', nodeSelection: 'pack' } });
    expect(resolveProfile({ backfill: 'easy' }, cluster, 'cranesched')).toMatchObject({ value: { planner: 'cranesched' } });
  });

  it('unknown names are errors naming the axis and the known names', () => {
    expect(resolveProfile({ backfill: 'sjf' }, cluster, undefined)).toEqual({ ok: false, axis: 'profile.backfill', message: 'unknown policy \'sjf\'; known: fcfs, easy, conservative, cranesched' });
    expect(resolveProfile({}, cluster, 'sjf')).toMatchObject({ ok: false, axis: '--policy' });
    expect(resolveProfile({ priority: 'fairtree' }, cluster, undefined)).toMatchObject({ ok: false, axis: 'profile.priority' });
    expect(resolveProfile({ nodeSelection: 'random' }, cluster, undefined)).toEqual({ ok: false, axis: 'profile.nodeSelection', message: "unknown node selection 'random'; known: least-loaded, pack" });
  });
});

describe('the bundled scenarios', () => {
  it('a partition ACL change applies to submissions from then on: the job before it runs, the one after is refused', async () => {
    const p = await prepared(await load(withPartitionModify()));
    expect(p.options.admin).toEqual([{ time: 3_600_000, command: { type: 'ModifyPartition', partition: 'GPU', acl: { kind: 'allow', accounts: ['ml'] } } }]);
    const run = runScenario(p);
    expect(run.result.jobs.map((j) => [j.view.spec.externalId, j.view.state])).toEqual([['before', 'Completed']]);
    expect(run.result.rejected.map((r) => [r.job.spec.externalId, r.code])).toEqual([['after', 'ERR_NOT_IN_ALLOWED_LIST']]);
  });

  it('what the core does not support yet is named with its file and line, or skipped and counted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cranelab-scenario-'));
    const from = join(repoRoot, 'traces', 'scenarios', 'gpu-cluster');
    const file = join(dir, 'scenario.yaml');
    writeFileSync(file, [`cluster: ${from}/cluster.yaml`, `accounts: ${from}/accounts.yaml`, 'profile:', '  preemption: partition', 'workload:', '  format: jobs', '  jobs: [{id: a, submit: 0, user: alice, time: 100, runtime: 50}]'].join('\n') + '\n');
    const p = await prepareScenario(await load(file));
    if (p.ok || p.kind !== 'unsupported') throw new Error('expected unsupported');
    expect(p.unsupported.map((u) => formatUnsupported({ ...u, file: 'scenario.yaml' }))).toEqual(['not supported yet: preemption (profile.preemption partition) at scenario.yaml:4']);
    const ignored = await prepared(await load(file), { ignoreUnsupported: true });
    expect(ignored.ignored).toEqual({ preemption: 1 });
    expect(ignored.notes).toContain('ignored (not supported yet): preemption (1)');
  });

  it('gpu-cluster prepares with all its events: QoS, account and user changes are admin commands', async () => {
    const p = await prepared(await load(bundled('gpu-cluster')));
    expect(p.ignored).toEqual({});
    expect(p.profile).toEqual({ planner: 'cranesched', priority: 'priority/multifactor', nodeSelection: 'least-loaded', preemption: 'qos', fairShare: { type: 'running' } });
    expect(p.jobs.length).toBe(63);
    // hand-written jobs keep their time limits (none is under 11 s)
    expect(p.raisedLimits).toBe(0);
    // drain + resume (1 node each), down + up (2 nodes each), release, hold + its automatic release,
    // cancel, two reservations created and one deleted, a QoS, an account and a user change
    expect(p.options.admin?.length).toBe(16);
    expect(p.options.admin?.filter((c) => c.command.type.startsWith('Modify')).map((c) => c.command.type)).toEqual(['ModifyQos', 'ModifyAccount', 'ModifyUser']);
    expect(p.jobs.find((j) => j.spec.externalId === 'demo')!.spec.reservation).toBe('ml-demo');
    expect(p.notes).toEqual([]);
  });

  it("kth-sp2: the 8 SWF bad rows' 1 s time limits are raised to CraneSched's 11 s minimum", async () => {
    const s = await load(bundled('kth-sp2'));
    const p = await prepared(s);
    expect(p.raisedLimits).toBe(8);
    expect(p.jobs.filter((j) => j.spec.timeLimit === 11_000).length).toBe(8);
    expect(p.jobs.every((j) => j.spec.timeLimit! >= 11_000)).toBe(true);
    expect(p.notes).toEqual(["8 trace jobs had a time limit under CraneSched's 11 s minimum; raised to 11 s"]);
    // the account and QoS come from the mapping, the partition from DefaultPartition
    for (const j of p.jobs.slice(0, 100)) {
      expect(j.spec.partition).toBe('batch');
      expect(['physics', 'chemistry', 'engineering', 'cs']).toContain(j.spec.account);
      expect(j.spec.qos).toBe(j.spec.request.nodeCount <= 16 ? 'normal' : 'wide');
    }
    // kept as they are, CraneSched would reject them
    const kept = await prepared(s, { shortLimits: 'keep' });
    expect(kept.jobs.filter((j) => j.spec.timeLimit! < 11_000).length).toBe(8);
  });

  it('whole-node planners are refused on clusters of several partitions; on one they run with the run limits', async () => {
    const gpu = await prepareScenario(await load(bundled('gpu-cluster')), { policy: 'easy', ignoreUnsupported: true });
    expect(gpu).toEqual({ ok: false, kind: 'profile', axis: '--policy', message: 'easy places whole nodes of a single partition; this cluster has 2 partitions: use cranesched' });
    const kth = await prepared(await load(bundled('kth-sp2')), { policy: 'easy' });
    expect(kth.notes).toEqual(["8 trace jobs had a time limit under CraneSched's 11 s minimum; raised to 11 s"]);
  });
});

describe('a scenario runs under its profile', () => {
  /** One 1-CPU node; a blocker runs 100 s; then `low` (submitted first) and `high` (QoS priority 9000) compete. */
  async function tiny(priority: string): Promise<ReturnType<typeof runScenario>> {
    const dir = mkdtempSync(join(tmpdir(), 'cranelab-scenario-'));
    writeFileSync(join(dir, 'cluster.yaml'), 'Nodes:\n  - {name: n1, cpu: 1, memory: 1G}\nPartitions:\n  - {name: p, nodes: ALL}\nDefaultPartition: p\nPriorityType: priority/multifactor\nPriorityWeightAge: 0\nPriorityWeightQoS: 1000\n');
    writeFileSync(join(dir, 'accounts.yaml'), 'Qos:\n  - {Name: normal, Priority: 100}\n  - {Name: high, Priority: 9000}\nAccounts:\n  - {Name: lab, AllowedPartitions: [p], AllowedQos: [normal, high]}\nUsers:\n  - {Name: u, DefaultAccount: lab}\n');
    writeFileSync(
      join(dir, 'scenario.yaml'),
      [
        'cluster: cluster.yaml',
        'accounts: accounts.yaml',
        `profile: {priority: ${priority}}`,
        'workload:',
        '  format: jobs',
        '  jobs:',
        '    - {id: blocker, submit: 0, user: u, time: 100, runtime: 100}',
        '    - {id: low, submit: 10, user: u, time: 100, runtime: 50}',
        '    - {id: high, submit: 20, user: u, qos: high, time: 100, runtime: 50}',
        '    - {id: short, submit: 30, user: u, time: 5, runtime: 1}',
      ].join('\n') + '\n',
    );
    return runScenario(await prepared(await load(join(dir, 'scenario.yaml'))));
  }
  const starts = (r: Awaited<ReturnType<typeof tiny>>): Record<string, number> => Object.fromEntries(r.result.jobs.map(({ view }) => [view.spec.externalId, view.startTime / 1000]));

  it('multifactor: the high-QoS job goes first; basic: submission order', async () => {
    expect(starts(await tiny('priority/multifactor'))).toEqual({ blocker: 0, low: 150, high: 100 });
    expect(starts(await tiny('priority/basic'))).toEqual({ blocker: 0, low: 100, high: 150 });
  });

  it('a hand-written time limit under 11 s is rejected as CraneSched rejects it', async () => {
    const r = await tiny('priority/basic');
    expect(r.result.rejected.map((x) => [x.job.spec.externalId, x.code, x.message])).toEqual([
      ['short', 'ERR_TIME_TIMIT_BEYOND', "job short: time limit 5 s is outside CraneSched's range [11 s, 315576000000 s]"],
    ]);
    // low and high both waited for the node
    expect(r.pendingReasons).toEqual({ Resource: 2 });
  });
});

describe('reservations and preemption in a scenario (CraneSched planner)', () => {
  it('a reservation-create event and a -r job: the job runs inside, others wait; high preempts normal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cranelab-scenario-'));
    writeFileSync(join(dir, 'cluster.yaml'), 'Nodes:\n  - {name: "n[1-2]", cpu: 1, memory: 1G}\nPartitions:\n  - {name: p, nodes: ALL}\nDefaultPartition: p\nPreempt: {PreemptType: qos, PreemptMode: CANCEL}\n');
    writeFileSync(
      join(dir, 'accounts.yaml'),
      'Qos:\n  - {Name: normal, Priority: 100}\n  - {Name: high, Priority: 9000, Preempt: [normal], PreemptMode: CANCEL}\nAccounts:\n  - {Name: lab, AllowedPartitions: [p], AllowedQos: [normal, high], DefaultQos: normal}\nUsers:\n  - {Name: u, DefaultAccount: lab}\n',
    );
    writeFileSync(
      join(dir, 'scenario.yaml'),
      [
        'cluster: cluster.yaml',
        'accounts: accounts.yaml',
        'workload:',
        '  format: jobs',
        '  jobs:',
        '    - {id: inside, submit: 10, user: u, reservation: r, time: 50, runtime: 40}',
        '    - {id: outside, submit: 20, user: u, time: 100, runtime: 100}',
        '    - {id: waits, submit: 30, user: u, time: 100, runtime: 10}',
        '    - {id: urgent, submit: 40, user: u, qos: high, time: 20, runtime: 20}',
        'events:',
        '  - {at: 0, type: reservation-create, name: r, start: 0, duration: 60, nodes: n2, allowedUsers: [u]}',
      ].join('\n') + '\n',
    );
    const r = runScenario(await prepared(await load(join(dir, 'scenario.yaml'))));
    const v = Object.fromEntries(r.result.jobs.map(({ view }) => [view.spec.externalId, view]));
    expect(r.result.adminFailures).toEqual([]);
    expect(v['inside']).toMatchObject({ startTime: 10_000, nodes: [1] });
    expect(v['outside']).toMatchObject({ startTime: 20_000, nodes: [0] });
    // urgent cancels outside (n1) at 40 s; n2 is reserved until 60 s
    expect(v['outside']).toMatchObject({ state: 'Cancelled', exitCode: 320, endTime: 40_000 });
    expect(v['urgent']).toMatchObject({ startTime: 40_000, nodes: [0] });
    expect(v['waits']!.startTime).toBe(60_000);
  });
});
