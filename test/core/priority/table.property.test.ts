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
