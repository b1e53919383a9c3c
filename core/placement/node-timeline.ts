import type { Millis } from '../model/time.js';
import { fits, type NodeRequest } from '../model/resources.js';

/** Up to this many numbers are moved by a loop, not `copyWithin` (a builtin call costs more than a short copy). */
const SHORT = 48;

/**
 * Room for this many breakpoints from the start (64 x 8 bytes per dimension and for the times).
 * A map grows by doubling, but the first growth comes late in a replay, after the placement code
 * was optimized without it, and sends that code back to the interpreter: with 16, the KTH-SP2
 * scenario's maps outgrew it mid-replay (0.45% more instructions), and 32 as well.
 */
const INITIAL_BREAKPOINTS = 64;

/**
 * One node's free resources over future time as a vector step function (CraneSched's
 * `TimeAvailResMap`): breakpoint `k` holds the free vector on [times[k], times[k+1]); the last
 * segment lasts forever. Rebuilt every scheduling cycle from the node's capacity, its running jobs
 * (until their planned ends) and reservations; jobs planned in the cycle are subtracted as they
 * are placed, so later jobs fit around earlier ones.
 */
export class NodeTimeline {
  private times: Float64Array;
  private free: Float64Array;
  private n = 0;
  /** Changes with every change to the map (what `fitsThrough` keeps is valid while it is the same). */
  private version = 0;
  // `fitsThrough`'s answer for one request at `untilVersion`: from the start, `need` fits until `until`.
  private untilNeed: NodeRequest | null = null;
  private untilVersion = -1;
  private until = 0;

  constructor(readonly dims: number) {
    this.times = new Float64Array(INITIAL_BREAKPOINTS);
    this.free = new Float64Array(dims * INITIAL_BREAKPOINTS);
  }

  /** Breakpoints now (CraneSched skips nodes with 1000 or more). */
  get size(): number {
    return this.n;
  }

  reset(now: Millis, capacity: Float64Array): void {
    this.version++;
    this.times[0] = now;
    this.free.set(capacity, 0);
    this.n = 1;
  }

  /** Become an exact copy of `other` (same breakpoints), reusing this timeline's storage. */
  copyFrom(other: NodeTimeline): void {
    this.version++;
    const D = this.dims;
    if (this.times.length < other.n) {
      this.times = new Float64Array(other.times.length);
      this.free = new Float64Array(other.free.length);
    }
    // Most maps copied are a few breakpoints: a loop, without the two views `subarray` would make
    // (up to the initial room: a first copy past it comes late and would deoptimize the copy).
    const n = other.n;
    if (n <= INITIAL_BREAKPOINTS) {
      for (let k = 0; k < n; k++) this.times[k] = other.times[k]!;
      for (let k = 0; k < n * D; k++) this.free[k] = other.free[k]!;
    } else {
      this.times.set(other.times.subarray(0, n));
      this.free.set(other.free.subarray(0, n * D));
    }
    this.n = n;
  }

  /** The time of the last breakpoint: from it on the free vector never changes again. */
  get lastChange(): Millis {
    return this.times[this.n - 1]!;
  }

  /** The instant the timeline starts at (its `reset` time). */
  get start(): Millis {
    return this.times[0]!;
  }

  /**
   * Start the timeline at `t` instead (a later instant): the breakpoints at or before `t` but the
   * one in force at `t` are dropped, so it is breakpoint for breakpoint the map built at `t`.
   */
  advance(t: Millis): void {
    if (t <= this.times[0]!) return;
    this.version++;
    const k = this.indexOf(t);
    if (k > 0) {
      const D = this.dims;
      const { times, free, n } = this;
      if ((n - k) * D > SHORT) {
        times.copyWithin(0, k, n);
        free.copyWithin(0, k * D, n * D);
      } else {
        for (let x = k; x < n; x++) times[x - k] = times[x]!;
        for (let x = k * D; x < n * D; x++) free[x - k * D] = free[x]!;
      }
      this.n = n - k;
    }
    this.times[0] = t;
  }

  /** Whether it is one segment holding exactly `free` from `t` on (a map just `reset` at `t`). */
  isFresh(t: Millis, free: Float64Array): boolean {
    if (this.n !== 1 || this.times[0] !== t) return false;
    for (let d = 0; d < this.dims; d++) if (this.free[d] !== free[d]) return false;
    return true;
  }

  /** Take `amount` on [t0, t1) (clamped to the start of the timeline). */
  subtract(t0: Millis, t1: Millis, amount: Float64Array): void {
    const start = Math.max(t0, this.times[0]!);
    if (!(start < t1)) return;
    this.version++;
    const i = this.split(start);
    const j = t1 === Infinity ? this.n : this.split(t1);
    const D = this.dims;
    for (let k = i; k < j; k++) for (let d = 0; d < D; d++) this.free[k * D + d]! -= amount[d]!;
  }

  /** Make every resource unavailable from `t` on (a reservation's end for jobs inside it). */
  closeFrom(t: Millis): void {
    this.version++;
    if (t <= this.times[0]!) {
      this.free.fill(0, 0, this.n * this.dims);
      return;
    }
    const i = this.split(t);
    this.free.fill(0, i * this.dims, this.n * this.dims);
  }

  /** Every breakpoint as [time, free vector] (for tests and views). */
  steps(): Array<[Millis, Float64Array]> {
    const D = this.dims;
    return Array.from({ length: this.n }, (_, k) => [this.times[k]!, this.free.slice(k * D, (k + 1) * D)]);
  }

