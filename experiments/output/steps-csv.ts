import type { StepRow } from '../../runtime-sim/index.js';
import { csvField, CsvFile, seconds } from './csv.js';

export const STEPS_CSV_COLUMNS = [
  'job_id',
  'step_id',
  'name',
  'role',
  'payload',
  'image',
  'nodes',
  'cpus',
  'submission_time',
  'configured_time',
  'starting_time',
  'finish_time',
  'wait_in_job',
  'pull_time',
  'start_latency',
  'run_time',
  'final_state',
  'exit_code',
  'reject_code',
] as const;

/** One line of steps.csv (README "steps.csv" documents the columns). */
export function stepsCsvLine(r: StepRow): string {
  const pullOrStart = Number.isFinite(r.startTime) ? r.startTime - r.configuredTime - r.pullTime : NaN;
  return [
    csvField(r.externalId),
    Number.isNaN(r.stepId) ? '' : String(r.stepId),
    csvField(r.name),
    r.role,
    r.payload,
    csvField(r.image),
    String(r.nodes),
    seconds(r.cpuMilli),
    seconds(r.submitTime),
    seconds(r.configuredTime),
    seconds(r.startTime),
    seconds(r.endTime),
    seconds(r.configuredTime - r.submitTime),
    Number.isFinite(r.configuredTime) ? seconds(r.pullTime) : '',
    seconds(pullOrStart),
    seconds(r.endTime - r.startTime),
    r.finalState,
    Number.isNaN(r.exitCode) ? '' : String(r.exitCode),
    r.rejectCode,
  ].join(',');
}

/** Writes steps.csv: one row per step of every job with steps, by job then step id. */
export function writeStepsCsv(path: string, rows: readonly StepRow[]): void {
  const csv = new CsvFile(path, STEPS_CSV_COLUMNS);
  for (const r of rows) csv.line(stepsCsvLine(r));
  csv.close();
}
