import type { AccountAcl, NodeConfig, PartitionConfig, PartitionMemory } from './cluster-types.js';
import { expandHostlist, formatHostlist } from './hostlist.js';
import type { ConfigPath, Issues } from './issues.js';
import { optional, readInt, readList, readMap, readName, readNameList, readString, reader, requireKey, UINT32_MAX, type PlainMap } from './read.js';
import { parseMemoryAmount } from './units.js';

const PARTITION_KEYS = ['name', 'nodes', 'priority', 'AllowedAccounts', 'DeniedAccounts', 'DefaultMemPerCpu', 'DefaultMemPerNode', 'MaxMemPerCpu', 'MaxMemPerNode'];

const readMiB = reader(parseMemoryAmount);

/**
 * `Partitions`. `nodes` must name defined nodes (or be `ALL`); every node must belong to some
 * partition. `nodes` is undefined when the node list itself was invalid: node checks are skipped.
 */
export function readPartitions(issues: Issues, path: ConfigPath, v: unknown, nodes: readonly NodeConfig[] | undefined): readonly PartitionConfig[] | undefined {
  const list = readList(issues, path, v);
  if (list === undefined) return undefined;
  if (list.length === 0) {
    issues.error(path, 'expected at least one partition, got an empty list');
    return undefined;
  }
  const nodeIndex = new Map(nodes?.map((n, i) => [n.name, i]) ?? []);
  const out: PartitionConfig[] = [];
  const firstAt = new Map<string, number>();
  const covered = new Set<string>();
  let everyNodeListRead = true;
  list.forEach((entry, i) => {
    const p = [...path, i];
    const map = readMap(issues, p, entry, { known: PARTITION_KEYS });
    if (map === undefined) {
      everyNodeListRead = false;
      return;
    }
    const name = requireKey(issues, p, map, 'name') ? readName(issues, [...p, 'name'], map['name']) : undefined;
    if (name !== undefined) {
      const first = firstAt.get(name);
      if (first !== undefined) issues.error([...p, 'name'], `partition '${name}' is already defined by Partitions[${first}]`);
      else firstAt.set(name, i);
    }
    const members = requireKey(issues, p, map, 'nodes') ? readPartitionNodes(issues, [...p, 'nodes'], map['nodes'], nodes, nodeIndex) : undefined;
    if (members === undefined) everyNodeListRead = false;
    else for (const n of members) covered.add(n);
    const priority = optional(issues, p, map, 'priority', (is, pp, x) => readInt(is, pp, x, { max: UINT32_MAX }), 0);
    const acl = readAcl(issues, p, map);
    const memory = readMemory(issues, p, map, members, nodes, nodeIndex);
    if (name === undefined || members === undefined || priority === undefined || acl === undefined || memory === undefined) return;
    if (members.length === 0) issues.warn([...p, 'nodes'], `partition '${name}' has no nodes`);
    out.push({ name, nodes: members, priority, acl, memory });
  });
  if (out.length < list.length) return undefined;
  if (nodes !== undefined && everyNodeListRead) {
    const orphans = nodes.filter((n) => !covered.has(n.name)).map((n) => n.name);
    if (orphans.length > 0) issues.error(path, `nodes ${formatHostlist(orphans)} belong to no partition; CraneSched requires every node in at least one`);
  }
  return out;
}

function readPartitionNodes(issues: Issues, path: ConfigPath, v: unknown, nodes: readonly NodeConfig[] | undefined, index: ReadonlyMap<string, number>): readonly string[] | undefined {
  const s = readString(issues, path, v);
  if (s === undefined) return undefined;
  if (s.trim().toUpperCase() === 'ALL') return nodes?.map((n) => n.name) ?? [];
  const r = expandHostlist(s);
  if (!r.ok) {
    issues.error(path, r.message);
    return undefined;
  }
  if (nodes === undefined) return [];
  const unknown = r.value.filter((n) => !index.has(n));
  if (unknown.length > 0) {
    issues.error(path, `${unknown.length === 1 ? 'node' : 'nodes'} ${formatHostlist(unknown)} ${unknown.length === 1 ? 'is' : 'are'} not defined in Nodes`);
    return undefined;
  }
  return [...new Set(r.value)].sort((a, b) => index.get(a)! - index.get(b)!);
}