  /** Free amount of dimension `d` at instant `t`. */
  freeDimAt(t: Millis, d: number): number {
    return this.free[this.indexOf(t) * this.dims + d]!;
  }

  /** Whether `need` fits at instant `t`. */
  fitsAt(t: Millis, need: NodeRequest): boolean {
    return fits(this.free, this.indexOf(t) * this.dims, need, this.dims);
  }

  /** The free vector at instant `t` (a copy). */
  freeAt(t: Millis): Float64Array {
    const k = this.indexOf(t);
    return this.free.slice(k * this.dims, (k + 1) * this.dims);
  }

  /**
   * The earliest t >= t0 at which `need` fits for all of [t, t + duration), or Infinity if that
   * would start after `latest`.
   */
  firstFit(need: NodeRequest, duration: Millis, t0: Millis, latest: Millis): Millis {
    const D = this.dims;
    let k = this.indexOf(t0);
    let candidate = t0;
    for (;;) {
      if (candidate > latest) return Infinity;
      const end = k + 1 < this.n ? this.times[k + 1]! : Infinity;
      if (!fits(this.free, k * D, need, D)) {
        if (end === Infinity) return Infinity;
        candidate = end;
      } else if (candidate + duration <= end) {
        return candidate;
      }
      k++;
    }
  }

  /**
   * Whether `need` fits for all of [t, t + duration): `firstFit(need, duration, t, t) === t`. At
   * the map's start (where a cycle asks it of every job it tries to start now), the answer comes
   * from how long `need` fits from the start, which is kept until the map or the request changes:
   * jobs of one shape share their request, so a class's map answers a pass's jobs with one scan.
   */
  fitsThrough(need: NodeRequest, t: Millis, duration: Millis): boolean {
    if (t !== this.times[0]) return this.firstFit(need, duration, t, t) === t;
    return this.fitsFromStart(need, duration);
  }

  /**
   * `fitsThrough` at the map's start (`start`), which a caller that knows it need not pass: a
   * time is a double past 2^31 ms, and V8 allocates a number to pass one to a call it does not
   * inline (a planner asks this of every class for every job it tries to start now).
   */
  fitsFromStart(need: NodeRequest, duration: Millis): boolean {
    const t = this.times[0]!;
    if (!(duration > 0)) return this.firstFit(need, duration, t, t) === t;
    if (this.untilNeed !== need || this.untilVersion !== this.version) {
      this.until = this.fitsUntil(need);
      this.untilNeed = need;
      this.untilVersion = this.version;
    }
    return t + duration <= this.until;
  }

  /** The start of the first segment `need` does not fit (Infinity if none): from the start it fits until then. */
  private fitsUntil(need: NodeRequest): Millis {
    const D = this.dims;
    for (let k = 0; k < this.n; k++) if (!fits(this.free, k * D, need, D)) return this.times[k]!;
    return Infinity;
  }

  /** Free amounts over all of [t0, t1): the minimum per dimension (for concrete GRES choice). */
  minFree(t0: Millis, t1: Millis): Float64Array {
    const D = this.dims;
    const out = new Float64Array(D).fill(Infinity);
    for (let k = this.indexOf(t0); k < this.n && this.times[k]! < t1; k++) {
      for (let d = 0; d < D; d++) out[d] = Math.min(out[d]!, this.free[k * D + d]!);
    }
    return out;
  }

  private indexOf(t: Millis): number {
    const times = this.times;
    let a = 0;
    let b = this.n - 1;
    if (t < times[0]!) throw new Error(`NodeTimeline: query at ${t} before its start ${times[0]}`);
    // Most queries ask about the map's first segment (a cycle's maps start at its time).
    if (b === 0 || t < times[1]!) return 0;
    while (a < b) {
      const m = (a + b + 1) >>> 1;
      if (times[m]! <= t) a = m;
      else b = m - 1;
    }
    return a;
  }

  private split(t: Millis): number {
    const k = this.indexOf(t);
    if (this.times[k] === t) return k;
    const D = this.dims;
    if (this.n + 1 > this.times.length) {
      const times = new Float64Array(this.times.length * 2);
      times.set(this.times);
      this.times = times;
      const free = new Float64Array(this.free.length * 2);
      free.set(this.free);
      this.free = free;
    }
    const { times, free, n } = this;
    if ((n - k) * D > SHORT) {
      free.copyWithin((k + 2) * D, (k + 1) * D, n * D);
      free.copyWithin((k + 1) * D, k * D, (k + 1) * D);
      times.copyWithin(k + 2, k + 1, n);
    } else {
      // Loops: for a few breakpoints, copyWithin's call costs more than the copy.
      for (let x = n * D - 1; x >= k * D; x--) free[x + D] = free[x]!;
      for (let x = n - 1; x > k; x--) times[x + 1] = times[x]!;
    }
    times[k + 1] = t;
    this.n = n + 1;
    return k + 1;
  }
}

/**
 * The earliest t in [t0, latest] at which `needs[i]` fits on node i of a fixed set for all of
 * [t, t + duration) (CraneSched's backfill over a fixed node set), or Infinity. Only the first
 * `count` maps are read.
 */
export function firstCommonFit(nodes: readonly NodeTimeline[], needs: readonly NodeRequest[], duration: Millis, t0: Millis, latest: Millis, count = nodes.length): Millis {
  let t = t0;
  for (;;) {
    let moved = false;
    for (let i = 0; i < count; i++) {
      const f = nodes[i]!.firstFit(needs[i]!, duration, t, latest);
      if (f === Infinity) return Infinity;
      if (f > t) {
        t = f;
        moved = true;
      }
    }
    if (!moved) return t;
  }
}
