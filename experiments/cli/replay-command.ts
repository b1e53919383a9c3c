import { parseArgs } from 'node:util';
import { basename, join } from 'node:path';
import { plannerNames } from '../../core/index.js';
import { formatIssue, formatWarning, MISSING_ESTIMATE_MODES, type InputIssue, type InputWarning, type MissingEstimate } from '../../traces/index.js';
import { runReplay } from '../replay/replay.js';
import { count, duration, traceDate } from './format.js';
import { ProgressBar } from './progress.js';
import { UsageError } from './usage.js';

export const REPLAY_USAGE = `Usage: cranelab replay <trace.swf[.gz]> --policy fcfs|easy|conservative|cranesched [options]
       cranelab replay --scenario FILE [--policy P] [options]
       cranelab replay <workload.jsonl> [--cluster FILE] [--step-order fifo|backfill] [--per-container] [options]

Replays an SWF trace on a simulated machine of one-CPU nodes, or a scenario (a cluster file, an
accounts file, a workload and timed admin events; see docs/scenarios.md), and writes
DIR/jobs.csv, DIR/summary.json and DIR/schedule.swf. A container workload (.jsonl, see
docs/container-workloads.md) runs under cranesched with Pods, image pulls and steps, and writes
DIR/jobs.csv, DIR/steps.csv and DIR/summary.json.

Options:
  --policy P              fcfs, easy, conservative or cranesched; required for a trace; for a
                          scenario it overrides the scenario's profile (default cranesched)
  --scenario FILE         replay a scenario file instead of a trace
  --ignore-unsupported-events
                          scenario only: skip what the core does not support yet (partition
                          preemption; reservations and preemption under whole-node planners)
                          with a counted warning, instead of failing
  --out DIR               output folder (default: out/<trace or scenario name>-<policy>)
  --procs N               trace only: machine size (default: the header's MaxProcs, else MaxNodes)
  --missing-estimate M    trace only: runtime (default) or one-second: what a requested time of -1 means
  --skip-bad-lines        trace only: skip broken lines with a counted warning instead of failing
  --cluster FILE          container workload only: the cluster (default: experiments/examples/pods/cluster.yaml)
  --step-order O          container workload only: fifo (CraneSched's, default) or backfill
  --step-cycle MS         container workload only: schedule pending steps every MS ms, as
                          CraneSched's step loop does (100), instead of at once (default)
  --per-container         container workload only: submit every container as a job of its own
                          (no Pod reuse), as in the Pods experiment
  --costs FILE            container workload only: cost-model overrides, YAML or JSON with the keys
                          of an experiment's containerCosts (docs/container-costs.md)
  --seed S                container workload only: seed of the random Pod failures that
                          podFailureRate > 0 draws (default 1)
  --no-validate           do not check schedule invariants while replaying (a little faster)
  --quiet                 print nothing but errors
  -h, --help              this help`;

interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

type Values = ReturnType<typeof parse>['values'];

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      policy: { type: 'string' },
      scenario: { type: 'string' },
      'ignore-unsupported-events': { type: 'boolean' },
      out: { type: 'string' },
      procs: { type: 'string' },
      'missing-estimate': { type: 'string' },
      'skip-bad-lines': { type: 'boolean' },
      'no-validate': { type: 'boolean' },
      cluster: { type: 'string' },
      'step-order': { type: 'string' },
      'step-cycle': { type: 'string' },
      'per-container': { type: 'boolean' },
      costs: { type: 'string' },
      seed: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** Runs `cranelab replay`; returns the process exit code. */
