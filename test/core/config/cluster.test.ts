import { describe, expect, it } from 'vitest';
import { validateClusterConfig, type ClusterConfig } from '../../../core/config/index.js';

/** A small valid cluster file, as YAML would parse it. Each case below edits a copy. */
const base = (): Record<string, unknown> => ({
  ClusterName: 'lab',
  ControlMachine: 'cn01',
  Nodes: [
    { name: 'cn[01-04]', cpu: 4, memory: '16G' },
    { name: 'gpu[1-2]', cpu: 8, memory: '64G', gres: [{ name: 'gpu', type: 'a100', DeviceFileRegex: '/dev/nvidia[0-3]' }] },
  ],
  Partitions: [
    { name: 'CPU', nodes: 'cn[01-04]', priority: 5 },
    { name: 'GPU', nodes: 'gpu[1-2]', priority: 3, AllowedAccounts: 'ml, vision', MaxMemPerCpu: 16384 },
  ],
  DefaultPartition: 'CPU',
});

const edit = (change: (c: Record<string, unknown>) => void): Record<string, unknown> => {
  const c = base();
  change(c);
  return c;
};
const node = (c: Record<string, unknown>, i: number) => (c['Nodes'] as Record<string, unknown>[])[i]!;
const part = (c: Record<string, unknown>, i: number) => (c['Partitions'] as Record<string, unknown>[])[i]!;

const valid = (raw: unknown): ClusterConfig => {
  const r = validateClusterConfig(raw);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.value;
};

