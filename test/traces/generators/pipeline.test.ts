import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatContainerWorkload, loadContainerWorkload, writeContainerWorkload, type ContainerJob } from '../../../traces/container/index.js';
import { formatIssue } from '../../../traces/issue.js';
import { DEFAULT_PIPELINE_OPTIONS, Draws, generatePipelineWorkload, type PipelineOptions } from '../../../traces/generators/index.js';

function generate(options: Partial<PipelineOptions> & { seed: string }): ContainerJob[] {
  const r = generatePipelineWorkload(options);
  if (!r.ok) throw new Error(r.issues.join('\n'));
  return r.value;
}
const bytes = (options: Partial<PipelineOptions> & { seed: string }): string => formatContainerWorkload(generate(options));
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('generatePipelineWorkload: determinism', () => {
  it('same seed and options: byte-identical output, in this process and in a fresh generator', () => {
    const a = bytes({ seed: 'exp-1', jobs: 200 });
    const b = bytes({ seed: 'exp-1', jobs: 200 });
    expect(sha(a)).toBe(sha(b));
    expect(a.split('\n').length).toBe(201); // 200 lines and the final newline
  });

  it('different seeds give different workloads', () => {
    expect(bytes({ seed: 'exp-1', jobs: 50 })).not.toBe(bytes({ seed: 'exp-2', jobs: 50 }));
  });

  it('pinned: the first job of seed "pinned" (a change here changes every published workload)', () => {
    const [first] = generate({ seed: 'pinned', jobs: 3 });
    // Time limit: steps 1110 s + 48 s = 1158 s; 2 x 1158 + 600 = 2916 s, up to a minute: 2940 s.
    expect(formatContainerWorkload([first!])).toBe(
      '{"id":"pipeline-1","submit":0,"resources":{"nodes":2,"cpu":1,"mem":2048},"timeLimit":2940,"primary":{"kind":"script","duration":1,"waitForSteps":true},"steps":[{"name":"step-1","resources":{"nodes":2,"cpu":0.5,"mem":512},"duration":1110,"container":{"image":"python:3.11-slim","imageSizeMiB":45}},{"name":"step-2","resources":{"cpu":1,"mem":2048},"duration":48,"append":"parallel","container":{"image":"python:3.11-slim","imageSizeMiB":45,"detach":true}}]}' + '\n',
    );
  });

  it('a longer workload starts with the shorter one for the same seed (jobs are drawn in order)', () => {
    const short = generate({ seed: 's', jobs: 5 });
    const long = generate({ seed: 's', jobs: 20 });
    // Ids are padded to the job count, so compare everything else.
    expect(long.slice(0, 5).map(({ id: _id, ...rest }) => rest)).toEqual(short.map(({ id: _id, ...rest }) => rest));
  });
});

