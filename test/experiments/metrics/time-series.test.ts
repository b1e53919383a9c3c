import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketLength, maxOverlap, roundBucket, spread, timeAverage, timeGrid } from '../../../experiments/metrics/time-series.js';

describe('time buckets', () => {
  it('uses the smallest round width that keeps the count bounded', () => {
    expect(roundBucket(1)).toBe(1000);
    expect(roundBucket(45_000)).toBe(60_000);
    expect(roundBucket(100_000_000)).toBe(172_800_000); // 27.8 h -> 2 d
    // 340 days in at most 240 buckets: 1.42 d -> 2 d, 170 buckets
    const g = timeGrid(0, 340 * 86_400_000, 240);
    expect(g.bucket).toBe(172_800_000);
    expect(g.count).toBe(170);
  });

  it('cuts the last bucket at the end of the range', () => {
    const g = timeGrid(0, 2500, 2); // 1.25 s -> 2 s buckets: [0, 2000), [2000, 2500)
    expect(g.count).toBe(2);
    expect(bucketLength(g, 0)).toBe(2000);
    expect(bucketLength(g, 1)).toBe(500);
  });

  it('spreads exactly the part of an interval inside the grid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 10_000_000 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: -1_000_000, max: 11_000_000 }), fc.integer({ min: 0, max: 5_000_000 }), (end, buckets, from, length) => {
        const g = timeGrid(0, end, buckets);
        const into = new Float64Array(g.count);
        spread(g, from, from + length, 2, into);
        const inside = Math.max(0, Math.min(from + length, g.end) - Math.max(from, 0));
        expect(into.reduce((s, x) => s + x, 0)).toBe(2 * inside);
      }),
    );
  });

  it('time-averages per bucket', () => {
    // One CPU busy for the first 1.5 s of a 2 s range, 1-second buckets, 2 CPUs: 50%, 25%.
    const g = timeGrid(0, 2000, 2);
    const busy = new Float64Array(g.count);
    spread(g, 0, 1500, 1, busy);
    expect(timeAverage(g, busy, 2)).toEqual([0.5, 0.25]);
  });
});

describe('maxOverlap', () => {
  it('counts intervals open at once, applying all of an instant first', () => {
    expect(maxOverlap([[0, 10], [5, 15], [10, 20]])).toBe(2);
    // [3, 3) is empty (submitted and started at once); [0, 3) ends as [3, 6) begins.
    expect(maxOverlap([[0, 3], [3, 3], [3, 6]])).toBe(1);
    expect(maxOverlap([])).toBe(0);
  });
});
