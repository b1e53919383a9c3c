import { accountsAdmission, type AccountsAdmission } from '../../core/index.js';
import type { SimJob, SimulationOptions } from '../../runtime-sim/index.js';
import { readYamlFile } from '../../traces/config/index.js';
import type { Scenario, ScenarioJob } from '../../traces/scenario/index.js';
import { mapAdminEvents, RESERVATION_EVENTS, UNSUPPORTED_EVENTS } from './admin-events.js';
import { SimJobMapper, type ShortLimits } from './job-spec.js';
import { profileOrder, profilePlanner, resolveProfile, type FairShareSetting, type ResolvedProfile } from './profile.js';

export interface PrepareOptions {
  /** Overrides the scenario's `backfill` axis. */
  readonly policy?: string;
  /** Overrides the scenario's `fairShare` (and `halfLife`). */
  readonly fairShare?: FairShareSetting;
  /** Count and skip what the core does not support yet, instead of failing. */
  readonly ignoreUnsupported?: boolean;
  /** Default: `raise` for traces (SWF, Slurm variant), `keep` for hand-written jobs. */
  readonly shortLimits?: ShortLimits;
  readonly validate?: boolean;
  /** Plan every queued job (CraneSched planner), for views that show expected starts (the TUI). */
  readonly planEveryJob?: boolean;
}

/** Something a scenario asks for that the core cannot do yet, and where it is asked. */
export interface Unsupported {
  readonly kind: string;
  readonly file: string;
  readonly line: number;
}

export const formatUnsupported = (u: Unsupported): string => `not supported yet: ${u.kind} at ${u.file}:${u.line}`;

/** A scenario ready to simulate. */
export interface PreparedScenario {
  readonly scenario: Scenario;
  readonly profile: ResolvedProfile;
  readonly jobs: readonly SimJob[];
  readonly options: SimulationOptions;
  readonly admission: AccountsAdmission;
  /** What was skipped under `ignoreUnsupported`, by kind (event type, `reservation job`, `preemption`). */
  readonly ignored: Readonly<Record<string, number>>;
  /** Trace jobs whose time limit was raised to 11 s. */
  readonly raisedLimits: number;
  /** Things a user should know about this run (printed as warnings). */
  readonly notes: readonly string[];
}

export type Prepared =
  | { readonly ok: true; readonly value: PreparedScenario }
  | { readonly ok: false; readonly kind: 'unsupported'; readonly unsupported: readonly Unsupported[] }
  | { readonly ok: false; readonly kind: 'profile'; readonly axis: string; readonly message: string };

/**
 * Turns a loaded scenario into a simulation: the cluster file is the core's `ClusterSpec`, the
 * accounts file becomes the accounts admission policy, the profile the planner and queue order,
 * the workload `SimJob`s (job-spec.ts) and the admin events timed commands (admin-events.ts).
 * Reservations (events and `-r` jobs) and QoS preemption run under the CraneSched planner only;
 * QoS, account and user changes become accounts commands; partition ACL changes, partition
 * preemption, and reservations under a whole-node planner are not
 * supported: each is an `Unsupported` with its file and line, unless `ignoreUnsupported`, which
 * counts them, drops them (a job keeps running, without its `-r`) and says so in `notes`.
 */
