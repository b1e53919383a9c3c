import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeTimeline } from '../../../core/index.js';

type Op = { readonly kind: 'subtract'; readonly t0: number; readonly t1: number; readonly amount: readonly number[] } | { readonly kind: 'advance'; readonly t: number };

const D = 2;
const CAPACITY = [64, 1000];

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('subtract' as const), t0: fc.integer({ min: 0, max: 400 }), len: fc.oneof(fc.integer({ min: 0, max: 200 }), fc.constant(Infinity)), amount: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: D, maxLength: D }) }).map((r) => ({ kind: r.kind, t0: r.t0, t1: r.t0 + r.len, amount: r.amount })) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), t: fc.integer({ min: 0, max: 400 }) }) },
);

/**
 * The map by definition: breakpoints at the start and at every subtraction's ends after the
 * start (an advance drops the ones before it), each holding the capacity minus the amounts of the
 * subtractions covering it (integer amounts: exact in any order).
 */
function reference(ops: readonly Op[]): Array<[number, number[]]> {
  let start = 0;
  const points = new Set<number>([0]);
  const taken: Array<{ from: number; to: number; amount: readonly number[] }> = [];
  for (const op of ops) {
    if (op.kind === 'advance') {
      if (op.t <= start) continue;
      start = op.t;
      for (const p of [...points]) if (p < start) points.delete(p);
      points.add(start);
      continue;
    }
    const from = Math.max(op.t0, start);
    if (!(from < op.t1)) continue;
    points.add(from);
    if (op.t1 !== Infinity) points.add(op.t1);
    taken.push({ from, to: op.t1, amount: op.amount });
  }
  return [...points]
    .sort((a, b) => a - b)
    .map((p) => [p, CAPACITY.map((c, d) => taken.reduce((free, x) => (x.from <= p && p < x.to ? free - x.amount[d]! : free), c))]);
}

describe('NodeTimeline', () => {
  it('keeps breakpoint for breakpoint the map its subtractions and advances define (short and long maps)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 90 }), (ops) => {
        const t = new NodeTimeline(D);
        t.reset(0, Float64Array.from(CAPACITY));
        for (const op of ops) {
          if (op.kind === 'advance') t.advance(op.t);
          else t.subtract(op.t0, op.t1, Float64Array.from(op.amount));
        }
        expect(t.steps().map(([time, free]) => [time, [...free]])).toEqual(reference(ops));
      }),
      { numRuns: 400 },
    );
  });

  it('answers fitsThrough as firstFit does, while its map and the request change', () => {
    // Between the operations, every request is asked (some twice: the second answer is the kept
    // one) at the map's start and after it; requests are shared objects, as jobs of one shape share
    // theirs. A kept answer that outlived a change to the map would differ from firstFit.
    const needs = [[1, 0], [8, 100], [40, 900], [64, 1000], [0, 0]].map((v) => ({ vec: Float64Array.from(v), untyped: [] }));
    const askArb = fc.record({ need: fc.nat({ max: needs.length - 1 }), offset: fc.constantFrom(0, 0, 0, 7, 150), duration: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.constant(Infinity)) });
    fc.assert(
      fc.property(fc.array(fc.tuple(opArb, fc.array(askArb, { maxLength: 6 })), { maxLength: 40 }), (steps) => {
        const t = new NodeTimeline(D);
        t.reset(0, Float64Array.from(CAPACITY));
        for (const [op, asks] of steps) {
          if (op.kind === 'advance') t.advance(op.t);
          else t.subtract(op.t0, op.t1, Float64Array.from(op.amount));
          for (const a of [...asks, ...asks]) {
            const need = needs[a.need]!;
            const at = t.start + a.offset;
            expect(t.fitsThrough(need, at, a.duration)).toBe(t.firstFit(need, a.duration, at, at) === at);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('does not keep a fitsThrough answer past an advance', () => {
    const t = new NodeTimeline(D);
    t.reset(0, Float64Array.from(CAPACITY));
    t.subtract(10, 20, Float64Array.from([1, 0]));
    const whole = { vec: Float64Array.from(CAPACITY), untyped: [] };
    expect(t.fitsThrough(whole, 0, 50)).toBe(false); // taken on [10, 20)
    t.advance(25);
    expect(t.fitsThrough(whole, 25, 50)).toBe(true);
  });
});
