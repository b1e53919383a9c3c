import type { PartitionState } from '../cluster/cluster-state.js';
import type { AccountConfig, AccountsConfig } from '../config/accounts-types.js';
import type { QosConfig } from '../config/qos.js';
import type { ClusterSpec } from '../model/cluster.js';
import type { JobSpec, LimitReason } from '../model/job.js';
import type { AccountsCommand, AdminResult } from '../model/messages.js';
import { ResourceLayout, type NodeRequest } from '../model/resources.js';
import type { AdmissionCheck, AdmissionPolicy } from '../scheduler/admission.js';
import type { JobRecord } from '../scheduler/job-record.js';
import { AccountsDirectory, membership } from './directory.js';
import { allMetas, jobMetas, MetaStore, type JobMetas } from './meta.js';
import { applyAccountsCommand } from './modify.js';
import { resolveSubmission, type Resolution } from './resolve.js';
import { checkRunLimits, type RunInput } from './run-limits.js';
import { checkSubmitLimits, checkTimeValidity } from './submit-limits.js';
import { TresMeter, type JobTres } from './tres.js';

/** What one accepted job charges, kept from submission to its end. */
interface Charged {
  readonly job: JobRecord;
  /** Who it is charged to: the limits in `run` are looked up again after a `cacctmgr` change. */
  readonly user: string;
  readonly account: string;
  readonly partition: string;
  run: RunInput;
  /** What it holds while running (its allocation summed over nodes, and its time limit). */
  running: { readonly res: Float64Array; readonly wall: number } | null;
}

/** The limits in force for a (user, account, partition, QoS): what `checkRunLimits` reads besides the job. */
type Limits = Pick<RunInput, 'qos' | 'userLimits' | 'chain' | 'accountLimits'>;

/** What a submission's names resolve to, kept per (user, account, partition, QoS) until the accounts change. */
interface Resolved {
  /** The partition's ACL it was resolved under (a changed ACL resolves again). */
  readonly acl: PartitionState['acl'];
  readonly who: Resolution;
  readonly qos: QosConfig;
  readonly metas: JobMetas;
  readonly limits: Limits;
}

/** One usage counter as tests and views see it. */
export interface UsageEntry {
  /** `u USER q QOS`, `u USER a ACCOUNT p PARTITION`, `a ACCOUNT q QOS`, `a ACCOUNT p PARTITION`, `q QOS`. */
  readonly key: string;
  readonly submit: number;
  readonly jobs: number;
  readonly wall: number;
  readonly res: readonly number[];
}

/**
 * CraneSched's accounts, associations and QoS as the core's admission policy
 * (CRANESCHED.md §4.3-4.4):
 * - `check`: the submission resolution (user, account, association, blocks, partition ACL, QoS;
 *   resolve.ts), then the QoS and partition submit-time limits (submit-limits.ts), giving the QoS
 *   and the time limit in force;
 * - `submitted` / `started` / `ended`: the usage counters per user, per account of the chain and
 *   per QoS (a requeue is `ended` then `submitted`: the running part is freed, the submission
 *   charged again);
 * - `runLimit`: the scheduling-time limits over the user and the whole account chain
 *   (run-limits.ts).
 * Run-limit TRES use the job's request (its per-node need times its node count; an exclusive job
 * counts its request, not its whole nodes); the counters charge what a started job really holds.
 * `modify` carries out timed `cacctmgr` changes (QoS, account and user limits, blocks): they apply
 * to submissions and scheduling from then on (every pending job's run limits are looked up again);
 * running jobs are never stopped by them and keep what they were charged.
 */
export class AccountsAdmission implements AdmissionPolicy {
  readonly directory: AccountsDirectory;
  private readonly meter: TresMeter;
  private readonly store: MetaStore;
  private readonly partitionNames: readonly string[];
  /**
   * What each job submitted and not yet ended is charged, by job id (the scheduler's dense ids:
   * an array read, where a Map keyed by the job hashed on every start, end and run-limit check).
   * One policy serves one scheduler.
   */
  private readonly jobs: Array<Charged | undefined> = [];
  private readonly tresByRequest = new WeakMap<NodeRequest, Map<number, JobTres>>();
  private readonly resByAllocation = new WeakMap<readonly Float64Array[], Float64Array>();
  private readonly metasByKey = new NameKeyed<JobMetas>();
  /** `limitsOf` per (user, account, partition, QoS), until the next `modify`. */
  private readonly limitsByKey = new NameKeyed<Limits>();
  /**
   * Successful resolutions by the names a spec gives (user, account, partition, QoS as given),
   * until the next `modify`: the resolution depends on nothing else but the partition's ACL. A
   * trace submits the same few combinations over and over.
   */
  private readonly resolvedByNames = new NameKeyed<Resolved>();
  /** The spec `check` passed last and its resolution: `submitted` follows for the same job. */
  private lastSpec: JobSpec | undefined;
  private lastResolved: Resolved | undefined;

