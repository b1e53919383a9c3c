import type { Millis } from '../model/time.js';
import type { PreemptMode } from './cluster-types.js';
import { describeValue, formatPath, type ConfigPath, type Issues } from './issues.js';
import { countLimit, cpuLimit, perJobTime, readLimitFields, tresLimit, wallBudget, type LimitField } from './limits.js';
import { optional, readInt, readList, readMap, readName, readNameList, readString, requireKey, UINT32_MAX, type PlainMap } from './read.js';
import type { Tres } from './tres.js';

/** CraneSched's default QoS priority (`kDefaultQosPriority`). */
export const DEFAULT_QOS_PRIORITY = 1000;

/**
 * Every QoS limit of CRANESCHED.md §4.4 (CraneSched `Qos`). Absent means unlimited. "Running"
 * limits are checked at scheduling time over the user and the whole account chain; "submit"
 * limits at submission.
 */
export interface QosLimits {
  /** `MaxJobsPerUser`: running jobs of one user. */
  readonly maxJobsPerUser?: number;
  /** `MaxJobsPerAccount`: running jobs of one account (each account in the chain). */
  readonly maxJobsPerAccount?: number;
  /** `MaxJobs`: running jobs in this QoS. */
  readonly maxJobs?: number;
  /** `MaxSubmitJobsPerUser`: pending + running jobs of one user. */
  readonly maxSubmitJobsPerUser?: number;
  /** `MaxSubmitJobsPerAccount`: pending + running jobs of one account. */
  readonly maxSubmitJobsPerAccount?: number;
  /** `MaxSubmitJobs`: pending + running jobs in this QoS. */
  readonly maxSubmitJobs?: number;
  /** `MaxCpusPerUser`, milli-CPUs: at submission, one job's CPUs (`ERR_CPUS_PER_TASK_BEYOND`). */
  readonly maxCpusPerUser?: number;
  /** `MaxTres`: resources of all running jobs in this QoS. */
  readonly maxTres?: Tres;
  /** `MaxTresPerUser`: resources of one user's running jobs. */
  readonly maxTresPerUser?: Tres;
  /** `MaxTresPerAccount`: resources of one account's running jobs. */
  readonly maxTresPerAccount?: Tres;
  /** `MaxWall`, ms: the sum of the time limits of running jobs. */
  readonly maxWall?: Millis;
  /** `MaxTimeLimitPerJob`, ms: one job's time limit; a job with none gets this. */
  readonly maxTimeLimitPerJob?: Millis;
}

export interface QosConfig {
  readonly name: string;
  readonly description: string;
  /** `Priority` (uint32, default 1000): the multifactor QoS factor. */
  readonly priority: number;
  readonly limits: QosLimits;
  /** `Flags: DenyOnLimit`: running-count and TRES-usage limits also reject at submission. */
  readonly denyOnLimit: boolean;
  /** `Preempt`: QoS names whose jobs this QoS may preempt. */
  readonly preempt: readonly string[];
  /** `PreemptMode` (default OFF). */
  readonly preemptMode: PreemptMode;
}

export const QOS_LIMIT_FIELDS: readonly LimitField<keyof QosLimits>[] = [
  { key: 'MaxJobsPerUser', prop: 'maxJobsPerUser', parse: countLimit },
  { key: 'MaxJobsPerAccount', prop: 'maxJobsPerAccount', parse: countLimit },
  { key: 'MaxJobs', prop: 'maxJobs', parse: countLimit },
  { key: 'MaxSubmitJobsPerUser', prop: 'maxSubmitJobsPerUser', parse: countLimit },
  { key: 'MaxSubmitJobsPerAccount', prop: 'maxSubmitJobsPerAccount', parse: countLimit },
  { key: 'MaxSubmitJobs', prop: 'maxSubmitJobs', parse: countLimit },
  { key: 'MaxCpusPerUser', prop: 'maxCpusPerUser', parse: cpuLimit },
  { key: 'MaxTres', prop: 'maxTres', parse: tresLimit },
  { key: 'MaxTresPerUser', prop: 'maxTresPerUser', parse: tresLimit },
  { key: 'MaxTresPerAccount', prop: 'maxTresPerAccount', parse: tresLimit },
  { key: 'MaxWall', prop: 'maxWall', parse: wallBudget },
  { key: 'MaxTimeLimitPerJob', prop: 'maxTimeLimitPerJob', parse: perJobTime },
];

