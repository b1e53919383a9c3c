import { WarningTally, type InputIssue, type InputWarning } from '../issue.js';
import type { ContainerJob, GresRequest, JobResources } from '../container/index.js';
import { checkTimeLimitFactor, plainContainer, timeLimitFor } from './common.js';
import { forEachCsvRow, intField } from './csv-rows.js';

/** Columns of Alibaba's `openb_pod_list_*.csv` (cluster-trace-gpu-v2023). */
export const ALIBABA_POD_COLUMNS = [
  'name', 'cpu_milli', 'memory_mib', 'num_gpu', 'gpu_milli', 'gpu_spec', 'qos', 'pod_phase', 'creation_time', 'deletion_time', 'scheduled_time',
] as const;

/** QoS classes the trace uses (Kubernetes and Alibaba names); others are kept with a warning. */
export const ALIBABA_QOS = ['LS', 'BE', 'Burstable', 'Guaranteed'] as const;
const PHASES = ['Running', 'Succeeded', 'Failed', 'Pending'] as const;

export interface AlibabaPodOptions {
  /** Image every pod runs (the trace names none); default `openb/pod:v1`, one image shared by all. */
  readonly image?: string;
  /** Its size in MiB; absent: the simulator's default size. */
  readonly imageSizeMiB?: number;
  /** When set, each job's time limit is factor x its duration (>= 11 s); absent: no limit. */
  readonly timeLimitFactor?: number;
}

export interface AlibabaPodCounts {
  readonly rows: number;
  readonly imported: number;
  /** Pods with no `scheduled_time` (phase Pending): never ran, skipped. */
  readonly neverScheduled: number;
  /** Pods whose deletion comes before their scheduling: skipped. */
  readonly badTimes: number;
  /** Imported pods still running when the trace ends: their duration is cut at the trace end. */
  readonly cutAtTraceEnd: number;
}

export type AlibabaPodsResult =
  | { readonly ok: true; readonly value: { readonly jobs: readonly ContainerJob[]; readonly counts: AlibabaPodCounts; readonly warnings: readonly InputWarning[] } }
  | { readonly ok: false; readonly issues: readonly InputIssue[] };

/**
 * Alibaba's GPU pod list as `ccon run`-style container jobs (one node, the container is the primary).
 *
 * - submit = `creation_time`; duration = `deletion_time` - `scheduled_time` (the time the pod held its
 *   resources; the original queueing, `scheduled_time` - `creation_time`, is kept as `meta.originalWait`
 *   for comparison, since the simulator decides the wait itself);
 * - resources: `cpu_milli`, `memory_mib`, `gpu:<num_gpu>`; `gpu_milli` < 1000 on a one-GPU pod becomes
 *   the job's GPU share; `gpu_spec` (`A|B`) the allowed GPU models; `qos` the job's QoS;
 * - outcome: phase `Failed` exits 1 (the trace has no exit codes), `Succeeded` and `Running` (deleted
 *   while running) exit 0; `meta.phase` keeps the phase;
 * - skipped, with counted warnings: pods never scheduled (no `scheduled_time`, phase Pending: they never
 *   ran in the original cluster) and pods deleted before they were scheduled;
 * - warned: pods still running at the trace's last deletion time (their duration is a lower bound),
 *   `gpu_milli` that is not 1000 on a multi-GPU pod (ignored), unknown QoS or phase names, a zero CPU or
 *   memory request (Kubernetes allows it; it becomes 1 milli-CPU or 1 MiB).
 * A malformed number, or a missing creation or deletion time, is an error naming file, line and column.
 */
