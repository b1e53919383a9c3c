/**
 * Extension point `node selection`: the order in which a planner tries nodes, kept sorted as
 * costs change within a cycle. CraneSched's `MinCpuTimeRatioFirst` puts the least-loaded node
 * first, where a node's load is the sum over its allocations of remaining seconds x (allocated
 * CPUs / node CPUs); `pack` puts the most-loaded first (best fit, to keep whole nodes free).
 * Ties go to the lower node index, so the order is total.
 */
export type NodeSelection = 'least-loaded' | 'pack';

export class NodeOrder {
  private readonly cost: Float64Array;
  private readonly mark: Uint8Array;
  private readonly changed: number[] = [];
  private order: number[] = [];

  constructor(
    size: number,
    private readonly selection: NodeSelection,
  ) {
    this.cost = new Float64Array(size);
    this.mark = new Uint8Array(size);
  }

  /** Start a cycle: costs from scratch, every node in `nodes` ordered. */
  reset(nodes: Iterable<number>, costOf: (node: number) => number): void {
    this.order = [...nodes];
    for (const n of this.order) this.cost[n] = costOf(n);
    this.order.sort((a, b) => this.compare(a, b));
  }

  /** Nodes, cheapest first. `addMany` reorders this same array in place. */
  get nodes(): readonly number[] {
    return this.order;
  }

  /**
   * Add load to several nodes (one job's placement) and restore the order: the moved nodes are
   * taken out, sorted among themselves, and merged back, O(n + k log k).
   */
  addMany(nodes: readonly number[], loads: readonly number[]): void {
    const moved = this.mark;
    const cost = this.cost;
    for (let k = 0; k < nodes.length; k++) {
      const node = nodes[k]!;
      if (moved[node] === 0) this.changed.push(node);
      cost[node]! += loads[k]!;
      moved[node] = 1;
    }
    // Compact the unmoved nodes to the front (still sorted), then merge the moved ones back in from the end.
    const order = this.order;
    let w = 0;
    for (let r = 0; r < order.length; r++) {
      const n = order[r]!;
      if (moved[n] === 0) order[w++] = n;
    }
    const changed = this.changed.sort((a, b) => this.compare(a, b));
    let i = w - 1;
    let j = changed.length - 1;
    for (let out = order.length - 1; j >= 0; out--) {
      if (i >= 0 && this.compare(order[i]!, changed[j]!) > 0) order[out] = order[i--]!;
      else order[out] = changed[j--]!;
    }
    for (const n of changed) moved[n] = 0;
    changed.length = 0;
  }

  costOf(node: number): number {
    return this.cost[node]!;
  }

  private compare(a: number, b: number): number {
    const ca = this.cost[a]!;
    const cb = this.cost[b]!;
    if (ca !== cb) return this.selection === 'least-loaded' ? ca - cb : cb - ca;
    return a - b;
  }
}
