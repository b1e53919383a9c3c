import type { Millis } from '../model/time.js';

/**
 * The planner's availability profile: a step function of free capacity units (whole nodes) over
 * future time, built from *holds*. A hold of `units` on [start, end) is half-open, so a job may
 * start at the instant another hold ends.
 *
 * Storage: sorted breakpoints `times[k]` with the free capacity on [times[k], times[k+1]) in
 * `free[k]`; beyond the last breakpoint the capacity is `total`. Live breakpoints are those from
 * `lo` on; everything before `lo` is the past, dropped by `advance`. Equal neighbours are merged, so
 * the number of breakpoints stays at most twice the number of live holds. The storage has no
 * observable effect: only the step function matters.
 */
export class AvailabilityProfile {
  readonly total: number;
  private times: Float64Array;
  private free: Int32Array;
  private lo = 0;
  private n = 1;

  constructor(total: number) {
    if (!Number.isInteger(total) || total <= 0) throw new Error(`AvailabilityProfile: total must be a positive integer, got ${total}`);
    this.total = total;
    this.times = new Float64Array(64);
    this.free = new Int32Array(64);
    this.times[0] = -Infinity;
    this.free[0] = total;
  }

  /** Number of live breakpoints (for tests and benchmarks). */
  get size(): number {
    return this.n - this.lo;
  }

  /** Forget the profile before `now`. Queries before `now` afterwards are invalid. */
  advance(now: Millis): void {
    const { times } = this;
    let lo = this.lo;
    while (lo + 1 < this.n && times[lo + 1]! <= now) lo++;
    this.lo = lo;
    if (lo > 4096 && lo * 2 > this.n) this.compact();
  }

  /** Free units at instant `t`. */
  freeAt(t: Millis): number {
    return this.free[this.indexOf(t)]!;
  }

  /** Take `units` on [start, end). Throws if that over-allocates: callers must have checked the fit. */
  hold(start: Millis, end: Millis, units: number): void {
    this.change(start, end, -units);
  }

  /** Give back `units` on [start, end) (a hold's unused tail, or a whole hold being moved). */
  release(start: Millis, end: Millis, units: number): void {
    this.change(start, end, units);
  }

  /**
   * EF(units, duration, t0): the smallest T >= t0 such that at least `units` are free on all of
   * [T, T + duration). T is t0 or the end of some hold. Always exists when units <= total.
   * With `exclude`, the profile is read as if a hold of `exclude.units` on [exclude.start,
   * exclude.end) were absent (lets a caller ask where a planned job could move without moving it).
   * The search gives up and returns `limit` once the candidate reaches `limit`.
   */
  earliestFit(units: number, duration: Millis, t0: Millis, exclude?: Hold, limit: Millis = Infinity): Millis {
    if (units > this.total) throw new Error(`earliestFit: ${units} units requested, profile has ${this.total}`);
    const { times, free } = this;
    const last = this.n - 1;
    let k = this.indexOf(t0);
    let pos = t0; // start of the (virtual) segment being read; `exclude` adds its own edges
    let candidate = t0;
    for (;;) {
      if (candidate >= limit) return limit;
      const segEnd = k < last ? times[k + 1]! : Infinity;
      let end = segEnd;
      let f = free[k]!;
      if (exclude !== undefined) {
        if (pos < exclude.start) end = Math.min(end, exclude.start);
        else if (pos < exclude.end) {
          f += exclude.units;
          end = Math.min(end, exclude.end);
        }
      }
      if (f < units) candidate = end;
      else if (candidate + duration <= end) return candidate;
      pos = end;
      if (end === segEnd) k++;
    }
  }

  /**
   * The earliest instant s >= t0 at which at least `units` are free, and the free units then.
   * Only meaningful where the profile is non-decreasing from t0 (no future holds): then `units`
   * stay free from s on. EASY's shadow time and extra units come from this.
   */
  firstAtLeast(units: number, t0: Millis): { readonly time: Millis; readonly free: number } {
    const { times, free } = this;
    let k = this.indexOf(t0);
    while (free[k]! < units) k++;
    return { time: Math.max(t0, times[k]!), free: free[k]! };
  }

  /** The step function from `t0` on, as [time, free] pairs (for tests and views). */
  steps(t0: Millis): Array<[Millis, number]> {
    const out: Array<[Millis, number]> = [];
    for (let k = this.indexOf(t0); k < this.n; k++) out.push([Math.max(t0, this.times[k]!), this.free[k]!]);
    return out;
  }

  private indexOf(t: Millis): number {
    const { times } = this;
    let a = this.lo;
    let b = this.n - 1;
    if (t < times[a]!) throw new Error(`AvailabilityProfile: query at ${t} before the profile's start ${times[a]}`);
    // Most queries are at the current time: the first live breakpoint, or the next one (a hold
    // that starts now adds a breakpoint at now). Look there before searching.
    if (a === b || t < times[a + 1]!) return a;
    if (a + 1 === b || t < times[a + 2]!) return a + 1;
    a += 2;
    while (a < b) {
      const m = (a + b + 1) >>> 1;
      if (times[m]! <= t) a = m;
      else b = m - 1;
    }
    return a;
  }

  private change(start: Millis, end: Millis, delta: number): void {
    if (!(start < end)) return;
    const i = this.split(start);
    const j = this.split(end);
    const { free, total } = this;
    for (let k = i; k < j; k++) {
      const v = free[k]! + delta;
      if (v < 0 || v > total) {
        throw new Error(`AvailabilityProfile: change of ${delta} on [${start}, ${end}) leaves ${v} free at ${this.times[k]} (total ${total})`);
      }
      free[k] = v;
    }
    // Merge equal neighbours at the two edges (the interior was merged before and moved together).
    this.mergeAt(j);
    this.mergeAt(i);
  }

  /** Ensure a breakpoint at `t` and return its index. */
  private split(t: Millis): number {
    const k = this.indexOf(t);
    if (this.times[k] === t) return k;
    this.insertAt(k + 1, t, this.free[k]!);
    return k + 1;
  }

  private mergeAt(k: number): void {
    if (k <= this.lo || k >= this.n) return;
    if (this.free[k] === this.free[k - 1]) this.removeAt(k);
  }

  private insertAt(k: number, t: Millis, f: number): void {
    if (this.n === this.times.length) this.grow();
    this.times.copyWithin(k + 1, k, this.n);
    this.free.copyWithin(k + 1, k, this.n);
    this.times[k] = t;
    this.free[k] = f;
    this.n++;
  }

  private removeAt(k: number): void {
    this.times.copyWithin(k, k + 1, this.n);
    this.free.copyWithin(k, k + 1, this.n);
    this.n--;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const free = new Int32Array(this.free.length * 2);
    times.set(this.times.subarray(0, this.n));
    free.set(this.free.subarray(0, this.n));
    this.times = times;
    this.free = free;
  }

  private compact(): void {
    this.times.copyWithin(0, this.lo, this.n);
    this.free.copyWithin(0, this.lo, this.n);
    this.n -= this.lo;
    this.lo = 0;
  }
}

/** A hold as a value: `units` on [start, end). */
export interface Hold {
  readonly start: Millis;
  readonly end: Millis;
  readonly units: number;
}
