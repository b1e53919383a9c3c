import '../tui/production-mode.js'; // first: React picks its build when it is loaded
import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { makePlanner, plannerNames } from '../../core/index.js';
import { loadClusterConfig } from '../../traces/config/index.js';
import { containerJobsToSim, loadContainerWorkload } from '../../traces/container/index.js';
import { DEFAULT_POD_CLUSTER } from '../replay/container-replay.js';
import { Simulation } from '../../runtime-sim/index.js';
import { loadScenario } from '../../traces/scenario/index.js';
import { formatUnsupported, prepareScenario } from '../scenario/index.js';
import { formatIssue, formatWarning, loadSwfWorkload, MISSING_ESTIMATE_MODES, type MissingEstimate } from '../../traces/index.js';
import { DEFAULT_SPEED, formatSpeed, parseSpeed, replaySource, runTui, SimulationSource } from '../tui/index.js';
import { UsageError } from './usage.js';

export const TUI_USAGE = `Usage: cranelab tui <trace.swf[.gz] | scenario.yaml | workload.jsonl> [options]

Replays an SWF trace on a simulated machine, a scenario (cluster, accounts,
workload and admin events) or a container workload (under cranesched; running
container jobs unfold into their Pod and steps), and shows it live in the
terminal: status bar, node grid, pending queue, running jobs and an event log.

Options:
  --policy P              fcfs, easy, conservative or cranesched (default: easy;
                          for a scenario, the scenario's profile)
  --procs N               machine size (default: the header's MaxProcs, else MaxNodes)
  --speed X               simulated time per wall second: a factor (600), a rate
                          (1m/s, 1h/s, 1d/s) or max (default: ${formatSpeed(DEFAULT_SPEED)})
  --paused                start paused (space starts)
  --missing-estimate M    runtime (default) or one-second: what a requested time of -1 means
  --skip-bad-lines        skip broken lines with a counted warning instead of failing
  --cluster FILE          container workload: the cluster (default:
                          experiments/examples/pods/cluster.yaml)
  --ignore-unsupported-events
                          scenario: skip what the core cannot do yet (partition preemption;
                          reservations, preemption under whole-node planners), counted
  -h, --help              this help

Keys: space pause, +/- speed, n next event, tab pane, arrows or j/k scroll,
/ filter by user, account or partition, ? help, q quit.`;

interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Runs `cranelab tui`; returns the process exit code. */
export async function tuiCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      policy: { type: 'string' },
      procs: { type: 'string' },
      speed: { type: 'string' },
      paused: { type: 'boolean' },
      'missing-estimate': { type: 'string' },
      'skip-bad-lines': { type: 'boolean' },
      'ignore-unsupported-events': { type: 'boolean' },
      cluster: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    io.out(TUI_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'tui: missing the trace file' : `tui: one trace file expected, got ${positionals.length}`);
  const trace = positionals[0]!;
  if (values.policy !== undefined && !plannerNames().includes(values.policy)) {
    throw new UsageError(`tui: unknown policy '${values.policy}'; known: ${plannerNames().join(', ')}`);
  }
  const isScenario = /\.ya?ml$/.test(trace);
  const policy = values.policy ?? 'easy';
  let processors: number | undefined;
  if (values.procs !== undefined) {
    processors = Number(values.procs);
    if (!/^\d+$/.test(values.procs) || processors <= 0) throw new UsageError(`tui: --procs must be a positive integer, got '${values.procs}'`);
  }
  const speed = values.speed === undefined ? { ok: true as const, value: DEFAULT_SPEED } : parseSpeed(values.speed);
  if (!speed.ok) throw new UsageError(`tui: ${speed.message}`);
  const missing = values['missing-estimate'] ?? 'runtime';
  if (!(MISSING_ESTIMATE_MODES as readonly string[]).includes(missing)) {
    throw new UsageError(`tui: --missing-estimate must be ${MISSING_ESTIMATE_MODES.join(' or ')}, got '${missing}'`);
  }
  if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) {
    io.err('cranelab: tui needs a terminal (stdin and stdout must be a TTY); use `cranelab replay` for batch runs');
    return 1;
  }
  io.err(`loading ${trace} ...`);
  if (/\.jsonl$/.test(trace)) {
    const source = await containerSource(trace, values.cluster, io);
    if (source === undefined) return 1;
    await runTui(source, { speed: speed.value, ...(values.paused === true ? { paused: true } : {}) });
    return 0;
  }
  if (values.cluster !== undefined) throw new UsageError('tui: --cluster is for container workloads (.jsonl)');
  if (isScenario) {
    const source = await scenarioSource(trace, values.policy, values['ignore-unsupported-events'] === true, io);
    if (source === undefined) return 1;
    await runTui(source, { speed: speed.value, ...(values.paused === true ? { paused: true } : {}) });
    return 0;
  }
  const loaded = await loadSwfWorkload(trace, {
    missingEstimate: missing as MissingEstimate,
    ...(processors === undefined ? {} : { processors }),
    ...(values['skip-bad-lines'] === true ? { skipBadLines: true } : {}),
  });
  if (!loaded.ok) {
    io.err(`cranelab: ${formatIssue(loaded.error)}`);
    return 1;
  }
  const workload = loaded.value;
  for (const w of workload.warnings) io.err(formatWarning(w));
  const source = replaySource(workload.jobs, {
    title: `${basename(trace)} ${policy} ${workload.processors}p`,
    policy,
    processors: workload.processors,
    timeBase: { unixStart: workload.header.unixStartTime ?? null, timeZone: workload.header.timeZoneString ?? null },
  });
  if (!source.ok) throw new UsageError(`tui: ${source.message}`);
  await runTui(source.value, { speed: speed.value, ...(values.paused === true ? { paused: true } : {}) });
  return 0;
}

