import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, formatWarning, loadSwfWorkload } from '../../../traces/index.js';
import { loadScenario, type Scenario } from '../../../traces/scenario/index.js';
import { repoRoot } from '../../support/shared.js';

const scenarios = join(repoRoot, 'traces', 'scenarios');

const load = async (file: string): Promise<Scenario> => {
  const r = await loadScenario(file);
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  expect(r.warnings.map(formatIssue)).toEqual([]);
  return r.value;
};

describe('bundled scenario: gpu-cluster', () => {
  it('loads with its configuration, 63 jobs and 13 events, without warnings', async () => {
    const s = await load(join(scenarios, 'gpu-cluster', 'scenario.yaml'));
    expect(s.name).toBe('gpu-cluster');
    expect(s.profile).toEqual({ backfill: 'cranesched' });
    expect(s.cluster.nodes).toHaveLength(20);
    expect(s.cluster.nodes.filter((n) => n.gres.length > 0).map((n) => n.name)).toEqual(['gpu01', 'gpu02', 'gpu03', 'gpu04']);
    expect(s.cluster.preempt).toEqual({ type: 'qos', mode: 'CANCEL' });
    expect(s.accounts.accounts.map((a) => a.name)).toEqual(['lab', 'physics', 'ml', 'bio']);
    expect(s.accounts.qos.map((q) => [q.name, q.priority, q.preempt])).toEqual([['normal', 1000, []], ['high', 10000, ['normal']]]);
    expect(s.workload.jobs).toHaveLength(63);
    expect(s.workload.warnings.map(formatWarning)).toEqual([]);
    expect(s.events.map((e) => e.type)).toEqual([
      'reservation-create', 'reservation-create', 'node-drain', 'node-resume', 'job-release', 'job-hold', 'node-down', 'job-cancel', 'qos-modify', 'node-up', 'account-modify', 'user-modify', 'reservation-delete',
    ]);
  });

  it('carries every feature job as written', async () => {
    const s = await load(join(scenarios, 'gpu-cluster', 'scenario.yaml'));
    const job = (id: string) => s.workload.jobs.find((j) => j.id === id)!;
    expect(job('train').dependency).toEqual({ mode: 'all', items: [{ type: 'afterok', job: 'prep', delay: 0 }] });
    expect(job('eval').dependency).toEqual({ mode: 'all', items: [{ type: 'afterany', job: 'train', delay: 600_000 }] });
    expect(job('merge').dependency?.mode).toBe('any');
    expect(job('held').hold).toBe(true);
    expect(job('later').beginTime).toBe(7_200_000);
    expect(job('due').deadline).toBe(18_000_000);
    expect([job('whole').exclusive, job('whole').nodeList]).toEqual([true, ['cn01', 'cn02', 'cn03', 'cn04']]);
    expect([job('light').excludeList, job('light').request.cpusPerTaskMilli, job('light').request.memory]).toEqual([['cn01'], 500, { kind: 'per-cpu', mib: 1024 }]);
    expect(job('demo').reservation).toBe('ml-demo');
    expect(job('urgent').qos).toBe('high');
    expect(job('forever').runtime).toBe(Number.POSITIVE_INFINITY);
    expect(job('nolimit').timeLimit).toBeNull();
    expect([job('crash').outcome, job('crash').exitCode]).toEqual(['Failed', 3]);
    expect(job('anygpu').request.gresPerNode).toEqual([{ name: 'gpu', type: null, count: 2 }]);
    expect(job('train').request).toEqual({ nodeCount: 1, ntasks: 4, ntasksPerNode: null, cpusPerTaskMilli: 4000, memory: { kind: 'per-node', mib: 65536 }, gresPerNode: [{ name: 'gpu', type: 'a100', count: 4 }] });
  });
});

describe('bundled scenario: kth-sp2', () => {
  it('maps every KTH job onto users, accounts and QoS, with the replay import rules for times and sizes', async () => {
    const s = await load(join(scenarios, 'kth-sp2', 'scenario.yaml'));
    const jobs = s.workload.jobs;
    expect(jobs).toHaveLength(28_489);
    expect(s.accounts.users).toHaveLength(214);
    expect(s.cluster.priority.type).toBe('priority/multifactor');
    const count = (key: (j: (typeof jobs)[number]) => string | null) => {
      const m = new Map<string | null, number>();
      for (const j of jobs) m.set(key(j), (m.get(key(j)) ?? 0) + 1);
      return m;
    };
    expect([...count((j) => j.account).keys()].sort()).toEqual(['chemistry', 'cs', 'engineering', 'physics']);
    expect(new Set(jobs.map((j) => j.partition))).toEqual(new Set([null]));
    // QoS by width: wide exactly for jobs on more than 16 processors.
    expect(jobs.every((j) => (j.qos === 'wide') === (j.request.ntasks > 16))).toBe(true);
    expect(jobs.every((j) => j.request.nodeCount === j.request.ntasks && j.request.cpusPerTaskMilli === 1000)).toBe(true);
    expect(jobs.every((j) => /^u\d+$/.test(j.user) && Number(j.user.slice(1)) <= 214)).toBe(true);
    // Same times, sizes and outcomes as the plain replay import of the same file.
    const plain = await loadSwfWorkload(join(repoRoot, 'traces', 'data', 'KTH-SP2-1996-2.swf.gz'));
    if (!plain.ok) throw new Error('KTH');
    const a = plain.value.jobs;
    for (let i = 0; i < jobs.length; i += 97) {
      expect([jobs[i]!.id, jobs[i]!.submitTime, jobs[i]!.runtime, jobs[i]!.timeLimit, jobs[i]!.request.nodeCount, jobs[i]!.outcome]).toEqual([
        a[i]!.spec.externalId, a[i]!.submitTime, a[i]!.runtime, a[i]!.spec.timeLimit, a[i]!.spec.request.nodeCount, a[i]!.outcome,
      ]);
    }
    expect(s.workload.warnings.map((w) => w.message)).toEqual([
      'jobs ran past their requested time; they run for the request and end ExceedTimeLimit',
      'rows with no run time, no processors or a negative submit time become 1-second, 1-processor-minimum jobs',
    ]);
  });
});
