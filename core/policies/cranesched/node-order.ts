/**
 * Extension point `node selection`: the order in which a planner tries nodes, kept sorted as
 * costs change within a cycle. CraneSched's `MinCpuTimeRatioFirst` puts the least-loaded node
 * first, where a node's load is the sum over its allocations of remaining seconds x (allocated
 * CPUs / node CPUs); `pack` puts the most-loaded first (best fit, to keep whole nodes free).
 * Ties go to the lower node index, so the order is total (and the sorted order unique).
 */
export type NodeSelection = 'least-loaded' | 'pack';

/** Moves per node an insertion sort in `reset` may make before it gives up for a full sort. */
const INSERTION_MOVES = 8;

/** Below this many moved nodes per node in the order, `addMany` moves them one by one. */
const FEW = 1 / 32;

/** Up to this many movers, `resetMoving` sorts them by insertion and merges them in; past it, it sorts afresh. */
const MOVERS_BY_INSERTION = 64;

/** Past this many places a node moves with `copyWithin` (below, a builtin call costs more than a loop). */
const SHORT_MOVE = 24;

/** About the comparisons of a binary search in an order (below this many nodes each, `addMany` searches rather than merges). */
const SEARCH_STEPS = 8;

export class NodeOrder {
  private readonly cost: Float64Array;
  private readonly mark: Uint8Array;
  private readonly changed: Int32Array;
  private readonly sign: number;
  private order: Int32Array;
  /**
   * The node list the last `reset` got: callers pass the same list until the nodes change (a
   * caller that edits a list in place must pass a new one).
   */
  private lastNodes: readonly number[] | undefined;
  /** The order as the last `reset` left it, before the cycle's placements moved nodes. */
  private readonly start: Int32Array;
  private length = 0;
  private view: Int32Array;
  // Scratch for `reset`.
  private readonly keys: Float64Array;
  private readonly taken: Int32Array;
  // The order and costs `save` kept.
  private savedOrder = new Int32Array(0);
  private savedCost = new Float64Array(0);

  constructor(size: number, selection: NodeSelection) {
    this.cost = new Float64Array(size);
    this.mark = new Uint8Array(size);
    this.changed = new Int32Array(size);
    this.order = new Int32Array(size);
    this.start = new Int32Array(size);
    this.keys = new Float64Array(size);
    this.taken = new Int32Array(size);
    this.view = this.order.subarray(0, 0);
    this.sign = selection === 'least-loaded' ? 1 : -1;
  }

  /**
   * Start a cycle: costs from scratch (`costs[node]`), every node in `nodes` (ascending) ordered. When the nodes
   * are those of the last cycle, the order the last cycle started from is sorted again by
   * insertion: costs of running work move little between cycles (the placements of a cycle are
   * not in it), so it is nearly sorted (past a budget of moves it gives up). Otherwise sorted
   * without a comparator: the keys are sorted natively, then each node, in index order, takes the
   * next free place among the equal keys. Either way ties go to the lower index, so the order is
   * the same.
   */
  reset(nodes: readonly number[], costs: Float64Array): void {
    const cost = this.cost;
    const n = nodes.length;
    const same = this.sameNodes(nodes);
    this.lastNodes = nodes;
    if (same) {
      if (costs !== cost) for (let i = 0; i < n; i++) cost[nodes[i]!] = costs[nodes[i]!]!;
      copyPrefix(this.order, this.start, n);
      if (this.insertionSort(this.order, n, INSERTION_MOVES * n)) {
        copyPrefix(this.start, this.order, n);
        return;
      }
    }
    const keys = this.keys.subarray(0, n);
    const sign = this.sign;
    for (let i = 0; i < n; i++) {
      const node = nodes[i]!;
      if (i > 0 && node <= nodes[i - 1]!) throw new Error('NodeOrder.reset: nodes must be ascending');
      keys[i] = sign * (cost[node] = costs[node]!); // (a no-op copy when costs is `costs`)
    }
    keys.sort();
    const taken = this.taken;
    taken.fill(0, 0, n);
    const order = this.order;
    for (let i = 0; i < n; i++) {
      const node = nodes[i]!;
      const key = sign * cost[node]!;
      let a = 0;
      let b = n;
      while (a < b) {
        const m = (a + b) >>> 1;
        if (keys[m]! < key) a = m + 1;
        else b = m;
      }
      order[a + taken[a]!++] = node;
    }
    if (this.length !== n) this.view = this.order.subarray(0, n);
    this.length = n;
    copyPrefix(this.start, this.order, n);
  }

