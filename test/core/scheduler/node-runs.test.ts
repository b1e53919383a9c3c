import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeNodeId, type NodeId } from '../../../core/index.js';
import { NodeRunStore } from '../../../core/scheduler/node-runs.js';

const ids = (...n: number[]): NodeId[] => n.map(makeNodeId);

describe('NodeRunStore', () => {
  it('keeps a list as runs of consecutive ids: 1 + 2 ints per run', () => {
    const s = new NodeRunStore();
    const a = s.add(ids(5, 6, 7, 9));
    expect(s.size).toBe(1 + 2 * 2);
    const b = s.add(ids(0, 1, 2, 3, 4, 5, 6, 7));
    expect(s.size).toBe(5 + 3);
    expect(s.list(a)).toEqual([5, 6, 7, 9]);
    expect(s.list(b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('gives back any list exactly, in its order, across growth', () => {
    const list = fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 300 }).map((xs) => [...new Set(xs)]);
    const runs = fc.array(fc.record({ from: fc.integer({ min: 0, max: 5000 }), len: fc.integer({ min: 1, max: 200 }) }), { maxLength: 5 }).map((rs) => [
      ...new Set(rs.flatMap((r) => Array.from({ length: r.len }, (_, i) => r.from + i))),
    ]);
    fc.assert(
      fc.property(fc.array(fc.oneof(list, runs), { maxLength: 60 }), (lists) => {
        const s = new NodeRunStore();
        const at = lists.map((l) => s.add(ids(...l)));
        lists.forEach((l, i) => expect(s.list(at[i]!)).toEqual(l));
        // `runs` is the same list as (first, length) pairs, never two adjacent ascending runs.
        lists.forEach((l, i) => {
          const runs = s.runs(at[i]!);
          const expanded: number[] = [];
          for (let r = 0; r < runs.length; r += 2) {
            if (r > 0) expect(runs[r]).not.toBe(runs[r - 2]! + runs[r - 1]!);
            for (let k = 0; k < runs[r + 1]!; k++) expanded.push(runs[r]! + k);
          }
          expect(expanded).toEqual(l);
          // A list stored as its runs reads back the same.
          expect(s.list(s.addRuns(runs))).toEqual(l);
        });
      }),
      { numRuns: 200 },
    );
  });
});