  constructor(config: AccountsConfig, cluster: ClusterSpec) {
    this.directory = new AccountsDirectory(config);
    this.meter = new TresMeter(new ResourceLayout(cluster.nodes.map((n) => n.gres)));
    this.store = new MetaStore(this.meter.dims);
    this.partitionNames = cluster.partitions.map((p) => p.name);
  }

  /** The QoS priority for the multifactor queue order (`priorityQueueOrder`); 0 for unknown names. */
  readonly qosPriority = (name: string): number => this.directory.qosPriority(name);
  readonly qosConfig = (name: string): QosConfig | undefined => this.directory.qos(name);

  check(spec: JobSpec, partition: PartitionState, need: NodeRequest | undefined): AdmissionCheck {
    // In CraneSched's order: the resolution's errors, then the time limit's, then an undefined QoS.
    let r = this.resolvedByNames.get(spec.user, spec.account, partition.name, spec.qos);
    if (r === undefined || r.acl !== partition.acl) {
      const resolved = resolveSubmission(this.directory, spec, partition.name, partition.acl);
      if (!resolved.ok) return resolved;
      const who = resolved.value;
      const invalid = checkTimeValidity(spec.externalId, spec.timeLimit);
      if (invalid !== null) return invalid;
      const qos = this.directory.qos(who.qos);
      if (qos === undefined) return { ok: false, code: 'ERR_INVALID_QOS', message: `job ${spec.externalId}: QoS '${who.qos}' is not defined` };
      const metas = this.metas(who.user.name, who.account, who.chain, partition.name, qos.name);
      r = { acl: partition.acl, who, qos, metas, limits: this.limitsOf(who.user.name, who.account, partition.name, qos.name)! };
      this.resolvedByNames.set(spec.user, spec.account, partition.name, spec.qos, r);
    } else {
      // (Resolved before: only the time limit's error can come before the limits'.)
      const invalid = checkTimeValidity(spec.externalId, spec.timeLimit);
      if (invalid !== null) return invalid;
    }
    const checked = checkSubmitLimits({
      id: spec.externalId,
      who: r.who,
      qos: r.qos,
      partition: partition.name,
      tres: need === undefined ? undefined : this.tresOf(need, spec.request.nodeCount),
      timeLimit: spec.timeLimit,
      metas: r.metas,
      meter: this.meter,
    });
    if (!checked.ok) return checked;
    this.lastSpec = spec;
    this.lastResolved = r;
    return { ok: true, qos: r.qos.name, timeLimit: checked.timeLimit };
  }

  submitted(job: JobRecord): void {
    const spec = job.spec;
    const partition = this.partitionNames[job.partition]!;
    let userName: string;
    let account: string;
    let limits: Limits | undefined;
    let metas: JobMetas;
    const checked = spec === this.lastSpec ? this.lastResolved : undefined;
    if (checked !== undefined && checked.qos.name === job.qos) {
      // Just checked (the usual case): its resolution holds.
      ({ limits, metas } = checked);
      userName = checked.who.user.name;
      account = checked.who.account;
    } else {
      const user = this.directory.user(spec.user);
      if (user === undefined) throw new Error(`job ${job.id} (${spec.externalId}): user '${spec.user}' was admitted but is not in the accounts`);
      userName = user.name;
      account = spec.account === '' ? user.defaultAccount : spec.account;
      limits = this.limitsOf(user.name, account, partition, job.qos);
      if (limits === undefined) throw new Error(`job ${job.id} (${spec.externalId}): QoS '${job.qos}' was admitted but is not defined`);
      metas = this.metas(user.name, account, limits.chain, partition, limits.qos.name);
    }
    // Spelled out: a spread into a larger literal takes a slow path in V8, once per submitted job.
    const run: RunInput = { qos: limits.qos, userLimits: limits.userLimits, chain: limits.chain, accountLimits: limits.accountLimits, tres: this.tresOf(job.need, job.units), limit: job.limit, metas, meter: this.meter };
    for (const m of allMetas(metas)) m.submit++;
    this.jobs[job.id] = { job, user: userName, account, partition, run, running: null };
  }

  /** A `cacctmgr` change (see modify.ts), or why not; on success every charged job sees the new limits. */
  modify(command: AccountsCommand): AdminResult {
    const result = applyAccountsCommand(this.directory, command);
    if (!result.ok) return result;
    this.limitsByKey.clear();
    this.resolvedByNames.clear();
    this.lastSpec = undefined;
    this.lastResolved = undefined;
    for (const c of this.jobs) {
      if (c === undefined) continue;
      const limits = this.limitsOf(c.user, c.account, c.partition, c.run.qos.name);
      if (limits !== undefined) c.run = { ...c.run, ...limits };
    }
    return result;
  }

  started(job: JobRecord): void {
    const c = this.charged(job);
    const running = { res: this.resOf(job.allocation), wall: job.limit };
    c.running = running;
    for (const m of allMetas(c.run.metas)) {
      m.jobs++;
      m.wall += running.wall;
      for (let d = 0; d < running.res.length; d++) m.res[d]! += running.res[d]!;
    }
  }

