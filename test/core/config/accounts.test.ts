import { describe, expect, it } from 'vitest';
import {
  accountChain,
  applyQosPatch,
  checkPartitionAcls,
  findAssociation,
  Issues,
  readQosPatch,
  validateAccounts,
  validateClusterConfig,
  type AccountsConfig,
  type ClusterConfig,
} from '../../../core/config/index.js';

const clusterResult = validateClusterConfig({
  Nodes: [{ name: 'n[1-4]', cpu: 8, memory: '32G' }],
  Partitions: [
    { name: 'CPU', nodes: 'n[1-2]' },
    { name: 'GPU', nodes: 'n[3-4]', AllowedAccounts: 'ml,ghost' },
    { name: 'debug', nodes: 'ALL' },
  ],
});
if (!clusterResult.ok) throw new Error('test cluster is invalid');
const cluster: ClusterConfig = clusterResult.value;

/** A valid accounts file; each case below edits a copy. */
const base = (): Record<string, unknown> => ({
  Qos: [
    { Name: 'normal', Priority: 1000, MaxJobsPerUser: 10, MaxTimeLimitPerJob: '1-00:00:00' },
    { Name: 'high', Description: 'paid', Priority: 5000, MaxTresPerUser: 'cpu:64,gres/gpu:8', Preempt: ['low'], PreemptMode: 'CANCEL' },
    { Name: 'low', Flags: 'DenyOnLimit', MaxWall: '10-00:00:00', MaxSubmitJobs: 100 },
  ],
  Accounts: [
    { Name: 'vision', Parent: 'ml' },
    { Name: 'lab', AllowedPartitions: ['CPU', 'GPU'], AllowedQos: ['normal', 'high', 'low'] },
    { Name: 'ml', Parent: 'lab', AllowedQos: 'normal, high', PartitionLimits: { GPU: { MaxJobs: 4, MaxTres: 'gres/gpu:8', MaxWall: 0 } } },
    { Name: 'physics', Parent: 'lab', AllowedPartitions: ['CPU'], DefaultQos: 'low', Blocked: true },
  ],
  Users: [
    { Name: 'alice', Uid: 1001, DefaultAccount: 'ml', AdminLevel: 'Operator' },
    { Name: 'bob', DefaultAccount: 'physics', Accounts: ['physics', { Account: 'ml', Partitions: ['GPU'], AllowedQos: ['high'], Blocked: true, PartitionLimits: { GPU: { MaxSubmitJobs: 3 } } }] },
    { Name: 'stu[1-3]', DefaultAccount: 'vision', Accounts: [{ Account: 'vision', PartitionQos: { GPU: { DefaultQos: 'high' } } }] },
  ],
});

type Raw = Record<string, unknown>;
const edit = (change: (c: Raw) => void): Raw => {
  const c = base();
  change(c);
  return c;
};
const list = (c: Raw, key: string) => c[key] as Raw[];

const valid = (raw: unknown): AccountsConfig => {
  const r = validateAccounts(raw, cluster);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.value;
};

