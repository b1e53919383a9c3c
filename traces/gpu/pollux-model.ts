/**
 * The duration and resource model CraneLab assumes for Pollux's synthetic deep-learning workload
 * (petuum/adaptdl, branch osdi21-artifact, commit de25dcc90c350b8ade3a710e437a651a8d2efae6).
 *
 * Durations. Pollux's `simulator/workload.py` chose each job's (num_replicas, batch_size) from
 * `APPLICATIONS[app].get_configurations(0.5, 0.8)` in `simulator/applications.py`, which also returns
 * the job's completion time at that fixed allocation: the iterations to finish `max_epochs` at that
 * batch size (`traces/<app>/validation-<bsz>.csv`) times the measured step time for that placement
 * and per-GPU batch (`placements.csv`, else interpolated from `scalability.csv`), on the testbed's
 * 16 nodes x 4 GPUs. Those completion times are the table below, computed by running that function
 * (pandas 1.5.3, scipy 1.10.1) and rounded to 0.1 s. They are what a non-adaptive scheduler (the
 * paper's Tiresias+TunedJobs baseline) would see: a fixed allocation for the job's whole life.
 *
 * Resources. Each replica is one GPU with the requests of `benchmark/models/<app>/adaptdljob.yaml`:
 * `cpu: 10`, `memory: "40G"` (40e9 bytes = 38 147 MiB, rounded up), `nvidia.com/gpu: 1`. Replicas
 * are packed 4 to a node as `get_configurations` places them (its comment: "Assuming a cluster of 16
 * nodes each with 4 GPUs"; the testbed's `benchmark/main.tf` uses g4dn.12xlarge: 4 T4, 48 vCPUs).
 *
 * Images. Each application's Dockerfile (`benchmark/models/<app>/Dockerfile`) builds on an NGC
 * PyTorch image; the job runs that base image here (the application layer on top is small and not
 * modelled), so applications with the same base share cache entries.
 */

export interface PolluxApplication {
  /** NGC base image of the application's Dockerfile. */
  readonly image: string;
  /** Configurations `get_configurations(0.5, 0.8)` offers: [num_replicas, batch_size, completion s]. */
  readonly configurations: readonly (readonly [number, number, number])[];
}

export const POLLUX_APPLICATIONS: Readonly<Record<string, PolluxApplication>> = {
  bert: {
    image: 'nvcr.io/nvidia/pytorch:20.10-py3',
    configurations: [[6, 384, 3055.7], [8, 384, 2480.3], [12, 384, 1589.2], [16, 384, 1334.9]],
  },
  cifar10: {
    image: 'nvcr.io/nvidia/pytorch:20.03-py3',
    configurations: [[6, 2048, 854.2], [8, 2048, 826.1], [12, 4096, 573.2], [16, 4096, 449.4]],
  },
  deepspeech2: {
    image: 'nvcr.io/nvidia/pytorch:20.10-py3',
    configurations: [[6, 320, 4153.2], [8, 320, 3500.8], [12, 640, 2572.7]],
  },
  imagenet: {
    image: 'nvcr.io/nvidia/pytorch:20.03-py3',
    configurations: [[24, 3200, 31395.6], [32, 6400, 26207.4], [48, 6400, 18879.6]],
  },
  ncf: {
    image: 'nvcr.io/nvidia/pytorch:20.03-py3',
    configurations: [[1, 32768, 33.0]],
  },
  yolov3: {
    image: 'nvcr.io/nvidia/pytorch:20.10-py3',
    configurations: [[4, 64, 12869.9]],
  },
};

/** Per-replica requests of adaptdljob.yaml, and the testbed's GPUs per node. */
export const POLLUX_REPLICA = { cpuMilli: 10_000, memMiB: 38_147, gpusPerNode: 4 } as const;

/** Completion time in ms of `app` at (replicas, batch size), or undefined when the model has none. */
export function polluxDuration(app: string, replicas: number, batchSize: number): number | undefined {
  const a = POLLUX_APPLICATIONS[app];
  const c = a?.configurations.find(([r, b]) => r === replicas && b === batchSize);
  return c === undefined ? undefined : Math.round(c[2] * 1000);
}

/**
 * Nodes for `replicas` GPUs, at most `gpusPerNode` each, every node with the same count (CraneSched
 * requests are uniform per node): the fewest nodes n >= ceil(replicas / gpusPerNode) that divide
 * replicas. 6 replicas: 2 nodes x 3; 12: 3 x 4; 1: 1 x 1.
 */
export function polluxLayout(replicas: number, gpusPerNode: number = POLLUX_REPLICA.gpusPerNode): { readonly nodes: number; readonly perNode: number } {
  let n = Math.ceil(replicas / gpusPerNode);
  while (replicas % n !== 0) n++;
  return { nodes: n, perNode: replicas / n };
}
