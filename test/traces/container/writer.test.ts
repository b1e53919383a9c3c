import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../traces/issue.js';
import {
  formatContainerJob,
  formatContainerWorkload,
  loadContainerWorkload,
  parseContainerJobLine,
  writeContainerWorkload,
  type ContainerJob,
} from '../../../traces/container/index.js';
import { containerJob } from './arbitraries.js';

const parse = (line: string): ContainerJob => {
  const r = parseContainerJobLine(line, { file: 'rt.jsonl', line: 1 });
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
};

describe('formatContainerJob', () => {
  it('round-trips: reading the canonical line gives the same job, and the same bytes again', () => {
    fc.assert(
      fc.property(containerJob, (job) => {
        const line = formatContainerJob(job);
        const back = parse(line);
        expect(back).toEqual(job);
        expect(formatContainerJob(back)).toBe(line);
      }),
      { numRuns: 300 },
    );
  });

  it('writes defaults out and uses seconds, CPUs and MiB', () => {
    const job = parse(
      JSON.stringify({
        id: 'j',
        submit: 1.5,
        resources: { cpu: 0.5, mem: '2G', gres: ['gpu:t4:1'], gpuShare: 0.25 },
        primary: { kind: 'script', duration: 2, exitCode: 0, waitForSteps: false },
        steps: [{ resources: { nodes: 1, cpu: 1, mem: 10 }, duration: 3, append: 'after', container: { image: 'a', tty: false } }],
      }),
    );
    expect(formatContainerJob(job)).toBe(
      '{"id":"j","submit":1.5,"resources":{"cpu":0.5,"mem":2048,"gres":["gpu:t4:1"],"gpuShare":0.25},' +
        '"primary":{"kind":"script","duration":2},"steps":[{"resources":{"cpu":1,"mem":10},"duration":3,"container":{"image":"a"}}]}',
    );
  });

  it('streams a workload to a file that reads back to the same jobs', async () => {
    // Ids made unique, dependencies on the previous job (the reader wants them on earlier lines).
    const jobs = fc.sample(containerJob, { numRuns: 25, seed: 7 }).map(({ dependencies: _d, ...j }, i) => ({
      ...j,
      id: `job-${i}`,
      ...(i > 0 && i % 3 === 0 ? { dependencies: [{ type: 'afterok' as const, job: `job-${i - 1}`, delay: 5000 }] } : {}),
    }));
    // One size per image across the file, as the reader requires.
    const sized = jobs.map((j) => JSON.parse(JSON.stringify(j).replace(/"imageSizeMiB":[^,}]+/g, '"imageSizeMiB":1')) as ContainerJob);
    const path = join(mkdtempSync(join(tmpdir(), 'cranelab-w-')), 'w.jsonl');
    expect(await writeContainerWorkload(path, sized)).toBe(25);
    expect(readFileSync(path, 'utf8')).toBe(formatContainerWorkload(sized));
    const r = await loadContainerWorkload(path);
    expect(r.ok ? r.value.jobs : r.issues.map(formatIssue)).toEqual(sized);
  });
});
