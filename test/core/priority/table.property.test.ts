import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MultifactorTable, multifactorPriorities, orderByPriority, type MultifactorConfig, type PriorityJob } from '../../../core/priority/index.js';

/**
 * MultifactorTable is the per-cycle fast path of `multifactorPriorities` + `orderByPriority`:
 * the same doubles bit for bit, the same factors and the same order, on random queues with many
 * ties (small value ranges), mandated priorities, both fair-share sources, and a table reused
 * across queues of different sizes.
 */
const NOW = 3_000_000;
const ACCOUNTS = ['a', 'b', 'c', 'd', 'e'];

const jobArb: fc.Arbitrary<Omit<PriorityJob, 'index'>> = fc
  .record({
    pending: fc.boolean(),
    submitTime: fc.oneof(fc.integer({ min: 0, max: NOW + 5000 }), fc.constantFrom(0, 1000, 1999, NOW)),
    ranFor: fc.integer({ min: 0, max: NOW }),
    qosPriority: fc.integer({ min: 0, max: 3 }),
    partitionPriority: fc.integer({ min: 0, max: 2 }),
    cpuMilli: fc.constantFrom(500, 1000, 4000, 64_000),
    nodes: fc.integer({ min: 1, max: 4 }),
    memMiB: fc.constantFrom(0, 512, 4096),
    account: fc.constantFrom(...ACCOUNTS),
    mandated: fc.option(fc.constantFrom(-5, 0, 7, 1e6, 0.5), { freq: 5 }),
  })
  .map((r) => {
    const job: PriorityJob = {
      index: 0,
      pending: r.pending,
      submitTime: r.submitTime,
      startTime: r.pending ? NaN : Math.min(NOW, r.submitTime + r.ranFor),
      qosPriority: r.qosPriority,
      partitionPriority: r.partitionPriority,
      cpuMilli: r.cpuMilli,
      nodes: r.nodes,
      memMiB: r.memMiB,
      account: r.account,
    };
    return r.mandated === null || !r.pending ? job : { ...job, mandatedPriority: r.mandated };
  });

// Indexes unique but not in input order (the order breaks its last ties by index).
const queueArb = fc
  .array(jobArb, { minLength: 0, maxLength: 70 })
  .chain((js) => fc.shuffledSubarray([...Array(js.length).keys()].map((i) => i * 3 + 1), { minLength: js.length, maxLength: js.length }).map((idx) => js.map((j, i) => ({ ...j, index: idx[i]! }))));

const configArb: fc.Arbitrary<MultifactorConfig> = fc.record({
  weights: fc.record({
    age: fc.constantFrom(0, 1000, 3),
    fairShare: fc.constantFrom(0, 10_000, 7),
    jobSize: fc.constantFrom(0, 500, 1),
    partition: fc.constantFrom(0, 1000),
    qos: fc.constantFrom(0, 100_000, 3),
  }),
  maxAgeMs: fc.constantFrom(0, 1500, 600_000, 7 * 86_400_000),
  favorSmall: fc.boolean(),
});

const factorArb = fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 0.5)), { minLength: ACCOUNTS.length, maxLength: ACCOUNTS.length });

/** Fill the table with `jobs` (pending rows first, each group in input order; keys are the indexes), accounts by their place in ACCOUNTS. */
function fill(table: MultifactorTable, jobs: readonly PriorityJob[]): void {
  const pending = jobs.filter((j) => j.pending);
  const running = jobs.filter((j) => !j.pending);
  table.begin(pending.length, running.length);
  for (const j of jobs) {
    const k = j.index;
    table.reserve(k + 1);
    table.qosPriority[k] = j.qosPriority;
    table.partitionPriority[k] = j.partitionPriority;
    table.cpuMilli[k] = j.cpuMilli;
    table.nodes[k] = j.nodes;
    table.memMiB[k] = j.memMiB;
    table.account[k] = ACCOUNTS.indexOf(j.account);
    table.mandated[k] = j.mandatedPriority ?? 0;
  }
  [...pending, ...running].forEach((j, r) => {
    table.key[r] = j.index;
    table.submitTime[r] = j.submitTime;
    table.startTime[r] = j.startTime;
  });
}

