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
  const row = new SwfRowMapping(options, notes);
  row.map(r.submitTime, r.runTime, r.allocatedProcessors, r.requestedTime, r.status);
  return row.simJob(r.jobNumber, r.userId, r.groupId);
}

/**
 * The SWF fields a mapped row reads (indexes into SWF_FIELDS): the job number, the five of
 * `SwfRowMapping.map` in its argument order, then the user and group ids (`simJob`).
 */
export const SWF_JOB_FIELDS: readonly number[] = (['jobNumber', 'submitTime', 'runTime', 'allocatedProcessors', 'requestedTime', 'status', 'userId', 'groupId'] as const).map((name) =>
  SWF_FIELDS.indexOf(name),
);

/**
 * `mapSwfRecord` for loaders that keep rows column-wise: `map` takes the five fields the mapping
 * reads and leaves the result in this object's fields (valid until the next call), so a loader
 * that builds jobs of its own (a scenario's `ScenarioJob`) makes no throw-away spec and job per
 * row; `simJob` builds the replay's job from them.
 */
export class SwfRowMapping {
  /** ms. */
  submitTime = 0;
  /** ms: how long the job runs. */
  runtime = 0;
  /** ms: the estimate, the job's time limit. */
  timeLimit = 0;
  /** The job's size, at most the machine's. */
  processors = 0;
  outcome: SimJob['outcome'] = 'Completed';
  exitCode = 0;

  constructor(
    private readonly options: SwfMappingOptions,
    private readonly notes?: (note: SwfMappingNote) => void,
  ) {}

  map(sub: number, run: number, alloc: number, requested: number, status: number): void {
    const n = this.options.processors;
    const notes = this.notes;
    let req = requested;
    if (req <= 0 && run > 0) {
      notes?.('missing-estimate');
      if (this.options.missingEstimate === 'runtime') req = run;
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
    this.submitTime = Math.round(submit * 1000);
    this.runtime = runtime * 1000;
    this.timeLimit = estimate * 1000;
    this.processors = procs;
    if (overran) {
      this.outcome = 'ExceedTimeLimit';
      this.exitCode = EXIT_TIME_LIMIT;
    } else if (status === 0) {
      this.outcome = 'Failed';
      this.exitCode = 1;
    } else if (status === 5) {
      this.outcome = 'Cancelled';
      this.exitCode = EXIT_TERMINATED;
    } else {
      this.outcome = 'Completed';
      this.exitCode = 0;
    }
  }

  /** The row last mapped as the replay's job (one-CPU nodes, the ids as user and account names). */
  simJob(jobNumber: number, userId: number, groupId: number): SimJob {
    const spec: JobSpec = {
      externalId: String(jobNumber),
      user: userId >= 0 ? idText(userId) : '',
      account: groupId >= 0 ? idText(groupId) : '',
      partition: 'default',
      qos: '',
      request: requestOf(this.processors),
      timeLimit: this.timeLimit,
    };
    return { spec, submitTime: this.submitTime, runtime: this.runtime, outcome: this.outcome, exitCode: this.exitCode };
  }
}
