import type { GresAmount } from '../config/gres.js';

/**
 * Resources as flat numeric vectors, for the planner's inner loops. Dimension 0 is milli-CPUs,
 * 1 is memory in MiB, then one dimension per (GRES name, type) that some node has, in sorted
 * order. The layout is fixed per cluster.
 */
export class ResourceLayout {
  readonly dims: number;
  /** `gpu:a100` -> dimension. */
  private readonly typed = new Map<string, number>();
  /** `gpu` -> every dimension of that name (for untyped requests). */
  private readonly byName = new Map<string, number[]>();
  readonly labels: readonly string[];

  constructor(nodeGres: Iterable<readonly GresAmount[]>) {
    const keys = new Set<string>();
    for (const list of nodeGres) for (const g of list) keys.add(`${g.name}:${g.type ?? ''}`);
    const sorted = [...keys].sort();
    const labels = ['cpu', 'mem'];
    sorted.forEach((key, i) => {
      const dim = 2 + i;
      this.typed.set(key, dim);
      const name = key.slice(0, key.indexOf(':'));
      const list = this.byName.get(name) ?? [];
      list.push(dim);
      this.byName.set(name, list);
      labels.push(`gres/${key}`);
    });
    this.dims = labels.length;
    this.labels = labels;
  }

  /** A node's capacity as a vector. */
  capacity(cpuMilli: number, memMiB: number, gres: readonly GresAmount[]): Float64Array {
    const v = new Float64Array(this.dims);
    v[0] = cpuMilli;
    v[1] = memMiB;
    for (const g of gres) {
      const d = this.typed.get(`${g.name}:${g.type ?? ''}`);
      if (d !== undefined) v[d]! += g.count;
    }
    return v;
  }

  /**
   * A per-node request: typed GRES go to their dimension; untyped ones (`gpu:2`) are kept as
   * "any type of this name" and resolved against a node's free amounts by `fits`/`take`.
   * Returns undefined when a GRES name or type exists on no node.
   */
  request(cpuMilli: number, memMiB: number, gres: readonly GresAmount[]): NodeRequest | undefined {
    const vec = new Float64Array(this.dims);
    vec[0] = cpuMilli;
    vec[1] = memMiB;
    const untyped: Array<{ readonly dims: readonly number[]; readonly count: number }> = [];
    for (const g of gres) {
      if (g.type === null) {
        const dims = this.byName.get(g.name);
        if (dims === undefined) return undefined;
        untyped.push({ dims, count: g.count });
      } else {
        const d = this.typed.get(`${g.name}:${g.type}`);
        if (d === undefined) return undefined;
        vec[d]! += g.count;
      }
    }
    return { vec, untyped };
  }
}

/** What a job needs on each of its nodes. */
export interface NodeRequest {
  readonly vec: Float64Array;
  readonly untyped: ReadonlyArray<{ readonly dims: readonly number[]; readonly count: number }>;
}

/** Does `need` fit in `free` (read at `offset`)? Untyped GRES may take any type left over. */
export function fits(free: Float64Array, offset: number, need: NodeRequest, dims: number): boolean {
  const v = need.vec;
  for (let d = 0; d < dims; d++) if (free[offset + d]! < v[d]!) return false;
  for (const u of need.untyped) {
    let left = 0;
    for (const d of u.dims) left += free[offset + d]! - v[d]!;
    if (left < u.count) return false;
  }
  return true;
}

/**
 * The concrete amounts a request takes on a node with `free` resources: untyped GRES are taken
 * from the types in layout order (deterministic). Call only when `fits` holds.
 */
export function concreteAllocation(free: Float64Array, offset: number, need: NodeRequest): Float64Array {
  const out = Float64Array.from(need.vec);
  for (const u of need.untyped) {
    let want = u.count;
    for (const d of u.dims) {
      const spare = free[offset + d]! - out[d]!;
      const take = Math.min(spare, want);
      out[d]! += take;
      want -= take;
      if (want === 0) break;
    }
  }
  return out;
}
