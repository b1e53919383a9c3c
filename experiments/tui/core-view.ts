/**
 * The one place where the core's read-only views become the TUI's display model. Mapped today: jobs
 * with reasons, plans, priorities and factors; node states (idle nodes of an active reservation as
 * `reserved`), partitions and reservations; running jobs with steps unfold into their Pod (a
 * Container job's daemon step) and their steps with CraneSched's step states.
 */
import { formatHostlist } from '../../core/config/index.js';
import type { ClusterState, JobStepsView, JobView, NodeView, SchedulerView, StepRecord } from '../../core/index.js';
import { NodeNamer } from './node-list.js';
import type { JobRow, NodeRow, PartitionRow, PriorityInfo, QueueSnapshot, StepRow } from './view-model.js';

/** Counters the core's view does not carry; the source supplies them. */
export interface SourceProgress {
  readonly finished: number;
  readonly rejected: number;
  readonly total: number | null;
  readonly events: number;
}

/**
 * Maps one cluster's core views. The cluster's shape (node names, partitions) is read once; each
 * snapshot maps the scheduler's current view.
 */
export class CoreViewMapper {
  private readonly namer: NodeNamer;
  private readonly partitions: readonly PartitionRow[];

  constructor(cluster: ClusterState) {
    this.namer = new NodeNamer(cluster.names);
    this.partitions = partitionRows(cluster);
  }

  snapshot(view: SchedulerView, progress: SourceProgress): QueueSnapshot {
    const running = [...view.running].sort((a, b) => a.startTime - b.startTime || a.id - b.id);
    return {
      now: view.now,
      nodes: view.nodeStates.map(nodeRow),
      partitions: this.partitions,
      pending: view.pending.map((j) => this.jobRow(j)),
      running: running.map((j) => this.jobRow(j, view.jobSteps.get(j.id))),
      reservations: view.reservations.map((r) => ({ name: r.name, start: r.start, end: r.end, nodes: formatHostlist(r.nodes) })),
      progress,
    };
  }

  /** A host list (`n[0-3,7]`) for node indices. */
  nodeList(nodes: readonly number[]): string {
    return this.namer.list(nodes);
  }

  /** One job as a table row; with its steps view, a job with steps shows its Pod and steps. */
  jobRow(job: JobView, steps?: JobStepsView): JobRow {
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
      nodeList: job.nodes.length === 0 ? '' : this.namer.list(job.nodes),
      pod: steps === undefined || spec.pod === undefined ? null : steps.daemon,
      steps: steps === undefined ? [] : steps.steps.map((s) => this.stepRow(spec.externalId, s)),
    };
  }

  private stepRow(job: string, s: StepRecord): StepRow {
    const p = s.payload;
    const name = p.kind === 'container' ? p.container.image : p.kind === 'process' ? 'crun' : p.kind;
    return { id: `${job}.${s.id}`, name, state: s.status, nodes: s.nodes.length === 0 ? '' : this.namer.list(s.nodes) };
  }
}

/** The core's node states are the grid's; an idle node of an active reservation shows as `reserved`. */
function nodeRow(n: NodeView): NodeRow {
  return { name: n.name, state: n.reserved && n.state === 'idle' ? 'reserved' : n.state, partitions: n.partitions, cpuUsedMilli: n.allocCpuMilli, cpuTotalMilli: n.cpuMilli };
}

/** The cluster's partitions (a node may be in several); nodes in none get a group of their own. */
function partitionRows(cluster: ClusterState): PartitionRow[] {
  const rows: PartitionRow[] = cluster.partitions.map((p) => ({ name: p.name, nodes: p.nodes }));
  const member = new Set(rows.flatMap((r) => r.nodes));
  const loose = cluster.names.map((_, i) => i).filter((i) => !member.has(i));
  if (loose.length > 0) rows.push({ name: '(no partition)', nodes: loose });
  return rows;
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
