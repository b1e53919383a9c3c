import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Issues } from '../../../core/config/index.js';
import { formatDependency, parseDelay, parseDependency, readHandWrittenJob, readJobList, resolveTasks, type ScenarioJob } from '../../../traces/scenario/index.js';

describe('parseDependency (cbatch -d)', () => {
  it.each([
    ['afterok:12', { mode: 'all', items: [{ type: 'afterok', job: '12', delay: 0 }] }],
    ['after:100,afterok:101:102', { mode: 'all', items: [{ type: 'after', job: '100', delay: 0 }, { type: 'afterok', job: '101', delay: 0 }, { type: 'afterok', job: '102', delay: 0 }] }],
    ['afterok:100?afternotok:101', { mode: 'any', items: [{ type: 'afterok', job: '100', delay: 0 }, { type: 'afternotok', job: '101', delay: 0 }] }],
    ['afterany:a+30', { mode: 'all', items: [{ type: 'afterany', job: 'a', delay: 1_800_000 }] }],
    ['after:100+10m,afterok:101+1h30m', { mode: 'all', items: [{ type: 'after', job: '100', delay: 600_000 }, { type: 'afterok', job: '101', delay: 5_400_000 }] }],
    ['afterok:x+10s:y+2days', { mode: 'all', items: [{ type: 'afterok', job: 'x', delay: 10_000 }, { type: 'afterok', job: 'y', delay: 172_800_000 }] }],
  ])('%s', (text, dep) => {
    expect(parseDependency(text)).toEqual({ ok: true, value: dep });
  });

  it.each([
    ['after:1,afterok:2?afterany:3', `cannot mix ',' (all) and '?' (any) in one dependency: "after:1,afterok:2?afterany:3"`],
    ['before:1', 'expected after, afterok, afternotok or afterany, got "before" in "before:1"'],
    ['afterok', '"afterok" names no job'],
    ['afterok:1:', 'empty job id in "afterok:1:"'],
    ['afterok:1:1', 'job 1 appears twice in "afterok:1:1"'],
    ['afterok:1+5x', '"1+5x": unknown delay unit "x"; expected s, m, h, d or w'],
    ['afterok:1+m5', '"1+m5": expected a delay in minutes (10) or with units (10s, 5m, 1h30m), got "m5"'],
    ['after:1,afterok:1', 'job 1 appears twice in "after:1,afterok:1"'],
    ['', 'expected a dependency like afterok:12 or after:3+10m,afterany:4, got an empty string'],
  ])('rejects %j', (text, message) => {
    expect(parseDependency(text)).toEqual({ ok: false, message });
  });

  it('formats back to an equivalent string (property)', () => {
    const item = fc.record({ type: fc.constantFrom('after', 'afterok', 'afternotok', 'afterany'), seconds: fc.integer({ min: 0, max: 100_000 }) });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 5 }), fc.boolean(), (items, any) => {
        const text = items.map((x, i) => `${x.type}:j${i}${x.seconds > 0 ? `+${x.seconds}s` : ''}`).join(any ? '?' : ',');
        const d = parseDependency(text);
        expect(d.ok).toBe(true);
        if (d.ok) expect(parseDependency(formatDependency(d.value))).toEqual(d);
      }),
    );
  });

  it('reads delays as CraneSched does: a plain number is minutes', () => {
    expect(parseDelay('10')).toEqual({ ok: true, value: 600_000 });
    expect(parseDelay('2weeks')).toEqual({ ok: true, value: 1_209_600_000 });
  });
});

describe('resolveTasks (the CLI fills in -N and -n)', () => {
  it.each<[number | null, number | null, number | null, { nodeCount: number; ntasks: number; ntasksPerNode: number | null } | string]>([
    // -N -n --ntasks-per-node  => nodes, tasks
    [null, null, null, { nodeCount: 1, ntasks: 1, ntasksPerNode: null }],
    [3, null, null, { nodeCount: 3, ntasks: 3, ntasksPerNode: null }], // ntasks = N
    [3, null, 4, { nodeCount: 3, ntasks: 12, ntasksPerNode: 4 }], // ntasks = 3 x 4
    [null, 8, null, { nodeCount: 1, ntasks: 8, ntasksPerNode: null }], // N defaults to 1
    [null, 13, 12, { nodeCount: 2, ntasks: 13, ntasksPerNode: 12 }], // N = ceil(13 / 12)
    [null, null, 6, { nodeCount: 1, ntasks: 6, ntasksPerNode: 6 }],
    [2, 5, null, { nodeCount: 2, ntasks: 5, ntasksPerNode: null }],
    [4, 2, null, 'ntasks: expected at least one task per node (4 nodes), got 2'],
    [2, 9, 4, 'ntasks: expected at most nodes x ntasks-per-node = 8 tasks, got 9'],
  ])('-N %j -n %j --ntasks-per-node %j', (n, t, k, expected) => {
    const r = resolveTasks(n, t, k);
    if (typeof expected === 'string') expect(r.ok ? 'ok' : `${r.field}: ${r.message}`).toBe(expected);
    else expect(r).toEqual({ ok: true, value: expected });
  });
});

