import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAccountsConfig, loadClusterConfig, loadConfigPair, parseYamlText } from '../../../traces/config/index.js';
import { formatIssue } from '../../../traces/index.js';

const dir = mkdtempSync(join(tmpdir(), 'cranelab-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

/** A cluster file in CraneSched's own layout, with keys the simulator ignores. */
const CLUSTER = `# a cluster in CraneSched's config.yaml layout
ControlMachine: head
ClusterName: lab
CraneBaseDir: /var/crane/
CraneCtld:
  CranedTimeout: 30
  JobRequeue: true
Nodes:
  - name: "cn[01-04]"
    cpu: 4
    memory: 16G
  - name: "gpu[1-2]"
    cpu: 8
    memory: 64G
    gres:
      - name: gpu
        type: a100
        EnvInjector: nvidia
        DeviceFileRegex: /dev/nvidia[0-3]
Partitions:
  - name: CPU
    nodes: "cn[01-04]"
    priority: 5
  - name: GPU
    nodes: "gpu[1-2]"
    priority: 3
    AllowedAccounts: ml, ghost
DefaultPartition: CPU
PriorityType: priority/multifactor
PriorityMaxAge: 14-0
PriorityWeightAge: 500
Preempt:
  PreemptType: none
  PreemptMode: OFF
`;

const ACCOUNTS = `Qos:
  - Name: normal
  - Name: high
    Priority: 5000
Accounts:
  - Name: ml
    AllowedPartitions: [CPU, GPU]
    AllowedQos: [normal, high]
Users:
  - Name: alice
    DefaultAccount: ml
`;

describe('loadClusterConfig', () => {
  it('loads a CraneSched-style file and reports clamps as warnings with lines', async () => {
    const r = await loadClusterConfig(write('cluster.yaml', CLUSTER));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.nodes.map((n) => n.name)).toEqual(['cn01', 'cn02', 'cn03', 'cn04', 'gpu1', 'gpu2']);
    expect(r.value.nodes[5]!.gres).toEqual([{ name: 'gpu', type: 'a100', count: 4 }]);
    expect(r.warnings.map(formatIssue)).toEqual([`${dir}/cluster.yaml:30: PriorityMaxAge: capped at 7 days (7-0), as CraneSched caps it (kPriorityDefaultMaxAge)`]);
  });

  it('names file, line and field path for every issue', async () => {
    const bad = CLUSTER.replace('cpu: 8', 'cpu: eight').replace('priority: 3', 'priority: -3').replace('PriorityType: priority/multifactor', 'PriorityType: multifactor').replace('  - name: CPU\n', '  - name: CPU\n    Nodez: x\n');
    const file = write('bad.yaml', bad);
    const r = await loadClusterConfig(file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map(formatIssue)).toEqual([
      `${file}:13: Nodes[1].cpu: expected a positive CPU count (fractions allowed, e.g. 0.5), got "eight"`,
      `${file}:22: Partitions[0].Nodez: unknown key (did you mean 'nodes'?); expected one of: name, nodes, priority, AllowedAccounts, DeniedAccounts, DefaultMemPerCpu, DefaultMemPerNode, MaxMemPerCpu, MaxMemPerNode`,
      `${file}:27: Partitions[1].priority: expected an integer from 0 to 4294967295 (uint32), got -3`,
      `${file}:30: PriorityType: expected one of priority/basic, priority/multifactor, got "multifactor"`,
    ]);
  });

  it('points a missing key at the map that lacks it', async () => {
    const file = write('missing.yaml', CLUSTER.replace('    memory: 64G\n', ''));
    const r = await loadClusterConfig(file);
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([`${file}:12: Nodes[1].memory: missing: this key is required`]);
  });

  it('reports YAML syntax errors and duplicate keys with their lines', async () => {
    const file = write('syntax.yaml', 'Nodes:\n  - name: a\n    cpu: 1\n    cpu: 2\n');
    const r = await loadClusterConfig(file);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map(formatIssue)).toEqual([`${file}:4: Map keys must be unique`]);
    const file2 = write('syntax2.yaml', 'Nodes: [a, b\nPartitions: x\n');
    const r2 = await loadClusterConfig(file2);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.issues[0]!.line).toBeGreaterThanOrEqual(1);
  });

  it('reports a file that cannot be read', async () => {
    const r = await loadClusterConfig(join(dir, 'nope.yaml'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatIssue(r.issues[0]!)).toMatch(/nope\.yaml: cannot read: ENOENT/);
  });
});

describe('loadAccountsConfig and loadConfigPair', () => {
  it('loads both and warns about ACLs naming unknown accounts, on the cluster file', async () => {
    const clusterFile = write('c.yaml', CLUSTER);
    const r = await loadConfigPair(clusterFile, write('a.yaml', ACCOUNTS));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.accounts.users[0]!.accounts[0]!.associations.map((a) => a.partition)).toEqual(['CPU', 'GPU']);
    expect(r.warnings.map(formatIssue)).toEqual([
      `${clusterFile}:30: PriorityMaxAge: capped at 7 days (7-0), as CraneSched caps it (kPriorityDefaultMaxAge)`,
      `${clusterFile}:27: Partitions[1].AllowedAccounts: account 'ghost' is not defined in the accounts file`,
    ]);
  });

  it('reports accounts-file issues with their lines', async () => {
    const cluster = await loadClusterConfig(write('c2.yaml', CLUSTER));
    if (!cluster.ok) throw new Error('cluster');
    const file = write('a2.yaml', ACCOUNTS.replace('AllowedQos: [normal, high]', 'AllowedQos: [normal, urgent]').replace('DefaultAccount: ml', 'DefaultAccount: ml\n    AdminLevel: boss'));
    const r = await loadAccountsConfig(file, cluster.value);
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([
      `${file}:8: Accounts[0].AllowedQos[1]: QoS 'urgent' is not defined in Qos`,
      `${file}:12: Users[0].AdminLevel: expected one of None, Operator, Admin, Root, got "boss"`,
    ]);
  });

  it('stops at the cluster file when it is invalid', async () => {
    const clusterFile = write('c3.yaml', CLUSTER.replace('DefaultPartition: CPU', 'DefaultPartition: GPUS'));
    const r = await loadConfigPair(clusterFile, write('a3.yaml', 'Users: 5\n'));
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([`${clusterFile}:28: DefaultPartition: expected one of the partitions (CPU, GPU), got 'GPUS'`]);
  });
});

describe('parseYamlText line lookup', () => {
  it('finds keys, list items and flow items; stops at the deepest existing part', () => {
    const r = parseYamlText('x.yaml', 'a:\n  b:\n    - 1\n    - {c: 2,\n       d: 3}\n');
    if (!r.ok) throw new Error('parse');
    const y = r.value;
    expect(y.lineOf([])).toBe(1);
    expect(y.lineOf(['a'])).toBe(1);
    expect(y.lineOf(['a', 'b'])).toBe(2);
    expect(y.lineOf(['a', 'b', 0])).toBe(3);
    expect(y.lineOf(['a', 'b', 1])).toBe(4);
    expect(y.lineOf(['a', 'b', 1, 'd'])).toBe(5);
    expect(y.lineOf(['a', 'b', 1, 'e'])).toBe(4);
    expect(y.lineOf(['a', 'b', 7])).toBe(2);
  });
});
