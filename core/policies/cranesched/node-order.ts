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
  private order: number[] = [];

  constructor(
    size: number,
    private readonly selection: NodeSelection,
  ) {
    this.cost = new Float64Array(size);
  }

  /** Start a cycle: costs from scratch, every node in `nodes` ordered. */
  reset(nodes: Iterable<number>, costOf: (node: number) => number): void {
    this.order = [...nodes];
    for (const n of this.order) this.cost[n] = costOf(n);
    this.order.sort((a, b) => this.compare(a, b));
  }

  /** Nodes, cheapest first. Do not keep the array across `add`. */
  get nodes(): readonly number[] {
    return this.order;
  }

  /** Add load to a node and move it to its new place. */
  add(node: number, load: number): void {
    const i = this.order.indexOf(node);
    if (i < 0) return;
    this.order.splice(i, 1);
    this.cost[node]! += load;
    let a = 0;
    let b = this.order.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (this.compare(this.order[m]!, node) < 0) a = m + 1;
      else b = m;
    }
    this.order.splice(a, 0, node);
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
