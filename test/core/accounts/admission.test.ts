import { describe, expect, it } from 'vitest';
import { MAX_TIME_LIMIT, type JobSpec, type RejectCode } from '../../../core/index.js';
import { buildAccounts, cycle, entry, spec, world, type JobSketch } from './fixture.js';

type Edit = (raw: Record<string, unknown>) => void;

interface Case {
  readonly name: string;
  readonly edit?: Edit;
  /** Jobs submitted first (at t = 0); `run: true` also starts them. */
  readonly before?: readonly JobSketch[];
  readonly run?: boolean;
  readonly job: JobSketch;
  readonly code: RejectCode;
  readonly message: string;
}

const qos = (name: string, set: Record<string, unknown>): Edit => (raw) => Object.assign(entry(raw, 'Qos', name), set);
const account = (name: string, set: Record<string, unknown>): Edit => (raw) => Object.assign(entry(raw, 'Accounts', name), set);
const aliceIn = (membership: Record<string, unknown>): Edit => (raw) => {
  entry(raw, 'Users', 'alice')['Accounts'] = [{ Account: 'vision', ...membership }, 'physics', 'noqos'];
};

const MAX = MAX_TIME_LIMIT / 1000;

/** Every rejection of CraneSched's submission path (§4.3 steps 1-6, §4.4 table 1), in its order, with the exact message. */
const CASES: readonly Case[] = [
  // §4.3 step 1: the user.
  { name: 'unknown user', job: { user: 'zed' }, code: 'ERR_INVALID_USER', message: "job x: user 'zed' is not in the account database" },
  // step 2: -A must be one of the user's accounts (the default account needs no check).
  { name: '-A not the user\'s', job: { user: 'bob', account: 'ml' }, code: 'ERR_USER_ACCOUNT_MISMATCH', message: "job x: account 'ml' is not one of user 'bob''s accounts (physics)" },
  // step 3: the association (user, account, partition) must exist; it comes before the partition ACL.
  { name: 'partition not in the association', job: { user: 'carol', partition: 'debug' }, code: 'ERR_PARTITION_MISSING', message: "job x: user 'carol' may not use partition debug under account 'ml' (partitions there: CPU, GPU)" },
  { name: 'partition missing wins over the ACL', job: { user: 'bob', partition: 'GPU' }, code: 'ERR_PARTITION_MISSING', message: "job x: user 'bob' may not use partition GPU under account 'physics' (partitions there: CPU, debug)" },
  // step 4: blocks, the account and every ancestor (nearest first), then the user in the account.
  { name: 'blocked account', edit: account('vision', { Blocked: true }), job: {}, code: 'ERR_BLOCKED_ACCOUNT', message: "job x: account 'vision' is blocked" },
  { name: 'blocked ancestor', edit: account('lab', { Blocked: true }), job: {}, code: 'ERR_BLOCKED_ACCOUNT', message: "job x: account 'lab' (an ancestor of 'vision') is blocked" },
  { name: 'blocked wins over the ACL', edit: account('physics', { Blocked: true }), job: { user: 'bob', partition: 'debug' }, code: 'ERR_BLOCKED_ACCOUNT', message: "job x: account 'physics' is blocked" },
  { name: 'blocked user', edit: aliceIn({ Blocked: true }), job: {}, code: 'ERR_BLOCKED_USER', message: "job x: user 'alice' is blocked in account 'vision'" },
  // step 5: the partition ACL checks the direct account only (vision's parent ml is allowed in GPU; vision is not).
  { name: 'ACL: only the direct account counts', job: { partition: 'GPU' }, code: 'ERR_NOT_IN_ALLOWED_LIST', message: "job x: account 'vision' is not in the AllowedAccounts of partition GPU (ml)" },
  { name: 'ACL: denied', job: { user: 'bob', partition: 'debug' }, code: 'ERR_IN_DENIED_LIST', message: "job x: account 'physics' is in the DeniedAccounts of partition debug" },
  // step 6: the QoS.
  { name: 'no default QoS', job: { account: 'noqos' }, code: 'ERR_HAS_NO_QOS_IN_PARTITION', message: "job x: user 'alice' has no QoS in partition CPU under account 'noqos'" },
  { name: '-q not allowed', job: { qos: 'nosuch' }, code: 'ERR_HAS_ALLOWED_QOS_IN_PARTITION', message: "job x: QoS 'nosuch' is not allowed for user 'alice' in partition CPU under account 'vision' (allowed: normal, long)" },
  { name: "root's -q is taken as given, and must exist", job: { user: 'root', qos: 'nosuch' }, code: 'ERR_INVALID_QOS', message: "job x: QoS 'nosuch' is not defined" },
  // Validity of the time limit (CheckJobValidity): [11 s, max].
  { name: 'time limit under 11 s', job: { time: 10 }, code: 'ERR_TIME_TIMIT_BEYOND', message: `job x: time limit 10 s is outside CraneSched's range [11 s, ${MAX} s]` },
  // validity comes before the QoS lookup (CheckJobValidity, then TryMallocMetaSubmitResource)
  { name: 'time validity before an unknown QoS', job: { user: 'root', qos: 'nosuch', time: 5 }, code: 'ERR_TIME_TIMIT_BEYOND', message: `job x: time limit 5 s is outside CraneSched's range [11 s, ${MAX} s]` },
  // §4.4, per job (TryMallocMetaSubmitResource).
  { name: 'a zero submit limit', edit: qos('normal', { MaxSubmitJobsPerUser: 0 }), job: {}, code: 'ERR_MAX_JOB_COUNT_PER_USER', message: "job x: QoS 'normal' allows no jobs per user (MaxSubmitJobsPerUser 0)" },
  // 2 nodes x 4 CPUs = 8 CPUs > 4
  { name: 'MaxCpusPerUser, one job', edit: qos('normal', { MaxCpusPerUser: 4 }), job: { nodes: 2, cpus: 4 }, code: 'ERR_CPUS_PER_TASK_BEYOND', message: "job x: asks 8 CPUs; QoS 'normal' allows 4 per user (MaxCpusPerUser)" },
  { name: 'MaxTresPerAccount, one job', edit: qos('normal', { MaxTresPerAccount: 'mem:4G' }), job: { memMiB: 8192 }, code: 'ERR_TRES_PER_JOB_BEYOND', message: "job x: asks cpu:1,mem:8192M, beyond QoS 'normal' MaxTresPerAccount mem:4096M" },
  // gpu:3 by name only counts towards gres/gpu
  { name: 'MaxTres GRES, one job', edit: qos('normal', { MaxTres: 'gres/gpu:2' }), job: { user: 'carol', partition: 'GPU', gres: 'gpu:3' }, code: 'ERR_TRES_PER_JOB_BEYOND', message: "job x: asks cpu:1,mem:1024M,gres/gpu:3, beyond QoS 'normal' MaxTres gres/gpu:2" },
  // 1 day + 1 s > 1 day
  { name: 'MaxTimeLimitPerJob', job: { time: 86_401 }, code: 'ERR_TIME_TIMIT_BEYOND', message: "job x: time limit 86401 s is over QoS 'normal' MaxTimeLimitPerJob 86400 s" },
  // Submit counters: pending + running jobs, per user, per account of the chain, per QoS.
  { name: 'MaxSubmitJobsPerUser', edit: qos('normal', { MaxSubmitJobsPerUser: 2 }), before: [{}, {}], job: {}, code: 'ERR_MAX_JOB_COUNT_PER_USER', message: "job x: user 'alice' has 2 jobs pending or running in QoS 'normal' (MaxSubmitJobsPerUser 2)" },
  // carol's job in ml counts for ml, the parent of alice's vision
  { name: 'MaxSubmitJobsPerAccount on a parent', edit: qos('normal', { MaxSubmitJobsPerAccount: 1 }), before: [{ user: 'carol' }], job: {}, code: 'ERR_MAX_JOB_COUNT_PER_ACCOUNT', message: "job x: account 'ml' has 1 jobs pending or running in QoS 'normal' (MaxSubmitJobsPerAccount 1)" },
  { name: 'MaxSubmitJobs', edit: qos('normal', { MaxSubmitJobs: 1 }), before: [{ user: 'bob' }], job: {}, code: 'ERR_QOS_JOB_COUNT_EXCEEDED', message: "job x: QoS 'normal' has 1 jobs pending or running (MaxSubmitJobs 1)" },
  // DenyOnLimit: running counts and TRES in use reject at submission.
  { name: 'DenyOnLimit MaxJobsPerUser', edit: qos('normal', { Flags: 'DenyOnLimit', MaxJobsPerUser: 1 }), before: [{}], run: true, job: {}, code: 'ERR_MAX_JOB_COUNT_PER_USER', message: "job x: user 'alice' has 1 jobs running in QoS 'normal' (MaxJobsPerUser 1, DenyOnLimit)" },
  // 3 CPUs running + 2 = 5 > 4; memory 1024 + 1024
  { name: 'DenyOnLimit MaxTresPerUser', edit: qos('normal', { Flags: 'DenyOnLimit', MaxTresPerUser: 'cpu:4' }), before: [{ cpus: 3 }], run: true, job: { cpus: 2 }, code: 'ERR_MAX_TRES_PER_USER_BEYOND', message: "job x: user 'alice' would run cpu:5,mem:2048M in QoS 'normal' (MaxTresPerUser cpu:4, DenyOnLimit)" },
  // carol runs 3 CPUs in ml; alice's 2 CPUs in vision pass vision and break ml
  { name: 'DenyOnLimit MaxTresPerAccount on a parent', edit: qos('normal', { Flags: 'DenyOnLimit', MaxTresPerAccount: 'cpu:4' }), before: [{ user: 'carol', cpus: 3 }], run: true, job: { cpus: 2 }, code: 'ERR_MAX_TRES_PER_ACCOUNT_BEYOND', message: "job x: account 'ml' would run cpu:5,mem:2048M in QoS 'normal' (MaxTresPerAccount cpu:4, DenyOnLimit)" },
  { name: 'DenyOnLimit MaxJobs', edit: qos('normal', { Flags: 'DenyOnLimit', MaxJobs: 1 }), before: [{ user: 'bob' }], run: true, job: {}, code: 'ERR_QOS_JOB_COUNT_EXCEEDED', message: "job x: QoS 'normal' has 1 jobs running (MaxJobs 1, DenyOnLimit)" },
  // 5400 s running + 3600 s = 9000 s > 7200 s
  { name: 'DenyOnLimit MaxWall', edit: qos('normal', { Flags: 'DenyOnLimit', MaxWall: '2:00:00' }), before: [{ user: 'bob', time: 5400 }], run: true, job: { time: 3600 }, code: 'ERR_TIME_TIMIT_BEYOND', message: "job x: QoS 'normal' running jobs' time limits sum to 5400 s; with this job's 3600 s that is over MaxWall 7200 s (DenyOnLimit)" },
  // Partition limits (per user membership and per account of the chain): 107-110.
  { name: 'user MaxTresPerJob', edit: aliceIn({ PartitionLimits: { CPU: { MaxTresPerJob: 'cpu:2' } } }), job: { cpus: 4 }, code: 'ERR_PARTITION_TRES_PER_JOB_BEYOND', message: "job x: asks cpu:4,mem:1024M, beyond the MaxTresPerJob cpu:2 of user 'alice' in account 'vision' in partition CPU" },
  { name: 'account MaxTresPerJob on a parent', edit: account('ml', { PartitionLimits: { CPU: { MaxTresPerJob: 'cpu:2' } } }), job: { cpus: 4 }, code: 'ERR_PARTITION_TRES_PER_JOB_BEYOND', message: "job x: asks cpu:4,mem:1024M, beyond the MaxTresPerJob cpu:2 of account 'ml' in partition CPU" },
  // QoS long has no MaxTimeLimitPerJob, so the partition's MaxWallPerJob applies
  { name: 'account MaxWallPerJob', edit: account('lab', { PartitionLimits: { CPU: { MaxWallPerJob: '1:00:00' } } }), job: { qos: 'long', time: 7200 }, code: 'ERR_PARTITION_TIME_BEYOND', message: "job x: time limit 7200 s is over the MaxWallPerJob 3600 s of account 'lab' in partition CPU" },
  { name: 'user MaxSubmitJobs', edit: aliceIn({ PartitionLimits: { CPU: { MaxSubmitJobs: 1 } } }), before: [{}], job: {}, code: 'ERR_PARTITION_MAX_SUBMIT_JOBS_PER_USER', message: "job x: user 'alice' has 1 jobs pending or running in partition CPU under account 'vision' (MaxSubmitJobs 1)" },
  // bob's job in physics counts for lab, alice's vision's ancestor
  { name: 'account MaxSubmitJobs on the root account', edit: account('lab', { PartitionLimits: { CPU: { MaxSubmitJobs: 1 } } }), before: [{ user: 'bob' }], job: {}, code: 'ERR_PARTITION_MAX_SUBMIT_JOBS_PER_ACCOUNT', message: "job x: account 'lab' has 1 jobs pending or running in partition CPU (MaxSubmitJobs 1)" },
  { name: 'account MaxSubmitJobs 0', edit: account('ml', { PartitionLimits: { CPU: { MaxSubmitJobs: 0 } } }), job: {}, code: 'ERR_PARTITION_MAX_SUBMIT_JOBS_PER_ACCOUNT', message: "job x: the MaxSubmitJobs of account 'ml' in partition CPU is 0" },
];

