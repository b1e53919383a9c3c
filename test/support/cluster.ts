import { uniformCluster, type ClusterSpec } from '../../core/index.js';

/** A small cluster for tests: nodes `name: cpus/memMiB/gres`, one partition `p` of all of them. */
export function testCluster(nodes: ReadonlyArray<{ name: string; cpus: number; memMiB?: number; gres?: string[] }>, extra: Partial<ClusterSpec> = {}): ClusterSpec {
  const base = uniformCluster(1);
  const specs = nodes.map((n) => ({
    name: n.name,
    cpuMilli: n.cpus * 1000,
    memMiB: n.memMiB ?? 1024,
    gres: (n.gres ?? []).map((g) => {
      const [name, type, count] = g.split(':');
      return { name: name!, type: type!, count: Number(count) };
    }),
  }));
  return {
    ...base,
    nodes: specs,
    partitions: [{ ...base.partitions[0]!, name: 'p', nodes: specs.map((n) => n.name) }],
    defaultPartition: 'p',
    ...extra,
  };
}