  /**
   * `reset` when the caller knows which nodes' costs changed other than by time passing (the
   * first `moverCount` of `movers`; null: any). The other nodes keep their order from the last
   * reset if that is still sorted (checked; else a full reset), and the movers, sorted, are merged
   * in: the same order `reset` gives, since the order is total.
   */
  resetMoving(nodes: readonly number[], costs: Float64Array, movers: readonly number[] | null, moverCount = movers?.length ?? 0): void {
    if (movers === null || !this.sameNodes(nodes)) {
      this.reset(nodes, costs);
      return;
    }
    this.lastNodes = nodes;
    const { cost, mark: moved, changed, order, start, sign } = this;
    const n = nodes.length;
    if (costs !== cost) for (let i = 0; i < n; i++) cost[nodes[i]!] = costs[nodes[i]!]!;
    for (let k = 0; k < moverCount; k++) moved[movers[k]!] = 1;
    // The others, in their last order, checked to be still in order as they are collected; the
    // movers collected (only those ordered). (The comparisons of `before`, inlined in the loops:
    // this runs every pass.)
    let w = 0;
    let m = 0;
    let inOrder = true;
    let a = -1;
    let ca = 0;
    for (let r = 0; r < n; r++) {
      const node = start[r]!;
      if (moved[node] !== 0) {
        changed[m++] = node;
        continue;
      }
      const cb = cost[node]!;
      if (w > 0 && !(ca !== cb ? sign * (ca - cb) < 0 : a < node)) inOrder = false;
      order[w++] = node;
      a = node;
      ca = cb;
    }
    for (let k = 0; k < moverCount; k++) moved[movers[k]!] = 0;
    if (!inOrder) {
      this.reset(nodes, costs);
      return;
    }
    // Movers sorted by insertion (they come in their last order, often still nearly sorted),
    // then merged in from the end; when most nodes moved, a reset sorts them all natively.
    if (m > MOVERS_BY_INSERTION) {
      this.reset(nodes, costs);
      return;
    }
    this.insertionSort(changed, m, Infinity);
    this.mergeFromEnd(w, m);
    copyPrefix(this.start, this.order, n);
  }

  /** Whether `nodes` (ascending) are exactly the nodes ordered now (at once when it is the list the last reset got). */
  private sameNodes(nodes: readonly number[]): boolean {
    const n = nodes.length;
    if (n !== this.length || n === 0) return false;
    if (nodes === this.lastNodes) return true;
    const mark = this.mark;
    for (let i = 0; i < n; i++) mark[this.order[i]!] = 1;
    let same = true;
    for (let i = 0; i < n && same; i++) same = mark[nodes[i]!] === 1;
    for (let i = 0; i < n; i++) mark[this.order[i]!] = 0;
    return same;
  }

  /**
   * Sorts `list[0..count)` into the order by insertion (fast on a nearly sorted list); false, with
   * the list scrambled (no node lost), once more than `budget` nodes have been moved.
   */
  private insertionSort(list: Int32Array, count: number, budget: number): boolean {
    const { cost, sign } = this;
    let moves = 0;
    for (let i = 1; i < count; i++) {
      const node = list[i]!;
      const c = cost[node]!;
      let j = i - 1;
      for (; j >= 0; j--) {
        const o = list[j]!;
        const co = cost[o]!;
        if (co !== c ? sign * (co - c) < 0 : o < node) break; // o comes before node
        list[j + 1] = o;
        if (++moves > budget) {
          list[j] = node;
          return false;
        }
      }
      list[j + 1] = node;
    }
    return true;
  }

  /** Remember the order and costs as they are now, for one `restore`. */
  save(): void {
    if (this.savedOrder.length !== this.order.length) {
      this.savedOrder = new Int32Array(this.order.length);
      this.savedCost = new Float64Array(this.cost.length);
    }
    copyPrefix(this.savedOrder, this.order, this.length);
    this.savedCost.set(this.cost);
  }

  /** Back to the order and costs of the last `save` (no `reset` in between). */
  restore(): void {
    copyPrefix(this.order, this.savedOrder, this.length);
    this.cost.set(this.savedCost);
  }

