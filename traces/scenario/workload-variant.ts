import type { JobOutcome } from '../../core/index.js';
import { EXIT_TIME_LIMIT } from '../../runtime-sim/index.js';
import { describeVariantField, VARIANT_FIELDS, type SlurmVariantRecord } from '../slurm-variant/fields.js';
import { readSlurmVariant } from '../slurm-variant/reader.js';
import type { ScenarioJob } from './job.js';
import { mapNames, RuleCache, traceMemory, traceRequest, TraceIssues, traceJob, type WorkloadResult } from './workload.js';
import type { TraceOptions } from './workload-spec.js';

/** The variant field behind each mapping source. */
const VARIANT_SOURCE: Readonly<Record<string, keyof SlurmVariantRecord>> = {
  user: 'user',
  account: 'account',
  queue: 'queue',
  partition: 'partition',
  executable: 'executableNumber',
  processors: 'allocatedProcessors',
  requestedTime: 'requestedTime',
};

/** CraneSched's exit code for a cancelled job (`Terminated`). */
const EXIT_TERMINATED = 320;

/**
 * Loads a Slurm-simulator variant trace as scenario jobs, the way the simulator runs it:
 * - submit: field 2 (seconds); time limit: field 9 (seconds; <= 0: none, the QoS maximum applies);
 * - runtime: field 4; 0 or -1 means the job runs until killed at its time limit (the simulator's
 *   `-sim-walltime 0` convention, -1 read the same way); a run longer than the limit is killed;
 * - size: field 5 processors as tasks, `processorsPerNode` per node (the tutorial uses 12);
 * - memory: field 7 as `--mem` MB per node by default (the tutorial's convention);
 * - status (field 11): 0 Failed, 5 Cancelled, anything else Completed;
 * - names: user (12), account (13), QoS from the queue (15), partition (16), through the mapping.
 */
export async function loadVariantJobs(file: string, options: TraceOptions): Promise<WorkloadResult> {
  const issues = new TraceIssues(file);
  const jobs: ScenarioJob[] = [];
  let seen = 0;
  const rules = new RuleCache();
  const describe = (source: string): string => describeVariantField(VARIANT_FIELDS.findIndex((f) => f.name === VARIANT_SOURCE[source]));
  const read = await readSlurmVariant(file, (r) => {
    if (options.maxJobs !== null && seen >= options.maxJobs) return;
    seen++;
    const procs = r.allocatedProcessors > 0 ? r.allocatedProcessors : r.requestedProcessors;
    if (!Number.isInteger(procs) || procs < 1) {
      issues.add(r.line, describeVariantField(4), `expected a positive whole number of processors (or field 8 when field 5 is -1), got ${r.allocatedProcessors}`);
      return;
    }
    if (r.submitTime < 0) {
      issues.add(r.line, describeVariantField(1), `expected a submit time >= 0, got ${r.submitTime}`);
      return;
    }
    const names = mapNames(options.mapping, (s) => r[VARIANT_SOURCE[s]!] as string | number, describe, issues, r.line, rules);
    if (names === undefined) return;
    const [outcome, exitCode]: [JobOutcome, number] = r.status === 0 ? ['Failed', 1] : r.status === 5 ? ['Cancelled', EXIT_TERMINATED] : ['Completed', 0];
    const limit = r.requestedTime > 0 ? Math.round(r.requestedTime * 1000) : null;
    const runtime = r.runTime > 0 ? Math.round(r.runTime * 1000) : Number.POSITIVE_INFINITY;
    const infinite = runtime === Number.POSITIVE_INFINITY;
    const request = traceRequest(procs, options.processorsPerNode, traceMemory(options.memory, (f) => r[f]));
    const id = String(r.jobNumber);
    jobs.push(traceJob(id, r.line, Math.round(r.submitTime * 1000), names.user!, names.account, names.partition, names.qos, request, limit, runtime, infinite ? 'ExceedTimeLimit' : outcome, infinite ? EXIT_TIME_LIMIT : exitCode));
  });
  if (!read.ok) return { ok: false, issues: [read.error] };
  if (issues.count > 0) return { ok: false, issues: issues.result() };
  return { ok: true, value: { format: 'slurm-variant', file, jobs, warnings: read.value.warnings } };
}
