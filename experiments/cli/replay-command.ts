import { parseArgs } from 'node:util';
import { basename, join } from 'node:path';
import { backfillPolicyNames } from '../../core/index.js';
import { formatIssue, formatWarning, MISSING_ESTIMATE_MODES, type MissingEstimate } from '../../traces/index.js';
import { runReplay } from '../replay/replay.js';
import { count, duration, traceDate } from './format.js';
import { ProgressBar } from './progress.js';
import { UsageError } from './usage.js';

export const REPLAY_USAGE = `Usage: cranelab replay <trace.swf[.gz]> --policy fcfs|easy|conservative [options]

Replays an SWF trace on a simulated machine of one-CPU nodes and writes
DIR/jobs.csv, DIR/summary.json and DIR/schedule.swf.

Options:
  --policy P              fcfs, easy or conservative (required)
  --out DIR               output folder (default: out/<trace>-<policy>)
  --procs N               machine size (default: the header's MaxProcs, else MaxNodes)
  --missing-estimate M    runtime (default) or one-second: what a requested time of -1 means
  --skip-bad-lines        skip broken lines with a counted warning instead of failing
  --no-validate           do not check schedule invariants while replaying (a little faster)
  --quiet                 print nothing but errors
  -h, --help              this help`;

interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Runs `cranelab replay`; returns the process exit code. */
export async function replayCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      policy: { type: 'string' },
      out: { type: 'string' },
      procs: { type: 'string' },
      'missing-estimate': { type: 'string' },
      'skip-bad-lines': { type: 'boolean' },
      'no-validate': { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    io.out(REPLAY_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'replay: missing the trace file' : `replay: one trace file expected, got ${positionals.length}`);
  const trace = positionals[0]!;
  const policy = values.policy;
  if (policy === undefined) throw new UsageError(`replay: --policy is required (${backfillPolicyNames().join(', ')})`);
  if (!backfillPolicyNames().includes(policy)) throw new UsageError(`replay: unknown policy '${policy}'; known: ${backfillPolicyNames().join(', ')}`);
  let processors: number | undefined;
  if (values.procs !== undefined) {
    processors = Number(values.procs);
    if (!/^\d+$/.test(values.procs) || processors <= 0) throw new UsageError(`replay: --procs must be a positive integer, got '${values.procs}'`);
  }
  const missing = values['missing-estimate'] ?? 'runtime';
  if (!(MISSING_ESTIMATE_MODES as readonly string[]).includes(missing)) {
    throw new UsageError(`replay: --missing-estimate must be ${MISSING_ESTIMATE_MODES.join(' or ')}, got '${missing}'`);
  }
  const quiet = values.quiet === true;
  const outDir = values.out ?? join('out', `${basename(trace).replace(/\.(swf)(\.gz)?$/, '')}-${policy}`);
  const bar = new ProgressBar(`replay ${basename(trace)} ${policy}`);
  const started = performance.now();
  const run = await runReplay({
    trace,
    policy,
    outDir,
    missingEstimate: missing as MissingEstimate,
    ...(processors === undefined ? {} : { processors }),
    ...(values['skip-bad-lines'] === true ? { skipBadLines: true } : {}),
    validate: values['no-validate'] !== true,
    onLoaded: (w) => {
      if (quiet) return;
      for (const warning of w.warnings) io.err(formatWarning(warning));
    },
    ...(quiet ? {} : { onProgress: (done: number, total: number) => bar.update(done, total) }),
  });
  bar.done();
  if (!run.ok) {
    io.err(`cranelab: ${formatIssue(run.error)}`);
    return 1;
  }
  const wall = (performance.now() - started) / 1000;
  if (!quiet) {
    const { report, files } = run.value;
    const m = report.metrics;
    const lines = [
      `trace        ${report.trace} on ${count(report.processors)} processors (${report.processors_from === 'option' ? '--procs' : report.processors_from}), policy ${report.policy}`,
      `jobs         ${count(m.jobs)} (${count(m.jobs_finished)} finished, ${count(m.jobs_rejected)} rejected, ${count(m.jobs_killed_at_limit)} killed at their time limit)`,
      `wait         mean ${duration(m.mean_wait)}, max ${duration(m.max_wait)}`,
      `bounded sld  mean ${m.mean_bounded_slowdown.toFixed(2)} (tau = 10 s)`,
      `utilization  ${(m.utilization * 100).toFixed(1)}%`,
      `makespan     ${count(m.makespan)} s (${duration(m.makespan)})`,
      `simulated    ${traceDate(m.first_submission, report.unix_start_time)} to ${traceDate(m.last_finish, report.unix_start_time)}`,
      `wall time    ${wall.toFixed(2)} s, ${count(Math.round(m.events / Math.max(wall, 1e-9)))} events/s`,
      `wrote        ${files.jobs}, ${files.summary}, ${files.schedule}`,
    ];
    for (const line of lines) io.out(line);
  }
  return 0;
}
