import type { ClusterConfig } from '../config/cluster-types.js';

/** The cluster the core schedules: CraneSched's validated `config.yaml` model. */
export type ClusterSpec = ClusterConfig;

/**
 * A machine of `n` identical nodes `prefix0..prefix(n-1)` in one partition `default`, with
 * CraneSched's defaults elsewhere: how a trace's processor count (SWF `MaxProcs`) becomes a
 * cluster of one-CPU nodes.
 */
export function uniformCluster(n: number, node: { cpuMilli: number; memMiB: number } = { cpuMilli: 1000, memMiB: 0 }, prefix = 'n'): ClusterSpec {
  if (!Number.isInteger(n) || n <= 0) throw new Error(`uniformCluster: node count must be a positive integer, got ${n}`);
  const nodes = Array.from({ length: n }, (_, i) => ({ name: `${prefix}${i}`, cpuMilli: node.cpuMilli, memMiB: node.memMiB, gres: [] }));
  return {
    clusterName: null,
    nodes,
    partitions: [
      {
        name: 'default',
        nodes: nodes.map((x) => x.name),
        priority: 0,
        acl: { kind: 'all' },
        memory: { defaultPerCpuMiB: 0, defaultPerNodeMiB: 0, maxPerCpuMiB: 0, maxPerNodeMiB: 0, defaultFrom: 'auto' },
      },
    ],
    defaultPartition: 'default',
    priority: { type: 'priority/basic', favorSmall: true, maxAge: 7 * 86_400_000, weights: { age: 1000, fairShare: 0, jobSize: 0, partition: 0, qos: 0, assoc: 0 } },
    scheduledBatchSize: 100_000,
    pendingQueueMaxSize: 900_000,
    rejectJobsBeyondCapacity: false,
    preempt: { type: 'none', mode: 'OFF' },
    requeue: { jobRequeue: true, maxRequeueCount: 5 },
  };
}
