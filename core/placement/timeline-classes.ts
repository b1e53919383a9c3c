import type { Millis } from '../model/time.js';
import { NodeTimeline } from './node-timeline.js';

/**
 * Per-node time maps (NodeTimeline) stored once per class of nodes whose maps are identical:
 * same capacity, same schedulable state and the same changes since the cycle began. Identical
 * nodes share one map until a change reaches only some of them; then those get a copy of their
 * own. A change that reaches a whole class is made once. Every node's map is at all times exactly
 * (breakpoint for breakpoint) the map it would have had alone, so queries answer as they would
 * per node; what is saved is the repeated work on identical maps (empty nodes, the nodes of one
 * wide job).
 *
 * `of(node)` is for reading only: change maps through `subtract`, or `isolate` a node first.
 */
export class TimelineClasses {
  /** Per capacity group and state (2g, 2g + 1): a class that may still hold the fresh map (resetNodes). */
  private fresh = new Int32Array(0);
  private zero = new Float64Array(0);
  /** Class of each node. */
  private cls = new Int32Array(0);
  /** Per class: its map and how many nodes it has (0: free for reuse). */
  private maps: NodeTimeline[] = [];
  private members = new Int32Array(0);
  /** Classes without nodes, a stack (the first `spares`). */
  private spare = new Int32Array(0);
  private spares = 0;
  private live = 0;
  /** The live classes (the first `live`), in no particular order, and where each is in it. */
  private liveList = new Int32Array(0);
  private livePos = new Int32Array(0);
  private dims = 0;
  /** Capacity groups (nodes with equal capacity vectors), computed once per capacity table. */
  private groupsOf: readonly Float64Array[] | null = null;
  private group = new Int32Array(0);
  private groups = 0;
  // Scratch for `subtract`, indexed by class or node.
  private mark = new Int32Array(0);
  private touched = new Int32Array(0);
  private target = new Int32Array(0);
  private uniform = new Uint8Array(0);
  private firstAlloc: Float64Array[] = [];
  private nodeMark = new Int32Array(0);
  private stamp = 0;
  /** The classes one `subtract` touches (the first `listed`). */
  private list = new Int32Array(0);

  /** Class numbers are below this for a cluster of `size` nodes. */
  static maxClasses(size: number): number {
    return Math.max(2 * size, size + 1);
  }

  /** Classes with at least one node (for tests and benchmarks). */
  get count(): number {
    return this.live;
  }

  /** The classes with at least one node: the first `count` entries (a view valid until the next change). */
  get liveClasses(): Int32Array {
    return this.liveList;
  }

  /** How many nodes class `c` has. */
  membersOf(c: number): number {
    return this.members[c]!;
  }

  /** The map of class `c`, to read. */
  mapOf(c: number): NodeTimeline {
    return this.maps[c]!;
  }

  /** The class of every node, by node (read only; the same array until the capacity table changes). */
  get classTable(): Int32Array {
    return this.cls;
  }

  /** The class of `node` (below `maxClasses`; stable until the next change). */
  classOf(node: number): number {
    return this.cls[node]!;
  }

  /** The map of `node`, to read. */
  of(node: number): NodeTimeline {
    return this.maps[this.cls[node]!]!;
  }

  /**
   * Start a cycle at `now`: each node's map is its capacity from `now` on, closed at once for
   * nodes that are not schedulable. Nodes with equal capacity and state share a map.
   */
  reset(now: Millis, capacity: readonly Float64Array[], dims: number, schedulable: (node: number) => boolean): void {
    const size = capacity.length;
    if (this.groupsOf !== capacity || this.dims !== dims) this.regroup(capacity, dims);
    const { cls, target: firstNode } = this;
    this.members.fill(0);
    this.spares = 0;
    // Class 2g holds the schedulable nodes of capacity group g, 2g + 1 the others.
    const classes = 2 * this.groups;
    while (this.maps.length < Math.max(classes, size + 1)) this.maps.push(new NodeTimeline(dims));
    for (let i = 0; i < size; i++) {
      const c = 2 * this.group[i]! + (schedulable(i) ? 0 : 1);
      cls[i] = c;
      if (this.members[c]!++ === 0) firstNode[c] = i;
    }
    this.live = 0;
    for (let c = 0; c < classes; c++) this.fresh[c] = c;
    // Highest first, so that the lowest free class is popped first: the same classes in the same
    // order every cycle.
    for (let c = this.maps.length - 1; c >= 0; c--) {
      if (c >= classes || this.members[c] === 0) {
        this.spare[this.spares++] = c;
        continue;
      }
      this.addLive(c);
      const map = this.maps[c]!;
      map.reset(now, capacity[firstNode[c]!]!);
      if (c % 2 === 1) map.closeFrom(now);
    }
  }

