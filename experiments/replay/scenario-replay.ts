import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative } from 'node:path';
import { runsLength } from '../../core/index.js';
import type { SimulationResult } from '../../runtime-sim/index.js';
import { formatIssue, type InputIssue, type InputWarning } from '../../traces/index.js';
import { loadScenario, type Scenario } from '../../traces/scenario/index.js';
import { SummaryBuilder, type ReplaySummary } from '../metrics/summary.js';
import { JobsCsvWriter } from '../output/jobs-csv.js';
import { ScheduleSwfWriter } from '../output/swf-export.js';
import { formatUnsupported, prepareScenario, runScenario, type PreparedScenario } from '../scenario/index.js';

export interface ScenarioReplayOptions {
  readonly scenario: string;
  /** Overrides the scenario's `backfill` axis (fcfs, easy, conservative, cranesched). */
  readonly policy?: string;
  /** Default: out/<scenario name>-<policy>. */
  readonly outDir?: string;
  /** Count and skip reservations, QoS/limit changes and preemption instead of failing. */
  readonly ignoreUnsupported?: boolean;
  readonly validate?: boolean;
  /** After loading: the load warnings and the run's notes (ignored events, raised limits, ...). */
  readonly onLoaded?: (prepared: PreparedScenario, warnings: readonly (InputIssue | InputWarning)[]) => void;
  readonly onProgress?: (finished: number, total: number) => void;
}

/** summary.json of a scenario replay: what ran and how, what happened, then the metrics. */
export interface ScenarioReport {
  readonly scenario: string;
  readonly file: string;
  readonly policy: string;
  readonly priority: string;
  readonly node_selection: string;
  readonly nodes: number;
  readonly cpus: number;
  /** Trace jobs whose time limit was raised to CraneSched's 11 s minimum. */
  readonly time_limits_raised: number;
  /** What `--ignore-unsupported-events` skipped, by kind. */
  readonly ignored_unsupported: Readonly<Record<string, number>>;
  /** Rejections by CraneSched error code, sorted by code. */
  readonly rejections: Readonly<Record<string, number>>;
  /** Per pending reason, how many distinct jobs had it at the end of some instant. */
  readonly pending_reasons: Readonly<Record<string, number>>;
  /** Admin commands refused when they happened (a hold on a running job, ...). */
  readonly admin_failures: number;
  /** Jobs that ended without running (cancelled or past their deadline while pending); not in the wait metrics. */
  readonly jobs_ended_pending: number;
  /** Jobs still pending when nothing more could happen, waiting for an outside action (`SimulationResult.leftPending`); not in the wait metrics. */
  readonly jobs_left_pending: number;
  /** CPU-time used by finished jobs / (the cluster's CPUs x makespan). */
  readonly cpu_utilization: number;
  /**
   * As for a trace replay, over the jobs that ran (`jobs` counts every job); `utilization` there
   * counts node-time, which overcounts when jobs share nodes: see `cpu_utilization`.
   */
  readonly metrics: ReplaySummary;
}

export interface ScenarioReplayOutcome {
  readonly report: ScenarioReport;
  readonly result: SimulationResult;
  readonly files: { readonly jobs: string; readonly summary: string; readonly schedule: string };
}

/** A failure: the lines to print, and whether the command line (2) or the input (1) is at fault. */
export type ScenarioReplayRun = { readonly ok: true; readonly value: ScenarioReplayOutcome } | { readonly ok: false; readonly exit: 1 | 2; readonly errors: readonly string[] };

/** Loads a scenario, replays it, and writes jobs.csv, summary.json and schedule.swf. */
export async function runScenarioReplay(options: ScenarioReplayOptions): Promise<ScenarioReplayRun> {
  const loaded = await loadScenario(options.scenario);
  if (!loaded.ok) return { ok: false, exit: 1, errors: loaded.issues.map(formatIssue) };
  const scenario = loaded.value;
  const prepared = await prepareScenario(scenario, {
    ...(options.policy === undefined ? {} : { policy: options.policy }),
    ignoreUnsupported: options.ignoreUnsupported === true,
    validate: options.validate !== false,
  });
  if (!prepared.ok) {
    if (prepared.kind === 'profile') return { ok: false, exit: prepared.axis === '--policy' ? 2 : 1, errors: [`${prepared.axis}: ${prepared.message}`] };
    return { ok: false, exit: 1, errors: [...prepared.unsupported.map((u) => formatUnsupported({ ...u, file: shortPath(u.file) })), 'run with --ignore-unsupported-events to skip these (they are counted and reported)'] };
  }
  const p = prepared.value;
  options.onLoaded?.(p, [...loaded.warnings, ...scenario.workload.warnings]);
  const run = runScenario(p, options.onProgress);
  const outDir = options.outDir ?? join('out', `${scenario.name}-${p.profile.planner}`);
  mkdirSync(outDir, { recursive: true });
  const files = { jobs: join(outDir, 'jobs.csv'), summary: join(outDir, 'summary.json'), schedule: join(outDir, 'schedule.swf') };
  const report = writeOutputs(scenario, p, run.result, run.pendingReasons, files);
  return { ok: true, value: { report, result: run.result, files } };
}

