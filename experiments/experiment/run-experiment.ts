import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { renderReport } from '../report/index.js';
import { codeVersion } from './code-version.js';
import { versions } from './package-info.js';
import { hashFile, inputHash, planRuns, type PlannedRun, type RunTask } from './plan.js';
import { groupResults, type ExperimentResults, type RunResult } from './results.js';
import { RunStore } from './run-store.js';
import type { Experiment } from './schema.js';
import { writeAtomically, writeConfidenceCsv, writeSummaryCsv, writeSummaryJson } from './summary-files.js';
import { runTasks } from './worker-pool.js';

export interface ExperimentProgress {
  readonly total: number;
  /** Runs found in the cache. */
  readonly cached: number;
  /** Runs computed in this invocation so far. */
  readonly computed: number;
  readonly failed: number;
  /** Overall completion 0..1, counting the finished share of running runs. */
  readonly fraction: number;
}

export interface ExperimentRunOptions {
  readonly outDir: string;
  /** Worker threads (default: the experiment's `run.workers`, else the machine's cores). */
  readonly workers?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ExperimentProgress) => void;
}

export interface ExperimentFiles {
  readonly report: string;
  readonly summaryCsv: string;
  readonly confidenceCsv: string;
  readonly summaryJson: string;
  readonly runs: string;
}

export type ExperimentOutcome =
  | {
      readonly ok: true;
      readonly files: ExperimentFiles;
      /** Distinct runs (identical cells share one run). */
      readonly runs: number;
      readonly computed: number;
      readonly cached: number;
      readonly workers: number;
      readonly results: ExperimentResults;
    }
  | { readonly ok: false; readonly reason: 'failed'; readonly messages: readonly string[] }
  | { readonly ok: false; readonly reason: 'aborted'; readonly saved: number; readonly remaining: number };

/**
 * Runs an experiment: plans every (trace, variant, profile, seed) run, computes those not in the
 * cache (`<out>/runs/<content hash>/`) on worker threads, then writes summary.csv, summary-ci.csv,
 * summary.json and report.html into `outDir`. Outputs depend only on the inputs and the code.
 */
export async function runExperiment(experiment: Experiment, options: ExperimentRunOptions): Promise<ExperimentOutcome> {
  const v = versions();
  const code = codeVersion(v.cranelab);
  const hashes = new Map<string, string>(); // each input file hashed once (scenarios name several)
  const hashOnce = (file: string): string => {
    let h = hashes.get(file);
    if (h === undefined) hashes.set(file, (h = hashFile(file)));
    return h;
  };
  const planned = planRuns(experiment, code, hashOnce);
  const traceHashes = new Map(experiment.traces.map((t) => [t.file, inputHash(t, hashOnce)]));
  mkdirSync(options.outDir, { recursive: true });
  const store = new RunStore(options.outDir);
  store.removeTemporary();

  const distinct = distinctTasks(planned);
  const pending = distinct.filter((t) => !store.has(t));
  const cached = distinct.length - pending.length;
  const workers = Math.max(0, Math.min(options.workers ?? experiment.run.workers ?? availableParallelism(), pending.length));
  let computed = 0;
  let failed = 0;
  const partial = new Map<string, number>();
  const report = (): void =>
    options.onProgress?.({
      total: distinct.length,
      cached,
      computed,
      failed,
      fraction: distinct.length === 0 ? 1 : (cached + computed + failed + [...partial.values()].reduce((s, x) => s + x, 0)) / distinct.length,
    });
  report();
  const outcome = await runTasks(pending, {
    workers,
    outDir: options.outDir,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    onEvent: (e) => {
      switch (e.type) {
        case 'started':
          partial.set(e.key, 0);
          return;
        case 'progress':
          partial.set(e.key, e.total > 0 ? e.finished / e.total : 0);
          report();
          return;
        case 'done':
          partial.delete(e.key);
          computed++;
          report();
          return;
        case 'failed':
          partial.delete(e.key);
          failed++;
          report();
          return;
      }
    },
  });
  if (outcome.failed.length > 0) {
    return { ok: false, reason: 'failed', messages: [...new Set(outcome.failed.map((f) => f.message))] };
  }
  if (outcome.aborted) return { ok: false, reason: 'aborted', saved: cached + computed, remaining: distinct.length - cached - computed };

  const runs: RunResult[] = planned.map((run) => ({ run, record: store.load(run.task.key) }));
  const results = groupResults(experiment, runs, traceHashes, v, code);
  const files: ExperimentFiles = {
    report: join(options.outDir, 'report.html'),
    summaryCsv: join(options.outDir, 'summary.csv'),
    confidenceCsv: join(options.outDir, 'summary-ci.csv'),
    summaryJson: join(options.outDir, 'summary.json'),
    runs: store.dir,
  };
  writeSummaryCsv(files.summaryCsv, results);
  writeConfidenceCsv(files.confidenceCsv, results);
  writeSummaryJson(files.summaryJson, results);
  writeAtomically(files.report, (temp) => writeFileSync(temp, renderReport(results)));
  return { ok: true, files, runs: distinct.length, computed, cached, workers, results };
}

/** One task per distinct key; a task asks for jobs.csv if any cell with its key does. */
function distinctTasks(planned: readonly PlannedRun[]): RunTask[] {
  const byKey = new Map<string, RunTask>();
  for (const { task } of planned) {
    const seen = byKey.get(task.key);
    if (seen === undefined) byKey.set(task.key, task);
    else if (task.jobsCsv && !seen.jobsCsv) byKey.set(task.key, { ...seen, jobsCsv: true });
  }
  return [...byKey.values()];
}
