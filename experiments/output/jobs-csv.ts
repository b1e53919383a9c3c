import type { JobState, JobView, NodeId, NodeRuns } from '../../core/index.js';
import type { SimulationResult } from '../../runtime-sim/index.js';
import { boundedSlowdownOf, stretchOf } from '../metrics/job-metrics.js';
import { ChunkedFile, csvField, seconds } from './csv.js';
import { asciiBytes, NUMBER_BYTES, putBytes, putCsvText, putNumber, putRatio, putSeconds, ratioScaled } from './row-bytes.js';

/**
 * jobs.csv: one row per job, Batsim's column names where they exist, then CraneLab's. Every column
 * is documented in the README. Rows are in submission order (a stable sort of the trace by submit
 * time); rejected jobs follow, with empty times.
 */
export const JOBS_CSV_COLUMNS = [
  'job_id',
  'submission_time',
  'requested_number_of_resources',
  'requested_time',
  'final_state',
  'starting_time',
  'execution_time',
  'finish_time',
  'waiting_time',
  'turnaround_time',
  'stretch',
  'allocated_resources',
  'user',
  'account',
  'partition',
  'qos',
  'state',
  'exit_code',
  'bounded_slowdown',
  'wait_reason',
] as const;

/** Batsim's final states from CraneSched's terminal states. */
export function batsimFinalState(state: JobState): string {
  switch (state) {
    case 'Completed':
      return 'COMPLETED_SUCCESSFULLY';
    case 'Failed':
    case 'OutOfMemory':
      return 'COMPLETED_FAILED';
    case 'ExceedTimeLimit':
      return 'COMPLETED_WALLTIME_REACHED';
    case 'Cancelled':
    case 'Deadline':
      return 'COMPLETED_KILLED';
    case 'Pending':
    case 'Configuring':
    case 'Running':
    case 'Completing':
      return 'NOT_FINISHED';
  }
}

/** Every job state, once (the compiler checks the list is complete). */
const JOB_STATES: Record<JobState, true> = {
  Pending: true,
  Configuring: true,
  Running: true,
  Completing: true,
  Completed: true,
  Failed: true,
  OutOfMemory: true,
  ExceedTimeLimit: true,
  Cancelled: true,
  Deadline: true,
};

/** A state's name and Batsim final state as bytes, copied into a row in one call each. */
const STATE_BYTES = Object.fromEntries(
  (Object.keys(JOB_STATES) as JobState[]).map((s) => [s, { name: asciiBytes(s), final: asciiBytes(batsimFinalState(s)) }]),
) as Record<JobState, { readonly name: Uint8Array; readonly final: Uint8Array }>;

/** Node indices as Batsim's interval set: `0-3 7 9-10`. */
export function intervalSet(nodes: readonly NodeId[]): string {
  let sorted = nodes;
  for (let i = 1; i < nodes.length; i++) {
    if (nodes[i]! < nodes[i - 1]!) {
      sorted = [...nodes].sort((a, b) => a - b);
      break;
    }
  }
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(' ');
}

/** Writes Batsim's interval set of a view's nodes (`intervalSet`). */
export function writeNodeSet(out: ChunkedFile, view: Pick<JobView, 'nodes' | 'nodeRuns'>): void {
  const runs = view.nodeRuns?.();
  if (runs === undefined || !ascendingRuns(runs)) {
    out.write(intervalSet(view.nodes));
    return;
  }
  out.room(runBytes(runs));
  out.used = putRuns(out.buffer, out.used, runs);
}

/** Bytes `putRuns` may take. */
const runBytes = (runs: NodeRuns): number => 12 * runs.length + 12;

/** The interval set of ascending runs (each (first, length) pair is `first` or `first-last`). */
function putRuns(b: Buffer, at: number, runs: NodeRuns): number {
  for (let r = 0; r < runs.length; r += 2) {
    if (r > 0) b[at++] = 32; // ' '
    const first = runs[r]!;
    at = putNumber(b, at, first);
    if (runs[r + 1]! > 1) {
      b[at++] = 45; // '-'
      at = putNumber(b, at, first + runs[r + 1]! - 1);
    }
  }
  return at;
}

/** Whether (first, length) runs are in ascending order, each after the previous one's end. */
function ascendingRuns(runs: NodeRuns): boolean {
  for (let r = 2; r < runs.length; r += 2) if (runs[r]! < runs[r - 2]! + runs[r - 1]!) return false;
  return true;
}