describe('MultifactorTable equals multifactorPriorities + orderByPriority', () => {
  it('bit for bit, with either fair-share source, on one table reused across queues', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(queueArb, configArb, fc.option(factorArb, { freq: 3 })), { minLength: 1, maxLength: 4 }), (cases) => {
        const table = new MultifactorTable();
        for (const [jobs, base, factors] of cases) {
          const config: MultifactorConfig = factors === null ? base : { ...base, fairShare: { type: 'account-factor', factorOf: new Map(ACCOUNTS.map((a, i) => [a, factors[i]!])) } };
          const expected = multifactorPriorities(jobs, config, NOW);
          fill(table, jobs);
          table.compute(base, NOW, ACCOUNTS.length, factors === null ? null : Float64Array.from(factors));
          expect(table.pending).toBe(expected.length);
          expected.forEach((e, r) => {
            expect(table.key[r]).toBe(e.index);
            // (Outputs by key: a job's, whichever row it had.)
            const k = e.index;
            expect(Object.is(table.priority[k], e.priority)).toBe(true);
            if (e.factors === null) expect(table.factored[k]).toBe(0);
            else {
              expect(table.factored[k]).toBe(1);
              const got = { age: table.age[k], fairShare: table.fairShare[k], jobSize: table.jobSize[k], partition: table.partition[k], qos: table.qos[k] };
              for (const [k, v] of Object.entries(e.factors)) expect(Object.is(got[k as keyof typeof got], v)).toBe(true);
            }
          });
          const ordered = Array.from(table.order.subarray(0, table.pending), (r) => table.key[r]);
          expect(ordered).toEqual(orderByPriority(expected, Infinity).scheduled);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('MultifactorTable from cycle to cycle', () => {
  // Each sort starts from the last order (kept per key): a queue that evolves as a real one does
  // (time moves on, some jobs leave, new ones come, one may jump ahead by a mandated priority)
  // orders as a fresh table and the reference do, whether the rows are few or many, nearly in
  // order or shuffled (the insertion sort's move budget then hands over to the built-in sort).
  const stepArb = fc.record({
    advanceMs: fc.integer({ min: 0, max: 900_000 }),
    leave: fc.array(fc.nat(), { maxLength: 6 }),
    come: fc.array(jobArb, { maxLength: 8 }),
    shuffle: fc.boolean(),
  });
  it('orders as a fresh table does', () => {
    fc.assert(
      fc.property(queueArb, configArb, fc.array(stepArb, { minLength: 1, maxLength: 8 }), (start, config, steps) => {
        const table = new MultifactorTable();
        let jobs = start;
        let now = NOW;
        let next = 3 * jobs.length + 2;
        for (const step of [{ advanceMs: 0, leave: [], come: [], shuffle: false }, ...steps]) {
          now += step.advanceMs;
          const leaving = new Set(step.leave.map((i) => (jobs.length === 0 ? -1 : i % jobs.length)));
          jobs = [...jobs.filter((_, i) => !leaving.has(i)), ...step.come.map((j) => ({ ...j, index: next++, submitTime: Math.min(j.submitTime, now) }))];
          if (step.shuffle) jobs = [...jobs].reverse();
          fill(table, jobs);
          table.compute(config, now, ACCOUNTS.length, null);
          const fresh = new MultifactorTable();
          fill(fresh, jobs);
          fresh.compute(config, now, ACCOUNTS.length, null);
          const keys = (t: MultifactorTable): number[] => Array.from(t.order.subarray(0, t.pending), (r) => t.key[r]!);
          expect(keys(table)).toEqual(keys(fresh));
          expect(keys(table)).toEqual(orderByPriority(multifactorPriorities(jobs, config, now), Infinity).scheduled);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('hands a queue far from its order over to the built-in sort, with the same result', () => {
    // 200 pending jobs listed worst first: the first order (no last one to start from) has about
    // p^2/2 moves, well past the budget; then the same jobs listed best first.
    const config: MultifactorConfig = { weights: { age: 1000, fairShare: 0, jobSize: 0, partition: 0, qos: 0 }, maxAgeMs: 7 * 86_400_000, favorSmall: false };
    const base = { pending: true, startTime: NaN, qosPriority: 0, partitionPriority: 0, cpuMilli: 1000, nodes: 1, memMiB: 0, account: 'a' };
    const jobs: PriorityJob[] = Array.from({ length: 200 }, (_, i) => ({ ...base, index: i, submitTime: NOW - i * 1000 }));
    for (const listed of [jobs, [...jobs].reverse()]) {
      const table = new MultifactorTable();
      for (let cycle = 0; cycle < 2; cycle++) {
        fill(table, listed);
        table.compute(config, NOW, ACCOUNTS.length, null);
        expect(Array.from(table.order.subarray(0, table.pending), (r) => table.key[r]!)).toEqual([...jobs].reverse().map((j) => j.index));
      }
    }
  });
});
