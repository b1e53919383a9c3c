import { makeNodeId, type NodeId } from '../model/ids.js';
import type { NodeRuns } from '../model/node-runs.js';

/**
 * The node lists of ended jobs, kept compactly: a list is stored as its runs of consecutive
 * ascending ids (`5 6 7 9` is the runs 5+3 and 9+1), in one growing Int32Array shared by all jobs.
 * Whole-node planners bind the lowest free indices first, so a list of hundreds of nodes is
 * usually one to a few runs: a million-job replay keeps a few ints per job instead of an array of
 * a few hundred. `list(at)` gives back the exact list, in its original order. Append-only: a stored
 * list never changes.
 *
 * Layout at `at`: the run count r, then r pairs (first id, length).
 */
export class NodeRunStore {
  private data = new Int32Array(4096);
  private used = 0;

  /** Stores `nodes` and returns where (for `list`). */
  add(nodes: readonly NodeId[]): number {
    const at = this.used;
    this.reserve(1 + 2 * nodes.length); // the most runs a list can have; what is unused stays free
    const data = this.data;
    let w = at - 1;
    let previous = NaN;
    for (let k = 0; k < nodes.length; k++) {
      const n = nodes[k]!;
      if (n === previous + 1) {
        data[w + 1]!++;
      } else {
        w += 2;
        data[w] = n;
        data[w + 1] = 1;
      }
      previous = n;
    }
    const runs = (w - at + 1) / 2;
    data[at] = runs;
    this.used = at + 1 + 2 * runs;
    return at;
  }

  /**
   * Stores a list given as runs (core/model/node-runs.ts; whole runs, as `runsOf` makes them) and
   * returns where.
   */
  addRuns(runs: NodeRuns): number {
    const at = this.used;
    this.reserve(1 + runs.length);
    this.data[at] = runs.length / 2;
    this.data.set(runs, at + 1);
    this.used = at + 1 + runs.length;
    return at;
  }

  /** The list stored at `at` (a new array). */
  list(at: number): NodeId[] {
    const data = this.data;
    const runs = data[at]!;
    let length = 0;
    for (let r = 0; r < runs; r++) length += data[at + 2 + 2 * r]!;
    const out = new Array<NodeId>(length);
    let k = 0;
    for (let r = 0; r < runs; r++) {
      const first = data[at + 1 + 2 * r]!;
      const count = data[at + 2 + 2 * r]!;
      for (let i = 0; i < count; i++) out[k++] = makeNodeId(first + i);
    }
    return out;
  }

  /** The runs of the list stored at `at`, as (first id, length) pairs in list order (a new array). */
  runs(at: number): NodeRuns {
    const data = this.data;
    const out = new Array<number>(2 * data[at]!);
    for (let i = 0; i < out.length; i++) out[i] = data[at + 1 + i]!;
    return out;
  }

  /** Ints in use (for tests and benchmarks). */
  get size(): number {
    return this.used;
  }

  private reserve(extra: number): void {
    if (this.used + extra <= this.data.length) return;
    const grown = new Int32Array(Math.max(this.data.length * 2, this.used + extra));
    grown.set(this.data.subarray(0, this.used));
    this.data = grown;
  }
}
