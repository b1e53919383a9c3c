import {
  expandHostlist,
  optional,
  parseCpuMilli,
  parseDuration,
  parseGresRequest,
  parseMemoryAmount,
  readBool,
  readEnum,
  readInt,
  readMap,
  readName,
  readString,
  reader,
  requireKey,
  sortGres,
  type ConfigPath,
  type GresAmount,
  type Issues,
  type PlainMap,
} from '../../core/config/index.js';
import type { JobOutcome } from '../../core/index.js';
import { parseDependency } from './dependency.js';
import type { JobRequest, MemoryRequest, ScenarioJob } from './job.js';
import { resolveTasks } from './tasks.js';

/** Keys of a hand-written job: `cbatch`'s long option names, plus what the simulation needs. */
export const JOB_KEYS = [
  'id', 'submit', 'user', 'account', 'partition', 'qos', 'nodes', 'ntasks', 'ntasks-per-node', 'cpus-per-task', 'mem', 'mem-per-cpu',
  'gres', 'gpus-per-node', 'time', 'begin', 'deadline', 'hold', 'dependency', 'exclusive', 'nodelist', 'exclude', 'reservation',
  'requeue', 'runtime', 'exit-code', 'outcome',
];

/** `cbatch`'s short options, pointed to their long names. */
const SHORT_OPTIONS: Readonly<Record<string, string>> = {
  A: 'account', p: 'partition', q: 'qos', N: 'nodes', n: 'ntasks', c: 'cpus-per-task', t: 'time', b: 'begin', H: 'hold', d: 'dependency',
  w: 'nodelist', x: 'exclude', r: 'reservation', J: 'id', walltime: 'time', timelimit: 'time',
};

const OUTCOMES: readonly JobOutcome[] = ['Completed', 'Failed', 'Cancelled', 'ExceedTimeLimit'];
const duration = reader(parseDuration);
const memory = reader(parseMemoryAmount);

/**
 * Reads one hand-written job (a map with `cbatch` option names). `submit` and `user` are required;
 * `runtime` is a duration or `limit` (runs until killed at its time limit). Times (`submit`,
 * `begin`, `deadline`) are offsets from the workload's origin; durations are seconds, `HH:MM:SS` or
 * units (see core/config parseDuration).
 */
export function readHandWrittenJob(issues: Issues, path: ConfigPath, v: unknown, index: number, line: number): ScenarioJob | undefined {
  const before = issues.count;
  const map = readMap(issues, path, v, { known: JOB_KEYS, hints: SHORT_OPTIONS });
  if (map === undefined) return undefined;
  const at = (k: string): ConfigPath => [...path, k];
  const id = optional(issues, path, map, 'id', readJobId, String(index + 1));
  const submitTime = requireKey(issues, path, map, 'submit') ? duration(issues, at('submit'), map['submit']) : undefined;
  const user = requireKey(issues, path, map, 'user') ? readName(issues, at('user'), map['user']) : undefined;
  const account = optional(issues, path, map, 'account', readName, null);
  const partition = optional(issues, path, map, 'partition', readName, null);
  const qos = optional(issues, path, map, 'qos', readName, null);
  const request = readRequest(issues, path, map);
  const timeLimit = optional(issues, path, map, 'time', duration, null);
  const beginTime = optional(issues, path, map, 'begin', duration, null);
  const deadline = optional(issues, path, map, 'deadline', duration, null);
  const hold = optional(issues, path, map, 'hold', readBool, false);
  const dependency = optional(issues, path, map, 'dependency', reader((x) => (typeof x === 'string' || typeof x === 'number' ? parseDependency(String(x)) : parseDependency(''))), null);
  const exclusive = optional(issues, path, map, 'exclusive', readBool, false);
  const nodeList = optional(issues, path, map, 'nodelist', readHostlist, []);
  const excludeList = optional(issues, path, map, 'exclude', readHostlist, []);
  const reservation = optional(issues, path, map, 'reservation', readName, null);
  const requeue = optional(issues, path, map, 'requeue', readBool, null);
  const runtime = requireKey(issues, path, map, 'runtime') ? readRuntime(issues, at('runtime'), map['runtime']) : undefined;
  const exitCode = optional(issues, path, map, 'exit-code', (is, p, x) => readInt(is, p, x, { max: 255 }), 0);
  const outcome = optional(issues, path, map, 'outcome', (is, p, x) => readEnum(is, p, x, OUTCOMES), null);
  if (timeLimit !== undefined && timeLimit !== null && timeLimit === 0) issues.error(at('time'), 'expected a positive time limit, got 0');
  const job = { id, line, submitTime, user, account, partition, qos, request, timeLimit, beginTime, deadline, hold, dependency, exclusive, nodeList, excludeList, reservation, requeue, runtime, exitCode };
  if (issues.count > before || !allDefined(job)) return undefined;
  return { ...job, outcome: outcome ?? (job.exitCode === 0 ? 'Completed' : 'Failed') };
}

