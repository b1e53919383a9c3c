import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContainerWorkload, parseContainerJobLine, writeContainerWorkload, type ContainerJob } from '../../../traces/container/index.js';
import { formatIssue } from '../../../traces/issue.js';
import { generatePipelineWorkload, splitPodJob, splitPodWorkload } from '../../../traces/generators/index.js';

const parse = (o: unknown): ContainerJob => {
  const r = parseContainerJobLine(JSON.stringify(o), { file: 't', line: 1 });
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
};

const step = (append: unknown, extra: object = {}): object => ({
  resources: { cpu: 1, mem: 100 },
  duration: 10,
  append,
  container: { image: 'alpine:3.19' },
  ...extra,
});

describe('splitPodJob', () => {
  it('a cbatch --pod pipeline: the script is dropped, steps become chained ccon jobs', () => {
    const job = parse({
      id: 'J', submit: 5, qos: 'normal', resources: { nodes: 2, cpu: 4, mem: 1000 }, timeLimit: 600, pod: { ports: [80] },
      primary: { kind: 'script', duration: 1, waitForSteps: true },
      steps: [step('after'), step('after', { timeLimit: 60, exitCode: 2 }), step('parallel'), step({ offset: 30 }), { kind: 'crun', resources: { cpu: 1, mem: 1 }, duration: 3 }],
    });
    const parts = splitPodJob(job);
    expect(parts.map((p) => [p.id, p.submitTime, p.dependencies ?? [], p.timeLimit])).toEqual([
      ['J.2', 5000, [], 600_000], // the first step starts with the script: no dependency
      ['J.3', 5000, [{ type: 'afterany', job: 'J.2', delay: 0 }], 60_000], // after J.2; its own time limit
      ['J.4', 5000, [{ type: 'afterany', job: 'J.2', delay: 0 }], 600_000], // parallel with J.3: submitted with it
      ['J.5', 5000, [{ type: 'after', job: 'J.2', delay: 30_000 }], 600_000], // 30 s after the pipeline starts
      ['J.6', 5000, [{ type: 'afterany', job: 'J.5', delay: 0 }], 600_000], // crun, after the previous step
    ]);
    expect(parts[1]).toMatchObject({ qos: 'normal', resources: { nodeCount: 1, perNode: { cpuMilli: 1000, memMiB: 100, gres: [] } }, primary: { kind: 'container', exitCode: 2, duration: 10_000 } });
    expect(parts[4]!.primary).toEqual({ kind: 'script', duration: 3000, exitCode: 0, waitForSteps: false });
    expect(parts.every((p) => p.pod === job.pod && p.steps.length === 0)).toBe(true);
    expect(parts[0]!.meta).toEqual({ splitFrom: 'J', step: 2 });
  });

  it('a ccon run job: the primary is J.1 and anchors the steps; the job\'s own dependencies carry over', () => {
    const job = parse({
      id: 'C', submit: 0, resources: { cpu: 2, mem: 200 }, dependencies: [{ type: 'afterok', job: 'X' }],
      primary: { kind: 'container', duration: 100, container: { image: 'python:3.11' } },
      steps: [step('parallel'), step({ offset: 7 })],
    });
    expect(splitPodJob(job).map((p) => [p.id, p.dependencies])).toEqual([
      ['C.1', [{ type: 'afterok', job: 'X', delay: 0 }]],
      ['C.2', [{ type: 'after', job: 'C.1', delay: 0 }]],
      ['C.3', [{ type: 'after', job: 'C.1', delay: 7000 }]],
    ]);
  });

  it('an offset first step of a script job delays its submission instead', () => {
    const job = parse({ id: 'O', submit: 1, resources: { cpu: 1, mem: 1 }, primary: { kind: 'script', duration: 1 }, steps: [step({ offset: 9 })] });
    expect(splitPodJob(job).map((p) => [p.id, p.submitTime, p.dependencies])).toEqual([['O.2', 10_000, undefined]]);
  });

  it('a generated workload splits into valid jobs with the same total work, dependencies pointing backwards', async () => {
    const r = generatePipelineWorkload({ seed: 'split', jobs: 40 });
    if (!r.ok) throw new Error(r.issues.join('\n'));
    const split = splitPodWorkload(r.value);
    const steps = r.value.flatMap((j) => j.steps);
    expect(split.length).toBe(steps.length);
    expect(split.reduce((s, j) => s + j.primary.duration, 0)).toBe(steps.reduce((s, st) => s + st.duration, 0));
    const path = join(mkdtempSync(join(tmpdir(), 'cranelab-split-')), 'split.jsonl');
    await writeContainerWorkload(path, split);
    const back = await loadContainerWorkload(path);
    expect(back.ok ? back.value.jobs : back.issues.map(formatIssue)).toEqual(split);
  });
});
