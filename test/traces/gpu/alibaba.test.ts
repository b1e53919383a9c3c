import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, formatWarning } from '../../../traces/issue.js';
import { loadAlibabaNodes, loadAlibabaPods, summarizeGpuCluster } from '../../../traces/gpu/index.js';
import { formatContainerJob, parseContainerJobLine } from '../../../traces/container/index.js';
import { shared } from '../../support/shared.js';

const PODS = shared('traces', 'gpu', 'alibaba-openb_pod_list_default.csv');
const NODES = shared('traces', 'gpu', 'alibaba-openb_node_list_all_node.csv');

describe('Alibaba node list (real trace)', () => {
  it('1523 nodes, totals and models as in the file', async () => {
    const r = await loadAlibabaNodes(NODES);
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    expect(r.value.warnings).toEqual([]);
    expect(summarizeGpuCluster(r.value.cluster)).toEqual({
      nodes: 1523,
      cpuMilli: 125_514_000,
      memMiB: 612_028_416,
      gpus: 6212,
      byModel: [
        { model: '', nodes: 310, gpus: 0 },
        { model: 'A10', nodes: 2, gpus: 2 },
        { model: 'G2', nodes: 549, gpus: 4392 },
        { model: 'G3', nodes: 39, gpus: 312 },
        { model: 'P100', nodes: 134, gpus: 265 },
        { model: 'T4', nodes: 404, gpus: 842 },
        { model: 'V100M16', nodes: 55, gpus: 195 },
        { model: 'V100M32', nodes: 30, gpus: 204 },
      ],
    });
    // Rows 228 and 229 of the file (the README's sample): a CPU-only node and an 8 x G3 node.
    expect(r.value.cluster.nodes[227]).toEqual({ name: 'openb-node-0227', cpuMilli: 32_000, memMiB: 262_144, gpus: 0 });
    expect(r.value.cluster.nodes[228]).toEqual({ name: 'openb-node-0228', cpuMilli: 128_000, memMiB: 786_432, gpus: 8, gpuModel: 'G3' });
  });
});

describe('Alibaba pod list (real trace)', () => {
  it('imports the 7255 pods that ran, skips the 897 never scheduled, and counts the ones cut at the trace end', async () => {
    const r = await loadAlibabaPods(PODS);
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    const { jobs, counts, warnings } = r.value;
    expect(counts).toEqual({ rows: 8152, imported: 7255, neverScheduled: 897, badTimes: 0, cutAtTraceEnd: 34 });
    expect(warnings.map(formatWarning)).toEqual([
      `${PODS}: warning: pods never scheduled (no scheduled_time; phase Pending) are skipped: they never ran in the original cluster [897 lines] (first at line 63)`,
      `${PODS}: warning: pods requesting 0 CPU or 0 memory get 1 milli-CPU or 1 MiB (first at line 1525)`,
      `${PODS}: warning: pods still running at the end of the trace (deletion_time = 12902960, the last in the file) end there: their durations are lower bounds [34 lines] (first at line 3)`,
    ]);
    const sum = (f: (j: (typeof jobs)[number]) => number): number => jobs.reduce((s, j) => s + f(j), 0);
    expect(sum((j) => j.resources.perNode.cpuMilli)).toBe(76_423_916);
    expect(sum((j) => j.resources.perNode.memMiB)).toBe(267_696_088 + 1); // openb-pod-1523 asks for 0 MiB, given 1
    expect(sum((j) => j.resources.perNode.gres.reduce((n, g) => n + g.count, 0))).toBe(6571);
    expect(jobs.filter((j) => j.resources.gpuShareMilli !== undefined).length).toBe(2573);
    expect(sum((j) => j.resources.gpuShareMilli ?? 0)).toBe(1_486_930);
    expect(sum((j) => j.primary.duration)).toBe(210_028_342 * 1000);
    expect(sum((j) => j.meta?.['originalWait'] as number)).toBe(444_748);
    expect(jobs.filter((j) => j.primary.exitCode === 1).length).toBe(1870); // phase Failed
    const qos = new Map<string, number>();
    for (const j of jobs) qos.set(j.qos!, (qos.get(j.qos!) ?? 0) + 1);
    expect(Object.fromEntries(qos)).toEqual({ LS: 4193, BE: 2957, Burstable: 98, Guaranteed: 7 });
  });

  it('spot checks: whole GPU, shared GPU cut at the trace end, multi-GPU, failed pod', async () => {
    const r = await loadAlibabaPods(PODS, { image: 'openb/task:1', imageSizeMiB: 2048, timeLimitFactor: 2 });
    if (!r.ok) throw new Error('load failed');
    const byId = new Map(r.value.jobs.map((j) => [j.id, j]));
    // openb-pod-0000,12000,16384,1,1000,,LS,Running,0,12537496,0
    expect(byId.get('openb-pod-0000')).toEqual({
      id: 'openb-pod-0000',
      submitTime: 0,
      qos: 'LS',
      resources: { nodeCount: 1, perNode: { cpuMilli: 12_000, memMiB: 16_384, gres: [{ name: 'gpu', count: 1 }] } },
      timeLimit: 2 * 12_537_496 * 1000,
      pod: { labels: {}, network: 'default', ports: [], dns: [] },
      primary: {
        kind: 'container', duration: 12_537_496_000, exitCode: 0,
        container: { image: 'openb/task:1', imageSizeMiB: 2048, args: [], env: {}, mounts: {}, tty: false, stdin: false, detach: true },
      },
      steps: [],
      meta: { phase: 'Running', originalWait: 0 },
    });
    // openb-pod-0001,6000,12288,1,460,,LS,Running,427061,12902960,427061: 46% of a GPU, 12 902 960 - 427 061 s.
    const p1 = byId.get('openb-pod-0001')!;
    expect([p1.submitTime, p1.resources.gpuShareMilli, p1.primary.duration]).toEqual([427_061_000, 460, (12_902_960 - 427_061) * 1000]);
    // openb-pod-0017,88000,327680,8,1000,,Burstable,Succeeded,9437497,10769854,9437497
    const p17 = byId.get('openb-pod-0017')!;
    expect([p17.resources.perNode.gres, p17.resources.gpuShareMilli, p17.qos, p17.primary.duration]).toEqual([
      [{ name: 'gpu', count: 8 }], undefined, 'Burstable', (10_769_854 - 9_437_497) * 1000,
    ]);
    // openb-pod-0033,...,BE,Failed,9965463,9965645,9965463: exit 1 after 182 s; time limit 2 x 182 = 364 s.
    const p33 = byId.get('openb-pod-0033')!;
    expect([p33.primary.exitCode, p33.primary.duration, p33.timeLimit]).toEqual([1, 182_000, 364_000]);
    // openb-pod-0035 waited 5 s in the original cluster (scheduled 9967063, created 9967058).
    expect(byId.get('openb-pod-0035')!.meta).toEqual({ phase: 'Running', originalWait: 5 });
    expect(byId.has('openb-pod-0061')).toBe(false); // Pending, never scheduled
    // openb-pod-1523,14000,0,1,1000,,Burstable,Succeeded,...: no memory request, given 1 MiB.
    expect(byId.get('openb-pod-1523')!.resources.perNode).toEqual({ cpuMilli: 14_000, memMiB: 1, gres: [{ name: 'gpu', count: 1 }] });
  });

  it('imported jobs are valid container-format jobs (they round-trip through the reader)', async () => {
    const r = await loadAlibabaPods(PODS);
    if (!r.ok) throw new Error('load failed');
    for (const job of r.value.jobs.slice(0, 500)) {
      const back = parseContainerJobLine(formatContainerJob(job), { file: 'x', line: 1 });
      expect(back.ok && back.value).toEqual(job);
    }
  });
});

