import { makeNodeId, type NodeId } from './ids.js';

/**
 * A node list as its runs of consecutive ascending ids: (first id, count) pairs in list order, so
 * `5 6 7 9` is `[5, 3, 9, 1]`. Any list has this form (a list without neighbours takes two ints a
 * node); whole-node planners bind the lowest free nodes, so their lists of hundreds of nodes are
 * one to a few runs, and they go from the planner to the runtime, the validator and the stored
 * results without a per-node array ever being built. A plain array of small integers: far cheaper
 * to make (and to collect) than a typed array, for the two to a few numbers most lists take.
 */
export type NodeRuns = readonly number[];

/** The list with no node. */
export const NO_RUNS: NodeRuns = Object.freeze([]);

/** `nodes` as runs (a new array). */
export function runsOf(nodes: readonly number[]): NodeRuns {
  if (nodes.length === 0) return NO_RUNS;
  const runs: number[] = [];
  for (let k = 0; k < nodes.length; k++) {
    const n = nodes[k]!;
    if (k > 0 && n === nodes[k - 1]! + 1) runs[runs.length - 1]!++;
    else runs.push(n, 1);
  }
  return runs;
}

/** Number of nodes in `runs`. */
export function runsLength(runs: NodeRuns): number {
  let length = 0;
  for (let r = 1; r < runs.length; r += 2) length += runs[r]!;
  return length;
}

/** The node list of `runs` (a new array). */
export function expandRuns(runs: NodeRuns): NodeId[] {
  const out = new Array<NodeId>(runsLength(runs));
  let k = 0;
  for (let r = 0; r < runs.length; r += 2) {
    const first = runs[r]!;
    const count = runs[r + 1]!;
    for (let i = 0; i < count; i++) out[k++] = makeNodeId(first + i);
  }
  return out;
}

/** Whether node `node` is in `runs`. */
export function runsInclude(runs: NodeRuns, node: number): boolean {
  for (let r = 0; r < runs.length; r += 2) if (node >= runs[r]! && node < runs[r]! + runs[r + 1]!) return true;
  return false;
}
