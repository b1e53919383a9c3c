import { parseArgs } from 'node:util';
import { join, relative } from 'node:path';
import { formatIssue } from '../../traces/index.js';
import { loadExperiment, runExperiment, type ExperimentProgress } from '../experiment/index.js';
import { progressLine } from '../experiment/progress-line.js';
import { duration } from './format.js';
import { UsageError } from './usage.js';

export const EXPERIMENT_USAGE = `Usage: cranelab experiment <experiment.yaml> [--out DIR] [options]

Runs every (trace, variant, profile, seed) of an experiment file on worker threads,
reusing runs cached under DIR/runs (an interrupted experiment resumes), and writes
DIR/report.html, DIR/summary.csv, DIR/summary-ci.csv and DIR/summary.json.

Options:
  --out DIR       output folder (default: out/<experiment name>)
  --workers N     worker threads (default: the file's run.workers, else the CPU cores;
                  0 computes in the main thread)
  --quiet         print nothing but errors and the report's path
  -h, --help      this help`;

interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Runs `cranelab experiment`; returns the process exit code (130 when interrupted). */
export async function experimentCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      workers: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    io.out(EXPERIMENT_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'experiment: missing the experiment file' : `experiment: one experiment file expected, got ${positionals.length}`);
  let workers: number | undefined;
  if (values.workers !== undefined) {
    if (!/^\d+$/.test(values.workers)) throw new UsageError(`experiment: --workers must be a non-negative integer, got '${values.workers}'`);
    workers = Number(values.workers);
  }
  const loaded = loadExperiment(positionals[0]!);
  if (!loaded.ok) {
    for (const issue of loaded.issues) io.err(`cranelab: ${formatIssue({ ...issue, file: relative(process.cwd(), issue.file) || issue.file })}`);
    return 1;
  }
  const experiment = loaded.value;
  const outDir = values.out ?? join('out', experiment.name);
  const quiet = values.quiet === true;
  const tty = process.stderr.isTTY === true && !quiet;
  let lastDraw = 0;
  const draw = (p: ExperimentProgress): void => {
    if (!tty) return;
    const now = performance.now();
    if (p.fraction < 1 && now - lastDraw < 100) return;
    lastDraw = now;
    process.stderr.write(`\r${experiment.name} ${progressLine(p)}\x1b[K`);
  };
  const abort = new AbortController();
  const onSigint = (): void => abort.abort();
  process.once('SIGINT', onSigint);
  const started = performance.now();
  let outcome;
  try {
    outcome = await runExperiment(experiment, { outDir, signal: abort.signal, onProgress: draw, ...(workers === undefined ? {} : { workers }) });
  } finally {
    process.removeListener('SIGINT', onSigint);
    if (tty) process.stderr.write('\r\x1b[K');
  }
  const wall = (performance.now() - started) / 1000;
  if (!outcome.ok) {
    switch (outcome.reason) {
      case 'failed':
        for (const m of outcome.messages) io.err(`cranelab: ${m}`);
        return 1;
      case 'aborted':
        io.err(`cranelab: interrupted; ${outcome.saved} run(s) saved in ${join(outDir, 'runs')}, ${outcome.remaining} to go: run the same command again to resume`);
        return 130;
    }
  }
  if (!quiet) {
    const e = experiment;
    io.out(`experiment   ${e.name}: ${e.traces.length} trace(s) × ${e.variants.length} variant(s) × ${e.profiles.length} profiles × ${e.seeds.length} seed(s)`);
    io.out(`runs         ${outcome.runs} (${outcome.computed} computed on ${outcome.workers} worker(s), ${outcome.cached} from the cache)`);
    for (const g of outcome.results.groups) {
      io.out(`${g.trace.name} · ${g.variant.name}:`);
      for (const p of g.profiles) {
        const a = p.aggregate;
        io.out(`  ${p.profile.name.padEnd(14)} mean wait ${duration(a.mean_wait.mean).padStart(10)}   mean bounded slowdown ${a.mean_bounded_slowdown.mean.toFixed(2).padStart(8)}   utilization ${(a.utilization.mean * 100).toFixed(1)}%`);
      }
    }
    io.out(`summary      ${outcome.files.summaryCsv}, ${outcome.files.confidenceCsv}, ${outcome.files.summaryJson}`);
    io.out(`wall time    ${wall.toFixed(1)} s`);
  }
  io.out(`report       ${outcome.files.report}`);
  return 0;
}