function submitCase(c: Case): ReturnType<ReturnType<typeof world>['scheduler']['submit']> {
  const { scheduler } = world(buildAccounts(c.edit));
  for (const b of c.before ?? []) expect(scheduler.submit(spec(b), 0).ok).toBe(true);
  if (c.run === true) {
    cycle(scheduler, 0);
    expect(scheduler.view().running.length).toBe(c.before!.length);
  }
  return scheduler.submit(spec({ ...c.job, id: 'x' }), 1000);
}

describe('accounts admission: every rejection with its CraneSched code and message', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(submitCase(c)).toEqual({ ok: false, code: c.code, message: c.message });
  });
});

describe('accounts admission: what an accepted job gets', () => {
  const accepted = (job: JobSpec, edit?: Edit): { limit: number; keys: string[] } => {
    const { scheduler, admission } = world(buildAccounts(edit));
    const r = scheduler.submit(job, 0);
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
    return { limit: scheduler.job(r.jobId).timeLimit, keys: admission.usage().filter((u) => u.submit > 0).map((u) => u.key) };
  };

  it("without -A, -q and -t: the default account, the association's default QoS, and its MaxTimeLimitPerJob", () => {
    const r = accepted(spec({}));
    expect(r.limit).toBe(86_400_000);
    // charged to the user (per QoS, per account+partition), to vision, ml and lab (per QoS, per partition), and to the QoS
    expect(r.keys).toEqual(['a lab p CPU', 'a lab q normal', 'a ml p CPU', 'a ml q normal', 'a vision p CPU', 'a vision q normal', 'q normal', 'u alice a vision p CPU', 'u alice q normal']);
  });

  it('a QoS without MaxTimeLimitPerJob gives CraneSched\'s largest time limit', () => {
    expect(accepted(spec({ qos: 'long' })).limit).toBe(MAX_TIME_LIMIT);
  });

  it('root needs no association and gets UNLIMITED without -q', () => {
    const rootOnlyCpu: Edit = (raw) => {
      entry(raw, 'Users', 'root')['Accounts'] = [{ Account: 'lab', Partitions: ['CPU'] }];
    };
    const r = accepted(spec({ user: 'root', partition: 'debug' }), rootOnlyCpu);
    expect(r.limit).toBe(MAX_TIME_LIMIT);
    expect(r.keys).toContain('u root q UNLIMITED');
  });

  it('partition limits are skipped where the QoS limits the same dimension', () => {
    // MaxWallPerJob 1 h is skipped because QoS normal has MaxTimeLimitPerJob (1 day)
    const wall: Edit = (raw) => account('lab', { PartitionLimits: { CPU: { MaxWallPerJob: '1:00:00' } } })(raw);
    expect(accepted(spec({ time: 7200 }), wall).limit).toBe(7_200_000);
    // MaxSubmitJobs 1 is skipped because QoS normal has MaxSubmitJobsPerUser
    const { scheduler } = world(
      buildAccounts((raw) => {
        aliceIn({ PartitionLimits: { CPU: { MaxSubmitJobs: 1 } } })(raw);
        qos('normal', { MaxSubmitJobsPerUser: 5 })(raw);
      }),
    );
    for (let i = 0; i < 5; i++) expect(scheduler.submit(spec({}), 0).ok).toBe(true);
    expect(scheduler.submit(spec({ id: 'x' }), 0)).toMatchObject({ ok: false, code: 'ERR_MAX_JOB_COUNT_PER_USER' });
  });

  it('without DenyOnLimit a running-count limit does not reject: the job waits', () => {
    const { scheduler } = world(buildAccounts(qos('normal', { MaxJobsPerUser: 1 })));
    scheduler.submit(spec({}), 0);
    cycle(scheduler, 0);
    expect(scheduler.submit(spec({ id: 'x' }), 1000).ok).toBe(true);
  });
});