const QOS_SETTABLE = ['Priority', 'Flags', 'Preempt', 'PreemptMode', ...QOS_LIMIT_FIELDS.map((f) => f.key)];
const QOS_KEYS = ['Name', 'Description', ...QOS_SETTABLE];
const PREEMPT_MODES: readonly PreemptMode[] = ['OFF', 'CANCEL', 'REQUEUE'];
/** CraneSched's docs call the per-job limit `MaxTimeLimitPerTask`; its code and protocol say `MaxTimeLimitPerJob`. */
const QOS_HINTS = { MaxTimeLimitPerTask: 'MaxTimeLimitPerJob' };

/** A timed change to a QoS (`cacctmgr modify qos`): present fields replace, `null` limits are removed. */
export interface QosPatch {
  readonly priority?: number;
  readonly limits?: { readonly [K in keyof QosLimits]?: QosLimits[K] | null };
  readonly denyOnLimit?: boolean;
  readonly preempt?: readonly string[];
  readonly preemptMode?: PreemptMode;
}

/**
 * The `Qos` list of the accounts file. Names are unique; `Preempt` names existing QoS, never the
 * QoS itself, and the preempt graph has no cycle (CraneSched `CheckQosPreemptAcyclicNoLock_`).
 */
export function readQosList(issues: Issues, path: ConfigPath, v: unknown): readonly QosConfig[] | undefined {
  const list = readList(issues, path, v);
  if (list === undefined) return undefined;
  const out: QosConfig[] = [];
  const at = new Map<string, number>();
  let ok = true;
  list.forEach((entry, i) => {
    const q = readQos(issues, [...path, i], entry);
    if (q === undefined) ok = false;
    else if (at.has(q.name)) {
      issues.error([...path, i, 'Name'], `QoS '${q.name}' is already defined by ${formatPath([...path, at.get(q.name)!])}`);
      ok = false;
    } else {
      at.set(q.name, i);
      out.push(q);
    }
  });
  if (!ok) return undefined;
  out.forEach((q, i) => {
    for (const target of q.preempt) {
      if (target === q.name) issues.error([...path, i, 'Preempt'], `a QoS cannot preempt itself ('${q.name}')`);
      else if (!at.has(target)) issues.error([...path, i, 'Preempt'], `QoS '${target}' is not defined in Qos`);
    }
  });
  if (issues.count > 0) return undefined;
  const cycle = findPreemptCycle(out);
  if (cycle !== undefined) {
    issues.error([...path, at.get(cycle[0]!)!, 'Preempt'], `the preempt graph has a cycle: ${cycle.join(' -> ')} (CraneSched requires it acyclic)`);
    return undefined;
  }
  return out;
}

function readQos(issues: Issues, path: ConfigPath, v: unknown): QosConfig | undefined {
  const before = issues.count;
  const map = readMap(issues, path, v, { known: QOS_KEYS, hints: QOS_HINTS });
  if (map === undefined) return undefined;
  const name = requireKey(issues, path, map, 'Name') ? readName(issues, [...path, 'Name'], map['Name']) : undefined;
  const description = optional(issues, path, map, 'Description', readString, '');
  const patch = readSettable(issues, path, map, false);
  if (issues.count > before || name === undefined || description === undefined || patch === undefined) return undefined;
  return {
    name,
    description,
    priority: patch.priority ?? DEFAULT_QOS_PRIORITY,
    limits: (patch.limits ?? {}) as QosLimits,
    denyOnLimit: patch.denyOnLimit ?? false,
    preempt: patch.preempt ?? [],
    preemptMode: patch.preemptMode ?? 'OFF',
  };
}

