/**
 * The one place where the core's read-only views become the TUI's display model. When the core gains
 * fields (priority factors, partitions, node states, reservations, pods and steps), map them here and
 * the screen picks them up; until then the display model says "absent" (null, empty) and the screen
 * shows '-'.
 */
import type { ClusterSpec, JobView, SchedulerView } from '../../core/index.js';
import { compressNodeList } from './node-list.js';
import type { JobRow, NodeRow, NodeState, PartitionRow, PriorityInfo, QueueSnapshot } from './view-model.js';

/** Counters the core's view does not carry; the source supplies them. */
export interface SourceProgress {
  readonly finished: number;
  readonly rejected: number;
  readonly total: number | null;
  readonly events: number;
}

/** Builds a snapshot from the scheduler's view of a cluster. */
export function snapshotFromCore(view: SchedulerView, cluster: ClusterSpec, progress: SourceProgress): QueueSnapshot {
  const names = cluster.nodes.map((n) => n.name);
  const running = [...view.running].sort((a, b) => a.startTime - b.startTime || a.id - b.id);
  return {
    now: view.now,
    nodes: nodeRows(cluster, running),
    partitions: partitionRows(cluster),
    pending: view.pending.map((j) => jobRow(j, names)),
    running: running.map((j) => jobRow(j, names)),
    reservations: [], // the core has no reservations yet
    progress,
  };
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

/**
 * Node states derived from running jobs: a node is allocated when running jobs use all its CPUs,
 * mixed when they use some. Down, drained and reserved come with the core's node states.
 */
function nodeRows(cluster: ClusterSpec, running: readonly JobView[]): NodeRow[] {
  const used = new Array<number>(cluster.nodes.length).fill(0);
  for (const job of running) {
    const perNode = job.spec.request.perNode.cpuMilli;
    for (const n of job.nodes) used[n] = (used[n] ?? 0) + perNode;
  }
  const partitions = partitionsByNode(cluster);
  return cluster.nodes.map((node, i) => {
    const u = used[i] ?? 0;
    const state: NodeState = u === 0 ? 'idle' : u >= node.cpuMilli ? 'allocated' : 'mixed';
    return { name: node.name, state, partitions: partitions[i] ?? [], cpuUsedMilli: u, cpuTotalMilli: node.cpuMilli };
  });
}

/** The cluster's partitions (a node may be in several); nodes in none get a group of their own. */
function partitionRows(cluster: ClusterSpec): PartitionRow[] {
  const index = new Map(cluster.nodes.map((n, i) => [n.name, i]));
  const rows: PartitionRow[] = cluster.partitions.map((p) => ({
    name: p.name,
    nodes: p.nodes.map((name) => index.get(name)).filter((i): i is number => i !== undefined),
  }));
  const member = new Set(rows.flatMap((r) => r.nodes));
  const loose = cluster.nodes.map((_, i) => i).filter((i) => !member.has(i));
  if (loose.length > 0) rows.push({ name: '(no partition)', nodes: loose });
  return rows;
}

function partitionsByNode(cluster: ClusterSpec): string[][] {
  const index = new Map(cluster.nodes.map((n, i) => [n.name, i]));
  const out: string[][] = cluster.nodes.map(() => []);
  for (const p of cluster.partitions) for (const name of p.nodes) {
    const i = index.get(name);
    if (i !== undefined) out[i]!.push(p.name);
  }
  return out;
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