const read = (raw: unknown): { job: ScenarioJob | undefined; issues: Issues } => {
  const issues = new Issues();
  return { job: readHandWrittenJob(issues, ['jobs', 0], raw, 0, 7), issues };
};

describe('readHandWrittenJob', () => {
  it('fills CraneSched defaults and leaves unresolved names null', () => {
    expect(read({ submit: 60, user: 'alice', runtime: '1h' }).job).toEqual({
      id: '1',
      line: 7,
      submitTime: 60_000,
      user: 'alice',
      account: null,
      partition: null,
      qos: null,
      request: { nodeCount: 1, ntasks: 1, ntasksPerNode: null, cpusPerTaskMilli: 1000, memory: { kind: 'partition-default' }, gresPerNode: [] },
      timeLimit: null,
      beginTime: null,
      deadline: null,
      hold: false,
      dependency: null,
      exclusive: false,
      nodeList: [],
      excludeList: [],
      reservation: null,
      requeue: null,
      runtime: 3_600_000,
      outcome: 'Completed',
      exitCode: 0,
    });
  });

  it('reads every cbatch option', () => {
    const { job, issues } = read({
      id: 'train-1', submit: '0:10:00', user: 'carol', account: 'ml', partition: 'GPU', qos: 'high', nodes: 2, 'ntasks-per-node': 4, 'cpus-per-task': 2.5,
      mem: '64G', gres: 'gpu:a100:2,nic:1', time: '2:00:00', begin: '1h', deadline: '1-00:00:00', hold: true, dependency: 'afterok:prep+5m', exclusive: true,
      nodelist: 'gpu[01-02]', exclude: 'gpu03', reservation: 'demo', requeue: false, runtime: 'limit', 'exit-code': 0, outcome: 'Cancelled',
    });
    expect(issues.errors).toEqual([]);
    expect(job).toMatchObject({
      id: 'train-1', submitTime: 600_000, account: 'ml', partition: 'GPU', qos: 'high', timeLimit: 7_200_000, beginTime: 3_600_000, deadline: 86_400_000,
      hold: true, dependency: { mode: 'all', items: [{ type: 'afterok', job: 'prep', delay: 300_000 }] }, exclusive: true, nodeList: ['gpu01', 'gpu02'],
      excludeList: ['gpu03'], reservation: 'demo', requeue: false, runtime: Number.POSITIVE_INFINITY, outcome: 'Cancelled',
    });
    expect(job!.request).toEqual({
      nodeCount: 2, ntasks: 8, ntasksPerNode: 4, cpusPerTaskMilli: 2500, memory: { kind: 'per-node', mib: 65536 },
      gresPerNode: [{ name: 'gpu', type: 'a100', count: 2 }, { name: 'nic', type: null, count: 1 }],
    });
  });

  it('reads mem-per-cpu and gpus-per-node, and a failing exit code', () => {
    const { job } = read({ submit: 0, user: 'u', 'mem-per-cpu': '2G', 'gpus-per-node': 2, runtime: 10, 'exit-code': 2 });
    expect(job!.request.memory).toEqual({ kind: 'per-cpu', mib: 2048 });
    expect(job!.request.gresPerNode).toEqual([{ name: 'gpu', type: null, count: 2 }]);
    expect([job!.outcome, job!.exitCode]).toEqual(['Failed', 2]);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['missing submit', { user: 'u', runtime: 1 }, 'jobs[0].submit', 'missing: this key is required'],
    ['missing user', { submit: 0, runtime: 1 }, 'jobs[0].user', 'missing: this key is required'],
    ['missing runtime', { submit: 0, user: 'u' }, 'jobs[0].runtime', 'missing: this key is required'],
    ['short option', { submit: 0, user: 'u', runtime: 1, N: 2 }, 'jobs[0].N', "unknown key (did you mean 'nodes'?); expected one of: "],
    ['bad id', { id: 'a b', submit: 0, user: 'u', runtime: 1 }, 'jobs[0].id', `expected a job id of letters, digits, '_', '.' or '-', got "a b"`],
    ['bad submit', { submit: 'noon', user: 'u', runtime: 1 }, 'jobs[0].submit', 'expected a duration: seconds (3600), [D-]HH:MM:SS (1-02:00:00) or units (1h30m), got "noon"'],
    ['bad runtime', { submit: 0, user: 'u', runtime: 'long' }, 'jobs[0].runtime', `expected a duration: seconds (3600), [D-]HH:MM:SS (1-02:00:00) or units (1h30m), got "long"; or 'limit' (runs until killed at its time limit)`],
    ['zero nodes', { submit: 0, user: 'u', runtime: 1, nodes: 0 }, 'jobs[0].nodes', 'expected a positive integer, got 0'],
    ['too few tasks', { submit: 0, user: 'u', runtime: 1, nodes: 3, ntasks: 2 }, 'jobs[0].ntasks', 'expected at least one task per node (3 nodes), got 2'],
    ['bad cpus-per-task', { submit: 0, user: 'u', runtime: 1, 'cpus-per-task': 0 }, 'jobs[0].cpus-per-task', 'expected a positive CPU count (fractions allowed, e.g. 0.5), got 0'],
    ['both memory forms', { submit: 0, user: 'u', runtime: 1, mem: '1G', 'mem-per-cpu': '1G' }, 'jobs[0].mem-per-cpu', 'mem and mem-per-cpu are mutually exclusive (as in CraneSched); give one'],
    ['bad memory', { submit: 0, user: 'u', runtime: 1, mem: 'lots' }, 'jobs[0].mem', 'expected a memory size like 512M or 4G (no unit: MiB), got "lots"'],
    ['bad gres', { submit: 0, user: 'u', runtime: 1, gres: 'gpu' }, 'jobs[0].gres', 'expected name:count or name:type:count (e.g. gpu:2, gpu:a100:2), got "gpu"'],
    ['gpus twice', { submit: 0, user: 'u', runtime: 1, gres: 'gpu:1', 'gpus-per-node': 1 }, 'jobs[0].gpus-per-node', 'gpus-per-node and a gpu entry in gres both ask for GPUs; give one'],
    ['zero time limit', { submit: 0, user: 'u', runtime: 1, time: 0 }, 'jobs[0].time', 'expected a positive time limit, got 0'],
    ['bad dependency', { submit: 0, user: 'u', runtime: 1, dependency: 'afterok' }, 'jobs[0].dependency', '"afterok" names no job'],
    ['bad nodelist', { submit: 0, user: 'u', runtime: 1, nodelist: 'cn[1-' }, 'jobs[0].nodelist', `'[' is never closed in "cn[1-"`],
    ['bad exit code', { submit: 0, user: 'u', runtime: 1, 'exit-code': 256 }, 'jobs[0].exit-code', 'expected an integer from 0 to 255, got 256'],
    ['bad outcome', { submit: 0, user: 'u', runtime: 1, outcome: 'Done' }, 'jobs[0].outcome', 'expected one of Completed, Failed, Cancelled, ExceedTimeLimit, got "Done"'],
    ['bad hold', { submit: 0, user: 'u', runtime: 1, hold: 'maybe' }, 'jobs[0].hold', 'expected true or false, got "maybe"'],
  ])('%s', (_what, raw, path, message) => {
    const { job, issues } = read(raw);
    expect(job).toBeUndefined();
    const found = issues.errors.find((i) => i.path === path);
    expect(found, JSON.stringify(issues.errors)).toBeDefined();
    expect(found!.message.startsWith(message), found!.message).toBe(true);
    if (!message.endsWith(': ')) expect(found!.message).toBe(message);
  });
});

