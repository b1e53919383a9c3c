import type { ClusterConfig, PartitionConfig } from '../../core/config/index.js';
import { assertNever, defaultNames, MIN_TIME_LIMIT, type AccountsDirectory, type JobSpec, type ResourceRequest } from '../../core/index.js';
import type { SimJob } from '../../runtime-sim/index.js';
import type { JobRequest, ScenarioJob } from '../../traces/scenario/index.js';

/**
 * What a trace's time limit below CraneSched's 11 s minimum becomes. `raise`: 11 s (a real user
 * could not have asked for less; SWF's "bad rows" get a 1 s limit from the replay's import rules);
 * `keep`: as it is, so that CraneSched rejects the job with `ERR_TIME_TIMIT_BEYOND`.
 */
export type ShortLimits = 'raise' | 'keep';

export interface SpecContext {
  readonly cluster: ClusterConfig;
  readonly directory: AccountsDirectory;
  readonly shortLimits: ShortLimits;
  /** Submit jobs without their `-r` (reservations are not in the core yet). */
  readonly dropReservations: boolean;
}

export interface MappedJob {
  readonly sim: SimJob;
  /** Its time limit was raised to 11 s. */
  readonly raised: boolean;
  /** Its `-r` was dropped. */
  readonly reservationDropped: boolean;
}

/**
 * A scenario job as the simulator submits it (CraneSched's `cbatch` resolved at the edge):
 * - names: the account, partition and QoS a job leaves out are filled in as CraneSched would
 *   (`defaultNames`), so that fair share groups by the real account and jobs.csv shows them; the
 *   admission check resolves again and rejects what does not hold;
 * - tasks are folded into a per-node request (`perNodeRequest`);
 * - a time limit under 11 s is raised or kept (`ShortLimits`); none means the QoS maximum.
 */
export function toSimJob(job: ScenarioJob, ctx: SpecContext): MappedJob {
  const mapper = new SimJobMapper(ctx);
  const sim = mapper.map(job);
  return { sim, raised: mapper.raised, reservationDropped: mapper.reservationDropped };
}

type Names = ReturnType<typeof defaultNames> & { readonly config: PartitionConfig | undefined };

/** Combinations of names kept per user (more are resolved afresh each time). */
const MAX_ASKED = 32;

/**
 * `toSimJob` for a whole workload: what depends on a job's names or request alone is kept (the
 * resolved names by user, account, partition and QoS; the per-node request by scenario request
 * and partition, shared between jobs and never mutated), so a trace's job costs a few look-ups.
 * `raised` and `reservationDropped` describe the job mapped last.
 */
export class SimJobMapper {
  raised = false;
  reservationDropped = false;
  private readonly names = new Map<string, { readonly account: string; readonly partition: string; readonly qos: string; readonly names: Names }[]>();
  private readonly requests = new Map<PartitionConfig | undefined, Map<JobRequest, ResourceRequest>>();

  constructor(private readonly ctx: SpecContext) {}

  map(job: ScenarioJob): SimJob {
    const ctx = this.ctx;
    const names = this.namesOf(job.user, job.account ?? '', job.partition ?? '', job.qos ?? '');
    let timeLimit = job.timeLimit ?? undefined;
    const raised = ctx.shortLimits === 'raise' && timeLimit !== undefined && timeLimit < MIN_TIME_LIMIT;
    if (raised) timeLimit = MIN_TIME_LIMIT;
    const reservationDropped = job.reservation !== null && ctx.dropReservations;
    this.raised = raised;
    this.reservationDropped = reservationDropped;
    const plain = !job.exclusive && job.nodeList.length === 0 && job.excludeList.length === 0;
    const request = plain ? this.perNode(job.request, names.config) : placedRequest(job, names.config);
    // The optional keys in this order (as jobs.csv and summaries have always seen them); a trace
    // job has a time limit and nothing else.
    const spec: { -readonly [K in keyof JobSpec]: JobSpec[K] } =
      timeLimit === undefined
        ? { externalId: job.id, user: job.user, account: names.account, partition: names.partition, qos: names.qos, request }
        : { externalId: job.id, user: job.user, account: names.account, partition: names.partition, qos: names.qos, request, timeLimit };
    if (job.hold) spec.hold = true;
    if (job.beginTime !== null) spec.beginTime = job.beginTime;
    if (job.deadline !== null) spec.deadline = job.deadline;
    if (job.dependency !== null) spec.dependencies = job.dependency;
    if (job.reservation !== null && !reservationDropped) spec.reservation = job.reservation;
    if (job.requeue !== null) spec.requeue = job.requeue;
    return { spec, submitTime: job.submitTime, runtime: job.runtime, outcome: job.outcome, exitCode: job.exitCode };
  }