  /** Nodes, cheapest first (a view: `addMany` reorders it in place). */
  get nodes(): Int32Array {
    return this.view;
  }

  /** Add `loads[j]` to `nodes[j]` for j below `count` (one job's placement) and restore the order. */
  addMany(nodes: readonly number[], loads: readonly number[], count = nodes.length): void {
    this.add(nodes, loads, 0, count);
  }

  /** Add `load` to each of the first `count` of `nodes` (a placement that loads its nodes alike) and restore the order. */
  addSame(nodes: readonly number[], load: number, count: number): void {
    this.add(nodes, null, load, count);
  }

  /** `addMany` (`loads`), or `addSame` (`load`, with `loads` null). */
  private add(nodes: readonly number[], loads: readonly number[] | null, load: number, count: number): void {
    const k = count;
    if (k === 0) return;
    if (k <= this.length * FEW) {
      for (let j = 0; j < k; j++) this.moveBy(nodes[j]!, loads === null ? load : loads[j]!);
      return;
    }
    const { cost, mark: moved, changed, order, sign } = this;
    // The moved nodes in their old order, and the unmoved ones, still sorted, in order[lo, hi):
    // when the moved nodes are the first k of the order (a job placed on the cheapest nodes, the
    // usual case), the others are already in place and the moved ones are merged back in from
    // the front; else the others are compacted to the front and the moved ones merged in from
    // the end. The moved ones are already sorted when the same load was added to all of them
    // (checked: rounding may tie them). One loop adds the loads, and checks both for a prefix.
    let prefix = true;
    let sorted = true;
    let before = -1;
    let beforeCost = 0;
    for (let j = 0; j < k; j++) {
      const node = nodes[j]!;
      const c = (cost[node] = cost[node]! + (loads === null ? load : loads[j]!));
      changed[j] = node;
      if (order[j] !== node) prefix = false;
      else if (j > 0 && !(beforeCost !== c ? sign * (beforeCost - c) < 0 : before < node)) sorted = false; // before(before, node), inlined
      before = node;
      beforeCost = c;
    }
    let lo = k;
    let hi = this.length;
    let m = k;
    if (!prefix) {
      lo = 0;
      hi = 0;
      m = 0;
      for (let j = 0; j < k; j++) moved[nodes[j]!] = 1;
      for (let r = 0; r < this.length; r++) {
        const n = order[r]!;
        if (moved[n] === 0) order[hi++] = n;
        else changed[m++] = n;
      }
      for (let c = 0; c < m; c++) moved[changed[c]!] = 0;
      sorted = true;
      for (let j = 1; j < m && sorted; j++) {
        const a = changed[j - 1]!;
        const b = changed[j]!;
        const ca = cost[a]!;
        const cb = cost[b]!;
        sorted = ca !== cb ? sign * (ca - cb) < 0 : a < b; // before(a, b), inlined
      }
    }
    if (!sorted) this.sortChanged(m);
    // Merge (the comparison of `before`, inlined).
    if (prefix) {
      // Most often (a job placed on nodes that were alike, so took the same load) the moved
      // nodes all go to one place among the others: the others before it move up as a block.
      const a = this.firstNotBefore(changed[0]!, lo, hi);
      if (m === 1 || this.firstNotBefore(changed[m - 1]!, a, hi) === a) {
        moveDown(order, lo, a, lo);
        for (let j = 0; j < m; j++) order[a - lo + j] = changed[j]!;
        return;
      }
    }
    if (prefix && m * SEARCH_STEPS < hi - lo) {
      // The free places are in front, and the moved nodes are few: each one's place among the
      // others is found by binary search, and the others before it move up as a block.
      let i = lo;
      let out = 0;
      for (let j = 0; j < m; j++) {
        const c = changed[j]!;
        const a = this.firstNotBefore(c, i, hi);
        for (; i < a; i++) order[out++] = order[i]!;
        order[out++] = c;
      }
      return;
    }
    if (prefix) {
      // The free places are in front: merge from the front.
      let i = lo;
      let j = 0;
      for (let out = 0; j < m; out++) {
        const c = changed[j]!;
        if (i < hi) {
          const o = order[i]!;
          const cc = cost[c]!;
          const co = cost[o]!;
          if (co !== cc ? sign * (co - cc) < 0 : o < c) {
            order[out] = o;
            i++;
            continue;
          }
        }
        order[out] = c;
        j++;
      }
      return;
    }
    this.mergeFromEnd(hi, m);
  }

