import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replaceSorted } from '../../../core/policies/cranesched/running-base.js';

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
});
