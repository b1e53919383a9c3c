import { makeNodeId, ResourceLayout, type NodeId } from '../../../core/index.js';
import { JobSteps, type CommonStepSpec, type ContainerMeta, type JobStepsOptions, type JobStepsSpec, type PodMeta, type StepPayload, type StepRequest } from '../../../core/steps/index.js';

/** Layout [cpuMilli, memMiB, gres/gpu:a100]: every test node may have A100s. */
export const LAYOUT = new ResourceLayout([[{ name: 'gpu', type: 'a100', count: 1 }]]);
export const DIMS = LAYOUT.dims;

export const node = (n: number): NodeId => makeNodeId(n);

/** A per-node vector: `vec(4000, 8192, 1)` is 4 CPUs, 8 GiB, one A100. */
export function vec(cpuMilli: number, memMiB: number, gpus = 0): Float64Array {
  return Float64Array.from([cpuMilli, memMiB, gpus]);
}

export const POD: PodMeta = { labels: {}, network: 'default', ports: [], dns: [] };

export function container(image = 'alpine:3.19'): ContainerMeta {
  return { image, args: [], env: {}, mounts: {}, tty: false, stdin: false, detach: false };
}

export const CONTAINER: StepPayload = { kind: 'container', container: container() };
export const SCRIPT: StepPayload = { kind: 'script' };
export const PROCESS: StepPayload = { kind: 'process' };

/** `ccon run`: a Container job whose primary is a container. */
export function cconJob(timeLimit: number | null = null): JobStepsSpec {
  return { kind: 'Container', user: 'alice', pod: POD, primary: CONTAINER, timeLimit };
}

/** `cbatch --pod`: a Container job whose primary is the batch script. */
export function podJob(timeLimit: number | null = null): JobStepsSpec {
  return { kind: 'Container', user: 'alice', pod: POD, primary: SCRIPT, timeLimit };
}

/** Plain `cbatch`. */
export function batchJob(): JobStepsSpec {
  return { kind: 'Batch', user: 'alice', primary: SCRIPT, timeLimit: null };
}

/** A step request: `nodes` nodes with `cpuMilli`, `memMiB` and `gpus` A100s each. */
export function request(nodes: number, cpuMilli: number, memMiB: number, gpus = 0, extra: Partial<StepRequest> = {}): StepRequest {
  const perNode = LAYOUT.request(cpuMilli, memMiB, gpus > 0 ? [{ name: 'gpu', type: 'a100', count: gpus }] : [])!;
  return { nodeCount: nodes, perNode, ...extra };
}

export function step(req: StepRequest, payload: StepPayload = CONTAINER, timeLimit?: number): CommonStepSpec {
  return timeLimit === undefined ? { user: 'alice', payload, request: req } : { user: 'alice', payload, request: req, timeLimit };
}

/** A job on `nodes` nodes, each holding `perNode`, with the daemon already ready everywhere when `ready`. */
export function jobOn(spec: JobStepsSpec, nodes: number, perNode: Float64Array, options: JobStepsOptions = {}): JobSteps {
  const ids = Array.from({ length: nodes }, (_, i) => node(i));
  return new JobSteps(spec, ids, ids.map(() => Float64Array.from(perNode)), DIMS, options);
}

/** Reports the daemon ready on every node; returns the actions (the primary's start). */
export function readyAll(job: JobSteps, now = 0): ReturnType<JobSteps['observe']>[] {
  return job.nodes.map((n) => job.observe({ type: 'DaemonReady', node: n }, now));
}
