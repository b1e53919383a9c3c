import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../traces/issue.js';
import { loadPolluxWorkload, POLLUX_APPLICATIONS, polluxDuration, polluxLayout } from '../../../traces/gpu/index.js';
import { shared } from '../../support/shared.js';

const WORKLOAD = shared('traces', 'gpu', 'pollux-workload-6.csv');

describe('polluxLayout: fewest equal nodes of at most 4 GPUs', () => {
  it.each([
    [1, 1, 1], [4, 1, 4], [6, 2, 3], [8, 2, 4], [12, 3, 4], [16, 4, 4], [24, 6, 4], [48, 12, 4],
    [5, 5, 1], // 5 is prime: ceil(5/4) = 2 does not divide 5, nor 3, 4; 5 nodes x 1
    [10, 5, 2], // ceil(10/4) = 3 does not divide 10; 5 x 2
  ])('%d replicas: %d nodes x %d GPUs', (replicas, nodes, perNode) => {
    expect(polluxLayout(replicas)).toEqual({ nodes, perNode });
  });
});

describe('Pollux workload-6 (real trace)', () => {
  it('160 jobs, every configuration has a duration from the model', async () => {
    const r = await loadPolluxWorkload(WORKLOAD);
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    const { jobs, warnings } = r.value;
    expect(warnings).toEqual([]);
    expect(jobs.length).toBe(160);
    const apps = new Map<string, number>();
    for (const j of jobs) apps.set(j.meta!['application'] as string, (apps.get(j.meta!['application'] as string) ?? 0) + 1);
    expect(Object.fromEntries(apps)).toEqual({ cifar10: 67, deepspeech2: 16, bert: 15, ncf: 54, imagenet: 3, yolov3: 5 });
    const gpus = jobs.reduce((s, j) => s + j.resources.nodeCount * j.resources.perNode.gres[0]!.count, 0);
    expect(gpus).toBe(1134); // the sum of num_replicas
    expect(jobs.every((j) => j.primary.kind === 'container' && j.primary.exitCode === 0)).toBe(true);
  });

  it('spot checks with the arithmetic of the model', async () => {
    const r = await loadPolluxWorkload(WORKLOAD, { imageSizesMiB: { 'nvcr.io/nvidia/pytorch:20.03-py3': 6000 }, timeLimitFactor: 1.5 });
    if (!r.ok) throw new Error('load failed');
    const byId = new Map(r.value.jobs.map((j) => [j.id, j]));
    // cifar10-0,53,cifar10,6,2048: 2 nodes x 3 GPUs; 3 x 10 CPUs and 3 x 38 147 MiB per node; 854.2 s.
    const c0 = byId.get('cifar10-0')!;
    expect(c0.submitTime).toBe(53_000);
    expect(c0.resources).toEqual({ nodeCount: 2, perNode: { cpuMilli: 30_000, memMiB: 114_441, gres: [{ name: 'gpu', count: 3 }] } });
    expect(c0.primary.duration).toBe(854_200);
    expect(c0.timeLimit).toBe(1_282_000); // ceil(1.5 x 854.2 s) = 1282 s
    expect(c0.primary.kind === 'container' && c0.primary.container.image).toBe('nvcr.io/nvidia/pytorch:20.03-py3');
    expect(c0.primary.kind === 'container' && c0.primary.container.imageSizeMiB).toBe(6000);
    expect(c0.meta).toEqual({ application: 'cifar10', batchSize: 2048, replicas: 6 });
    // ncf-6,1585,ncf,1,32768: one GPU for 33 s, time limit max(11 s, ceil(49.5 s)) = 50 s.
    const n6 = byId.get('ncf-6')!;
    expect([n6.resources.nodeCount, n6.resources.perNode.gres, n6.primary.duration, n6.timeLimit]).toEqual([1, [{ name: 'gpu', count: 1 }], 33_000, 50_000]);
    // bert-4,735,bert,8,384: 2 x 4 GPUs, 2480.3 s, on the 20.10 image (no size given).
    const b4 = byId.get('bert-4')!;
    expect([b4.resources.nodeCount, b4.primary.duration]).toEqual([2, 2_480_300]);
    expect(b4.primary.kind === 'container' && b4.primary.container).toMatchObject({ image: 'nvcr.io/nvidia/pytorch:20.10-py3' });
    expect(b4.primary.kind === 'container' && 'imageSizeMiB' in b4.primary.container).toBe(false);
  });

  it('the model covers exactly the configurations the workload generator could pick', () => {
    expect(Object.keys(POLLUX_APPLICATIONS).sort()).toEqual(['bert', 'cifar10', 'deepspeech2', 'imagenet', 'ncf', 'yolov3']);
    expect(polluxDuration('imagenet', 48, 6400)).toBe(18_879_600);
    expect(polluxDuration('imagenet', 48, 3200)).toBeUndefined();
    expect(polluxDuration('resnet', 1, 1)).toBeUndefined();
  });

  it('unknown applications and configurations are errors naming line and column', async () => {
    const p = join(mkdtempSync(join(tmpdir(), 'cranelab-pollux-')), 'w.csv');
    writeFileSync(p, ['name,time,application,num_replicas,batch_size', 'a,0,gpt,1,1', 'b,x,ncf,1,32768', 'c,5,ncf,2,32768'].join('\n'));
    const r = await loadPolluxWorkload(p);
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([
      `${p}:2: application: unknown application "gpt" (known: bert, cifar10, deepspeech2, imagenet, ncf, yolov3)`,
      `${p}:3: time: expected an integer >= 0, got "x"`,
      `${p}:4: num_replicas: no duration for ncf with 2 replicas and batch size 32768 (the model has replicas x batch: 1x32768)`,
    ]);
  });
});
