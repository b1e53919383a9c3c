import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { JOBS_CSV_COLUMNS } from '../../../experiments/output/jobs-csv.js';
import { cranelab } from '../../support/cli.js';

/** `cranelab replay --scenario` end to end, through the compiled command (`npm run build` first). */
const out = mkdtempSync(join(tmpdir(), 'cranelab-scenario-replay-'));
const GPU = 'traces/scenarios/gpu-cluster/scenario.yaml';
const KTH = 'traces/scenarios/kth-sp2/scenario.yaml';

type Row = Record<(typeof JOBS_CSV_COLUMNS)[number], string>;
const rows = (dir: string): Row[] => parse(readFileSync(join(dir, 'jobs.csv'), 'utf8'), { columns: true }) as Row[];
const summary = (dir: string): Record<string, unknown> & { metrics: Record<string, number> } => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));

describe('cranelab replay --scenario', () => {
  it('fails clearly on what the core does not support yet, naming each file and line; --ignore-unsupported-events skips it', () => {
    const scenario = join(out, 'acl.yaml');
    const gpu = join(process.cwd(), 'traces/scenarios/gpu-cluster');
    writeFileSync(
      scenario,
      [`cluster: ${gpu}/cluster.yaml`, `accounts: ${gpu}/accounts.yaml`, 'profile:', '  preemption: partition', 'workload:', '  format: jobs', '  jobs: [{id: a, submit: 0, user: alice, time: 100, runtime: 50}]'].join('\n') + '\n',
    );
    const r = cranelab(['replay', '--scenario', scenario, '--out', join(out, 'no')]);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(/^cranelab: not supported yet: preemption \(profile\.preemption partition\) at .*acl\.yaml:4$/);
    expect(r.stderr).toContain('run with --ignore-unsupported-events');
    const ignored = cranelab(['replay', '--scenario', scenario, '--out', join(out, 'acl'), '--ignore-unsupported-events']);
    expect(ignored.status).toBe(0);
    expect(ignored.stderr).toContain('acl.yaml: warning: ignored (not supported yet): preemption (1)');
  });

  it('gpu-cluster with all its events (QoS, account and user changes included): replays and writes the names CraneSched resolved', () => {
    const dir = join(out, 'gpu');
    const r = cranelab(['replay', '--scenario', GPU, '--out', dir]);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('not supported');
    expect(r.stdout).toMatch(/^scenario {5}gpu-cluster: 20 nodes, 640 CPUs; policy cranesched, priority\/multifactor, least-loaded$/m);
    expect(r.stdout).toMatch(/^jobs {9}63 \(62 finished, 1 ended while pending, 0 left pending, 0 rejected, 1 killed at their time limit\)$/m);
    expect(r.stdout).toMatch(/^rejected {5}none$/m);
    const csv = rows(dir);
    expect(Object.keys(csv[0]!)).toEqual([...JOBS_CSV_COLUMNS]);
    expect(csv.length).toBe(63);
    const byId = new Map(csv.map((row) => [row.job_id, row]));
    // demo runs inside the ml-demo reservation (gpu03-04, 2 h to 4 h) and ends before it does;
    // urgent (QoS high) cancels normal-QoS g109 on gpu01 and starts as it leaves.
    const cols = (id: string, ...c: (keyof Row)[]): string[] => c.map((k) => byId.get(id)![k] as string);
    expect(cols('demo', 'starting_time', 'finish_time', 'allocated_resources')).toEqual(['7500', '11500', '18-19']);
    expect(cols('g109', 'state', 'exit_code', 'finish_time')).toEqual(['Cancelled', '320', '5400']);
    expect(cols('urgent', 'starting_time', 'allocated_resources')).toEqual(['5400', '16-17']);
    // prep names no account and no QoS: dave's default account ml, partition CPU (DefaultPartition), QoS normal
    expect(['user', 'account', 'partition', 'qos'].map((c) => byId.get('prep')![c as keyof Row])).toEqual(['dave', 'ml', 'CPU', 'normal']);
    expect(byId.get('urgent')!.qos).toBe('high');
    // urgent (QoS high) cancels the normal-QoS job on its GPU node, g109, and starts as it leaves
    expect([byId.get('g109')!.state, byId.get('g109')!.exit_code, byId.get('g109')!.finish_time]).toEqual(['Cancelled', '320', byId.get('urgent')!.starting_time]);
    // nolimit gets QoS normal's MaxTimeLimitPerJob (1 day); forever is killed at its limit
    expect(byId.get('nolimit')!.requested_time).toBe('86400');
    expect([byId.get('forever')!.state, byId.get('forever')!.exit_code]).toEqual(['ExceedTimeLimit', '325']);
    // train waits for prep (afterok), eval 10 minutes after train ends
    expect(Number(byId.get('train')!.starting_time)).toBeGreaterThanOrEqual(Number(byId.get('prep')!.finish_time));
    expect(Number(byId.get('eval')!.starting_time)).toBeGreaterThanOrEqual(Number(byId.get('train')!.finish_time) + 600);
    const s = summary(dir);
    expect(Object.keys(s)).toEqual([
      'scenario', 'file', 'policy', 'priority', 'node_selection', 'nodes', 'cpus', 'time_limits_raised', 'ignored_unsupported',
      'rejections', 'pending_reasons', 'admin_failures', 'jobs_ended_pending', 'jobs_left_pending', 'cpu_utilization', 'metrics',
    ]);
    // normal's MaxJobsPerUser (4 from 3:30) holds two jobs back; bio's GPU MaxJobs (1 from 4:00) two more
    expect(s['pending_reasons']).toMatchObject({ Held: 1, BeginTime: 1, Dependency: 3, QosJobsResourceLimit: 2, AccPartitionJobsLimit: 2 });
    expect(s['ignored_unsupported']).toEqual({});
  });

  it('kth-sp2 end to end: REJECTED rows carry their CraneSched code; the output is byte-identical on a second run', () => {
    const [a, b] = [join(out, 'kth-a'), join(out, 'kth-b')];
    const r = cranelab(['replay', '--scenario', KTH, '--out', a]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("scenario.yaml: warning: 8 trace jobs had a time limit under CraneSched's 11 s minimum; raised to 11 s");
    const csv = rows(a);
    expect(csv.length).toBe(28_489);
    const rejected = csv.filter((row) => row.final_state === 'REJECTED');
    // QoS wide caps all its running jobs at 96 CPUs (MaxTres), so a job asking more is rejected at submission
    expect(new Set(rejected.map((row) => row.state))).toEqual(new Set(['ERR_TRES_PER_JOB_BEYOND']));
    expect(rejected.every((row) => row.qos === 'wide' && Number(row.requested_number_of_resources) > 96)).toBe(true);
    const s = summary(a);
    expect(s['rejections']).toEqual({ ERR_TRES_PER_JOB_BEYOND: rejected.length });
    expect(s['pending_reasons']).toHaveProperty('QosJobsResourceLimit');
    expect(s.metrics['jobs']).toBe(28_489);
    expect(cranelab(['replay', '--scenario', KTH, '--out', b, '--quiet']).status).toBe(0);
    for (const f of ['jobs.csv', 'summary.json', 'schedule.swf']) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f)))).toBe(true);
  }, 300_000);

  it('gpu-cluster twice gives byte-identical outputs', () => {
    for (const d of ['g1', 'g2']) expect(cranelab(['replay', '--scenario', GPU, '--out', join(out, d), '--quiet']).status).toBe(0);
    for (const f of ['jobs.csv', 'summary.json', 'schedule.swf']) expect(readFileSync(join(out, 'g1', f)).equals(readFileSync(join(out, 'g2', f)))).toBe(true);
  });

  it.each([
    [['replay', 'x.swf', '--scenario', GPU], 2, /give a trace file or --scenario, not both/],
    [['replay', '--scenario', GPU, '--procs', '8'], 2, /--procs is for trace replays/],
    [['replay', '--scenario', GPU, '--policy', 'sjf'], 2, /unknown policy 'sjf'; known: fcfs, easy, conservative, cranesched/],
    [['replay', '--scenario', GPU, '--policy', 'easy', '--ignore-unsupported-events'], 2, /--policy: easy places whole nodes of a single partition; this cluster has 2 partitions: use cranesched/],
    [['replay', '--scenario', 'no-such.yaml'], 1, /cranelab: no-such\.yaml: cannot read/],
  ])('exits non-zero with a clear message: %j', (args, status, message) => {
    const r = cranelab(args);
    expect(r.status).toBe(status);
    expect(r.stderr).toMatch(message);
  });
});