describe('Alibaba importers: broken files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cranelab-ali-'));
  const write = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const HEADER = 'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time';

  it('names file, line and column of bad numbers and missing times', async () => {
    const p = write('pods.csv', [HEADER, 'p1,abc,10,1,1000,,LS,Running,0,10,0', 'p2,1000,10,1,1000,,LS,Running,,10,0', 'p3,1000,10,1,1000,,LS,Running,0,10,-3'].join('\n'));
    const r = await loadAlibabaPods(p);
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([
      `${p}:2: cpu_milli: expected an integer >= 0, got "abc"`,
      `${p}:3: creation_time: expected an integer >= 0, got ""`,
      `${p}:4: scheduled_time: expected an integer >= 0, got -3`,
    ]);
  });

  it('a missing column is an error; odd rows are counted warnings', async () => {
    const noQos = write('noqos.csv', 'name,cpu_milli\np,1');
    const r1 = await loadAlibabaPods(noQos);
    expect(r1.ok ? [] : r1.issues.map(formatIssue)).toEqual([
      `${noQos}:1: the header lacks columns memory_mib, num_gpu, gpu_milli, gpu_spec, qos, pod_phase, creation_time, deletion_time, scheduled_time (expected ${HEADER})`,
    ]);
    const odd = write('odd.csv', [HEADER, 'a,1000,10,2,500,T4|P100,Gold,Running,0,10,5', 'b,1000,10,0,0,,LS,Succeeded,0,4,5', 'c,1000,10,1,250,T4,BE,Failed,1,20,1'].join('\n'));
    const r2 = await loadAlibabaPods(odd);
    if (!r2.ok) throw new Error(r2.issues.map(formatIssue).join('\n'));
    expect(r2.value.counts).toEqual({ rows: 3, imported: 2, neverScheduled: 0, badTimes: 1, cutAtTraceEnd: 0 });
    expect(r2.value.warnings.map(formatWarning)).toEqual([
      `${odd}: warning: unknown QoS classes are kept as given: Gold (first at line 2)`,
      `${odd}: warning: gpu_milli other than 1000 on a multi-GPU pod is ignored (whole GPUs) (first at line 2)`,
      `${odd}: warning: pods deleted before they were scheduled are skipped (first at line 3)`,
    ]);
    expect(r2.value.jobs.map((j) => [j.id, j.resources.gpuShareMilli, j.resources.gpuModels])).toEqual([
      ['a', undefined, ['T4', 'P100']],
      ['c', 250, ['T4']],
    ]);
  });

  it('rejects a time limit factor below 1', async () => {
    const r = await loadAlibabaPods(PODS, { timeLimitFactor: 0.5 });
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([`${PODS}: timeLimitFactor: expected a number >= 1, got 0.5`]);
  });
});
