import type { JobState, JobView, NodeId, NodeRuns } from '../../core/index.js';
import type { SimulationResult } from '../../runtime-sim/index.js';
import { jobMetrics } from '../metrics/job-metrics.js';
import { ChunkedFile, csvField, seconds, writeCsvText, writeRatio, writeSeconds } from './csv.js';

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

/** Writes Batsim's interval set of a view's nodes, from its runs when it keeps them in order. */
export function writeNodeSet(out: ChunkedFile, view: Pick<JobView, 'nodes' | 'nodeRuns'>): void {
  const runs = view.nodeRuns?.();
  if (runs === undefined || !ascendingRuns(runs)) {
    out.write(intervalSet(view.nodes));
    return;
  }
  for (let r = 0; r < runs.length; r += 2) {
    if (r > 0) out.byte(32); // ' '
    out.number(runs[r]!);
    if (runs[r + 1]! > 1) {
      out.byte(45); // '-'
      out.number(runs[r]! + runs[r + 1]! - 1);
    }
  }
}

/** Whether (first, length) runs are in ascending order, each after the previous one's end. */
function ascendingRuns(runs: NodeRuns): boolean {
  for (let r = 2; r < runs.length; r += 2) if (runs[r]! < runs[r - 2]! + runs[r - 1]!) return false;
  return true;
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

/**
 * jobs.csv row by row. Rows go straight into the file's byte buffer, numbers as digits (no string
 * per field or row); views are read one row at a time, so a finished replay's rows are never all
 * materialized.
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
    const started = Number.isFinite(view.startTime);
    const finished = Number.isFinite(view.endTime);
    // A job cancelled before it started (ccancel, deadline) has a finish time but no run.
    const m = finished && started ? jobMetrics(view.submitTime, view.startTime, view.endTime) : undefined;
    writeCsvText(out, s.externalId);
    out.byte(COMMA);
    writeSeconds(out, view.submitTime);
    out.byte(COMMA);
    out.number(s.request.nodeCount);
    out.byte(COMMA);
    writeSeconds(out, view.timeLimit);
    out.byte(COMMA);
    out.write(batsimFinalState(view.state));
    out.byte(COMMA);
    writeSeconds(out, view.startTime);
    out.byte(COMMA);
    if (finished) writeSeconds(out, view.endTime - view.startTime);
    out.byte(COMMA);
    writeSeconds(out, view.endTime);
    out.byte(COMMA);
    if (started) writeSeconds(out, view.startTime - view.submitTime);
    out.byte(COMMA);
    if (finished) writeSeconds(out, view.endTime - view.submitTime);
    out.byte(COMMA);
    if (m !== undefined) writeRatio(out, m.stretch);
    out.byte(COMMA);
    writeNodeSet(out, view);
    out.byte(COMMA);
    writeCsvText(out, s.user);
    out.byte(COMMA);
    writeCsvText(out, s.account);
    out.byte(COMMA);
    writeCsvText(out, s.partition);
    out.byte(COMMA);
    writeCsvText(out, s.qos);
    out.byte(COMMA);
    out.write(view.state);
    out.byte(COMMA);
    if (finished) out.number(view.exitCode);
    out.byte(COMMA);
    if (m !== undefined) writeRatio(out, m.boundedSlowdown);
    out.byte(COMMA);
    if (view.waitReason !== null) writeCsvText(out, view.waitReason);
    out.byte(10);
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
