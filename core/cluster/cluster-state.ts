import type { ClusterSpec } from '../model/cluster.js';
import { fits, ResourceLayout, type NodeRequest } from '../model/resources.js';

/** A node's control state as the scheduler sees it (CraneSched: alive or dead; drained or not). */
export type NodeState = 'up' | 'down' | 'drained';

export interface PartitionState {
  readonly name: string;
  readonly index: number;
  /** Node indices, ascending. */
  readonly nodes: readonly number[];
  readonly priority: number;
  /** Who may submit (`AllowedAccounts` / `DeniedAccounts`); changed only by `setAcl`. */
  acl: ClusterSpec['partitions'][number]['acl'];
  /** Sum of the partition's node capacities (dead nodes included), for submit-time feasibility. */
  readonly total: Float64Array;
}

/**
 * The cluster's static shape (nodes, capacities as vectors, partitions) and its dynamic node
 * states. Allocations live with the jobs; planners rebuild what they need from running jobs.
 */
export class ClusterState {
  readonly layout: ResourceLayout;
  readonly names: readonly string[];
  readonly capacity: readonly Float64Array[];
  /** Per node, its CPUs (milli-CPUs, capacity dimension 0). */
  readonly cpus: Float64Array;
  private readonly nodeStates: NodeState[];
  /** Bumped by every node state change: what depends on states alone can be kept until it moves. */
  stateVersion = 0;
  readonly partitions: readonly PartitionState[];
  private readonly nodeByName = new Map<string, number>();
  private readonly partitionByName = new Map<string, PartitionState>();
  private readonly fitting = new Map<string, number>();

  constructor(readonly spec: ClusterSpec) {
    this.layout = new ResourceLayout(spec.nodes.map((n) => n.gres));
    this.names = spec.nodes.map((n) => n.name);
    this.capacity = spec.nodes.map((n) => this.layout.capacity(n.cpuMilli, n.memMiB, n.gres));
    this.cpus = Float64Array.from(this.capacity, (c) => c[0]!);
    this.nodeStates = spec.nodes.map(() => 'up');
    spec.nodes.forEach((n, i) => this.nodeByName.set(n.name, i));
    this.partitions = spec.partitions.map((p, index) => {
      const nodes = p.nodes.map((name) => {
        const i = this.nodeByName.get(name);
        if (i === undefined) throw new Error(`partition ${p.name} names unknown node ${name}`);
        return i;
      }).sort((a, b) => a - b);
      const total = new Float64Array(this.layout.dims);
      for (const i of nodes) for (let d = 0; d < total.length; d++) total[d]! += this.capacity[i]![d]!;
      return { name: p.name, index, nodes, priority: p.priority, acl: p.acl, total };
    });
    for (const p of this.partitions) this.partitionByName.set(p.name, p);
  }

  /** Node states; changed only by `setState`. */
  get states(): readonly NodeState[] {
    return this.nodeStates;
  }

  get size(): number {
    return this.names.length;
  }

  node(name: string): number | undefined {
    return this.nodeByName.get(name);
  }

  /** `ccontrol update partitionName=P accounts=…`: the partition's ACL from now on; false for an unknown partition. */
  setAcl(partition: string, acl: PartitionState['acl']): boolean {
    const p = this.partitionByName.get(partition);
    if (p === undefined) return false;
    p.acl = acl;
    return true;
  }

  partition(name: string): PartitionState | undefined {
    return this.partitionByName.get(name);
  }

  /**
   * How many of a partition's nodes could hold `need` on their capacity (node states aside),
   * cached by request shape: admission asks this for every job.
   */
  nodesFitting(partition: PartitionState, need: NodeRequest): number {
    const key = `${partition.index}|${need.vec.join(',')}|${need.untyped.map((u) => `${u.dims.join('+')}:${u.count}`).join(',')}`;
    let n = this.fitting.get(key);
    if (n === undefined) {
      n = partition.nodes.filter((i) => fits(this.capacity[i]!, 0, need, this.layout.dims)).length;
      this.fitting.set(key, n);
    }
    return n;
  }

  /** Whether the node takes new work. */
  schedulable(node: number): boolean {
    return this.nodeStates[node] === 'up';
  }

  /** A node state change (craned lost or back, drain, resume). */
  setState(node: number, state: NodeState): void {
    if (this.nodeStates[node] === state) return;
    this.nodeStates[node] = state;
    this.stateVersion++;
  }
}
