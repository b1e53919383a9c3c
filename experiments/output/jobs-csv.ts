import type { JobState, JobView, NodeId } from '../../core/index.js';
import type { SimulationResult } from '../../runtime-sim/index.js';
import { jobMetrics } from '../metrics/job-metrics.js';
import { csvField, CsvFile, ratio, seconds } from './csv.js';

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

/**
 * The same text from a list kept as runs ((first id, length) pairs, see `JobView.nodeRuns`),
 * without expanding it; undefined when the runs are not in ascending order (then sort the list).
 */
export function intervalSetOfRuns(runs: Int32Array): string | undefined {
  let text = '';
  let previousEnd = -1;
  for (let r = 0; r < runs.length; r += 2) {
    const first = runs[r]!;
    const last = first + runs[r + 1]! - 1;
    if (first <= previousEnd) return undefined;
    text += (r === 0 ? '' : ' ') + (first === last ? String(first) : `${first}-${last}`);
    previousEnd = last;
  }
  return text;
}

/** Batsim's interval set of a view's nodes, from its runs when it keeps them. */
function nodesText(view: JobView): string {
  const runs = view.nodeRuns?.();
  return (runs === undefined ? undefined : intervalSetOfRuns(runs)) ?? intervalSet(view.nodes);
}

/**
 * Writes jobs.csv. Rows are formatted directly into text (no per-row field array); views are read
 * one row at a time, so a finished replay's rows are never all materialized.
 */
export function writeJobsCsv(path: string, result: SimulationResult): void {
  const csv = new CsvFile(path, JOBS_CSV_COLUMNS);
  for (const { view } of result.jobs) {
    const s = view.spec;
    const started = Number.isFinite(view.startTime);
    const finished = Number.isFinite(view.endTime);
    // A job cancelled before it started (ccancel, deadline) has a finish time but no run.
    const m = finished && started ? jobMetrics(view.submitTime, view.startTime, view.endTime) : undefined;
    csv.line(
      `${csvField(s.externalId)},${seconds(view.submitTime)},${s.request.nodeCount},${seconds(view.timeLimit)},${batsimFinalState(view.state)},` +
        `${seconds(view.startTime)},${finished ? seconds(view.endTime - view.startTime) : ''},${seconds(view.endTime)},` +
        `${started ? seconds(view.startTime - view.submitTime) : ''},${finished ? seconds(view.endTime - view.submitTime) : ''},` +
        `${m === undefined ? '' : ratio(m.stretch)},${nodesText(view)},${csvField(s.user)},${csvField(s.account)},` +
        `${csvField(s.partition)},${csvField(s.qos)},${view.state},${finished ? view.exitCode : ''},${m === undefined ? '' : ratio(m.boundedSlowdown)}`,
    );
  }
  for (const r of result.rejected) {
    const s = r.job.spec;
    csv.row([s.externalId, seconds(r.job.submitTime), s.request.nodeCount, s.timeLimit === undefined ? '' : seconds(s.timeLimit), 'REJECTED', '', '', '', '', '', '', '', s.user, s.account, s.partition, s.qos, r.code, '', '']);
  }
  csv.close();
}
