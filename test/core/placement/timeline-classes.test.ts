import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeTimeline, TimelineClasses } from '../../../core/index.js';

const D = 2;
const vec = (...xs: number[]): Float64Array => Float64Array.from(xs);

/** One change: amounts taken from some nodes over [t0, t1), or a node isolated and changed alone. */
type Op = { kind: 'subtract'; nodes: number[]; amounts: number[][]; t0: number; t1: number } | { kind: 'isolate'; node: number; amount: number[]; t0: number; t1: number };

const arbitraryOps = (size: number): fc.Arbitrary<Op[]> => {
  const time = fc.integer({ min: 0, max: 20 }).map((x) => x * 10);
  const amount = fc.tuple(fc.integer({ min: -2, max: 3 }), fc.integer({ min: 0, max: 2 }));
  const subtract = fc
    .record({
      nodes: fc.uniqueArray(fc.integer({ min: 0, max: size - 1 }), { minLength: 1, maxLength: size }),
      uniform: fc.boolean(),
      amount,
      others: fc.array(amount, { minLength: size, maxLength: size }),
      t0: time,
      length: fc.oneof(time, fc.constant(Infinity)),
    })
    .map(({ nodes, uniform, amount: a, others, t0, length }): Op => ({ kind: 'subtract', nodes, amounts: nodes.map((_, k) => (uniform ? a : others[k]!)), t0, t1: t0 + length }));
  const isolate = fc.record({ node: fc.integer({ min: 0, max: size - 1 }), amount, t0: time, length: time }).map(({ node, amount: a, t0, length }): Op => ({ kind: 'isolate', node, amount: a, t0, t1: t0 + length }));
  return fc.array(fc.oneof({ weight: 4, arbitrary: subtract }, { weight: 1, arbitrary: isolate }), { maxLength: 30 });
};

describe('TimelineClasses', () => {
  it('gives every node exactly the map it would have alone (random changes)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(vec(4, 8), vec(4, 8), vec(2, 8)), { minLength: 1, maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 1000 }),
        (capacity, down, cycles, seed) => {
          const size = capacity.length;
          const schedulable = (i: number): boolean => !down[i]!;
          const classes = new TimelineClasses();
          const ops = fc.sample(arbitraryOps(size), { seed, numRuns: cycles });
          for (let cycle = 0; cycle < cycles; cycle++) {
            const now = cycle * 5;
            classes.reset(now, capacity, D, schedulable);
            const alone = capacity.map((cap, i) => {
              const t = new NodeTimeline(D);
              t.reset(now, cap);
              if (!schedulable(i)) t.closeFrom(now);
              return t;
            });
            for (const op of ops[cycle]!) {
              if (op.kind === 'subtract') {
                classes.subtract(op.nodes, op.amounts.map((a) => vec(...a)), op.t0, op.t1, op.nodes.length);
                op.nodes.forEach((n, k) => alone[n]!.subtract(op.t0, op.t1, vec(...op.amounts[k]!)));
              } else {
                classes.isolate(op.node).subtract(op.t0, op.t1, vec(...op.amount));
                alone[op.node]!.subtract(op.t0, op.t1, vec(...op.amount));
              }
              for (let i = 0; i < size; i++) expect(classes.of(i).steps()).toEqual(alone[i]!.steps());
              expect(classes.count).toBeLessThanOrEqual(size);
            }
          }
        },
      ),
    );
  });

  it('shares one map among identical nodes until a change reaches only some of them', () => {
    const classes = new TimelineClasses();
    const capacity = [vec(4, 8), vec(4, 8), vec(4, 8), vec(2, 8)];
    classes.reset(0, capacity, D, () => true);
    expect(classes.count).toBe(2);
    expect(classes.of(0)).toBe(classes.of(2));
    classes.subtract([0, 1, 2], [vec(1, 0), vec(1, 0), vec(1, 0)], 0, 10, 3);
    expect(classes.count).toBe(2); // the whole class changed alike
    classes.subtract([1], [vec(1, 0)], 5, 10, 1);
    expect(classes.count).toBe(3);
    expect(classes.of(0)).toBe(classes.of(2));
    expect(classes.of(1)).not.toBe(classes.of(0));
    classes.reset(20, capacity, D, (i) => i !== 0);
    expect(classes.count).toBe(3); // node 0 is closed: a class of its own
    expect(classes.of(0).freeDimAt(20, 0)).toBe(0);
  });

  it('keeps every map exact across copies, advances and node resets (random changes)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(vec(4, 8), vec(4, 8), vec(2, 8)), { minLength: 1, maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 1000 }),
        (capacity, down, seed) => {
          const size = capacity.length;
          const schedulable = (i: number): boolean => !down[i]!;
          const fresh = (i: number, at: number): NodeTimeline => {
            const t = new NodeTimeline(D);
            t.reset(at, capacity[i]!);
            if (!schedulable(i)) t.closeFrom(at);
            return t;
          };
          const base = new TimelineClasses();
          base.reset(0, capacity, D, schedulable);
          const alone = capacity.map((_, i) => fresh(i, 0));
          const rounds = fc.sample(fc.tuple(arbitraryOps(size), fc.uniqueArray(fc.integer({ min: 0, max: size - 1 }), { maxLength: size })), { seed, numRuns: 4 });
          let now = 0;
          for (const [ops, resets] of rounds) {
            // Later in time: every map starts at the new instant; some nodes start afresh.
            now += 15;
            base.advance(now);
            alone.forEach((t) => t.advance(now));
            base.resetNodes(resets, resets.length, now, capacity, schedulable);
            for (const n of resets) alone[n] = fresh(n, now);
            for (const op of ops) {
              if (op.kind !== 'subtract') continue;
              base.subtract(op.nodes, op.amounts.map((a) => vec(...a)), op.t0, op.t1, op.nodes.length);
              op.nodes.forEach((n, k) => alone[n]!.subtract(op.t0, op.t1, vec(...op.amounts[k]!)));
            }
            // A copy answers alike, and changing it leaves the original alone.
            const copy = new TimelineClasses();
            copy.copyFrom(base);
            for (let i = 0; i < size; i++) {
              expect(base.of(i).steps()).toEqual(alone[i]!.steps());
              expect(copy.of(i).steps()).toEqual(alone[i]!.steps());
            }
            expect(base.count).toBeLessThanOrEqual(size);
            let members = 0;
            for (let k = 0; k < base.count; k++) members += base.membersOf(base.liveClasses[k]!);
            expect(members).toBe(size);
            copy.subtract([0], [vec(1, 1)], now, now + 10, 1);
            expect(base.of(0).steps()).toEqual(alone[0]!.steps());
          }
        },
      ),
    );
  });

  it('advances a map to a later start breakpoint for breakpoint', () => {
    const t = new NodeTimeline(D);
    t.reset(0, vec(4, 8));
    t.subtract(0, 10, vec(1, 0));
    t.subtract(5, 20, vec(1, 0));
    t.advance(7);
    expect(t.steps()).toEqual([
      [7, vec(2, 8)],
      [10, vec(3, 8)],
      [20, vec(4, 8)],
    ]);
    t.advance(10);
    expect(t.steps()).toEqual([
      [10, vec(3, 8)],
      [20, vec(4, 8)],
    ]);
    expect(t.isFresh(10, vec(3, 8))).toBe(false);
    t.advance(25);
    expect(t.isFresh(25, vec(4, 8))).toBe(true);
  });
});
