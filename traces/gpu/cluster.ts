/** A GPU cluster as a trace describes it: nodes with CPUs, memory and GPUs of one model. */
export interface GpuNodeSpec {
  readonly name: string;
  readonly cpuMilli: number;
  readonly memMiB: number;
  /** Whole GPUs on the node. */
  readonly gpus: number;
  /** GPU model (`T4`, `V100M16`, Alibaba's undisclosed `G2`...); absent on CPU-only nodes. */
  readonly gpuModel?: string;
}

export interface GpuCluster {
  readonly nodes: readonly GpuNodeSpec[];
}

export interface GpuClusterSummary {
  readonly nodes: number;
  readonly cpuMilli: number;
  readonly memMiB: number;
  readonly gpus: number;
  /** Per GPU model (CPU-only nodes under `''`): node and GPU counts, sorted by model name. */
  readonly byModel: readonly { readonly model: string; readonly nodes: number; readonly gpus: number }[];
}

export function summarizeGpuCluster(cluster: GpuCluster): GpuClusterSummary {
  const byModel = new Map<string, { nodes: number; gpus: number }>();
  let cpuMilli = 0;
  let memMiB = 0;
  let gpus = 0;
  for (const n of cluster.nodes) {
    cpuMilli += n.cpuMilli;
    memMiB += n.memMiB;
    gpus += n.gpus;
    const m = byModel.get(n.gpuModel ?? '') ?? { nodes: 0, gpus: 0 };
    m.nodes++;
    m.gpus += n.gpus;
    byModel.set(n.gpuModel ?? '', m);
  }
  const models = [...byModel].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([model, m]) => ({ model, ...m }));
  return { nodes: cluster.nodes.length, cpuMilli, memMiB, gpus, byModel: models };
}
