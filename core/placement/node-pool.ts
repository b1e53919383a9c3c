import type { NodeRuns } from '../model/node-runs.js';
import type { Millis } from '../model/time.js';
import { grown } from '../model/typed-arrays.js';

/** `owner` of a segment that no job holds. */
const NONE = -1;

/**
 * Which whole nodes are bound to which job, as the planner sees it: a node is busy until its job's
 * hold ends (start + time limit), or until the job's end is observed, whichever comes first. That
 * is exactly the profile's view, so when the profile says `k` units are free now, `k` nodes are.
 *
 * Nodes are chosen lowest index first: deterministic, and it keeps allocations contiguous.
 *
 * Storage: the nodes as segments, ranges of consecutive nodes with one (busy until, owner), in
 * index order; segment k is [start[k], start[k + 1]) (the last ends at `size`). A job's nodes are a
 * few runs, so it is bound and released a run at a time, never a node at a time (a 4,000-node
 * machine whose jobs take hundreds of nodes each keeps a few dozen segments). Time only moves
 * forward, so a segment found free (busy until <= now) is free from then on, whoever held it: it
 * is made plain free (-Infinity, no owner) and merged with free neighbours.
 */
export class NodePool {
  // Room for the most segments there can be (one per node) from the start: the growth path stays
  // for safety, but growing mid-replay replaced fields that optimized code took as constants.
  private start: Int32Array;
  private until: Float64Array;
  /** The job bound to the segment last (NONE: plain free); a late end must not free a successor. */
  private owner: Int32Array;
  private n = 1;
  /** Lowest node that may be free; every node below it is busy past the last `bind` time. */
  private scanFrom = 0;
  private lastBindTime = -Infinity;
  /** Where `bind` builds its runs before copying them out (grown as needed). */
  private scratch: Int32Array<ArrayBuffer> = new Int32Array(64);

  constructor(readonly size: number) {
    const room = Math.max(size, 1);
    this.start = new Int32Array(room);
    this.until = new Float64Array(room);
    this.owner = new Int32Array(room);
    this.start[0] = 0;
    this.until[0] = -Infinity;
    this.owner[0] = NONE;
  }

  /**
   * Bind `count` nodes free at `now` until `until`, and return them as runs (lowest index first,
   * so the runs ascend). Throws if fewer are free (a planner bug).
   */
  bind(owner: number, count: number, now: Millis, until: Millis): NodeRuns {
    if (now !== this.lastBindTime) {
      this.scanFrom = 0;
      this.lastBindTime = now;
    }
    let runs = this.scratch;
    let w = -2; // index of the run being extended
    let need = count;
    const first = this.segmentAt(this.scanFrom);
    // Read once for the tight skip over busy segments; only the last piece taken inserts a
    // segment (which may move the arrays), and the loop ends right after it.
    const n = this.n;
    const untils = this.until;
    let k = first;
    let end = this.scanFrom;
    // Whether some neighbours may now be equal (merging is only to keep the segments few).
    let mergeable = false;
    let lastTaken = -2;
    while (need > 0) {
      while (k < n && untils[k]! > now) k++; // busy segments
      if (k === n) break;
      const s = this.start[k]!;
      end = this.endOf(k);
      if (end - s > need) {
        end = s + need;
        this.insert(k + 1, end, -Infinity, NONE); // the rest stays free
        if (k + 2 < this.n && this.owner[k + 2] === NONE) mergeable = true;
      }
      if (k === lastTaken + 1) mergeable = true;
      lastTaken = k;
      this.until[k] = until;
      this.owner[k] = owner;
      need -= end - s;
      if (w >= 0 && runs[w]! + runs[w + 1]! === s) runs[w + 1]! += end - s;
      else {
        w += 2;
        if (w + 2 > runs.length) runs = this.scratch = grow(runs);
        runs[w] = s;
        runs[w + 1] = end - s;
      }
      k++;
    }
    if (need > 0) throw new Error(`NodePool: ${count} nodes asked at ${now}, only ${count - need} free`);
    // Every node before `end` is now busy beyond `now`; later binds at the same instant start there.
    this.scanFrom = end;
    if (mergeable) this.merge(Math.max(0, first - 1), k + 1);
    if (w === 0) return [runs[0]!, runs[1]!]; // one run: most binds
    const out = new Array<number>(w + 2); // exactly sized (a pushed-to array reserves more)
    for (let i = 0; i < w + 2; i++) out[i] = runs[i]!;
    return out;
  }

