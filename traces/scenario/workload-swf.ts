import type { ClusterConfig } from '../../core/config/index.js';
import { WarningTally } from '../issue.js';
import { describeField, SWF_FIELDS, type SwfFieldName } from '../swf/fields.js';
import { SWF_JOB_FIELDS, SwfRowMapping, type SwfMappingNote, type SwfMappingOptions } from '../swf/mapping.js';
import { SwfRows } from '../swf/rows.js';
import { scanSwf } from '../swf/scan.js';
import type { JobRequest, ScenarioJob } from './job.js';
import { NumericNames, PROCESSORS } from './numeric-names.js';
import { clusterProcessors, memoryOfField, PARTITION_DEFAULT_MEMORY, traceRequest, TraceIssues, traceJob, type WorkloadResult } from './workload.js';
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

type SwfOptions = TraceOptions & { readonly missingEstimate: 'runtime' | 'one-second'; readonly skipBadLines: boolean };

/**
 * Loads an SWF trace as scenario jobs. Times, sizes and outcomes follow the replay mapping
 * (traces/swf/mapping.ts: bad rows, estimates, ExceedTimeLimit for overruns), with the machine
 * size taken from the cluster (its whole CPUs); names come from the scenario's mapping; a job of P
 * processors asks for ceil(P/k) nodes with k = `processorsPerNode`.
 *
 * The scan keeps the fields the jobs need column-wise (no object per line: a sink that does little
 * keeps the scan's loop optimized), then the rows are mapped in a loop of their own.
 */
export async function loadSwfJobs(file: string, options: SwfOptions, cluster: ClusterConfig): Promise<WorkloadResult> {
  const rows = new SwfRows(extraFields(options), options.maxJobs ?? undefined);
  const read = await scanSwf(file, rows, options.skipBadLines ? { skipBadLines: true } : {});
  if (!read.ok) return { ok: false, issues: [read.error] };
  const issues = new TraceIssues(file);
  const tally = new WarningTally(file);
  const jobs = mapRows(rows, options, { processors: clusterProcessors(cluster), missingEstimate: options.missingEstimate }, issues, tally);
  if (issues.count > 0) return { ok: false, issues: issues.result() };
  return { ok: true, value: { format: 'swf', file, jobs, warnings: [...read.value.warnings, ...tally.list()], idsUnique: risingJobNumbers(rows) } };
}

const fieldIndex = (name: SwfFieldName): number => SWF_FIELDS.indexOf(name);

/** The SWF fields (indexes) a load keeps besides those the replay mapping reads (`SWF_JOB_FIELDS`): the mapping's sources and the memory field. */
function extraFields(options: SwfOptions): number[] {
  const extra: number[] = [];
  const add = (name: SwfFieldName): void => void (SWF_JOB_FIELDS.includes(fieldIndex(name)) || extra.includes(fieldIndex(name)) || extra.push(fieldIndex(name)));
  for (const rule of Object.values(options.mapping)) if (rule.kind !== 'unset' && rule.from !== '' && rule.from !== 'processors') add(SWF_SOURCE[rule.from]!);
  if (options.memory.kind === 'field') add(options.memory.field);
  return extra;
}

/**
 * The rows as scenario jobs: per row the replay mapping, the names (`NumericNames`), and a request
 * (shared by size when no memory field is mapped). No record or closure per row. (A function of
 * its own: its loop is optimized early, which the loop of an async function is not.)
 */
function mapRows(rows: SwfRows, options: SwfOptions, mapping: SwfMappingOptions, issues: TraceIssues, tally: WarningTally): ScenarioJob[] {
  const jobs: ScenarioJob[] = [];
  const { width, kept } = rows;
  const d = rows.data;
  const column = (source: string): number => (source === 'processors' ? PROCESSORS : kept.indexOf(fieldIndex(SWF_SOURCE[source]!)));
  const names = new NumericNames(options.mapping, column, (source) => describeField(fieldIndex(SWF_SOURCE[source]!)));
  const memoryColumn = options.memory.kind === 'field' ? kept.indexOf(fieldIndex(options.memory.field)) : -1;
  const memoryField = options.memory.kind === 'field' ? options.memory : undefined;
  let at = 0;
  let line = 0;
  const row = new SwfRowMapping(mapping, (note: SwfMappingNote): void => tally.add(NOTES[note], line));
  const perNode = options.processorsPerNode;
  /** Requests asking for the partition's default memory, by processors. */
  const requests = new Map<number, JobRequest>();
  for (let i = 0; i < rows.length; i++, at += width) {
    line = d[at + width - 1]!;
    row.map(d[at + 1]!, d[at + 2]!, d[at + 3]!, d[at + 4]!, d[at + 5]!);
    const procs = row.processors;
    if (!names.map(d, at, procs, issues, line)) continue;
    const memory = memoryField === undefined ? PARTITION_DEFAULT_MEMORY : memoryOfField(memoryField, d[at + memoryColumn]!);
    let request: JobRequest | undefined;
    if (memory === PARTITION_DEFAULT_MEMORY) {
      request = requests.get(procs);
      if (request === undefined) requests.set(procs, (request = traceRequest(procs, perNode, memory)));
    } else request = traceRequest(procs, perNode, memory);
    jobs.push(traceJob(String(d[at]!), line, row.submitTime, names.user!, names.account, names.partition, names.qos, request, row.timeLimit, row.runtime, row.outcome, row.exitCode));
  }
  return jobs;
}

/** Whether the job numbers (a row's first field) rise from row to row: then the jobs' ids (their text) are unique. */
function risingJobNumbers(rows: SwfRows): boolean {
  const d = rows.data;
  for (let i = 1, at = rows.width; i < rows.length; i++, at += rows.width) if (!(d[at]! > d[at - rows.width]!)) return false;
  return true;
}
