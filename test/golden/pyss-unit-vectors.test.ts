import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapSwfRecord, recordFrom } from '../../traces/index.js';
import { shared } from '../support/shared.js';
import { replay } from '../support/replay.js';

/**
 * pyss's own hand-made test vectors (shared/peer-tests/pyss-unit-vectors). Each job line is
 * `submit expected_finish estimate procs runtime [adminQoS userQoS]` on 100 processors; the
 * expected finish (its integer part; `.1`/`.2` suffixes only keep labels distinct) must equal
 * start + runtime. A family applies to the policies its name says (SOURCES.md).
 */
const FAMILIES: Record<string, readonly string[]> = {
  basic_input: ['fcfs', 'easy', 'conservative'],
  fcfs_input: ['fcfs'],
  bf_input: ['easy', 'conservative'],
  cons_bf_input: ['conservative'],
  easy_bf_input: ['easy'],
};

interface VectorJob {
  readonly submit: number;
  readonly expectedFinish: number;
  readonly estimate: number;
  readonly procs: number;
  readonly runtime: number;
}

function readVector(file: string): VectorJob[] {
  const jobs: VectorJob[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const [submit, expectedFinish, estimate, procs, runtime] = t.split(/\s+/).map(Number);
    jobs.push({ submit: submit!, expectedFinish: expectedFinish!, estimate: estimate!, procs: procs!, runtime: runtime! });
  }
  return jobs;
}

/** The vector's job as an SWF line (id = 0-based line index), so it goes through the real mapping. */
function asSwf(job: VectorJob, index: number): number[] {
  const v = new Array<number>(18).fill(-1);
  v[0] = index;
  v[1] = job.submit;
  v[3] = job.runtime;
  v[4] = job.procs;
  v[8] = job.estimate;
  v[10] = 1;
  return v;
}

const dir = shared('peer-tests', 'pyss-unit-vectors');
const files = readdirSync(dir)
  .filter((f) => /^[a-z_]+_input\.\d+$/.test(f))
  .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
const checks = files.flatMap((file) => (FAMILIES[file.replace(/\.\d+$/, '')] ?? []).map((policy) => ({ file, policy })));

describe('golden: pyss unit vectors', () => {
  it('covers the 104 checks that pyss applies', () => {
    expect(checks.length).toBe(104);
  });

  for (const { file, policy } of checks) {
    it(`${file} under ${policy}`, () => {
      const vector = readVector(`${dir}/${file}`);
      expect(vector.length).toBeGreaterThan(0);
      const jobs = vector.map((job, i) => mapSwfRecord(recordFrom(asSwf(job, i), i + 1), { processors: 100, missingEstimate: 'runtime' }));
      const result = replay(jobs, 100, policy);
      const finishes = new Map(result.jobs.map(({ sim, view }) => [view.spec.externalId, (view.startTime + sim.runtime) / 1000]));
      const got = vector.map((_, i) => finishes.get(String(i)));
      const want = vector.map((job) => Math.trunc(job.expectedFinish));
      expect(got).toEqual(want);
    });
  }
});