/**
 * Writes jobs.csv and schedule.swf and gathers the report's metrics in one pass over the rows (a
 * finished simulation builds a job's view each time its row is read: a pass per output and metric
 * built every view five times), then writes summary.json.
 */
function writeOutputs(
  scenario: Scenario,
  p: PreparedScenario,
  result: SimulationResult,
  pendingReasons: Readonly<Record<string, number>>,
  files: ScenarioReplayOutcome['files'],
): ScenarioReport {
  const nodes = scenario.cluster.nodes;
  const cpuMilli = nodes.reduce((s, n) => s + n.cpuMilli, 0);
  const jobsCsv = new JobsCsvWriter(files.jobs);
  const schedule = new ScheduleSwfWriter(files.schedule, [`Note: CraneLab replay of scenario ${scenario.name} under ${p.profile.planner}`, `MaxNodes: ${nodes.length}`, `MaxProcs: ${Math.floor(cpuMilli / 1000)}`]);
  const builder = new SummaryBuilder();
  const pass = writeRows(result.jobs, nodes, builder, jobsCsv, schedule);
  jobsCsv.finish(result.rejected);
  schedule.close();
  // The metrics of a trace replay over the jobs that ran (`jobs` counts every job).
  const metrics = { ...builder.build(result, nodes.length), jobs: result.jobs.length + result.rejected.length };
  const rejections = new Map<string, number>();
  for (const r of result.rejected) rejections.set(r.code, (rejections.get(r.code) ?? 0) + 1);
  const report: ScenarioReport = {
    scenario: scenario.name,
    file: basename(scenario.file),
    policy: p.profile.planner,
    priority: p.profile.priority,
    node_selection: p.profile.planner === 'cranesched' ? p.profile.nodeSelection : 'whole nodes, lowest index first',
    nodes: nodes.length,
    cpus: cpuMilli / 1000,
    time_limits_raised: p.raisedLimits,
    ignored_unsupported: p.ignored,
    rejections: Object.fromEntries([...rejections].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
    pending_reasons: pendingReasons,
    admin_failures: result.adminFailures.length,
    jobs_ended_pending: result.jobs.length - pass.ran - result.leftPending.length,
    jobs_left_pending: result.leftPending.length,
    cpu_utilization: metrics.makespan > 0 ? Math.round((pass.area / ((cpuMilli / 1000) * metrics.makespan)) * 1e6) / 1e6 : 0,
    metrics,
  };
  writeFileSync(files.summary, JSON.stringify(report, null, 2) + '\n');
  return report;
}

/**
 * The rows into both files and, for the jobs that ran, the metrics and the CPU-time area. Jobs
 * cancelled or past their deadline while pending ended without running (no wait or slowdown);
 * jobs left pending at the end (held for good, ...) never ran either. (A function of its own: its
 * loop is optimized early, which the loop of an async function is not.)
 */
function writeRows(
  rows: SimulationResult['jobs'],
  nodes: Scenario['cluster']['nodes'],
  builder: SummaryBuilder,
  jobsCsv: JobsCsvWriter,
  schedule: ScheduleSwfWriter,
): { readonly ran: number; readonly area: number } {
  let ran = 0;
  let area = 0;
  for (let i = 0; i < rows.length; i++) {
    const view = rows[i]!.view;
    if (view.state !== 'Pending' && (!Number.isFinite(view.endTime) || Number.isFinite(view.startTime))) {
      ran++;
      builder.add(view);
      if (Number.isFinite(view.endTime)) {
        const r = view.spec.request;
        // the node count from the stored runs: reading `nodes` would build the list
        const cpus = r.exclusive === true ? view.nodes.reduce((s, n) => s + nodes[n]!.cpuMilli, 0) : r.perNode.cpuMilli * (view.nodeRuns === undefined ? view.nodes.length : runsLength(view.nodeRuns()));
        area += (cpus / 1000) * ((view.endTime - view.startTime) / 1000);
      }
    }
    jobsCsv.row(view);
    schedule.row(view);
  }
  return { ran, area };
}

/** A path relative to the working directory when that is shorter to read. */
const shortPath = (file: string): string => (isAbsolute(file) ? relative(process.cwd(), file) || file : file);