describe('validateClusterConfig: a valid file', () => {
  it('expands nodes, resolves partitions and fills CraneSched defaults', () => {
    const c = valid(base());
    expect(c.clusterName).toBe('lab');
    expect(c.nodes.map((n) => n.name)).toEqual(['cn01', 'cn02', 'cn03', 'cn04', 'gpu1', 'gpu2']);
    expect(c.nodes[0]).toEqual({ name: 'cn01', cpuMilli: 4000, memMiB: 16384, gres: [] });
    expect(c.nodes[4]).toEqual({ name: 'gpu1', cpuMilli: 8000, memMiB: 65536, gres: [{ name: 'gpu', type: 'a100', count: 4 }] });
    expect(c.partitions).toEqual([
      {
        name: 'CPU',
        nodes: ['cn01', 'cn02', 'cn03', 'cn04'],
        priority: 5,
        acl: { kind: 'all' },
        // auto: 4 nodes x 16384 MiB / 4 nodes x 4 CPUs = 4096 MiB per CPU
        memory: { defaultPerCpuMiB: 4096, defaultPerNodeMiB: 0, maxPerCpuMiB: 0, maxPerNodeMiB: 0, defaultFrom: 'auto' },
      },
      {
        name: 'GPU',
        nodes: ['gpu1', 'gpu2'],
        priority: 3,
        acl: { kind: 'allow', accounts: ['ml', 'vision'] },
        // auto: 2 x 65536 / 2 x 8 = 8192 MiB per CPU; MaxMemPerCpu 16384 >= 8192
        memory: { defaultPerCpuMiB: 8192, defaultPerNodeMiB: 0, maxPerCpuMiB: 16384, maxPerNodeMiB: 0, defaultFrom: 'auto' },
      },
    ]);
    expect(c.defaultPartition).toBe('CPU');
    expect(c.priority).toEqual({ type: 'priority/basic', favorSmall: true, maxAge: 7 * 86_400_000, weights: { age: 1000, fairShare: 0, jobSize: 0, partition: 0, qos: 0, assoc: 0 } });
    expect(c.scheduledBatchSize).toBe(100_000);
    expect(c.pendingQueueMaxSize).toBe(900_000);
    expect(c.rejectJobsBeyondCapacity).toBe(false);
    expect(c.preempt).toEqual({ type: 'none', mode: 'OFF' });
    expect(c.requeue).toEqual({ jobRequeue: true, maxRequeueCount: 5 });
  });

  it('reads every scheduling key CraneSched has', () => {
    const c = valid(
      edit((c) => {
        Object.assign(c, {
          PriorityType: 'priority/multifactor',
          PriorityFavorSmall: false,
          PriorityMaxAge: '1-12',
          PriorityWeightAge: 500,
          PriorityWeightFairShare: 10000,
          PriorityWeightJobSize: 0,
          PriorityWeightPartition: 1000,
          PriorityWeightQoS: 1000000,
          PriorityWeightAssoc: 7,
          ScheduledBatchSize: 5000,
          PendingQueueMaxSize: 1000,
          RejectJobsBeyondCapacity: true,
          Preempt: { PreemptType: 'qos', PreemptMode: 'CANCEL' },
          CraneCtld: { CranedTimeout: 30, JobRequeue: false, MaxRequeueCount: 2 },
        });
        Object.assign(part(c, 0), { DefaultMemPerNode: '8G', MaxMemPerNode: 12288, DeniedAccounts: ['guest'] });
      }),
    );
    expect(c.priority).toEqual({ type: 'priority/multifactor', favorSmall: false, maxAge: 36 * 3_600_000, weights: { age: 500, fairShare: 10000, jobSize: 0, partition: 1000, qos: 1000000, assoc: 7 } });
    expect([c.scheduledBatchSize, c.pendingQueueMaxSize, c.rejectJobsBeyondCapacity]).toEqual([5000, 1000, true]);
    expect(c.preempt).toEqual({ type: 'qos', mode: 'CANCEL' });
    expect(c.requeue).toEqual({ jobRequeue: false, maxRequeueCount: 2 });
    expect(c.partitions[0]!.acl).toEqual({ kind: 'deny', accounts: ['guest'] });
    expect(c.partitions[0]!.memory).toEqual({ defaultPerCpuMiB: 0, defaultPerNodeMiB: 8192, maxPerCpuMiB: 0, maxPerNodeMiB: 12288, defaultFrom: 'DefaultMemPerNode' });
  });

  it('accepts fractional CPUs, GRES shorthands, ALL and overlapping partitions', () => {
    const c = valid(
      edit((c) => {
        node(c, 0)['cpu'] = 2.5;
        node(c, 1)['gres'] = ['gpu:a100:4', { name: 'nic', type: 'cx6', count: 1 }, { name: 'gpu', type: 'v100', DeviceFileList: ['/dev/nvidia4,/dev/nvidia4ctl', '/dev/nvidia5'] }];
        (c['Partitions'] as unknown[]).push({ name: 'all', nodes: 'ALL' });
      }),
    );
    expect(c.nodes[0]!.cpuMilli).toBe(2500);
    expect(c.nodes[5]!.gres).toEqual([
      { name: 'gpu', type: 'a100', count: 4 },
      { name: 'gpu', type: 'v100', count: 2 },
      { name: 'nic', type: 'cx6', count: 1 },
    ]);
    expect(c.partitions[2]!.nodes).toEqual(c.nodes.map((n) => n.name));
  });

  it('keeps node-table order in a partition, whatever order its hostlist has', () => {
    const c = valid(edit((c) => (part(c, 0)['nodes'] = 'cn04,cn[01-03],cn02')));
    expect(c.partitions[0]!.nodes).toEqual(['cn01', 'cn02', 'cn03', 'cn04']);
  });
});

