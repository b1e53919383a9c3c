import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeOrder } from '../../../core/index.js';

/** The order by definition: cost ascending (descending for `pack`), ties to the lower index. */
function reference(nodes: readonly number[], cost: (n: number) => number, sign: number): number[] {
  return [...nodes].sort((a, b) => (cost(a) !== cost(b) ? sign * (cost(a) - cost(b)) : a - b));
}

const costs = (size: number) => fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 1e6, noNaN: true })), { minLength: size, maxLength: size });

/** 1 to 40 nodes or 65 to 100 (past the sizes where NodeOrder changes method), a selection, and 1 to 8 cycles drawn by `cycle` for that many nodes. */
function worlds<C>(cycle: (size: number) => fc.Arbitrary<C>) {
  return fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 65, max: 100 })).chain((size) =>
    fc.record({
      size: fc.constant(size),
      selection: fc.constantFrom('least-loaded' as const, 'pack' as const),
      cycles: fc.array(cycle(size), { minLength: 1, maxLength: 8 }),
    }),
  );
}

describe('NodeOrder', () => {
  it('orders by cost with ties to the lower index after every reset, addMany and addSame, whether the nodes stay or change', () => {
    fc.assert(
      fc.property(
        worlds((size) =>
          fc.record({
            cost: costs(size),
            // a cycle keeps all nodes (most cycles) or drops some (down, drained)
            drop: fc.oneof(fc.constant([] as number[]), fc.uniqueArray(fc.integer({ min: 0, max: size - 1 }), { maxLength: 3 })),
            adds: fc.array(fc.record({ node: fc.integer({ min: 0, max: size - 1 }), load: fc.integer({ min: 0, max: 1000 }) }), { maxLength: 6 }),
            prefix: fc.integer({ min: 0, max: size }),
            prefixLoad: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
            // the same load on every node, as a table (addMany) or as one number (addSame)
            same: fc.boolean(),
          }),
        ),
        ({ size, selection, cycles }) => {
          const order = new NodeOrder(size, selection);
          const sign = selection === 'least-loaded' ? 1 : -1;
          for (const c of cycles) {
            const nodes = Array.from({ length: size }, (_, i) => i).filter((i) => !c.drop.includes(i));
            const cost = [...c.cost];
            order.reset(nodes, Float64Array.from(cost));
            expect([...order.nodes]).toEqual(reference(nodes, (n) => cost[n]!, sign));
            const adds = c.adds.filter((a) => nodes.includes(a.node) && c.adds.filter((b) => b.node === a.node).length === 1);
            order.addMany(
              adds.map((a) => a.node),
              adds.map((a) => a.load),
            );
            for (const a of adds) cost[a.node]! += a.load;
            expect([...order.nodes]).toEqual(reference(nodes, (n) => cost[n]!, sign));
            // A job placed on the cheapest nodes: the first ones of the order take a load.
            const first = [...order.nodes].slice(0, c.prefix);
            if (c.same) order.addSame(first, c.prefixLoad, first.length);
            else
              order.addMany(
                first,
                first.map(() => c.prefixLoad),
              );
            for (const n of first) cost[n]! += c.prefixLoad;
            expect([...order.nodes]).toEqual(reference(nodes, (n) => cost[n]!, sign));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('moves the nodes of a small placement (one to three nodes) to their places in a large order', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('least-loaded' as const, 'pack' as const),
        costs(100),
        fc.array(fc.record({ node: fc.integer({ min: 0, max: 99 }), load: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 1e6, noNaN: true })) }), { minLength: 1, maxLength: 3 }),
        (selection, start, adds) => {
          const order = new NodeOrder(100, selection);
          const nodes = Array.from({ length: 100 }, (_, i) => i);
          const cost = [...start];
          order.reset(nodes, Float64Array.from(cost));
          const once = adds.filter((a, i) => adds.findIndex((b) => b.node === a.node) === i);
          order.addMany(
            once.map((a) => a.node),
            once.map((a) => a.load),
          );
          for (const a of once) cost[a.node]! += a.load;
          expect([...order.nodes]).toEqual(reference(nodes, (n) => cost[n]!, selection === 'least-loaded' ? 1 : -1));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives up insertion on a scrambled order and still sorts (a reversed order of 200 nodes)', () => {
    const order = new NodeOrder(200, 'least-loaded');
    const nodes = Array.from({ length: 200 }, (_, i) => i);
    order.reset(nodes, Float64Array.from(nodes, (n) => n));
    order.reset(nodes, Float64Array.from(nodes, (n) => 200 - n)); // every node moves: past the insertion budget
    expect([...order.nodes]).toEqual([...nodes].reverse());
  });

  it('restore brings back the order and costs of save, after any placements', () => {
    const order = new NodeOrder(6, 'least-loaded');
    order.reset([0, 1, 2, 3, 4, 5], Float64Array.from([5, 4, 3, 2, 1, 0]));
    order.save();
    const saved = [...order.nodes];
    order.addMany([5, 4, 3], [10, 10, 10]);
    order.addMany([0], [0.5]);
    expect([...order.nodes]).not.toEqual(saved);
    order.restore();
    expect([...order.nodes]).toEqual(saved);
    expect([0, 1, 2, 3, 4, 5].map((n) => order.costOf(n))).toEqual([5, 4, 3, 2, 1, 0]);
    // The costs as saved: a placement after the restore moves nodes from there.
    order.addMany([5], [2.5]);
    expect([...order.nodes]).toEqual([4, 3, 5, 2, 1, 0]);
  });

  it('resetMoving gives the order reset gives, whichever nodes are named as moved', () => {
    fc.assert(
      fc.property(
        worlds((size) =>
          fc.record({
            // most costs shift alike (time passing), some jump
            shift: fc.integer({ min: 0, max: 3 }),
            jumps: fc.array(fc.record({ node: fc.integer({ min: 0, max: size - 1 }), cost: fc.integer({ min: 0, max: 20 }) }), { maxLength: 6 }),
            named: fc.oneof(fc.constant('jumps' as const), fc.constant('none' as const), fc.constant('all' as const), fc.constant('unknown' as const)),
            drop: fc.oneof(fc.constant([] as number[]), fc.constant([] as number[]), fc.uniqueArray(fc.integer({ min: 0, max: size - 1 }), { maxLength: 2 })),
          }),
        ),
        ({ size, selection, cycles }) => {
          const order = new NodeOrder(size, selection);
          const sign = selection === 'least-loaded' ? 1 : -1;
          const cost = Array.from({ length: size }, (_, i) => (i * 7) % 5);
          let nodes = Array.from({ length: size }, (_, i) => i);
          for (const c of cycles) {
            const next = Array.from({ length: size }, (_, i) => i).filter((i) => !c.drop.includes(i));
            if (next.length !== nodes.length) nodes = next; // a new list when the nodes change
            for (let i = 0; i < size; i++) cost[i] = Math.max(0, cost[i]! - c.shift);
            for (const j of c.jumps) cost[j.node] = j.cost;
            const movers = c.named === 'jumps' ? c.jumps.map((j) => j.node) : c.named === 'all' ? nodes : c.named === 'none' ? [] : null;
            order.resetMoving(nodes, Float64Array.from(cost), movers);
            expect([...order.nodes]).toEqual(reference(nodes, (n) => cost[n]!, sign));
          }
        },
      ),
    );
  });
});
