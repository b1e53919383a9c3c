/**
 * Equal time buckets over [start, end) in integer ms. The bucket width is the smallest round
 * duration (1 s, 2 s, 5 s, ..., 1 h, 2 h, 3 h, 6 h, 12 h, 1 d, 2 d, 3 d, 5 d, 7 d, ...) that gives at most
 * `maxBuckets` buckets; the last bucket may be cut short by `end`.
 */
export interface TimeGrid {
  readonly start: number;
  readonly end: number;
  readonly bucket: number;
  readonly count: number;
}

export function timeGrid(start: number, end: number, maxBuckets: number): TimeGrid {
  if (!(end >= start)) throw new Error(`timeGrid: end ${end} before start ${start}`);
  if (!Number.isInteger(maxBuckets) || maxBuckets < 1) throw new Error(`timeGrid: maxBuckets must be a positive integer, got ${maxBuckets}`);
  const span = Math.max(end - start, 1);
  const bucket = roundBucket(span / maxBuckets);
  return { start, end: start + span, bucket, count: Math.ceil(span / bucket) };
}

/** Round bucket widths in seconds; past the last one, whole multiples of 30 days. */
const ROUND_BUCKETS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 259200, 432000, 604800, 1209600, 2592000];

/** The smallest round width (ms) at least `ms` long. */
export function roundBucket(ms: number): number {
  for (const s of ROUND_BUCKETS_S) if (s * 1000 >= ms) return s * 1000;
  const month = 2592000 * 1000;
  return Math.ceil(ms / month) * month;
}

/** Length in ms of bucket i that lies inside the grid (the last one may be shorter). */
export function bucketLength(grid: TimeGrid, i: number): number {
  const from = grid.start + i * grid.bucket;
  return Math.min(grid.bucket, grid.end - from);
}

/**
 * Adds `weight` x (overlap of [from, to) with each bucket, in ms) into `into[offset + bucket]`.
 * Parts of the interval outside the grid are ignored.
 */
export function spread(grid: TimeGrid, from: number, to: number, weight: number, into: Float64Array, offset = 0): void {
  const a = Math.max(from, grid.start);
  const b = Math.min(to, grid.end);
  if (!(b > a)) return;
  const first = Math.floor((a - grid.start) / grid.bucket);
  const last = Math.min(grid.count - 1, Math.floor((b - 1 - grid.start) / grid.bucket));
  for (let i = first; i <= last; i++) {
    const lo = Math.max(a, grid.start + i * grid.bucket);
    const hi = Math.min(b, grid.start + (i + 1) * grid.bucket);
    into[offset + i]! += weight * (hi - lo);
  }
}

/** Divides each bucket's accumulated weight x ms by (denominator x bucket length): a time average. */
export function timeAverage(grid: TimeGrid, sums: Float64Array, denominator: number, offset = 0): number[] {
  const out: number[] = [];
  for (let i = 0; i < grid.count; i++) out.push(round4(sums[offset + i]! / (denominator * bucketLength(grid, i))));
  return out;
}

/**
 * The largest number of simultaneously open intervals [from, to), counting after every instant's
 * changes are applied (a job submitted and started at the same instant never counts).
 */
export function maxOverlap(intervals: readonly (readonly [number, number])[]): number {
  const open = intervals.filter(([from, to]) => to > from);
  const starts = Float64Array.from(open, (i) => i[0]).sort();
  const ends = Float64Array.from(open, (i) => i[1]).sort();
  let i = 0;
  let j = 0;
  let now = 0;
  let best = 0;
  while (i < starts.length) {
    const t = Math.min(starts[i]!, ends[j]!);
    while (i < starts.length && starts[i] === t) {
      now++;
      i++;
    }
    while (j < ends.length && ends[j] === t) {
      now--;
      j++;
    }
    if (now > best) best = now;
  }
  return best;
}

/** Four decimals: plenty for a plotted fraction, and short in JSON. */
export const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;
