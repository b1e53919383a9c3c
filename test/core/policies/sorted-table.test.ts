import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replaceSorted, TableChanges } from '../../../core/policies/cranesched/running-base.js';

/** The free-CPU table of the cranesched planner: one value replaced in place keeps it sorted, as sorting afresh would. */
describe('replaceSorted', () => {
  it('equals replacing the value and sorting again (moves up, down and none; short and long tables)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 150 }), fc.nat(), fc.integer({ min: -2, max: 25 }), (values, pick, is) => {
        const table = Float64Array.from(values).sort();
        const was = table[pick % table.length]!;
        const expected = Float64Array.from(table);
        expected[pick % table.length] = is;
        expected.sort();
        replaceSorted(table, was, is);
        expect([...table]).toEqual([...expected]);
      }),
      { numRuns: 500 },
    );
  });

  it('throws, naming the value, when the value to replace is not in the table (a planner bug)', () => {
    // (moving up it looks at the last value <= 3, moving down at the first >= 3)
    expect(() => replaceSorted(Float64Array.of(1, 2, 4), 3, 9)).toThrow('invariant violated: free-CPU table has no 3 (found 2)');
    expect(() => replaceSorted(Float64Array.of(1, 2, 4), 3, 0)).toThrow('invariant violated: free-CPU table has no 3 (found 4)');
  });
});

describe('TableChanges', () => {
  it('equals setting the values and sorting again, for any number changed (one by one, merged, sorted afresh)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 120 }),
        fc.array(fc.record({ pick: fc.nat(), is: fc.integer({ min: -2, max: 25 }) }), { maxLength: 120 }),
        (values, edits) => {
          // `of`: a value per node; the table holds the values of the listed nodes (every other one), ascending.
          const of = Float64Array.from(values);
          const nodes = values.map((_, i) => i).filter((i) => i % 2 === 0);
          const table = Float64Array.from(nodes, (n) => of[n]!).sort();
          const changes = new TableChanges();
          changes.begin(table.length);
          const edited = new Set<number>();
          for (const e of edits) {
            const node = nodes[e.pick % nodes.length]!;
            if (edited.has(node)) continue; // one change per node, as its callers make
            edited.add(node);
            if (of[node] === e.is) continue;
            changes.add(of[node]!, e.is);
            of[node] = e.is;
          }
          changes.applyTo(table, of, nodes);
          expect([...table]).toEqual([...Float64Array.from(nodes, (n) => of[n]!).sort()]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
