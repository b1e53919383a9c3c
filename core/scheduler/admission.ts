import type { ClusterState, PartitionState } from '../cluster/cluster-state.js';
import type { QosConfig } from '../config/qos.js';
import type { JobSpec, LimitReason } from '../model/job.js';
import type { AccountsCommand, AdminResult, RejectCode } from '../model/messages.js';
import { fits, type NodeRequest } from '../model/resources.js';
import type { Millis } from '../model/time.js';
import type { JobRecord } from './job-record.js';

/**
 * Extension point `admission`: accounts, associations and QoS (core/accounts implements it).
 * `check` runs CraneSched's submit-time resolution and checks (§4.3 steps 1-7, §4.4 table 1) and
 * names the QoS; the counters follow a job's life; `runLimit` is the scheduling-time check over the
 * user and the whole account chain (§4.4 table 2). Must be deterministic.
 */
export interface AdmissionPolicy {
  /** `need`: the per-node request as a resource vector, undefined when no node has its GRES (rejected after these checks). */
  check(spec: JobSpec, partition: PartitionState, need: NodeRequest | undefined): AdmissionCheck;
  submitted(job: JobRecord): void;
  started(job: JobRecord): void;
  ended(job: JobRecord): void;
  runLimit(job: JobRecord, running: readonly JobRecord[]): LimitReason | null;
  /** A QoS by name, for QoS preemption (its `Preempt` list, `PreemptMode` and priority). */
  qosConfig?(name: string): QosConfig | undefined;
  /** A `cacctmgr` change (QoS, account, user), or why not; none means such commands are refused. */
  modify?(command: AccountsCommand): AdminResult;
}

export type AdmissionCheck =
  | { readonly ok: true; readonly qos: string; readonly timeLimit: Millis }
  | { readonly ok: false; readonly code: RejectCode; readonly message: string };

export type Admitted =
  | { readonly ok: true; readonly value: { readonly partition: number; readonly qos: string; readonly limit: Millis; readonly need: NodeRequest } }
  | { readonly ok: false; readonly code: RejectCode; readonly message: string };

const reject = (code: RejectCode, message: string): Admitted => ({ ok: false, code, message });

/**
 * Submit-time checks, in CraneSched's order: the partition, the accounts policy (user, account,
 * association, blocks, partition ACL, QoS and its limits), then validity of time and resources
 * (§4.1: node count within the partition, the total within the partition's total, N nodes that
 * each fit). Without an accounts policy, the partition ACL is still checked against the job's
 * account and the time limit must be given.
 */