  /** Become an exact copy of `other` (same classes, same maps), reusing this one's storage. */
  copyFrom(other: TimelineClasses): void {
    if (other.groupsOf === null) throw new Error('TimelineClasses.copyFrom: the other was never reset');
    if (this.groupsOf !== other.groupsOf || this.dims !== other.dims) this.regroup(other.groupsOf, other.dims);
    this.cls.set(other.cls);
    this.members.set(other.members);
    this.fresh.set(other.fresh);
    this.spare.set(other.spare);
    this.spares = other.spares;
    this.live = other.live;
    this.liveList.set(other.liveList);
    this.livePos.set(other.livePos);
    while (this.maps.length < other.maps.length) this.maps.push(new NodeTimeline(this.dims));
    for (let k = 0; k < other.live; k++) {
      const c = other.liveList[k]!;
      this.maps[c]!.copyFrom(other.maps[c]!);
    }
  }

  /** Every map starts at `now` instead (a later instant): see `NodeTimeline.advance`. */
  advance(now: Millis): void {
    for (let k = 0; k < this.live; k++) this.maps[this.liveList[k]!]!.advance(now);
  }

  /**
   * Give the first `count` of `nodes` the map `reset` would give them at `now` (their capacity
   * from `now` on, closed at once when not schedulable), as if no change had reached them. Nodes
   * of one capacity and state join one class while its map is still that fresh map.
   */
  resetNodes(nodes: readonly number[], count: number, now: Millis, capacity: readonly Float64Array[], schedulable: (node: number) => boolean): void {
    for (let k = 0; k < count; k++) {
      const node = nodes[k]!;
      const open = schedulable(node);
      const key = 2 * this.group[node]! + (open ? 0 : 1);
      let f = this.fresh[key]!;
      if (f < 0 || this.members[f] === 0 || !this.maps[f]!.isFresh(now, open ? capacity[node]! : this.zero)) {
        if (this.spares === 0) throw new Error('TimelineClasses: more classes than nodes');
        f = this.spare[--this.spares]!;
        const map = this.maps[f]!;
        map.reset(now, capacity[node]!);
        if (!open) map.closeFrom(now);
        this.addLive(f);
        this.fresh[key] = f;
      }
      if (this.cls[node] !== f) this.move(node, f);
    }
  }

