import { validateAccounts, validateClusterConfig, type AccountsConfig, type ClusterConfig } from '../../../core/config/index.js';
import { accountsAdmission, makePlanner, Scheduler, type AccountsAdmission, type JobSpec } from '../../../core/index.js';

/**
 * A small CraneSched world for admission and limit tests, built through the real validators:
 * 4 CPU nodes (8 CPUs, 32 GiB) in partition CPU (the default, 1 GiB per CPU by default), 2 GPU
 * nodes (8 CPUs, 64 GiB, 4 A100s) in partition GPU (account ml only), and partition debug of all
 * nodes that denies physics. Accounts: lab > ml > vision, lab > physics; QoS normal (the default,
 * 1 day at most) and long (no time limit).
 */
export const clusterRaw = (): Record<string, unknown> => ({
  Nodes: [
    { name: 'cn[1-4]', cpu: 8, memory: '32G' },
    { name: 'gpu[1-2]', cpu: 8, memory: '64G', gres: ['gpu:a100:4'] },
  ],
  Partitions: [
    { name: 'CPU', nodes: 'cn[1-4]', DefaultMemPerCpu: 1024 },
    { name: 'GPU', nodes: 'gpu[1-2]', AllowedAccounts: 'ml' },
    { name: 'debug', nodes: 'ALL', DeniedAccounts: 'physics' },
  ],
  DefaultPartition: 'CPU',
});

export const accountsRaw = (): Record<string, unknown> => ({
  Qos: [
    { Name: 'normal', Priority: 1000, MaxTimeLimitPerJob: '1-00:00:00' },
    { Name: 'long', Priority: 10 },
  ],
  Accounts: [
    { Name: 'lab', AllowedPartitions: ['CPU', 'GPU', 'debug'], AllowedQos: ['normal', 'long'], DefaultQos: 'normal' },
    { Name: 'ml', Parent: 'lab' },
    { Name: 'vision', Parent: 'ml' },
    { Name: 'physics', Parent: 'lab', AllowedPartitions: ['CPU', 'debug'] },
    { Name: 'noqos', Parent: 'lab', AllowedQos: [] },
  ],
  Users: [
    { Name: 'alice', DefaultAccount: 'vision', Accounts: ['vision', 'physics', 'noqos'] },
    { Name: 'bob', DefaultAccount: 'physics' },
    { Name: 'carol', DefaultAccount: 'ml', Accounts: [{ Account: 'ml', Partitions: ['CPU', 'GPU'] }] },
    { Name: 'root', Uid: 0, DefaultAccount: 'lab' },
  ],
});

export function buildCluster(edit: (raw: Record<string, unknown>) => void = () => {}): ClusterConfig {
  const raw = clusterRaw();
  edit(raw);
  const r = validateClusterConfig(raw);
  if (!r.ok) throw new Error(`test cluster is invalid: ${JSON.stringify(r.issues)}`);
  return r.value;
}

export function buildAccounts(edit: (raw: Record<string, unknown>) => void = () => {}, cluster: ClusterConfig = buildCluster()): AccountsConfig {
  const raw = accountsRaw();
  edit(raw);
  const r = validateAccounts(raw, cluster);
  if (!r.ok) throw new Error(`test accounts are invalid: ${JSON.stringify(r.issues)}`);
  return r.value;
}

/** The entry named `name` of a raw list (`Qos`, `Accounts`, `Users`), to edit in place. */
export function entry(raw: Record<string, unknown>, list: string, name: string): Record<string, unknown> {
  const e = (raw[list] as Record<string, unknown>[]).find((x) => x['Name'] === name);
  if (e === undefined) throw new Error(`no ${list} entry ${name}`);
  return e;
}

/** Runs scheduling cycles at `now` until the planner has made its pass (event mode asks for a wake-up at `now` first). */
export function cycle(scheduler: Scheduler, now: number): void {
  for (let i = 0; i < 10; i++) {
    const d = scheduler.schedule(now);
    if (!d.some((x) => x.type === 'WakeAt' && x.time === now)) return;
  }
  throw new Error(`no quiet cycle at ${now}`);
}

export interface JobSketch {
  readonly id?: string;
  readonly user?: string;
  readonly account?: string;
  readonly partition?: string;
  readonly qos?: string;
  readonly nodes?: number;
  /** CPUs per node (fractions allowed). */
  readonly cpus?: number;
  readonly memMiB?: number;
  readonly gres?: string;
  /** Seconds; absent: the QoS default. */
  readonly time?: number;
}

let counter = 0;

/** A job spec; names not given are '' ("not given", as in CraneSched). */
export function spec(s: JobSketch = {}): JobSpec {
  const gres = s.gres?.split(',').map((g) => {
    const p = g.split(':');
    return p.length === 3 ? { name: p[0]!, type: p[1]!, count: Number(p[2]) } : { name: p[0]!, type: null, count: Number(p[1]) };
  });
  return {
    externalId: s.id ?? `j${++counter}`,
    user: s.user ?? 'alice',
    account: s.account ?? '',
    partition: s.partition ?? '',
    qos: s.qos ?? '',
    request: { nodeCount: s.nodes ?? 1, perNode: { cpuMilli: Math.round((s.cpus ?? 1) * 1000), memMiB: s.memMiB ?? 1024, ...(gres === undefined ? {} : { gres }) } },
    ...(s.time === undefined ? {} : { timeLimit: s.time * 1000 }),
  };
}

/** A scheduler with CraneSched's planner and the accounts policy over the fixture's cluster. */
export function world(accounts: AccountsConfig = buildAccounts(), cluster: ClusterConfig = buildCluster()): { scheduler: Scheduler; admission: AccountsAdmission } {
  const admission = accountsAdmission(accounts, cluster);
  const planner = makePlanner('cranesched');
  if (planner === undefined) throw new Error('no cranesched planner');
  return { scheduler: new Scheduler({ cluster, planner, admission }), admission };
}