describe('generatePipelineWorkload: what it generates', () => {
  it('properties: valid ranges, steps fit the job, first step after the script, time limit covers the work', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 4 }), (seed, maxSteps, extraNodes) => {
        const jobs = generate({ seed, jobs: 15, steps: { min: 1, max: maxSteps }, nodes: { min: 1, max: 1 + extraNodes } });
        let last = 0;
        for (const job of jobs) {
          expect(job.submitTime).toBeGreaterThanOrEqual(last);
          last = job.submitTime;
          expect(job.steps.length).toBeGreaterThanOrEqual(1);
          expect(job.steps.length).toBeLessThanOrEqual(maxSteps);
          expect(job.resources.nodeCount).toBeLessThanOrEqual(1 + extraNodes);
          expect(job.primary).toEqual({ kind: 'script', duration: 1000, exitCode: 0, waitForSteps: true });
          expect(job.steps[0]!.append).toEqual({ mode: 'after' });
          let work = 0;
          for (const s of job.steps) {
            expect(s.resources.nodeCount).toBeLessThanOrEqual(job.resources.nodeCount);
            expect(s.resources.perNode.cpuMilli).toBeLessThanOrEqual(job.resources.perNode.cpuMilli);
            expect(s.resources.perNode.memMiB).toBeLessThanOrEqual(job.resources.perNode.memMiB);
            const gpus = (r: typeof s.resources): number => r.perNode.gres.reduce((n, g) => n + g.count, 0);
            expect(gpus(s.resources)).toBeLessThanOrEqual(gpus(job.resources));
            expect(s.duration % 1000).toBe(0);
            expect(s.duration).toBeGreaterThanOrEqual(10_000);
            expect(s.duration).toBeLessThanOrEqual(1_800_000);
            if (s.append.mode === 'offset') expect(s.append.offset).toBeLessThanOrEqual(600_000);
            work += s.duration;
          }
          // 2 x work + 600 s slack, rounded up to a minute.
          expect(job.timeLimit).toBe(Math.ceil((2 * work) / 1000 / 60 + 10) * 60_000);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('uses every image and append mode of the catalogue over many jobs, roughly by weight', () => {
    const jobs = generate({ seed: 'mix', jobs: 400 });
    const images = new Map<string, number>();
    const modes = new Map<string, number>();
    for (const s of jobs.flatMap((j) => j.steps.slice(1))) {
      if (s.kind === 'container') images.set(s.container.image, (images.get(s.container.image) ?? 0) + 1);
      modes.set(s.append.mode, (modes.get(s.append.mode) ?? 0) + 1);
    }
    expect([...images.keys()].sort()).toEqual(DEFAULT_PIPELINE_OPTIONS.images.map((i) => i.image).sort());
    const total = [...modes.values()].reduce((a, b) => a + b, 0);
    // Weights after 6, parallel 3, offset 1 of 10.
    expect(Math.abs(modes.get('after')! / total - 0.6)).toBeLessThan(0.06);
    expect(Math.abs(modes.get('parallel')! / total - 0.3)).toBeLessThan(0.06);
    expect(Math.abs(modes.get('offset')! / total - 0.1)).toBeLessThan(0.04);
  });

  it('failureRate 1 makes every step exit 1; meanInterarrival 0 submits everything at 0', () => {
    const jobs = generate({ seed: 'f', jobs: 10, failureRate: 1, meanInterarrival: 0 });
    expect(jobs.every((j) => j.submitTime === 0 && j.steps.every((s) => s.exitCode === 1))).toBe(true);
  });

  it('writes a file the validating reader accepts and reads back to the same jobs', async () => {
    const jobs = generate({ seed: 'file', jobs: 30 });
    const path = join(mkdtempSync(join(tmpdir(), 'cranelab-gen-')), 'pipelines.jsonl');
    await writeContainerWorkload(path, jobs);
    expect(readFileSync(path, 'utf8')).toBe(formatContainerWorkload(jobs));
    const r = await loadContainerWorkload(path);
    expect(r.ok ? r.value.jobs : r.issues.map(formatIssue)).toEqual(jobs);
  });

  it('rejects bad options, naming each', () => {
    const r = generatePipelineWorkload({
      seed: '',
      jobs: -1,
      steps: { min: 3, max: 2 },
      images: [{ image: 'a', sizeMiB: 0, weight: 1 }],
      shapes: [{ cpu: 0.0001, memMiB: 1, gpus: 0, weight: 1 }],
      append: { after: 0, parallel: 0, offset: 0 },
      failureRate: 2,
    });
    expect(r).toEqual({
      ok: false,
      issues: [
        'seed: expected a non-empty string, got ""',
        'jobs: expected an integer >= 0, got -1',
        'steps.max: expected an integer >= min (3), got 2',
        'images[0].sizeMiB: expected MiB > 0, got 0',
        'shapes[0].cpu: expected CPUs > 0 with at most 3 decimals, got 0.0001',
        'append: expected at least one weight > 0, got {"after":0,"parallel":0,"offset":0}',
        'failureRate: expected a probability from 0 to 1, got 2',
      ],
    });
  });
});

describe('Draws', () => {
  it('is a pure function of the seed', () => {
    const a = new Draws('x');
    const b = new Draws('x');
    const seq = (d: Draws): number[] => [d.unit(), d.int(1, 6), d.logUniform(1, 100), d.exponential(10), d.weighted([{ weight: 1 }, { weight: 2 }]).weight];
    expect(seq(a)).toEqual(seq(b));
  });

  it('int stays in range and hits both ends', () => {
    const d = new Draws('range');
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(d.int(2, 5));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });
});
