import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DECAY_HALF_LIFE_MS, DecayedUsage } from '../../../core/priority/index.js';

const H = 1000; // a 1 s half-life keeps the arithmetic readable

describe('DecayedUsage', () => {
  it('charges the whole chain and the total', () => {
    const u = new DecayedUsage(Infinity, 0);
    u.advanceTo(100);
    u.charge(['leaf', 'dept', 'top'], 2, 0, 50); // 2 × 50 ms
    u.charge(['other', 'top'], 1, 50, 100); // 1 × 50 ms
    expect([u.usageOf('leaf'), u.usageOf('dept'), u.usageOf('top'), u.usageOf('other'), u.usageOf('nobody')]).toEqual([100, 100, 150, 50, 0]);
    expect(u.total).toBe(150);
    expect(u.snapshot()).toEqual([
      ['dept', 100],
      ['leaf', 100],
      ['other', 50],
      ['top', 150],
    ]);
  });

  it('halves usage after one half-life, quarters it after two', () => {
    const u = new DecayedUsage(H, 0);
    u.advanceTo(10);
    u.charge(['a'], 3, 0, 10);
    const v = u.usageOf('a');
    u.advanceTo(10 + H);
    expect(u.usageOf('a')).toBe(v / 2);
    expect(u.total).toBe(v / 2);
    u.advanceTo(10 + 2 * H);
    expect(u.usageOf('a')).toBe(v / 4);
  });

  it('integrates the decay over the charged interval exactly', () => {
    // rate 1 over [0, H) seen at H: ∫0^H 2^(−(H − t)/H) dt = (H/ln 2)(1 − 1/2) = H/(2 ln 2) = 721.35 ms
    const u = new DecayedUsage(H, 0);
    u.advanceTo(H);
    u.charge(['a'], 1, 0, H);
    expect(u.usageOf('a')).toBeCloseTo(H / (2 * Math.LN2), 9);
    // a 1 ms charge just now is worth almost exactly 1 ms, even with a 7-day half-life
    const w = new DecayedUsage(DEFAULT_DECAY_HALF_LIFE_MS, 0);
    w.advanceTo(1);
    w.charge(['a'], 1, 0, 1);
    expect(w.usageOf('a')).toBeCloseTo(1 - 0.5 / (7 * 86_400_000) * Math.LN2, 15);
  });

  it('matches a fine Riemann sum of the decayed rate', () => {
    const u = new DecayedUsage(H, 0);
    u.advanceTo(5000);
    u.charge(['a'], 4, 1200, 3700);
    let sum = 0;
    const step = 0.01;
    for (let t = 1200 + step / 2; t < 3700; t += step) sum += 4 * 2 ** (-(5000 - t) / H) * step;
    expect(u.usageOf('a')).toBeCloseTo(sum, 4);
  });

  it('does not decay with an infinite half-life: plain sums', () => {
    const u = new DecayedUsage(Infinity, 0);
    u.advanceTo(10);
    u.charge(['a'], 2, 0, 10);
    u.advanceTo(1e12);
    expect(u.usageOf('a')).toBe(20);
  });

  it('rejects time going back, intervals not in the past, negative rates and a bad half-life', () => {
    const u = new DecayedUsage(H, 100);
    expect(() => u.advanceTo(99)).toThrow(/back from 100 ms to 99 ms/);
    expect(() => u.charge(['a'], 1, 50, 101)).toThrow(/'a'/);
    expect(() => u.charge(['a'], 1, 60, 50)).toThrow(/not within the past/);
    expect(() => u.charge(['a'], -1, 0, 50)).toThrow(/rate -1/);
    expect(() => new DecayedUsage(0, 0)).toThrow(/half-life/);
    expect(() => new DecayedUsage(H, NaN)).toThrow(/start time/);
  });

  const hArb = fc.integer({ min: 1, max: 10_000_000 });
  const close = (a: number, b: number): void => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));

  it('property: after exactly one half-life any usage is halved', () => {
    fc.assert(
      fc.property(hArb, fc.integer({ min: 0, max: 1e9 }), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 1e9 }), (h, t0, rate, len) => {
        const u = new DecayedUsage(h, t0);
        u.advanceTo(t0 + len);
        u.charge(['a', 'root'], rate, t0, t0 + len);
        const before = u.usageOf('a');
        u.advanceTo(t0 + len + h);
        expect(u.usageOf('a')).toBe(before / 2);
        expect(u.usageOf('root')).toBe(before / 2);
      }),
    );
  });

  it('property: splitting an interval, or advancing between charges, gives the same usage', () => {
    fc.assert(
      fc.property(hArb, fc.integer({ min: 0, max: 1e8 }), fc.integer({ min: 0, max: 1e8 }), fc.integer({ min: 0, max: 1e8 }), fc.integer({ min: 0, max: 1e8 }), (h, from, a, b, later) => {
        const mid = from + a;
        const to = mid + b;
        const whole = new DecayedUsage(h, 0);
        whole.advanceTo(to + later);
        whole.charge(['x'], 3, from, to);

        const split = new DecayedUsage(h, 0);
        split.advanceTo(mid);
        split.charge(['x'], 3, from, mid); // charged as soon as it happened
        split.advanceTo(to);
        split.charge(['x'], 3, mid, to);
        split.advanceTo(to + later);
        close(split.usageOf('x'), whole.usageOf('x'));
      }),
    );
  });

  it('property: decay never changes the ratio between two accounts', () => {
    fc.assert(
      fc.property(hArb, fc.integer({ min: 1, max: 1e8 }), fc.integer({ min: 0, max: 1e9 }), (h, len, wait) => {
        const u = new DecayedUsage(h, 0);
        u.advanceTo(len);
        u.charge(['a'], 1, 0, len);
        u.charge(['b'], 3, 0, len);
        u.advanceTo(len + wait);
        fc.pre(u.usageOf('a') > 1e-300);
        close(u.usageOf('b') / u.usageOf('a'), 3);
      }),
    );
  });
});