export async function prepareScenario(scenario: Scenario, options: PrepareOptions = {}): Promise<Prepared> {
  const profile = resolveProfile(scenario.profile, scenario.cluster, options.policy, options.fairShare);
  if (!profile.ok) return { ok: false, kind: 'profile', axis: profile.axis, message: profile.message };
  const p = profile.value;
  const wholeNode = p.planner !== 'cranesched';
  if (wholeNode && scenario.cluster.partitions.length > 1) {
    return {
      ok: false,
      kind: 'profile',
      axis: options.policy === undefined ? 'profile.backfill' : '--policy',
      message: `${p.planner} places whole nodes of a single partition; this cluster has ${scenario.cluster.partitions.length} partitions: use cranesched`,
    };
  }
  const ignore = options.ignoreUnsupported === true;
  const unsupported: Unsupported[] = [];
  const ignored = new Map<string, number>();
  const note = (kind: string): void => void ignored.set(kind, (ignored.get(kind) ?? 0) + 1);

  const events = mapAdminEvents(scenario.events, !wholeNode);
  if (events.unsupported.length > 0) {
    for (const u of await eventLines(scenario.file, wholeNode ? [...UNSUPPORTED_EVENTS, ...RESERVATION_EVENTS] : UNSUPPORTED_EVENTS)) {
      if (ignore) note(u.kind);
      else unsupported.push(u);
    }
  }
  if (p.preemption !== 'none' && (wholeNode || p.preemption !== 'qos')) {
    const fromProfile = scenario.profile.preemption !== undefined;
    const where = fromProfile ? await lineOf(scenario.file, ['profile', 'preemption']) : await lineOf(scenario.clusterFile, ['Preempt', 'PreemptType']);
    const kind = `preemption (${wholeNode ? `${p.planner}: ` : ''}${fromProfile ? `profile.preemption ${p.preemption}` : `Preempt.PreemptType ${p.preemption}`})`;
    if (ignore) note('preemption');
    else unsupported.push({ kind, ...where });
  }

  const admission = accountsAdmission(scenario.accounts, scenario.cluster);
  const isTrace = scenario.workload.format !== 'jobs';
  const ctx = { cluster: scenario.cluster, directory: admission.directory, shortLimits: options.shortLimits ?? (isTrace ? 'raise' : 'keep'), dropReservations: ignore && wholeNode } as const;
  const { jobs, raisedLimits } = simJobs(scenario.workload.jobs, new SimJobMapper(ctx), (job) => {
    if (!wholeNode) return;
    if (ignore) note('reservation job');
    else unsupported.push({ kind: `reservation job (-r ${job.reservation})`, file: scenario.workload.file, line: job.line });
  });
  if (unsupported.length > 0) return { ok: false, kind: 'unsupported', unsupported };

  const notes: string[] = [];
  for (const [kind, n] of ignored) notes.push(`ignored (not supported yet): ${kind} (${n})`);
  if (raisedLimits > 0) notes.push(`${raisedLimits} trace job${raisedLimits === 1 ? '' : 's'} had a time limit under CraneSched's 11 s minimum; raised to 11 s`);
  // The profile's preemption over the cluster's `Preempt` (the core reads the cluster's).
  const { preempt } = scenario.cluster;
  const cluster =
    p.preemption === preempt.type
      ? scenario.cluster
      : { ...scenario.cluster, preempt: p.preemption === 'qos' ? { type: 'qos' as const, mode: preempt.mode === 'OFF' ? ('CANCEL' as const) : preempt.mode } : { type: 'none' as const, mode: 'OFF' as const } };
  const simOptions: SimulationOptions = {
    cluster,
    planner: profilePlanner(p, options.planEveryJob === true),
    order: profileOrder(p, scenario.cluster, admission.qosPriority, scenario.accounts),
    admission,
    admin: events.commands,
    validate: options.validate !== false,
  };
  return { ok: true, value: { scenario, profile: p, jobs, options: simOptions, admission, ignored: Object.fromEntries(ignored), raisedLimits, notes } };
}

/**
 * The workload's jobs as simulation jobs, and how many had their time limit raised; `onReservation`
 * hears of each job with a reservation. (A function of its own: its loop is optimized early, which
 * the loop of an async function is not.)
 */
function simJobs(workload: readonly ScenarioJob[], mapper: SimJobMapper, onReservation: (job: ScenarioJob) => void): { jobs: SimJob[]; raisedLimits: number } {
  const jobs: SimJob[] = [];
  let raisedLimits = 0;
  for (let i = 0; i < workload.length; i++) {
    const job = workload[i]!;
    if (job.reservation !== null) onReservation(job);
    jobs.push(mapper.map(job));
    if (mapper.raised) raisedLimits++;
  }
  return { jobs, raisedLimits };
}

/** The events of the given kinds in a scenario file, in file order, with their lines. */
async function eventLines(file: string, kinds: readonly string[]): Promise<Unsupported[]> {
  const yaml = await readYamlFile(file);
  if (!yaml.ok) throw new Error(`${file} was loaded but cannot be read again`);
  const list = (yaml.value.value as { events?: unknown }).events;
  if (!Array.isArray(list)) return [];
  const out: Unsupported[] = [];
  list.forEach((e: unknown, i) => {
    const type = (e as { type?: unknown } | null)?.type;
    if (typeof type === 'string' && kinds.includes(type)) out.push({ kind: type, file, line: yaml.value.lineOf(['events', i]) });
  });
  return out;
}

async function lineOf(file: string, path: readonly (string | number)[]): Promise<{ file: string; line: number }> {
  const yaml = await readYamlFile(file);
  return { file, line: yaml.ok ? yaml.value.lineOf(path) : 1 };
}
