import { makeNodeId, type NodeId } from '../model/ids.js';
import type { Millis } from '../model/time.js';

const BLOCK_BITS = 5;
const BLOCK = 1 << BLOCK_BITS;

/**
 * Which whole nodes are bound to which job, as the planner sees it: a node is busy until its job's
 * hold ends (start + time limit), or until the job's end is observed, whichever comes first. That
 * is exactly the profile's view, so when the profile says `k` units are free now, `k` nodes are.
 *
 * Nodes are chosen lowest index first: deterministic, and it keeps allocations contiguous.
 */
export class NodePool {
  private readonly busyUntil: Float64Array;
  /** The job bound to each node last (-1: never bound); a late end must not free a successor. */
  private readonly owner: Int32Array;
  /**
   * A lower bound of `busyUntil` over each block of BLOCK nodes: a block whose bound is after
   * `now` has no free node and is skipped whole, so a bind on a full machine does not walk
   * every node.
   */
  private readonly blockMin: Float64Array;
  /** Lowest index that may be free; every node below it is busy past the last `bind` time. */
  private scanFrom = 0;
  private lastBindTime = -Infinity;

  constructor(readonly size: number) {
    this.busyUntil = new Float64Array(size).fill(-Infinity);
    this.owner = new Int32Array(size).fill(-1);
    this.blockMin = new Float64Array(Math.ceil(size / BLOCK)).fill(-Infinity);
  }

  /** Bind `count` nodes free at `now` until `until`. Throws if fewer are free (a planner bug). */
  bind(owner: number, count: number, now: Millis, until: Millis): NodeId[] {
    if (now !== this.lastBindTime) {
      this.scanFrom = 0;
      this.lastBindTime = now;
    }
    const out = new Array<NodeId>(count);
    const { busyUntil: busy, owner: owners, blockMin, size } = this;
    let i = this.scanFrom;
    let got = 0;
    while (i < size && got < count) {
      const block = i >>> BLOCK_BITS;
      const blockStart = block << BLOCK_BITS;
      const blockEnd = Math.min(size, blockStart + BLOCK);
      if (blockMin[block]! > now) {
        i = blockEnd;
        continue;
      }
      // Binds only raise `busyUntil`, so the block's bound stays a lower bound; a scan of the
      // whole block makes it exact again.
      const whole = i === blockStart;
      let min = Infinity;
      for (; i < blockEnd && got < count; i++) {
        let b = busy[i]!;
        if (b <= now) {
          busy[i] = b = until;
          owners[i] = owner;
          out[got++] = makeNodeId(i);
        }
        if (b < min) min = b;
      }
      if (whole && i === blockEnd) blockMin[block] = min;
    }
    if (got < count) {
      throw new Error(`NodePool: ${count} nodes asked at ${now}, only ${got} free`);
    }
    // Every node before `i` is now busy beyond `now`; later binds at the same instant start here.
    this.scanFrom = i;
    return out;
  }

  /** Job `owner` on these nodes ended at `now`: the nodes it still holds are free from `now`. */
  release(owner: number, nodes: readonly NodeId[], now: Millis): void {
    const { busyUntil: busy, owner: owners, blockMin } = this;
    for (let k = 0; k < nodes.length; k++) {
      const n = nodes[k]!;
      if (owners[n] === owner && busy[n]! > now) {
        busy[n] = now;
        const block = n >>> BLOCK_BITS;
        if (blockMin[block]! > now) blockMin[block] = now;
      }
    }
    if (now === this.lastBindTime) this.scanFrom = 0;
  }

  /** Nodes free at `now` (for views and tests). */
  freeCount(now: Millis): number {
    let c = 0;
    for (let i = 0; i < this.size; i++) if (this.busyUntil[i]! <= now) c++;
    return c;
  }
}
