import type { JobSpec, ResourceRequest } from '../../core/index.js';
import { EXIT_TIME_LIMIT, type SimJob } from '../../runtime-sim/index.js';
import { SWF_FIELDS, type SwfRecord } from './fields.js';

/**
 * What a missing requested time (field 9 <= 0) means:
 * - `runtime`: the estimate equals the run time (CraneLab's default; pyss's `--perfect-if-missing`);
 * - `one-second`: the reference simulator's literal rule (the job runs 1 s, planned for its length).
 */
export type MissingEstimate = 'runtime' | 'one-second';
export const MISSING_ESTIMATE_MODES: readonly MissingEstimate[] = ['runtime', 'one-second'];

export interface SwfMappingOptions {
  /** Machine size in processors; every processor is a one-CPU node. */
  readonly processors: number;
  readonly missingEstimate: MissingEstimate;
}

/** Exit code of a job the trace records as cancelled (CraneSched's `Terminated`). */
const EXIT_TERMINATED = 320;

/** Every SWF job asks for one CPU per node (a node is a processor); shared, never mutated. */
const ONE_CPU = Object.freeze({ cpuMilli: 1000, memMiB: 0 });

/** Requests of small whole node counts (a trace has a few hundred widths at most); shared, never mutated. */
const REQUESTS: ResourceRequest[] = [];

function requestOf(nodeCount: number): ResourceRequest {
  if (!(Number.isInteger(nodeCount) && nodeCount < 1 << 16)) return { nodeCount, perNode: ONE_CPU };
  return (REQUESTS[nodeCount] ??= { nodeCount, perNode: ONE_CPU });
}

/** Texts of small non-negative integers (user and group ids repeat across a million lines). */
const ID_TEXTS: string[] = [];

function idText(id: number): string {
  if (!(Number.isInteger(id) && id < 1 << 16)) return String(id);
  return (ID_TEXTS[id] ??= String(id));
}

/** Why a row was mapped the way it was, for counted warnings. */
export type SwfMappingNote = 'bad-row' | 'clamped' | 'clamped-bad-row' | 'overran-request' | 'missing-estimate';

/**
 * Maps one SWF line to a simulated job exactly as the reference simulator does
 * (reference-semantics.md §1.3), in seconds, then to milliseconds:
 *
 *   bad row (run <= 0 or procs <= 0 or submit < 0): submit max(sub, 1), run 1, estimate 1,
 *     procs max(procs, 1)   [CraneLab deviation: also clamped to the machine]
 *   otherwise: estimate trunc(max(req, run, 1)), run trunc(max(min(req, run), 1)), procs min(procs, N)
 *
 * The size is field 5 (allocated processors); field 8 is ignored. A job that ran past its request
 * runs for its request and is recorded as ExceedTimeLimit, but is planned with its real length.
 */
export function mapSwfRecord(r: SwfRecord, options: SwfMappingOptions, notes?: (note: SwfMappingNote) => void): SimJob {
  return mapSwfJob(r.jobNumber, r.submitTime, r.runTime, r.allocatedProcessors, r.requestedTime, r.status, r.userId, r.groupId, options, notes);
}

/** The SWF fields `mapSwfJob` reads (indexes into SWF_FIELDS), in its argument order. */
export const SWF_JOB_FIELDS: readonly number[] = (['jobNumber', 'submitTime', 'runTime', 'allocatedProcessors', 'requestedTime', 'status', 'userId', 'groupId'] as const).map((name) =>
  SWF_FIELDS.indexOf(name),
);

/** `mapSwfRecord` from the eight fields it reads (a loader that keeps records column-wise builds no record). */
export function mapSwfJob(
  jobNumber: number,
  sub: number,
  run: number,
  alloc: number,
  requested: number,
  status: number,
  userId: number,
  groupId: number,
  options: SwfMappingOptions,
  notes?: (note: SwfMappingNote) => void,
): SimJob {
  const n = options.processors;
  let req = requested;
  if (req <= 0 && run > 0) {
    notes?.('missing-estimate');
    if (options.missingEstimate === 'runtime') req = run;
  }
  let submit: number;
  let runtime: number;
  let estimate: number;
  let procs: number;
  let overran = false;
  if (run <= 0 || alloc <= 0 || sub < 0) {
    notes?.('bad-row');
    submit = Math.max(sub, 1);
    runtime = 1;
    estimate = 1;
    procs = Math.max(alloc, 1);
    if (procs > n) {
      notes?.('clamped-bad-row');
      procs = n;
    }
  } else {
    submit = sub;
    estimate = Math.trunc(Math.max(req, run, 1));
    runtime = Math.trunc(Math.max(Math.min(req, run), 1));
    overran = req >= 1 && req < run;
    if (overran) notes?.('overran-request');
    procs = alloc;
    if (procs > n) {
      notes?.('clamped');
      procs = n;
    }
  }
  const spec: JobSpec = {
    externalId: String(jobNumber),
    user: userId >= 0 ? idText(userId) : '',
    account: groupId >= 0 ? idText(groupId) : '',
    partition: 'default',
    qos: '',
    request: requestOf(procs),
    timeLimit: estimate * 1000,
  };
  const submitTime = Math.round(submit * 1000);
  if (overran) return { spec, submitTime, runtime: runtime * 1000, outcome: 'ExceedTimeLimit', exitCode: EXIT_TIME_LIMIT };
  if (status === 0) return { spec, submitTime, runtime: runtime * 1000, outcome: 'Failed', exitCode: 1 };
  if (status === 5) return { spec, submitTime, runtime: runtime * 1000, outcome: 'Cancelled', exitCode: EXIT_TERMINATED };
  return { spec, submitTime, runtime: runtime * 1000, outcome: 'Completed', exitCode: 0 };
}