export async function replayCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help === true) {
    io.out(REPLAY_USAGE);
    return 0;
  }
  const policy = values.policy;
  if (policy !== undefined && !plannerNames().includes(policy)) throw new UsageError(`replay: unknown policy '${policy}'; known: ${plannerNames().join(', ')}`);
  const container = values.scenario === undefined && positionals.length === 1 && /\.jsonl$/.test(positionals[0]!);
  if (!container) {
    for (const o of ['cluster', 'step-order', 'step-cycle', 'per-container', 'costs', 'seed'] as const) {
      if (values[o] !== undefined) throw new UsageError(`replay: --${o} is for container workloads (.jsonl)`);
    }
  }
  if (values.scenario !== undefined) {
    if (positionals.length > 0) throw new UsageError(`replay: give a trace file or --scenario, not both (got ${positionals.join(' ')})`);
    for (const o of ['procs', 'missing-estimate', 'skip-bad-lines'] as const) {
      if (values[o] !== undefined) throw new UsageError(`replay: --${o} is for trace replays; a scenario's workload section sets it`);
    }
    return scenarioReplay(values.scenario, values, io);
  }
  if (container) return containerReplay(positionals[0]!, values, io);
  if (values['ignore-unsupported-events'] === true) throw new UsageError('replay: --ignore-unsupported-events needs --scenario');
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'replay: missing the trace file (or --scenario FILE)' : `replay: one trace file expected, got ${positionals.length}`);
  if (policy === undefined) throw new UsageError(`replay: --policy is required (${plannerNames().join(', ')})`);
  return traceReplay(positionals[0]!, policy, values, io);
}

