/** One node's capacity. */
export interface NodeSpec {
  readonly name: string;
  readonly cpuMilli: number;
  readonly memMiB: number;
}

export interface ClusterSpec {
  readonly nodes: readonly NodeSpec[];
}

/**
 * A machine of `n` identical nodes named `prefix0..prefix(n-1)`: how a trace's processor count
 * (SWF `MaxProcs`) becomes a cluster of one-CPU nodes.
 */
export function uniformCluster(n: number, node: Omit<NodeSpec, 'name'> = { cpuMilli: 1000, memMiB: 0 }, prefix = 'n'): ClusterSpec {
  if (!Number.isInteger(n) || n <= 0) throw new Error(`uniformCluster: node count must be a positive integer, got ${n}`);
  const nodes: NodeSpec[] = [];
  for (let i = 0; i < n; i++) nodes.push({ name: `${prefix}${i}`, ...node });
  return { nodes };
}
