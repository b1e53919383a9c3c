import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  multifactorPriorities,
  orderByPriority,
  type MultifactorConfig,
  type MultifactorResult,
  type PriorityJob,
  type PriorityWeights,
} from '../../../core/priority/index.js';

/** Random queues: pending and running jobs over a few accounts, with integer ms times up to `NOW`. */
const NOW = 10_000_000;

const jobArb = (withMandated: boolean): fc.Arbitrary<Omit<PriorityJob, 'index'>> =>
  fc
    .record({
      pending: fc.boolean(),
      submitTime: fc.integer({ min: 0, max: NOW }),
      ranFor: fc.integer({ min: 0, max: NOW }),
      qosPriority: fc.integer({ min: 0, max: 1000 }),
      partitionPriority: fc.integer({ min: 0, max: 20 }),
      cpuMilli: fc.integer({ min: 1, max: 128_000 }),
      nodes: fc.integer({ min: 1, max: 64 }),
      memMiB: fc.integer({ min: 0, max: 1_000_000 }),
      account: fc.constantFrom('a', 'b', 'c', 'd'),
      mandated: withMandated ? fc.option(fc.integer({ min: -1000, max: 1_000_000 }), { freq: 4 }) : fc.constant(null),
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
      return r.mandated === null ? job : { ...job, mandatedPriority: r.mandated };
    });

const queueArb = (withMandated = true): fc.Arbitrary<PriorityJob[]> =>
  fc.array(jobArb(withMandated), { minLength: 1, maxLength: 60 }).map((js) => js.map((j, i) => ({ ...j, index: i })));

const weightsArb: fc.Arbitrary<PriorityWeights> = fc.record({
  age: fc.integer({ min: 0, max: 100_000 }),
  fairShare: fc.integer({ min: 0, max: 100_000 }),
  jobSize: fc.integer({ min: 0, max: 100_000 }),
  partition: fc.integer({ min: 0, max: 100_000 }),
  qos: fc.integer({ min: 0, max: 1_000_000 }),
});

const configArb: fc.Arbitrary<MultifactorConfig> = fc.record({
  weights: weightsArb,
  maxAgeMs: fc.integer({ min: 0, max: 2 * NOW }),
  favorSmall: fc.boolean(),
});

const scaled = (c: MultifactorConfig, k: number): MultifactorConfig => ({
  ...c,
  weights: { age: c.weights.age * k, fairShare: c.weights.fairShare * k, jobSize: c.weights.jobSize * k, partition: c.weights.partition * k, qos: c.weights.qos * k },
});

const byIndex = (rs: readonly MultifactorResult[]): Map<number, MultifactorResult> => new Map(rs.map((r) => [r.index, r]));

