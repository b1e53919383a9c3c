import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountShares, jainIndex, shareFairness } from '../../../experiments/metrics/fairness.js';

describe("Jain's fairness index", () => {
  it('is 1 for equal values and 1/n when one value takes everything', () => {
    expect(jainIndex([3, 3, 3, 3])).toBe(1);
    expect(jainIndex([5, 0, 0, 0])).toBe(0.25);
    // (1 + 3)^2 / (2 * (1 + 9)) = 16 / 20
    expect(jainIndex([1, 3])).toBe(0.8);
  });

  it('is 1 for nothing to compare', () => {
    expect(jainIndex([])).toBe(1);
    expect(jainIndex([0, 0])).toBe(1);
  });

  it('lies in [1/n, 1] and ignores scale', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), fc.double({ min: 0.001, max: 1000, noNaN: true }), (xs, k) => {
        const j = jainIndex(xs);
        expect(j).toBeLessThanOrEqual(1 + 1e-12);
        expect(j).toBeGreaterThanOrEqual(1 / xs.length - 1e-12);
        if (xs.some((x) => x * k > 1e-150)) expect(jainIndex(xs.map((x) => x * k))).toBeCloseTo(j, 9);
      }),
    );
  });

  it('rejects negative values', () => {
    expect(() => jainIndex([1, -1])).toThrow(/non-negative/);
  });
});

describe('delivered against configured share', () => {
  it('normalizes configured weights over the accounts present', () => {
    const usage = new Map([
      ['b', 300],
      ['a', 100],
    ]);
    // weights a=3, b=1 -> configured 0.75 / 0.25; delivered 0.25 / 0.75
    const shares = accountShares(usage, { shares: { a: 3, b: 1, absent: 10 }, defaultShare: 1 });
    expect(shares).toEqual([
      { account: 'a', configured: 0.75, delivered: 0.25 },
      { account: 'b', configured: 0.25, delivered: 0.75 },
    ]);
    // ratios 1/3 and 3: (10/3)^2 / (2 * (1/9 + 9)) = 0.6098
    expect(shareFairness(shares)).toBeCloseTo(0.60976, 5);
  });

  it('is perfectly fair when every account gets its configured share', () => {
    const usage = new Map([
      ['a', 200],
      ['b', 100],
    ]);
    expect(shareFairness(accountShares(usage, { shares: { a: 2 }, defaultShare: 1 }))).toBe(1);
  });
});
