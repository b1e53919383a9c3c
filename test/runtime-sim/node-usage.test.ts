import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeUsage } from '../../runtime-sim/node-usage.js';

/** Ascending, disjoint runs in [0, size) from sorted distinct picks. */
function runsFrom(picks: readonly number[], size: number): number[] {
  const nodes = [...new Set(picks.map((p) => p % size))].sort((a, b) => a - b);
  const runs: number[] = [];
  for (const n of nodes) {
    if (runs.length > 0 && runs[runs.length - 2]! + runs[runs.length - 1]! === n) runs[runs.length - 1]!++;
    else runs.push(n, 1);
  }
  return runs;
}

function eachNode(runs: readonly number[], f: (n: number) => void): void {
  for (let r = 0; r < runs.length; r += 2) for (let n = runs[r]!; n < runs[r]! + runs[r + 1]!; n++) f(n);
}

describe('NodeUsage', () => {
  it('books whole blocks at once and says what a node-by-node model says', () => {
    const op = fc.oneof(
      // A job on wide runs (whole blocks), or on scattered nodes; sometimes one node alone.
      fc.record({ kind: fc.constant('take' as const), from: fc.nat(), width: fc.integer({ min: 1, max: 70 }), extra: fc.array(fc.nat(), { maxLength: 6 }), amount: fc.constantFrom(1, 2, 4, 0.5) }),
      fc.record({ kind: fc.constant('give' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('single' as const), node: fc.nat(), amount: fc.constantFrom(1, -1, 3) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), fc.array(op, { maxLength: 60 }), (size, ops) => {
        // Capacities vary within blocks (2, 4 or 8 units of resource 1; resource 0 unused).
        const capacity = Array.from({ length: size }, (_, n) => Float64Array.of(0, [2, 4, 8][n % 3]!));
        const usage = new NodeUsage(capacity);
        const model = new Float64Array(size);
        const held: Array<{ runs: readonly number[]; amount: number }> = [];
        for (const o of ops) {
          if (o.kind === 'take') {
            const wide = Array.from({ length: o.width }, (_, i) => o.from + i).filter((n) => n < o.from - (o.from % size) + size);
            const runs = runsFrom([...wide, ...o.extra], size);
            let fits = true;
            eachNode(runs, (n) => (fits &&= model[n]! + o.amount <= capacity[n]![1]! + 1e-9));
            // A take that does not fit changes nothing (checked below, node by node).
            expect(usage.takeUniform(runs, o.amount, 1)).toBe(fits);
            if (fits) {
              eachNode(runs, (n) => (model[n]! += o.amount));
              held.push({ runs, amount: o.amount });
            }
          } else if (o.kind === 'give') {
            if (held.length === 0) continue;
            const [h] = held.splice(o.pick % held.length, 1);
            usage.addUniform(h!.runs, -h!.amount, 1);
            eachNode(h!.runs, (n) => (model[n]! -= h!.amount));
          } else {
            const n = o.node % size;
            usage.add(n, 1, o.amount);
            model[n]! += o.amount;
          }
          for (let n = 0; n < size; n++) {
            expect(usage.used(n, 1)).toBeCloseTo(model[n]!, 9);
            expect(usage.used(n, 0)).toBe(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
