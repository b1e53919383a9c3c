import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AvailabilityProfile } from '../../../core/index.js';

/** The model: free(x) computed from the list of holds directly, and EF by trying every candidate. */
class NaiveProfile {
  readonly holds: Array<{ start: number; end: number; units: number }> = [];
  constructor(readonly total: number) {}
  freeAt(t: number): number {
    return this.total - this.holds.filter((h) => h.start <= t && t < h.end).reduce((s, h) => s + h.units, 0);
  }
  earliestFit(units: number, d: number, t0: number): number {
    const candidates = [t0, ...this.holds.map((h) => h.end).filter((e) => e > t0)].sort((a, b) => a - b);
    for (const c of candidates) {
      const points = [c, ...this.holds.flatMap((h) => [h.start, h.end]).filter((x) => x > c && x < c + d)];
      if (points.every((x) => this.freeAt(x) >= units)) return c;
    }
    throw new Error('no fit');
  }
}

describe('AvailabilityProfile', () => {
  it('answers free(t) and EF on a hand-made profile', () => {
    // 10 units; holds: 4 on [0,10), 6 on [5,20) -> free: [0,5)=6, [5,10)=0, [10,20)=4, [20,inf)=10
    const p = new AvailabilityProfile(10);
    p.hold(0, 10, 4);
    p.hold(5, 20, 6);
    expect([p.freeAt(0), p.freeAt(5), p.freeAt(10), p.freeAt(19), p.freeAt(20)]).toEqual([6, 0, 4, 4, 10]);
    expect(p.earliestFit(6, 5, 0)).toBe(0); // [0,5) has exactly 6 free: a gap of exactly d fits
    expect(p.earliestFit(6, 6, 0)).toBe(20); // 6 units for 6 s: [0,5) too short, [10,20) has 4
    expect(p.earliestFit(4, 10, 0)).toBe(10); // [10,20) has 4
    expect(p.earliestFit(1, 1, 7)).toBe(10);
  });

  it('releases a tail and merges equal neighbours', () => {
    const p = new AvailabilityProfile(4);
    p.hold(0, 100, 2);
    p.release(50, 100, 2); // the job ended early at 50
    expect(p.steps(0)).toEqual([
      [0, 2],
      [50, 4],
    ]);
  });

  it('refuses to over-allocate', () => {
    const p = new AvailabilityProfile(4);
    p.hold(0, 10, 3);
    expect(() => p.hold(5, 15, 2)).toThrow(/leaves -1 free/);
  });

  it('reads a hold as absent with `exclude`, even where its edges were merged away', () => {
    const p = new AvailabilityProfile(4);
    p.hold(0, 10, 2);
    p.hold(10, 20, 2); // the breakpoint at 10 merges away: free is 2 on [0, 20)
    expect(p.earliestFit(4, 5, 0, { start: 10, end: 20, units: 2 })).toBe(10);
    expect(p.earliestFit(4, 5, 0, { start: 10, end: 20, units: 2 }, 8)).toBe(8); // gives up at the limit
  });

  // Short profiles, and long ones (hundreds of breakpoints, holds inserted and merged in the middle).
  for (const { name, span, ops, total, runs } of [
    { name: 'short', span: 50, ops: { maxLength: 25 }, total: 8, runs: 300 },
    { name: 'long', span: 400, ops: { minLength: 100, maxLength: 150 }, total: 64, runs: 40 },
  ]) {
    it(`matches a naive model on random hold/release sequences (${name} profiles)`, () => {
      const op = fc.record({ start: fc.integer({ min: 0, max: span }), len: fc.integer({ min: 1, max: 30 }), units: fc.integer({ min: 1, max: Math.min(total, 8) }), cut: fc.option(fc.integer({ min: 0, max: 30 })) });
      fc.assert(
        fc.property(fc.array(op, ops), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: span + 10 }), (ops, units, d, t0) => {
          const p = new AvailabilityProfile(total);
          const m = new NaiveProfile(total);
          for (const o of ops) {
            const start = p.earliestFit(o.units, o.len, o.start); // only place holds that fit
            p.hold(start, start + o.len, o.units);
            const h = { start, end: start + o.len, units: o.units };
            m.holds.push(h);
            if (o.cut !== null && start + o.cut < h.end && o.cut > 0) {
              p.release(start + o.cut, h.end, o.units);
              h.end = start + o.cut;
            }
          }
          for (let t = 0; t <= span + 70; t += 7) expect(p.freeAt(t)).toBe(m.freeAt(t));
          expect(p.earliestFit(units, d, t0)).toBe(m.earliestFit(units, d, t0));
        }),
        { numRuns: runs },
      );
    });
  }
});
