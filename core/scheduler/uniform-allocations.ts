/**
 * Per-node allocation lists of jobs that take the same vector on each of their nodes (every job
 * of a whole-node planner): `[vec, vec, ..., vec]`, one list per (vector, length), shared by all
 * such jobs instead of built at every start. Lists are read-only by contract (`readonly
 * Float64Array[]` everywhere they go). The cache holds at most LIMIT entries in all; beyond that,
 * lists are built per call, as before.
 */
export class UniformAllocations {
  /**
   * Per vector, its lists by length (in a Map: a sparse array stored or read past its end
   * deoptimizes the starts `of` is inlined into).
   */
  private readonly byVector = new Map<Float64Array, Map<number, readonly Float64Array[]>>();
  private cached = 0;

  /** `[vec]` repeated `length` times. */
  of(vec: Float64Array, length: number): readonly Float64Array[] {
    let lists = this.byVector.get(vec);
    const hit = lists?.get(length);
    if (hit !== undefined) return hit;
    const list = new Array<Float64Array>(length).fill(vec);
    if (this.cached + length <= LIMIT) {
      if (lists === undefined) {
        lists = new Map();
        this.byVector.set(vec, lists);
      }
      lists.set(length, list);
      this.cached += length;
    }
    return list;
  }
}

/** Entries cached in all (8 MiB of references). */
const LIMIT = 1 << 20;
