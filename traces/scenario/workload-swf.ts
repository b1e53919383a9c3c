import type { ClusterConfig } from '../../core/config/index.js';
import { WarningTally } from '../issue.js';
import { describeField, SWF_FIELDS, type SwfFieldName } from '../swf/fields.js';
import { mapSwfJob, type SwfMappingNote, type SwfMappingOptions } from '../swf/mapping.js';
import { scanSwf, type SwfSink } from '../swf/scan.js';
import type { JobRequest, ScenarioJob } from './job.js';
import { NumericNames, PROCESSORS } from './numeric-names.js';
import { clusterProcessors, PARTITION_DEFAULT_MEMORY, traceMemory, traceRequest, TraceIssues, traceJob, type WorkloadResult } from './workload.js';
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
 */
export async function loadSwfJobs(file: string, options: SwfOptions, cluster: ClusterConfig): Promise<WorkloadResult> {
  const sink = new SwfJobs(file, options, clusterProcessors(cluster));
  const read = await scanSwf(file, sink, options.skipBadLines ? { skipBadLines: true } : {});
  if (!read.ok) return { ok: false, issues: [read.error] };
  if (sink.issues.count > 0) return { ok: false, issues: sink.issues.result() };
  return { ok: true, value: { format: 'swf', file, jobs: sink.jobs, warnings: [...read.value.warnings, ...sink.tally.list()] } };
}

const describe = (source: string): string => describeField(SWF_FIELDS.indexOf(SWF_SOURCE[source]!));
const sourceIndex = (source: string): number => (source === 'processors' ? PROCESSORS : SWF_FIELDS.indexOf(SWF_SOURCE[source]!));
const USED_MEMORY = SWF_FIELDS.indexOf('usedMemory');
const REQUESTED_MEMORY = SWF_FIELDS.indexOf('requestedMemory');

/**
 * Maps each job line as the scan hands it over (its 18 values, reused by the scan): no record
 * object and no closure per line; requests without a memory field are shared by size.
 */
class SwfJobs implements SwfSink {
  readonly jobs: ScenarioJob[] = [];
  readonly issues: TraceIssues;
  readonly tally: WarningTally;
  private readonly names: NumericNames;
  private readonly mapping: SwfMappingOptions;
  private readonly notes: (note: SwfMappingNote) => void;
  private readonly memoryOf: (field: 'usedMemory' | 'requestedMemory') => number;
  /** Requests asking for the partition's default memory, by processors. */
  private readonly requests = new Map<number, JobRequest>();
  private seen = 0;
  private line = 0;
  private values: Float64Array | undefined;

  constructor(
    file: string,
    private readonly options: SwfOptions,
    processors: number,
  ) {
    this.issues = new TraceIssues(file);
    this.tally = new WarningTally(file);
    this.names = new NumericNames(options.mapping, sourceIndex, describe);
    this.mapping = { processors, missingEstimate: options.missingEstimate };
    this.notes = (note) => this.tally.add(NOTES[note], this.line);
    this.memoryOf = (field) => this.values![field === 'usedMemory' ? USED_MEMORY : REQUESTED_MEMORY]!;
  }

  add(v: Float64Array, line: number): void {
    const { options } = this;
    if (options.maxJobs !== null && this.seen >= options.maxJobs) return;
    this.seen++;
    this.line = line;
    const sim = mapSwfJob(v[0]!, v[1]!, v[3]!, v[4]!, v[8]!, v[10]!, v[11]!, v[12]!, this.mapping, this.notes);
    const procs = sim.spec.request.nodeCount;
    const names = this.names;
    if (!names.map(v, procs, this.issues, line)) return;
    this.values = v;
    const memory = traceMemory(options.memory, this.memoryOf);
    let request: JobRequest | undefined;
    if (memory === PARTITION_DEFAULT_MEMORY) {
      request = this.requests.get(procs);
      if (request === undefined) this.requests.set(procs, (request = traceRequest(procs, options.processorsPerNode, memory)));
    } else request = traceRequest(procs, options.processorsPerNode, memory);
    this.jobs.push(
      traceJob(sim.spec.externalId, line, sim.submitTime, names.user!, names.account, names.partition, names.qos, request, sim.spec.timeLimit ?? null, sim.runtime, sim.outcome, sim.exitCode),
    );
  }
}
