import type { ClusterSpec } from '../../core/index.js';
import type { ContainerJob, ContainerStep } from '../../traces/container/index.js';
import { testCluster } from './cluster.js';

/** Builders of container workloads (traces/container) for simulator tests. */

/** Two nodes of 8 CPUs and 16 GiB. */
export const TWO_NODES: ClusterSpec = testCluster([
  { name: 'n0', cpus: 8, memMiB: 16_384 },
  { name: 'n1', cpus: 8, memMiB: 16_384 },
]);

/** `cpus` CPUs (and 256 MiB per CPU) on each of `nodeCount` nodes. */
export const res = (cpus: number, nodeCount = 1) => ({ nodeCount, perNode: { cpuMilli: cpus * 1000, memMiB: cpus * 256, gres: [] } });

export const container = (image: string, imageSizeMiB: number) => ({ image, imageSizeMiB, args: [], env: {}, mounts: {}, tty: false, stdin: false, detach: false });

/** A container step of 4 CPUs running `seconds`, appended after the previous one. */
export const containerStep = (image: string, seconds: number, extra: Partial<ContainerStep> = {}, imageSizeMiB = 100): ContainerStep => ({
  kind: 'container',
  container: container(image, imageSizeMiB),
  resources: res(4),
  duration: seconds * 1000,
  exitCode: 0,
  append: { mode: 'after' },
  ...extra,
});

/** A `cbatch --pod` job of 4 CPUs whose script waits for its steps. */
export const podJob = (id: string, steps: ContainerStep[], extra: Partial<ContainerJob> = {}): ContainerJob => ({
  id,
  submitTime: 0,
  resources: res(4),
  timeLimit: 3600_000,
  pod: { labels: {}, network: 'default', ports: [], dns: [] },
  primary: { kind: 'script', duration: 1000, exitCode: 0, waitForSteps: true },
  steps,
  ...extra,
});