describe('readJobList: workload-level checks', () => {
  const job = (id: string, submit: number, extra: Record<string, unknown> = {}) => ({ id, submit, user: 'u', runtime: 1, ...extra });
  it.each<[string, unknown[], string, string]>([
    ['duplicate id', [job('a', 0), job('a', 5)], 'jobs[1].id', "job id 'a' is already used by the job on line 1"],
    ['self dependency', [job('a', 0, { dependency: 'afterok:a' })], 'jobs[0].dependency', "a job cannot depend on itself ('a')"],
    ['unknown dependency', [job('a', 0, { dependency: 'afterok:z' })], 'jobs[0].dependency', "job 'z' is not in the workload"],
    ['dependency on a later job', [job('a', 10, { dependency: 'afterok:b' }), job('b', 20)], 'jobs[0].dependency', "job 'b' is submitted after this one; CraneSched only accepts dependencies on jobs that already exist"],
    ['dependency on a job later in the file at the same time', [job('a', 10, { dependency: 'after:b' }), job('b', 10)], 'jobs[0].dependency', "job 'b' is submitted after this one; CraneSched only accepts dependencies on jobs that already exist"],
    ['deadline before submit', [job('a', 100, { deadline: 50 })], 'jobs[0].deadline', 'expected a deadline after the submit time (100 s), got 50 s'],
  ])('%s', (_what, list, path, message) => {
    const issues = new Issues();
    readJobList(issues, ['jobs'], list, () => 1);
    expect(issues.errors.map((i) => [i.path, i.message])).toEqual([[path, message]]);
  });

  it('accepts a dependency on a job earlier in the file at the same time, or submitted earlier later in the file', () => {
    const issues = new Issues();
    const jobs = readJobList(issues, ['jobs'], [job('a', 10), job('b', 10, { dependency: 'afterok:a' }), job('c', 30, { dependency: 'afterok:d' }), job('d', 5)], () => 1);
    expect(issues.errors).toEqual([]);
    expect(jobs.map((j) => j.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});