describe('validateAccounts: a valid file', () => {
  const a = valid(base());

  it('reads QoS with every limit, defaults and preemption', () => {
    expect(a.qos).toEqual([
      { name: 'normal', description: '', priority: 1000, limits: { maxJobsPerUser: 10, maxTimeLimitPerJob: 86_400_000 }, denyOnLimit: false, preempt: [], preemptMode: 'OFF' },
      { name: 'high', description: 'paid', priority: 5000, limits: { maxTresPerUser: { cpuMilli: 64000, gres: [{ name: 'gpu', type: null, count: 8 }] } }, denyOnLimit: false, preempt: ['low'], preemptMode: 'CANCEL' },
      { name: 'low', description: '', priority: 1000, limits: { maxWall: 864_000_000, maxSubmitJobs: 100 }, denyOnLimit: true, preempt: [], preemptMode: 'OFF' },
    ]);
  });

  it('resolves the account tree with inheritance, whatever the file order', () => {
    const byName = Object.fromEntries(a.accounts.map((x) => [x.name, x]));
    expect(byName['lab']).toMatchObject({ parent: null, children: ['ml', 'physics'], allowedPartitions: ['CPU', 'GPU'], allowedQos: ['normal', 'high', 'low'], defaultQos: 'normal', blocked: false });
    // ml inherits lab's partitions; its limits: MaxWall 0 means unlimited, so it is absent.
    expect(byName['ml']).toMatchObject({ parent: 'lab', children: ['vision'], allowedPartitions: ['CPU', 'GPU'], allowedQos: ['normal', 'high'], defaultQos: 'normal' });
    expect(byName['ml']!.partitionLimits).toEqual({ GPU: { maxJobs: 4, maxTres: { gres: [{ name: 'gpu', type: null, count: 8 }] } } });
    // vision inherits everything from ml.
    expect(byName['vision']).toMatchObject({ parent: 'ml', allowedPartitions: ['CPU', 'GPU'], allowedQos: ['normal', 'high'], defaultQos: 'normal', blocked: false });
    expect(byName['physics']).toMatchObject({ allowedPartitions: ['CPU'], allowedQos: ['normal', 'high', 'low'], defaultQos: 'low', blocked: true });
    expect(a.accounts.map((x) => x.name)).toEqual(['vision', 'lab', 'ml', 'physics']);
  });

  it('builds one association per partition and membership', () => {
    expect(a.users[0]).toEqual({
      name: 'alice',
      uid: 1001,
      defaultAccount: 'ml',
      adminLevel: 'Operator',
      accounts: [
        {
          account: 'ml',
          blocked: false,
          associations: [
            { partition: 'CPU', defaultQos: 'normal', allowedQos: ['normal', 'high'] },
            { partition: 'GPU', defaultQos: 'normal', allowedQos: ['normal', 'high'] },
          ],
          partitionLimits: {},
        },
      ],
    });
    const bob = a.users[1]!;
    expect(bob.accounts.map((m) => m.account)).toEqual(['physics', 'ml']);
    expect(bob.accounts[0]!.associations).toEqual([{ partition: 'CPU', defaultQos: 'low', allowedQos: ['normal', 'high', 'low'] }]);
    // ml's default QoS (normal) is not in bob's narrowed list, so the first allowed one is the default.
    expect(bob.accounts[1]).toEqual({ account: 'ml', blocked: true, associations: [{ partition: 'GPU', defaultQos: 'high', allowedQos: ['high'] }], partitionLimits: { GPU: { maxSubmitJobs: 3 } } });
  });

  it('expands a bracketed user name into users with the same settings', () => {
    expect(a.users.map((u) => u.name)).toEqual(['alice', 'bob', 'stu1', 'stu2', 'stu3']);
    expect(findAssociation(a, 'stu2', 'vision', 'GPU')).toEqual({ partition: 'GPU', defaultQos: 'high', allowedQos: ['normal', 'high'] });
    expect(findAssociation(a, 'stu2', 'vision', 'CPU')).toEqual({ partition: 'CPU', defaultQos: 'normal', allowedQos: ['normal', 'high'] });
    expect(findAssociation(a, 'stu2', 'ml', 'CPU')).toBeUndefined();
  });

  it('gives the account chain nearest first', () => {
    expect(accountChain(a, 'vision')).toEqual(['vision', 'ml', 'lab']);
    expect(accountChain(a, 'lab')).toEqual(['lab']);
    expect(accountChain(a, 'nobody')).toEqual([]);
  });

  it('warns about partition ACLs naming accounts that do not exist', () => {
    expect(checkPartitionAcls(cluster, a)).toEqual([{ path: 'Partitions[1].AllowedAccounts', segments: ['Partitions', 1, 'AllowedAccounts'], message: "account 'ghost' is not defined in the accounts file" }]);
  });

  it('accepts an empty file', () => {
    expect(valid(null)).toEqual({ qos: [], accounts: [], users: [] });
  });
});

