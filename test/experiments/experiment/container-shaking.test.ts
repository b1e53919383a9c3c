import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeRun, loadExperiment, planRuns, shakeContainerJobs, shakeJobs, UNSHAKEN_SEED } from '../../../experiments/experiment/index.js';
import { loadClusterConfig } from '../../../traces/config/index.js';
import { containerJobsToSim, formatContainerWorkload, type ContainerJob } from '../../../traces/container/index.js';
import { generatePipelineWorkload, splitPodWorkload } from '../../../traces/generators/index.js';
import { repoRoot, tempDir, writeExperiment } from './fixtures.js';

const params = { submitJitterSeconds: 60, runtimeJitter: 0.05 };

function workload(jobs = 20, seed = 'shake'): ContainerJob[] {
  const w = generatePipelineWorkload({ seed, jobs, meanInterarrival: 30 });
  if (!w.ok) throw new Error(w.issues.join('; '));
  return [...w.value];
}

const durations = (jobs: readonly ContainerJob[]): number[] => jobs.flatMap((j) => [j.primary.duration, ...j.steps.map((s) => s.duration)]);

describe('shaking a container workload', () => {
  it('leaves seed 0 untouched and is deterministic per seed', () => {
    const jobs = workload();
    expect(shakeContainerJobs(jobs, UNSHAKEN_SEED, params)).toBe(jobs);
    expect(shakeContainerJobs(jobs, 3, params)).toEqual(shakeContainerJobs(jobs, 3, params));
    expect(durations(shakeContainerJobs(jobs, 3, params))).not.toEqual(durations(shakeContainerJobs(jobs, 4, params)));
  });

  it('shakes step run times, not only submit times, and keeps everything else', () => {
    const jobs = workload();
    const shaken = shakeContainerJobs(jobs, 1, params);
    const changed = shaken.flatMap((j, i) => j.steps.filter((s, k) => s.duration !== jobs[i]!.steps[k]!.duration)).length;
    expect(changed).toBeGreaterThan(durations(jobs).length / 2);
    shaken.forEach((j, i) => {
      const o = jobs[i]!;
      expect({ ...j, submitTime: 0, primary: { ...j.primary, duration: 0 }, steps: j.steps.map((s) => ({ ...s, duration: 0 })) }).toEqual({
        ...o,
        submitTime: 0,
        primary: { ...o.primary, duration: 0 },
        steps: o.steps.map((s) => ({ ...s, duration: 0 })),
      });
    });
  });

  it('shakes submit times exactly as the same jobs in a plain trace (same draws as shakeJobs)', async () => {
    const jobs = workload();
    const cluster = await loadClusterConfig(join(repoRoot, 'experiments', 'examples', 'pods', 'cluster.yaml'));
    if (!cluster.ok) throw new Error('cluster');
    const sim = containerJobsToSim(jobs, cluster.value);
    if (!sim.ok) throw new Error('sim');
    expect(shakeContainerJobs(jobs, 5, params).map((j) => j.submitTime)).toEqual(shakeJobs(sim.value, 5, params).map((j) => j.submitTime));
  });

  it('pins the perturbation of a known seed (a change here changes every shaken container result)', () => {
    const [j] = shakeContainerJobs(workload(1, 'pin'), 1, params);
    expect([j!.submitTime, j!.primary.duration, ...j!.steps.map((s) => s.duration)]).toMatchInlineSnapshot(`
      [
        16000,
        993,
        188914,
        434360,
        201971,
        888497,
      ]
    `);
  });

  it('changes each run time by at most the jitter and never past its time limit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 0.9, noNaN: true }), fc.integer({ min: 0, max: 600 }), (seed, r, jitter) => {
        const jobs = workload(6, `p${seed % 7}`);
        const shaken = shakeContainerJobs(jobs, seed, { submitJitterSeconds: jitter, runtimeJitter: r });
        shaken.forEach((j, i) => {
          const o = jobs[i]!;
          expect(j.submitTime).toBeGreaterThanOrEqual(0);
          expect(Math.abs(j.submitTime - o.submitTime)).toBeLessThanOrEqual(jitter * 1000);
          const pairs: Array<[number, number, number | undefined]> = [[j.primary.duration, o.primary.duration, o.timeLimit], ...j.steps.map((s, k): [number, number, number | undefined] => [s.duration, o.steps[k]!.duration, o.steps[k]!.timeLimit ?? o.timeLimit])];
          for (const [now, was, limit] of pairs) {
            expect(Number.isInteger(now)).toBe(true);
            expect(Math.abs(now - was)).toBeLessThanOrEqual(r * was + 0.5);
            if (limit !== undefined && was <= limit) expect(now).toBeLessThanOrEqual(limit);
          }
        });
      }),
      { numRuns: 40 },
    );
  });

  it('gives both submission modes of a seed the same shaken work (shaken before the split)', () => {
    const shaken = shakeContainerJobs(workload(), 2, params);
    const split = splitPodWorkload(shaken);
    const work = (jobs: readonly ContainerJob[]): number => jobs.reduce((s, j) => s + (j.primary.kind === 'container' ? j.primary.duration : 0) + j.steps.reduce((t, st) => t + st.duration, 0), 0);
    expect(work(split)).toBe(work(shaken));
  });

  it("an experiment's shaken container run runs the shaken step durations", async () => {
    const dir = tempDir('container-shaking');
    cpSync(join(repoRoot, 'experiments', 'examples', 'pods', 'cluster.yaml'), join(dir, 'cluster.yaml'));
    const jobs = workload(8);
    writeFileSync(join(dir, 'w.jsonl'), formatContainerWorkload(jobs));
    const loaded = loadExperiment(writeExperiment(dir, 'name: s\ntraces:\n  - containers: w.jsonl\n    cluster: cluster.yaml\nprofiles: [cranesched]\nseeds: [0, 1]\n'));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const check = async (seed: number): Promise<number> => {
      const run = planRuns(loaded.value, 'test').find((r) => r.seed === seed)!;
      const c = await computeRun(run.task);
      if (!c.ok) throw new Error(c.message);
      const shaken = shakeContainerJobs(jobs, seed, loaded.value.shaking);
      const rows = c.result.steps!.filter((s) => s.role === 'common' && s.finalState === 'Completed');
      for (const row of rows) expect(row.endTime - row.startTime).toBe(shaken.find((j) => j.id === row.externalId)!.steps[row.stepId - 2]!.duration);
      return rows.length;
    };
    expect(await check(0)).toBeGreaterThan(10);
    expect(await check(1)).toBeGreaterThan(10);
    expect(durations(shakeContainerJobs(jobs, 1, loaded.value.shaking))).not.toEqual(durations(jobs));
  });
});