/** A QoS change in a scenario: any settable key of a QoS definition (not `Name`/`Description`). */
export function readQosPatch(issues: Issues, path: ConfigPath, v: unknown): QosPatch | undefined {
  const before = issues.count;
  const map = readMap(issues, path, v, { known: QOS_SETTABLE, hints: QOS_HINTS });
  if (map === undefined) return undefined;
  if (Object.keys(map).length === 0) {
    issues.error(path, `expected at least one of: ${QOS_SETTABLE.join(', ')}`);
    return undefined;
  }
  const patch = readSettable(issues, path, map, true);
  return issues.count > before ? undefined : patch;
}

function readSettable(issues: Issues, path: ConfigPath, map: PlainMap, patch: boolean): QosPatch | undefined {
  const before = issues.count;
  const out: { -readonly [K in keyof QosPatch]: QosPatch[K] } = {};
  if (map['Priority'] !== undefined) {
    const p = readInt(issues, [...path, 'Priority'], map['Priority'], { max: UINT32_MAX });
    if (p !== undefined) out.priority = p;
  }
  if (map['Flags'] !== undefined) {
    const d = readFlags(issues, [...path, 'Flags'], map['Flags']);
    if (d !== undefined) out.denyOnLimit = d;
  }
  if (map['Preempt'] !== undefined) {
    const list = map['Preempt'] === null ? [] : readNameList(issues, [...path, 'Preempt'], map['Preempt']);
    if (list !== undefined) out.preempt = list;
  }
  if (map['PreemptMode'] !== undefined) {
    if (map['PreemptMode'] === 'SUSPEND') issues.error([...path, 'PreemptMode'], "'SUSPEND' is reserved in CraneSched's enum but not implemented; expected OFF, CANCEL or REQUEUE");
    else {
      const m = PREEMPT_MODES.find((x) => x === map['PreemptMode']);
      if (m === undefined) issues.error([...path, 'PreemptMode'], `expected one of ${PREEMPT_MODES.join(', ')}, got ${describeValue(map['PreemptMode'])}`);
      else out.preemptMode = m;
    }
  }
  const limits = readLimitFields(issues, path, map, QOS_LIMIT_FIELDS, patch);
  if (limits !== undefined && (Object.keys(limits).length > 0 || !patch)) out.limits = limits as QosPatch['limits'] & object;
  return issues.count > before ? undefined : out;
}

/** `Flags`: `DenyOnLimit`, `None`, or a list or comma string of them. */
function readFlags(issues: Issues, path: ConfigPath, v: unknown): boolean | undefined {
  const names = readNameList(issues, path, v);
  if (names === undefined) return undefined;
  let deny = false;
  for (const n of names) {
    if (n === 'DenyOnLimit') deny = true;
    else if (n !== 'None') {
      issues.error(path, `expected DenyOnLimit or None, got ${JSON.stringify(n)}`);
      return undefined;
    }
  }
  return deny;
}

/** A cycle in the preempt graph as a list of names ending where it starts, or undefined. */
export function findPreemptCycle(list: readonly Pick<QosConfig, 'name' | 'preempt'>[]): readonly string[] | undefined {
  const byName = new Map(list.map((q) => [q.name, q]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): readonly string[] | undefined => {
    const s = state.get(name);
    if (s === 'done') return undefined;
    if (s === 'open') return [...stack.slice(stack.indexOf(name)), name];
    state.set(name, 'open');
    stack.push(name);
    for (const next of byName.get(name)?.preempt ?? []) {
      const c = visit(next);
      if (c !== undefined) return c;
    }
    stack.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const q of list) {
    const c = visit(q.name);
    if (c !== undefined) return c;
  }
  return undefined;
}

/** Applies a QoS patch (pure). */
export function applyQosPatch(q: QosConfig, patch: QosPatch): QosConfig {
  const limits: Record<string, unknown> = { ...q.limits };
  for (const [k, v] of Object.entries(patch.limits ?? {})) {
    if (v === null) delete limits[k];
    else if (v !== undefined) limits[k] = v;
  }
  return {
    ...q,
    priority: patch.priority ?? q.priority,
    limits: limits as QosLimits,
    denyOnLimit: patch.denyOnLimit ?? q.denyOnLimit,
    preempt: patch.preempt ?? q.preempt,
    preemptMode: patch.preemptMode ?? q.preemptMode,
  };
}
