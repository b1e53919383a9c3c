import type { NodeRuns } from '../core/index.js';

const BLOCK_BITS = 4;
const BLOCK = 1 << BLOCK_BITS;

/**
 * What every node holds, per resource, for the validator: node n holds `base[n * dims + d] +
 * pend[b * dims + d]` of resource d, where b is n's block of BLOCK consecutive nodes. `pend` is an
 * amount every node of the block holds, so a job that takes the same amount on whole blocks (a
 * whole-node job on hundreds of nodes) is checked and booked a block at a time, not a node at a
 * time: the check of a whole block compares an upper bound of its `base` (`baseMax`) plus `pend`
 * with the block's smallest capacity, and only when that fails looks at its nodes (and makes the
 * bound exact again). Everything else reads and writes single nodes, in the same pass as the
 * check (small jobs, on a few nodes each, are most jobs of most traces).
 */
export class NodeUsage {
  readonly dims: number;
  readonly size: number;
  private readonly cap: Float64Array;
  private readonly base: Float64Array;
  private readonly pend: Float64Array;
  /** Per block and resource: an upper bound of `base` over the block's nodes, and their smallest capacity. */
  private readonly baseMax: Float64Array;
  private readonly capMin: Float64Array;

  /** `capacity[i]`: node i's resources as a vector (every node has the same layout). */
  constructor(capacity: readonly Float64Array[]) {
    const dims = capacity[0]?.length ?? 0;
    const size = capacity.length;
    const blocks = (size + BLOCK - 1) >>> BLOCK_BITS;
    this.dims = dims;
    this.size = size;
    this.cap = new Float64Array(size * dims);
    capacity.forEach((c, n) => {
      if (c.length !== dims) throw new Error(`validator: node ${n} has ${c.length} resources, node 0 has ${dims}`);
      this.cap.set(c, n * dims);
    });
    this.base = new Float64Array(size * dims);
    this.pend = new Float64Array(blocks * dims);
    this.baseMax = new Float64Array(blocks * dims);
    this.capMin = new Float64Array(blocks * dims).fill(Infinity);
    for (let n = 0; n < size; n++) {
      const b = (n >>> BLOCK_BITS) * dims;
      for (let d = 0; d < dims; d++) this.capMin[b + d] = Math.min(this.capMin[b + d]!, this.cap[n * dims + d]!);
    }
  }

  /** What node `n` holds of resource `d`. */
  used(n: number, d: number): number {
    return this.base[n * this.dims + d]! + this.pend[(n >>> BLOCK_BITS) * this.dims + d]!;
  }

  capacity(n: number, d: number): number {
    return this.cap[n * this.dims + d]!;
  }

  /** Adds `amount` of resource `d` on node `n` (negative: gives it back). */
  add(n: number, d: number, amount: number): void {
    const at = n * this.dims + d;
    const v = (this.base[at]! += amount);
    const b = (n >>> BLOCK_BITS) * this.dims + d;
    if (v > this.baseMax[b]!) this.baseMax[b] = v;
  }

  /**
   * Takes `amount` of resource `d` on every node of `runs` (known, distinct nodes) if each has room
   * for it, in one pass; otherwise gives back what it took and returns false.
   */
  takeUniform(runs: NodeRuns, amount: number, d: number): boolean {
    const { base, cap, pend, baseMax, capMin, dims: D, size } = this;
    let taken = 0;
    for (let r = 0; r < runs.length; r += 2) {
      const end = runs[r]! + runs[r + 1]!;
      for (let i = runs[r]!; i < end; ) {
        const block = i >>> BLOCK_BITS;
        const blockEnd = Math.min(size, (block + 1) << BLOCK_BITS);
        const b = block * D + d;
        const p = pend[b]!;
        if (i === block << BLOCK_BITS && end >= blockEnd) {
          if (baseMax[b]! + p + amount > capMin[b]! + 1e-9) {
            // The bound says no: look at each node, and make the bound exact while at it.
            let max = -Infinity;
            for (let j = i; j < blockEnd; j++) {
              const u = base[j * D + d]!;
              if (u + p + amount > cap[j * D + d]! + 1e-9) return this.giveBack(runs, amount, d, taken);
              if (u > max) max = u;
            }
            baseMax[b] = max;
          }
          pend[b] = p + amount;
          taken += blockEnd - i;
          i = blockEnd;
          continue;
        }
        const stop = Math.min(end, blockEnd);
        let max = baseMax[b]!;
        for (; i < stop; i++) {
          const at = i * D + d;
          const u = base[at]!;
          if (u + p + amount > cap[at]! + 1e-9) {
            baseMax[b] = max;
            return this.giveBack(runs, amount, d, taken);
          }
          const v = (base[at] = u + amount);
          if (v > max) max = v;
          taken++;
        }
        baseMax[b] = max;
      }
    }
    return true;
  }

  /** Adds `amount` of resource `d` on the first `limit` nodes of `runs` (negative: gives it back). */
  addUniform(runs: NodeRuns, amount: number, d: number, limit = Infinity): void {
    const { base, pend, baseMax, dims: D, size } = this;
    let done = 0;
    for (let r = 0; r < runs.length && done < limit; r += 2) {
      const end = runs[r]! + runs[r + 1]!;
      for (let i = runs[r]!; i < end && done < limit; ) {
        const block = i >>> BLOCK_BITS;
        const blockEnd = Math.min(size, (block + 1) << BLOCK_BITS);
        const b = block * D + d;
        if (i === block << BLOCK_BITS && end >= blockEnd && done + (blockEnd - i) <= limit) {
          pend[b]! += amount;
          done += blockEnd - i;
          i = blockEnd;
          continue;
        }
        const stop = Math.min(end, blockEnd, i + (limit - done));
        let max = baseMax[b]!;
        for (; i < stop; i++, done++) {
          const v = (base[i * D + d]! += amount);
          if (v > max) max = v;
        }
        baseMax[b] = max;
      }
    }
  }

  private giveBack(runs: NodeRuns, amount: number, d: number, taken: number): false {
    this.addUniform(runs, -amount, d, taken);
    return false;
  }
}