/** True when no property is `undefined` (each reader returns undefined only after an issue). */
export function allDefined<T extends object>(o: { [K in keyof T]: T[K] | undefined }): o is T {
  return Object.values(o).every((v) => v !== undefined);
}

function readJobId(issues: Issues, path: ConfigPath, v: unknown): string | undefined {
  const s = readString(issues, path, v);
  if (s === undefined) return undefined;
  if (!/^[A-Za-z0-9_.-]+$/.test(s)) {
    issues.error(path, `expected a job id of letters, digits, '_', '.' or '-', got ${JSON.stringify(s)}`);
    return undefined;
  }
  return s;
}

function readHostlist(issues: Issues, path: ConfigPath, v: unknown): readonly string[] | undefined {
  const s = readString(issues, path, v);
  if (s === undefined) return undefined;
  const r = expandHostlist(s);
  if (!r.ok) issues.error(path, r.message);
  return r.ok ? r.value : undefined;
}

function readRuntime(issues: Issues, path: ConfigPath, v: unknown): number | undefined {
  if (v === 'limit') return Number.POSITIVE_INFINITY;
  const r = parseDuration(v);
  if (!r.ok) issues.error(path, `${r.message}; or 'limit' (runs until killed at its time limit)`);
  return r.ok ? r.value : undefined;
}

function readRequest(issues: Issues, path: ConfigPath, map: PlainMap): JobRequest | undefined {
  const before = issues.count;
  const positive = (is: Issues, p: ConfigPath, x: unknown): number | undefined => readInt(is, p, x, { min: 1 });
  const nodes = optional(issues, path, map, 'nodes', positive, null);
  const ntasks = optional(issues, path, map, 'ntasks', positive, null);
  const perNode = optional(issues, path, map, 'ntasks-per-node', positive, null);
  const cpusPerTaskMilli = optional(issues, path, map, 'cpus-per-task', reader((x) => parseCpuMilli(x)), 1000);
  let mem: MemoryRequest = { kind: 'partition-default' };
  if (map['mem'] !== undefined && map['mem-per-cpu'] !== undefined) {
    issues.error([...path, 'mem-per-cpu'], 'mem and mem-per-cpu are mutually exclusive (as in CraneSched); give one');
  } else if (map['mem'] !== undefined) {
    const mib = memory(issues, [...path, 'mem'], map['mem']);
    if (mib !== undefined) mem = { kind: 'per-node', mib };
  } else if (map['mem-per-cpu'] !== undefined) {
    const mib = memory(issues, [...path, 'mem-per-cpu'], map['mem-per-cpu']);
    if (mib !== undefined) mem = { kind: 'per-cpu', mib };
  }
  let gres: readonly GresAmount[] = optional(issues, path, map, 'gres', reader(parseGresRequest), []) ?? [];
  if (map['gpus-per-node'] !== undefined) {
    const gpus = readInt(issues, [...path, 'gpus-per-node'], map['gpus-per-node'], { min: 1 });
    if (gres.some((g) => g.name === 'gpu')) issues.error([...path, 'gpus-per-node'], 'gpus-per-node and a gpu entry in gres both ask for GPUs; give one');
    else if (gpus !== undefined) gres = sortGres([...gres, { name: 'gpu', type: null, count: gpus }]);
  }
  if (issues.count > before || nodes === undefined || ntasks === undefined || perNode === undefined || cpusPerTaskMilli === undefined) return undefined;
  const tasks = resolveTasks(nodes, ntasks, perNode);
  if (!tasks.ok) {
    issues.error([...path, tasks.field], tasks.message);
    return undefined;
  }
  return { ...tasks.value, cpusPerTaskMilli, memory: mem, gresPerNode: gres };
}