  /**
   * Sorts `changed[0, m)` by `before` (rare: loads that differ, or rounding). Apart from `add`: its
   * comparator closes over `this`, and a closure in `add` would make every call of `add` allocate
   * a context for it.
   */
  private sortChanged(m: number): void {
    this.changed.subarray(0, m).sort((a, b) => (this.before(a, b) ? -1 : 1));
  }

  /**
   * Merges the sorted `changed[0, m)` into the sorted `order[0, kept)` (kept + m = length), from
   * the end, so nothing is overwritten before it is read (the comparison of `before`, inlined).
   */
  private mergeFromEnd(kept: number, m: number): void {
    const { cost, changed, order, sign } = this;
    let i = kept - 1;
    let j = m - 1;
    for (let out = kept + m - 1; j >= 0; out--) {
      const c = changed[j]!;
      if (i >= 0) {
        const o = order[i]!;
        const cc = cost[c]!;
        const co = cost[o]!;
        if (cc !== co ? sign * (cc - co) < 0 : c < o) {
          order[out] = o;
          i--;
          continue;
        }
      }
      order[out] = c;
      j--;
    }
  }

  costOf(node: number): number {
    return this.cost[node]!;
  }

  /**
   * The order's own cost table, by node: a caller may write the costs of a new cycle straight
   * into it and pass it to `reset`/`resetMoving` (nothing to copy then). `addMany` adds to it.
   */
  get costs(): Float64Array {
    return this.cost;
  }

  /** Whether node a comes before node b. */
  private before(a: number, b: number): boolean {
    const ca = this.cost[a]!;
    const cb = this.cost[b]!;
    if (ca !== cb) return this.sign * (ca - cb) < 0;
    return a < b;
  }

  /** Add `load` to one node and move it to its new place. */
  private moveBy(node: number, load: number): void {
    const order = this.order;
    const from = this.positionOf(node);
    this.cost[node]! += load;
    if (from < 0) return; // not ordered (not schedulable): only its cost changes
    // Towards the end: the nodes after it that come before it now move up one place.
    let a = this.firstNotBefore(node, from + 1, this.length);
    if (a > from + 1) {
      moveDown(order, from + 1, a, 1);
      order[a - 1] = node;
      return;
    }
    // Towards the front: the nodes before it that do not come before it now move down one place.
    a = this.firstNotBefore(node, 0, from);
    if (from - a > SHORT_MOVE) order.copyWithin(a + 1, a, from);
    else for (let k = from; k > a; k--) order[k] = order[k - 1]!;
    order[a] = node;
  }

  /** The index of `node` in the order (binary search: the order is total), or -1. */
  private positionOf(node: number): number {
    const a = this.firstNotBefore(node, 0, this.length - 1);
    return this.order[a] === node && this.length > 0 ? a : -1;
  }

  /**
   * The first index in `order[from, to)` whose node does not come before `node` (`to` if none):
   * a binary search of a sorted stretch (the comparison of `before`, inlined).
   */
  private firstNotBefore(node: number, from: number, to: number): number {
    const { order, cost, sign } = this;
    const c = cost[node]!;
    let a = from;
    let b = to;
    while (a < b) {
      const mid = (a + b) >>> 1;
      const o = order[mid]!;
      const co = cost[o]!;
      if (co !== c ? sign * (co - c) < 0 : o < node) a = mid + 1;
      else b = mid;
    }
    return a;
  }
}

/** `to[0..n) = from[0..n)`; a whole array without the view `subarray` would make (every cycle). */
function copyPrefix(to: Int32Array, from: Int32Array, n: number): void {
  if (n === from.length) to.set(from);
  else to.set(from.subarray(0, n));
}

/** Moves `list[from, to)` down by `by` places (a loop when short: a builtin call costs more than a short copy). */
function moveDown(list: Int32Array, from: number, to: number, by: number): void {
  if (to - from > SHORT_MOVE) list.copyWithin(from - by, from, to);
  else for (let i = from; i < to; i++) list[i - by] = list[i]!;
}