/** Stores a row of jobs.csv (with its line break) from `b[at]` on; returns its end. */
function putRow(b: Buffer, at: number, view: JobView, runs: NodeRuns | undefined, nodeText: string | undefined, reason: string): number {
  const s = view.spec;
  const submit = view.submitTime;
  const start = view.startTime;
  const end = view.endTime;
  const started = Number.isFinite(start);
  const finished = Number.isFinite(end);
  at = putCsvText(b, at, s.externalId);
  b[at++] = COMMA;
  at = putSeconds(b, at, submit);
  b[at++] = COMMA;
  at = putNumber(b, at, s.request.nodeCount);
  b[at++] = COMMA;
  at = putSeconds(b, at, view.timeLimit);
  b[at++] = COMMA;
  const state = STATE_BYTES[view.state];
  at = putBytes(b, at, state.final);
  b[at++] = COMMA;
  at = putSeconds(b, at, start);
  b[at++] = COMMA;
  if (finished) at = putSeconds(b, at, end - start);
  b[at++] = COMMA;
  at = putSeconds(b, at, end);
  b[at++] = COMMA;
  if (started) at = putSeconds(b, at, start - submit);
  b[at++] = COMMA;
  if (finished) at = putSeconds(b, at, end - submit);
  b[at++] = COMMA;
  // A job cancelled before it started (ccancel, deadline) has a finish time but no run.
  // jobMetrics' values, without its object:
  const wait = (start - submit) / 1000;
  const execution = (end - start) / 1000;
  const turnaround = wait + execution;
  const ran = finished && started;
  if (ran) at = putRatio(b, at, ratioScaled(stretchOf(turnaround, execution)));
  b[at++] = COMMA;
  at = nodeText === undefined ? putRuns(b, at, runs!) : at + b.write(nodeText, at, 'latin1');
  b[at++] = COMMA;
  at = putCsvText(b, at, s.user);
  b[at++] = COMMA;
  at = putCsvText(b, at, s.account);
  b[at++] = COMMA;
  at = putCsvText(b, at, s.partition);
  b[at++] = COMMA;
  at = putCsvText(b, at, s.qos);
  b[at++] = COMMA;
  at = putBytes(b, at, state.name);
  b[at++] = COMMA;
  if (finished) at = putNumber(b, at, view.exitCode);
  b[at++] = COMMA;
  if (ran) at = putRatio(b, at, ratioScaled(boundedSlowdownOf(turnaround, execution)));
  b[at++] = COMMA;
  at = putCsvText(b, at, reason);
  b[at++] = 10;
  return at;
}

/**
 * Writes jobs.csv: `writeJobsCsv` for a whole result, or a `JobsCsvWriter` fed one view at a time
 * (a replay feeds it from the same pass as its other outputs).
 */
export function writeJobsCsv(path: string, result: SimulationResult): void {
  const writer = new JobsCsvWriter(path);
  for (const { view } of result.jobs) writer.row(view);
  writer.finish(result.rejected);
}

/** The byte of `,`. */
const COMMA = 44;
/** Bytes a row takes at most besides its texts and node set: 11 numbers, 20 separators, 2 states. */
const ROW_BYTES = 11 * NUMBER_BYTES + 20 + 2 * 32;

/**
 * jobs.csv row by row. A row goes straight into the file's byte buffer (one room check, then
 * numbers as digits and ASCII text byte by byte: no string per field or row); views are read one
 * row at a time, so a finished replay's rows are never all materialized.
 */
export class JobsCsvWriter {
  private readonly out: ChunkedFile;

  constructor(path: string) {
    this.out = new ChunkedFile(path);
    this.out.write(JOBS_CSV_COLUMNS.join(',') + '\n');
  }

  /** The row of an accepted job (in submission order). */
  row(view: JobView): void {
    const out = this.out;
    const s = view.spec;
    const runs = view.nodeRuns?.();
    const nodeText = runs === undefined || !ascendingRuns(runs) ? intervalSet(view.nodes) : undefined;
    const reason = view.waitReason ?? '';
    const bytes =
      ROW_BYTES +
      (nodeText === undefined ? runBytes(runs!) : 3 * nodeText.length) +
      6 * (s.externalId.length + s.user.length + s.account.length + s.partition.length + s.qos.length + reason.length) +
      12;
    if (out.room(bytes)) out.used = putRow(out.buffer, out.used, view, runs, nodeText, reason);
    else {
      const b = Buffer.allocUnsafe(bytes); // a row longer than the buffer (huge texts)
      out.writeBytes(b, 0, putRow(b, 0, view, runs, nodeText, reason));
    }
  }

  /** The rejected jobs' rows, then the file is closed. */
  finish(rejected: SimulationResult['rejected']): void {
    const out = this.out;
    for (const r of rejected) {
      const s = r.job.spec;
      const row = [s.externalId, seconds(r.job.submitTime), s.request.nodeCount, s.timeLimit === undefined ? '' : seconds(s.timeLimit), 'REJECTED', '', '', '', '', '', '', '', s.user, s.account, s.partition, s.qos, r.code, '', '', ''];
      out.write(row.map(csvField).join(',') + '\n');
    }
    out.close();
  }
}
