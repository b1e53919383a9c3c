import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Issues, validateAccounts, validateClusterConfig, type Validated } from '../../../core/config/index.js';
import { readEvents, readHandWrittenJob, readScenarioSpec } from '../../../traces/scenario/index.js';

/**
 * Validators turn any input into issues, never into an exception (exceptions are bugs). These
 * properties feed them arbitrary values and valid files with one leaf replaced by an arbitrary value.
 */

const CLUSTER = {
  Nodes: [
    { name: 'cn[01-04]', cpu: 4, memory: '16G' },
    { name: 'gpu[1-2]', cpu: 8, memory: '64G', gres: [{ name: 'gpu', type: 'a100', DeviceFileRegex: '/dev/nvidia[0-3]' }] },
  ],
  Partitions: [
    { name: 'CPU', nodes: 'cn[01-04]', priority: 5, DefaultMemPerCpu: 1024 },
    { name: 'GPU', nodes: 'gpu[1-2]', AllowedAccounts: 'ml' },
  ],
  DefaultPartition: 'CPU',
  PriorityType: 'priority/multifactor',
  PriorityMaxAge: '1-0',
  Preempt: { PreemptType: 'qos', PreemptMode: 'CANCEL' },
  CraneCtld: { JobRequeue: true },
};

const ACCOUNTS = {
  Qos: [{ Name: 'normal', MaxJobsPerUser: 2, MaxTres: 'cpu:8' }, { Name: 'high', Preempt: ['normal'] }],
  Accounts: [{ Name: 'lab', AllowedPartitions: ['CPU', 'GPU'], AllowedQos: ['normal', 'high'] }, { Name: 'ml', Parent: 'lab', PartitionLimits: { GPU: { MaxJobs: 1 } } }],
  Users: [{ Name: 'u[1-2]', DefaultAccount: 'ml', Accounts: [{ Account: 'ml', Partitions: ['GPU'], PartitionQos: { GPU: { DefaultQos: 'high' } } }] }],
};

/** Every path to a leaf or a container inside a value. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}

function replaced(v: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: Record<string | number, unknown> = Array.isArray(v) ? [...v] : { ...(v as object) };
  copy[path[0]!] = replaced(copy[path[0]!], path.slice(1), value);
  return copy;
}

const mutation = (base: unknown) => fc.tuple(fc.constantFrom(...paths(base)), fc.anything()).map(([p, value]) => replaced(base, p, value));

const wellFormed = <T>(r: Validated<T>): void => {
  if (r.ok) expect(r.value).toBeDefined();
  else expect(r.issues.length).toBeGreaterThan(0);
  for (const i of [...(r.ok ? [] : r.issues), ...r.warnings]) expect(typeof i.message).toBe('string');
};

describe('validators never throw', () => {
  it('the cluster validator, on anything and on mutated valid files', () => {
    const valid = validateClusterConfig(CLUSTER);
    expect(valid.ok).toBe(true);
    fc.assert(fc.property(fc.oneof(fc.anything(), mutation(CLUSTER)), (raw) => wellFormed(validateClusterConfig(raw))), { numRuns: 500 });
  });

  it('the accounts validator, on anything and on mutated valid files', () => {
    const cluster = validateClusterConfig(CLUSTER);
    if (!cluster.ok) throw new Error('cluster');
    expect(validateAccounts(ACCOUNTS, cluster.value).ok).toBe(true);
    fc.assert(fc.property(fc.oneof(fc.anything(), mutation(ACCOUNTS)), (raw) => wellFormed(validateAccounts(raw, cluster.value))), { numRuns: 500 });
  });

  it('the scenario, job and event readers', () => {
    const cluster = validateClusterConfig(CLUSTER);
    if (!cluster.ok) throw new Error('cluster');
    const accounts = validateAccounts(ACCOUNTS, cluster.value);
    if (!accounts.ok) throw new Error('accounts');
    const ctx = { cluster: cluster.value, accounts: accounts.value, jobs: new Map([['a', 0]]) };
    const job = { id: 'a', submit: 0, user: 'u1', nodes: 2, 'ntasks-per-node': 2, mem: '1G', gres: 'gpu:1', time: '1:00:00', dependency: 'afterok:z', runtime: 10 };
    const events = [{ at: 0, type: 'reservation-create', name: 'r', duration: 60, partition: 'GPU', nodes: 'gpu1', allowedAccounts: ['ml'] }, { at: 30, type: 'qos-modify', qos: 'normal', set: { MaxJobs: 1 } }];
    const spec = { cluster: 'c.yaml', accounts: 'a.yaml', workload: { format: 'swf', file: 'x.swf', mapping: { account: { from: 'group', modulo: ['ml'] } } }, profile: { backfill: 'easy' } };
    fc.assert(
      fc.property(fc.oneof(fc.anything(), mutation(job)), fc.oneof(fc.anything(), mutation(events)), fc.oneof(fc.anything(), mutation(spec)), (j, e, s) => {
        const issues = new Issues();
        const readJob = readHandWrittenJob(issues, [], j, 0, 1);
        if (readJob === undefined) expect(issues.count).toBeGreaterThan(0);
        const before = issues.count;
        if (readEvents(issues, ['events'], e, ctx) === undefined) expect(issues.count).toBeGreaterThan(before);
        const mid = issues.count;
        if (readScenarioSpec(issues, s, 'x') === undefined) expect(issues.count).toBeGreaterThan(mid);
      }),
      { numRuns: 500 },
    );
  });
});