export function admit(spec: JobSpec, cluster: ClusterState, admission: AdmissionPolicy | undefined, pending: number, shapes?: RequestShapes): Admitted {
  const id = spec.externalId;
  if (cluster.spec.rejectJobsBeyondCapacity && pending >= cluster.spec.pendingQueueMaxSize) {
    return reject('ERR_PENDING_QUEUE_FULL', `job ${id}: the pending queue is full (${cluster.spec.pendingQueueMaxSize} jobs)`);
  }
  const partitionName = spec.partition === '' ? cluster.spec.defaultPartition : spec.partition;
  const partition = partitionName === null ? undefined : cluster.partition(partitionName);
  if (partition === undefined) {
    return reject('ERR_INVALID_PARTITION', `job ${id}: unknown partition '${spec.partition || '(default)'}'; partitions: ${cluster.partitions.map((p) => p.name).join(', ')}`);
  }
  // The request as a vector: shared by every job of its shape; checked after the accounts policy.
  const { nodeCount, perNode, includeNodes, excludeNodes } = spec.request;
  const shape = shapes !== undefined && (perNode.gres === undefined || perNode.gres.length === 0) ? shapes.plain(cluster, perNode.cpuMilli, perNode.memMiB) : undefined;
  const need = shape !== undefined ? shape.need : cluster.layout.request(perNode.cpuMilli, perNode.memMiB, perNode.gres ?? []);
  let qos = spec.qos;
  let limit = spec.timeLimit;
  if (admission !== undefined) {
    const checked = admission.check(spec, partition, need);
    if (!checked.ok) return checked;
    qos = checked.qos;
    limit = checked.timeLimit;
  } else {
    const acl = partition.acl;
    if (acl.kind === 'allow' && !acl.accounts.includes(spec.account)) {
      return reject('ERR_NOT_IN_ALLOWED_LIST', `job ${id}: account '${spec.account}' is not allowed in partition ${partition.name}`);
    }
    if (acl.kind === 'deny' && acl.accounts.includes(spec.account)) {
      return reject('ERR_IN_DENIED_LIST', `job ${id}: account '${spec.account}' is denied in partition ${partition.name}`);
    }
  }
  if (limit === undefined || !(limit > 0)) {
    return reject('ERR_INVALID_PARAM', `job ${id}: time limit must be positive, got ${limit === undefined ? 'none (and no QoS maximum to default to)' : `${limit} ms`}`);
  }
  if (!Number.isInteger(nodeCount) || nodeCount < 1) return reject('ERR_INVALID_PARAM', `job ${id}: node count must be a positive integer, got ${nodeCount}`);
  if (!(perNode.cpuMilli >= 0) || !(perNode.memMiB >= 0)) return reject('ERR_INVALID_PARAM', `job ${id}: CPU and memory per node must not be negative`);
  if (includeNodes !== undefined || excludeNodes !== undefined) {
    for (const name of [...(includeNodes ?? []), ...(excludeNodes ?? [])]) {
      if (cluster.node(name) === undefined) return reject('ERR_INVALID_PARAM', `job ${id}: unknown node ${name} in the node list`);
    }
  }
  if (need === undefined) {
    const gres = (perNode.gres ?? []).map((g) => `${g.name}${g.type === null ? '' : `:${g.type}`}:${g.count}`).join(',');
    return reject('ERR_NO_ENOUGH_NODE', `job ${id}: no node has GRES ${gres}`);
  }
  if (nodeCount > partition.nodes.length) {
    return reject('ERR_NO_ENOUGH_NODE', `job ${id}: asks ${nodeCount} nodes; partition ${partition.name} has ${partition.nodes.length}`);
  }
  const D = cluster.layout.dims;
  for (let d = 0; d < D; d++) {
    if (need.vec[d]! * nodeCount > partition.total[d]!) {
      return reject('ERR_NO_RESOURCE', `job ${id}: asks ${need.vec[d]! * nodeCount} ${cluster.layout.labels[d]} in all; partition ${partition.name} has ${partition.total[d]}`);
    }
  }
  const fitting =
    includeNodes === undefined && excludeNodes === undefined
      ? (shape?.fittingIn(partition, cluster) ?? cluster.nodesFitting(partition, need))
      : partition.nodes.filter((n) => {
          const name = cluster.names[n]!;
          if (includeNodes !== undefined && !includeNodes.includes(name)) return false;
          if (excludeNodes?.includes(name) === true) return false;
          return fits(cluster.capacity[n]!, 0, need, D);
        }).length;
  if (fitting < nodeCount) {
    return reject(
      'ERR_NO_ENOUGH_NODE',
      `job ${id}: asks ${nodeCount} nodes with ${perNode.cpuMilli / 1000} CPU and ${perNode.memMiB} MiB each; ${fitting} nodes of partition ${partition.name} can hold that`,
    );
  }
  return { ok: true, value: { partition: partition.index, qos, limit, need } };
}

/**
 * Per-node requests without GRES, by (CPU, memory): a trace of a million jobs has a handful of
 * shapes, so each job shares its shape's resource vector (read-only) and fitting node count
 * instead of building them at every submission.
 */
export class RequestShapes {
  private readonly byCpu = new Map<number, Map<number, RequestShape>>();

  plain(cluster: ClusterState, cpuMilli: number, memMiB: number): RequestShape {
    let byMem = this.byCpu.get(cpuMilli);
    if (byMem === undefined) {
      byMem = new Map();
      this.byCpu.set(cpuMilli, byMem);
    }
    let shape = byMem.get(memMiB);
    if (shape === undefined) {
      shape = new RequestShape(cluster.layout.request(cpuMilli, memMiB, [])!);
      byMem.set(memMiB, shape);
    }
    return shape;
  }
}

class RequestShape {
  /** Fitting node count per partition index (computed on first use). */
  private readonly fitting: number[] = [];

  constructor(readonly need: NodeRequest) {}

  fittingIn(partition: PartitionState, cluster: ClusterState): number {
    return (this.fitting[partition.index] ??= cluster.nodesFitting(partition, this.need));
  }
}