export async function loadAlibabaPods(file: string, options: AlibabaPodOptions = {}): Promise<AlibabaPodsResult> {
  const bad = checkTimeLimitFactor(options.timeLimitFactor);
  if (bad !== undefined) return { ok: false, issues: [{ file, message: bad }] };
  const image = options.image ?? 'openb/pod:v1';
  const issues: InputIssue[] = [];
  const tally = new WarningTally(file);
  const jobs: ContainerJob[] = [];
  const running: { index: number; line: number; deletion: number }[] = [];
  let rows = 0;
  let neverScheduled = 0;
  let badTimes = 0;
  let traceEnd = 0;
  const read = await forEachCsvRow(file, ALIBABA_POD_COLUMNS, (row) => {
    rows++;
    const num = (c: (typeof ALIBABA_POD_COLUMNS)[number], min: number): number | undefined => {
      const v = intField(row, c, min);
      if (typeof v === 'number') return v;
      issues.push({ file, line: row.line, field: c, message: v });
      return undefined;
    };
    const name = row.get('name');
    if (name === '') issues.push({ file, line: row.line, field: 'name', message: 'expected a pod name, got ""' });
    const cpuRequest = num('cpu_milli', 0);
    const memRequest = num('memory_mib', 0);
    const gpus = num('num_gpu', 0);
    const gpuMilli = num('gpu_milli', 0);
    const creation = num('creation_time', 0);
    const deletion = num('deletion_time', 0);
    const scheduledText = row.get('scheduled_time');
    const scheduled = scheduledText === '' ? null : num('scheduled_time', 0);
    if (issues.length >= 50) return false;
    if (name === '' || cpuRequest === undefined || memRequest === undefined || gpus === undefined || gpuMilli === undefined) return true;
    if (creation === undefined || deletion === undefined || scheduled === undefined) return true;
    traceEnd = Math.max(traceEnd, deletion);
    if (scheduled === null) {
      neverScheduled++;
      tally.add('pods never scheduled (no scheduled_time; phase Pending) are skipped: they never ran in the original cluster', row.line);
      return true;
    }
    if (deletion < scheduled) {
      badTimes++;
      tally.add('pods deleted before they were scheduled are skipped', row.line);
      return true;
    }
    const phase = row.get('pod_phase');
    if (!(PHASES as readonly string[]).includes(phase)) tally.add(`unknown pod phases are treated as Succeeded (exit 0): ${phase}`, row.line);
    const qos = row.get('qos');
    if (!(ALIBABA_QOS as readonly string[]).includes(qos)) tally.add(`unknown QoS classes are kept as given: ${qos}`, row.line);
    // Kubernetes allows a zero request; the container format needs a positive one.
    if (cpuRequest === 0 || memRequest === 0) tally.add('pods requesting 0 CPU or 0 memory get 1 milli-CPU or 1 MiB', row.line);
    const cpuMilli = Math.max(1, cpuRequest);
    const memMiB = Math.max(1, memRequest);
    const duration = (deletion - scheduled) * 1000;
    const timeLimit = timeLimitFor(duration, options.timeLimitFactor);
    if (phase === 'Running') running.push({ index: jobs.length, line: row.line, deletion });
    jobs.push({
      id: name,
      submitTime: creation * 1000,
      ...(qos === '' ? {} : { qos }),
      resources: resources(cpuMilli, memMiB, gpus, gpuMilli, row.get('gpu_spec'), (m) => tally.add(m, row.line)),
      ...(timeLimit === undefined ? {} : { timeLimit }),
      pod: { labels: {}, network: 'default', ports: [], dns: [] },
      primary: { kind: 'container', duration, exitCode: phase === 'Failed' ? 1 : 0, container: plainContainer(image, options.imageSizeMiB) },
      steps: [],
      meta: { phase, originalWait: scheduled - creation },
    });
    return true;
  });
  if (!read.ok) return read;
  if (issues.length > 0) return { ok: false, issues };
  if (read.extraColumns.length > 0) tally.add(`extra columns are ignored: ${read.extraColumns.join(', ')}`);
  let cutAtTraceEnd = 0;
  for (const r of running) {
    if (r.deletion !== traceEnd) continue;
    cutAtTraceEnd++;
    tally.add(`pods still running at the end of the trace (deletion_time = ${traceEnd}, the last in the file) end there: their durations are lower bounds`, r.line);
  }
  return {
    ok: true,
    value: { jobs, counts: { rows, imported: jobs.length, neverScheduled, badTimes, cutAtTraceEnd }, warnings: tally.list() },
  };
}

function resources(cpuMilli: number, memMiB: number, gpus: number, gpuMilli: number, spec: string, warn: (m: string) => void): JobResources {
  const gres: GresRequest[] = gpus > 0 ? [{ name: 'gpu', count: gpus }] : [];
  let share: number | undefined;
  if (gpus === 1 && gpuMilli > 0 && gpuMilli < 1000) share = gpuMilli;
  else if (gpus === 1 && gpuMilli !== 1000) warn('gpu_milli of 0 or above 1000 on a one-GPU pod is read as a whole GPU');
  else if (gpus > 1 && gpuMilli !== 1000) warn('gpu_milli other than 1000 on a multi-GPU pod is ignored (whole GPUs)');
  else if (gpus === 0 && gpuMilli !== 0) warn('gpu_milli on a pod without GPUs is ignored');
  const models = spec === '' || spec === 'nan' ? [] : [...new Set(spec.split('|').filter((m) => m !== ''))];
  if (models.length > 0 && gpus === 0) warn('gpu_spec on a pod without GPUs is ignored');
  return {
    nodeCount: 1,
    perNode: { cpuMilli, memMiB, gres },
    ...(share === undefined ? {} : { gpuShareMilli: share }),
    ...(models.length > 0 && gpus > 0 ? { gpuModels: models } : {}),
  };
}
