import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSwfWorkload } from '../../traces/index.js';
import { shared } from '../support/shared.js';
import { replay } from '../support/replay.js';

/** Per-job reference results of pyss: id,submit,start,end,wait,run,est,procs (seconds). */
function readReference(file: string): Map<string, { submit: number; start: number; run: number; est: number; procs: number }> {
  const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const out = new Map<string, { submit: number; start: number; run: number; est: number; procs: number }>();
  for (const row of rows) {
    const [id, submit, start, , , run, est, procs] = row.split(',').map(Number);
    out.set(String(id), { submit: submit!, start: start!, run: run!, est: est!, procs: procs! });
  }
  return out;
}

const cases = [
  { trace: 'SDSC-SP2-1998-4-raw-first4961.swf', ref: 'SDSC-SP2-first4961', procs: 128, jobs: 4961 },
  { trace: 'HPC2N-2002-2.2-alea-sample3170.swf', ref: 'HPC2N-alea-sample3170', procs: 240, jobs: 3170 },
] as const;
const policies = [
  ['fcfs', 'fcfs'],
  ['easy', 'easy'],
  ['conservative', 'cons'],
] as const;

describe('golden: pyss reference start times, every job', () => {
  for (const c of cases) {
    for (const [policy, suffix] of policies) {
      it(`${c.ref} under ${policy}: 100% of ${c.jobs} jobs start when pyss starts them`, async () => {
        const loaded = await loadSwfWorkload(shared('traces', 'swf', c.trace), { processors: c.procs });
        if (!loaded.ok) throw new Error(loaded.error.message);
        const reference = readReference(shared('reference', 'pyss', `${c.ref}.${suffix}.csv`));
        const result = replay(loaded.value.jobs, c.procs, policy);
        expect(result.jobs.length).toBe(c.jobs);
        expect(reference.size).toBe(c.jobs);
        const mismatches: string[] = [];
        for (const { sim, view } of result.jobs) {
          const ref = reference.get(view.spec.externalId);
          if (ref === undefined) {
            mismatches.push(`${view.spec.externalId}: not in the reference`);
            continue;
          }
          // The mapping must agree too, or a matching start would be luck.
          expect([view.submitTime / 1000, sim.runtime / 1000, view.spec.timeLimit / 1000, view.spec.request.nodeCount]).toEqual([
            ref.submit,
            ref.run,
            ref.est,
            ref.procs,
          ]);
          if (view.startTime / 1000 !== ref.start) mismatches.push(`${view.spec.externalId}: ours ${view.startTime / 1000}, pyss ${ref.start}`);
        }
        expect(mismatches.slice(0, 10)).toEqual([]);
        expect(mismatches.length).toBe(0);
      });
    }
  }
});
