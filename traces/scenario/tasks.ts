import type { JobRequest } from './job.js';

type Layout = Pick<JobRequest, 'nodeCount' | 'ntasks' | 'ntasksPerNode'>;

/**
 * Fills in the task layout as CraneSched's CLI does (CRANESCHED.md §4.1): without `-n`, ntasks is
 * nodes x ntasks-per-node, or nodes; without `-N`, the node count is ntasks / ntasks-per-node
 * rounded up, or 1. Given both, every node needs a task (ntasks >= nodes) and ntasks-per-node caps
 * them (ntasks <= nodes x ntasks-per-node).
 */
export function resolveTasks(
  nodes: number | null,
  ntasks: number | null,
  perNode: number | null,
): { readonly ok: true; readonly value: Layout } | { readonly ok: false; readonly field: string; readonly message: string } {
  const nodeCount = nodes ?? (ntasks !== null && perNode !== null ? Math.ceil(ntasks / perNode) : 1);
  const tasks = ntasks ?? (perNode !== null ? nodeCount * perNode : nodeCount);
  if (tasks < nodeCount) return { ok: false, field: 'ntasks', message: `expected at least one task per node (${nodeCount} nodes), got ${tasks}` };
  if (perNode !== null && tasks > nodeCount * perNode) {
    return { ok: false, field: 'ntasks', message: `expected at most nodes x ntasks-per-node = ${nodeCount * perNode} tasks, got ${tasks}` };
  }
  return { ok: true, value: { nodeCount, ntasks: tasks, ntasksPerNode: perNode } };
}