  /**
   * The names a job is submitted with, and the configuration of its partition: by user, the few
   * combinations of account, partition and QoS it asks for, searched in order (one map look-up
   * a job, not four).
   */
  private namesOf(user: string, account: string, partition: string, qos: string): Names {
    let asked = this.names.get(user);
    if (asked === undefined) this.names.set(user, (asked = []));
    for (let i = 0; i < asked.length; i++) {
      const a = asked[i]!;
      if (a.account === account && a.partition === partition && a.qos === qos) return a.names;
    }
    const names = this.resolveNames(user, account, partition, qos);
    if (asked.length < MAX_ASKED) asked.push({ account, partition, qos, names });
    return names;
  }

  // A combination asked for the first time. Out of `namesOf`, as `placedRequest` is out of `map`:
  // the closure below, in `namesOf`, made V8 allocate a context at every call (every job), and
  // what few jobs need only made the per-job methods longer to compile.
  private resolveNames(user: string, account: string, partition: string, qos: string): Names {
    const resolved = defaultNames(this.ctx.directory, { user, account, partition, qos }, this.ctx.cluster.defaultPartition);
    return { ...resolved, config: this.ctx.cluster.partitions.find((p) => p.name === resolved.partition) };
  }

  private perNode(r: JobRequest, partition: PartitionConfig | undefined): ResourceRequest {
    let byRequest = this.requests.get(partition);
    if (byRequest === undefined) this.requests.set(partition, (byRequest = new Map()));
    let request = byRequest.get(r);
    if (request === undefined) byRequest.set(r, (request = perNodeRequest(r, partition)));
    return request;
  }
}

/** The request of a job that asks for whole nodes or names nodes (`--exclusive`, `-w`, `-x`): its own, not shared. */
function placedRequest(job: ScenarioJob, partition: PartitionConfig | undefined): ResourceRequest {
  return {
    ...perNodeRequest(job.request, partition),
    ...(job.exclusive ? { exclusive: true } : {}),
    ...(job.nodeList.length > 0 ? { includeNodes: job.nodeList } : {}),
    ...(job.excludeList.length > 0 ? { excludeNodes: job.excludeList } : {}),
  };
}

/**
 * CraneSched's request (node part + task part x tasks on the node) as one per-node request, with
 * the partition's memory rules (`AcquireJobAttributes`):
 * - tasks per node: ceil(ntasks / nodes), the most any node gets with an even spread (an uneven
 *   layout such as 5 tasks on 2 nodes asks 3 on both);
 * - CPUs per node: tasks per node x cpus-per-task;
 * - memory: `--mem` per node, clamped to `MaxMemPerNode`; `--mem-per-cpu` clamped to
 *   `MaxMemPerCpu`, times the node's CPUs; neither: `DefaultMemPerNode` (clamped like `--mem`)
 *   or else `DefaultMemPerCpu` (or the partition's memory per CPU when neither default is set).
 *   MiB, rounded up. CraneSched's other use of the maxima (raising the tasks per node so that
 *   `--mem` per CPU stays under `MaxMemPerCpu`) is not modelled;
 * - GRES per node as asked.
 * An unknown partition gives no memory (admission rejects the job anyway).
 */
export function perNodeRequest(r: JobRequest, partition: PartitionConfig | undefined): Pick<ResourceRequest, 'nodeCount' | 'perNode'> {
  const tasks = Math.ceil(r.ntasks / r.nodeCount);
  const cpuMilli = tasks * r.cpusPerTaskMilli;
  const mem = partition?.memory;
  const perNode = (mib: number): number => (mem !== undefined && mem.maxPerNodeMiB > 0 ? Math.min(mib, mem.maxPerNodeMiB) : mib);
  const perCpu = (mib: number): number => Math.ceil(((mem !== undefined && mem.maxPerCpuMiB > 0 ? Math.min(mib, mem.maxPerCpuMiB) : mib) * cpuMilli) / 1000);
  let memMiB = 0;
  switch (r.memory.kind) {
    case 'per-node':
      memMiB = perNode(r.memory.mib);
      break;
    case 'per-cpu':
      memMiB = perCpu(r.memory.mib);
      break;
    case 'partition-default':
      if (mem === undefined) memMiB = 0;
      else if (mem.defaultFrom === 'DefaultMemPerNode') memMiB = perNode(mem.defaultPerNodeMiB);
      else memMiB = perCpu(mem.defaultPerCpuMiB);
      break;
    default:
      assertNever(r.memory, 'memory request');
  }
  return {
    nodeCount: r.nodeCount,
    perNode: { cpuMilli, memMiB, ...(r.gresPerNode.length > 0 ? { gres: r.gresPerNode } : {}) },
  };
}
