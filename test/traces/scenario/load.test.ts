import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue, formatWarning } from '../../../traces/index.js';
import { loadScenario } from '../../../traces/scenario/index.js';
import { shared } from '../../support/shared.js';

const dir = mkdtempSync(join(tmpdir(), 'cranelab-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

/** The Slurm-simulator tutorial's micro cluster, in CraneSched terms. */
write(
  'micro-cluster.yaml',
  `Nodes:
  - {name: "n[1-4]", cpu: 12, memory: 48G}
  - {name: "m[1-4]", cpu: 12, memory: 48G}
  - {name: "b1", cpu: 12, memory: 512G}
  - {name: "g1", cpu: 12, memory: 48G, gres: ["gpu:k20:2"]}
Partitions:
  - {name: normal, nodes: ALL}
DefaultPartition: normal
`,
);
write(
  'micro-accounts.yaml',
  `Qos:
  - Name: normal
  - Name: supporters
    Priority: 100
Accounts:
  - {Name: account0, AllowedPartitions: [normal], AllowedQos: [normal, supporters]}
  - {Name: account1, AllowedPartitions: [normal], AllowedQos: [normal, supporters]}
  - {Name: account2, AllowedPartitions: [normal], AllowedQos: [normal, supporters]}
Users:
  - {Name: admin, DefaultAccount: account0}
  - {Name: "user[1-3]", DefaultAccount: account1}
  - {Name: "user[4-5]", DefaultAccount: account2}
`,
);

describe('loadScenario with the Slurm-simulator variant trace', () => {
  it('loads the 500 micro-cluster jobs with their names, memory and simulator run-time conventions', async () => {
    const file = write(
      'micro.yaml',
      `name: micro
cluster: micro-cluster.yaml
accounts: micro-accounts.yaml
workload:
  format: slurm-variant
  file: ${JSON.stringify(shared('traces', 'swf', 'slurm_sim_micro_jobs500.swf-variant.txt'))}
  processorsPerNode: 12
`,
    );
    const r = await loadScenario(file);
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    const jobs = r.value.workload.jobs;
    expect(jobs).toHaveLength(500);
    expect(r.value.workload.warnings.map(formatWarning)).toEqual([]);
    expect(jobs[0]).toMatchObject({
      id: '1001', line: 1, submitTime: 0, user: 'user5', account: 'account2', partition: 'normal', qos: 'normal', timeLimit: 420_000, runtime: 15_000, outcome: 'Completed', exitCode: 0,
      request: { nodeCount: 1, ntasks: 12, ntasksPerNode: 12, cpusPerTaskMilli: 1000, memory: { kind: 'partition-default' }, gresPerNode: [] },
    });
    // Job 1003: --mem=500000 (MB per node), as the tutorial's events file has it.
    expect(jobs[2]!.request.memory).toEqual({ kind: 'per-node', mib: 500_000 });
    // Job 1007 (run -1) and 1008 (run 0) run until their time limit kills them.
    expect([jobs[6]!.runtime, jobs[6]!.outcome, jobs[6]!.exitCode]).toEqual([Number.POSITIVE_INFINITY, 'ExceedTimeLimit', 325]);
    expect(jobs[7]!.runtime).toBe(Number.POSITIVE_INFINITY);
    // Job 1009: 96 processors at 12 per node is 8 nodes.
    expect(jobs[8]!.request).toMatchObject({ nodeCount: 8, ntasks: 96, ntasksPerNode: 12 });
  });

  it('names the trace line and field when a mapping cannot place a job', async () => {
    const file = write(
      'micro-bad.yaml',
      `cluster: micro-cluster.yaml
accounts: micro-accounts.yaml
workload:
  format: slurm-variant
  file: ${JSON.stringify(shared('traces', 'swf', 'slurm_sim_micro_jobs500.swf-variant.txt'))}
  maxJobs: 3
  mapping:
    account: {from: user, table: {user5: account2, user1: account1}}
`,
    );
    const r = await loadScenario(file);
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([
      `${shared('traces', 'swf', 'slurm_sim_micro_jobs500.swf-variant.txt')}:3: field 12 (user): user "user4" has no entry in the mapping table and the rule has no default (workload.mapping.account)`,
    ]);
  });
});

const CLUSTER = 'Nodes:\n  - {name: "cn[1-2]", cpu: 4, memory: 8G}\nPartitions:\n  - {name: p, nodes: ALL}\nDefaultPartition: p\n';
const ACCOUNTS = 'Qos:\n  - Name: q\nAccounts:\n  - {Name: a, AllowedPartitions: [p], AllowedQos: [q]}\nUsers:\n  - {Name: alice, DefaultAccount: a}\n';
write('c.yaml', CLUSTER);
write('a.yaml', ACCOUNTS);

describe('loadScenario: issues name the right file, line and field', () => {
  it('reports scenario-file issues with their lines', async () => {
    const file = write('s1.yaml', 'cluster: c.yaml\naccounts: a.yaml\nworkload:\n  format: jobs\n  jobs: []\nprofile:\n  backfil: easy\ncomment: x\n');
    const r = await loadScenario(file);
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([
      `${file}:8: comment: unknown key; expected one of: name, description, cluster, accounts, workload, events, profile`,
      `${file}:7: profile.backfil: unknown key (did you mean 'backfill'?); expected one of: priority, nodeSelection, backfill, preemption, fairShare, halfLife`,
    ]);
  });

  it('reports a missing cluster file by its path', async () => {
    const file = write('s2.yaml', 'cluster: nope.yaml\naccounts: a.yaml\nworkload: {format: jobs, jobs: []}\n');
    const r = await loadScenario(file);
    expect(r.ok ? '' : formatIssue(r.issues[0]!)).toMatch(new RegExp(`^${join(dir, 'nope.yaml')}: cannot read: ENOENT`));
  });

  it('reports inline job issues in the scenario file and jobs-file issues in the jobs file', async () => {
    const inline = write('s3.yaml', 'cluster: c.yaml\naccounts: a.yaml\nworkload:\n  format: jobs\n  jobs:\n    - {submit: 0, user: alice, runtime: 10}\n    - {submit: 5, user: alice, runtime: 10, nodes: zero}\n');
    const r1 = await loadScenario(inline);
    expect(r1.ok ? [] : r1.issues.map(formatIssue)).toEqual([`${inline}:7: workload.jobs[1].nodes: expected a positive integer, got "zero"`]);
    const jobsFile = write('jobs.yaml', '- {id: a, submit: 0, user: alice, runtime: 10}\n- {id: b, submit: 5, user: alice, runtime: 10,\n   dependency: "afterok:c"}\n');
    const r2 = await loadScenario(write('s4.yaml', 'cluster: c.yaml\naccounts: a.yaml\nworkload: {format: jobs, file: jobs.yaml}\n'));
    expect(r2.ok ? [] : r2.issues.map(formatIssue)).toEqual([`${jobsFile}:3: [1].dependency: job 'c' is not in the workload`]);
  });

  it('reports event issues with their lines, after loading everything else', async () => {
    const file = write(
      's5.yaml',
      'cluster: c.yaml\naccounts: a.yaml\nworkload:\n  format: jobs\n  jobs:\n    - {id: j, submit: 0, user: alice, runtime: 10}\nevents:\n  - {at: 0, type: job-cancel, job: k}\n  - at: 60\n    type: node-down\n    nodes: cn3\n',
    );
    const r = await loadScenario(file);
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([`${file}:8: events[0].job: job 'k' is not in the workload`, `${file}:11: events[1].nodes: node cn3 is not defined in the cluster file`]);
  });

  it('warns (counted) about jobs naming things the configuration lacks', async () => {
    const file = write(
      's6.yaml',
      'cluster: c.yaml\naccounts: a.yaml\nworkload:\n  format: jobs\n  jobs:\n    - {submit: 0, user: bob, runtime: 10}\n    - {submit: 0, user: bob, account: z, partition: y, qos: x, reservation: w, nodelist: cn9, runtime: 10}\n',
    );
    const r = await loadScenario(file);
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    expect(r.value.workload.warnings.map(formatWarning)).toEqual([
      `${file}: warning: jobs name users the accounts file does not define; CraneSched rejects them at submission [2 lines] (first at line 6)`,
      `${file}: warning: jobs name accounts the accounts file does not define; CraneSched rejects them at submission (first at line 7)`,
      `${file}: warning: jobs name partitions the cluster file does not define; CraneSched rejects them at submission (first at line 7)`,
      `${file}: warning: jobs name QoS the accounts file does not define; CraneSched rejects them at submission (first at line 7)`,
      `${file}: warning: jobs name reservations no event creates; CraneSched rejects them at submission (first at line 7)`,
      `${file}: warning: jobs name nodes (nodelist or exclude) the cluster file does not define (first at line 7)`,
    ]);
  });

  it('names the SWF line and field when an SWF mapping fails', async () => {
    const swf = write('t.swf', '; MaxProcs: 8\n1 0 -1 10 2 -1 -1 -1 20 -1 1 3 7 -1 -1 -1 -1 -1\n2 5 -1 10 2 -1 -1 -1 20 -1 1 3 8 -1 -1 -1 -1 -1\n');
    const file = write('s7.yaml', `cluster: c.yaml\naccounts: a.yaml\nworkload:\n  format: swf\n  file: t.swf\n  mapping:\n    user: alice\n    account: {from: group, table: {"7": a}}\n`);
    const r = await loadScenario(file);
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([`${swf}:3: field 13 (groupId): group "8" has no entry in the mapping table and the rule has no default (workload.mapping.account)`]);
  });

  it('warns about SWF job numbers that repeat (rising numbers are not checked one by one)', async () => {
    const row = (n: number): string => `${n} 0 -1 10 2 -1 -1 -1 20 -1 1 3 7 -1 -1 -1 -1 -1\n`;
    const duplicateWarnings = async (numbers: number[]): Promise<string[]> => {
      const swf = write('dup.swf', `; MaxProcs: 8\n${numbers.map(row).join('')}`);
      const r = await loadScenario(write('s8.yaml', `cluster: c.yaml\naccounts: a.yaml\nworkload:\n  format: swf\n  file: dup.swf\n  mapping:\n    user: alice\n`));
      if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
      return r.value.workload.warnings.map(formatWarning).filter((w) => w.includes('not unique')).map((w) => w.replace(`${swf}: `, ''));
    };
    expect(await duplicateWarnings([1, 2, 3])).toEqual([]);
    expect(await duplicateWarnings([1, 3, 2])).toEqual([]);
    expect(await duplicateWarnings([1, 2, 1, 1])).toEqual(['warning: job ids are not unique; events and dependencies naming them refer to the first [2 lines] (first at line 4)']);
  });
});
