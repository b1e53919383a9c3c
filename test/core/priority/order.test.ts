import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MULTIFACTOR_CONFIG,
  basicOrder,
  orderByPriority,
  prioritize,
  type RankedJob,
} from '../../../core/priority/index.js';
import { indexed, pending, running } from './jobs.js';

const ranked = (index: number, priority: number, submitTime = 0): RankedJob => ({ index, priority, submitTime });

describe('orderByPriority', () => {
  it('orders by priority descending, ties by earlier submission, then by lower index', () => {
    const order = orderByPriority(
      [
        ranked(0, 10, 500),
        ranked(1, 30, 900),
        ranked(2, 10, 100), // same priority as 0, submitted earlier: before 0
        ranked(5, 10, 100), // same priority and submission as 2, higher index: after 2
        ranked(4, -Infinity, 0),
        ranked(3, Infinity, 0),
      ],
      Infinity,
    );
    expect(order).toEqual({ scheduled: [3, 1, 2, 5, 0, 4], cut: [] });
  });

  it('keeps the first ScheduledBatchSize jobs and cuts the rest, in order', () => {
    const jobs = [ranked(0, 1), ranked(1, 5), ranked(2, 3), ranked(3, 4), ranked(4, 2)];
    expect(orderByPriority(jobs, 2)).toEqual({ scheduled: [1, 3], cut: [2, 4, 0] });
    expect(orderByPriority(jobs, 0)).toEqual({ scheduled: [], cut: [1, 3, 2, 4, 0] });
    expect(orderByPriority(jobs, 5)).toEqual({ scheduled: [1, 3, 2, 4, 0], cut: [] });
    expect(orderByPriority([], 3)).toEqual({ scheduled: [], cut: [] });
  });

  it('rejects a NaN priority (naming the job) and a bad batch size', () => {
    expect(() => orderByPriority([ranked(6, NaN)], 1)).toThrow(/index 6/);
    expect(() => orderByPriority([], -1)).toThrow(/ScheduledBatchSize/);
    expect(() => orderByPriority([], 1.5)).toThrow(/ScheduledBatchSize/);
  });

  const rankedArb = fc
    .array(
      fc.record({
        priority: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true })),
        submitTime: fc.integer({ min: 0, max: 5 }),
      }),
      { maxLength: 80 },
    )
    .map((rs) => rs.map((r, index) => ({ ...r, index })));

  it('is a total order: the result is a permutation, sorted, and independent of the input order', () => {
    fc.assert(
      fc.property(rankedArb, fc.nat({ max: 100 }), fc.integer(), (rs, batch, seed) => {
        const order = orderByPriority(rs, batch);
        const all = [...order.scheduled, ...order.cut];
        expect(order.scheduled).toHaveLength(Math.min(batch, rs.length));
        expect([...all].sort((a, b) => a - b)).toEqual(rs.map((r) => r.index));
        const at = new Map(rs.map((r) => [r.index, r]));
        for (let i = 1; i < all.length; i++) {
          const a = at.get(all[i - 1]!)!;
          const b = at.get(all[i]!)!;
          const before = a.priority > b.priority || (a.priority === b.priority && (a.submitTime < b.submitTime || (a.submitTime === b.submitTime && a.index < b.index)));
          expect(before).toBe(true);
        }
        const shuffled = fc.sample(fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }), { seed, numRuns: 1 })[0]!;
        expect(orderByPriority(shuffled, batch)).toEqual(order);
      }),
    );
  });
});

describe('basicOrder (priority/basic)', () => {
  it('is FIFO by submission index over pending jobs only, whatever the input order', () => {
    const jobs = [pending({ index: 4 }), running({ index: 0, start: 0 }), pending({ index: 1 }), pending({ index: 3 }), pending({ index: 2 })];
    expect(basicOrder(jobs, 10)).toEqual({ scheduled: [1, 2, 3, 4], cut: [] });
    expect(basicOrder(jobs, 3)).toEqual({ scheduled: [1, 2, 3], cut: [4] });
  });

  it('ignores every priority input: only the index counts', () => {
    const jobs = indexed([pending({ submit: 9, qos: 0 }), pending({ submit: 1, qos: 100, mandated: 1e9 })]);
    expect(basicOrder(jobs, 10).scheduled).toEqual([0, 1]);
  });
});

describe('prioritize', () => {
  const jobs = indexed([pending({ submit: 30 }), pending({ submit: 10 }), running({ start: 0 }), pending({ submit: 20 })]);

  it('priority/basic: FIFO, no priorities', () => {
    expect(prioritize({ type: 'priority/basic' }, jobs, 100_000, 2)).toEqual({ scheduled: [0, 1], cut: [3], results: [] });
  });

  it('priority/multifactor: oldest first under the default weights, the rest cut with their factors kept', () => {
    // ages 70, 90, 80 s: range [70, 90] → 0, 1, 0.5 → priorities 0, 1000, 500
    const pass = prioritize({ type: 'priority/multifactor', config: DEFAULT_MULTIFACTOR_CONFIG }, jobs, 100_000, 2);
    expect(pass.scheduled).toEqual([1, 3]);
    expect(pass.cut).toEqual([0]);
    expect(pass.results.map((r) => [r.index, r.priority])).toEqual([
      [0, 0],
      [1, 1000],
      [3, 500],
    ]);
  });
});
