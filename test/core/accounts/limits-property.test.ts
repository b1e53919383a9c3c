import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAssociation, findUser, validateAccounts, type AccountsConfig, type ClusterConfig, type PartitionLimits, type QosLimits, type Tres } from '../../../core/config/index.js';
import { accountsAdmission, makePlanner, type JobSpec, type JobView } from '../../../core/index.js';
import { Simulation, type SimJob } from '../../../runtime-sim/index.js';
import { buildCluster } from './fixture.js';

/**
 * Property: whatever the QoS and association limits and the workload, at every instant of a
 * simulation (after every event) the running jobs respect every QoS limit (per user, per account
 * of every chain, per QoS) and every partition limit of a dimension no QoS limits. The oracle
 * works from the configuration and the running jobs only, never from the policy's counters.
 */

const cluster: ClusterConfig = buildCluster((raw) => {
  raw['Nodes'] = [{ name: 'n[1-4]', cpu: 4, memory: '16G' }];
  raw['Partitions'] = [{ name: 'p', nodes: 'ALL', DefaultMemPerCpu: 1024 }];
  raw['DefaultPartition'] = 'p';
});

const ACCOUNTS = ['lab', 'a', 'a1', 'b'];
const PARENT: Readonly<Record<string, string | null>> = { lab: null, a: 'lab', a1: 'a', b: 'lab' };
const USERS: Readonly<Record<string, readonly string[]>> = { u1: ['a1', 'b'], u2: ['a'], u3: ['b', 'a1'] };

const maybe = <T,>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined, freq: 2 });
const cpuTres = fc.integer({ min: 1, max: 12 }).map((c) => `cpu:${c}`);
const memTres = fc.integer({ min: 1, max: 24 }).map((g) => `mem:${g}G`);
const qosArb = (name: string) =>
  fc.record({
    Name: fc.constant(name),
    MaxJobsPerUser: maybe(fc.integer({ min: 1, max: 4 })),
    MaxJobsPerAccount: maybe(fc.integer({ min: 1, max: 5 })),
    MaxJobs: maybe(fc.integer({ min: 1, max: 6 })),
    MaxCpusPerUser: maybe(fc.integer({ min: 2, max: 12 })),
    MaxTresPerUser: maybe(fc.oneof(cpuTres, memTres)),
    MaxTresPerAccount: maybe(fc.oneof(cpuTres, memTres)),
    MaxTres: maybe(fc.oneof(cpuTres, memTres)),
    MaxWall: maybe(fc.integer({ min: 1, max: 10 }).map((h) => `${h}:00:00`)),
  });
const partLimitArb = fc.record({
  MaxJobs: maybe(fc.integer({ min: 1, max: 4 })),
  MaxTres: maybe(fc.oneof(cpuTres, memTres)),
  MaxWall: maybe(fc.integer({ min: 1, max: 8 }).map((h) => `${h}:00:00`)),
});

const accountsArb = fc
  .record({
    q1: qosArb('q1'),
    q2: qosArb('q2'),
    accountLimits: fc.array(maybe(partLimitArb), { minLength: 4, maxLength: 4 }),
    userLimits: fc.array(maybe(partLimitArb), { minLength: 3, maxLength: 3 }),
  })
  .map(({ q1, q2, accountLimits, userLimits }) => {
    const clean = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    const raw = {
      Qos: [clean(q1), clean(q2)],
      Accounts: ACCOUNTS.map((name, i) => ({
        Name: name,
        ...(PARENT[name] === null ? { AllowedPartitions: ['p'], AllowedQos: ['q1', 'q2'] } : { Parent: PARENT[name] }),
        ...(accountLimits[i] === undefined ? {} : { PartitionLimits: { p: clean(accountLimits[i]!) } }),
      })),
      Users: Object.entries(USERS).map(([name, accounts], i) => ({
        Name: name,
        DefaultAccount: accounts[0],
        Accounts: accounts.map((a, k) => (k === 0 && userLimits[i] !== undefined ? { Account: a, PartitionLimits: { p: clean(userLimits[i]!) } } : a)),
      })),
    };
    const r = validateAccounts(raw, cluster);
    if (!r.ok) throw new Error(`generated accounts are invalid: ${JSON.stringify(r.issues)}`);
    return r.value;
  });