describe('multifactorPriorities: properties', () => {
  it('every factor lies in [0, 1], and a computed priority is the weighted sum of its factors', () => {
    fc.assert(
      fc.property(queueArb(), configArb, (jobs, config) => {
        const results = multifactorPriorities(jobs, config, NOW);
        expect(results.map((r) => r.index)).toEqual(jobs.filter((j) => j.pending).map((j) => j.index));
        const w = config.weights;
        for (const r of results) {
          if (r.factors === null) continue;
          for (const v of Object.values(r.factors)) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
          }
          const f = r.factors;
          expect(r.priority).toBe(w.age * f.age + w.partition * f.partition + w.jobSize * f.jobSize + w.fairShare * f.fairShare + w.qos * f.qos);
        }
      }),
    );
  });

  it('scaling all weights by a power of two scales every priority exactly, so the order is unchanged', () => {
    fc.assert(
      fc.property(queueArb(false), configArb, fc.integer({ min: -20, max: 20 }), (jobs, config, e) => {
        const k = 2 ** e;
        const base = multifactorPriorities(jobs, config, NOW);
        const more = multifactorPriorities(jobs, scaled(config, k), NOW);
        base.forEach((r, i) => expect(more[i]!.priority).toBe(r.priority * k));
        expect(orderByPriority(more, Infinity)).toEqual(orderByPriority(base, Infinity));
      }),
    );
  });

  it('scaling all weights by any positive constant never inverts two clearly different priorities', () => {
    fc.assert(
      fc.property(queueArb(false), configArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (jobs, config, k) => {
        const base = multifactorPriorities(jobs, config, NOW);
        const more = multifactorPriorities(jobs, scaled(config, k), NOW);
        const tol = 1e-9 * Math.max(1, ...base.map((r) => Math.abs(r.priority)));
        for (let i = 0; i < base.length; i++) {
          for (let j = 0; j < base.length; j++) {
            if (base[i]!.priority > base[j]!.priority + tol) expect(more[i]!.priority).toBeGreaterThan(more[j]!.priority);
          }
        }
      }),
    );
  });

  it('favorSmall flips the job-size factor: jobSize(favorSmall) = 1 − jobSize(plain)', () => {
    fc.assert(
      fc.property(queueArb(false), configArb, (jobs, config) => {
        const plain = multifactorPriorities(jobs, { ...config, favorSmall: false }, NOW);
        const small = multifactorPriorities(jobs, { ...config, favorSmall: true }, NOW);
        plain.forEach((p, i) => {
          const a = p.factors!.jobSize;
          const b = small[i]!.factors!.jobSize;
          expect(a + b).toBeCloseTo(1, 12);
          // and the order by job size reverses
          plain.forEach((q, j) => {
            if (a < q.factors!.jobSize) expect(b).toBeGreaterThanOrEqual(small[j]!.factors!.jobSize);
          });
        });
      }),
    );
  });

  it('a mandated priority passes through, and mandating one job never changes the others', () => {
    fc.assert(
      fc.property(queueArb(false), configArb, fc.nat(), fc.integer({ min: 1, max: 1_000_000 }), (jobs, config, pick, p) => {
        const pendings = jobs.filter((j) => j.pending);
        fc.pre(pendings.length > 0);
        const target = pendings[pick % pendings.length]!;
        const mandated = jobs.map((j) => (j === target ? { ...j, mandatedPriority: p } : j));
        const before = byIndex(multifactorPriorities(jobs, config, NOW));
        const after = byIndex(multifactorPriorities(mandated, config, NOW));
        expect(after.get(target.index)).toEqual({ index: target.index, submitTime: target.submitTime, priority: p, factors: null });
        for (const [index, r] of before) if (index !== target.index) expect(after.get(index)).toEqual(r);
      }),
    );
  });

  it('is deterministic, and the input order matters only to the last bits of the service sums', () => {
    fc.assert(
      fc.property(queueArb(), configArb, fc.integer(), (jobs, config, seed) => {
        const once = multifactorPriorities(jobs, config, NOW);
        expect(multifactorPriorities(jobs, config, NOW)).toEqual(once);
        const shuffled = fc.sample(fc.shuffledSubarray(jobs, { minLength: jobs.length, maxLength: jobs.length }), { seed, numRuns: 1 })[0]!;
        const other = byIndex(multifactorPriorities(shuffled, config, NOW));
        for (const r of once) {
          const s = other.get(r.index)!;
          expect(s.priority).toBeCloseTo(r.priority, 6);
          if (r.factors === null) expect(s.factors).toBeNull();
          else for (const [k, v] of Object.entries(r.factors)) expect(s.factors![k as keyof typeof r.factors]).toBeCloseTo(v, 9);
        }
      }),
    );
  });

  it('ages: an earlier submission never gets a smaller age factor; the oldest gets 1 unless all are equal', () => {
    fc.assert(
      fc.property(queueArb(false), configArb, (jobs, config) => {
        const results = multifactorPriorities(jobs, config, NOW);
        for (const a of results) for (const b of results) if (a.submitTime < b.submitTime) expect(a.factors!.age).toBeGreaterThanOrEqual(b.factors!.age);
        const ages = results.map((r) => r.factors!.age);
        if (ages.some((x) => x > 0)) expect(Math.max(...ages)).toBe(1);
      }),
    );
  });

  it('fair share: an account with more running service never gets a larger factor; an idle account gets the top one', () => {
    fc.assert(
      fc.property(queueArb(false), configArb, (jobs, config) => {
        const results = multifactorPriorities(jobs, config, NOW);
        // A plain model of the service: the three size terms over all jobs' ranges, times whole run seconds.
        const term = (pick: (j: PriorityJob) => number, j: PriorityJob): number => {
          const xs = jobs.map(pick);
          const lo = Math.min(...xs);
          const hi = Math.max(...xs);
          return hi > lo ? (pick(j) - lo) / (hi - lo) : 1;
        };
        const service = new Map<string, number>();
        for (const j of jobs) {
          const add = j.pending ? 0 : (term((x) => x.cpuMilli, j) + term((x) => x.nodes, j) + term((x) => x.memMiB, j)) * Math.trunc((NOW - j.startTime) / 1000);
          service.set(j.account, (service.get(j.account) ?? 0) + add);
        }
        const accountOf = new Map(jobs.map((j) => [j.index, j.account]));
        const fs = results.map((r) => ({ s: service.get(accountOf.get(r.index)!)!, f: r.factors!.fairShare }));
        for (const a of fs) {
          for (const b of fs) if (a.s < b.s - 1e-6 * Math.max(1, b.s)) expect(a.f).toBeGreaterThanOrEqual(b.f);
          if (a.s === 0 && [...service.values()].some((v) => v > 0)) expect(a.f).toBe(1);
        }
      }),
    );
  });
});