  ended(job: JobRecord): void {
    const c = this.charged(job);
    for (const m of allMetas(c.run.metas)) {
      m.submit--;
      if (c.running !== null) {
        m.jobs--;
        m.wall -= c.running.wall;
        for (let d = 0; d < c.running.res.length; d++) m.res[d]! -= c.running.res[d]!;
      }
    }
    this.jobs[job.id] = undefined;
  }

  runLimit(job: JobRecord): LimitReason | null {
    return checkRunLimits(this.charged(job).run);
  }

  /** Every usage counter, sorted by key. */
  usage(): UsageEntry[] {
    return this.store.entries().map(([key, m]) => ({ key, submit: m.submit, jobs: m.jobs, wall: m.wall, res: [...m.res] }));
  }

  /**
   * A request's TRES over `units` nodes (read only). The scheduler shares one request among the
   * jobs of one shape, so the answers are kept per request and node count. (In a Map: a sparse
   * array read past its end deoptimizes the optimized submission path, which a trace does each
   * time a wider job comes.)
   */
  private tresOf(need: NodeRequest, units: number): JobTres {
    let byUnits = this.tresByRequest.get(need);
    if (byUnits === undefined) this.tresByRequest.set(need, (byUnits = new Map()));
    let tres = byUnits.get(units);
    if (tres === undefined) byUnits.set(units, (tres = this.meter.ofRequest(need, units)));
    return tres;
  }

  /**
   * What an allocation holds in all (read only). Jobs of one shape usually share their allocation
   * (the scheduler's uniform lists), so the answer is kept per allocation: no vector per start kept
   * for the job's whole run.
   */
  private resOf(allocation: readonly Float64Array[]): Float64Array {
    let res = this.resByAllocation.get(allocation);
    if (res === undefined) this.resByAllocation.set(allocation, (res = this.meter.ofAllocation(allocation)));
    return res;
  }

  /** The limits in force for a (user, account, partition, QoS): what `checkRunLimits` reads. */
  private limitsOf(userName: string, account: string, partition: string, qosName: string): Limits | undefined {
    const cached = this.limitsByKey.get(userName, account, partition, qosName);
    if (cached !== undefined) return cached;
    const limits = this.lookUpLimits(userName, account, partition, qosName);
    if (limits !== undefined) this.limitsByKey.set(userName, account, partition, qosName, limits);
    return limits;
  }

  private lookUpLimits(userName: string, account: string, partition: string, qosName: string): Limits | undefined {
    const qos = this.directory.qos(qosName);
    const user = this.directory.user(userName);
    if (qos === undefined || user === undefined) return undefined;
    const chain = this.directory.chain(account);
    return { qos, userLimits: membership(user, account)?.partitionLimits[partition], chain, accountLimits: chain.map((a) => a.partitionLimits[partition]) };
  }

  /** The counters of a (user, account, partition, QoS), made once per combination. */
  private metas(user: string, account: string, chain: readonly AccountConfig[], partition: string, qos: string): JobMetas {
    let m = this.metasByKey.get(user, account, partition, qos);
    if (m === undefined) {
      const s = this.store;
      m = jobMetas(
        s.userQos(user, qos),
        s.userPartition(user, account, partition),
        chain.map((a) => s.accountQos(a.name, qos)),
        chain.map((a) => s.accountPartition(a.name, partition)),
        s.qos(qos),
      );
      this.metasByKey.set(user, account, partition, qos, m);
    }
    return m;
  }

  private charged(job: JobRecord): Charged {
    const c = this.jobs[job.id];
    if (c === undefined || c.job !== job) throw new Error(`job ${job.id} (${job.spec.externalId}) is not charged to any account: submitted() was not called`);
    return c;
  }
}

/** The accounts policy for a cluster (CraneSched's admission and limits); see `AccountsAdmission`. */
export function accountsAdmission(config: AccountsConfig, cluster: ClusterSpec): AccountsAdmission {
  return new AccountsAdmission(config, cluster);
}

/**
 * Values per (user, account, partition, QoS), in nested maps: looked up on every submission, start
 * and end, where a joined string key would be built and hashed each time.
 */
class NameKeyed<V> {
  private readonly root = new Map<string, Map<string, Map<string, Map<string, V>>>>();

  get(user: string, account: string, partition: string, qos: string): V | undefined {
    return this.root.get(user)?.get(account)?.get(partition)?.get(qos);
  }

  set(user: string, account: string, partition: string, qos: string, value: V): void {
    let a = this.root.get(user);
    if (a === undefined) this.root.set(user, (a = new Map()));
    let p = a.get(account);
    if (p === undefined) a.set(account, (p = new Map()));
    let q = p.get(partition);
    if (q === undefined) p.set(partition, (q = new Map()));
    q.set(qos, value);
  }

  clear(): void {
    this.root.clear();
  }
}