describe('validateClusterConfig: every kind of error, with its path and message', () => {
  it.each<[string, (c: Record<string, unknown>) => void, string, string]>([
    ['unknown top-level key, with a suggestion', (c) => (c['PriorityWieghtAge'] = 5), 'PriorityWieghtAge', 'unknown key (did you mean \'PriorityWeightAge\'?); expected one of: '],
    ['missing Nodes', (c) => delete c['Nodes'], 'Nodes', 'missing: this key is required'],
    ['Nodes not a list', (c) => (c['Nodes'] = 'cn01'), 'Nodes', 'expected a list, got "cn01"'],
    ['empty Nodes', (c) => (c['Nodes'] = []), 'Nodes', 'expected at least one node entry, got an empty list'],
    ['node entry not a map', (c) => ((c['Nodes'] as unknown[])[0] = 'cn01'), 'Nodes[0]', 'expected a map, got "cn01"'],
    ['unknown node key', (c) => (node(c, 0)['memroy'] = '1G'), 'Nodes[0].memroy', "unknown key (did you mean 'memory'?); expected one of: name, cpu, memory, gres"],
    ['missing node name', (c) => delete node(c, 0)['name'], 'Nodes[0].name', 'missing: this key is required'],
    ['bad hostlist', (c) => (node(c, 0)['name'] = 'cn[04-01]'), 'Nodes[0].name', 'range 04-01 runs backwards in "cn[04-01]"'],
    ['missing cpu', (c) => delete node(c, 0)['cpu'], 'Nodes[0].cpu', 'missing: this key is required'],
    ['bad cpu', (c) => (node(c, 0)['cpu'] = -1), 'Nodes[0].cpu', 'expected a positive CPU count (fractions allowed, e.g. 0.5), got -1'],
    ['missing memory', (c) => delete node(c, 1)['memory'], 'Nodes[1].memory', 'missing: this key is required'],
    ['memory without a unit', (c) => (node(c, 0)['memory'] = 16384), 'Nodes[0].memory', 'expected a memory size: a whole number with a unit K, M, G or B (e.g. 256G), got 16384'],
    ['node defined twice', (c) => (node(c, 1)['name'] = 'cn04,gpu[1-2]'), 'Nodes[1].name', "node 'cn04' is already defined by Nodes[0]"],
    ['GRES without type', (c) => (node(c, 1)['gres'] = [{ name: 'gpu', count: 2 }]), 'Nodes[1].gres[0].type', 'missing: this key is required'],
    ['GRES without devices or count', (c) => (node(c, 1)['gres'] = [{ name: 'gpu', type: 'a100' }]), 'Nodes[1].gres[0]', 'missing: a GRES needs DeviceFileRegex, DeviceFileList or count'],
    ['GRES count and devices', (c) => (node(c, 1)['gres'] = [{ name: 'gpu', type: 'a100', count: 2, DeviceFileRegex: '/dev/nvidia[0-1]' }]), 'Nodes[1].gres[0].count', 'give either count or device files (DeviceFileRegex, DeviceFileList), not both'],
    ['GRES string without type', (c) => (node(c, 1)['gres'] = ['gpu:4']), 'Nodes[1].gres[0]', 'expected name:type:count (e.g. gpu:a100:4), got "gpu:4"'],
    ['GRES twice', (c) => (node(c, 1)['gres'] = ['gpu:a100:4', 'gpu:a100:2']), 'Nodes[1].gres[1]', 'GRES gpu:a100 is listed twice for the same nodes'],
    ['bad device regex', (c) => (node(c, 1)['gres'] = [{ name: 'gpu', type: 'a100', DeviceFileRegex: '/dev/nvidia[0-' }]), 'Nodes[1].gres[0].DeviceFileRegex', `'[' is never closed in "/dev/nvidia[0-"`],
    ['missing Partitions', (c) => delete c['Partitions'], 'Partitions', 'missing: this key is required'],
    ['empty Partitions', (c) => (c['Partitions'] = []), 'Partitions', 'expected at least one partition, got an empty list'],
    ['unknown partition key', (c) => (part(c, 0)['Nodes'] = 'cn01'), 'Partitions[0].Nodes', "unknown key (did you mean 'nodes'?); expected one of: name, nodes, priority, AllowedAccounts, DeniedAccounts, DefaultMemPerCpu, DefaultMemPerNode, MaxMemPerCpu, MaxMemPerNode"],
    ['missing partition name', (c) => delete part(c, 1)['name'], 'Partitions[1].name', 'missing: this key is required'],
    ['partition name with a space', (c) => (part(c, 1)['name'] = 'G PU'), 'Partitions[1].name', 'expected a name without spaces or commas, got "G PU"'],
    ['partition defined twice', (c) => (part(c, 1)['name'] = 'CPU'), 'Partitions[1].name', "partition 'CPU' is already defined by Partitions[0]"],
    ['missing partition nodes', (c) => delete part(c, 1)['nodes'], 'Partitions[1].nodes', 'missing: this key is required'],
    ['partition names unknown nodes', (c) => (part(c, 1)['nodes'] = 'gpu[1-4]'), 'Partitions[1].nodes', 'nodes gpu[3-4] are not defined in Nodes'],
    ['a node in no partition', (c) => (part(c, 0)['nodes'] = 'cn[01-02]'), 'Partitions', 'nodes cn[03-04] belong to no partition; CraneSched requires every node in at least one'],
    ['negative priority', (c) => (part(c, 0)['priority'] = -5), 'Partitions[0].priority', 'expected an integer from 0 to 4294967295 (uint32), got -5'],
    ['bad account list', (c) => (part(c, 1)['AllowedAccounts'] = 'ml,ml'), 'Partitions[1].AllowedAccounts', "'ml' is listed twice"],
    ['both memory defaults', (c) => Object.assign(part(c, 0), { DefaultMemPerCpu: 1024, DefaultMemPerNode: 4096 }), 'Partitions[0].DefaultMemPerNode', 'DefaultMemPerCpu and DefaultMemPerNode are mutually exclusive; give one'],
    ['MaxMemPerCpu below the auto default', (c) => (part(c, 0)['MaxMemPerCpu'] = 1024), 'Partitions[0].MaxMemPerCpu', 'expected at least the default memory per CPU (4096 MiB, computed from the partition), got 1024 MiB'],
    ['MaxMemPerCpu below DefaultMemPerCpu', (c) => Object.assign(part(c, 0), { DefaultMemPerCpu: 2048, MaxMemPerCpu: 1024 }), 'Partitions[0].MaxMemPerCpu', 'expected at least the default memory per CPU (2048 MiB), got 1024 MiB'],
    ['MaxMemPerNode below DefaultMemPerNode', (c) => Object.assign(part(c, 0), { DefaultMemPerNode: 2048, MaxMemPerNode: 1024 }), 'Partitions[0].MaxMemPerNode', 'expected at least DefaultMemPerNode (2048 MiB), got 1024 MiB'],
    ['bad memory amount', (c) => (part(c, 0)['DefaultMemPerCpu'] = 'much'), 'Partitions[0].DefaultMemPerCpu', 'expected a memory size like 512M or 4G (no unit: MiB), got "much"'],
    ['unknown DefaultPartition', (c) => (c['DefaultPartition'] = 'GPUS'), 'DefaultPartition', "expected one of the partitions (CPU, GPU), got 'GPUS'"],
    ['unknown PriorityType', (c) => (c['PriorityType'] = 'priority/multifactr'), 'PriorityType', "expected one of priority/basic, priority/multifactor, got \"priority/multifactr\" (did you mean 'priority/multifactor'?)"],
    ['bad PriorityFavorSmall', (c) => (c['PriorityFavorSmall'] = 'maybe'), 'PriorityFavorSmall', 'expected true or false, got "maybe"'],
    ['bad PriorityMaxAge', (c) => (c['PriorityMaxAge'] = '7 days'), 'PriorityMaxAge', 'expected H:M:S, D-H, M (minutes) or D-H:M:S, got "7 days"'],
    ['weight above uint32', (c) => (c['PriorityWeightQoS'] = 5_000_000_000), 'PriorityWeightQoS', 'expected an integer from 0 to 4294967295 (uint32), got 5000000000'],
    ['fractional weight', (c) => (c['PriorityWeightAge'] = 1.5), 'PriorityWeightAge', 'expected an integer from 0 to 4294967295 (uint32), got 1.5'],
    ['ScheduledBatchSize 0', (c) => (c['ScheduledBatchSize'] = 0), 'ScheduledBatchSize', 'expected an integer from 1 to 4294967295 (uint32), got 0'],
    ['PreemptType partition', (c) => (c['Preempt'] = { PreemptType: 'partition', PreemptMode: 'CANCEL' }), 'Preempt.PreemptType', "'partition' is accepted by CraneSched's parser but not implemented there; expected none or qos"],
    ['PreemptMode SUSPEND', (c) => (c['Preempt'] = { PreemptType: 'qos', PreemptMode: 'SUSPEND' }), 'Preempt.PreemptMode', "'SUSPEND' is reserved in CraneSched's enum but not implemented; expected OFF, CANCEL or REQUEUE"],
    ['Preempt keys disagree', (c) => (c['Preempt'] = { PreemptType: 'qos' }), 'Preempt', 'PreemptType qos and PreemptMode OFF disagree: both must be none/OFF or both set (as CraneSched requires)'],
    ['unknown CraneCtld key', (c) => (c['CraneCtld'] = { JobRequeu: true }), 'CraneCtld.JobRequeu', "unknown key (did you mean 'JobRequeue'?); expected one of: JobRequeue, MaxRequeueCount"],
  ])('%s', (_what, change, path, message) => {
    const r = validateClusterConfig(edit(change));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const found = r.issues.find((i) => i.path === path);
    expect(found, `issues: ${JSON.stringify(r.issues)}`).toBeDefined();
    expect(found!.message.startsWith(message), found!.message).toBe(true);
    if (!message.endsWith(': ')) expect(found!.message).toBe(message);
  });

  it('collects every issue, not just the first', () => {
    const r = validateClusterConfig(
      edit((c) => {
        node(c, 0)['cpu'] = 'four';
        part(c, 1)['priority'] = 'high';
        c['PriorityType'] = 'fifo';
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual(['Nodes[0].cpu', 'Partitions[1].priority', 'PriorityType']);
  });

  it('rejects a file that is not a map', () => {
    expect(validateClusterConfig(['Nodes'])).toEqual({ ok: false, issues: [{ path: '', segments: [], message: 'expected a map, got a list' }], warnings: [] });
  });
});

describe('validateClusterConfig: warnings for what CraneSched clamps or ignores', () => {
  it.each<[string, (c: Record<string, unknown>) => void, string, string]>([
    ['ScheduledBatchSize above 200000', (c) => (c['ScheduledBatchSize'] = 500_000), 'ScheduledBatchSize', "500000 is above CraneSched's maximum 200000; 200000 is used"],
    ['PendingQueueMaxSize above 900000', (c) => (c['PendingQueueMaxSize'] = 1_000_000), 'PendingQueueMaxSize', "1000000 is above CraneSched's maximum 900000; 900000 is used"],
    ['PriorityMaxAge above 7 days', (c) => (c['PriorityMaxAge'] = '14-0'), 'PriorityMaxAge', 'capped at 7 days (7-0), as CraneSched caps it (kPriorityDefaultMaxAge)'],
    ['both ACLs', (c) => (part(c, 1)['DeniedAccounts'] = 'guest'), 'Partitions[1].DeniedAccounts', 'ignored: AllowedAccounts is also set, and it wins (as in CraneSched)'],
    ['several default partitions', (c) => (c['DefaultPartition'] = 'CPU,GPU'), 'DefaultPartition', "several names given; 'CPU' is used (as in CraneSched)"],
  ])('%s', (_what, change, path, message) => {
    const r = validateClusterConfig(edit(change));
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([{ path, segments: expect.any(Array), message }]);
  });

  it('applies the clamped values', () => {
    const c = valid(edit((c) => Object.assign(c, { ScheduledBatchSize: 500_000, PriorityMaxAge: '14-0' })));
    expect(c.scheduledBatchSize).toBe(200_000);
    expect(c.priority.maxAge).toBe(7 * 86_400_000);
  });
});