async function traceReplay(trace: string, policy: string, values: Values, io: Io): Promise<number> {
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

async function scenarioReplay(file: string, values: Values, io: Io): Promise<number> {
  const quiet = values.quiet === true;
  const bar = new ProgressBar(`replay ${basename(file)}`);
  const started = performance.now();
  // Loaded on demand: the scenario loader (YAML, accounts, CraneSched profiles) is not needed for a trace.
  const { runScenarioReplay } = await import('../replay/scenario-replay.js');
  const run = await runScenarioReplay({
    scenario: file,
    ...(values.policy === undefined ? {} : { policy: values.policy }),
    ...(values.out === undefined ? {} : { outDir: values.out }),
    ignoreUnsupported: values['ignore-unsupported-events'] === true,
    validate: values['no-validate'] !== true,
    onLoaded: (prepared, warnings) => {
      if (quiet) return;
      for (const w of warnings) io.err(warningLine(w));
      for (const note of prepared.notes) io.err(`${basename(file)}: warning: ${note}`);
    },
    ...(quiet ? {} : { onProgress: (done: number, total: number) => bar.update(done, total) }),
  });
  bar.done();
  if (!run.ok) {
    for (const e of run.errors) io.err(`cranelab: ${e}`);
    return run.exit;
  }
  const wall = (performance.now() - started) / 1000;
  const left = run.value.result.leftPending;
  if (left.length > 0) {
    const named = left.slice(0, 10).map((id) => {
      const view = run.value.result.jobs[id]!.view;
      return `${view.spec.externalId} (${view.pendingReason})`;
    });
    io.err(`${basename(file)}: warning: ${count(left.length)} job(s) still pending when nothing more could happen: ${named.join(', ')}${left.length > 10 ? ', ...' : ''}`);
  }
  if (!quiet) {
    const { report: r, files } = run.value;
    const m = r.metrics;
    const list = (o: Readonly<Record<string, number>>): string => Object.entries(o).map(([k, n]) => `${k} ${count(n)}`).join(', ') || 'none';
    const lines = [
      `scenario     ${r.scenario}: ${count(r.nodes)} nodes, ${count(r.cpus)} CPUs; policy ${r.policy}, ${r.priority}, ${r.node_selection}`,
      `jobs         ${count(m.jobs)} (${count(m.jobs_finished)} finished, ${count(r.jobs_ended_pending)} ended while pending, ${count(r.jobs_left_pending)} left pending, ${count(m.jobs_rejected)} rejected, ${count(m.jobs_killed_at_limit)} killed at their time limit)`,
      `rejected     ${list(r.rejections)}`,
      `pending      ${list(r.pending_reasons)} (jobs that waited with each reason)`,
      `wait         mean ${duration(m.mean_wait)}, max ${duration(m.max_wait)}`,
      `bounded sld  mean ${m.mean_bounded_slowdown.toFixed(2)} (tau = 10 s)`,
      `utilization  ${(r.cpu_utilization * 100).toFixed(1)}% of CPU time`,
      `makespan     ${count(m.makespan)} s (${duration(m.makespan)})`,
      `wall time    ${wall.toFixed(2)} s, ${count(Math.round(m.events / Math.max(wall, 1e-9)))} events/s`,
      `wrote        ${files.jobs}, ${files.summary}, ${files.schedule}`,
    ];
    for (const line of lines) io.out(line);
  }
  return 0;
}

async function containerReplay(workload: string, values: Values, io: Io): Promise<number> {
  if (values.policy !== undefined && values.policy !== 'cranesched') throw new UsageError(`replay: container workloads run under cranesched (its resource-aware placement), not ${values.policy}`);
  for (const o of ['procs', 'missing-estimate', 'skip-bad-lines', 'ignore-unsupported-events'] as const) {
    if (values[o] !== undefined) throw new UsageError(`replay: --${o} is not for container workloads`);
  }
  const order = values['step-order'] ?? 'fifo';
  if (order !== 'fifo' && order !== 'backfill') throw new UsageError(`replay: --step-order must be fifo or backfill, got '${order}'`);
  const cycle = values['step-cycle'] === undefined ? undefined : Number(values['step-cycle']);
  if (cycle !== undefined && !(Number.isInteger(cycle) && cycle > 0)) throw new UsageError(`replay: --step-cycle must be a whole number of ms > 0, got '${values['step-cycle']}'`);
  const mode = values['per-container'] === true ? 'per-container' : 'pods';
  const quiet = values.quiet === true;
  const outDir = values.out ?? join('out', `${basename(workload).replace(/\.jsonl$/, '')}-${mode}`);
  const bar = new ProgressBar(`replay ${basename(workload)}`);
  const started = performance.now();
  // Loaded on demand, like the scenario replay: a trace replay does not need the container runtime.
  const { runContainerReplay } = await import('../replay/container-replay.js');
  const run = await runContainerReplay({
    workload,
    ...(values.cluster === undefined ? {} : { cluster: values.cluster }),
    outDir,
    mode,
    stepOrder: order,
    ...(cycle === undefined ? {} : { stepCycle: cycle }),
    ...(values.costs === undefined ? {} : { costs: values.costs }),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
    validate: values['no-validate'] !== true,
    ...(quiet ? {} : { onProgress: (done: number, total: number) => bar.update(done, total) }),
  });
  bar.done();
  if (!run.ok) {
    for (const e of run.errors) io.err(`cranelab: ${e}`);
    return 1;
  }
  if (!quiet) {
    const { report: r, files } = run.value;
    const m = r.metrics;
    const wall = (performance.now() - started) / 1000;
    const lines = [
      `workload     ${r.workload} on ${r.cluster}, ${r.mode}, steps ${r.step_order}`,
      `jobs         ${count(m.jobs)} (${count(m.jobs_completed)} completed, ${count(m.jobs_rejected)} rejected); steps ${count(m.steps)} (${count(m.steps_completed)} completed, ${count(m.steps_rejected)} refused)`,
      `queue wait   mean ${duration(m.mean_queue_wait)}; steps inside jobs mean ${duration(m.mean_step_wait_in_job)}`,
      `start-up     ${count(m.sandboxes)} Pod sandboxes (${duration(m.sandbox_time)}), ${count(m.image_pulls)} image pulls (${m.pulled_mib} MiB, ${duration(m.pull_time)}), container starts ${duration(m.container_start_time)}`,
      `utilization  ${(m.allocation_utilization * 100).toFixed(1)}% of allocated CPU time, ${(m.cluster_utilization * 100).toFixed(1)}% of the cluster`,
      `makespan     ${count(Math.round(m.makespan))} s (${duration(m.makespan)})`,
      `wall time    ${wall.toFixed(2)} s`,
      `wrote        ${files.jobs}, ${files.steps}, ${files.summary}`,
    ];
    for (const line of lines) io.out(line);
  }
  return 0;
}

const warningLine = (w: InputIssue | InputWarning): string => ('count' in w ? formatWarning(w) : formatIssue({ ...w, message: `warning: ${w.message}` }));
