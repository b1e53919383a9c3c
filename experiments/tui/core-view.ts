/**
 * The one place where the core's read-only views become the TUI's display model. When the core gains
 * fields (priority factors, partitions, node states, reservations, pods and steps), map them here and
 * the screen picks them up; until then the display model says "absent" (null, empty) and the screen
 * shows '-'.
 */
import type { ClusterState, JobView, NodeView, SchedulerView } from '../../core/index.js';
import { compressNodeList } from './node-list.js';
import type { JobRow, NodeRow, PartitionRow, PriorityInfo, QueueSnapshot } from './view-model.js';

/** Counters the core's view does not carry; the source supplies them. */
export interface SourceProgress {
  readonly finished: number;
  readonly rejected: number;
  readonly total: number | null;
  readonly events: number;
}

/** Builds a snapshot from the scheduler's view and its cluster's shape. */
export function snapshotFromCore(view: SchedulerView, cluster: ClusterState, progress: SourceProgress): QueueSnapshot {
  const names = cluster.names;
  const running = [...view.running].sort((a, b) => a.startTime - b.startTime || a.id - b.id);
  return {
    now: view.now,
    nodes: view.nodeStates.map(nodeRow),
    partitions: partitionRows(cluster),
    pending: view.pending.map((j) => jobRow(j, names)),
    running: running.map((j) => jobRow(j, names)),
    reservations: [], // the core's view carries no reservations yet
    progress,
  };
}

/** The core's node states are the grid's, but `reserved` (idle, held for a reservation) is not reported yet. */
function nodeRow(n: NodeView): NodeRow {
  return { name: n.name, state: n.state, partitions: n.partitions, cpuUsedMilli: n.allocCpuMilli, cpuTotalMilli: n.cpuMilli };
}

/** The cluster's partitions (a node may be in several); nodes in none get a group of their own. */
function partitionRows(cluster: ClusterState): PartitionRow[] {
  const rows: PartitionRow[] = cluster.partitions.map((p) => ({ name: p.name, nodes: p.nodes }));
  const member = new Set(rows.flatMap((r) => r.nodes));
  const loose = cluster.names.map((_, i) => i).filter((i) => !member.has(i));
  if (loose.length > 0) rows.push({ name: '(no partition)', nodes: loose });
  return rows;
}

/** One job as a table row. `nodeNames` maps node indices to names. */
export function jobRow(job: JobView, nodeNames: readonly string[]): JobRow {
  const { spec } = job;
  const started = job.state !== 'Pending' && Number.isFinite(job.startTime);
  return {
    id: spec.externalId,
    user: spec.user,
    account: spec.account,
    partition: spec.partition,
    qos: spec.qos,
    state: job.state,
    nodeCount: spec.request.nodeCount,
    cpusMilli: spec.request.nodeCount * spec.request.perNode.cpuMilli,
    memMiB: spec.request.nodeCount * spec.request.perNode.memMiB,
    timeLimit: job.timeLimit,
    submitTime: job.submitTime,
    expectedStart: job.state === 'Pending' && Number.isFinite(job.plannedStart) ? job.plannedStart : null,
    startTime: started ? job.startTime : null,
    pendingReason: job.pendingReason,
    priority: priorityOf(job),
    nodeList: compressNodeList(job.nodes.map((n) => nodeNames[n] ?? `#${n}`)),
    pod: null, // container jobs arrive with the Pod work
    steps: [],
  };
}

/** The priority of the last cycle, with its normalized factors under multifactor (`sprio`). */
function priorityOf(job: JobView): PriorityInfo {
  const f = job.priorityFactors;
  if (f === null) return { value: job.priority, factors: [] };
  return {
    value: job.priority,
    factors: [
      { name: 'age', value: f.age },
      { name: 'fairshare', value: f.fairShare },
      { name: 'jobsize', value: f.jobSize },
      { name: 'partition', value: f.partition },
      { name: 'qos', value: f.qos },
    ],
  };
}
