import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimJob } from '../../../runtime-sim/index.js';
import { shakeJobs, UNSHAKEN_SEED } from '../../../experiments/experiment/index.js';

const job = (submit: number, runtime: number, limit: number | undefined): SimJob => ({
  spec: { externalId: 'j', user: 'u', account: 'a', partition: 'p', qos: '', request: { nodeCount: 1, perNode: { cpuMilli: 1000, memMiB: 0 } }, ...(limit === undefined ? {} : { timeLimit: limit }) },
  submitTime: submit,
  runtime,
  outcome: 'Completed',
  exitCode: 0,
});

const arbJobs = fc.array(
  fc.record({ submit: fc.integer({ min: 0, max: 1e6 }), run: fc.integer({ min: 1, max: 1e5 }), slack: fc.integer({ min: 0, max: 1e5 }) }).map((j) => job(j.submit * 1000, j.run * 1000, (j.run + j.slack) * 1000)),
  { maxLength: 60 },
);

describe('input shaking', () => {
  const params = { submitJitterSeconds: 60, runtimeJitter: 0.05 };

  it('leaves the trace untouched for seed 0', () => {
    const jobs = [job(0, 1000, 2000), job(5000, 3000, 3000)];
    expect(shakeJobs(jobs, UNSHAKEN_SEED, params)).toBe(jobs);
  });

  it('is deterministic per seed and differs between seeds', () => {
    const jobs = Array.from({ length: 50 }, (_, i) => job(i * 100_000, 3_600_000, 7_200_000));
    expect(shakeJobs(jobs, 7, params)).toEqual(shakeJobs(jobs, 7, params));
    expect(shakeJobs(jobs, 7, params)).not.toEqual(shakeJobs(jobs, 8, params));
  });

  it('pins the perturbation of a known seed (a change here changes every shaken result)', () => {
    const [a, b] = shakeJobs([job(1_000_000, 100_000, 200_000), job(2_000_000, 100_000, 200_000)], 1, params);
    expect([a!.submitTime, a!.runtime, b!.submitTime, b!.runtime]).toMatchInlineSnapshot(`
      [
        1016000,
        99000,
        1978000,
        103000,
      ]
    `);
  });

  it('moves submits by whole seconds within the jitter, never below 0, and keeps runtimes in [1 s, limit]', () => {
    fc.assert(
      fc.property(arbJobs, fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 600 }), fc.double({ min: 0, max: 0.5, noNaN: true }), (jobs, seed, jitter, r) => {
        const shaken = shakeJobs(jobs, seed, { submitJitterSeconds: jitter, runtimeJitter: r });
        expect(shaken).toHaveLength(jobs.length);
        shaken.forEach((s, i) => {
          const o = jobs[i]!;
          expect(s.spec).toBe(o.spec); // the request and time limit are the user's: unchanged
          expect(s.submitTime % 1000).toBe(o.submitTime % 1000);
          expect(s.submitTime).toBeGreaterThanOrEqual(0);
          expect(Math.abs(s.submitTime - o.submitTime)).toBeLessThanOrEqual(jitter * 1000);
          expect(s.runtime % 1000).toBe(0);
          expect(s.runtime).toBeGreaterThanOrEqual(1000);
          expect(s.runtime).toBeLessThanOrEqual(Math.max(o.spec.timeLimit!, 1000));
          // |change| <= r x runtime, plus half a second of rounding
          expect(Math.abs(s.runtime - o.runtime)).toBeLessThanOrEqual(r * o.runtime + 500);
        });
      }),
    );
  });

  it('gives a job the same draws whatever the parameters (common random numbers)', () => {
    const jobs = Array.from({ length: 20 }, (_, i) => job(1e7 + i * 1000, 1e6, 1e7));
    const onlySubmit = shakeJobs(jobs, 3, { submitJitterSeconds: 100, runtimeJitter: 0 });
    const both = shakeJobs(jobs, 3, { submitJitterSeconds: 100, runtimeJitter: 0.1 });
    expect(both.map((j) => j.submitTime)).toEqual(onlySubmit.map((j) => j.submitTime));
    expect(onlySubmit.every((j) => j.runtime === 1e6)).toBe(true);
  });

  it('caps runtimes without a time limit only below', () => {
    const [s] = shakeJobs([job(0, 1000, undefined)], 2, { submitJitterSeconds: 0, runtimeJitter: 0.9 });
    expect(s!.runtime).toBeGreaterThanOrEqual(1000);
  });
});
