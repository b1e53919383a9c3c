import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { makePlanner, plannerNames, uniformCluster } from '../../core/index.js';
import { REPLAY_CLOCK_ORIGIN, simulate, type SimulationResult } from '../../runtime-sim/index.js';
import { loadSwfWorkload, type InputIssue, type InputWarning, type MissingEstimate, type SwfWorkload } from '../../traces/index.js';
import { SummaryBuilder, type ReplaySummary } from '../metrics/summary.js';
import { JobsCsvWriter } from '../output/jobs-csv.js';
import { ScheduleSwfWriter } from '../output/swf-export.js';

export interface ReplayOptions {
  readonly trace: string;
  readonly policy: string;
  readonly outDir: string;
  readonly processors?: number;
  readonly missingEstimate?: MissingEstimate;
  readonly skipBadLines?: boolean;
  readonly validate?: boolean;
  readonly onLoaded?: (workload: SwfWorkload) => void;
  readonly onProgress?: (finished: number, total: number) => void;
}

/** summary.json: what was replayed and how, then the metrics. */
export interface ReplayReport {
  readonly trace: string;
  readonly policy: string;
  readonly processors: number;
  readonly processors_from: string;
  readonly missing_estimate: MissingEstimate;
  readonly unix_start_time: number | null;
  readonly time_zone: string | null;
  readonly metrics: ReplaySummary;
}

export interface ReplayOutcome {
  readonly report: ReplayReport;
  readonly result: SimulationResult;
  readonly warnings: readonly InputWarning[];
  readonly files: { readonly jobs: string; readonly summary: string; readonly schedule: string };
}

export type ReplayRun = { readonly ok: true; readonly value: ReplayOutcome } | { readonly ok: false; readonly error: InputIssue };

/**
 * Loads a trace, replays it under one policy, and writes jobs.csv, summary.json and schedule.swf.
 * The policy is any planner of the registry: the whole-node fcfs, easy and conservative, or
 * cranesched (CraneSched's planning backfill, in submission order, without accounts).
 */
export async function runReplay(options: ReplayOptions): Promise<ReplayRun> {
  const planner = makePlanner(options.policy);
  if (planner === undefined) {
    return { ok: false, error: { file: options.trace, field: '--policy', message: `unknown policy '${options.policy}'; known: ${plannerNames().join(', ')}` } };
  }
  const missingEstimate = options.missingEstimate ?? 'runtime';
  const loaded = await loadSwfWorkload(options.trace, {
    missingEstimate,
    ...(options.processors === undefined ? {} : { processors: options.processors }),
    ...(options.skipBadLines === true ? { skipBadLines: true } : {}),
  });
  if (!loaded.ok) return loaded;
  const workload = loaded.value;
  options.onLoaded?.(workload);
  const result = simulate(workload.jobs, {
    cluster: uniformCluster(workload.processors),
    planner,
    validate: options.validate !== false,
    clockOrigin: REPLAY_CLOCK_ORIGIN,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  mkdirSync(options.outDir, { recursive: true });
  const files = {
    jobs: join(options.outDir, 'jobs.csv'),
    summary: join(options.outDir, 'summary.json'),
    schedule: join(options.outDir, 'schedule.swf'),
  };
  const jobsCsv = new JobsCsvWriter(files.jobs);
  const schedule = new ScheduleSwfWriter(files.schedule, [
    `Note: CraneLab replay of ${basename(options.trace)} under ${options.policy}`,
    `MaxNodes: ${workload.processors}`,
    `MaxProcs: ${workload.processors}`,
    ...(workload.header.unixStartTime === undefined ? [] : [`UnixStartTime: ${workload.header.unixStartTime}`]),
  ]);
  const metrics = new SummaryBuilder();
  writeRows(result.jobs, metrics, jobsCsv, schedule);
  jobsCsv.finish(result.rejected);
  schedule.close();
  const report: ReplayReport = {
    trace: basename(options.trace),
    policy: options.policy,
    processors: workload.processors,
    processors_from: workload.processorsFrom,
    missing_estimate: missingEstimate,
    unix_start_time: workload.header.unixStartTime ?? null,
    time_zone: workload.header.timeZoneString ?? null,
    metrics: metrics.build(result, workload.processors),
  };
  writeFileSync(files.summary, JSON.stringify(report, null, 2) + '\n');
  return { ok: true, value: { report, result, warnings: workload.warnings, files } };
}

/**
 * One pass over the rows for all three outputs: a finished replay builds a job's view each time
 * its row is read, so a pass per output built every view three times. (A small function of its
 * own: its loop is optimized early, which the loop of a long async function is not.)
 */
function writeRows(rows: SimulationResult['jobs'], metrics: SummaryBuilder, jobsCsv: JobsCsvWriter, schedule: ScheduleSwfWriter): void {
  for (let i = 0; i < rows.length; i++) {
    const view = rows[i]!.view;
    metrics.add(view);
    jobsCsv.row(view);
    schedule.row(view);
  }
}