function readAcl(issues: Issues, path: ConfigPath, map: PlainMap): AccountAcl | undefined {
  const has = (k: string): boolean => map[k] !== undefined && map[k] !== null;
  if (has('AllowedAccounts')) {
    if (has('DeniedAccounts')) issues.warn([...path, 'DeniedAccounts'], 'ignored: AllowedAccounts is also set, and it wins (as in CraneSched)');
    const accounts = readNameList(issues, [...path, 'AllowedAccounts'], map['AllowedAccounts']);
    return accounts === undefined ? undefined : { kind: 'allow', accounts };
  }
  if (has('DeniedAccounts')) {
    const accounts = readNameList(issues, [...path, 'DeniedAccounts'], map['DeniedAccounts']);
    return accounts === undefined ? undefined : { kind: 'deny', accounts };
  }
  return { kind: 'all' };
}

function readMemory(
  issues: Issues,
  path: ConfigPath,
  map: PlainMap,
  members: readonly string[] | undefined,
  nodes: readonly NodeConfig[] | undefined,
  index: ReadonlyMap<string, number>,
): PartitionMemory | undefined {
  const defCpu = optional(issues, path, map, 'DefaultMemPerCpu', readMiB, 0);
  const defNode = optional(issues, path, map, 'DefaultMemPerNode', readMiB, 0);
  const maxCpu = optional(issues, path, map, 'MaxMemPerCpu', readMiB, 0);
  const maxNode = optional(issues, path, map, 'MaxMemPerNode', readMiB, 0);
  if (defCpu === undefined || defNode === undefined || maxCpu === undefined || maxNode === undefined) return undefined;
  const given = (k: string): boolean => map[k] !== undefined && map[k] !== null;
  if (given('DefaultMemPerCpu') && given('DefaultMemPerNode')) {
    issues.error([...path, 'DefaultMemPerNode'], 'DefaultMemPerCpu and DefaultMemPerNode are mutually exclusive; give one');
    return undefined;
  }
  let defaultPerCpuMiB = defCpu;
  let defaultFrom: PartitionMemory['defaultFrom'] = defNode > 0 ? 'DefaultMemPerNode' : 'DefaultMemPerCpu';
  if (defCpu === 0 && defNode === 0) {
    defaultFrom = 'auto';
    let mem = 0;
    let cpuMilli = 0;
    for (const name of members ?? []) {
      const n = nodes?.[index.get(name)!];
      if (n === undefined) continue;
      mem += n.memMiB;
      cpuMilli += n.cpuMilli;
    }
    defaultPerCpuMiB = cpuMilli === 0 ? 0 : Math.floor((mem * 1000) / cpuMilli);
  }
  let ok = true;
  if (defaultPerCpuMiB > 0 && maxCpu > 0 && maxCpu < defaultPerCpuMiB) {
    issues.error([...path, 'MaxMemPerCpu'], `expected at least the default memory per CPU (${defaultPerCpuMiB} MiB${defaultFrom === 'auto' ? ', computed from the partition' : ''}), got ${maxCpu} MiB`);
    ok = false;
  }
  if (defNode > 0 && maxNode > 0 && maxNode < defNode) {
    issues.error([...path, 'MaxMemPerNode'], `expected at least DefaultMemPerNode (${defNode} MiB), got ${maxNode} MiB`);
    ok = false;
  }
  return ok ? { defaultPerCpuMiB, defaultPerNodeMiB: defNode, maxPerCpuMiB: maxCpu, maxPerNodeMiB: maxNode, defaultFrom } : undefined;
}