/** A container workload (traces/container) on a cluster file, under cranesched, as a live source. */
async function containerSource(file: string, clusterFile: string | undefined, io: Io): Promise<SimulationSource | undefined> {
  const cluster = await loadClusterConfig(clusterFile ?? DEFAULT_POD_CLUSTER);
  if (!cluster.ok) {
    for (const issue of cluster.issues) io.err(`cranelab: ${formatIssue(issue)}`);
    return undefined;
  }
  const workload = await loadContainerWorkload(file);
  if (!workload.ok) {
    for (const issue of workload.issues) io.err(`cranelab: ${formatIssue(issue)}`);
    return undefined;
  }
  const jobs = containerJobsToSim(workload.value.jobs, cluster.value);
  if (!jobs.ok) {
    for (const issue of jobs.issues) io.err(`cranelab: ${file}: ${issue}`);
    return undefined;
  }
  return new SimulationSource(new Simulation(jobs.value, { cluster: cluster.value, planner: makePlanner('cranesched', { planEveryJob: true })! }), {
    title: `${basename(file)} cranesched ${cluster.value.nodes.length}n`,
    timeBase: { unixStart: null, timeZone: null },
  });
}

/** A scenario file (cluster, accounts, workload, events; traces/scenario) as a live source. */
async function scenarioSource(file: string, policy: string | undefined, ignoreUnsupported: boolean, io: Io): Promise<SimulationSource | undefined> {
  const loaded = await loadScenario(file);
  if (!loaded.ok) {
    for (const issue of loaded.issues) io.err(`cranelab: ${formatIssue(issue)}`);
    return undefined;
  }
  const scenario = loaded.value;
  const prepared = await prepareScenario(scenario, { ...(policy === undefined ? {} : { policy }), ignoreUnsupported, planEveryJob: true });
  if (!prepared.ok) {
    if (prepared.kind === 'profile') io.err(`cranelab: ${prepared.axis}: ${prepared.message}`);
    else for (const u of prepared.unsupported) io.err(`cranelab: ${formatUnsupported(u)} (run with --ignore-unsupported-events to skip)`);
    return undefined;
  }
  for (const w of [...loaded.warnings, ...scenario.workload.warnings]) io.err('count' in w ? formatWarning(w) : formatIssue(w));
  for (const note of prepared.value.notes) io.err(`note: ${note}`);
  const p = prepared.value;
  return new SimulationSource(new Simulation(p.jobs, p.options), {
    title: `${scenario.name} ${p.profile.planner} ${scenario.cluster.nodes.length}n`,
    timeBase: { unixStart: null, timeZone: null },
  });
}
