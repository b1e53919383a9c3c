import type { AppendMode, ContainerJob, ContainerStep, GresRequest } from '../container/index.js';
import { resolvePipelineOptions, type PipelineOptions } from './pipeline-options.js';
import { Draws } from './random.js';

/**
 * A seeded workload of `cbatch --pod` pipeline jobs: each job's batch script appends N container
 * steps and ends with `ccon wait` (waitForSteps). Per job, in this order of draws:
 *   gap to the previous submission (exponential, mean `meanInterarrival`), node count, step count;
 *   per step: image, shape, node count (1..job nodes), run time (log-uniform, whole s), exit code,
 *   append mode (the first is `after`: it starts when the script does) and, for `offset`, the offset.
 * The job asks, per node, for the largest step shape (CPU, memory and GPUs taken separately), so
 * every step fits the allocation alone and parallel steps may queue inside the job (CraneSched's
 * FIFO step order). Time limit: factor x sum of step run times + slack, up to a whole minute.
 * Same seed and options, same jobs; `formatContainerWorkload` turns them into the same bytes.
 */
export function generatePipelineWorkload(
  given: Partial<PipelineOptions> & { readonly seed: string },
): { readonly ok: true; readonly value: ContainerJob[] } | { readonly ok: false; readonly issues: readonly string[] } {
  const resolved = resolvePipelineOptions(given);
  if (!resolved.ok) return resolved;
  const o = resolved.value;
  const draws = new Draws(`cranelab-pipeline/${o.seed}`);
  const jobs: ContainerJob[] = [];
  const width = String(o.jobs).length;
  let submit = 0;
  for (let i = 0; i < o.jobs; i++) {
    if (i > 0 && o.meanInterarrival > 0) submit += Math.round(draws.exponential(o.meanInterarrival) * 1000);
    jobs.push(pipelineJob(`pipeline-${String(i + 1).padStart(width, '0')}`, submit, o, draws));
  }
  return { ok: true, value: jobs };
}

function pipelineJob(id: string, submitTime: number, o: PipelineOptions, draws: Draws): ContainerJob {
  const nodeCount = draws.int(o.nodes.min, o.nodes.max);
  const n = draws.int(o.steps.min, o.steps.max);
  const steps: ContainerStep[] = [];
  let cpuMilli = 0;
  let memMiB = 0;
  let gpus = 0;
  let work = 0;
  for (let k = 0; k < n; k++) {
    const image = draws.weighted(o.images);
    const shape = draws.weighted(o.shapes);
    const stepNodes = draws.int(1, nodeCount);
    const duration = Math.max(1, Math.round(draws.logUniform(o.stepDuration.min, o.stepDuration.max))) * 1000;
    const exitCode = o.failureRate > 0 && draws.chance(o.failureRate) ? 1 : 0;
    const append = k === 0 ? ({ mode: 'after' } as const) : appendMode(o, draws);
    const stepCpu = Math.round(shape.cpu * 1000);
    cpuMilli = Math.max(cpuMilli, stepCpu);
    memMiB = Math.max(memMiB, shape.memMiB);
    gpus = Math.max(gpus, shape.gpus);
    work += duration;
    steps.push({
      kind: 'container',
      name: `step-${k + 1}`,
      resources: { nodeCount: stepNodes, perNode: { cpuMilli: stepCpu, memMiB: shape.memMiB, gres: gpuGres(shape.gpus) } },
      duration,
      exitCode,
      append,
      container: { image: image.image, imageSizeMiB: image.sizeMiB, args: [], env: {}, mounts: {}, tty: false, stdin: false, detach: append.mode !== 'after' },
    });
  }
  const limitSeconds = Math.ceil((o.timeLimitFactor * work) / 1000 + o.timeLimitSlack);
  return {
    id,
    submitTime,
    resources: { nodeCount, perNode: { cpuMilli, memMiB, gres: gpuGres(gpus) } },
    timeLimit: Math.max(1, Math.ceil(limitSeconds / 60)) * 60_000,
    pod: { labels: {}, network: 'default', ports: [], dns: [] },
    primary: { kind: 'script', duration: Math.round(o.scriptDuration * 1000), exitCode: 0, waitForSteps: true },
    steps,
  };
}

function appendMode(o: PipelineOptions, draws: Draws): AppendMode {
  const a = o.append;
  const pick = draws.weighted([
    { mode: 'after' as const, weight: a.after },
    { mode: 'parallel' as const, weight: a.parallel },
    { mode: 'offset' as const, weight: a.offset },
  ].filter((m) => m.weight > 0));
  if (pick.mode !== 'offset') return { mode: pick.mode };
  return { mode: 'offset', offset: Math.round(draws.uniform(o.offsetRange.min, o.offsetRange.max)) * 1000 };
}

const gpuGres = (gpus: number): GresRequest[] => (gpus > 0 ? [{ name: 'gpu', count: gpus }] : []);
