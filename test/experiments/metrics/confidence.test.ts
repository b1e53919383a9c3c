import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logGamma, meanWithCi, studentTCdf, studentTQuantile } from '../../../experiments/metrics/confidence.js';

describe('Student t quantiles', () => {
  // Two-sided 95% critical values from standard t tables.
  it.each([
    [1, 12.7062],
    [2, 4.3027],
    [4, 2.7764],
    [9, 2.2622],
    [19, 2.093],
    [30, 2.0423],
    [120, 1.9799],
  ])('t(0.975, %i) = %f', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 3);
  });

  it('tends to the normal quantile 1.95996 as df grows', () => {
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.95996, 4);
  });

  it('inverts the CDF', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.55, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 200 }), (p, df) => {
        expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 8);
      }),
    );
  });

  it('ln Gamma matches factorials', () => {
    expect(Math.exp(logGamma(5))).toBeCloseTo(24, 9); // 4!
    expect(Math.exp(logGamma(0.5))).toBeCloseTo(Math.sqrt(Math.PI), 12);
  });

  it('rejects p outside (0.5, 1)', () => {
    expect(() => studentTQuantile(0.4, 3)).toThrow(/p must be/);
  });
});

describe('meanWithCi', () => {
  it('gives mean, sample sd and t * sd / sqrt(n)', () => {
    // [1..5]: mean 3, sd sqrt(2.5) = 1.5811, t(0.975, 4) = 2.7764 -> 2.7764 * 1.5811 / sqrt(5) = 1.9632
    const ci = meanWithCi([1, 2, 3, 4, 5]);
    expect(ci.n).toBe(5);
    expect(ci.mean).toBe(3);
    expect(ci.sd).toBeCloseTo(1.58114, 5);
    expect(ci.halfWidth).toBeCloseTo(1.96324, 4);
  });

  it('has no interval for a single seed, and a zero one for equal values', () => {
    expect(meanWithCi([7]).halfWidth).toBeNull();
    expect(meanWithCi([7, 7, 7]).halfWidth).toBe(0);
  });

  it('contains the mean, and narrows when the same spread has more samples', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 30 }), (xs) => {
        const ci = meanWithCi(xs);
        const doubled = meanWithCi([...xs, ...xs]);
        expect(ci.halfWidth!).toBeGreaterThanOrEqual(0);
        expect(doubled.halfWidth!).toBeLessThanOrEqual(ci.halfWidth! + 1e-9 * (1 + Math.abs(ci.halfWidth!)));
      }),
    );
  });
});