describe('validateAccounts: every kind of error, with its path and message', () => {
  it.each<[string, (c: Raw) => void, string, string]>([
    ['unknown top-level key', (c) => (c['Qoss'] = []), 'Qoss', "unknown key (did you mean 'Qos'?); expected one of: Qos, Accounts, Users"],
    ['QoS without a name', (c) => delete list(c, 'Qos')[0]!['Name'], 'Qos[0].Name', 'missing: this key is required'],
    ['QoS defined twice', (c) => (list(c, 'Qos')[1]!['Name'] = 'normal'), 'Qos[1].Name', "QoS 'normal' is already defined by Qos[0]"],
    ['unknown QoS key (docs name)', (c) => (list(c, 'Qos')[0]!['MaxTimeLimitPerTask'] = 60), 'Qos[0].MaxTimeLimitPerTask', "unknown key (did you mean 'MaxTimeLimitPerJob'?); expected one of: "],
    ['negative count limit', (c) => (list(c, 'Qos')[0]!['MaxJobsPerUser'] = -1), 'Qos[0].MaxJobsPerUser', 'expected a non-negative integer, got -1'],
    ['bad TRES limit', (c) => (list(c, 'Qos')[0]!['MaxTres'] = 'cpus:4'), 'Qos[0].MaxTres', 'unknown TRES "cpus" in "cpus:4"; expected cpu, mem or gres/<name>'],
    ['bad CPU limit', (c) => (list(c, 'Qos')[0]!['MaxCpusPerUser'] = 'many'), 'Qos[0].MaxCpusPerUser', 'expected a non-negative CPU count (fractions allowed, e.g. 0.5), got "many"'],
    ['zero time limit', (c) => (list(c, 'Qos')[0]!['MaxTimeLimitPerJob'] = 0), 'Qos[0].MaxTimeLimitPerJob', 'expected a positive duration (omit the key for no limit), got 0'],
    ['bad wall budget', (c) => (list(c, 'Qos')[0]!['MaxWall'] = 'long'), 'Qos[0].MaxWall', 'expected a duration: seconds (3600), [D-]HH:MM:SS (1-02:00:00) or units (1h30m), got "long"'],
    ['priority above uint32', (c) => (list(c, 'Qos')[0]!['Priority'] = 2 ** 32), 'Qos[0].Priority', 'expected an integer from 0 to 4294967295 (uint32), got 4294967296'],
    ['unknown flag', (c) => (list(c, 'Qos')[0]!['Flags'] = 'NoReserve'), 'Qos[0].Flags', 'expected DenyOnLimit or None, got "NoReserve"'],
    ['unknown preempt mode', (c) => (list(c, 'Qos')[1]!['PreemptMode'] = 'KILL'), 'Qos[1].PreemptMode', 'expected one of OFF, CANCEL, REQUEUE, got "KILL"'],
    ['SUSPEND preempt mode', (c) => (list(c, 'Qos')[1]!['PreemptMode'] = 'SUSPEND'), 'Qos[1].PreemptMode', "'SUSPEND' is reserved in CraneSched's enum but not implemented; expected OFF, CANCEL or REQUEUE"],
    ['preempting an unknown QoS', (c) => (list(c, 'Qos')[1]!['Preempt'] = ['lowest']), 'Qos[1].Preempt', "QoS 'lowest' is not defined in Qos"],
    ['preempting itself', (c) => (list(c, 'Qos')[1]!['Preempt'] = ['high']), 'Qos[1].Preempt', "a QoS cannot preempt itself ('high')"],
    ['preempt cycle', (c) => (list(c, 'Qos')[2]!['Preempt'] = ['high']), 'Qos[1].Preempt', 'the preempt graph has a cycle: high -> low -> high (CraneSched requires it acyclic)'],
    ['account without a name', (c) => delete list(c, 'Accounts')[1]!['Name'], 'Accounts[1].Name', 'missing: this key is required'],
    ['account defined twice', (c) => (list(c, 'Accounts')[3]!['Name'] = 'ml'), 'Accounts[3].Name', "account 'ml' is already defined by Accounts[2]"],
    ['unknown parent', (c) => (list(c, 'Accounts')[2]!['Parent'] = 'labs'), 'Accounts[2].Parent', "account 'labs' is not defined in Accounts"],
    ['own parent', (c) => (list(c, 'Accounts')[1]!['Parent'] = 'lab'), 'Accounts[1].Parent', "an account cannot be its own parent ('lab')"],
    ['parent cycle', (c) => (list(c, 'Accounts')[1]!['Parent'] = 'vision'), 'Accounts[0].Parent', 'the account tree has a cycle: vision -> ml -> lab -> vision'],
    ['unknown partition', (c) => (list(c, 'Accounts')[1]!['AllowedPartitions'] = ['CPU', 'GPUS']), 'Accounts[1].AllowedPartitions[1]', "partition 'GPUS' is not defined in the cluster file (expected one of CPU, GPU, debug)"],
    ['partition not in the parent', (c) => (list(c, 'Accounts')[3]!['AllowedPartitions'] = ['debug']), 'Accounts[3].AllowedPartitions[0]', "partition 'debug' is not allowed for parent account 'lab' (CraneSched: ERR_PARENT_ACCOUNT_PARTITION_MISSING)"],
    ['unknown QoS', (c) => (list(c, 'Accounts')[2]!['AllowedQos'] = ['normal', 'urgent']), 'Accounts[2].AllowedQos[1]', "QoS 'urgent' is not defined in Qos"],
    ['QoS not in the parent', (c) => (list(c, 'Accounts')[0]!['AllowedQos'] = ['low']), 'Accounts[0].AllowedQos[0]', "QoS 'low' is not allowed for parent account 'ml' (CraneSched: ERR_PARENT_ACCOUNT_QOS_MISSING)"],
    ['default QoS not allowed', (c) => (list(c, 'Accounts')[2]!['DefaultQos'] = 'low'), 'Accounts[2].DefaultQos', "expected one of the account's allowed QoS (normal, high), got 'low' (CraneSched: ERR_DEFAULT_QOS_NOT_INHERITED)"],
    ['limits for a partition the account lacks', (c) => (list(c, 'Accounts')[3]!['PartitionLimits'] = { GPU: { MaxJobs: 1 } }), 'Accounts[3].PartitionLimits.GPU', "partition 'GPU' is not one of account 'physics''s partitions (CPU) (CraneSched: ERR_PARTITION_MISSING)"],
    ['unknown partition-limit key', (c) => (list(c, 'Accounts')[2]!['PartitionLimits'] = { GPU: { MaxJob: 1 } }), 'Accounts[2].PartitionLimits.GPU.MaxJob', "unknown key (did you mean 'MaxJobs'?); expected one of: MaxJobs, MaxSubmitJobs, MaxTres, MaxTresPerJob, MaxWall, MaxWallPerJob"],
    ['bad partition limit', (c) => (list(c, 'Accounts')[2]!['PartitionLimits'] = { GPU: { MaxWallPerJob: 'forever' } }), 'Accounts[2].PartitionLimits.GPU.MaxWallPerJob', 'expected a duration: seconds (3600), [D-]HH:MM:SS (1-02:00:00) or units (1h30m), got "forever"'],
    ['bad Blocked', (c) => (list(c, 'Accounts')[3]!['Blocked'] = 'sometimes'), 'Accounts[3].Blocked', 'expected true or false, got "sometimes"'],
    ['user without DefaultAccount', (c) => delete list(c, 'Users')[0]!['DefaultAccount'], 'Users[0].DefaultAccount', 'missing: this key is required'],
    ['user named ALL', (c) => (list(c, 'Users')[0]!['Name'] = 'ALL'), 'Users[0].Name', "'ALL' is reserved and cannot be a user name (CraneSched: ERR_INVALID_USERNAME)"],
    ['user defined twice', (c) => (list(c, 'Users')[1]!['Name'] = 'stu2'), 'Users[2].Name', "user 'stu2' is already defined by Users[1]"],
    ['bad user hostlist', (c) => (list(c, 'Users')[2]!['Name'] = 'stu[3-1]'), 'Users[2].Name', 'range 3-1 runs backwards in "stu[3-1]"'],
    ['one Uid for many users', (c) => (list(c, 'Users')[2]!['Uid'] = 2000), 'Users[2].Uid', 'one Uid cannot belong to 3 users; drop Uid or give one user per entry'],
    ['unknown admin level', (c) => (list(c, 'Users')[0]!['AdminLevel'] = 'admin'), 'Users[0].AdminLevel', "expected one of None, Operator, Admin, Root, got \"admin\" (did you mean 'Admin'?)"],
    ['unknown default account', (c) => (list(c, 'Users')[0]!['DefaultAccount'] = 'mll'), 'Users[0].DefaultAccount', "account 'mll' is not defined in Accounts"],
    ['default account not a membership', (c) => (list(c, 'Users')[1]!['DefaultAccount'] = 'lab'), 'Users[1].DefaultAccount', "expected one of the user's accounts (physics, ml), got 'lab'"],
    ['unknown membership account', (c) => (list(c, 'Users')[1]!['Accounts'] = ['physics', 'chem']), 'Users[1].Accounts[1]', "account 'chem' is not defined in Accounts"],
    ['membership listed twice', (c) => (list(c, 'Users')[1]!['Accounts'] = ['physics', 'physics']), 'Users[1].Accounts[1]', "account 'physics' is listed twice"],
    ['membership without Account', (c) => (list(c, 'Users')[1]!['Accounts'] = ['physics', { Partitions: ['CPU'] }]), 'Users[1].Accounts[1].Account', 'missing: this key is required'],
    ['membership partition not in the account', (c) => (list(c, 'Users')[1]!['Accounts'] = [{ Account: 'physics', Partitions: ['GPU'] }]), 'Users[1].Accounts[0].Partitions[0]', "partition 'GPU' is not allowed for account 'physics' (CPU) (CraneSched: ERR_PARENT_ACCOUNT_PARTITION_MISSING)"],
    ['membership QoS not in the account', (c) => (list(c, 'Users')[0]!['Accounts'] = [{ Account: 'ml', AllowedQos: ['low'] }]), 'Users[0].Accounts[0].AllowedQos[0]', "QoS 'low' is not allowed for account 'ml' (normal, high)"],
    ['membership default QoS not allowed', (c) => (list(c, 'Users')[0]!['Accounts'] = [{ Account: 'ml', AllowedQos: ['normal'], DefaultQos: 'high' }]), 'Users[0].Accounts[0].DefaultQos', "expected one of the allowed QoS (normal), got 'high'"],
    ['PartitionQos for a partition not in the membership', (c) => (list(c, 'Users')[1]!['Accounts'] = ['physics', { Account: 'ml', Partitions: ['GPU'], PartitionQos: { CPU: { DefaultQos: 'high' } } }]), 'Users[1].Accounts[1].PartitionQos.CPU', "partition 'CPU' is not one of this membership's partitions (GPU)"],
    ['PartitionLimits for a partition not in the membership', (c) => (list(c, 'Users')[1]!['Accounts'] = ['physics', { Account: 'ml', Partitions: ['GPU'], PartitionLimits: { CPU: { MaxJobs: 1 } } }]), 'Users[1].Accounts[1].PartitionLimits.CPU', "partition 'CPU' is not one of this membership in 'ml''s partitions (GPU) (CraneSched: ERR_PARTITION_MISSING)"],
    ['unknown membership key', (c) => (list(c, 'Users')[0]!['Accounts'] = [{ Account: 'ml', Qos: ['normal'] }]), 'Users[0].Accounts[0].Qos', 'unknown key; expected one of: Account, Partitions, DefaultQos, AllowedQos, PartitionQos, Blocked, PartitionLimits'],
  ])('%s', (_what, change, path, message) => {
    const r = validateAccounts(edit(change), cluster);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const found = r.issues.find((i) => i.path === path);
    expect(found, `issues: ${JSON.stringify(r.issues)}`).toBeDefined();
    expect(found!.message.startsWith(message), found!.message).toBe(true);
    if (!message.endsWith(': ')) expect(found!.message).toBe(message);
  });

  it('collects issues from QoS, accounts and users together', () => {
    const r = validateAccounts(
      edit((c) => {
        list(c, 'Qos')[0]!['MaxJobs'] = 'x';
        list(c, 'Accounts')[3]!['DefaultQos'] = 'nope';
        list(c, 'Users')[0]!['AdminLevel'] = 'God';
      }),
      cluster,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual(['Qos[0].MaxJobs', 'Accounts[3].DefaultQos', 'Users[0].AdminLevel']);
  });
});

describe('QoS patches (timed changes)', () => {
  const normal = valid(base()).qos[0]!;

  it('sets, replaces and removes limits', () => {
    const issues = new Issues();
    const patch = readQosPatch(issues, ['set'], { Priority: 10, MaxJobsPerUser: null, MaxJobs: 3, MaxTimeLimitPerJob: 'unlimited', Flags: 'DenyOnLimit' });
    expect(issues.errors).toEqual([]);
    expect(patch).toEqual({ priority: 10, denyOnLimit: true, limits: { maxJobsPerUser: null, maxJobs: 3, maxTimeLimitPerJob: null } });
    expect(applyQosPatch(normal, patch!)).toEqual({ ...normal, priority: 10, denyOnLimit: true, limits: { maxJobs: 3 } });
  });

  it.each<[unknown, string, string]>([
    [{}, 'set', 'expected at least one of: Priority, Flags, Preempt, PreemptMode, MaxJobsPerUser, '],
    [{ Name: 'x' }, 'set.Name', 'unknown key; expected one of: Priority, '],
    [{ MaxJobs: -2 }, 'set.MaxJobs', 'expected a non-negative integer, got -2'],
  ])('rejects %j', (raw, path, message) => {
    const issues = new Issues();
    expect(readQosPatch(issues, ['set'], raw)).toBeUndefined();
    expect(issues.errors[0]!.path).toBe(path);
    expect(issues.errors[0]!.message.startsWith(message)).toBe(true);
  });
});
