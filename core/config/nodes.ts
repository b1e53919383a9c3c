import type { NodeConfig } from './cluster-types.js';
import { readNodeGres } from './gres.js';
import { expandHostlist } from './hostlist.js';
import type { ConfigPath, Issues } from './issues.js';
import { readList, readMap, readString, requireKey } from './read.js';
import { parseCpuMilli, parseNodeMemory } from './units.js';

const NODE_KEYS = ['name', 'cpu', 'memory', 'gres'];
/** Node keys CraneSched reads that the simulator has no use for. */
const NODE_IGNORED = ['sockets'];

/**
 * `Nodes` (undefined if any entry is wrong): each entry's hostlist `name` is expanded and every expanded node gets the entry's
 * `cpu`, `memory` and `gres`. A node defined twice is an error (CraneSched keeps the last).
 */
export function readNodes(issues: Issues, path: ConfigPath, v: unknown): readonly NodeConfig[] | undefined {
  const list = readList(issues, path, v);
  if (list === undefined) return undefined;
  if (list.length === 0) {
    issues.error(path, 'expected at least one node entry, got an empty list');
    return undefined;
  }
  const nodes: NodeConfig[] = [];
  const definedAt = new Map<string, number>();
  const before = issues.count;
  list.forEach((entry, i) => {
    const p = [...path, i];
    const map = readMap(issues, p, entry, { known: NODE_KEYS, ignored: NODE_IGNORED });
    if (map === undefined) return;
    let names: readonly string[] | undefined;
    if (requireKey(issues, p, map, 'name')) {
      const s = readString(issues, [...p, 'name'], map['name']);
      if (s !== undefined) {
        const r = expandHostlist(s);
        if (!r.ok) issues.error([...p, 'name'], r.message);
        else if (r.value.length === 0) issues.error([...p, 'name'], `expected at least one node name, got ${JSON.stringify(s)}`);
        else names = r.value;
      }
    }
    let cpuMilli: number | undefined;
    if (requireKey(issues, p, map, 'cpu')) {
      const r = parseCpuMilli(map['cpu']);
      if (!r.ok) issues.error([...p, 'cpu'], r.message);
      else cpuMilli = r.value;
    }
    let memMiB: number | undefined;
    if (requireKey(issues, p, map, 'memory')) {
      const r = parseNodeMemory(map['memory']);
      if (!r.ok) issues.error([...p, 'memory'], r.message);
      else memMiB = r.value;
    }
    const gres = map['gres'] === undefined || map['gres'] === null ? [] : readNodeGres(issues, [...p, 'gres'], map['gres']);
    if (names === undefined || cpuMilli === undefined || memMiB === undefined || gres === undefined) return;
    for (const name of names) {
      const first = definedAt.get(name);
      if (first !== undefined) {
        issues.error([...p, 'name'], `node '${name}' is already defined by Nodes[${first}]`);
        continue;
      }
      definedAt.set(name, i);
      nodes.push({ name, cpuMilli, memMiB, gres });
    }
  });
  // A partial node table would make every partition that names a broken entry's nodes fail too.
  return issues.count > before ? undefined : nodes;
}