  /**
   * Take `amounts[k]` on [t0, t1) from node `nodes[k]` (k below `count`), as `of(nodes[k]).subtract` would. A node
   * may appear once (a repeated node is taken from as often as it appears, one change at a time).
   * (`count` has no default: a default first read late in a replay deoptimizes this hot method.)
   */
  subtract(nodes: readonly number[], amounts: readonly Float64Array[], t0: Millis, t1: Millis, count: number): void {
    if (count === 0) return;
    const first = this.of(nodes[0]!);
    if (!(Math.max(t0, first.start) < t1)) return; // every map starts at the cycle's time
    const stamp = ++this.stamp;
    const { cls, mark, touched, uniform, firstAlloc, nodeMark, list } = this;
    let listed = 0;
    for (let k = 0; k < count; k++) {
      const node = nodes[k]!;
      if (nodeMark[node] === stamp) {
        for (let j = 0; j < count; j++) this.subtract([nodes[j]!], [amounts[j]!], t0, t1, 1);
        return;
      }
      nodeMark[node] = stamp;
      const c = cls[node]!;
      const a = amounts[k]!;
      if (mark[c] !== stamp) {
        mark[c] = stamp;
        touched[c] = 0;
        uniform[c] = 1;
        firstAlloc[c] = a;
        list[listed++] = c;
      }
      touched[c]!++;
      if (uniform[c] === 1 && a !== firstAlloc[c] && !sameVector(a, firstAlloc[c]!, this.dims)) uniform[c] = 0;
    }
    let moves = false;
    for (let i = 0; i < listed; i++) {
      const c = list[i]!;
      if (uniform[c] === 1 && touched[c] === this.members[c]) {
        this.maps[c]!.subtract(t0, t1, firstAlloc[c]!); // the whole class changes alike
        this.target[c] = -1;
      } else {
        moves = true;
        this.target[c] = uniform[c] === 1 ? this.split(c, t0, t1, firstAlloc[c]!) : -2;
      }
    }
    if (!moves) return;
    for (let k = 0; k < count; k++) {
      const node = nodes[k]!;
      const c = cls[node]!;
      const t = this.target[c]!;
      if (t === -1) continue;
      this.move(node, t >= 0 ? t : this.split(c, t0, t1, amounts[k]!));
    }
  }

  /** A map of `node`'s own (a copy if it shares one), to change freely. */
  isolate(node: number): NodeTimeline {
    const c = this.cls[node]!;
    if (this.members[c] === 1) return this.maps[c]!;
    const own = this.copyOf(c);
    this.move(node, own);
    return this.maps[own]!;
  }

  /** A new, empty class with a copy of class c's map, less `amount` on [t0, t1). */
  private split(c: number, t0: Millis, t1: Millis, amount: Float64Array): number {
    const n = this.copyOf(c);
    this.maps[n]!.subtract(t0, t1, amount);
    return n;
  }

  private copyOf(c: number): number {
    if (this.spares === 0) throw new Error('TimelineClasses: more classes than nodes');
    const n = this.spare[--this.spares]!;
    this.maps[n]!.copyFrom(this.maps[c]!);
    this.addLive(n);
    return n;
  }

  private move(node: number, to: number): void {
    const from = this.cls[node]!;
    this.cls[node] = to;
    this.members[to]!++;
    if (--this.members[from]! === 0) {
      this.spare[this.spares++] = from;
      const at = this.livePos[from]!;
      const last = this.liveList[--this.live]!;
      this.liveList[at] = last;
      this.livePos[last] = at;
    }
  }

  private addLive(c: number): void {
    this.liveList[this.live] = c;
    this.livePos[c] = this.live++;
  }

  private regroup(capacity: readonly Float64Array[], dims: number): void {
    const size = capacity.length;
    this.groupsOf = capacity;
    this.dims = dims;
    this.cls = new Int32Array(size);
    this.group = new Int32Array(size);
    this.members = new Int32Array(TimelineClasses.maxClasses(size));
    this.mark = new Int32Array(this.members.length);
    this.touched = new Int32Array(this.members.length);
    this.target = new Int32Array(this.members.length);
    this.uniform = new Uint8Array(this.members.length);
    this.firstAlloc = new Array<Float64Array>(this.members.length);
    this.nodeMark = new Int32Array(size);
    this.list = new Int32Array(this.members.length);
    this.liveList = new Int32Array(this.members.length);
    this.spare = new Int32Array(this.members.length);
    this.spares = 0;
    this.livePos = new Int32Array(this.members.length);
    this.maps = [];
    const byKey = new Map<string, number>();
    for (let i = 0; i < size; i++) {
      const key = Array.from(capacity[i]!.subarray(0, dims)).join(',');
      let g = byKey.get(key);
      if (g === undefined) byKey.set(key, (g = byKey.size));
      this.group[i] = g;
    }
    this.groups = byKey.size;
    this.fresh = new Int32Array(2 * this.groups).fill(-1);
    this.zero = new Float64Array(dims);
  }
}

function sameVector(a: Float64Array, b: Float64Array, dims: number): boolean {
  for (let d = 0; d < dims; d++) if (a[d] !== b[d]) return false;
  return true;
}
