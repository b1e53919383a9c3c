import { WarningTally, type InputIssue, type InputWarning } from '../issue.js';
import type { GpuCluster, GpuNodeSpec } from './cluster.js';
import { forEachCsvRow, intField } from './csv-rows.js';

/** Columns of Alibaba's `openb_node_list_*.csv` (cluster-trace-gpu-v2023). */
export const ALIBABA_NODE_COLUMNS = ['sn', 'cpu_milli', 'memory_mib', 'gpu', 'model'] as const;

export type AlibabaNodesResult =
  | { readonly ok: true; readonly value: { readonly cluster: GpuCluster; readonly warnings: readonly InputWarning[] } }
  | { readonly ok: false; readonly issues: readonly InputIssue[] };

/**
 * Alibaba's node list as a cluster: `sn` is the node name, `cpu_milli` and `memory_mib` map
 * directly, `gpu` is the GPU count and `model` its model (empty or `nan` on CPU-only nodes).
 * Counted warnings: GPU nodes without a model, a model on a node without GPUs (dropped), repeated
 * node names (later rows skipped). A non-integer or negative number is an error.
 */
export async function loadAlibabaNodes(file: string): Promise<AlibabaNodesResult> {
  const nodes: GpuNodeSpec[] = [];
  const issues: InputIssue[] = [];
  const tally = new WarningTally(file);
  const seen = new Set<string>();
  const read = await forEachCsvRow(file, ALIBABA_NODE_COLUMNS, (row) => {
    const name = row.get('sn');
    const values = (['cpu_milli', 'memory_mib', 'gpu'] as const).map((c) => {
      const v = intField(row, c, 0);
      if (typeof v === 'string') issues.push({ file, line: row.line, field: c, message: v });
      return v;
    });
    if (name === '') issues.push({ file, line: row.line, field: 'sn', message: 'expected a node name, got ""' });
    if (issues.length >= 50) return false;
    const [cpuMilli, memMiB, gpus] = values;
    if (typeof cpuMilli !== 'number' || typeof memMiB !== 'number' || typeof gpus !== 'number' || name === '') return true;
    if (seen.has(name)) {
      tally.add('repeated node names: the later rows are skipped', row.line);
      return true;
    }
    seen.add(name);
    const rawModel = row.get('model');
    const model = rawModel === '' || rawModel === 'nan' ? undefined : rawModel;
    if (gpus > 0 && model === undefined) tally.add('GPU nodes without a model: their GPUs match any model', row.line);
    if (gpus === 0 && model !== undefined) tally.add('a GPU model on a node without GPUs is dropped', row.line);
    nodes.push(gpus > 0 && model !== undefined ? { name, cpuMilli, memMiB, gpus, gpuModel: model } : { name, cpuMilli, memMiB, gpus });
    return true;
  });
  if (!read.ok) return read;
  if (issues.length > 0) return { ok: false, issues };
  if (read.extraColumns.length > 0) tally.add(`extra columns are ignored: ${read.extraColumns.join(', ')}`);
  return { ok: true, value: { cluster: { nodes }, warnings: tally.list() } };
}