const jobArb = fc.record({
  user: fc.constantFrom('u1', 'u2', 'u3'),
  accountPick: fc.integer({ min: 0, max: 2 }), // 0: not given, else the user's 1st/2nd account
  qos: fc.constantFrom('', 'q1', 'q2'),
  nodes: fc.integer({ min: 1, max: 2 }),
  cpus: fc.integer({ min: 1, max: 4 }),
  memGiB: fc.integer({ min: 1, max: 4 }),
  submit: fc.integer({ min: 0, max: 4000 }),
  limit: fc.integer({ min: 60, max: 7200 }),
  runShare: fc.double({ min: 0.05, max: 1.2, noNaN: true }),
});

const workloadArb = fc.array(jobArb, { minLength: 5, maxLength: 30 }).map((jobs) =>
  jobs.map((j, i): SimJob => {
    const mine = USERS[j.user]!;
    const account = j.accountPick === 0 ? '' : (mine[j.accountPick - 1] ?? '');
    const spec: JobSpec = {
      externalId: `j${i}`,
      user: j.user,
      account,
      partition: '',
      qos: j.qos,
      request: { nodeCount: j.nodes, perNode: { cpuMilli: j.cpus * 1000, memMiB: j.memGiB * 1024 } },
      timeLimit: j.limit * 1000,
    };
    return { spec, submitTime: j.submit * 1000, runtime: Math.max(1000, Math.round(j.limit * j.runShare) * 1000), outcome: 'Completed', exitCode: 0 };
  }),
);

const LIMIT_REASON = /Limit$/;

interface Use {
  jobs: number;
  cpu: number;
  mem: number;
  wall: number;
}

/** What the oracle knows of a running job: its resolved names, from the configuration alone. */
function describeJob(accounts: AccountsConfig, v: JobView): { user: string; chain: string[]; qos: string; cpu: number; mem: number; wall: number } {
  const s = v.spec;
  const account = s.account === '' ? findUser(accounts, s.user)!.defaultAccount : s.account;
  const qos = s.qos === '' ? findAssociation(accounts, s.user, account, 'p')!.defaultQos! : s.qos;
  const chain: string[] = [];
  for (let a: string | null = account; a !== null; a = PARENT[a]!) chain.push(a);
  const n = s.request.nodeCount;
  return { user: s.user, chain, qos, cpu: s.request.perNode.cpuMilli * n, mem: s.request.perNode.memMiB * n, wall: v.timeLimit };
}

function violations(accounts: AccountsConfig, running: readonly JobView[]): string[] {
  const out: string[] = [];
  const tally = new Map<string, Use>();
  const add = (key: string, j: ReturnType<typeof describeJob>): void => {
    const u = tally.get(key) ?? { jobs: 0, cpu: 0, mem: 0, wall: 0 };
    u.jobs++;
    u.cpu += j.cpu;
    u.mem += j.mem;
    u.wall += j.wall;
    tally.set(key, u);
  };
  for (const v of running) {
    const j = describeJob(accounts, v);
    add(`user ${j.user} ${j.qos}`, j);
    add(`qos ${j.qos}`, j);
    add(`userpart ${j.user} ${j.chain[0]}`, j);
    for (const a of j.chain) {
      add(`account ${a} ${j.qos}`, j);
      add(`accpart ${a}`, j);
    }
  }
  const get = (key: string): Use => tally.get(key) ?? { jobs: 0, cpu: 0, mem: 0, wall: 0 };
  const tres = (key: string, u: Use, t: Tres | undefined): void => {
    if (t?.cpuMilli !== undefined && u.cpu > t.cpuMilli) out.push(`${key}: ${u.cpu} mCPU > ${t.cpuMilli}`);
    if (t?.memMiB !== undefined && u.mem > t.memMiB) out.push(`${key}: ${u.mem} MiB > ${t.memMiB}`);
  };
  const count = (key: string, u: Use, max: number | undefined): void => void (max !== undefined && u.jobs > max && out.push(`${key}: ${u.jobs} jobs > ${max}`));
  const wall = (key: string, u: Use, max: number | undefined): void => void (max !== undefined && u.wall > max && out.push(`${key}: wall ${u.wall} > ${max}`));
  const qosLimited = (f: (l: QosLimits) => unknown): boolean => accounts.qos.some((q) => f(q.limits) !== undefined);
  for (const q of accounts.qos) {
    const L = q.limits;
    for (const user of Object.keys(USERS)) {
      const k = `user ${user} ${q.name}`;
      const u = get(k);
      count(k, u, L.maxJobsPerUser);
      if (L.maxCpusPerUser !== undefined && u.cpu > L.maxCpusPerUser) out.push(`${k}: ${u.cpu} mCPU > MaxCpusPerUser ${L.maxCpusPerUser}`);
      tres(k, u, L.maxTresPerUser);
      wall(k, u, L.maxWall);
    }
    for (const a of ACCOUNTS) {
      const k = `account ${a} ${q.name}`;
      count(k, get(k), L.maxJobsPerAccount);
      tres(k, get(k), L.maxTresPerAccount);
      wall(k, get(k), L.maxWall);
    }
    const k = `qos ${q.name}`;
    count(k, get(k), L.maxJobs);
    tres(k, get(k), L.maxTres);
    wall(k, get(k), L.maxWall);
  }
  // Partition limits hold where no QoS limits the same dimension (CraneSched skips them otherwise).
  const part = (key: string, limits: PartitionLimits | undefined, perUser: boolean): void => {
    if (limits === undefined) return;
    const u = get(key);
    if (!qosLimited((l) => (perUser ? l.maxJobsPerUser : l.maxJobsPerAccount))) count(key, u, limits.maxJobs);
    if (!qosLimited((l) => l.maxWall)) wall(key, u, limits.maxWall);
    if (!qosLimited((l) => (perUser ? l.maxTresPerUser : l.maxTresPerAccount))) tres(key, u, limits.maxTres);
  };
  for (const a of accounts.accounts) part(`accpart ${a.name}`, a.partitionLimits['p'], false);
  for (const user of accounts.users) for (const m of user.accounts) part(`userpart ${user.name} ${m.account}`, m.partitionLimits['p'], true);
  return out;
}

