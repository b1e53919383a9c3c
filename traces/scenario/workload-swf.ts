import type { ClusterConfig } from '../../core/config/index.js';
import { WarningTally } from '../issue.js';
import { describeField, SWF_FIELDS, type SwfFieldName, type SwfRecord } from '../swf/fields.js';
import { mapSwfRecord, type SwfMappingNote } from '../swf/mapping.js';
import { readSwf } from '../swf/reader.js';
import type { ScenarioJob } from './job.js';
import { clusterProcessors, mapNames, RuleCache, traceMemory, traceRequest, TraceIssues, traceJob, type WorkloadResult } from './workload.js';
import type { TraceOptions } from './workload-spec.js';

/** The SWF field behind each mapping source. */
const SWF_SOURCE: Readonly<Record<string, SwfFieldName>> = {
  user: 'userId',
  group: 'groupId',
  queue: 'queueNumber',
  partition: 'partitionNumber',
  executable: 'executableNumber',
  processors: 'allocatedProcessors',
  requestedTime: 'requestedTime',
};

const NOTES: Readonly<Record<SwfMappingNote, string>> = {
  'bad-row': 'rows with no run time, no processors or a negative submit time become 1-second, 1-processor-minimum jobs',
  clamped: "jobs wider than the cluster's whole CPUs are shrunk to fit",
  'clamped-bad-row': "bad rows wider than the cluster's whole CPUs are shrunk to fit",
  'overran-request': 'jobs ran past their requested time; they run for the request and end ExceedTimeLimit',
  'missing-estimate': 'jobs have no requested time (field 9 <= 0); see workload.missingEstimate',
};

/**
 * Loads an SWF trace as scenario jobs. Times, sizes and outcomes follow the replay mapping
 * (traces/swf/mapping.ts: bad rows, estimates, ExceedTimeLimit for overruns), with the machine
 * size taken from the cluster (its whole CPUs); names come from the scenario's mapping; a job of P
 * processors asks for ceil(P/k) nodes with k = `processorsPerNode`.
 */
export async function loadSwfJobs(
  file: string,
  options: TraceOptions & { readonly missingEstimate: 'runtime' | 'one-second'; readonly skipBadLines: boolean },
  cluster: ClusterConfig,
): Promise<WorkloadResult> {
  const processors = clusterProcessors(cluster);
  const issues = new TraceIssues(file);
  const tally = new WarningTally(file);
  const jobs: ScenarioJob[] = [];
  let seen = 0;
  const rules = new RuleCache();
  const describe = (source: string): string => describeField(SWF_FIELDS.indexOf(SWF_SOURCE[source]!));
  const onRecord = (r: SwfRecord): void => {
    if (options.maxJobs !== null && seen >= options.maxJobs) return;
    seen++;
    const sim = mapSwfRecord(r, { processors, missingEstimate: options.missingEstimate }, (note) => tally.add(NOTES[note], r.line));
    const procs = sim.spec.request.nodeCount;
    const get = (source: string): number => (source === 'processors' ? procs : r[SWF_SOURCE[source]!]);
    const names = mapNames(options.mapping, get, describe, issues, r.line, rules);
    if (names === undefined) return;
    const memory = traceMemory(options.memory, (f) => r[f]);
    jobs.push(
      traceJob({
        id: sim.spec.externalId,
        line: r.line,
        submitTime: sim.submitTime,
        user: names.user!,
        account: names.account,
        partition: names.partition,
        qos: names.qos,
        request: traceRequest(procs, options.processorsPerNode, memory),
        timeLimit: sim.spec.timeLimit ?? null,
        runtime: sim.runtime,
        outcome: sim.outcome,
        exitCode: sim.exitCode,
      }),
    );
  };
  const read = await readSwf(file, onRecord, options.skipBadLines ? { skipBadLines: true } : {});
  if (!read.ok) return { ok: false, issues: [read.error] };
  if (issues.count > 0) return { ok: false, issues: issues.result() };
  return { ok: true, value: { format: 'swf', file, jobs, warnings: [...read.value.warnings, ...tally.list()] } };
}
