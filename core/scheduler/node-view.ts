import type { ClusterState, NodeState } from '../cluster/cluster-state.js';
import type { JobId } from '../model/ids.js';
import type { JobRecord } from './job-record.js';

/** One node as `cinfo` shows it: its state and use. */
export interface NodeView {
  readonly name: string;
  /** `idle`, `mixed` (partly allocated), `allocated` (full), or the control state. */
  readonly state: 'idle' | 'mixed' | 'allocated' | 'down' | 'drained';
  readonly control: NodeState;
  readonly partitions: readonly string[];
  readonly cpuMilli: number;
  readonly allocCpuMilli: number;
  readonly jobs: readonly JobId[];
  /** Held by an active reservation (`ccontrol show reservation`), whatever runs on it. */
  readonly reserved: boolean;
}

export function nodeViews(cluster: ClusterState, running: readonly JobRecord[], reserved: (node: number) => boolean = () => false): NodeView[] {
  const alloc = new Float64Array(cluster.size);
  const jobs: JobId[][] = Array.from({ length: cluster.size }, () => []);
  for (const job of running) {
    job.nodes.forEach((n, k) => {
      alloc[n]! += job.allocation[k]![0]!;
      jobs[n]!.push(job.id);
    });
  }
  const partitionsOf: string[][] = Array.from({ length: cluster.size }, () => []);
  for (const p of cluster.partitions) for (const n of p.nodes) partitionsOf[n]!.push(p.name);
  return cluster.names.map((name, i) => {
    const control = cluster.states[i]!;
    const cpu = cluster.capacity[i]![0]!;
    const used = alloc[i]!;
    const busy = jobs[i]!.length > 0;
    const state = control === 'down' ? 'down' : control === 'drained' ? 'drained' : !busy ? 'idle' : used >= cpu ? 'allocated' : 'mixed';
    return { name, state, control, partitions: partitionsOf[i]!, cpuMilli: cpu, allocCpuMilli: used, jobs: jobs[i]!, reserved: reserved(i) };
  });
}