describe('QoS and association limits hold at every instant', () => {
  it.each([
    ['cranesched', 150],
    ['fcfs', 40],
    ['easy', 40],
    ['conservative', 40],
  ] as const)('over random limits, account trees and workloads (%s planner, after every event)', (plannerName, numRuns) => {
    let started = 0;
    let generated = 0;
    const heldBack = new Set<string>();
    fc.assert(
      fc.property(accountsArb, workloadArb, (accounts, jobs) => {
        const planner = makePlanner(plannerName)!;
        const sim = new Simulation(jobs, { cluster, planner, admission: accountsAdmission(accounts, cluster), validate: true });
        while (!sim.done) {
          sim.step();
          const view = sim.scheduler.view();
          const bad = violations(accounts, view.running);
          if (bad.length > 0) throw new Error(`at ${sim.now} ms: ${bad.join('; ')}`);
          for (const p of view.pending) if (p.pendingReason !== null && LIMIT_REASON.test(p.pendingReason)) heldBack.add(p.pendingReason);
        }
        generated += jobs.length;
        // (not sim.result(): a job over a running limit by itself waits forever, as in CraneSched,
        // which the validator's end-of-run check would call a bug)
        started += sim.scheduler.allJobs().filter((v) => Number.isFinite(v.startTime)).length;
      }),
      { numRuns, seed: 20261129 },
    );
    // the property is not vacuous: many jobs run, and limits did hold jobs back, of many kinds
    expect(started).toBeGreaterThan(generated * 0.3);
    expect([...heldBack].sort()).toEqual(expect.arrayContaining(['QosJobsResourceLimit', 'QosWallTimeLimit']));
    if (plannerName === 'cranesched') expect([...heldBack].sort()).toEqual(expect.arrayContaining(['AccPartitionJobsLimit', 'QosCpuResourceLimit', 'QosMemResourceLimit', 'UserPartitionJobsLimit']));
  });

  it('the oracle can fail: two running jobs over MaxJobsPerUser 1 are reported', () => {
    const r = validateAccounts(
      { Qos: [{ Name: 'q1', MaxJobsPerUser: 1 }], Accounts: [{ Name: 'lab', AllowedPartitions: ['p'], AllowedQos: ['q1'] }, { Name: 'a', Parent: 'lab' }, { Name: 'a1', Parent: 'a' }, { Name: 'b', Parent: 'lab' }], Users: [{ Name: 'u1', DefaultAccount: 'a1' }, { Name: 'u2', DefaultAccount: 'a' }, { Name: 'u3', DefaultAccount: 'b' }] },
      cluster,
    );
    if (!r.ok) throw new Error('invalid');
    const view = (id: string): JobView =>
      ({ spec: { externalId: id, user: 'u1', account: '', partition: '', qos: '', request: { nodeCount: 1, perNode: { cpuMilli: 1000, memMiB: 1024 } } }, timeLimit: 60_000 }) as unknown as JobView;
    expect(violations(r.value, [view('x'), view('y')])).toEqual(['user u1 q1: 2 jobs > 1']);
  });
});
