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
});