  /** Job `owner` on these nodes ended at `now`: the nodes it still holds are free from `now`. */
  release(owner: number, nodes: NodeRuns, now: Millis): void {
    for (let r = 0; r < nodes.length; r += 2) {
      const a = nodes[r]!;
      const b = a + nodes[r + 1]!;
      let k = this.segmentAt(a);
      const from = k;
      while (k < this.n && this.start[k]! < b) {
        if (this.owner[k] === owner && this.until[k]! > now) {
          // Cut the segment to [a, b) if it reaches beyond (it never does for a job's own runs).
          if (this.start[k]! < a) {
            this.insert(k + 1, a, this.until[k]!, owner);
            k++;
          }
          if (this.endOf(k) > b) this.insert(k + 1, b, this.until[k]!, owner);
          this.until[k] = -Infinity;
          this.owner[k] = NONE;
        }
        k++;
      }
      this.merge(Math.max(0, from - 1), k);
    }
    if (now === this.lastBindTime) this.scanFrom = 0;
  }

  /** Nodes free at `now` (for views and tests). */
  freeCount(now: Millis): number {
    let c = 0;
    for (let k = 0; k < this.n; k++) if (this.until[k]! <= now) c += this.endOf(k) - this.start[k]!;
    return c;
  }

  /** Number of segments (for tests and benchmarks). */
  get segments(): number {
    return this.n;
  }

  private endOf(k: number): number {
    return k + 1 < this.n ? this.start[k + 1]! : this.size;
  }

  /** The index of the segment that starts at node `node`, cutting one in two if needed (`n` at `size`). */
  private segmentAt(node: number): number {
    if (node === 0) return 0; // the first segment always starts at node 0
    if (node >= this.size) return this.n;
    const { start } = this;
    let a = 0;
    let b = this.n - 1;
    while (a < b) {
      const m = (a + b + 1) >>> 1;
      if (start[m]! <= node) a = m;
      else b = m - 1;
    }
    if (start[a] === node) return a;
    this.insert(a + 1, node, this.until[a]!, this.owner[a]!);
    return a + 1;
  }

  private insert(k: number, start: number, until: Millis, owner: number): void {
    if (this.n === this.start.length) {
      this.start = grown(this.start, new Int32Array(this.n * 2));
      this.until = grown(this.until, new Float64Array(this.n * 2));
      this.owner = grown(this.owner, new Int32Array(this.n * 2));
    }
    this.start.copyWithin(k + 1, k, this.n);
    this.until.copyWithin(k + 1, k, this.n);
    this.owner.copyWithin(k + 1, k, this.n);
    this.start[k] = start;
    this.until[k] = until;
    this.owner[k] = owner;
    this.n++;
  }

  /** Merges equal neighbours among segments `from`..`to` (inclusive, clipped) into one. */
  private merge(from: number, to: number): void {
    const { start, until, owner } = this;
    const last = Math.min(to, this.n - 1);
    let w = from;
    // Most calls merge nothing: find the first equal pair before moving anything.
    while (w < last && (until[w + 1] !== until[w] || owner[w + 1] !== owner[w])) w++;
    if (w >= last) return;
    for (let k = w + 1; k <= last; k++) {
      if (until[k] === until[w] && owner[k] === owner[w]) continue;
      w++;
      start[w] = start[k]!;
      until[w] = until[k]!;
      owner[w] = owner[k]!;
    }
    const removed = last - w;
    if (removed <= 0) return;
    start.copyWithin(w + 1, last + 1, this.n);
    until.copyWithin(w + 1, last + 1, this.n);
    owner.copyWithin(w + 1, last + 1, this.n);
    this.n -= removed;
  }
}

/** A copy of `a` twice as long. */
function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
